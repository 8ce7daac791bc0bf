"""The region's side of the cycle in the admin: read-only (every change goes through the services, on the
staff pages under /daerah/)."""

from django.contrib import admin

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline
from assessments.models import (
    MonitoringRound,
    MonitoringScore,
    Objection,
    ObjectionPoint,
    Recommendation,
    RegionSchedule,
    SelfAssessment,
    SelfScore,
)


class SelfScoreInline(ReadOnlyInline):
    model = SelfScore
    fields = ("indicator", "value", "justification", "updated_at", "updated_by")
    readonly_fields = fields


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("candidate", "status", "submitted_at", "submitted_by")
    list_filter = ("status", "candidate__programme_year")
    list_select_related = ("candidate__region", "candidate__programme_year", "submitted_by")
    search_fields = ("candidate__region__name",)
    fields = ("candidate", "status", "updated_at", "submitted_at", "submitted_by", "reopen_reason")
    readonly_fields = fields
    inlines = [SelfScoreInline]


@admin.register(RegionSchedule)
class RegionScheduleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("programme_year", "self_assessment_due_on", "objection_working_days")
    list_select_related = ("programme_year",)
    fields = list_display
    readonly_fields = fields


class MonitoringScoreInline(ReadOnlyInline):
    model = MonitoringScore
    fields = ("indicator", "value", "note", "updated_at", "updated_by")
    readonly_fields = fields


@admin.register(MonitoringRound)
class MonitoringRoundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("candidate", "number", "held_on", "kind")
    list_filter = ("kind", "candidate__programme_year")
    list_select_related = ("candidate__region", "candidate__programme_year")
    search_fields = ("candidate__region__name",)
    fields = ("candidate", "number", "held_on", "kind", "notes", "created_at", "created_by")
    readonly_fields = fields
    inlines = [MonitoringScoreInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("text", "candidate", "indicator", "agency", "due_on", "status", "source")
    list_filter = ("status", "source", "candidate__programme_year")
    list_select_related = ("candidate__region", "candidate__programme_year", "indicator")
    search_fields = ("text", "agency", "candidate__region__name")
    fields = (
        "candidate",
        "source",
        "monitoring_round",
        "indicator",
        "text",
        "agency",
        "due_on",
        "status",
        "follow_up",
        "followed_up_at",
        "followed_up_by",
        "review_note",
        "reviewed_at",
        "reviewed_by",
    )
    readonly_fields = fields


class ObjectionPointInline(ReadOnlyInline):
    model = ObjectionPoint
    fields = (
        "indicator",
        "argument",
        "requested_value",
        "agreed_value",
        "answer",
        "new_value",
        "answer_reason",
    )
    readonly_fields = fields


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "status", "filed_at", "answered_at")
    list_filter = ("status",)
    list_select_related = (
        "plenary__assessment__candidate__region",
        "plenary__assessment__candidate__programme_year",
    )
    fields = ("plenary", "status", "filed_at", "filed_by", "answered_at")
    readonly_fields = fields
    inlines = [ObjectionPointInline]
