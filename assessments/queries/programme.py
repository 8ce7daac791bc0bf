"""Reusable querysets and read-only computations for programme years, frameworks, candidates and teams."""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Case, Count, Exists, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, When
from django.utils.translation import gettext

from accounts.enums import Role
from antikorupsi.compiled import Columns, compiled_query
from antikorupsi.validators import shown
from assessments.enums import (
    NOT_PROPOSABLE_STATUSES,
    WATCHED_STATUSES,
    CandidateStatus,
    FrameworkStatus,
    ProgrammeYearStatus,
    TeamRole,
)
from assessments.models import (
    Assessment,
    Candidate,
    Component,
    Framework,
    Indicator,
    ProgrammeYear,
    Recusal,
    Team,
    TeamMember,
)
from regions.models import Region

# Chair first, then secretary, then members.
ROLE_ORDER = Case(When(role=TeamRole.CHAIR, then=0), When(role=TeamRole.SECRETARY, then=1), default=2)


@dataclass
class ConflictFlag:
    """A team member's conflicts of interest with the assessed region, and why she was seated anyway."""

    user_id: int
    name: str
    reasons: list[str]
    seating_reason: str


class TeamPerson(NamedTuple):
    """A member of an assessment's team as the plenary page reads her (``team_people``): for the assessors'
    column heads and for ``rules.conflicts_of_interest``."""

    user_id: int
    role: str
    conflict_reason: str  # why she was seated despite a conflict
    declared: str | None  # the conflict staff recorded between her and the assessed region, if any
    name: str
    username: str
    institution: str
    province_id: int | None
    region_id: int | None
    region_province_id: int | None  # her home region's province


def team_people(assessment: Assessment) -> list[TeamPerson]:
    """The members of the assessment's team by name (then user id, the assessors' columns on the plenary
    page), each with the conflict staff recorded between her and the assessed region (at most one:
    ``DeclaredConflict`` is unique per user and region). One query of values: building each member, her
    user and her home region from every column cost more than what is read of them (issue 14); the recorded
    conflict is joined rather than asked with ``Exists``. Compiled once (``antikorupsi.compiled``)."""
    return [
        TeamPerson(*row)
        for row in _team_people(team=assessment.team_id, region=assessment.candidate.region_id)
    ]


@compiled_query
def _team_people(p):
    return (
        TeamMember.objects.filter(team_id=p.team)
        .annotate(
            declared=FilteredRelation(
                "user__declared_conflicts", condition=Q(user__declared_conflicts__region_id=p.region)
            )
        )
        .order_by("user__name", "user_id")
        .values_list(
            "user_id",
            "role",
            "conflict_reason",
            "declared__description",
            "user__name",
            "user__username",
            "user__institution",
            "user__province_id",
            "user__region_id",
            "user__region__province_id",
        )
    )


# The fields of a member's user and home region that ``rules.conflicts_of_interest`` reads, in the models'
# field order (``Model.from_db``).
_RULE_USER = ("id", "province_id", "region_id")
_RULE_REGION = ("id", "province_id")


def conflict_flags(assessment: Assessment, people: list[TeamPerson] | None = None) -> dict[int, ConflictFlag]:
    """The conflicts of interest of the assessment's team members with its region, by user id, in the team's
    order (role, then name): from ``people`` when the page has read them (``team_people``), else one query.

    ``rules.conflicts_of_interest`` is fed users made of the fields it reads (home province and region, and
    the home region's province), the others deferred as ``QuerySet.only()`` leaves them."""
    from accounts.models import User
    from assessments.rules import conflicts_of_interest

    region = assessment.candidate.region
    people = team_people(assessment) if people is None else people
    flags = {}
    # TeamMember's own order (role, name); ``people`` come by name.
    for person in sorted(people, key=lambda person: person.role):
        user = User.from_db(None, _RULE_USER, (person.user_id, person.province_id, person.region_id))
        if person.region_id is not None:
            home = Region.from_db(None, _RULE_REGION, (person.region_id, person.region_province_id))
            User.region.field.set_cached_value(user, home)
        declared = [] if person.declared is None else [person.declared]
        reasons = conflicts_of_interest(user, region, declared=declared)
        if reasons:
            flags[person.user_id] = ConflictFlag(
                user_id=person.user_id,
                name=person.name or person.username,
                reasons=reasons,
                seating_reason=person.conflict_reason,
            )
    return flags


