from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin_doors import ReadOnlyAdminMixin
from reports.models import IssuedDocument

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
