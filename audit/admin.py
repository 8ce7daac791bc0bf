from django.contrib import admin

from accounts.admin_doors import ReadOnlyAdminMixin
from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: read by staff, never changed or deleted by anybody, superusers included."""

    list_display = ("at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "action", "reason", "actor__name", "actor__username")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
