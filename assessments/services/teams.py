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
    DeclaredConflict,
    Framework,
    Plenary,
    ProgrammeYear,
    Recusal,
    StageSubmission,
    Team,
    TeamMember,
)
from assessments.rules import conflict_of_interest, conflicts_of_interest
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


def member_conflicts(team: Team, user) -> list[str]:
    """The conflicts of interest ``user`` has with the regions ``team`` assesses, each naming the region
    ("Kota Blitar: Berasal dari provinsi yang sama ..."). Seating her needs a written reason."""
    regions = [
        assessment.candidate.region
        for assessment in team.assessments.select_related("candidate__region__province")
    ]
    return [
        f"{region.full_name}: {reason}"
        for region in regions
        for reason in conflicts_of_interest(user, region)
    ]


def check_conflict_reason(team: Team, user, conflict_reason: str) -> list[str]:
    """Refuse to seat ``user`` on ``team`` with a conflict of interest in a region it assesses and no written
    reason; returns the conflicts. Used by the service and by the admin's member form."""
    conflicts = member_conflicts(team, user)
    if conflicts and not conflict_reason.strip():
        raise _conflict_refusal(user, conflicts)
    return conflicts


def _conflict_refusal(user, conflicts: list[str]) -> ValidationError:
    return ValidationError(
        _(
            "%(user)s memiliki konflik kepentingan (%(conflicts)s). Tuliskan alasan tetap menugaskannya, "
            "atau pilih penilai lain."
        )
        % {"user": user.name or user.username, "conflicts": " ".join(conflicts)},
        code="conflict_reason_required",
    )


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


@transaction.atomic
def add_team_member(
    *, team: Team, user, role: str = TeamRole.MEMBER, by, conflict_reason: str = ""
) -> TeamMember:
    """Put an assessor on a team; a team has one chair at most. An assessor with a conflict of interest in a
    region the team assesses is seated only with a written reason (``conflict_reason``)."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    check_can_join(team, user)
    if role not in TeamRole.values:
        raise ValidationError(_("Peran tidak dikenal."), code="role_invalid")
    if role == TeamRole.CHAIR and team.members.filter(role=TeamRole.CHAIR).exists():
        raise ValidationError(_("Tim ini sudah memiliki ketua."), code="chair_exists")
    conflict_reason = conflict_reason.strip()
    conflicts = check_conflict_reason(team, user, conflict_reason)
    member = TeamMember.objects.create(team=team, user=user, role=role, conflict_reason=conflict_reason)
    record(
        actor=by,
        action="team.add_member",
        obj=team,
        after={
            "user": user.username,
            "institution": user.institution,
            "role": role,
            **({"conflicts": conflicts, "conflict_reason": conflict_reason} if conflict_reason else {}),
        },
        reason=conflict_reason,
    )
    return member


@transaction.atomic
def build_team(*, programme_year: ProgrammeYear, name: str, seats, by, region=None) -> Team:
    """A whole team at once: ``seats`` is a list of (assessor, role, conflict reason). Each seat goes through
    ``add_team_member`` (its checks and audit entry); ``region``, the region the team will assess, when
    known, is checked for conflicts of interest now. All or nothing: one refused seat refuses the team, its
    message naming the assessor."""
    team = create_team(programme_year=programme_year, name=name, by=by)
    for user, role, conflict_reason in seats:
        conflicts = conflicts_of_interest(user, region) if region is not None else []
        if conflicts and not conflict_reason.strip():
            raise _conflict_refusal(user, [f"{region.full_name}: {reason}" for reason in conflicts])
        add_team_member(team=team, user=user, role=role, by=by, conflict_reason=conflict_reason)
    return team


@transaction.atomic
def set_conflict_reason(*, member: TeamMember, reason: str, by) -> TeamMember:
    """Write (or correct) why a member stays on the team despite a conflict of interest."""
    member = TeamMember.objects.select_for_update().select_related("team", "user").get(pk=member.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan tetap menugaskan penilai ini."), code="reason_required")
    before = member.conflict_reason
    member.conflict_reason = reason
    member.save(update_fields=["conflict_reason"])
    record(
        actor=by,
        action="team.conflict_reason",
        obj=member.team,
        before={"user": member.user.username, "conflict_reason": before},
        after={"user": member.user.username, "conflict_reason": reason},
        reason=reason,
    )
    return member


@transaction.atomic
def declare_conflict(*, user, region, description: str, by) -> DeclaredConflict:
    """Staff record a conflict of interest between an assessor and a region; from now on seating her on a
    team that assesses the region needs a written reason, and she and the plenary see the flag."""
    description = description.strip()
    if not description:
        raise ValidationError(_("Jelaskan konflik kepentingannya."), code="description_required")
    if user.role != Role.ASSESSOR:
        raise ValidationError(_("Konflik kepentingan hanya dicatat untuk penilai."), code="not_assessor")
    if DeclaredConflict.objects.filter(user=user, region=region).exists():
        raise ValidationError(
            _("Konflik kepentingan %(user)s dengan %(region)s sudah tercatat.")
            % {"user": user.name or user.username, "region": region.full_name},
            code="already_declared",
        )
    conflict = DeclaredConflict.objects.create(
        user=user, region=region, description=description, recorded_by=by
    )
    record(
        actor=by,
        action="conflict.declare",
        obj=conflict,
        after={"user": user.username, "region": region.code, "description": description},
    )
    return conflict


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


def check_team_conflicts(team: Team, region) -> None:
    """Refuse a team for ``region`` while a member has a conflict of interest there and no written reason."""
    unexplained = [
        (member.user, conflicts)
        for member in team.members.select_related("user__region").filter(conflict_reason="")
        if (conflicts := conflicts_of_interest(member.user, region))
    ]
    if unexplained:
        raise ValidationError(
            _(
                "Anggota tim berikut memiliki konflik kepentingan dengan %(region)s tanpa alasan tertulis: "
                "%(members)s. Tuliskan alasannya di halaman tim, atau ganti anggotanya."
            )
            % {
                "region": region.full_name,
                "members": "; ".join(
                    f"{user.name or user.username} ({' '.join(conflicts)})" for user, conflicts in unexplained
                ),
            },
            code="conflict_reason_required",
        )


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
    check_team_conflicts(team, candidate.region)
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
        check_team_conflicts(team, locked.candidate.region)
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
