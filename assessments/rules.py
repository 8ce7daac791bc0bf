"""Who may see and do what with programme years, candidates, teams and assessments.

Staff permissions on every model (``assessments.view_candidate``, ``assessments.change_team``...) are
granted in accounts/rules.py. The predicates here are about one assessment and are reused by the
scoring, evidence and plenary pages: a recused member counts as no member at all.
"""

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from accounts.rules import is_inspector, is_permas_staff
from antikorupsi.compiled import compiled_query
from assessments.enums import EVIDENCE_OPEN_STATUSES, EVIDENCE_STATUSES, TeamRole


def conflicts_of_interest(user, region, *, declared: list[str] | None = None) -> list[str]:
    """Why ``user`` should not assess ``region`` without a written reason, in plain words; empty when no
    conflict is known. The one rule every page, service and report uses:

    - she works for the assessed region's own government (her home region);
    - she comes from the same province (a provincial employee, or an employee of another region there);
    - staff recorded a conflict between her and the region (``DeclaredConflict``; ``declared`` gives their
      descriptions when the caller has read them already).
    """
    from assessments.models import DeclaredConflict

    reasons = []
    if user.region_id and user.region_id == region.pk:
        reasons.append(
            _("Pegawai %(region)s, daerah yang dinilai.") % {"region": region.full_name or region.name}
        )
    home_province = user.province_id or (user.region.province_id if user.region_id else None)
    if home_province and home_province == region.province_id and user.region_id != region.pk:
        reasons.append(
            _("Berasal dari provinsi yang sama dengan daerah yang dinilai (%(province)s).")
            % {"province": region.province.name}
        )
    if declared is None:
        declared = list(
            DeclaredConflict.objects.filter(user=user, region=region).values_list("description", flat=True)
        )
    reasons.extend(
        _("Dicatat staf: %(description)s") % {"description": description} for description in declared
    )
    return reasons


def conflict_of_interest(user, region) -> str:
    """The conflicts of ``conflicts_of_interest`` as one line, or "" when there is none."""
    return " ".join(conflicts_of_interest(user, region))


def remember_memberships(assessment, *, conflicts: bool = False) -> None:
    """Let the predicates below remember, on this ``assessment`` instance, what they read about a user's
    membership of its team and recusal from it. For a view's own instance, read once per request: a page
    asks several permissions that each read the same two rows (the plenary page asked four times). Only
    for instances that no write follows within their lifetime (a later recusal would not be seen).

    ``conflicts``: the membership row also carries what ``queries.programme.own_conflict`` needs (the
    member's written reason for being seated and whether staff declared a conflict with the assessed
    region), so that the page's conflict warning costs no query of its own. Only for an instance read
    with its candidate."""
    from django.db import connection

    assessment._membership_memo = {"conflicts": True} if conflicts else {}
    assessment._membership_memo_depth = len(connection.atomic_blocks)


def _memo(assessment) -> dict | None:
    """The memo of ``remember_memberships``, or None when there is none, or when a transaction began since
    it was made: a service that checks a membership inside its transaction (after locking its row) reads
    it afresh, never what was read before."""
    from django.db import connection

    memo = getattr(assessment, "_membership_memo", None)
    if memo is None or len(connection.atomic_blocks) > assessment._membership_memo_depth:
        return None
    return memo


def _remembered(assessment, key, read):
    memo = _memo(assessment)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _active_memberships(*, user: int, assessment: int, team: int):
    """The user's membership of the assessment's team unless recused from it (a queryset of at most one
    row, a user sitting once on a team; no ordering, whose default joined the users)."""
    from django.db.models import Exists

    from assessments.models import Recusal, TeamMember

    recused = Recusal.objects.filter(assessment=assessment, user=user)
    return TeamMember.objects.filter(team=team, user=user).exclude(Exists(recused)).order_by()


def _memberships_of(user, assessment):
    return _active_memberships(user=user.pk, assessment=assessment.pk, team=assessment.team_id)


_MEMBERSHIP_FIELDS = ("id", "team_id", "user_id", "role", "conflict_reason")


@compiled_query
def _membership(p):
    return _active_memberships(user=p.user, assessment=p.assessment, team=p.team).values_list(
        *_MEMBERSHIP_FIELDS
    )


