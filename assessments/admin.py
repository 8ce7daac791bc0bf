"""The admin for programme years, frameworks, candidates and teams. State changes go through the same
services as the staff pages; actions report how many rows changed and how many were refused."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import (
    Assessment,
    AssessmentStage,
    Candidate,
    CandidateEvent,
    Component,
    Document,
    DocumentVersion,
    EvidenceDeadline,
    FieldVisit,
    FieldVisitPhoto,
    Framework,
    Indicator,
    PredicateBand,
    Presentation,
    PresentationNote,
    ProgrammeYear,
    QaAttendee,
    QaQuestion,
    RecordedResult,
    Recusal,
    RubricLevel,
    Score,
    ScoreChange,
    StageSubmission,
    Team,
    TeamMember,
    ValueMapping,
)
from assessments.services import candidates as candidate_services
from assessments.services import evidence as evidence_services
from assessments.services import framework as framework_services
from assessments.services import scoring as scoring_services


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


class RecordedResultForm(forms.ModelForm):
    """Refuses before saving what the service would refuse (a finalised plenary, a candidate not assessed)."""

    class Meta:
        model = RecordedResult
        fields = ["candidate", "total", "predicate", "source", "decided_on"]

    def clean(self):
        data = super().clean()
        candidate = data.get("candidate") or getattr(self.instance, "candidate", None)
        if candidate is not None:
            candidate_services.check_outside_result_allowed(candidate)
        return data


@admin.register(RecordedResult)
class RecordedResultAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        saved = candidate_services.record_outside_result(
            candidate=obj.candidate,
            by=request.user,
            total=obj.total,
            predicate=obj.predicate,
            source=obj.source,
            decided_on=obj.decided_on,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()


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


# Scoring and stage records (issue 5). Scores, submissions and stage records change only through the
# services (history and audit entries); the admin reads them. Stages are opened and closed by actions
# that call the same services as the staff progress page.


class ReadOnlyAdminMixin:
    """Rows written only by the services: the admin lists and shows them, nothing more."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


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
    show_change_link = False

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


class RecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Stage records are written by the team on the records pages (services with audit entries)."""

    list_select_related = (
        "assessment__candidate__region",
        "assessment__candidate__programme_year",
        "recorded_by",
    )
    search_fields = ("assessment__candidate__region__full_name",)


class FieldVisitPhotoInline(ReadOnlyInline):
    model = FieldVisitPhoto
    fields = ("original_name", "caption", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    show_change_link = False


@admin.register(FieldVisit)
class FieldVisitAdmin(RecordAdmin):
    list_display = ("place", "assessment", "visited_at", "photo_count", "recorded_by", "recorded_at")
    list_filter = ("assessment__candidate__programme_year",)
    search_fields = (*RecordAdmin.search_fields, "place", "findings")
    inlines = [FieldVisitPhotoInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description=gettext_lazy("Foto"), ordering="photo_count")
    def photo_count(self, obj) -> int:
        return obj.photo_count


class PresentationNoteInline(ReadOnlyInline):
    model = PresentationNote
    fields = ("component", "note")
    readonly_fields = fields
    show_change_link = False


@admin.register(Presentation)
class PresentationAdmin(RecordAdmin):
    list_display = ("presenter", "presenter_position", "assessment", "presented_at", "recorded_by")
    list_filter = ("assessment__candidate__programme_year",)
    search_fields = (*RecordAdmin.search_fields, "presenter")
    inlines = [PresentationNoteInline]


@admin.register(QaQuestion)
class QaQuestionAdmin(RecordAdmin):
    list_display = ("question_start", "asked_by", "answered_by", "assessment", "recorded_by", "recorded_at")
    list_filter = ("assessment__candidate__programme_year",)
    search_fields = (*RecordAdmin.search_fields, "question", "asked_by", "answered_by")

    @admin.display(description=gettext_lazy("Pertanyaan"))
    def question_start(self, obj) -> str:
        return str(obj)


@admin.register(QaAttendee)
class QaAttendeeAdmin(RecordAdmin):
    list_display = ("name", "role", "position", "assessment", "recorded_by")
    list_filter = ("role", "assessment__candidate__programme_year")
    search_fields = (*RecordAdmin.search_fields, "name", "position")


# Evidence (issue 6). Documents and their versions are uploaded, linked and reviewed only through the
# evidence services (checksums, audit entries, e-mails); the admin reads them and links to the file view,
# which checks permission and the checksum. Deadlines are set through the same service as the overview.


class DocumentVersionInline(ReadOnlyInline):
    model = DocumentVersion
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
class EvidenceDeadlineAdmin(admin.ModelAdmin):
    list_display = ("programme_year", "candidate", "due_on")
    list_filter = ("programme_year",)
    list_select_related = ("programme_year", "candidate__region", "candidate__programme_year")
    search_fields = ("candidate__region__full_name",)
    autocomplete_fields = ("candidate",)

    def get_readonly_fields(self, request, obj=None):
        return ("programme_year", "candidate") if obj is not None else ()

    def save_model(self, request, obj, form, change):
        saved = evidence_services.set_deadline(
            programme_year=obj.programme_year, candidate=obj.candidate, due_on=obj.due_on, by=request.user
        )
        obj.pk = saved.pk
