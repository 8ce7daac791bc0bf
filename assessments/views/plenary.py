"""The plenary page (team chair and staff), finalising and reopening, the announcements, and the public
programme page. The plenary's documents (PDFs) are served by ``reports.views.documents``."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.mixins import PermissionMixin
from antikorupsi import exports
from assessments.enums import AnnouncementKind, StageStatus
from assessments.forms.plenary import AnnouncementForm, PlenaryMeetingForm, PlenaryScoresForm, ReopenForm
from assessments.queries import plenary as plenary_queries
from assessments.queries.evidence import evidence_by_indicator
from assessments.queries.programme import conflict_flags, team_people
from assessments.queries.results import by_total, public_candidates, stated_result
from assessments.rules import remember_memberships
from assessments.services import announcements as announcement_services
from assessments.services import plenary as plenary_services
from assessments.views.base import error_text


class PlenaryMixin(PermissionMixin):
    """Views under /program/penilaian/<pk>/pleno/: ``self.assessment`` is the permission object and
    ``self.plenary`` its plenary (unsaved while nobody has recorded anything: reading creates nothing;
    the POST views create it through ``plenary_services.plenary_for``)."""

    def dispatch(self, request, *args, **kwargs):
        self.assessment = plenary_queries.plenary_assessment(kwargs["pk"])
        if self.assessment is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        # The page's permissions (seeing, running, downloading, the assessors' scores) each ask whether the
        # reader is on the team and not recused: read that once for the request (no view here changes it).
        remember_memberships(self.assessment)
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.assessment

    @property
    def plenary(self):
        if not hasattr(self, "_plenary"):
            self._plenary = plenary_queries.plenary_of(self.assessment)
            # The row just read answers ``assessments.rules.plenary_is_finalised`` for the permission checks
            # that follow (the page asks three), instead of one query each.
            self.assessment._plenary_finalised = self._plenary.is_finalised
        return self._plenary

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and user.has_perm("assessments.see_plenary", self.assessment):
            raise PermissionDenied
        return super().handle_no_permission()

    def back(self):
        return HttpResponseRedirect(reverse("assessments:plenary", kwargs={"pk": self.assessment.pk}))


class PlenaryView(PlenaryMixin, TemplateView):
    """The plenary page for the meeting: per indicator a compact grid of the assessors' scores per stage
    (only for readers who may see them), mean, median, spread and evidence, sorted by disagreement
    (``?selisih=1`` keeps the indicators whose spread passes the year's threshold), and one form for every
    agreed score."""

    permission_required = "assessments.see_plenary"
    template_name = "assessments/plenary.html"

    def get_context_data(self, scores_form=None, **kwargs):
        user, plenary = self.request.user, self.plenary
        plenary_queries.read_minutes(plenary)
        # The team, read once: it names the assessors' columns and answers the conflicts of interest.
        people = team_people(self.assessment)
        sheet = plenary_queries.plenary_sheet(plenary, user, people)
        programme_year = self.assessment.candidate.programme_year
        threshold = programme_year.plenary_reason_threshold
        only_departing = self.request.GET.get("selisih") == "1" and sheet.scores_visible
        rows = [row for row in sheet.rows if row.departs(threshold)] if only_departing else sheet.rows
        can_run = user.has_perm("assessments.run_plenary", self.assessment)
        can_download = user.has_perm("assessments.download_plenary_reports", self.assessment)
        can_reopen = user.has_perm("assessments.reopen_plenary", self.assessment)
        if scores_form is None and can_run:
            prefill = programme_year.plenary_prefill if sheet.scores_visible else ""
            scores_form = PlenaryScoresForm(rows, prefill=prefill)
        flags = conflict_flags(self.assessment, people)
        return super().get_context_data(
            assessment=self.assessment,
            candidate=self.assessment.candidate,
            plenary=plenary,
            sheet=sheet,
            rows=rows,
            only_departing=only_departing,
            result=sheet.result,
            scores_visible=sheet.scores_visible,
            attendees=plenary.attendees.all() if plenary.pk else [],
            announcements=plenary_queries.announcements_by_kind(plenary),
            can_run=can_run,
            can_reopen=can_reopen,
            can_announce=user.has_perm("assessments.announce_result", self.assessment),
            can_download=can_download,
            can_download_scores=can_download and sheet.scores_visible,
            threshold=threshold,
            prefill_label=programme_year.get_plenary_prefill_display(),
            scores_form=scores_form,
            meeting_form=PlenaryMeetingForm(instance=plenary) if can_run else None,
            reopen_form=ReopenForm() if can_reopen else None,
            conflict_flags={flag.name: flag for flag in flags.values()},
            own_conflict=flags.get(user.pk),
            **kwargs,
        )


class PlenaryExportView(PlenaryMixin, View):
    """The plenary's sheet as CSV or XLSX (``?format=``), for the team's own records and the minutes: per
    indicator and stage each assessor's score, with the indicator's mean, median, spread and the agreed
    score and its reason: what the page shows its reader, so whoever sees the page may export it, and the
    assessors' scores are there only for readers who may see them on the page (``plenary_sheet``:
    ``rules.may_see_colleague_scores``); the others get the agreed scores alone."""

    permission_required = "assessments.see_plenary"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        plenary = self.plenary
        if plenary.pk is not None:
            prefetch_related_objects([plenary], "scores")
        sheet = plenary_queries.plenary_sheet(plenary, request.user)
        columns = [exports.Column(_("Kode"), width=6), exports.Column(_("Indikator"), width=48)]
        if sheet.scores_visible:
            columns += [
                exports.Column(_("Tahap"), width=24),
                *(exports.Column(name, exports.NUMBER, width=12) for name, _institution in sheet.assessors),
                exports.Column(_("Rata-rata"), exports.NUMBER, width=10),
                exports.Column(_("Median"), exports.NUMBER, width=10),
                exports.Column(_("Selisih"), exports.NUMBER, width=10),
            ]
        columns += [
            exports.Column(_("Nilai pleno"), exports.NUMBER, width=10),
            exports.Column(_("Alasan"), width=48),
        ]
        rows = []
        for row in sheet.rows:
            indicator = [row.indicator.code, row.indicator.name]
            if row.feed:
                agreed = [
                    None,
                    _("Dari kriteria: %(value)s (tahun data %(year)s)")
                    % {"value": number_format(row.feed.value, 2), "year": row.feed.data_year},
                ]
            elif row.agreed:
                agreed = [row.agreed.value, row.agreed.reason]
            else:
                agreed = [None, ""]
            if not sheet.scores_visible:
                rows.append([*indicator, *agreed])
                continue
            for label, values in row.stage_rows:
                rows.append([*indicator, str(label), *values, row.mean, row.median, row.spread, *agreed])
        candidate = self.assessment.candidate
        export = exports.Export(
            title=_("Rapat pleno %(region)s, %(year)s")
            % {"region": candidate.region.full_name, "year": candidate.programme_year.name},
            file_name=f"pleno-{candidate.region.code}-{candidate.programme_year.year}",
            columns=columns,
            rows=rows,
            sheet=_("Rapat pleno"),
        )
        return exports.export_response(export, request.GET.get("format"))


class PlenaryPostView(PlenaryMixin, View):
    http_method_names = ["post"]
    permission_required = "assessments.run_plenary"

    def post(self, request, *args, **kwargs):
        self._plenary = plenary_services.plenary_for(self.assessment)
        try:
            message = self.perform()
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message)
        return self.back()


class PlenaryScoreView(PlenaryView):
    """The one form of agreed scores: every score is checked and either all are saved or the page comes
    back with the typed values and each error beside its indicator."""

    http_method_names = ["post"]
    permission_required = "assessments.run_plenary"

    def post(self, request, *args, **kwargs):
        sheet = plenary_queries.plenary_sheet(self.plenary, request.user)
        form = PlenaryScoresForm(sheet.rows, request.POST)
        if form.is_valid():
            try:
                saved = plenary_services.record_plenary_scores(
                    plenary=plenary_services.plenary_for(self.assessment),
                    scores=form.scores(),
                    by=request.user,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Nilai pleno %(count)d indikator disimpan.") % {"count": len(saved)}
                )
                return HttpResponseRedirect(self.back().url + "#nilai-pleno")
        else:  # the scores the form accepted may still be refused by the service: say so at once
            errors = plenary_services.plenary_score_errors(self.plenary, form.scores(), by=request.user)
            if errors:
                form.add_service_errors(ValidationError(errors))
        messages.error(request, _("Periksa nilai yang ditandai; belum ada yang disimpan."))
        return self.render_to_response(self.get_context_data(scores_form=form), status=400)


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


class PlenaryFinalizeView(PlenaryMixin, TemplateView):
    """Finalising, confirmed: GET lists what will be frozen (agreed scores and weights, criterion values
    with their data year and status, bands, pass mark), what is still missing and the stages that will be
    closed; POST finalises."""

    permission_required = "assessments.run_plenary"
    template_name = "assessments/plenary_finalize.html"

    def get_context_data(self, **kwargs):
        plenary = self.plenary
        inputs = plenary_queries.live_inputs(plenary)
        result = plenary_queries.plenary_result(plenary, inputs)
        missing_meeting = plenary.held_on is None or plenary.pk is None or not plenary.attendees.exists()
        return super().get_context_data(
            assessment=self.assessment,
            candidate=self.assessment.candidate,
            plenary=plenary,
            result=result,
            bands=plenary_queries.bands_of(plenary),
            missing_meeting=missing_meeting,
            open_stages=self.assessment.stages.filter(status=StageStatus.OPEN).order_by("pk"),
            ready=not result.missing and not missing_meeting,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            plenary = plenary_services.finalize_plenary(
                plenary=plenary_services.plenary_for(self.assessment), by=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("Rapat pleno difinalkan: nilai total %(total)s.") % {"total": number_format(plenary.total, 2)},
        )
        return self.back()


class PlenaryMeetingScreenView(PlenaryMixin, TemplateView):
    """The meeting view, projected on a screen: one indicator at a time, large, with the assessors' grid,
    the evidence, the assessors' notes and the rubric; previous and next in disagreement order (the arrow
    keys, static/js/plenary-meeting.js)."""

    permission_required = "assessments.see_plenary"
    template_name = "assessments/plenary_meeting.html"

    def get_permission_required(self):
        return ("assessments.see_plenary", "assessments.see_colleague_scores")

    def get_context_data(self, **kwargs):
        sheet = plenary_queries.plenary_sheet(self.plenary, self.request.user)
        rows = [row for row in sheet.rows if row.feed is None] or sheet.rows
        codes = [row.indicator.code for row in rows]
        code = self.request.GET.get("indikator", codes[0] if codes else "")
        if code not in codes:
            raise Http404
        index = codes.index(code)
        row = rows[index]
        return super().get_context_data(
            assessment=self.assessment,
            candidate=self.assessment.candidate,
            plenary=self.plenary,
            sheet=sheet,
            row=row,
            position=index + 1,
            count=len(rows),
            previous=codes[index - 1] if index > 0 else None,
            next=codes[index + 1] if index + 1 < len(codes) else None,
            documents=evidence_by_indicator(self.assessment).get(row.indicator.pk, []),
            notes=plenary_queries.assessor_notes(self.assessment, row.indicator),
            threshold=self.assessment.candidate.programme_year.plenary_reason_threshold,
            **kwargs,
        )


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
        previous = None
        if self.plenary.pk is not None:
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
            context["review"] = plenary_queries.final_review(self.plenary)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            announcement_services.publish_announcement(
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