@compiled_query
def _membership_with_conflict(p):
    """With whether staff declared a conflict between the user and the assessed region."""
    from django.db.models import Exists

    from assessments.models import DeclaredConflict

    declared = DeclaredConflict.objects.filter(user=p.user, region=p.region)
    return (
        _active_memberships(user=p.user, assessment=p.assessment, team=p.team)
        .annotate(has_declared_conflict=Exists(declared))
        .values_list(*_MEMBERSHIP_FIELDS, "has_declared_conflict")
    )


def _read_active_membership(user, assessment):
    from assessments.models import TeamMember

    ids = {"user": user.pk, "assessment": assessment.pk, "team": assessment.team_id}
    memo = _memo(assessment)
    if memo is not None and memo.get("conflicts"):
        rows = _membership_with_conflict(**ids, region=assessment.candidate.region_id)
    else:
        rows = _membership(**ids)
    if not rows:
        return None
    member = TeamMember.from_db(TeamMember.objects.db, _MEMBERSHIP_FIELDS, rows[0][: len(_MEMBERSHIP_FIELDS)])
    if len(rows[0]) > len(_MEMBERSHIP_FIELDS):
        member.has_declared_conflict = rows[0][-1]
    return member


def is_team_member_expression(user, assessment):
    """``is_team_member_of_assessment`` as an SQL expression (an ``Exists`` over the same rows), for a
    service that checks it inside the query that locks its row (one query instead of two)."""
    from django.db.models import BooleanField, Exists, Value

    if not (user.is_authenticated and user.is_active) or assessment is None:
        return Value(False, output_field=BooleanField())
    return Exists(_memberships_of(user, assessment))


def _active_membership(user, assessment):
    """The user's row on the assessment's team, or None when not on it or recused from it: one query,
    remembered for the request where ``remember_memberships`` was called."""
    if not (user.is_authenticated and user.is_active) or assessment is None:
        return None
    return _remembered(assessment, ("member", user.pk), lambda: _read_active_membership(user, assessment))


NOT_REMEMBERED = object()


def remembered_membership(user, assessment):
    """For ``queries.programme.own_conflict``: the user's row on the team (not recused; None when she is
    not on it), carrying ``has_declared_conflict``, when the request remembers memberships with their
    conflicts (``remember_memberships(assessment, conflicts=True)``); ``NOT_REMEMBERED`` otherwise."""
    memo = _memo(assessment)
    if memo is None or not memo.get("conflicts"):
        return NOT_REMEMBERED
    return _active_membership(user, assessment)


def remember_submitted_stages(assessment, user, stages) -> None:
    """Tell ``colleague_score_stages`` which stages of ``assessment`` ``user`` has submitted, from rows the
    page has just read (every submission of the user for the assessment), instead of its own query. Only
    where ``remember_memberships`` was called, with the same lifetime; nothing otherwise."""
    memo = _memo(assessment)
    if memo is not None:
        memo[("submitted", user.pk)] = frozenset(stages)


@rules.predicate
def is_recused_from_assessment(user, assessment) -> bool:
    if not user.is_authenticated or assessment is None:
        return False
    return _remembered(
        assessment,
        ("recused", user.pk),
        lambda: assessment.recusals.filter(user=user).exists(),
    )


@rules.predicate
def is_team_member_of_assessment(user, assessment) -> bool:
    """On the assessment's team and not recused from it."""
    return _active_membership(user, assessment) is not None


@rules.predicate
def is_chair_of_assessment(user, assessment) -> bool:
    """The (not recused) chair of the assessment's team."""
    membership = _active_membership(user, assessment)
    return membership is not None and membership.role == TeamRole.CHAIR


rules.add_perm("assessments.see_assessment", is_permas_staff | is_team_member_of_assessment)
rules.add_perm("assessments.run_programme", is_permas_staff)


# Scoring, stage records and the plenary (issue 5). Imported late: the models import this module's enums
# only, and rules.py is loaded by the app registry after the models.
def plenary_is_finalised(assessment) -> bool:
    """True once the assessment's plenary is finalised: scores, stage records and evidence are read-only."""
    from assessments.enums import PlenaryStatus
    from assessments.models import Plenary

    if assessment is None:
        return False
    cached = getattr(assessment, "_plenary_finalised", None)
    if cached is not None:
        return cached
    return Plenary.objects.filter(assessment=assessment, status=PlenaryStatus.FINALISED).exists()


@rules.predicate
def is_plenary_finalised(user, assessment) -> bool:
    return plenary_is_finalised(assessment)


