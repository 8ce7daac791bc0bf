"""Assessment teams, their members, the assessments they carry out and recusals."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.enums import Role
from assessments.enums import CandidateStatus, TeamRole
from assessments.models import (
    Assessment,
    Candidate,
    Framework,
    Plenary,
    ProgrammeYear,
    Recusal,
    StageSubmission,
    Team,
    TeamMember,
)
from assessments.rules import conflict_of_interest
from audit.services import record


@transaction.atomic
def create_team(*, programme_year: ProgrammeYear, name: str, by) -> Team:
    ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    name = name.strip()
    if not name:
        raise ValidationError(_("Isi nama tim."), code="name_required")
    if Team.objects.filter(programme_year=programme_year, name=name).exists():
        raise ValidationError(_("Tim %(name)s sudah ada.") % {"name": name}, code="team_exists")
    team = Team.objects.create(programme_year=programme_year, name=name)
    record(actor=by, action="team.create", obj=team, after={"name": name})
    return team


@transaction.atomic
def rename_team(*, team: Team, name: str, by) -> Team:
    locked = Team.objects.select_for_update().select_related("programme_year").get(pk=team.pk)
    name = name.strip()
    if not name:
        raise ValidationError(_("Isi nama tim."), code="name_required")
    if Team.objects.filter(programme_year=locked.programme_year_id, name=name).exclude(pk=locked.pk).exists():
        raise ValidationError(_("Tim %(name)s sudah ada.") % {"name": name}, code="team_exists")
    before = locked.name
    locked.name = name
    locked.save(update_fields=["name"])
    record(actor=by, action="team.rename", obj=locked, before={"name": before}, after={"name": name})
    return locked


def check_can_join(team: Team, user) -> None:
    """Only an active assessor sits on a team (never an inspector or staff), once per team. Used by the
    service and by the admin's member form, so the admin refuses before anything is saved."""
    if user.role != Role.ASSESSOR or not user.is_active:
        raise ValidationError(_("Hanya penilai aktif yang dapat menjadi anggota tim."), code="not_assessor")
    if team.pk is not None and team.members.filter(user=user).exists():
        raise ValidationError(_("%(user)s sudah anggota tim ini.") % {"user": user}, code="already_member")


def member_conflicts(team: Team, user) -> list[str]:
    """The conflict-of-interest flags a member would have on the team's assessments ("Kota Blitar:
    pegawai pemerintah daerah yang dinilai"): shown as a warning, settled by a recusal."""
    return [
        f"{assessment.candidate.region}: {reason}"
        for assessment in team.assessments.select_related("candidate__region__province")
        if (reason := conflict_of_interest(user, assessment.candidate.region))
    ]


