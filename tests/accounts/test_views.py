import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, RegionFactory

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


@pytest.mark.parametrize(
    ("persona", "home"), [("staff", "/staf/"), ("assessor", "/penilai/"), ("inspector", "/inspektur/")]
)
def test_each_role_is_sent_to_its_own_home(client, request, persona, home):
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, home)


def test_log_in_redirects_to_the_role_home(client, inspector):
    response = client.post(LOGIN, {"username": "inspektur", "password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/", 302), ("/inspektur/", 302)]
    assert response.context["region"].full_name == "Kota Blitar"


def test_wrong_password_is_refused_in_indonesian_without_a_session(client, staff):
    response = client.post(LOGIN, {"username": "staf", "password": "salah"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
    ]
    assert "_auth_user_id" not in client.session


# Who may open which page: 200 for the owner role, 404 for any other role, the log-in page for anonymous.
PAGES = {
    "/staf/": "staff",
    "/penilai/": "assessor",
    "/inspektur/": "inspector",
    "/wilayah/": "staff",
    "/wilayah/35.72/": "staff",
}


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("persona", ["staff", "assessor", "inspector", "other_inspector", "anonymous"])
def test_role_access_to_each_page(client, request, url, persona, kota_blitar):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = client.get(url)

    if persona == "anonymous":
        assert (response.status_code, response["Location"]) == (302, f"{LOGIN}?next={url}")
    elif PAGES[url] == persona or (PAGES[url] == "inspector" and persona == "other_inspector"):
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_inspector_home_shows_only_their_own_region(client, inspector, other_inspector):
    client.force_login(other_inspector)

    response = client.get("/inspektur/")

    assert response.context["region"].full_name == "Kota Mataram"
    assert "Kota Blitar" not in response.content.decode()


def test_navigation_shows_each_role_only_its_own_entries(client, staff, assessor, inspector):
    labels = {}
    for user in (staff, assessor, inspector):
        client.force_login(user)
        response = client.get("/akun/kata-sandi/")
        labels[user.username] = [str(item["label"]) for item in response.context["nav_items"]]

    assert labels == {
        "staf": ["Beranda", "Wilayah", "Skrining", "Program", "Bukti dukung", "Progres penilaian"],
        "penilai": ["Penilaian saya", "Bukti dukung"],
        "inspektur": ["Bukti dukung"],
    }


def test_admin_is_open_to_staff_only(client, staff, assessor):
    client.force_login(staff)
    assert client.get("/admin/regions/region/").status_code == 200
    client.force_login(assessor)
    assert client.get("/admin/regions/region/").status_code == 302


def test_region_list_searches_by_code_and_name_and_filters(
    client, staff, kota_blitar, kabupaten_blitar, kota_mataram
):
    client.force_login(staff)

    def names(**params):
        return [region.full_name for region in client.get("/wilayah/", params).context["object_list"]]

    assert names() == ["Kabupaten Blitar", "Kota Blitar", "Kota Mataram"]
    assert names(q="blitar") == ["Kabupaten Blitar", "Kota Blitar"]
    assert names(q="35.72") == ["Kota Blitar"]
    assert names(jenis="kota") == ["Kota Blitar", "Kota Mataram"]
    assert names(provinsi="52") == ["Kota Mataram"]
    assert names(q="tidak ada") == []


@pytest.mark.parametrize("count", [1, 60])
def test_region_list_queries_do_not_grow_with_rows(
    client, staff, django_assert_num_queries, count, jawa_timur
):
    RegionFactory.create_batch(count, province=jawa_timur)
    client.force_login(staff)

    # session, user, count, page of regions with provinces, province filter options
    with django_assert_num_queries(5):
        response = client.get("/wilayah/")

    assert len(response.context["object_list"]) == min(count, 50)


def test_password_change_in_indonesian(client, assessor):
    client.force_login(assessor)

    response = client.post(
        "/akun/kata-sandi/",
        {"old_password": PASSWORD, "new_password1": "Sandi-Baru-2025!", "new_password2": "Sandi-Baru-2025!"},
        follow=True,
    )

    assert response.redirect_chain == [("/akun/kata-sandi/selesai/", 302)]
    assessor.refresh_from_db()
    assert assessor.check_password("Sandi-Baru-2025!")


def test_password_reset_sends_an_indonesian_email_with_a_working_link(client, inspector):
    client.post("/akun/reset/", {"email": inspector.email})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Atur ulang kata sandi Antikorupsi"
    assert message.to == [inspector.email]
    assert message.body.startswith("Yth. Agus Setiawan,\n")
    link = next(line for line in message.body.splitlines() if "/akun/reset/" in line)
    confirm = client.get(link.replace("http://testserver", ""), follow=True)
    response = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "Sandi-Baru-2025!", "new_password2": "Sandi-Baru-2025!"},
    )
    assert (response.status_code, response["Location"]) == (302, reverse("password_reset_complete"))
    inspector.refresh_from_db()
    assert inspector.check_password("Sandi-Baru-2025!")


def test_logout_needs_post_and_ends_the_session(client, staff):
    client.force_login(staff)

    response = client.post("/akun/keluar/")

    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert "_auth_user_id" not in client.session


def test_english_is_available(client, staff):
    client.force_login(staff)

    client.post("/i18n/setlang/", {"language": "en", "next": "/staf/"})
    response = client.get("/staf/")

    assert [str(item["label"]) for item in response.context["nav_items"]][:2] == ["Home", "Regions"]


def test_indonesian_is_the_default_whatever_the_browser_prefers(client, staff):
    client.force_login(staff)

    response = client.get("/staf/", headers={"accept-language": "en-US,en;q=0.9"})

    assert [str(item["label"]) for item in response.context["nav_items"]][:2] == ["Beranda", "Wilayah"]
    assert response.headers["Content-Language"] == "id"
