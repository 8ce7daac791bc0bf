"""Evidence. Documents and their versions are uploaded, linked and reviewed only through the evidence
services (checksums, audit entries, e-mails); the admin reads them and links to the file view, which checks
permission and the checksum. Deadlines are set through the same service as the overview page."""

from django.contrib import admin
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline, ServiceAdminMixin
from assessments.models import Document, DocumentVersion, EvidenceDeadline
from assessments.services import evidence as evidence_services


class DocumentVersionInline(ReadOnlyInline):
    model = DocumentVersion
    show_change_link = True
    fields = (
        "number",
        "original_name",
        "size",
        "content_type",
        "uploaded_at",
        "uploaded_by",
        "review_status",
        "review_note",
        "reviewed_by",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by", "reviewed_by")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("title", "candidate", "version_number", "review_status", "indicator_count", "created_at")
    list_filter = (
        "current_version__review_status",
        "candidate__programme_year",
        "candidate__region__province",
    )
    list_select_related = ("candidate__region", "candidate__programme_year", "current_version")
    search_fields = ("title", "description", "candidate__region__full_name", "indicators__code")
    inlines = [DocumentVersionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_count=Count("indicators", distinct=True))

    @admin.display(description=gettext_lazy("Versi"), ordering="current_version__number")
    def version_number(self, obj):
        return obj.current_version.number if obj.current_version else None

    @admin.display(description=gettext_lazy("Status"), ordering="current_version__review_status")
    def review_status(self, obj) -> str:
        return obj.get_status_display()

    @admin.display(description=gettext_lazy("Indikator"), ordering="indicator_count")
    def indicator_count(self, obj) -> int:
        return obj.indicator_count


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "document",
        "number",
        "candidate",
        "original_name",
        "file_size",
        "review_status",
        "uploaded_at",
        "uploaded_by",
        "file_link",
    )
    list_filter = ("review_status", "content_type", "document__candidate__programme_year")
    list_select_related = (
        "document__candidate__region",
        "document__candidate__programme_year",
        "uploaded_by",
    )
    search_fields = ("document__title", "original_name", "sha256", "document__candidate__region__full_name")
    exclude = ("stored_name",)

    @admin.display(description=gettext_lazy("Calon"), ordering="document__candidate")
    def candidate(self, obj):
        return obj.document.candidate

    @admin.display(description=gettext_lazy("Ukuran"), ordering="size")
    def file_size(self, obj) -> str:
        return filesizeformat(obj.size)

    @admin.display(description=gettext_lazy("Berkas"))
    def file_link(self, obj) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_download_url(), _("Unduh"))


@admin.register(EvidenceDeadline)
class EvidenceDeadlineAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("programme_year", "candidate", "due_on")
    list_filter = ("programme_year",)
    list_select_related = ("programme_year", "candidate__region", "candidate__programme_year")
    search_fields = ("candidate__region__full_name",)
    autocomplete_fields = ("candidate",)

    def get_readonly_fields(self, request, obj=None):
        return ("programme_year", "candidate") if obj is not None else ()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a deadline is moved, not removed

    def save_model(self, request, obj, form, change):
        saved = evidence_services.set_deadline(
            programme_year=obj.programme_year, candidate=obj.candidate, due_on=obj.due_on, by=request.user
        )
        obj.pk = saved.pk
