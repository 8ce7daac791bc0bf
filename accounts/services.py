"""Accounts: creating people, changing what they are, setting their password. Each in one transaction with
an audit entry; people are deactivated (``is_active``), never deleted, since their name stays on what they
did."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

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
