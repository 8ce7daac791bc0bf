"""Candidates (their way through the cycle, by the step services) and results recorded from outside."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ReadOnlyInline, ServiceAdminMixin, run_service
from assessments.models import Candidate, CandidateEvent, RecordedResult
from assessments.services import candidates as services


class CandidateEventInline(ReadOnlyInline):
    """The candidate's timeline: history, never edited or deleted."""

    model = CandidateEvent
    fields = ("from_status", "to_status", "at", "by", "reason", "data")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(Candidate)
class CandidateAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """A proposal is entered here through ``propose_candidate``; every later step is a service (the actions
    here, the candidate page for the steps that need a letter or a reason). A candidate always has its
    timeline, so it is never deleted: a proposal entered by mistake is declined."""

    list_display = ("region", "programme_year", "status", "proposer", "designation_letter_number", "override")
    list_filter = ("programme_year", "status", "proposer_kind", "region__province")
    list_select_related = ("region", "programme_year")
    search_fields = ("region__full_name", "region__code", "proposer", "designation_letter_number")
    autocomplete_fields = ("region",)
    inlines = [CandidateEventInline]
    actions = ["screen", "mark_assessed"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return (
                "programme_year",
                "region",
                "proposer_kind",
                "proposer",
                "proposal_letter_number",
                "proposal_letter_date",
            )
        return [field.name for field in Candidate._meta.fields if field.name != "id"]

    def has_change_permission(self, request, obj=None) -> bool:
        # The change list keeps its actions; one candidate's page only shows it (steps are services).
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        created = services.propose_candidate(
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
        run_service(self, request, queryset, lambda obj, by: services.screen_candidate(candidate=obj, by=by))

    @admin.action(description=gettext_lazy("Tandai sudah dinilai"))
    def mark_assessed(self, request, queryset):
        run_service(self, request, queryset, lambda obj, by: services.mark_assessed(candidate=obj, by=by))


class RecordedResultForm(forms.ModelForm):
    """Refuses before saving what the service would refuse (a finalised plenary, a candidate not assessed)."""

    class Meta:
        model = RecordedResult
        fields = ["candidate", "total", "predicate", "source", "decided_on"]

    def clean(self):
        data = super().clean()
        candidate = data.get("candidate") or getattr(self.instance, "candidate", None)
        if candidate is not None:
            services.check_outside_result_allowed(candidate)
        return data


@admin.register(RecordedResult)
class RecordedResultAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Results decided outside the system; saved through ``record_outside_result`` (audit and timeline)."""

    form = RecordedResultForm
    list_display = ("candidate", "total", "predicate", "source", "decided_on", "recorded_by")
    list_filter = ("candidate__programme_year",)
    list_select_related = ("candidate__region", "candidate__programme_year", "recorded_by")
    search_fields = ("candidate__region__full_name", "source")
    autocomplete_fields = ("candidate",)
    readonly_fields = ("recorded_at", "recorded_by")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "candidate") if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # corrected, never removed: the timeline and the audit trail keep each version

    def save_model(self, request, obj, form, change):
        saved = services.record_outside_result(
            candidate=obj.candidate,
            by=request.user,
            total=obj.total,
            predicate=obj.predicate,
            source=obj.source,
            decided_on=obj.decided_on,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
