"""Accounts: creating people, changing what they are, setting their password, turning the second factor
(TOTP and recovery codes) on and off. Each in one transaction with an audit entry; people are deactivated
(``is_active``), never deleted, since their name stays on what they did."""

from binascii import unhexlify

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.services import record

USER_FIELDS = (
    "username",
    "name",
    "email",
    "position",
    "role",
    "institution",
    "province",
    "region",
    "is_active",
    "is_superuser",
)


def _snapshot(user: User) -> dict:
    return {
        field: getattr(user, f"{field}_id" if field in ("province", "region") else field)
        for field in USER_FIELDS
    }


def _check_superuser_change(fields: dict, by) -> None:
    if "is_superuser" in fields and not getattr(by, "is_superuser", False):
        raise PermissionDenied(_("Hanya superuser yang dapat mengubah status superuser."))


@transaction.atomic
def create_user(*, by, password: str | None, **fields) -> User:
    """A new account; ``password`` None leaves it without a usable password (set through the reset link)."""
    if unknown := set(fields) - set(USER_FIELDS):
        raise TypeError(f"create_user() cannot set {sorted(unknown)!r}")
    if fields.get("is_superuser"):
        _check_superuser_change(fields, by)
    user = User(**fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    record(actor=by, action="user.create", obj=user, after=_snapshot(user))
    return user


@transaction.atomic
def update_user(user: User, *, by, **changes) -> User:
    """Change a person's name, role, institution, region, active status..."""
    if unknown := set(changes) - set(USER_FIELDS):
        raise TypeError(f"update_user() cannot change {sorted(unknown)!r}")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if any(getattr(locked, field) != value for field, value in changes.items() if field == "is_superuser"):
        _check_superuser_change(changes, by)
    before = _snapshot(locked)
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.save()
    record(actor=by, action="user.update", obj=locked, before=before, after=_snapshot(locked))
    return locked


@transaction.atomic
def set_password(user: User, *, by, password: str | None) -> User:
    """A new password (None: no usable password). The audit entry says that it changed, never what to."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if password:
        locked.set_password(password)
    else:
        locked.set_unusable_password()
    locked.save(update_fields=["password"])
    record(actor=by, action="user.set_password", obj=locked, after={"usable": bool(password)})
    return locked


# Two-step verification.
RECOVERY_CODES = 10


def _clean_token(token: str) -> str:
    return "".join(str(token).split())


@transaction.atomic
def enable_second_factor(user, *, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app that holds ``key`` (hex) with one of its codes, and create the
    one-time recovery codes; returns the device and the codes, shown once."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Verifikasi dua langkah sudah aktif untuk akun ini."), code="already_enabled")
    token = _clean_token(token)
    if not (token.isdigit() and TOTP(unhexlify(key)).verify(int(token), tolerance=1)):
        raise ValidationError(
            _("Kode salah atau sudah kedaluwarsa. Masukkan enam angka yang sedang tampil di aplikasi."),
            code="wrong_code",
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=_("Aplikasi autentikator"), key=key, confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name=_("Kode pemulihan"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    record(actor=user, action="accounts.second_factor.enable", obj=user, after={"recovery_codes": len(codes)})
    return device, codes


@transaction.atomic
def disable_second_factor(user, *, by) -> None:
    """Remove the user's authenticator and recovery codes (refused where the second factor is required)."""
    from accounts.security import second_factor_required

    user = User.objects.select_for_update().get(pk=user.pk)
    if second_factor_required(user):
        raise ValidationError(
            _("Staf Dit Permas wajib memakai verifikasi dua langkah; fitur ini tidak dapat dimatikan."),
            code="required",
        )
    deleted, _counts = TOTPDevice.objects.filter(user=user).delete()
    static, _counts = StaticDevice.objects.filter(user=user).delete()
    if not (deleted or static):
        raise ValidationError(_("Verifikasi dua langkah belum aktif."), code="not_enabled")
    record(actor=by, action="accounts.second_factor.disable", obj=user)


@transaction.atomic
def reset_second_factor(user, *, by, reason: str) -> None:
    """A user lost both the phone and the recovery codes: remove the devices, so that the next log-in sets
    up a new one (staff who must have one are sent to the set-up page). Run by an administrator
    (``manage.py reset_second_factor``), with a written reason."""
    if not reason.strip():
        raise ValidationError(_("Tulis alasan pengaturan ulang."), code="reason_required")
    user = User.objects.select_for_update().get(pk=user.pk)
    deleted, _counts = TOTPDevice.objects.filter(user=user).delete()
    static, _counts = StaticDevice.objects.filter(user=user).delete()
    if not (deleted or static):
        raise ValidationError(_("Verifikasi dua langkah belum aktif."), code="not_enabled")
    record(actor=by, action="accounts.second_factor.reset", obj=user, reason=reason.strip())


def verify_second_factor(user, token: str):
    """The device (authenticator or an unused recovery code) that accepts ``token``, else None. A recovery
    code is used up; both kinds slow down after wrong codes (django-otp's throttling)."""
    token = _clean_token(token)
    if not token:
        return None
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            if device.verify_token(token):
                return device
    return None


@transaction.atomic
def unlock_log_in(attempts, *, by) -> int:
    """Lift django-axes' lock on the accounts and addresses of ``attempts`` (AccessAttempt rows) before the
    wait is over: the rows go, and an audit entry names each."""
    from axes.models import AccessAttempt

    count = 0
    for attempt in AccessAttempt.objects.select_for_update().filter(pk__in=[a.pk for a in attempts]):
        record(
            actor=by,
            action="accounts.log_in.unlock",
            obj=attempt,
            before={
                "username": attempt.username,
                "ip_address": attempt.ip_address,
                "failures": attempt.failures_since_start,
            },
        )
        attempt.delete()
        count += 1
    return count
