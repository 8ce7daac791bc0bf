from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from accounts.mixins import PermissionMixin
from assessments.enums import (
    DECLINABLE_STATUSES,
    RECORDED_RESULT_STATUSES,
    REVOCABLE_STATUSES,
    CandidateStatus,
    PlenaryStatus,
)
from assessments.forms.programme import (
    AnnounceForm,
    DeclineForm,
    DesignateForm,
    InaugurateForm,
    NotesForm,
    ObserveForm,
    ProposeForm,
    RecordedResultForm,
    ResultForm,
    RevokeForm,
)
from assessments.models import Assessment, Candidate, RecordedResult
from assessments.queries import programme as queries
from assessments.services import candidates as services
from assessments.views.base import ProgrammeYearMixin, ServiceFormMixin
from regions.models import Province
from regions.services.screening import screen_region

S = CandidateStatus

# slug: (button label, form, service, statuses it starts from)
STEPS = {
    "skrining": (gettext_lazy("Skrining"), NotesForm, services.screen_candidate, (S.PROPOSED,)),
    "observasi": (gettext_lazy("Catat observasi"), ObserveForm, services.observe_candidate, (S.SCREENED,)),
    "penetapan": (
        gettext_lazy("Tetapkan sebagai calon"),
        DesignateForm,
        services.designate_candidate,
        (S.OBSERVED,),
    ),
    "dinilai": (gettext_lazy("Tandai sudah dinilai"), NotesForm, services.mark_assessed, (S.DESIGNATED,)),
    "pengumuman": (
        gettext_lazy("Catat pengumuman sementara"),
        AnnounceForm,
        services.announce_provisionally,
        (S.ASSESSED,),
    ),
    "hasil": (gettext_lazy("Catat hasil akhir"), ResultForm, services.record_final_result, (S.ANNOUNCED,)),
    "pengukuhan": (
        gettext_lazy("Catat pengukuhan"),
        InaugurateForm,
        services.inaugurate_candidate,
        (S.PILOT,),
    ),
    "hasil-luar-sistem": (
        gettext_lazy("Catat hasil di luar sistem"),
        RecordedResultForm,
        services.record_outside_result,
        RECORDED_RESULT_STATUSES,
    ),
    "tidak-lanjut": (
        gettext_lazy("Tidak dilanjutkan"),
        DeclineForm,
        services.decline_candidate,
        DECLINABLE_STATUSES,
    ),
    "cabut": (gettext_lazy("Cabut"), RevokeForm, services.revoke_candidate, REVOCABLE_STATUSES),
}

OUTSIDE_RESULT = "hasil-luar-sistem"

# Bulk actions on the list: slug -> (label, service call without a form).
BULK_ACTIONS = {
    "skrining": (
        gettext_lazy("Skrining yang diusulkan"),
        lambda candidate, by: services.screen_candidate(candidate=candidate, by=by),
    ),
    "dinilai": (
        gettext_lazy("Tandai sudah dinilai"),
        lambda candidate, by: services.mark_assessed(candidate=candidate, by=by),
    ),
}


def steps_for(candidate: Candidate, *, finalised_plenary: bool = False) -> list[tuple[str, str]]:
    """The steps a candidate can take now; a result from outside the system only without a finalised
    plenary here."""
    return [
        (slug, label)
        for slug, (label, _form, _call, starts) in STEPS.items()
        if candidate.status in starts and not (slug == OUTSIDE_RESULT and finalised_plenary)
    ]


class CandidateListView(ProgrammeYearMixin, PermissionMixin, ListView):
    permission_required = "assessments.view_candidate"
    template_name = "assessments/candidate_list.html"
    paginate_by = 50

    def get_queryset(self):
        candidates = queries.candidates(self.programme_year)
        params = self.request.GET
        if query := params.get("q", "").strip():
            candidates = candidates.filter(
                Q(region__code__startswith=query)
                | Q(region__full_name__icontains=query)
                | Q(proposer__icontains=query)
            )
        if params.get("status") in S.values:
            candidates = candidates.filter(status=params["status"])
        if province := params.get("provinsi"):
            candidates = candidates.filter(region__province__code=province)
        return candidates

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            status_counts=queries.candidate_status_counts(self.programme_year),
            statuses=S.choices,
            provinces=Province.objects.all(),
            filters=self.request.GET,
            querystring=params.urlencode(),
            bulk_actions=[(slug, label) for slug, (label, _call) in BULK_ACTIONS.items()],
            **kwargs,
        )


