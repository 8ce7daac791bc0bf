"""Log-in throttling (django-axes), the rate limits, two-step verification (django-otp) and the
Content-Security-Policy (django-csp), through the pages."""

import io
import re
from base64 import b32decode

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
LOCKED = (
    "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara: coba lagi dalam 15 menit. "
    "Jika Anda lupa kata sandi, gunakan \u201cLupa kata sandi?\u201d atau hubungi staf Dit Permas."
)


def wrong(client, username="staf", address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": "salah"}, REMOTE_ADDR=address)


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(client, staff):
    for _attempt in range(9):
        assert wrong(client).status_code == 200

    tenth = wrong(client)
    right = client.post(LOGIN, {"username": "staf", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert (tenth.status_code, right.status_code) == (429, 429)
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_the_account_from_another_address(client, staff):
    for number in range(10):
        wrong(client, address=f"10.0.1.{number}")

    response = client.post(LOGIN, {"username": "staf", "password": PASSWORD}, REMOTE_ADDR="10.0.2.1")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_the_address_whatever_the_account(client, staff, assessor):
    for number in range(10):
        wrong(client, username=f"tebakan{number}")

    response = client.post(LOGIN, {"username": "penilai", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429


def test_staff_unlock_in_the_admin_and_the_right_password_works_again(client, staff):
    for _attempt in range(10):
        wrong(client)
    colleague = UserFactory(username="staf2", staff=True)
    client.force_login(colleague)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert client.get(changelist).status_code == 200
    attempt = AccessAttempt.objects.get(username="staf")

    response = client.post(changelist, {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True)
    client.logout()
    again = client.post(LOGIN, {"username": "staf", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert [str(message) for message in response.context["messages"]] == ["1 kunci dibuka."]
    assert AccessAttempt.objects.filter(username="staf").count() == 0
    entry = AuditEntry.objects.get(action="accounts.log_in.unlock")
    assert (entry.actor, entry.before["username"], entry.before["failures"]) == (colleague, "staf", 10)
    assert (again.status_code, again["Location"]) == (302, "/")


def test_a_good_log_in_clears_the_count(client, staff):
    for _attempt in range(9):
        wrong(client)
    client.post(LOGIN, {"username": "staf", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    client.logout()

    assert wrong(client).status_code == 200


def test_password_reset_requests_are_limited_per_address(client, staff, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": (3, 3600)}
    url = reverse("password_reset")

    statuses = [client.post(url, {"email": "staf@example.org"}).status_code for _i in range(4)]
    refused = client.post(url, {"email": "staf@example.org"})

    assert statuses == [302, 302, 302, 429]
    assert "Terlalu banyak permintaan dari alamat Anda dalam waktu singkat. Coba lagi dalam" in (
        refused.content.decode()
    )
    # Another address is not held back.
    assert client.post(url, {"email": "staf@example.org"}, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_the_verification_page_is_limited_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "verification": (2, 60)}
    url = reverse("reports:verify", kwargs={"code": "TIDAKADA2345"})

    assert [client.get(url).status_code for _i in range(3)] == [404, 404, 429]


# Two-step verification.
def secret_from(page) -> bytes:
    match = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page.content.decode())
    return b32decode(match.group(1).replace(" ", ""))


def code(secret: bytes) -> str:
    return f"{TOTP(secret).token():06d}"


def test_staff_without_a_device_must_set_one_up_when_required(client, staff, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    client.force_login(staff)

    for url in ("/staf/", "/admin/", "/wilayah/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/akun/dua-langkah/pasang/?next={url.replace('/', '%2F')}",
        )


def test_set_up_with_the_qr_code_secret_then_recovery_codes(client, staff, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    client.force_login(staff)
    page = client.get("/akun/dua-langkah/pasang/?next=/staf/")
    assert TOTPDevice.objects.count() == 0  # showing the page stores nothing
    assert "<svg" in page.content.decode()
    secret = secret_from(page)

    refused = client.post("/akun/dua-langkah/pasang/", {"code": "000000", "next": "/staf/"})
    done = client.post("/akun/dua-langkah/pasang/", {"code": code(secret), "next": "/staf/"})

    assert refused.context["form"].errors == {
        "code": ["Kode salah atau sudah kedaluwarsa. Masukkan enam angka yang sedang tampil di aplikasi."]
    }
    assert len(done.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=staff).bin_key == secret
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert (
        AuditEntry.objects.filter(action="accounts.second_factor.enable", object_id=str(staff.pk)).count()
        == 1
    )
    assert client.get("/staf/").status_code == 200  # verified in this session


def enable(client, user) -> tuple[bytes, list[str]]:
    client.force_login(user)
    secret = secret_from(client.get("/akun/dua-langkah/pasang/"))
    codes = client.post("/akun/dua-langkah/pasang/", {"code": code(secret)}).context["codes"]
    client.logout()
    return secret, codes


def test_after_the_password_the_code_is_asked_and_a_recovery_code_works_once(client, assessor):
    _secret, codes = enable(client, assessor)

    logged_in = client.post(LOGIN, {"username": "penilai", "password": PASSWORD}, follow=True)
    assert logged_in.redirect_chain == [("/", 302), ("/akun/dua-langkah/masuk/?next=%2F", 302)]
    wrong_code = client.post("/akun/dua-langkah/masuk/?next=/penilai/", {"code": "123456"})
    assert wrong_code.context["form"].errors["code"] == [
        "Kode salah atau sudah dipakai. Setelah beberapa kode salah, tunggu sebentar sebelum mencoba lagi."
    ]
    # A wrong code slows down every device of the user (django-otp's throttling); skip the wait.
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=assessor).update(throttling_failure_count=0)
    response = client.post("/akun/dua-langkah/masuk/", {"code": codes[0], "next": "/penilai/"})
    assert (response.status_code, response["Location"]) == (302, "/penilai/")
    assert client.get("/penilai/").status_code == 200

    client.logout()
    client.post(LOGIN, {"username": "penilai", "password": PASSWORD})
    again = client.post("/akun/dua-langkah/masuk/", {"code": codes[0]})
    assert again.status_code == 200  # a recovery code works once
    assert client.get("/penilai/").status_code == 302


def test_others_may_turn_it_off_staff_may_not_when_required(client, assessor, staff, settings):
    enable(client, assessor)
    client.force_login(assessor)
    client.post("/akun/dua-langkah/masuk/", {"code": code(TOTPDevice.objects.get(user=assessor).bin_key)})

    client.post("/akun/dua-langkah/")

    assert TOTPDevice.objects.filter(user=assessor).count() == 0
    settings.OTP_REQUIRED_FOR_STAFF = True
    secret, _codes = enable(client, staff)
    client.force_login(staff)
    client.post("/akun/dua-langkah/masuk/", {"code": code(secret)})
    response = client.post("/akun/dua-langkah/", follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "Staf Dit Permas wajib memakai verifikasi dua langkah; fitur ini tidak dapat dimatikan."
    ]
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_the_demo_logs_staff_in_with_the_password_alone_when_debug(client, staff, settings):
    settings.OTP_REQUIRED_FOR_STAFF = False

    response = client.post(LOGIN, {"username": "staf", "password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/", 302), ("/staf/", 302)]


def test_an_administrator_resets_a_lost_second_factor_with_a_reason(client, staff, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    enable(client, staff)
    out = io.StringIO()

    with pytest.raises(CommandError, match="Tulis alasan pengaturan ulang"):
        call_command("reset_second_factor", "staf", "--reason", " ")
    call_command("reset_second_factor", "staf", "--reason", "Ponsel hilang, tiket 42", stdout=out)

    assert out.getvalue() == "Two-step verification of staf removed; the next log-in sets it up again.\n"
    assert TOTPDevice.objects.filter(user=staff).count() == 0
    assert AuditEntry.objects.get(action="accounts.second_factor.reset").reason == "Ponsel hilang, tiket 42"
    client.force_login(staff)
    assert client.get("/staf/")["Location"] == "/akun/dua-langkah/pasang/?next=%2Fstaf%2F"


def test_a_session_older_than_the_set_up_is_sent_to_the_code_not_round_in_circles(client, staff, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    client.force_login(staff)  # this session learnt at log-in that staff had no device yet
    other = type(client)()
    enable(other, staff)

    response = client.get("/staf/", follow=True)

    assert response.redirect_chain == [
        ("/akun/dua-langkah/pasang/?next=%2Fstaf%2F", 302),
        ("/akun/dua-langkah/masuk/?next=%2Fstaf%2F", 302),
    ]
