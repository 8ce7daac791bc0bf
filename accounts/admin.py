from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