def own_conflict(user, assessment: Assessment | None) -> ConflictFlag | None:
    """``user``'s own conflict of interest with the assessment's region when she is on its team, for the
    warning on every page of the assessment (nothing for staff or when there is no conflict).

    One query, or none where the page remembers memberships with their conflicts
    (``rules.remember_memberships(assessment, conflicts=True)``): the membership row its permission check
    read already carries the seating reason and whether staff recorded a conflict. The descriptions are
    read only when staff recorded one."""
    from assessments.models import DeclaredConflict
    from assessments.rules import NOT_REMEMBERED, conflicts_of_interest, remembered_membership

    if assessment is None or not user.is_authenticated or getattr(user, "role", "") != Role.ASSESSOR:
        return None
    region = assessment.candidate.region
    declared_here = DeclaredConflict.objects.filter(user=user, region_id=region.pk)
    remembered = remembered_membership(user, assessment)
    if remembered is NOT_REMEMBERED:
        member = (
            TeamMember.objects.filter(team_id=assessment.team_id, user=user)
            .annotate(has_declared=Exists(declared_here))
            .values("conflict_reason", "has_declared")
            .first()
        )
    elif remembered is None:
        member = None
    else:
        member = {
            "conflict_reason": remembered.conflict_reason,
            "has_declared": remembered.has_declared_conflict,
        }
    if member is None:
        return None
    declared = list(declared_here.values_list("description", flat=True)) if member["has_declared"] else []
    reasons = conflicts_of_interest(user, region, declared=declared)
    if not reasons:
        return None
    return ConflictFlag(
        user_id=user.pk,
        name=user.name or user.username,
        reasons=reasons,
        seating_reason=member["conflict_reason"],
    )


_PROGRAMME_YEAR = Columns(ProgrammeYear)


@compiled_query
def _programme_years(p):
    return ProgrammeYear.objects.order_by("year").values_list(*_PROGRAMME_YEAR.names)


def programme_years() -> list[ProgrammeYear]:
    """Every programme year, oldest first (one query, compiled once: the menu and the staff home read
    them on every request)."""
    return [_PROGRAMME_YEAR.instance(row) for row in _programme_years()]


def current_programme_year(years: list[ProgrammeYear] | None = None) -> ProgrammeYear | None:
    """The programme year staff work on now, one query: the running one (the latest, should two run), else
    the nearest in preparation (the earliest), else the latest; None when there is no programme year yet.
    The menu, the screening, the region page and the staff home all open on it. ``years`` (every programme
    year, oldest first) saves the query when the caller has them."""
    years = programme_years() if years is None else years
    for status, pick in (
        (ProgrammeYearStatus.RUNNING, -1),
        (ProgrammeYearStatus.PREPARATION, 0),
    ):
        matching = [programme_year for programme_year in years if programme_year.status == status]
        if matching:
            return matching[pick]
    return years[-1] if years else None


def programme_year_numbers() -> list[int]:
    return list(ProgrammeYear.objects.order_by("year").values_list("year", flat=True))


def team_members(team) -> QuerySet[TeamMember]:
    """A team's members, chair first, with their user (and province, for the provincial member)."""
    return team.members.select_related("user__province").order_by(ROLE_ORDER, "user__name")


def assessments_for_assessor(user) -> QuerySet[Assessment]:
    """The assessments of the teams ``user`` is on, minus those they are recused from. Membership is an
    EXISTS filter rather than a join with DISTINCT, and nothing is joined for display: each caller selects
    what its page shows (PostgreSQL's planning time grows with every joined table, issue 14)."""
    return Assessment.objects.filter(
        Exists(TeamMember.objects.filter(team=OuterRef("team"), user=user))
    ).exclude(Exists(Recusal.objects.filter(assessment=OuterRef("pk"), user=user)))


def proposable_regions(programme_year: ProgrammeYear) -> QuerySet[Region]:
    """The regions that can still be proposed for ``programme_year``: not proposed for it yet, not a pilot
    and not in the middle of another year's cycle (designated up to announced)."""
    return (
        Region.objects.exclude(candidacies__programme_year=programme_year)
        .exclude(candidacies__status__in=NOT_PROPOSABLE_STATUSES)
        .select_related("province")
        .order_by("code")
    )


_WATCHED = Columns(Candidate, only=("id", "programme_year_id", "region_id", "status"))


@compiled_query
def _watched_candidacies(p):
    return Candidate.objects.filter(status__in=WATCHED_STATUSES).order_by().values_list(*_WATCHED.names)


def watched_candidacies() -> list[Candidate]:
    """The current candidacies and pilots (designated up to inaugurated, not revoked): their regions are
    the ones monitored. Only their keys and status are read (the staff home needs no more of them; the
    other fields are deferred), in no order (Candidate's own would join the programme year and the region
    to sort). One query, compiled once."""
    return [_WATCHED.instance(row) for row in _watched_candidacies()]


