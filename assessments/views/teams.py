from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from accounts.mixins import PermissionMixin
from assessments.forms.programme import (
    AssessmentForm,
    ConflictReasonForm,
    DeclareConflictForm,
    RecusalForm,
    RescheduleForm,
    TeamBuildForm,
    TeamForm,
    TeamMemberForm,
)
from assessments.models import Assessment, Framework, Team, TeamMember
from assessments.queries import programme as queries
from assessments.services import teams as services
from assessments.views.base import ProgrammeYearMixin, ServiceActionView, ServiceFormMixin, error_text


class TeamListView(ProgrammeYearMixin, PermissionMixin, ListView):
    permission_required = "assessments.view_team"
    template_name = "assessments/team_list.html"
    context_object_name = "teams"

    def get_queryset(self):
        return queries.teams(self.programme_year)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=TeamForm(), **kwargs)


class TeamExportView(TeamListView):
    """The year's teams as CSV or XLSX in Indonesian: one row per member."""

    def get(self, request, *args, **kwargs):
        from antikorupsi import exports

        year = self.programme_year.year
        rows = [
            [
                team.name,
                member.user.name,
                member.get_role_display(),
                member.user.get_institution_display(),
                member.user.position,
                team.assessment_count,
            ]
            for team in self.get_queryset()
            for member in team.members.all()
        ]
        export = exports.Export(
            title=_("Tim penilai tahun program %s") % year,
            file_name=f"tim-{year}",
            columns=[
                exports.Column(_("Tim"), width=16),
                exports.Column(_("Nama"), width=28),
                exports.Column(_("Peran"), width=12),
                exports.Column(_("Lembaga"), width=28),
                exports.Column(_("Jabatan"), width=28),
                exports.Column(_("Jumlah penilaian tim"), exports.INTEGER, width=10),
            ],
            rows=rows,
        )
        return exports.export_response(export, request.GET.get("format"))


