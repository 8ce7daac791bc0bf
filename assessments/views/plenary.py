"""The plenary page (team chair and staff), finalising and reopening, the announcements, the PDF reports,
and the public programme page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.mixins import PermissionMixin
from assessments.enums import AnnouncementKind
from assessments.forms.plenary import AnnouncementForm, PlenaryMeetingForm, PlenaryScoreForm, ReopenForm
from assessments.models import Announcement, Assessment, Indicator, ProgrammeYear
from assessments.queries.programme import conflict_flags
from assessments.queries.results import by_total, public_candidates, stated_result
from assessments.services import plenary as plenary_services
from assessments.views.base import error_text
from reports import contexts
from reports.services.issuing import issue_pdf


def pdf_response(document):
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def site_url(request) -> str:
    return request.build_absolute_uri("/")


class PlenaryMixin(PermissionMixin):
    """Views under /program/penilaian/<pk>/pleno/: ``self.assessment`` is the permission object and
    ``self.plenary`` its plenary (created on first visit)."""

    def dispatch(self, request, *args, **kwargs):
        self.assessment = (
            Assessment.objects.select_related(
                "candidate__region__province", "candidate__programme_year", "team", "framework"
            )
            .filter(pk=kwargs["pk"])
            .first()
        )
        if self.assessment is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.assessment

    @property
    def plenary(self):
        if not hasattr(self, "_plenary"):
            self._plenary = plenary_services.plenary_for(self.assessment)
        return self._plenary

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and user.has_perm("assessments.see_plenary", self.assessment):
            raise PermissionDenied
        return super().handle_no_permission()

    def back(self):
        return HttpResponseRedirect(reverse("assessments:plenary", kwargs={"pk": self.assessment.pk}))


class PlenaryView(PlenaryMixin, TemplateView):
    permission_required = "assessments.see_plenary"
    template_name = "assessments/plenary.html"

    def get_context_data(self, **kwargs):
        user, plenary = self.request.user, self.plenary
        prefetch_related_objects([plenary], "scores", "attendees", "announcements")
        rows, result = plenary_services.plenary_sheet(plenary)
        flags = conflict_flags(self.assessment)
        context = super().get_context_data(
            assessment=self.assessment,
            candidate=self.assessment.candidate,
            plenary=plenary,
            rows=rows,
            result=result,
            attendees=plenary.attendees.all(),
            announcements={a.kind: a for a in plenary.announcements.all()},
            can_run=user.has_perm("assessments.run_plenary", self.assessment),
            can_reopen=user.has_perm("assessments.reopen_plenary", self.assessment),
            can_announce=user.has_perm("assessments.announce_result", self.assessment),
            can_download=user.has_perm("assessments.download_plenary_reports", self.assessment),
            threshold=self.assessment.candidate.programme_year.plenary_reason_threshold,
            meeting_form=PlenaryMeetingForm(instance=plenary),
            reopen_form=ReopenForm(),
            conflict_flags={flag.name: flag for flag in flags.values()},
            own_conflict=flags.get(user.pk),
            **kwargs,
        )
        if plenary.is_finalised:
            context["review"] = plenary_services.final_review(plenary)
        return context


class PlenaryPostView(PlenaryMixin, View):
    http_method_names = ["post"]
    permission_required = "assessments.run_plenary"

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message)
        return self.back()


class PlenaryScoreView(PlenaryPostView):
    def perform(self) -> str:
        form = PlenaryScoreForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Periksa kembali nilai yang diisi."), code="invalid")
        indicator = get_object_or_404(
            Indicator, pk=form.cleaned_data["indicator"], framework=self.assessment.framework
        )
        plenary_services.record_plenary_score(
            plenary=self.plenary,
            indicator=indicator,
            value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        return _("Nilai pleno indikator %(code)s disimpan.") % {"code": indicator.code}


class PlenaryMeetingView(PlenaryPostView):
    def perform(self) -> str:
        form = PlenaryMeetingForm(self.request.POST, instance=self.plenary)
        if not form.is_valid():
            raise ValidationError(
                [message for errors in form.errors.values() for message in errors], code="invalid"
            )
        data = form.cleaned_data
        plenary_services.record_meeting(
            plenary=self.plenary,
            held_on=data["held_on"],
            place=data["place"],
            attendees=data["attendees"],
            notes=data["notes"],
            recommendations=data["recommendations"],
            by=self.request.user,
        )
        return _("Data rapat dan kehadiran disimpan.")


class PlenaryFinalizeView(PlenaryPostView):
    def perform(self) -> str:
        plenary = plenary_services.finalize_plenary(plenary=self.plenary, by=self.request.user)
        return _("Rapat pleno difinalkan: nilai total %(total)s.") % {"total": contexts.fmt(plenary.total)}


class PlenaryReopenView(PlenaryPostView):
    permission_required = "assessments.reopen_plenary"

    def perform(self) -> str:
        reason = self.request.POST.get("reason", "")  # the service refuses an empty one
        plenary_services.reopen_plenary(plenary=self.plenary, by=self.request.user, reason=reason)
        return _("Rapat pleno dibuka kembali.")


class AnnouncementCreateView(PlenaryMixin, FormView):
    """Publish the provisional or the final announcement; the final one shows the recomputed result
    beside the provisional one first."""

    permission_required = "assessments.announce_result"
    form_class = AnnouncementForm
    template_name = "assessments/announcement_form.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in AnnouncementKind.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        previous = self.plenary.announcements.filter(kind=AnnouncementKind.PROVISIONAL).first()
        if previous is None:
            return {}
        return {
            "place": previous.place,
            "official_name": previous.official_name,
            "official_position": previous.official_position,
            "witnesses": "\n".join(f"{w.name}; {w.position}" for w in previous.witnesses.all()),
        }

    def get_context_data(self, **kwargs):
        kind = AnnouncementKind(self.kwargs["kind"])
        context = super().get_context_data(
            assessment=self.assessment, plenary=self.plenary, kind=kind, **kwargs
        )
        if self.plenary.is_finalised:
            context["review"] = plenary_services.final_review(self.plenary)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            plenary_services.publish_announcement(
                plenary=self.plenary,
                kind=self.kwargs["kind"],
                announced_on=data["announced_on"],
                place=data["place"],
                official_name=data["official_name"],
                official_position=data["official_position"],
                witnesses=data["witnesses"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Pengumuman diterbitkan."))
        return self.back()


class PlenaryReportView(PlenaryMixin, View):
    """Issue and download the plenary record or the region's score report (a new verification code each
    time)."""

    permission_required = "assessments.download_plenary_reports"

    def get(self, request, *args, **kwargs):
        build = contexts.PLENARY_REPORTS.get(kwargs["report"])
        if build is None:
            raise Http404
        document = issue_pdf(build(self.plenary), base_url=site_url(request), by=request.user)
        return pdf_response(document)


class AnnouncementReportView(PlenaryMixin, View):
    permission_required = "assessments.download_plenary_reports"

    def get(self, request, *args, **kwargs):
        announcement = get_object_or_404(
            Announcement, plenary__assessment=self.assessment, kind=kwargs["kind"]
        )
        document = issue_pdf(
            contexts.announcement_report(announcement), base_url=site_url(request), by=request.user
        )
        return pdf_response(document)


class YearSummaryReportView(PermissionMixin, View):
    permission_required = "assessments.run_programme"

    def get(self, request, *args, **kwargs):
        programme_year = get_object_or_404(ProgrammeYear, year=kwargs["year"])
        document = issue_pdf(
            contexts.year_summary_report(programme_year), base_url=site_url(request), by=request.user
        )
        return pdf_response(document)


class PublicProgrammeView(PermissionMixin, TemplateView):
    """The public page of the programme: every provisionally announced, pilot, inaugurated and revoked
    region by year with score, predicate and status (a revoked pilot with the date). Only what was made
    public: an announcement's figures, or a result staff recorded from outside the system; no assessor
    scores or notes. See ``assessments.queries.results``."""

    permission_required = "assessments.view_public_programme"
    open_to_anonymous = True
    template_name = "assessments/public_programme.html"

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs):
        candidates = public_candidates().order_by("-programme_year__year", "region__code")
        years: dict = {}
        for candidate in candidates:
            result = stated_result(candidate)
            years.setdefault(candidate.programme_year, []).append({"candidate": candidate, "result": result})
        for rows in years.values():
            rows.sort(key=lambda row: by_total(row["result"], row["candidate"].region.code))
        return super().get_context_data(years=years, **kwargs)
