"""Announcements: published on the plenary page by ``publish_announcement``, never changed or deleted (a
printed announcement must keep verifying, and a published result keeps its plenary closed); the admin shows
them and issues the announcement PDF through the same report function as the staff pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline
from assessments.models import Announcement, AnnouncementWitness
from reports import contexts
from reports.admin_tools import ReportButtonsMixin


class AnnouncementWitnessInline(ReadOnlyInline):
    model = AnnouncementWitness
    fields = ("order", "name", "position")
    readonly_fields = fields


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdminMixin, ReportButtonsMixin, admin.ModelAdmin):
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
    fields = readonly_fields
    inlines = [AnnouncementWitnessInline]
    actions = ["download_announcement"]

    @admin.action(description=_("Unduh pengumuman (PDF)"))
    def download_announcement(self, request, queryset):
        return self.download_single(request, queryset, "pengumuman")