# Hidden scores: one rule for every page, export, PDF and admin that shows a colleague's stage scores (or
# anything computed from them: mean, median, spread, the plenary's order).
def colleague_score_stages(user, assessment) -> frozenset[str]:
    """The stages in which ``user`` may see the other assessors' scores of ``assessment``: every stage for
    Dit Permas staff; for a team member (not recused), the stages they have submitted themselves; none for
    anybody else."""
    from assessments.enums import Stage, SubmissionStatus
    from assessments.models import StageSubmission

    if assessment is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    if is_permas_staff(user):
        return frozenset(Stage.values)
    if not user.is_active:
        return frozenset()
    memo = _memo(assessment)
    submitted = memo.get(("submitted", user.pk)) if memo is not None else None
    if submitted is not None:
        # What the page read (``remember_submitted_stages``), with the remembered membership.
        return submitted if _active_membership(user, assessment) is not None else frozenset()
    # One query: the stages submitted, provided the user is on the team and not recused
    # (``is_team_member_of_assessment``).
    from django.db.models import Exists

    return frozenset(
        StageSubmission.objects.filter(
            Exists(_memberships_of(user, assessment)),
            stage__assessment=assessment,
            assessor=user,
            status=SubmissionStatus.SUBMITTED,
        ).values_list("stage__stage", flat=True)
    )


def may_see_colleague_scores(user, assessment, stage: str | None = None) -> bool:
    """Whether ``user`` may see the other assessors' scores of ``assessment``: of one ``stage`` once they
    submitted that stage; without a stage (the plenary, its documents and exports, which mix the stages)
    once they submitted every stage opened so far. Staff always."""
    from django.db.models import Exists, OuterRef

    from assessments.enums import StageStatus, SubmissionStatus
    from assessments.models import AssessmentStage, StageSubmission

    if stage is not None:
        return stage in colleague_score_stages(user, assessment)
    if is_permas_staff(user):
        return True
    if assessment is None or not is_team_member_of_assessment(user, assessment):
        return False
    submitted = StageSubmission.objects.filter(
        stage=OuterRef("pk"), assessor=user, status=SubmissionStatus.SUBMITTED
    )
    opened = list(
        AssessmentStage.objects.filter(assessment=assessment)
        .exclude(status=StageStatus.PENDING)
        .values_list(Exists(submitted), flat=True)
    )
    return bool(opened) and all(opened)


@rules.predicate
def sees_colleague_scores(user, assessment) -> bool:
    return may_see_colleague_scores(user, assessment)


rules.add_perm("assessments.see_colleague_scores", sees_colleague_scores)


# Team members (not recused) score and keep the stage records; staff only read them.
rules.add_perm("assessments.score_assessment", is_team_member_of_assessment)
rules.add_perm("assessments.record_stage", is_team_member_of_assessment & ~is_plenary_finalised)
rules.add_perm("assessments.view_stage_records", is_permas_staff | is_team_member_of_assessment)
rules.add_perm("assessments.view_scoring_progress", is_permas_staff)
rules.add_perm("assessments.manage_stages", is_permas_staff)
# The history of score changes: staff see all of it; a team member sees their own, and a colleague's only in
# the stages where both have submitted (``queries.scoring.score_history`` narrows the rows with
# ``colleague_score_stages``).
rules.add_perm("assessments.view_score_history", is_permas_staff | is_team_member_of_assessment)


# Evidence (issue 6). Every evidence permission takes the candidate (a region's candidacy) as its object.
def candidate_assessment(candidate):
    """The candidate's assessment, or None when none is scheduled yet."""
    if candidate is None:
        return None
    try:
        return candidate.assessment
    except ObjectDoesNotExist:
        return None


def evidence_is_open(candidate) -> bool:
    """Evidence can be uploaded and reviewed from designation until the plenary is finalised."""
    return candidate.status in EVIDENCE_OPEN_STATUSES and not plenary_is_finalised(
        candidate_assessment(candidate)
    )


@rules.predicate
def is_inspector_of_candidate(user, candidate) -> bool:
    """The inspector of the candidate's region, once the region is designated."""
    return bool(
        candidate is not None
        and is_inspector(user)
        and user.region_id == candidate.region_id
        and candidate.status in EVIDENCE_STATUSES
    )


@rules.predicate
def is_assessor_of_candidate(user, candidate) -> bool:
    """On the team of the candidate's assessment and not recused from it."""
    return is_team_member_of_assessment(user, candidate_assessment(candidate))


