"""The region's side of the cycle: self-assessment, worksheet (LKE) and its XLSX export, monitoring rounds,
recommendations and their follow-up, the objection window, and the files attached to them.

Every view's permission object is the candidate (for a round's scores, the round). Whoever may see the page
but not do its action gets 403; everyone else 404 (``CandidatePageMixin``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.mixins import PermissionMixin
from accounts.rules import is_permas_staff
from assessments.forms.region import (
    AnswerForm,
    FollowUpForm,
    InviteForm,
    ObjectionForm,
    ReasonForm,
    RecommendationForm,
    ReviewForm,
    RoundForm,
    RoundScoresForm,
    ScheduleForm,
    SelfAssessmentForm,
)
from assessments.models import (
    Candidate,
    MonitoringRound,
    ObjectionPoint,
    ProgrammeYear,
    Recommendation,
    RegionFile,
    RegionSchedule,
    SelfAssessmentContributor,
)
from assessments.queries import region as queries
from assessments.queries.evidence import _documents_by_indicator
from assessments.queries.worksheet_xlsx import build_worksheet_xlsx, worksheet_header, worksheet_rows
from assessments.rules import candidate_assessment
from assessments.services import monitoring as monitoring_services
from assessments.services import objections as objection_services
from assessments.services import recommendations as recommendation_services
from assessments.services import selfassessment as self_services
from assessments.services.evidence import ChecksumMismatch
from assessments.services.region_files import open_verified
from assessments.views.base import error_text

CANDIDATE = Candidate.objects.select_related("region__province", "programme_year")


class CandidatePageMixin(PermissionMixin):
    """``self.candidate`` is the permission object; ``see_permission`` names the page's reading permission:
    a reader refused the action gets 403."""

    see_permission = ""

    def get_candidate(self) -> Candidate:
        return get_object_or_404(CANDIDATE, pk=self.kwargs["pk"])

    def get_permission_object(self):
        if not hasattr(self, "candidate"):
            self.candidate = self.get_candidate()
        return self.candidate

    def handle_no_permission(self):
        user = self.request.user
        if (
            user.is_authenticated
            and self.see_permission
            and self.see_permission != self.permission_required
            and user.has_perm(self.see_permission, self.candidate)
        ):
            raise PermissionDenied
        return super().handle_no_permission()

    def get_context_data(self, **kwargs):
        return super().get_context_data(candidate=self.candidate, region=self.candidate.region, **kwargs)

    def back(self, name: str):
        return HttpResponseRedirect(reverse(f"region:{name}", kwargs={"pk": self.candidate.pk}))


# Self-assessment.


class SelfAssessmentView(CandidatePageMixin, TemplateView):
    """The self-assessment: the region fills it (draft, then submit); staff and the team read it."""

    permission_required = "assessments.see_self_assessment"
    see_permission = "assessments.see_self_assessment"
    template_name = "assessments/region/self_assessment.html"

    def rows(self):
        self_assessment = queries.self_assessment_of(self.candidate)
        scores = queries.self_scores(self_assessment)
        self.draft_hidden = bool(
            self_assessment
            and not self_assessment.is_submitted
            and not self.request.user.has_perm("assessments.fill_self_assessment", self.candidate)
        )
        if self.draft_hidden:
            scores = {}  # staff and the team read the region's answers once it has submitted them
        documents = _documents_by_indicator(self.candidate.pk)
        indicators = queries.framework_indicators(self.candidate)
        return self_assessment, [
            (indicator, scores.get(indicator.pk), documents.get(indicator.pk, [])) for indicator in indicators
        ]

    def can_fill(self, self_assessment) -> bool:
        return self.request.user.has_perm("assessments.fill_self_assessment", self.candidate) and not (
            self_assessment and self_assessment.is_submitted
        )

    def get(self, request, *args, **kwargs):
        self_assessment, rows = self.rows()
        form = SelfAssessmentForm(rows=rows, disabled=not self.can_fill(self_assessment))
        return self.render(self_assessment, rows, form)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("assessments.fill_self_assessment", self.candidate):
            raise PermissionDenied
        self_assessment, rows = self.rows()
        form = SelfAssessmentForm(request.POST, rows=rows)
        submit = "kirim" in request.POST
        if not form.is_valid():
            messages.error(request, _("Penilaian mandiri belum tersimpan. Perbaiki isian yang ditandai."))
            return self.render(self_assessment, rows, form, status=400)
        try:
            self_services.save_self_assessment(
                candidate=self.candidate, entries=form.entries(), by=request.user, submit=submit
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return self.render(self_assessment, rows, form, status=400)
        messages.success(request, _("Penilaian mandiri terkirim.") if submit else _("Draf tersimpan."))
        return self.back("self_assessment")

    def render(self, self_assessment, rows, form, status=200):
        for indicator, _score, _documents in rows:
            indicator.fields = {
                "value": form[f"nilai_{indicator.pk}"],
                "justification": form[f"penjelasan_{indicator.pk}"],
                "documents": form[f"bukti_{indicator.pk}"],
            }
        contributors = SelfAssessmentContributor.objects.filter(candidate=self.candidate).select_related(
            "user"
        )
        context = self.get_context_data(
            self_assessment=self_assessment,
            rows=rows,
            form=form,
            can_fill=self.can_fill(self_assessment),
            deadline=self_services.self_assessment_deadline(self.candidate),
            contributors=contributors,
            invite_form=InviteForm(candidate=self.candidate),
            reopen_form=ReasonForm(),
            draft_hidden=self.draft_hidden,
        )
        return self.render_to_response(context, status=status)


class SelfAssessmentReopenView(CandidatePageMixin, View):
    permission_required = "assessments.reopen_self_assessment"
    see_permission = "assessments.see_self_assessment"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReasonForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Tuliskan alasan membuka kembali penilaian mandiri."))
            self_services.reopen_self_assessment(
                candidate=self.candidate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Penilaian mandiri dibuka kembali."))
        return self.back("self_assessment")


class ContributorInviteView(CandidatePageMixin, View):
    permission_required = "assessments.invite_self_assessment_contributor"
    see_permission = "assessments.see_self_assessment"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, candidate=self.candidate)
        try:
            if not form.is_valid():
                raise ValidationError(" ".join(form.errors.get("username", [])) or _("Isian tidak valid."))
            self_services.invite_contributor(
                candidate=self.candidate, user=form.cleaned_data["username"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Rekan diundang mengisi penilaian mandiri."))
        return self.back("self_assessment")


class ContributorRemoveView(CandidatePageMixin, View):
    permission_required = "assessments.invite_self_assessment_contributor"
    see_permission = "assessments.see_self_assessment"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        contributor = get_object_or_404(
            SelfAssessmentContributor, pk=kwargs["contributor"], candidate=self.candidate
        )
        self_services.remove_contributor(contributor=contributor, by=request.user)
        messages.success(request, _("Rekan tidak lagi mengisi penilaian mandiri."))
        return self.back("self_assessment")


class RegionScheduleView(PermissionMixin, FormView):
    """Staff set a programme year's self-assessment deadline and objection window."""

    permission_required = "assessments.set_region_schedule"
    template_name = "assessments/form.html"
    form_class = ScheduleForm

    def dispatch(self, request, *args, **kwargs):
        self.programme_year = get_object_or_404(ProgrammeYear, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        schedule = RegionSchedule.objects.filter(programme_year=self.programme_year).first()
        if schedule is None:
            return {"objection_working_days": 5}
        return {
            "self_assessment_due_on": schedule.self_assessment_due_on,
            "objection_working_days": schedule.objection_working_days,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Jadwal daerah %(year)s") % {"year": self.programme_year.name},
            programme_year=self.programme_year,
            **kwargs,
        )

    def form_valid(self, form):
        self_services.set_region_schedule(
            programme_year=self.programme_year, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("Jadwal daerah tersimpan."))
        return HttpResponseRedirect(self.programme_year.get_absolute_url())


# The worksheet (LKE).


class WorksheetView(CandidatePageMixin, TemplateView):
    permission_required = "assessments.see_worksheet"
    template_name = "assessments/region/worksheet.html"

    def get_context_data(self, **kwargs):
        sheet = queries.worksheet(self.candidate, self.request.user)
        return super().get_context_data(
            sheet=sheet, header=worksheet_header(sheet), lines=worksheet_rows(sheet), **kwargs
        )


class WorksheetExportView(CandidatePageMixin, View):
    permission_required = "assessments.see_worksheet"

    def get(self, request, *args, **kwargs):
        sheet = queries.worksheet(self.candidate, request.user)
        response = HttpResponse(
            build_worksheet_xlsx(sheet),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"lke-{self.candidate.region.code}-{self.candidate.programme_year.year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# Monitoring rounds.


class MonitoringView(CandidatePageMixin, TemplateView):
    permission_required = "assessments.see_monitoring"
    template_name = "assessments/region/monitoring.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trend=queries.monitoring_trend(self.candidate),
            round_form=RoundForm(initial={"held_on": timezone.localdate()}),
            **kwargs,
        )


class RoundCreateView(CandidatePageMixin, View):
    permission_required = "assessments.run_monitoring"
    see_permission = "assessments.see_monitoring"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RoundForm(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                _("Putaran belum dibuka: %(errors)s")
                % {"errors": " ".join(str(error) for errors in form.errors.values() for error in errors)},
            )
            return self.back("monitoring")
        try:
            monitoring_round = monitoring_services.open_round(
                candidate=self.candidate, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return self.back("monitoring")
        messages.success(request, _("Putaran %(number)s dibuka.") % {"number": monitoring_round.number})
        return HttpResponseRedirect(monitoring_round.get_absolute_url())


class RoundView(CandidatePageMixin, TemplateView):
    """One round: its running scores and notes; staff and the round's assessors record them."""

    permission_required = "assessments.see_monitoring"
    template_name = "assessments/region/round.html"

    def get_candidate(self):
        self.round = get_object_or_404(
            MonitoringRound.objects.select_related("candidate"), pk=self.kwargs["pk"]
        )
        return get_object_or_404(CANDIDATE, pk=self.round.candidate_id)

    def form(self, data=None):
        return RoundScoresForm(
            data, monitoring_round=self.round, indicators=queries.framework_indicators(self.candidate)
        )

    def can_record(self) -> bool:
        return self.request.user.has_perm("assessments.record_monitoring", self.round)

    def get(self, request, *args, **kwargs):
        return self.render(self.form())

    def post(self, request, *args, **kwargs):
        if not self.can_record():
            raise PermissionDenied
        form = self.form(request.POST)
        if form.is_valid():
            try:
                monitoring_services.record_round_scores(
                    monitoring_round=self.round,
                    scores=form.scores(),
                    notes=form.cleaned_data["notes"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("Nilai berjalan tersimpan."))
                return HttpResponseRedirect(self.round.get_absolute_url())
        return self.render(form, status=400)

    def render(self, form, status=200):
        indicators = form.indicators
        for indicator in indicators:
            indicator.value_field = form[f"nilai_{indicator.pk}"]
            indicator.note_field = form[f"catatan_{indicator.pk}"]
        context = self.get_context_data(
            monitoring_round=self.round, form=form, indicators=indicators, can_record=self.can_record()
        )
        return self.render_to_response(context, status=status)


# Recommendations.


class RecommendationListView(CandidatePageMixin, TemplateView):
    permission_required = "assessments.see_recommendations"
    template_name = "assessments/region/recommendations.html"

    def get_context_data(self, **kwargs):
        staff = is_permas_staff(self.request.user)
        return super().get_context_data(
            items=list(queries.recommendations_for(self.candidate)),
            form=RecommendationForm(candidate=self.candidate, staff=staff),
            can_add=self.request.user.has_perm("assessments.record_recommendation", self.candidate),
            today=timezone.localdate(),
            **kwargs,
        )


class RecommendationCreateView(CandidatePageMixin, View):
    permission_required = "assessments.record_recommendation"
    see_permission = "assessments.see_recommendations"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        staff = is_permas_staff(request.user)
        form = RecommendationForm(request.POST, candidate=self.candidate, staff=staff)
        if not form.is_valid():
            messages.error(
                request,
                _("Rekomendasi belum tersimpan: %(errors)s")
                % {
                    "errors": " ".join(
                        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
                        for name, errors in form.errors.items()
                        for error in errors
                    )
                },
            )
            return self.back("recommendations")
        data = dict(form.cleaned_data)
        data.setdefault("source", "pleno")
        try:
            recommendation_services.add_recommendation(candidate=self.candidate, by=request.user, **data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Rekomendasi tercatat."))
        return self.back("recommendations")


class RecommendationMixin(CandidatePageMixin):
    see_permission = "assessments.see_recommendations"

    def get_candidate(self):
        self.item = get_object_or_404(
            Recommendation.objects.select_related(
                "indicator", "candidate__programme_year", "monitoring_round"
            ),
            pk=self.kwargs["pk"],
        )
        return get_object_or_404(CANDIDATE, pk=self.item.candidate_id)


class RecommendationView(RecommendationMixin, TemplateView):
    permission_required = "assessments.see_recommendations"
    template_name = "assessments/region/recommendation.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            item=self.item,
            files=list(self.item.files.all()),
            follow_up_form=FollowUpForm(initial={"text": self.item.follow_up}),
            review_form=ReviewForm(),
            can_follow_up=user.has_perm("assessments.follow_up_recommendation", self.candidate),
            can_review=user.has_perm("assessments.review_recommendation", self.candidate),
            **kwargs,
        )


class FollowUpView(RecommendationMixin, View):
    permission_required = "assessments.follow_up_recommendation"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = FollowUpForm(
            request.POST, request.FILES, oversized=getattr(request, "oversized_uploads", set())
        )
        try:
            if not form.is_valid():
                raise ValidationError(" ".join(str(e) for errors in form.errors.values() for e in errors))
            recommendation_services.follow_up(
                recommendation=self.item,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["berkas"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Tindak lanjut terkirim untuk diperiksa staf."))
        return HttpResponseRedirect(self.item.get_absolute_url())


class RecommendationReviewView(RecommendationMixin, View):
    permission_required = "assessments.review_recommendation"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST)
        actions = {
            ReviewForm.ACCEPT: (
                recommendation_services.accept_follow_up,
                _("Tindak lanjut diterima; rekomendasi selesai."),
            ),
            ReviewForm.REJECT: (recommendation_services.reject_follow_up, _("Tindak lanjut tidak diterima.")),
            ReviewForm.REOPEN: (
                recommendation_services.reopen_recommendation,
                _("Rekomendasi dibuka kembali."),
            ),
        }
        try:
            if not form.is_valid():
                raise ValidationError(_("Pilih keputusan."))
            action, message = actions[form.cleaned_data["decision"]]
            action(recommendation=self.item, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.item.get_absolute_url())


# Objections.


class ObjectionView(CandidatePageMixin, TemplateView):
    permission_required = "assessments.see_objection"
    template_name = "assessments/region/objection.html"

    def plenary(self):
        assessment = candidate_assessment(self.candidate)
        plenary = getattr(assessment, "plenary", None) if assessment else None
        return plenary

    def scored_indicators(self):
        return [
            indicator
            for indicator in queries.framework_indicators(self.candidate)
            if not indicator.is_fed_by_criterion
        ]

    def get(self, request, *args, **kwargs):
        return self.render(ObjectionForm(indicators=self.scored_indicators()))

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("assessments.file_objection", self.candidate):
            raise PermissionDenied
        plenary = self.plenary()
        if plenary is None:
            raise Http404
        form = ObjectionForm(
            request.POST,
            request.FILES,
            indicators=self.scored_indicators(),
            oversized=getattr(request, "oversized_uploads", set()),
        )
        if form.is_valid():
            try:
                objection_services.file_objection(plenary=plenary, points=form.points(), by=request.user)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("Sanggahan diajukan."))
                return self.back("objection")
        return self.render(form, status=400)

    def render(self, form, status=200):
        plenary = self.plenary()
        today = timezone.localdate()
        window = objection_services.objection_window(plenary) if plenary else None
        objection = queries.objection_of(self.candidate)
        for indicator in form.indicators:
            indicator.argument_field = form[f"alasan_{indicator.pk}"]
            indicator.value_field = form[f"nilai_{indicator.pk}"]
            indicator.file_field = form[f"berkas_{indicator.pk}"]
        user = self.request.user
        context = self.get_context_data(
            plenary=plenary,
            window=window,
            window_open=bool(window and window.is_open(today)),
            objection=objection,
            form=form,
            can_file=user.has_perm("assessments.file_objection", self.candidate) and objection is None,
            can_answer=user.has_perm("assessments.answer_objection", self.candidate),
            answer_form=AnswerForm(),
            agreed={score.indicator_id: score.value for score in plenary.scores.all()} if plenary else {},
        )
        return self.render_to_response(context, status=status)


class AnswerView(CandidatePageMixin, View):
    permission_required = "assessments.answer_objection"
    see_permission = "assessments.see_objection"
    http_method_names = ["post"]

    def get_candidate(self):
        self.point = get_object_or_404(
            ObjectionPoint.objects.select_related("objection__plenary__assessment"), pk=self.kwargs["pk"]
        )
        return get_object_or_404(CANDIDATE, pk=self.point.objection.plenary.assessment.candidate_id)

    def post(self, request, *args, **kwargs):
        form = AnswerForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(" ".join(str(e) for errors in form.errors.values() for e in errors))
            objection_services.answer_point(
                point=self.point,
                accepted=form.cleaned_data["decision"] == AnswerForm.ACCEPT,
                new_value=form.cleaned_data.get("new_value"),
                reason=form.cleaned_data.get("reason") or "",
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Jawaban tersimpan."))
        return self.back("objection")


# Files attached to a follow-up or an objection point.


class RegionFileView(CandidatePageMixin, View):
    permission_required = "assessments.see_region_file"

    def get_candidate(self):
        self.file = get_object_or_404(
            RegionFile.objects.select_related(
                "recommendation", "objection_point__objection__plenary__assessment"
            ),
            pk=self.kwargs["pk"],
        )
        return get_object_or_404(CANDIDATE, pk=self.file.candidate.pk)

    def get(self, request, *args, **kwargs):
        try:
            handle = open_verified(self.file)
        except ChecksumMismatch:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=self.file.original_name, content_type=self.file.content_type
        )