class CandidateBulkView(ProgrammeYearMixin, PermissionMixin, View):
    """Run one step on the chosen candidates; each goes through the service, refusals are counted."""

    permission_required = "assessments.change_candidate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = BULK_ACTIONS.get(request.POST.get("action", ""))
        url = self.programme_year.get_absolute_url() + "calon/"
        if action is None:
            messages.error(request, _("Pilih tindakan."))
            return HttpResponseRedirect(url)
        chosen = self.programme_year.candidates.filter(pk__in=request.POST.getlist("candidate"))
        done = refused = 0
        for candidate in chosen:
            try:
                action[1](candidate, request.user)
            except ValidationError:
                refused += 1
            else:
                done += 1
        messages.success(
            request,
            _("%(done)d calon diproses, %(refused)d ditolak karena statusnya tidak sesuai.")
            % {"done": done, "refused": refused},
        )
        return HttpResponseRedirect(url)


class CandidateProposeView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.add_candidate"
    template_name = "assessments/form.html"
    form_class = ProposeForm
    success_message = gettext_lazy("Usulan dicatat.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme_year": self.programme_year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Catat usulan"), **kwargs)

    def perform(self, form):
        return services.propose_candidate(
            programme_year=self.programme_year, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.result.get_absolute_url()


class CandidateDetailView(PermissionMixin, DetailView):
    permission_required = "assessments.view_candidate"
    template_name = "assessments/candidate_detail.html"
    queryset = Candidate.objects.select_related("region__province", "programme_year", "recorded_result")

    def get_context_data(self, **kwargs):
        candidate = self.object
        screening = screen_region(candidate.region, candidate.programme_year.year)
        assessment = Assessment.objects.filter(candidate=candidate).select_related("team", "plenary").first()
        plenary = getattr(assessment, "plenary", None)
        finalised = plenary is not None and plenary.status == PlenaryStatus.FINALISED
        return super().get_context_data(
            events=candidate.events.select_related("by"),
            steps=steps_for(candidate, finalised_plenary=finalised),
            screening=screening,
            open_cases=queries.open_cases(candidate, screening),
            assessment=assessment,
            recorded_result=getattr(candidate, "recorded_result", None),
            **kwargs,
        )


class CandidateStepView(PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.change_candidate"
    template_name = "assessments/candidate_step.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["step"] not in STEPS:
            raise Http404
        self.label, self.form_class, self.service, self.starts = STEPS[kwargs["step"]]
        self.candidate = get_object_or_404(
            Candidate.objects.select_related("region__province", "programme_year"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        """Revoking for an open case: today's date and the cases as the reason, for staff to check. A result
        from outside the system: the one recorded before, to correct."""
        if self.kwargs["step"] == OUTSIDE_RESULT:
            recorded = RecordedResult.objects.filter(candidate=self.candidate).first()
            if recorded is None:
                return super().get_initial()
            return {
                "total": recorded.total,
                "predicate": recorded.predicate,
                "source": recorded.source,
                "decided_on": recorded.decided_on,
            }
        if self.kwargs["step"] != "cabut":
            return super().get_initial()
        screening = screen_region(self.candidate.region, self.candidate.programme_year.year)
        cases = queries.open_cases(self.candidate, screening)
        reason = "\n".join(
            _("Kasus terbuka: %(person)s (%(position)s), tahap %(stage)s oleh %(handler)s.")
            % {
                "person": case.person_name,
                "position": case.get_position_display(),
                "stage": case.get_stage_display().lower(),
                "handler": case.get_handler_display(),
            }
            for case in cases
        )
        return {"revoked_on": timezone.localdate(), "reason": reason}

    def get_context_data(self, **kwargs):
        screening = None
        if self.kwargs["step"] == "penetapan":
            screening = screen_region(self.candidate.region, self.candidate.programme_year.year)
        return super().get_context_data(
            candidate=self.candidate, title=self.label, screening=screening, **kwargs
        )

    def perform(self, form):
        return self.service(candidate=self.candidate, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        messages.success(self.request, _("%(step)s: tercatat.") % {"step": self.label})
        return self.candidate.get_absolute_url()