@dataclass
class RevocationFlag:
    """A current candidacy or pilot whose region has an open case against a position listed by a cases
    criterion of the catalogue (by default the head, deputy, regional secretary or an agency head): staff
    should revoke it."""

    candidate: Candidate
    cases: list[str]  # the monitoring's readable line for each open case


def revocation_flags(alerts, watched: list[Candidate]) -> list[RevocationFlag]:
    """The candidacies among ``watched`` (``watched_candidacies``, each with its programme year) of the
    regions with an open disqualifying case among ``alerts`` (``regions.services.monitoring.
    criteria_alerts``), newest programme year first. No query: each candidacy's region is the alerts'
    own."""
    cases: dict[int, list[str]] = {}
    regions: dict[int, Region] = {}
    for alert in alerts:
        if alert.is_case:
            cases.setdefault(alert.region.pk, []).append(alert.message)
            regions[alert.region.pk] = alert.region
    candidates = [candidate for candidate in watched if candidate.region_id in cases]
    for candidate in candidates:
        candidate.region = regions[candidate.region_id]
    candidates.sort(key=lambda candidate: (-candidate.programme_year.year, candidate.region.code))
    return [RevocationFlag(candidate, cases[candidate.region_id]) for candidate in candidates]


def open_cases(candidate: Candidate, screening) -> list:
    """The open disqualifying cases of a current candidacy or pilot (from its region's screening), for the
    warning on the candidate page; none once it is revoked, declined or not yet designated."""
    if candidate.status not in WATCHED_STATUSES:
        return []
    return screening.open_cases()


def programme_years_with_counts() -> QuerySet[ProgrammeYear]:
    designated = Q(candidates__status__in=WATCHED_STATUSES)
    return ProgrammeYear.objects.select_related("framework").annotate(
        candidate_count=Count("candidates", distinct=True),
        designated_count=Count("candidates", filter=designated, distinct=True),
        team_count=Count("teams", distinct=True),
    )


def candidate_status_counts(programme_year: ProgrammeYear) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in the order of the cycle."""
    # Without Candidate's default ordering, which joined the programme year and the region to sort the
    # rows it groups.
    counts = dict(_status_counts(programme_year=programme_year.pk))
    return [(value, label, counts.get(value, 0)) for value, label in CandidateStatus.choices]


@compiled_query
def _status_counts(p):
    return (
        Candidate.objects.filter(programme_year=p.programme_year)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )


def candidates(programme_year: ProgrammeYear) -> QuerySet[Candidate]:
    return programme_year.candidates.select_related("region__province", "programme_year").order_by(
        "region__code"
    )


def framework_tree(framework: Framework) -> list[Component]:
    """The components in order, each with its indicators, rubric levels and value mappings prefetched."""
    indicators = Indicator.objects.order_by("order", "pk").prefetch_related("rubric_levels", "value_mappings")
    return list(
        framework.components.order_by("order", "pk").prefetch_related(
            Prefetch("indicators", queryset=indicators)
        )
    )


_FRAMEWORK_TREES: dict[tuple[int, object], list[Component]] = {}


def published_framework_tree(framework) -> list[Component]:
    """``queries.programme.framework_tree`` of a published framework, kept in this process.

    A framework cannot change once published: its components, indicators, rubrics and mappings are
    edited only as a draft (``services.framework._lock_editable``; the admin asks the same), and never
    once an assessment uses it. Publishing again stamps a new ``published_at``, so the key (pk,
    ``published_at``) changes with every edit that could be shown. A draft is always read afresh. The
    components and indicators are shared between requests: read them, never change them."""
    if not _is_kept(framework):
        return framework_tree(framework)
    key = (framework.pk, framework.published_at)
    tree = _FRAMEWORK_TREES.get(key)
    if tree is None:
        tree = framework_tree(framework)
        if len(_FRAMEWORK_TREES) >= 64:
            _FRAMEWORK_TREES.clear()
        _FRAMEWORK_TREES[key] = tree
    return tree


def framework_indicators(framework) -> list[Indicator]:
    """The indicators of ``framework`` in order (``Indicator.order``), each with its component, rubric
    levels and value mappings: those of the kept tree when the framework is published."""
    indicators = [
        indicator
        for component in published_framework_tree(framework)
        for indicator in component.indicators.all()
    ]
    return sorted(indicators, key=lambda indicator: (indicator.order, indicator.pk))


def indicators_by_component(framework) -> list[Indicator]:
    """The indicators of ``framework`` by component, then in their own order (the evidence pages' order),
    each with its component. No query when the framework is published (those of the kept tree); one when
    it is a draft (without the rubrics and mappings the tree would read)."""
    if not _is_kept(framework):
        return list(
            Indicator.objects.filter(framework=framework)
            .select_related("component")
            .order_by("component__order", "order", "pk")
        )
    indicators = [
        indicator
        for component in published_framework_tree(framework)
        for indicator in component.indicators.all()
    ]
    return sorted(
        indicators, key=lambda indicator: (indicator.component.order, indicator.order, indicator.pk)
    )


def _is_kept(framework) -> bool:
    """Whether ``published_framework_tree`` keeps the framework's tree: once it is published."""
    return framework.status == FrameworkStatus.PUBLISHED and framework.published_at is not None


_KEPT_WITH_TREES: dict[tuple, object] = {}


def kept_with_framework(framework, key: tuple, build):
    """What ``build()`` makes from a published framework alone (the scoring form's fields of its
    indicators), kept in this process with its tree under the tree's key (pk, ``published_at``) and
    ``key``; made afresh for a draft. The same rule as ``published_framework_tree``: it cannot change
    while the framework stays published. Shared between requests: read it, never change it."""
    if not _is_kept(framework):
        return build()
    full_key = (framework.pk, framework.published_at, *key)
    kept = _KEPT_WITH_TREES.get(full_key)
    if kept is None:
        if len(_KEPT_WITH_TREES) >= 256:
            _KEPT_WITH_TREES.clear()
        kept = _KEPT_WITH_TREES[full_key] = build()
    return kept


def forget_framework_trees() -> None:
    """Empty the process's kept framework trees and what is kept with them (tests, whose databases reuse
    primary keys)."""
    _FRAMEWORK_TREES.clear()
    _KEPT_WITH_TREES.clear()


def teams(programme_year: ProgrammeYear) -> QuerySet[Team]:
    members = TeamMember.objects.select_related("user").order_by(ROLE_ORDER, "user__name")
    return (
        programme_year.teams.prefetch_related(Prefetch("members", queryset=members))
        .annotate(assessment_count=Count("assessments", distinct=True))
        .order_by("name")
    )


def assessments(programme_year: ProgrammeYear) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(candidate__programme_year=programme_year)
        .select_related("candidate__region__province", "team")
        .annotate(recusal_count=Count("recusals"))
        .order_by("starts_on", "pk")
    )


