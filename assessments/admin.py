"""The admin for programme years, frameworks, candidates and teams. State changes go through the same
services as the staff pages; actions report how many rows changed and how many were refused."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import (
    Assessment,
    Candidate,
    CandidateEvent,
    Component,
    Framework,
    Indicator,
    PredicateBand,
    ProgrammeYear,
    Recusal,
    RubricLevel,
    Team,
    TeamMember,
    ValueMapping,
)
from assessments.services import candidates as candidate_services
from assessments.services import framework as framework_services


def run_service(modeladmin, request, queryset, call) -> None:
    done = refused = 0
    for obj in queryset:
        try:
            call(obj, request.user)
        except ValidationError:
            refused += 1
        else:
            done += 1
    modeladmin.message_user(
        request,
        _("%(done)d diproses, %(refused)d ditolak.") % {"done": done, "refused": refused},
        messages.SUCCESS if not refused else messages.WARNING,
    )


class PredicateBandInline(admin.TabularInline):
    model = PredicateBand
    extra = 0


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "status", "pass_mark", "candidate_count", "team_count")
    list_filter = ("status",)
    search_fields = ("name", "year")
    inlines = [PredicateBandInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                candidate_count=Count("candidates", distinct=True), team_count=Count("teams", distinct=True)
            )
        )

    @admin.display(description=gettext_lazy("Calon"), ordering="candidate_count")
    def candidate_count(self, obj) -> int:
        return obj.candidate_count

    @admin.display(description=gettext_lazy("Tim"), ordering="team_count")
    def team_count(self, obj) -> int:
        return obj.team_count


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = (
        "programme_year",
        "status",
        "illustrative",
        "indicator_count",
        "weight_total",
        "published_at",
    )
    list_filter = ("status", "illustrative")
    list_select_related = ("programme_year",)
    search_fields = ("programme_year__name",)
    readonly_fields = ("status", "published_at", "published_by", "copied_from")
    actions = ["publish"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(indicator_count=Count("indicators"), weight_total=Sum("indicators__weight"))
        )

    @admin.display(description=gettext_lazy("Indikator"), ordering="indicator_count")
    def indicator_count(self, obj) -> int:
        return obj.indicator_count

    @admin.display(description=gettext_lazy("Jumlah bobot"), ordering="weight_total")
    def weight_total(self, obj):
        return obj.weight_total

    @admin.action(description=gettext_lazy("Terbitkan (bobot harus berjumlah 100)"))
    def publish(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda obj, by: framework_services.publish_framework(framework=obj, by=by),
        )


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "framework")
    list_filter = ("framework__programme_year",)
    list_select_related = ("framework__programme_year",)
    search_fields = ("name",)


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    extra = 0


class ValueMappingInline(admin.TabularInline):
    model = ValueMapping
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "component", "weight", "max_score", "source", "criterion")
    list_filter = ("framework__programme_year", "source", "criterion")
    list_select_related = ("component", "framework__programme_year")
    search_fields = ("code", "name")
    inlines = [RubricLevelInline, ValueMappingInline]


class CandidateEventInline(admin.TabularInline):
    model = CandidateEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "at", "by", "reason", "data")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("region", "programme_year", "status", "proposer", "designation_letter_number", "override")
    list_filter = ("programme_year", "status", "proposer_kind", "region__province")
    list_select_related = ("region", "programme_year")
    search_fields = ("region__full_name", "region__code", "proposer", "designation_letter_number")
    autocomplete_fields = ("region",)
    inlines = [CandidateEventInline]
    actions = ["screen", "mark_assessed"]

    def get_readonly_fields(self, request, obj=None):
        # The way through the cycle is changed only by the services (staff pages or the actions).
        return ("status",) if obj is None else [field.name for field in Candidate._meta.fields]

    def save_model(self, request, obj, form, change):
        if change:
            return  # every field is read-only once proposed
        created = candidate_services.propose_candidate(
            programme_year=obj.programme_year,
            region=obj.region,
            proposer_kind=obj.proposer_kind,
            proposer=obj.proposer,
            letter_number=obj.proposal_letter_number,
            letter_date=obj.proposal_letter_date,
            by=request.user,
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    @admin.display(description=gettext_lazy("Pengecualian"), boolean=True)
    def override(self, obj) -> bool:
        return obj.designated_by_override

    @admin.action(description=gettext_lazy("Skrining calon yang diusulkan"))
    def screen(self, request, queryset):
        run_service(
            self, request, queryset, lambda obj, by: candidate_services.screen_candidate(candidate=obj, by=by)
        )

    @admin.action(description=gettext_lazy("Tandai sudah dinilai"))
    def mark_assessed(self, request, queryset):
        run_service(
            self, request, queryset, lambda obj, by: candidate_services.mark_assessed(candidate=obj, by=by)
        )


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "programme_year", "member_count")
    list_filter = ("programme_year",)
    list_select_related = ("programme_year",)
    search_fields = ("name", "members__user__name")
    inlines = [TeamMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=gettext_lazy("Anggota"), ordering="member_count")
    def member_count(self, obj) -> int:
        return obj.member_count


class RecusalInline(admin.TabularInline):
    model = Recusal
    extra = 0
    fk_name = "assessment"
    autocomplete_fields = ("user",)
    readonly_fields = ("recorded_at", "recorded_by")


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("candidate", "team", "starts_on", "ends_on", "time_zone", "place")
    list_filter = ("candidate__programme_year", "team__name", "time_zone")
    list_select_related = ("candidate__region", "candidate__programme_year", "team__programme_year")
    search_fields = ("candidate__region__full_name", "team__name", "place")
    readonly_fields = ("framework",)
    inlines = [RecusalInline]

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, Recusal) and obj.recorded_by_id is None:
                obj.recorded_by = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Recusal)
class RecusalAdmin(admin.ModelAdmin):
    list_display = ("user", "assessment", "recorded_at", "recorded_by")
    list_select_related = (
        "user",
        "assessment__candidate__region",
        "assessment__candidate__programme_year",
        "recorded_by",
    )
    search_fields = ("user__name", "assessment__candidate__region__full_name")
    readonly_fields = ("recorded_at", "recorded_by")