@rules.predicate
def is_evidence_open(user, candidate) -> bool:
    return candidate is not None and evidence_is_open(candidate)


rules.add_perm(
    "assessments.see_evidence", is_permas_staff | is_inspector_of_candidate | is_assessor_of_candidate
)
rules.add_perm("assessments.upload_evidence", is_inspector_of_candidate & is_evidence_open)
rules.add_perm("assessments.review_evidence", is_assessor_of_candidate & is_evidence_open)
rules.add_perm("assessments.see_evidence_overview", is_permas_staff)


# The plenary and the announcements (issue 7).
rules.add_perm("assessments.see_plenary", is_permas_staff | is_team_member_of_assessment)
rules.add_perm("assessments.run_plenary", (is_permas_staff | is_chair_of_assessment) & ~is_plenary_finalised)
rules.add_perm("assessments.reopen_plenary", is_permas_staff & is_plenary_finalised)
rules.add_perm("assessments.announce_result", is_permas_staff)
rules.add_perm("assessments.download_plenary_reports", is_permas_staff | is_chair_of_assessment)
rules.add_perm("assessments.view_public_programme", rules.always_allow)


# The region's side of the cycle (issue 13): self-assessment, worksheet, monitoring rounds, recommendations
# and objections. Every permission takes the candidate as its object (a monitoring round's own permission
# takes the round).
def is_invited_contributor(user, candidate) -> bool:
    """A colleague of the region's government invited by the inspector to fill the self-assessment."""
    if (
        candidate is None
        or not (user.is_authenticated and user.is_active)
        or user.region_id != candidate.region_id
    ):
        return False
    return candidate.self_assessment_contributors.filter(user=user).exists()


@rules.predicate
def is_self_assessor_of_candidate(user, candidate) -> bool:
    """The region's inspector, or a colleague the inspector invited (same region, own account)."""
    return is_inspector_of_candidate(user, candidate) or (
        candidate is not None
        and candidate.status in EVIDENCE_STATUSES
        and is_invited_contributor(user, candidate)
    )


@rules.predicate
def is_monitoring_assessor_of_candidate(user, candidate) -> bool:
    """An assessor staff added to one of the candidate's monitoring rounds."""
    if candidate is None or not user.is_authenticated:
        return False
    return candidate.monitoring_rounds.filter(assessors=user).exists()


@rules.predicate
def is_assessor_of_round(user, monitoring_round) -> bool:
    if monitoring_round is None or not user.is_authenticated:
        return False
    return monitoring_round.assessors.filter(pk=user.pk).exists()


_candidate_readers = is_permas_staff | is_assessor_of_candidate
rules.add_perm("assessments.see_self_assessment", _candidate_readers | is_self_assessor_of_candidate)
rules.add_perm("assessments.fill_self_assessment", is_self_assessor_of_candidate)
rules.add_perm("assessments.invite_self_assessment_contributor", is_inspector_of_candidate)
rules.add_perm("assessments.reopen_self_assessment", is_permas_staff)
rules.add_perm("assessments.set_region_schedule", is_permas_staff)
rules.add_perm("assessments.see_worksheet", _candidate_readers | is_inspector_of_candidate)
rules.add_perm(
    "assessments.see_monitoring",
    _candidate_readers | is_inspector_of_candidate | is_monitoring_assessor_of_candidate,
)
rules.add_perm("assessments.run_monitoring", is_permas_staff)
rules.add_perm("assessments.record_monitoring", is_permas_staff | is_assessor_of_round)
rules.add_perm("assessments.see_recommendations", _candidate_readers | is_inspector_of_candidate)
rules.add_perm(
    "assessments.record_recommendation",
    is_permas_staff
    | rules.predicate(lambda user, candidate: is_chair_of_assessment(user, candidate_assessment(candidate))),
)
rules.add_perm("assessments.follow_up_recommendation", is_inspector_of_candidate)
rules.add_perm("assessments.review_recommendation", is_permas_staff)
rules.add_perm("assessments.see_objection", _candidate_readers | is_inspector_of_candidate)
rules.add_perm("assessments.file_objection", is_inspector_of_candidate)
rules.add_perm("assessments.answer_objection", _candidate_readers)
rules.add_perm("assessments.see_region_file", _candidate_readers | is_inspector_of_candidate)
