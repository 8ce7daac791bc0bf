"""The assessors' scoring pages, the stage records, and the staff's progress pages."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.mixins import PermissionMixin
from assessments.enums import IndicatorSource, Stage, StageStatus
from assessments.forms.scoring import (
    FieldVisitEditForm,
    FieldVisitForm,
    PresentationForm,
    QaAttendeeForm,
    QaQuestionForm,
    StageScoresForm,
    note_field_name,
    score_field_name,
)
from assessments.models import FieldVisit, FieldVisitPhoto, Presentation, QaAttendee, QaQuestion
from assessments.queries import programme as queries
from assessments.queries import scoring as queries_scoring
from assessments.queries.programme import own_conflict
from assessments.queries.region import submitted_self_score_values
from assessments.rules import plenary_is_finalised, remember_memberships
from assessments.services import scoring as scoring_services
from assessments.services import stage_records as record_services
from assessments.views.base import error_text

RECORD_STAGES = (Stage.FIELD_CHECK, Stage.PRESENTATION, Stage.QA)


class AssessmentMixin(PermissionMixin):
    """Views under /penilaian/<pk>/: ``self.assessment`` (with its region, team and framework) is the
    permission object. A stage in the URL must be one of the four. Who may see the assessment but not do
    this (staff on an assessor's page) gets 403; everyone else 404."""

    def dispatch(self, request, *args, **kwargs):
        self.assessment = queries_scoring.assessment_for_scoring(kwargs["pk"])
        if self.assessment is None or kwargs.get("stage", Stage.DOCUMENTS) not in Stage.values:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        self.stage = kwargs.get("stage")
        # The permissions these pages ask (seeing, scoring, the colleagues' scores, the conflict warning)
        # each read the reader's membership: read it once for the request, with what the warning needs.
        # No view here changes a membership or a recusal.
        remember_memberships(self.assessment, conflicts=True)
        # Times on an assessment's pages are the region's own (WIB, WITA or WIT), typed and shown alike.
        # (A template response is rendered here, inside that zone, not later by the handler.)
        with timezone.override(self.assessment.time_zone):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    def get_permission_object(self):
        return self.assessment

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and user.has_perm("assessments.see_assessment", self.assessment):
            raise PermissionDenied
        return super().handle_no_permission()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            assessment=self.assessment,
            plenary_finalised=plenary_is_finalised(self.assessment),
            stage_choices=Stage.choices,
            own_conflict=own_conflict(self.request.user, self.assessment),
            **kwargs,
        )


class AssessmentScoringView(AssessmentMixin, TemplateView):
    """An assessor's page of one assessment: the four stages with their status and what is left to do."""

    permission_required = "assessments.score_assessment"
    template_name = "assessments/scoring/assessment.html"

    def get_context_data(self, **kwargs):
        rows = [
            row
            for row in queries_scoring.assessor_assessments(self.request.user)
            if row.assessment.pk == self.assessment.pk
        ]
        return super().get_context_data(row=rows[0] if rows else None, record_stages=RECORD_STAGES, **kwargs)