@dataclass
class IndicatorChange:
    code: str
    kind: str  # "added", "removed" or "changed"
    name: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)


DIFF_FIELDS = (
    "name",
    "component",
    "weight",
    "max_score",
    "source",
    "criterion",
    "description",
    "expected_evidence",
)


def _indicator_values(indicator: Indicator) -> dict[str, str]:
    values = {
        name: str(shown(getattr(indicator, name)))
        for name in DIFF_FIELDS
        if name not in ("component", "source")
    }
    values["component"] = indicator.component.name
    values["source"] = str(indicator.get_source_display())
    values["rubric"] = "; ".join(f"{level.score}: {level.label}" for level in indicator.rubric_levels.all())
    values["mapping"] = "; ".join(str(mapping) for mapping in indicator.value_mappings.all())
    return values


def diff_frameworks(old: Framework, new: Framework) -> list[IndicatorChange]:
    """What changed from ``old`` to ``new``, indicator by indicator (matched on code), in ``new``'s order."""
    labels = {name: str(Indicator._meta.get_field(name).verbose_name) for name in DIFF_FIELDS}
    labels["component"] = str(Indicator._meta.get_field("component").verbose_name)
    labels["rubric"] = gettext("rubrik")
    labels["mapping"] = gettext("pemetaan nilai kriteria")

    def load(framework):
        return {
            indicator.code: indicator
            for indicator in framework.indicators.select_related("component")
            .prefetch_related("rubric_levels", "value_mappings")
            .order_by("order", "pk")
        }

    before, after = load(old), load(new)
    result = []
    for code, indicator in after.items():
        if code not in before:
            result.append(IndicatorChange(code=code, kind="added", name=indicator.name))
            continue
        old_values, new_values = _indicator_values(before[code]), _indicator_values(indicator)
        changes = [
            (labels[name], old_values[name], new_values[name])
            for name in new_values
            if old_values[name] != new_values[name]
        ]
        if changes:
            result.append(IndicatorChange(code=code, kind="changed", name=indicator.name, changes=changes))
    result.extend(
        IndicatorChange(code=code, kind="removed", name=indicator.name)
        for code, indicator in before.items()
        if code not in after
    )
    return result


# Evidence (issue 6)
