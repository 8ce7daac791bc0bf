from django.contrib import admin, messages
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.mixins import PermissionMixin
from assessments.models import Announcement, Plenary
from reports import contexts
from reports.models import IssuedDocument
from reports.services.issuing import issue_pdf


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


# The plenary and announcements in the admin: buttons on the object and admin actions, both calling the
# same report functions (reports.contexts) and issuing service as the staff pages.


def _issue_response(request, report):
    from assessments.views.plenary import pdf_response

    return pdf_response(issue_pdf(report, base_url=request.build_absolute_uri("/"), by=request.user))


class AdminReportView(PermissionMixin, View):
    """A report button of an admin object page: issues the PDF through the model admin's report function."""

    model_admin = None
    # Replaced per model by get_permission_required(): the view permission of the admin's model.
    permission_required = "assessments.view_plenary"

    def get_permission_required(self):
        opts = self.model_admin.model._meta
        return (f"{opts.app_label}.view_{opts.model_name}",)

    def get(self, request, object_id, report):
        obj = self.model_admin.get_object(request, str(object_id))
        if obj is None or report not in self.model_admin.reports:
            raise Http404
        return _issue_response(request, self.model_admin.reports[report](obj))


class ReportButtonsMixin:
    reports: dict = {}

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        view = AdminReportView.as_view(model_admin=self)
        return [
            path(
                "<int:object_id>/pdf/<slug:report>/",
                self.admin_site.admin_view(view),
                name="%s_%s_report" % info,
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("laporan PDF"))
    def report_buttons(self, obj) -> str:
        if obj.pk is None:
            return "-"
        info = self.model._meta.app_label, self.model._meta.model_name
        return format_html_join(
            " ",
            '<a class="button" href="{}">{}</a>',
            (
                (reverse("admin:%s_%s_report" % info, args=[obj.pk, slug]), label)
                for slug, label in self.report_labels
            ),
        )

    def _single(self, request, queryset, report):
        if queryset.count() != 1:
            self.message_user(request, _("Pilih tepat satu baris untuk mengunduh PDF."), messages.WARNING)
            return None
        return _issue_response(request, self.reports[report](queryset.get()))


@admin.register(Plenary)
class PlenaryAdmin(ReportButtonsMixin, admin.ModelAdmin):
    reports = contexts.PLENARY_REPORTS
    report_labels = [("berita-acara", _("Berita acara")), ("laporan-nilai", _("Laporan nilai"))]
    list_display = ["assessment", "status", "held_on", "total", "predicate", "laik"]
    list_filter = ["status", "assessment__candidate__programme_year"]
    list_select_related = ["assessment__candidate__region", "assessment__candidate__programme_year"]
    search_fields = ["assessment__candidate__region__full_name"]
    readonly_fields = [
        "report_buttons",
        "assessment",
        "status",
        "finalised_at",
        "finalised_by",
        "total",
        "predicate",
        "laik",
        "criteria_hold",
        "frozen_pass_mark",
    ]
    fields = [*readonly_fields, "held_on", "place", "notes", "recommendations"]
    actions = ["download_plenary_record", "download_score_report"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # changed through the plenary page's services

    @admin.action(description=_("Unduh berita acara rapat pleno (PDF)"))
    def download_plenary_record(self, request, queryset):
        return self._single(request, queryset, "berita-acara")

    @admin.action(description=_("Unduh laporan nilai daerah (PDF)"))
    def download_score_report(self, request, queryset):
        return self._single(request, queryset, "laporan-nilai")


@admin.register(Announcement)
class AnnouncementAdmin(ReportButtonsMixin, admin.ModelAdmin):
    reports = {"pengumuman": contexts.announcement_report}
    report_labels = [("pengumuman", _("Pengumuman (PDF)"))]
    list_display = ["__str__", "kind", "announced_on", "total", "predicate", "laik", "official_name"]
    list_filter = ["kind", "plenary__assessment__candidate__programme_year"]
    list_select_related = ["plenary__assessment__candidate__region"]
    readonly_fields = [
        "report_buttons",
        "plenary",
        "kind",
        "announced_on",
        "place",
        "official_name",
        "official_position",
        "total",
        "predicate",
        "laik",
        "published_at",
        "published_by",
    ]
    exclude = ["inputs"]
    actions = ["download_announcement"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Unduh pengumuman (PDF)"))
    def download_announcement(self, request, queryset):
        return self._single(request, queryset, "pengumuman")