class StageScoringView(AssessmentMixin, TemplateView):
    """The scoring form of one stage: every indicator by component, with rubric and evidence."""

    permission_required = "assessments.score_assessment"
    template_name = "assessments/scoring/stage.html"

    def get_page(self):
        return queries_scoring.scoring_page(self.assessment, self.stage, self.request.user)

    def get(self, request, *args, **kwargs):
        page = self.get_page()
        return self.render(page, StageScoresForm(page=page))

    def post(self, request, *args, **kwargs):
        # The form is built from the framework alone (no query): whether the stage is open and whether the
        # assessor has submitted it already (every score then required) are read by the service under its
        # lock, and its refusals answer as the form would have. The whole page (scores, colleagues' scores,
        # history, evidence) is loaded only when the save has to show the page again.
        page = queries_scoring.scoring_page(self.assessment, self.stage, request.user, for_saving=True)
        submit = "kirim" in request.POST
        if not page.can_edit:  # the plenary is final
            return self.render_closed(submit)
        form = StageScoresForm(request.POST, page=page, submit=submit)
        if not form.is_valid():
            return self.render_invalid(submit)
        try:
            submission = scoring_services.save_stage_scores(
                self.assessment,
                assessor=request.user,
                stage=self.stage,
                scores=form.entries(),
                submit=submit,
                version=form.cleaned_data["version"],
            )
        except scoring_services.StaleVersion as conflict:
            messages.error(request, str(conflict))
            return self.render_conflict(form)
        except ValidationError as error:
            if error.code in ("stage_not_open", "plenary_finalised"):
                return self.render_closed(submit)
            if error.code == "incomplete" and not submit:
                # A submitted stage stays complete: the page's form, which knows the submission, marks
                # every empty score.
                return self.render_invalid(submit, fallback=error)
            messages.error(request, error_text(error))
            return self.render(self.get_page(), form, status=400)
        if submission.is_submitted and submit:
            messages.success(request, _("Nilai tahap ini terkirim."))
        else:
            messages.success(request, _("Nilai tersimpan."))
        return HttpResponseRedirect(request.path)

    def render_closed(self, submit):
        """The stage is not open or the plenary is final: nothing saved, the stored scores shown (the
        fields are disabled), 409."""
        messages.error(
            self.request, _("Tahap ini sedang tidak dibuka atau pleno sudah final; nilai tidak disimpan.")
        )
        page = self.get_page()
        return self.render(page, StageScoresForm(self.request.POST, page=page, submit=submit), status=409)

    def render_invalid(self, submit, fallback: ValidationError | None = None):
        """What was posted, with its errors as the form of the whole page finds them (a stage the assessor
        has submitted needs every score), 400; a stage that is not open answers as ``render_closed``."""
        page = self.get_page()
        if not page.can_edit:
            return self.render_closed(submit)
        form = StageScoresForm(self.request.POST, page=page, submit=submit)
        if form.is_valid() and fallback is not None:
            # Another save changed the submission in between: the service's own words.
            messages.error(self.request, error_text(fallback))
        else:
            messages.error(
                self.request, _("Nilai belum tersimpan. Perbaiki isian yang ditandai lalu simpan lagi.")
            )
        return self.render(page, form, status=400)

    def render_conflict(self, stale_form):
        """The current values, freshly loaded, with what the assessor tried to save beside each changed one."""
        page = self.get_page()
        form = StageScoresForm(page=page)
        attempted = stale_form.entries()
        for row in page.scored_rows:
            entry = attempted.get(row.indicator.pk)
            current_value = row.score.value if row.score else None
            current_note = row.score.note if row.score else ""
            if entry and (entry.value != current_value or entry.note.strip() != current_note):
                row.attempted = entry
        return self.render(page, form, status=409, conflict=True)

    def render(self, page, form, status=200, **extra):
        # The region's submitted self-score beside each field (issue 13); it does not count in the total.
        self_scores = submitted_self_score_values(self.assessment.candidate_id)
        for row in page.scored_rows:
            row.self_score = self_scores.get(row.indicator.pk)
            row.score_field = form[score_field_name(row.indicator.pk)]
            row.note_field = form[note_field_name(row.indicator.pk)]
            classes = row.score_field.field.widget.attrs["class"]
            if row.score_field.errors:
                classes += " is-invalid"
            if getattr(row, "attempted", None):
                classes += " border-warning border-2"
            row.score_widget = row.score_field.as_widget(
                attrs={"class": classes, "aria-describedby": f"skala-{row.indicator.pk}"}
            )
        context = self.get_context_data(
            page=page,
            form=form,
            stage_label=Stage(self.stage).label,
            **extra,
        )
        return self.render_to_response(context, status=status)


