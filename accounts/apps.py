from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig


class AccountsConfig(AppConfig):
    default = True  # this module also holds the configs of the log-in security apps below
    name = "accounts"
    verbose_name = _("Pengguna")

    def ready(self):
        from accounts import security  # noqa: F401  (connects the log-in receiver)


# The log-in security apps under Indonesian names on the admin index (settings: the security block).
class LockoutsConfig(AxesConfig):
    verbose_name = _("Keamanan masuk: penguncian")


class AuthenticatorConfig(TotpConfig):
    verbose_name = _("Verifikasi dua langkah: aplikasi autentikator")


class RecoveryCodesConfig(StaticConfig):
    verbose_name = _("Verifikasi dua langkah: kode pemulihan")
