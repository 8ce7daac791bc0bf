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
    BulkStepForm,
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
from assessments.views.base import ProgrammeYearMixin, ServiceFormMixin, error_text
from regions.enums import Stage
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

# Bulk steps on the list: slug -> (label, service call with the bulk form's data). Each candidate goes
# through the same service as its own page (checked and audited on its own).
BULK_ACTIONS = {
    "skrining": (
        gettext_lazy("Skrining"),
        lambda candidate, by, data: services.screen_candidate(
            candidate=candidate, by=by, notes=data["reason"]
        ),
    ),
    "observasi": (
        gettext_lazy("Catat observasi"),
        lambda candidate, by, data: services.observe_candidate(
            candidate=candidate, by=by, observed_on=data["on"], team=data["team"], notes=data["reason"]
        ),
    ),
    "penetapan": (
        gettext_lazy("Tetapkan sebagai calon (satu surat)"),
        lambda candidate, by, data: services.designate_candidate(
            candidate=candidate,
            by=by,
            letter_number=data["letter_number"],
            letter_date=data["on"],
            override_reason=data["reason"],
        ),
    ),
    "dinilai": (
        gettext_lazy("Tandai sudah dinilai"),
        lambda candidate, by, data: services.mark_assessed(candidate=candidate, by=by, notes=data["reason"]),
    ),
    "tidak-lanjut": (
        gettext_lazy("Tidak dilanjutkan"),
        lambda candidate, by, data: services.decline_candidate(
            candidate=candidate, by=by, reason=data["reason"]
        ),
    ),
}
BULK_CHOICES = [(slug, label) for slug, (label, _call) in BULK_ACTIONS.items()]


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
            bulk_form=BulkStepForm(actions=BULK_CHOICES),
            **kwargs,
        )


class CandidateExportView(CandidateListView):
    """The candidate list of a programme year (same search and filters) as CSV or XLSX in Indonesian."""

    def get(self, request, *args, **kwargs):
        from antikorupsi import exports

        year = self.programme_year.year
        export = exports.Export(
            title=_("Usulan dan calon tahun program %s") % year,
            file_name=f"calon-{year}",
            columns=[
                exports.Column(_("Kode"), width=8),
                exports.Column(_("Kabupaten/kota"), width=28),
                exports.Column(_("Provinsi"), width=22),
                exports.Column(_("Status"), width=16),
                exports.Column(_("Pengusul"), width=30),
                exports.Column(_("Memenuhi kriteria saat skrining"), width=14),
                exports.Column(_("Tanggal observasi"), exports.DATE, width=16),
                exports.Column(_("Nomor surat penetapan"), width=30),
                exports.Column(_("Tanggal surat penetapan"), exports.DATE, width=16),
                exports.Column(_("Alasan penetapan meskipun tidak memenuhi"), width=30),
                exports.Column(_("Tanggal pencabutan"), exports.DATE, width=16),
            ],
            rows=[
                [
                    candidate.region.code,
                    candidate.region.full_name,
                    candidate.region.province.name,
                    candidate.get_status_display(),
                    candidate.proposer,
                    candidate.screening_eligible,
                    candidate.observed_on,
                    candidate.designation_letter_number,
                    candidate.designation_letter_date,
                    candidate.designation_override_reason,
                    candidate.revoked_on,
                ]
                for candidate in self.get_queryset()
            ],
        )
        return exports.export_response(export, request.GET.get("format"))


class CandidateBulkView(ProgrammeYearMixin, PermissionMixin, View):
    """Move the chosen candidates one step with one letter number and date: each goes through the step's
    service on its own (its own checks, event and audit entry); the page lists which were refused and why."""

    permission_required = "assessments.change_candidate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        url = self.programme_year.get_absolute_url() + "calon/"
        form = BulkStepForm(request.POST, actions=BULK_CHOICES)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return HttpResponseRedirect(url)
        chosen = (
            self.programme_year.candidates.filter(pk__in=request.POST.getlist("candidate"))
            .select_related("region")
            .order_by("region__code")
        )
        if not chosen:
            messages.error(request, _("Pilih sedikitnya satu calon."))
            return HttpResponseRedirect(url)
        label, call = BULK_ACTIONS[form.cleaned_data["action"]]
        done = 0
        for candidate in chosen:
            try:
                call(candidate, request.user, form.cleaned_data)
            except ValidationError as error:
                messages.error(
                    request,
                    _("%(region)s ditolak: %(reason)s")
                    % {"region": candidate.region.full_name, "reason": error_text(error)},
                )
            else:
                done += 1
        if done:
            messages.success(request, _("%(step)s: %(done)d calon diproses.") % {"step": label, "done": done})
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
        screening = screen_region(candidate.region, candidate.programme_year.year, stage=Stage.DESIGNATION)
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
        screening = screen_region(
            self.candidate.region, self.candidate.programme_year.year, stage=Stage.DESIGNATION
        )
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
        if self.kwargs["step"] in ("skrining", "penetapan"):
            stage = Stage.DESIGNATION if self.kwargs["step"] == "penetapan" else Stage.CANDIDACY
            screening = screen_region(self.candidate.region, self.candidate.programme_year.year, stage=stage)
        return super().get_context_data(
            candidate=self.candidate,
            title=self.label,
            screening=screening,
            step=self.kwargs["step"],
            **kwargs,
        )

    def perform(self, form):
        return self.service(candidate=self.candidate, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        messages.success(self.request, _("%(step)s: tercatat.") % {"step": self.label})
        return self.candidate.get_absolute_url()