class StageRecordsView(AssessmentMixin, TemplateView):
    """The records of the field check, the presentation or the Q&A: team members write them while the
    stage is open; staff and the team read them."""

    template_name = "assessments/scoring/records.html"
    forms = {
        Stage.FIELD_CHECK: {"kunjungan": FieldVisitForm},
        Stage.PRESENTATION: {"paparan": PresentationForm},
        Stage.QA: {"pertanyaan": QaQuestionForm, "hadir": QaAttendeeForm},
    }

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("stage") not in RECORD_STAGES:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_required(self):
        if self.request.method == "POST":
            return ("assessments.record_stage",)
        return ("assessments.view_stage_records",)

    permission_required = "assessments.view_stage_records"

    def build_forms(self, data=None, files=None, bound: str = ""):
        result = {}
        for key, form_class in self.forms[self.stage].items():
            kwargs = {"prefix": key}
            if key == bound:
                kwargs.update(data=data, files=files)
            if form_class is FieldVisitForm and key != bound:
                # a new visit starts at the present minute, in the region's time zone (see dispatch)
                kwargs["initial"] = {"visited_at": timezone.now().replace(second=0, microsecond=0)}
            if form_class is PresentationForm:
                kwargs["components"] = queries.framework_tree(self.assessment.framework)
                kwargs["instance"] = (
                    Presentation.objects.filter(assessment=self.assessment).first() or Presentation()
                )
            result[key] = form_class(**kwargs)
        return result

    def can_record(self) -> bool:
        if not self.request.user.has_perm("assessments.record_stage", self.assessment):
            return False
        stage_row = self.assessment.stages.filter(stage=self.stage).first()
        return stage_row is not None and stage_row.status == StageStatus.OPEN

    def get(self, request, *args, **kwargs):
        return self.render(self.build_forms())

    def post(self, request, *args, **kwargs):
        key = request.POST.get("form", "")
        if key not in self.forms[self.stage]:
            raise Http404
        forms = self.build_forms(request.POST, request.FILES, bound=key)
        form = forms[key]
        if not form.is_valid():
            return self.render(forms, status=400)
        try:
            self.perform(key, form)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return self.render(forms, status=400)
        messages.success(request, _("Catatan tersimpan."))
        return HttpResponseRedirect(request.path)

    def perform(self, key, form):
        data, by = form.cleaned_data, self.request.user
        if key == "kunjungan":
            record_services.add_field_visit(
                self.assessment,
                by=by,
                place=data["place"],
                visited_at=data["visited_at"],
                facilities=data["facilities"],
                checked=data["checked"],
                findings=data["findings"],
                photos=data["photos"],
            )
        elif key == "paparan":
            record_services.save_presentation(
                self.assessment,
                by=by,
                presenter=data["presenter"],
                presenter_position=data["presenter_position"],
                presented_at=data["presented_at"],
                summary=data["summary"],
                notes=form.notes(),
            )
        elif key == "pertanyaan":
            record_services.add_qa_question(
                self.assessment,
                by=by,
                question=data["question"],
                asked_by=data["asked_by"],
                answered_by=data["answered_by"],
                summary=data["summary"],
            )
        else:
            record_services.add_qa_attendee(
                self.assessment, by=by, role=data["role"], name=data["name"], position=data["position"]
            )

    def render(self, forms, status=200):
        context = self.get_context_data(
            forms=forms,
            records=queries_scoring.stage_records(self.assessment),
            stage_label=Stage(self.stage).label,
            can_record=self.can_record(),
            common_places=[_("Mal Pelayanan Publik"), _("Inspektorat"), _("UKPBJ")],
        )
        return self.render_to_response(context, status=status)


