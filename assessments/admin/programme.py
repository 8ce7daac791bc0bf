"""Programme years with their predicate bands, and the programme year's summary report."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ServiceAdminMixin
from assessments.models import PredicateBand, ProgrammeYear
from assessments.services import programme as services
from reports import contexts
from reports.admin_tools import ReportButtonsMixin


class PredicateBandInline(admin.TabularInline):
    """Bands are added and removed through the services (no overlap; frozen once the year's framework is
    used); an existing band is not edited in place: remove it and add the corrected one."""

    model = PredicateBand
    extra = 0
    fields = ("name", "min_score", "max_score")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not (obj and services.bands_are_frozen(obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and services.bands_are_frozen(obj))


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(ServiceAdminMixin, ReportButtonsMixin, admin.ModelAdmin):
    list_display = ("year", "name", "status", "pass_mark", "candidate_count", "team_count")
    list_filter = ("status",)
    search_fields = ("name", "year")
    inlines = [PredicateBandInline]
    fields = ("report_buttons", "year", *services.PROGRAMME_FIELDS, "plenary_reason_threshold")
    reports = {"rekapitulasi": contexts.year_summary_report}
    report_labels = [("rekapitulasi", gettext_lazy("Rekapitulasi tahun program (PDF)"))]
    actions = ["download_year_summary"]

    def get_readonly_fields(self, request, obj=None):
        # The threshold is set when the year is created (staff page); the year itself never changes.
        return ("report_buttons", "plenary_reason_threshold", *(("year",) if obj else ()))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                candidate_count=Count("candidates", distinct=True), team_count=Count("teams", distinct=True)
            )
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a year holds candidates, teams and history

    @admin.display(description=gettext_lazy("Calon"), ordering="candidate_count")
    def candidate_count(self, obj) -> int:
        return obj.candidate_count

    @admin.display(description=gettext_lazy("Tim"), ordering="team_count")
    def team_count(self, obj) -> int:
        return obj.team_count

    def save_model(self, request, obj, form, change):
        values = {field: getattr(obj, field) for field in services.PROGRAMME_FIELDS}
        if change:
            saved = services.update_programme_year(obj, by=request.user, **values)
        else:
            saved = services.create_programme_year(year=obj.year, by=request.user, **values)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for band in formset.deleted_objects:
            services.delete_predicate_band(band=band, by=request.user)
        for band in formset.new_objects:
            services.add_predicate_band(
                programme_year=form.instance,
                name=band.name,
                min_score=band.min_score,
                max_score=band.max_score,
                by=request.user,
            )

    @admin.action(description=gettext_lazy("Unduh rekapitulasi tahun program (PDF)"))
    def download_year_summary(self, request, queryset):
        return self.download_single(request, queryset, "rekapitulasi")
