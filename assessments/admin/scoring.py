"""Stages, submissions and scores. Scores, submissions and their history (``ScoreChange``) change only
through the scoring services; the admin reads them, and opens or closes stages through the same services as
the staff progress page."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline, run_service
from assessments.models import AssessmentStage, Score, ScoreChange, StageSubmission
from assessments.services import scoring as scoring_services


@admin.register(AssessmentStage)
class AssessmentStageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("assessment", "stage", "status", "opened_at", "opened_by", "closed_at", "closed_by")
    list_filter = ("stage", "status", "assessment__candidate__programme_year")
    list_select_related = (
        "assessment__candidate__region",
        "assessment__candidate__programme_year",
        "opened_by",
        "closed_by",
    )
    search_fields = ("assessment__candidate__region__full_name", "assessment__team__name")
    actions = ["open_selected", "close_selected"]

    @admin.action(description=gettext_lazy("Buka tahap terpilih"))
    def open_selected(self, request, queryset):
        run_service(
            self,
            request,
            queryset.select_related("assessment"),
            lambda obj, by: scoring_services.open_stage(obj.assessment, stage=obj.stage, by=by),
        )

    @admin.action(description=gettext_lazy("Tutup tahap terpilih"))
    def close_selected(self, request, queryset):
        run_service(
            self,
            request,
            queryset.select_related("assessment"),
            lambda obj, by: scoring_services.close_stage(obj.assessment, stage=obj.stage, by=by),
        )


class ScoreInline(ReadOnlyInline):
    model = Score
    show_change_link = True
    fields = ("indicator", "value", "scale_max", "note", "updated_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")


@admin.register(StageSubmission)
class StageSubmissionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("stage", "assessor", "status", "version", "saved_at", "submitted_at", "score_count")
    list_filter = ("status", "stage__stage", "stage__assessment__candidate__programme_year")
    list_select_related = (
        "stage__assessment__candidate__region",
        "stage__assessment__candidate__programme_year",
        "assessor",
    )
    search_fields = (
        "assessor__name",
        "assessor__username",
        "stage__assessment__candidate__region__full_name",
    )
    inlines = [ScoreInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(score_count=Count("scores"))

    @admin.display(description=gettext_lazy("Nilai"), ordering="score_count")
    def score_count(self, obj) -> int:
        return obj.score_count


class ScoreChangeInline(ReadOnlyInline):
    model = ScoreChange
    fields = ("changed_at", "changed_by", "old_value", "new_value", "old_note", "new_note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A score with its whole history (who, when, old, new) below it."""

    list_display = ("indicator_code", "assessment", "stage", "assessor", "value", "scale_max", "updated_at")
    list_filter = (
        "submission__stage__stage",
        "submission__status",
        "submission__stage__assessment__candidate__programme_year",
    )
    list_select_related = (
        "indicator",
        "submission__stage__assessment__candidate__region",
        "submission__stage__assessment__candidate__programme_year",
        "submission__assessor",
    )
    search_fields = (
        "indicator__code",
        "submission__assessor__name",
        "submission__stage__assessment__candidate__region__full_name",
    )
    inlines = [ScoreChangeInline]

    @admin.display(description=gettext_lazy("Indikator"), ordering="indicator__code")
    def indicator_code(self, obj) -> str:
        return obj.indicator.code

    @admin.display(description=gettext_lazy("Penilaian"))
    def assessment(self, obj):
        return obj.submission.stage.assessment

    @admin.display(description=gettext_lazy("Tahap"), ordering="submission__stage__stage")
    def stage(self, obj) -> str:
        return obj.submission.stage.get_stage_display()

    @admin.display(description=gettext_lazy("Penilai"), ordering="submission__assessor__name")
    def assessor(self, obj):
        return obj.submission.assessor