class RecordItemMixin(AssessmentMixin):
    """One record of a stage (``kind``: a field visit, a Q&A question or an attendee) of this assessment;
    a kind that does not belong to the stage in the URL, or a record of another assessment, is 404.
    Team members (not recused) may change records; staff, who only read them, get 403."""

    permission_required = "assessments.record_stage"
    kinds = {
        "kunjungan": (FieldVisit, Stage.FIELD_CHECK),
        "pertanyaan": (QaQuestion, Stage.QA),
        "hadir": (QaAttendee, Stage.QA),
    }

    def dispatch(self, request, *args, **kwargs):
        kind = self.kinds.get(kwargs.get("kind"))
        if kind is None or kind[1] != kwargs.get("stage"):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        self.model = kind[0]
        return super().dispatch(request, *args, **kwargs)

    def get_item(self):
        return get_object_or_404(self.model, pk=self.kwargs["item_pk"], assessment=self.assessment)

    def records_url(self) -> str:
        return reverse("scoring:records", kwargs={"pk": self.assessment.pk, "stage": self.stage})

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stage_label=Stage(self.stage).label,
            kind=self.kwargs["kind"],
            records_url=self.records_url(),
            **kwargs,
        )


class RecordEditView(RecordItemMixin, TemplateView):
    """Correct a recorded visit, question or attendee while the stage is open."""

    template_name = "assessments/scoring/record_edit.html"
    form_classes = {"kunjungan": FieldVisitEditForm, "pertanyaan": QaQuestionForm, "hadir": QaAttendeeForm}

    def build_form(self, item, data=None, files=None):
        return self.form_classes[self.kwargs["kind"]](data=data, files=files, instance=item, prefix="catatan")

    def get(self, request, *args, **kwargs):
        item = self.get_item()
        return self.render_to_response(self.get_context_data(item=item, form=self.build_form(item)))

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        form = self.build_form(item, request.POST, request.FILES)
        if form.is_valid():
            try:
                self.perform(item, form.cleaned_data)
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("Catatan diperbarui."))
                return HttpResponseRedirect(self.records_url())
        item.refresh_from_db()
        return self.render_to_response(self.get_context_data(item=item, form=form), status=400)

    def perform(self, item, data):
        by, kind = self.request.user, self.kwargs["kind"]
        if kind == "kunjungan":
            record_services.update_field_visit(
                item,
                by=by,
                place=data["place"],
                visited_at=data["visited_at"],
                facilities=data["facilities"],
                checked=data["checked"],
                findings=data["findings"],
                add_photos=data["photos"],
                remove_photo_ids=[photo.pk for photo in data.get("remove_photos") or []],
            )
        elif kind == "pertanyaan":
            record_services.update_qa_question(
                item,
                by=by,
                question=data["question"],
                asked_by=data["asked_by"],
                answered_by=data["answered_by"],
                summary=data["summary"],
            )
        else:
            record_services.update_qa_attendee(
                item, by=by, role=data["role"], name=data["name"], position=data["position"]
            )


class RecordDeleteView(RecordItemMixin, TemplateView):
    """Ask, then remove a recorded visit (with its photos), question or attendee."""

    template_name = "assessments/scoring/record_delete.html"
    services = {
        "kunjungan": record_services.delete_field_visit,
        "pertanyaan": record_services.delete_qa_question,
        "hadir": record_services.delete_qa_attendee,
    }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(item=self.get_item()))

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        try:
            self.services[self.kwargs["kind"]](item, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return self.render_to_response(self.get_context_data(item=item), status=400)
        messages.success(request, _("Catatan dihapus."))
        return HttpResponseRedirect(self.records_url())


class FieldPhotoView(AssessmentMixin, View):
    """A field check photo, served after the permission check (never straight from the media folder)."""

    permission_required = "assessments.view_stage_records"

    def get(self, request, pk, photo_pk):
        photo = get_object_or_404(FieldVisitPhoto, pk=photo_pk, visit__assessment=self.assessment)
        response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
        response["Content-Disposition"] = "inline"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ProgressListView(PermissionMixin, TemplateView):
    """Staff: every assessment with, per stage, its status and how many assessors have submitted."""

    permission_required = "assessments.view_scoring_progress"
    template_name = "assessments/scoring/progress_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=queries_scoring.progress_overview(), stage_choices=Stage.choices, **kwargs
        )