@transaction.atomic
def add_team_member(*, team: Team, user, role: str = TeamRole.MEMBER, by) -> TeamMember:
    """Put an assessor on a team; a team has one chair at most."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    check_can_join(team, user)
    if role not in TeamRole.values:
        raise ValidationError(_("Peran tidak dikenal."), code="role_invalid")
    if role == TeamRole.CHAIR and team.members.filter(role=TeamRole.CHAIR).exists():
        raise ValidationError(_("Tim ini sudah memiliki ketua."), code="chair_exists")
    member = TeamMember.objects.create(team=team, user=user, role=role)
    record(
        actor=by,
        action="team.add_member",
        obj=team,
        after={"user": user.username, "institution": user.institution, "role": role},
    )
    return member


@transaction.atomic
def remove_team_member(*, member: TeamMember, by) -> None:
    """Take a member off the team, as long as they have entered no score for its assessments (their scores
    would be left without an assessor on the team; record a recusal instead)."""
    team = Team.objects.select_for_update().get(pk=member.team_id)
    if StageSubmission.objects.filter(stage__assessment__team=team, assessor=member.user_id).exists():
        raise ValidationError(
            _(
                "%(user)s sudah mengisi nilai penilaian tim ini dan tidak dapat dikeluarkan; catat "
                "pengunduran dirinya."
            )
            % {"user": member.user},
            code="member_has_scores",
        )
    record(
        actor=by,
        action="team.remove_member",
        obj=team,
        before={"user": member.user.username, "role": member.role},
    )
    member.delete()


@transaction.atomic
def schedule_assessment(
    *, candidate: Candidate, team: Team, starts_on: date, ends_on: date, place: str, by
) -> Assessment:
    """Join a designated candidate and a team of the same year, on the year's published framework.

    The time zone is the region's own. From now on the framework is frozen.
    """
    candidate = (
        Candidate.objects.select_for_update()
        .select_related("region__province", "programme_year")
        .get(pk=candidate.pk)
    )
    if candidate.status != CandidateStatus.DESIGNATED:
        raise ValidationError(
            _("Hanya calon yang sudah ditetapkan yang dapat dijadwalkan."), code="wrong_status"
        )
    if Assessment.objects.filter(candidate=candidate).exists():
        raise ValidationError(_("Calon ini sudah memiliki jadwal penilaian."), code="already_scheduled")
    if team.programme_year_id != candidate.programme_year_id:
        raise ValidationError(_("Tim berasal dari tahun program lain."), code="wrong_year")
    framework = Framework.objects.filter(programme_year=candidate.programme_year).first()
    if framework is None or not framework.is_published:
        raise ValidationError(
            _("Terbitkan kerangka penilaian tahun ini sebelum menjadwalkan penilaian."), code="no_framework"
        )
    if ends_on < starts_on:
        raise ValidationError(_("Tanggal selesai mendahului tanggal mulai."), code="dates_order")
    if not place.strip():
        raise ValidationError(_("Isi tempat penilaian."), code="place_required")
    assessment = Assessment.objects.create(
        candidate=candidate,
        team=team,
        framework=framework,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        time_zone=candidate.region.province.time_zone,
    )
    record(
        actor=by,
        action="assessment.schedule",
        obj=assessment,
        after={
            "team": team.name,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "place": assessment.place,
        },
    )
    return assessment


@transaction.atomic
def reschedule_assessment(
    *, assessment: Assessment, team: Team, starts_on: date, ends_on: date, place: str, by
) -> Assessment:
    """Change an assessment's dates, place or team. The team changes only while nobody has entered a
    score and the plenary has not begun: scores belong to the team that gave them."""
    locked = Assessment.objects.select_for_update().select_related("candidate", "team").get(pk=assessment.pk)
    if team.pk != locked.team_id:
        if team.programme_year_id != locked.candidate.programme_year_id:
            raise ValidationError(_("Tim berasal dari tahun program lain."), code="wrong_year")
        if StageSubmission.objects.filter(stage__assessment=locked).exists():
            raise ValidationError(
                _("Penilaian ini sudah memiliki nilai; timnya tidak dapat diganti."), code="has_scores"
            )
        if Plenary.objects.filter(assessment=locked).exists():
            raise ValidationError(
                _("Rapat pleno penilaian ini sudah dimulai; timnya tidak dapat diganti."), code="has_plenary"
            )
    if ends_on < starts_on:
        raise ValidationError(_("Tanggal selesai mendahului tanggal mulai."), code="dates_order")
    if not place.strip():
        raise ValidationError(_("Isi tempat penilaian."), code="place_required")
    before = {
        "team": locked.team.name,
        "starts_on": locked.starts_on.isoformat(),
        "ends_on": locked.ends_on.isoformat(),
        "place": locked.place,
    }
    locked.team, locked.starts_on, locked.ends_on, locked.place = team, starts_on, ends_on, place.strip()
    locked.save(update_fields=["team", "starts_on", "ends_on", "place"])
    after = {
        "team": team.name,
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "place": locked.place,
    }
    record(actor=by, action="assessment.reschedule", obj=locked, before=before, after=after)
    return locked


def conflicts_for(assessment: Assessment) -> dict[int, str]:
    """Team members with a conflict of interest in the assessed region: user pk -> why."""
    region = assessment.candidate.region
    conflicts = {}
    for member in assessment.team.members.select_related("user"):
        if reason := conflict_of_interest(member.user, region):
            conflicts[member.user_id] = reason
    return conflicts


@transaction.atomic
def record_recusal(*, assessment: Assessment, user, reason: str, by) -> Recusal:
    """A team member stands aside from one assessment; from now on they see nothing of it."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.team.members.filter(user=user).exists():
        raise ValidationError(
            _("%(user)s bukan anggota tim penilaian ini.") % {"user": user}, code="not_member"
        )
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan pengunduran diri."), code="reason_required")
    try:
        with transaction.atomic():
            recusal = Recusal.objects.create(
                assessment=assessment, user=user, reason=reason.strip(), recorded_by=by
            )
    except IntegrityError:
        raise ValidationError(
            _("%(user)s sudah mengundurkan diri dari penilaian ini.") % {"user": user}, code="already_recused"
        ) from None
    record(
        actor=by, action="assessment.recusal", obj=assessment, after={"user": user.username}, reason=reason
    )
    return recusal
