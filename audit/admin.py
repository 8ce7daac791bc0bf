from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ReadOnlyAdminMixin
from antikorupsi import exports
from audit.models import AuditEntry


def audit_export(queryset) -> exports.Export:
    """The selected (or filtered) audit entries as a table for people, newest first."""
    return exports.Export(
        title=_("Jejak audit"),
        file_name="jejak-audit",
        columns=[
            exports.Column(_("Waktu"), exports.DATETIME, width=20),
            exports.Column(_("Oleh"), width=24),
            exports.Column(_("Tindakan"), width=30),
            exports.Column(_("Jenis objek"), width=20),
            exports.Column(_("Objek"), width=40),
            exports.Column(_("Alasan"), width=30),
            exports.Column(_("Sebelum"), width=40),
            exports.Column(_("Sesudah"), width=40),
        ],
        rows=[
            [
                entry.at,
                str(entry.actor) if entry.actor else _("sistem"),
                entry.action,
                str(entry.content_type),
                entry.object_repr,
                entry.reason,
                "" if entry.before is None else str(entry.before),
                "" if entry.after is None else str(entry.after),
            ]
            for entry in queryset.select_related("actor", "content_type").order_by("-at", "-pk")
        ],
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: read by staff, never changed or deleted by anybody, superusers included."""

    list_display = ("at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "action", "reason", "actor__name", "actor__username")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    actions = ["export_xlsx", "export_csv"]

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    @admin.action(description=gettext_lazy("Ekspor yang dipilih ke XLSX"), permissions=["export"])
    def export_xlsx(self, request, queryset):
        return exports.export_response(audit_export(queryset), "xlsx")

    @admin.action(description=gettext_lazy("Ekspor yang dipilih ke CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        return exports.export_response(audit_export(queryset), "csv")