class ProgressExportView(ProgressListView):
    """The progress of every assessment as CSV or XLSX in Indonesian: per stage its status and how many
    assessors submitted."""

    def get(self, request, *args, **kwargs):
        from antikorupsi import exports

        columns = [
            exports.Column(_("Tahun program"), width=8),
            exports.Column(_("Kabupaten/kota"), width=28),
            exports.Column(_("Tim"), width=14),
            exports.Column(_("Penilai"), exports.INTEGER, width=9),
        ]
        for stage in Stage:
            columns += [
                exports.Column(_("%s: status") % stage.label, width=14),
                exports.Column(_("%s: terkirim") % stage.label, exports.INTEGER, width=10),
            ]
        rows = []
        for row in queries_scoring.progress_overview():
            cells = [
                row.assessment.candidate.programme_year.year,
                row.assessment.candidate.region.full_name,
                row.assessment.team.name,
                row.member_count,
            ]
            for state, submitted in row.stages:
                cells += [str(StageStatus(state.status).label), submitted]
            rows.append(cells)
        export = exports.Export(
            title=_("Progres penilaian"), file_name="progres-penilaian", columns=columns, rows=rows
        )
        return exports.export_response(export, request.GET.get("format"))


class ProgressView(AssessmentMixin, TemplateView):
    """Staff: per assessor and stage of one assessment, draft or submitted and what is missing; the
    buttons that open and close the stages."""

    permission_required = "assessments.view_scoring_progress"
    template_name = "assessments/scoring/progress.html"

    def get_context_data(self, **kwargs):
        stage_states, members = queries_scoring.assessment_progress(self.assessment)
        return super().get_context_data(stage_states=stage_states, members=members, **kwargs)


class ScoreHistoryView(AssessmentMixin, ListView):
    """Every change of the assessment's scores (who, when, old, new), newest first, narrowed by stage,
    assessor or indicator. Staff see all; a team member their own changes, and a colleague's only in the
    stages where both have submitted."""

    permission_required = "assessments.view_score_history"
    template_name = "assessments/scoring/history.html"
    context_object_name = "changes"
    paginate_by = 50

    def get_filters(self) -> dict:
        query = self.request.GET
        stage = query.get("tahap", "")
        assessor, indicator = query.get("penilai", ""), query.get("indikator", "")
        return {
            "stage": stage if stage in Stage.values else "",
            "assessor_id": int(assessor) if assessor.isdigit() else None,
            "indicator_id": int(indicator) if indicator.isdigit() else None,
        }

    def get_queryset(self):
        return queries_scoring.score_history(self.assessment, self.request.user, **self.get_filters())

    def get_context_data(self, **kwargs):
        filters = self.get_filters()
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=filters,
            members=[member.user for member in queries_scoring.active_members(self.assessment)],
            indicators=self.assessment.framework.indicators.filter(source=IndicatorSource.ASSESSORS).order_by(
                "component__order", "order", "pk"
            ),
            querystring=query.urlencode(),
            **kwargs,
        )


class StageActionView(AssessmentMixin, View):
    """Staff open (``buka``) or close (``tutup``) a stage."""

    permission_required = "assessments.manage_stages"
    http_method_names = ["post"]
    actions = {
        "buka": (scoring_services.open_stage, gettext_lazy("Tahap %(stage)s dibuka.")),
        "tutup": (scoring_services.close_stage, gettext_lazy("Tahap %(stage)s ditutup.")),
    }

    def post(self, request, pk, stage, action):
        if action not in self.actions:
            raise Http404
        service, message = self.actions[action]
        try:
            service(self.assessment, stage=stage, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message % {"stage": Stage(stage).label})
        return HttpResponseRedirect(reverse("scoring:progress", kwargs={"pk": self.assessment.pk}))
