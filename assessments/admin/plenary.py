"""The plenary: run on the plenary page (scores, meeting, finalising, reopening through
``assessments.services.plenary``); the admin shows it and issues its two reports, the plenary record
(berita acara) and the region's score report, through the same report functions as the staff pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline
from assessments.models import Plenary, PlenaryAttendee, PlenaryScore
from reports import contexts
from reports.admin_tools import ReportButtonsMixin


class PlenaryScoreInline(ReadOnlyInline):
    model = PlenaryScore
    fields = ("indicator", "value", "reason", "updated_at", "updated_by")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator", "updated_by")


class PlenaryAttendeeInline(ReadOnlyInline):
    model = PlenaryAttendee
    fields = ("order", "name", "position", "institution", "signs")
    readonly_fields = fields


@admin.register(Plenary)
class PlenaryAdmin(ReadOnlyAdminMixin, ReportButtonsMixin, admin.ModelAdmin):
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
        "held_on",
        "place",
        "notes",
        "recommendations",
    ]
    fields = readonly_fields
    inlines = [PlenaryScoreInline, PlenaryAttendeeInline]
    actions = ["download_plenary_record", "download_score_report"]

    @admin.action(description=_("Unduh berita acara rapat pleno (PDF)"))
    def download_plenary_record(self, request, queryset):
        return self.download_single(request, queryset, "berita-acara")

    @admin.action(description=_("Unduh laporan nilai daerah (PDF)"))
    def download_score_report(self, request, queryset):
        return self.download_single(request, queryset, "laporan-nilai")
