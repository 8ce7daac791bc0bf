from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Issued documents are written only by the issuing service: the admin reads them."""

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

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
