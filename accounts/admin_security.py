"""The log-in lockouts in the admin (django-axes' own admins, read-only, with an unlock action through a
service). Registered here because ``AXES_ENABLE_ADMIN`` is off: axes' admins would let staff delete rows
without an audit entry. django-otp's device admins stay django-otp's own, with the keys hidden
(``OTP_ADMIN_HIDE_SENSITIVE_DATA``)."""

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.admin import AccessLogAdmin as AxesAccessLogAdmin
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services
from accounts.admin_doors import ReadOnlyAdminMixin


@admin.register(AccessAttempt)
class AccessAttemptAdmin(ReadOnlyAdminMixin, AxesAccessAttemptAdmin):
    actions = ["unlock"]

    @admin.action(description=_("Buka kunci (hapus percobaan gagal yang dipilih)"), permissions=["view"])
    def unlock(self, request, queryset):
        count = services.unlock_log_in(queryset, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d kunci dibuka.", "%(count)d kunci dibuka.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, AxesAccessLogAdmin):
    pass
