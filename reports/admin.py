from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from accounts.admin_doors import ReadOnlyAdminMixin, ServiceAdminMixin
from reports.models import DocumentNumbering, IssuedDocument, ReportJob
from reports.services.numbering import set_numbering_pattern

# The plenary and the announcements, with their report buttons, are in assessments/admin/ beside their
# models; the buttons' machinery is reports/admin_tools.py.


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Issued documents are written only by the issuing service and never changed or deleted, by anybody:
    a printed copy must keep verifying."""

    list_display = ["code", "kind", "subject", "issued_at", "issued_by", "download"]
    list_filter = ["kind", "issued_at"]
    search_fields = ["code", "subject", "title", "sha256"]
    list_select_related = ["issued_by"]
    date_hierarchy = "issued_at"
    readonly_fields = [field.name for field in IssuedDocument._meta.fields]

    @admin.display(description=_("berkas"))
    def download(self, document: IssuedDocument) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("reports:download", kwargs={"code": document.code}), _("Unduh PDF")
        )


@admin.register(DocumentNumbering)
class DocumentNumberingAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """The numbering pattern of each kind of document per year, set by staff through the service (audit
    entry); the sequence is advanced only by issuing, and a pattern is never deleted (numbers were given)."""

    list_display = ["kind", "year", "pattern", "last_number"]
    list_filter = ["kind", "year"]
    readonly_fields = ["last_number"]

    def get_readonly_fields(self, request, obj=None):
        return ("kind", "year", "last_number") if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        saved = set_numbering_pattern(kind=obj.kind, year=obj.year, pattern=obj.pattern, by=request.user)
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(ReportJob)
class ReportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Documents made off the request (the year summary): progress and, when failed, the reason."""

    list_display = ["kind", "source", "status", "progress", "requested_by", "requested_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["requested_by"]


# The task backend's own rows are shown through ReportJob (with the reason of a failure); its admin,
# which would let anyone delete a queued task, is not offered.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
