from contextvars import ContextVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from accounts import (
    admin_security,  # noqa: F401  (the log-in lockouts: accounts/admin_security.py)
    services,
)
from accounts.admin_doors import ServiceAdminMixin
from accounts.models import User

# Permissions come from django-rules (accounts/rules.py), not from groups: the group admin would only
# mislead.
admin.site.unregister(Group)

# The user changing a password in the admin: Django's password view calls ``form.save()`` without the
# request, and the service needs to know who acts.
_acting_user: ContextVar = ContextVar("acting_user")


class PasswordChangeForm(AdminPasswordChangeForm):
    """Saves through ``accounts.services.set_password`` (audit entry, no hash in it)."""

    def save(self, commit=True):
        usable = self.cleaned_data.get("set_usable_password", True)
        password = self.cleaned_data.get("password1") if usable else None
        return services.set_password(self.user, by=_acting_user.get(None), password=password)


@admin.register(User)
class UserAdmin(ServiceAdminMixin, DjangoUserAdmin):
    """People are created and changed through ``accounts.services`` (audit entries), deactivated rather than
    deleted."""

    change_password_form = PasswordChangeForm
    list_display = ("username", "name", "role", "institution", "region", "province", "is_active")
    list_filter = ("role", "institution", "is_active")
    list_select_related = ("region", "province")
    search_fields = ("username", "name", "email", "region__full_name")
    ordering = ("name",)
    autocomplete_fields = ("region", "province")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data diri"), {"fields": ("name", "email", "position")}),
        (_("Peran dan instansi"), {"fields": ("role", "institution", "province", "region")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "name", "email", "role", "institution", "province", "region"),
            },
        ),
        (_("Kata sandi"), {"fields": ("usable_password", "password1", "password2")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Only a superuser may make another superuser.
        return fields if request.user.is_superuser else (*fields, "is_superuser")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the name stays on what the person did

    def save_model(self, request, obj, form, change):
        fields = {field: getattr(obj, field) for field in form.changed_data if field in services.USER_FIELDS}
        if change:
            saved = services.update_user(obj, by=request.user, **fields)
        else:
            usable = form.cleaned_data.get("set_usable_password", True)
            fields = {
                field: getattr(obj, field)
                for field in services.USER_FIELDS
                if field in form.cleaned_data or field == "username"
            }
            saved = services.create_user(
                by=request.user, password=form.cleaned_data.get("password1") if usable else None, **fields
            )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def user_change_password(self, request, id, form_url=""):
        token = _acting_user.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting_user.reset(token)