class TeamCreateView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.add_team"
    template_name = "assessments/form.html"
    form_class = TeamForm
    success_message = gettext_lazy("Tim dibuat.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Tim penilai baru"), **kwargs)

    def perform(self, form):
        return services.create_team(
            programme_year=self.programme_year, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.result.get_absolute_url()


class TeamBuildView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    """A whole team in one form: one row per institution, the chair and the secretary, and a written reason
    for anyone seated despite a conflict of interest with the candidate the team will assess."""

    permission_required = "assessments.add_team"
    template_name = "assessments/team_build.html"
    form_class = TeamBuildForm
    success_message = gettext_lazy("Tim disusun.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme_year": self.programme_year}

    def perform(self, form):
        candidate = form.cleaned_data.get("candidate")
        return services.build_team(
            programme_year=self.programme_year,
            name=form.cleaned_data["name"],
            seats=form.seat_list(),
            region=candidate.region if candidate else None,
            by=self.request.user,
        )

    def get_success_url(self):
        candidate = self.request.POST.get("candidate", "")
        if candidate.isdigit():
            url = reverse("assessments:assessment_create", kwargs={"year": self.programme_year.year})
            return f"{url}?calon={candidate}&tim={self.result.pk}"
        return self.result.get_absolute_url()


class TeamDetailView(PermissionMixin, DetailView):
    permission_required = "assessments.view_team"
    template_name = "assessments/team_detail.html"
    queryset = Team.objects.select_related("programme_year").prefetch_related(
        Prefetch(
            "members",
            queryset=TeamMember.objects.select_related("user").order_by(queries.ROLE_ORDER, "user__name"),
        ),
        Prefetch("assessments", queryset=Assessment.objects.select_related("candidate__region")),
    )

    def get_context_data(self, **kwargs):
        """Each member with her conflicts of interest in the regions the team assesses and the written
        reason she was seated anyway."""
        members = [
            (member, services.member_conflicts(self.object, member.user))
            for member in self.object.members.all()
        ]
        return super().get_context_data(
            form=TeamMemberForm(team=self.object),
            members=members,
            reason_form=ConflictReasonForm(),
            **kwargs,
        )


class TeamMemberAddView(PermissionMixin, FormView):
    permission_required = "assessments.change_team"
    http_method_names = ["post"]
    form_class = TeamMemberForm

    def dispatch(self, request, *args, **kwargs):
        self.team = get_object_or_404(Team, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "team": self.team}

    def form_valid(self, form):
        try:
            member = services.add_team_member(team=self.team, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, error_text(error))
        else:
            messages.success(self.request, _("%(user)s ditambahkan ke tim.") % {"user": member.user})
        return HttpResponseRedirect(self.team.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(self.team.get_absolute_url())


class ConflictReasonView(PermissionMixin, FormView):
    """Write or correct why a member stays on the team despite a conflict of interest."""

    permission_required = "assessments.change_team"
    http_method_names = ["post"]
    form_class = ConflictReasonForm

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(TeamMember.objects.select_related("team", "user"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.set_conflict_reason(
                member=self.member, reason=form.cleaned_data["reason"], by=self.request.user
            )
        except ValidationError as error:
            messages.error(self.request, error_text(error))
        else:
            messages.success(self.request, _("Alasan untuk %(user)s dicatat.") % {"user": self.member.user})
        return HttpResponseRedirect(self.member.team.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(self.member.team.get_absolute_url())


class DeclareConflictView(PermissionMixin, FormView):
    """Staff record a conflict of interest between a team member and the assessed region."""

    permission_required = "assessments.add_declaredconflict"
    http_method_names = ["post"]
    form_class = DeclareConflictForm

    def dispatch(self, request, *args, **kwargs):
        self.assessment = get_object_or_404(
            Assessment.objects.select_related("candidate__region", "team"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessment": self.assessment}

    def form_valid(self, form):
        try:
            services.declare_conflict(
                user=form.cleaned_data["user"],
                region=self.assessment.candidate.region,
                description=form.cleaned_data["description"],
                by=self.request.user,
            )
        except ValidationError as error:
            messages.error(self.request, error_text(error))
        else:
            messages.success(
                self.request,
                _("Konflik kepentingan dicatat. Tuliskan alasan bila %(user)s tetap ditugaskan.")
                % {"user": form.cleaned_data["user"]},
            )
        return HttpResponseRedirect(self.assessment.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(self.assessment.get_absolute_url())


class TeamMemberRemoveView(ServiceActionView):
    permission_required = "assessments.change_team"

    def perform(self):
        member = get_object_or_404(TeamMember.objects.select_related("team", "user"), pk=self.kwargs["pk"])
        self.team = member.team
        services.remove_team_member(member=member, by=self.request.user)
        return _("%(user)s dikeluarkan dari tim.") % {"user": member.user}

    def get_success_url(self):
        return self.team.get_absolute_url()


class AssessmentListView(ProgrammeYearMixin, PermissionMixin, ListView):
    permission_required = "assessments.view_assessment"
    template_name = "assessments/assessment_list.html"
    context_object_name = "assessments"

    def get_queryset(self):
        return queries.assessments(self.programme_year)


class AssessmentExportView(AssessmentListView):
    """The year's assessment schedule as CSV or XLSX in Indonesian."""

    def get(self, request, *args, **kwargs):
        from antikorupsi import exports

        year = self.programme_year.year
        export = exports.Export(
            title=_("Jadwal penilaian tahun program %s") % year,
            file_name=f"penilaian-{year}",
            columns=[
                exports.Column(_("Kode"), width=8),
                exports.Column(_("Kabupaten/kota"), width=28),
                exports.Column(_("Provinsi"), width=22),
                exports.Column(_("Tim"), width=14),
                exports.Column(_("Mulai"), exports.DATE, width=16),
                exports.Column(_("Selesai"), exports.DATE, width=16),
                exports.Column(_("Zona waktu"), width=8),
                exports.Column(_("Tempat"), width=30),
                exports.Column(_("Pengunduran diri"), exports.INTEGER, width=10),
            ],
            rows=[
                [
                    assessment.candidate.region.code,
                    assessment.candidate.region.full_name,
                    assessment.candidate.region.province.name,
                    assessment.team.name,
                    assessment.starts_on,
                    assessment.ends_on,
                    assessment.time_zone_label,
                    assessment.place,
                    assessment.recusal_count,
                ]
                for assessment in self.get_queryset()
            ],
        )
        return exports.export_response(export, request.GET.get("format"))


class AssessmentCreateView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.add_assessment"
    template_name = "assessments/form.html"
    form_class = AssessmentForm
    success_message = gettext_lazy("Penilaian dijadwalkan.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme_year": self.programme_year}

    def get_initial(self):
        """The candidate and team chosen when the team was built (``?calon=&tim=``)."""
        params = self.request.GET
        return {
            **super().get_initial(),
            **{
                name: params[key]
                for key, name in (("calon", "candidate"), ("tim", "team"))
                if params.get(key)
            },
        }

    def get_context_data(self, **kwargs):
        """Say before the form is filled that the year's framework is not published yet (scheduling would
        be refused)."""
        framework = Framework.objects.filter(programme_year=self.programme_year).first()
        notice = {}
        if framework is None or not framework.is_published:
            notice = {
                "notice": _(
                    "Kerangka penilaian tahun ini belum terbit; penilaian baru dapat dijadwalkan setelahnya."
                ),
                "notice_url": reverse("assessments:framework", kwargs={"year": self.programme_year.year}),
                "notice_link": _("Buka kerangka"),
            }
        return super().get_context_data(title=_("Jadwalkan penilaian"), **notice, **kwargs)

    def perform(self, form):
        return services.schedule_assessment(by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.result.get_absolute_url()


class AssessmentDetailView(PermissionMixin, ServiceFormMixin, FormView):
    """An assessment for staff: the team with conflict-of-interest flags, recusals and the recusal form."""

    permission_required = "assessments.view_assessment"
    template_name = "assessments/assessment_detail.html"
    form_class = RecusalForm
    success_message = gettext_lazy("Pengunduran diri dicatat.")

    def dispatch(self, request, *args, **kwargs):
        self.assessment = get_object_or_404(
            Assessment.objects.select_related(
                "candidate__region__province", "candidate__programme_year", "team", "framework"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_required(self):
        if self.request.method == "POST":
            return ("assessments.add_recusal",)
        return super().get_permission_required()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessment": self.assessment}

    def get_context_data(self, **kwargs):
        recusals = {
            recusal.user_id: recusal for recusal in self.assessment.recusals.select_related("recorded_by")
        }
        flags = queries.conflict_flags(self.assessment)
        members = [
            (
                member,
                " ".join(flags[member.user_id].reasons) if member.user_id in flags else "",
                recusals.get(member.user_id),
            )
            for member in queries.team_members(self.assessment.team)
        ]
        return super().get_context_data(
            assessment=self.assessment,
            members=members,
            declare_form=DeclareConflictForm(assessment=self.assessment),
            **kwargs,
        )

    def perform(self, form):
        return services.record_recusal(assessment=self.assessment, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.assessment.get_absolute_url()


class AssessmentRescheduleView(PermissionMixin, ServiceFormMixin, FormView):
    """Staff change an assessment's dates, place or team through ``reschedule_assessment`` (the same service
    as the admin); the team stays once anybody has entered a score."""

    permission_required = "assessments.change_assessment"
    template_name = "assessments/form.html"
    form_class = RescheduleForm
    success_message = gettext_lazy("Jadwal penilaian diubah.")

    def dispatch(self, request, *args, **kwargs):
        self.assessment = get_object_or_404(
            Assessment.objects.select_related("candidate__region", "candidate__programme_year", "team"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessment": self.assessment}

    def get_initial(self):
        assessment = self.assessment
        return {
            "team": assessment.team,
            "starts_on": assessment.starts_on,
            "ends_on": assessment.ends_on,
            "place": assessment.place,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Ubah jadwal %(assessment)s") % {"assessment": self.assessment}, **kwargs
        )

    def perform(self, form):
        return services.reschedule_assessment(
            assessment=self.assessment, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.assessment.get_absolute_url()
