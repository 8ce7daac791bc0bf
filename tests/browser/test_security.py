"""Two-step verification in a real browser: staff set up the authenticator from the set-up page (the test
reads the secret the page shows and computes the code, as the phone would), then log in with it. Every
page on the way runs under the Content-Security-Policy (conftest fails on a console violation)."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(secret_text: str, *, later: int = 0) -> str:
    totp = TOTP(b32decode(secret_text.replace(" ", "")))
    totp.time += later
    return f"{totp.token():06d}"


def test_staff_must_set_up_and_then_pass_the_second_factor(page, staff, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True

    log_in(page, staff.username, PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Pasang verifikasi dua langkah")
    page.goto("/admin/")  # the admin too asks for the second factor first
    expect(page.get_by_role("heading", level=1)).to_have_text("Pasang verifikasi dua langkah")
    expect(page.get_by_test_id("totp-qr").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Kode verifikasi").fill(code_for(secret))
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi dua langkah aktif")
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    assert page.url.endswith("/admin/")

    page.context.clear_cookies()  # a new session: password, then the code
    log_in(page, staff.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi dua langkah")
    # The code of the next 30-second step: the one used for the set-up cannot be used twice.
    page.get_by_label("Kode verifikasi").fill(code_for(secret, later=30))
    page.get_by_role("button", name="Verifikasi").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Selamat datang, Rina")


def test_ten_wrong_passwords_lock_the_account_with_the_wait(page, staff):
    for _attempt in range(10):
        log_in(page, staff.username, "salah-sandi")

    log_in(page, staff.username, PASSWORD)

    expect(page.locator(".alert-danger")).to_contain_text(
        "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara: coba lagi dalam 15 menit."
    )
    assert page.url.endswith("/akun/masuk/")
