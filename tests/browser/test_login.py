import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("staff", "Selamat datang, Rina"),
        ("assessor", "Penilaian saya"),
        ("inspector", "Bukti dukung Kota Blitar"),
    ],
)
def test_each_role_lands_on_its_home_page(page, request, persona, heading):
    user = request.getfixturevalue(persona)

    log_in(page, user.username, PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_test_id("user-menu")).to_contain_text(user.name)


def test_wrong_password_gets_an_indonesian_error_and_no_session(page, staff):
    log_in(page, staff.username, "salah-sandi")

    expect(page.locator(".alert-danger")).to_have_text(
        "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
    )
    assert page.url.endswith("/akun/masuk/")
    assert [cookie["name"] for cookie in page.context.cookies() if cookie["name"] == "sessionid"] == []
    page.goto("/staf/")
    assert "/akun/masuk/?next=/staf/" in page.url
