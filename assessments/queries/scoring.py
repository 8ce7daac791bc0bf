"""Read-only views of scoring: the scoring page of a stage, the assessor's list, and staff progress.

Each function runs a constant number of queries, whatever the number of indicators, assessors or
assessments.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from accounts.models import User
from accounts.rules import is_permas_staff
from antikorupsi.compiled import Columns, compiled_query, instances, names
from assessments.enums import (
    IndicatorSource,
    PlenaryStatus,
    Stage,
    StageStatus,
    SubmissionStatus,
)
from assessments.models import (
    Assessment,
    AssessmentStage,
    Candidate,
    Component,
    DeclaredConflict,
    FieldVisit,
    Framework,
    Indicator,
    Plenary,
    Presentation,
    PresentationNote,
    ProgrammeYear,
    QaAttendee,
    QaQuestion,
    Recusal,
    Score,
    ScoreChange,
    StageSubmission,
    Team,
    TeamMember,
)
from assessments.queries import programme as queries
from assessments.queries.evidence import evidence_lines_by_indicator
from assessments.rules import colleague_score_stages, may_see_colleague_scores, remember_submitted_stages
from regions.models import CriterionValue, Province, Region


def _column_of(model, column: str, *, where: str, outer_model, outer_column: str) -> RawSQL:
    """A scalar subquery: ``model``'s ``column`` of the row whose ``where`` column equals the outer
    query's ``outer_model.outer_column`` (a table joined once, so known by its table name)."""
    quote = connection.ops.quote_name
    return RawSQL(
        f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} WHERE {quote(where)} = "
        f"{quote(outer_model._meta.db_table)}.{quote(outer_column)}",
        (),
    )


_SCORING_ASSESSMENT = (
    Columns(Assessment),
    Columns(Candidate, "candidate"),
    Columns(Region, "candidate__region"),
    Columns(Team, "team"),
    Columns(Framework, "framework"),
)


@compiled_query
def _scoring_assessment(p):
    return (
        Assessment.objects.filter(pk=p.pk)
        .annotate(
            plenary_status=_column_of(
                Plenary, "status", where="assessment_id", outer_model=Assessment, outer_column="id"
            ),
            programme_year_number=_column_of(
                ProgrammeYear, "year", where="id", outer_model=Candidate, outer_column="programme_year_id"
            ),
            province_name=_column_of(
                Province, "name", where="id", outer_model=Region, outer_column="province_id"
            ),
        )
        .order_by()
        .values_list(
            *names(*_SCORING_ASSESSMENT),
            "plenary_status",
            "programme_year_number",
            "province_name",
        )
    )


def assessment_for_scoring(pk: int) -> Assessment | None:
    """The assessment of the pages under /penilaian/<pk>/ with its candidate, region, team and framework,
    its programme year and its region's province (only the year and the name: any other field is read
    when asked for), and whether its plenary is finalised (``rules.plenary_is_finalised`` reads it without
    a query). One query, compiled once (``antikorupsi.compiled``).

    The year, the province's name and the plenary's status come by scalar subqueries rather than joins:
    PostgreSQL plans a query of eight joined tables in about 0,6 ms, of five in 0,15 ms (issue 14)."""
    rows = _scoring_assessment(pk=pk)
    if not rows:
        return None
    row = rows[0]
    assessment, candidate, region, team, framework = instances(row, *_SCORING_ASSESSMENT)
    plenary_status, programme_year, province_name = row[-3:]
    assessment.candidate, assessment.team, assessment.framework = candidate, team, framework
    candidate.region = region
    assessment._plenary_finalised = plenary_status == PlenaryStatus.FINALISED
    candidate.programme_year = ProgrammeYear.from_db(
        assessment._state.db, ["id", "year"], [candidate.programme_year_id, programme_year]
    )
    region.province = Province.from_db(
        assessment._state.db, ["id", "name"], [region.province_id, province_name]
    )
    return assessment


def _scored_indicator_count() -> Subquery:
    # Without Indicator's default ordering, which joins the framework and its programme year only to
    # sort rows that are counted (issue 14).
    return Coalesce(
        Subquery(
            Indicator.objects.filter(framework=OuterRef("framework"), source=IndicatorSource.ASSESSORS)
            .order_by()
            .values("framework")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        0,
    )


@dataclass
class StageState:
    stage: str
    label: str
    status: str
    submission_status: str = ""  # the viewer's: "", "draf" or "dikirim"
    remaining: int = 0  # indicators the viewer has still to score in this stage (open stages only)

    @property
    def status_label(self) -> str:
        return StageStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == StageStatus.OPEN

    @property
    def submitted(self) -> bool:
        return self.submission_status == SubmissionStatus.SUBMITTED


@dataclass
class AssessmentRow:
    assessment: Assessment
    stages: list[StageState]

    @property
    def remaining(self) -> int:
        return sum(state.remaining for state in self.stages)


def assessor_assessments(user) -> list[AssessmentRow]:
    """The assessments of ``user``'s teams (minus recusals), with each stage's status and how many
    indicators the user still has to score in the open stages. Three queries: the assessments with their
    region, province and team (what the cards show), their stages, and the user's submissions.

    Each assessment carries ``has_declared``: whether staff recorded a conflict of interest between the
    user and its region (``DeclaredConflict``), so that a page reads their descriptions only when there
    are some."""
    assessments = list(
        queries.assessments_for_assessor(user)
        .select_related("candidate__region__province", "team")
        .annotate(
            indicator_count=_scored_indicator_count(),
            has_declared=Exists(
                DeclaredConflict.objects.filter(user=user, region=OuterRef("candidate__region"))
            ),
        )
        .order_by("starts_on", "pk")
    )
    # Each stage's status, and the user's submission of it with how many of its scores have a value: two
    # queries of values (one with a subquery per column cost more to build, issue 14).
    pks = [assessment.pk for assessment in assessments]
    submissions = {
        stage_id: (status, scored)
        for stage_id, status, scored in StageSubmission.objects.filter(
            assessor=user, stage__assessment__in=pks
        )
        .order_by()
        .values_list("stage_id", "status")
        .annotate(scored=Count("scores", filter=Q(scores__value__isnull=False)))
    }
    stages: dict[tuple[int, str], tuple[str, str | None, int]] = {
        (assessment_id, stage): (status, *submissions.get(stage_id, (None, 0)))
        for stage_id, assessment_id, stage, status in AssessmentStage.objects.filter(
            assessment__in=pks
        ).values_list("pk", "assessment_id", "stage", "status")
    }
    rows = []
    for assessment in assessments:
        states = []
        for stage in Stage:
            status, submission_status, scored_count = stages.get(
                (assessment.pk, stage.value), (StageStatus.PENDING, None, 0)
            )
            state = StageState(stage.value, stage.label, status)
            if submission_status is not None:
                state.submission_status = submission_status
            if state.is_open and not state.submitted:
                state.remaining = assessment.indicator_count - scored_count
            states.append(state)
        rows.append(AssessmentRow(assessment, states))
    return rows


class ScoreValue(NamedTuple):
    """A score of one indicator as the page shows it (the viewer's own or a colleague's)."""

    value: Decimal | None
    note: str


class HistoryEntry(NamedTuple):
    """One change of the viewer's own score, as the page shows it (``ScoreChange``'s fields)."""

    pk: int
    changed_at: datetime
    changed_by: User
    old_value: Decimal | None
    new_value: Decimal | None
    old_note: str
    new_note: str


@dataclass
class OtherScore:
    assessor: object
    score: Score | ScoreValue | None


@dataclass
class IndicatorRow:
    indicator: Indicator
    score: ScoreValue | None = None  # the viewer's own
    others: list[OtherScore] = field(default_factory=list)  # only once the viewer has submitted
    criterion_value: CriterionValue | None = None  # indicators fed by a criterion value
    criterion_score: Decimal | None = None
    documents: list = field(default_factory=list)
    history: list[HistoryEntry] = field(
        default_factory=list
    )  # the viewer's own score's changes, oldest first

    @property
    def fed_by_criterion(self) -> bool:
        return self.indicator.source == IndicatorSource.CRITERION


@dataclass
class ComponentRows:
    component: Component
    rows: list[IndicatorRow]


@dataclass
class ScoringPage:
    assessment: Assessment
    stage: str
    stage_row: AssessmentStage | None
    submission: StageSubmission | None
    components: list[ComponentRows]
    others_visible: bool
    other_assessors: list
    # Built for a save's form (``scoring_page(for_saving=True)``): neither the stage nor the submission
    # was read; the service reads both under its lock and refuses a stage that is not open.
    for_saving: bool = False

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def stage_status(self) -> str:
        return self.stage_row.status if self.stage_row else StageStatus.PENDING

    @property
    def stage_status_label(self) -> str:
        return StageStatus(self.stage_status).label

    @property
    def can_edit(self) -> bool:
        if self.assessment._plenary_finalised:
            return False
        # A save's form takes what is posted; whether the stage is open is the service's to say.
        return self.for_saving or self.stage_status == StageStatus.OPEN

    @property
    def version(self) -> int:
        return self.submission.version if self.submission else 0

    @property
    def scored_rows(self) -> list[IndicatorRow]:
        return [row for group in self.components for row in group.rows if not row.fed_by_criterion]


@compiled_query
def _criterion_values(p):
    """The values of the criteria that feed the framework's indicators, for the region, up to the year."""
    fed = Indicator.objects.filter(framework=p.framework, source=IndicatorSource.CRITERION).order_by()
    return (
        CriterionValue.objects.filter(
            region_id=p.region, criterion__in=fed.values("criterion"), data_year__lte=p.year
        )
        .order_by("criterion", "-data_year")
        .values_list(*_CRITERION_VALUE.attnames)
    )


_CRITERION_VALUE = Columns(CriterionValue)


def latest_criterion_values(assessment: Assessment) -> dict[str, CriterionValue]:
    """The newest value of each criterion feeding the assessment's framework, for the assessed region, up
    to the programme year (one query, compiled once)."""
    latest = {}
    for row in _criterion_values(
        framework=assessment.framework_id,
        region=assessment.candidate.region_id,
        year=assessment.candidate.programme_year.year,
    ):
        value = _CRITERION_VALUE.instance(row)
        latest.setdefault(value.criterion, value)
    return latest


def scoring_page(assessment: Assessment, stage: str, user, *, for_saving: bool = False) -> ScoringPage:
    """Everything the scoring page of one stage shows to ``user`` (a team member).

    The colleagues' submissions are kept, and their scores read, only when ``may_see_colleague_scores``
    lets the user see them. Five queries (the submissions with their stage, their scores, the user's
    score history, the criterion values, the evidence; and the stage alone while nobody has saved), plus
    the hidden-scores rule's own unless the caller remembers memberships (``rules.remember_memberships``:
    the user's submissions read here then answer it), and the framework, read once per process while it
    stays published (``queries.published_framework_tree``).

    ``for_saving``: only what the form of a save needs, the indicators (no query): neither the stage nor
    any submission, score, history, evidence or criterion value. The service checks the stage and the
    user's submission under its lock (``services.scoring.save_stage_scores``); a save that has to show the
    page again asks for the whole page then."""
    if for_saving:
        return ScoringPage(
            assessment=assessment,
            stage=stage,
            stage_row=None,
            submission=None,
            components=[
                ComponentRows(
                    component, [IndicatorRow(indicator) for indicator in component.indicators.all()]
                )
                for component in queries.published_framework_tree(assessment.framework)
            ],
            others_visible=False,
            other_assessors=[],
            for_saving=True,
        )
    submission = None
    mine: dict[int, ScoreValue] = {}
    other_submissions: list[StageSubmission] = []
    others_scores: dict[int, dict[int, ScoreValue]] = defaultdict(dict)
    # The user's submissions of every stage, whose statuses answer the hidden-scores rule
    # (``rules.remember_submitted_stages``: no query of its own), and the colleagues' submitted ones of
    # this stage, kept only when that rule lets the user see them. Read as values with their stage's and
    # assessor's columns the page shows, made as ``QuerySet.only()`` makes rows (the other fields
    # deferred), a third of the CPU of ``select_related`` instances of the three models.
    read = [
        instances(row, *_PAGE_SUBMISSION_COLUMNS)
        for row in _page_submissions(assessment=assessment.pk, user=user.pk, stage=stage)
    ]
    remember_submitted_stages(
        assessment,
        user,
        [
            of_stage.stage
            for item, of_stage, _assessor in read
            if item.assessor_id == user.pk and item.status == SubmissionStatus.SUBMITTED
        ],
    )
    others_visible = may_see_colleague_scores(user, assessment, stage)
    stage_row = None
    submissions = []
    for item, of_stage, assessor in read:
        if of_stage.stage != stage or not (item.assessor_id == user.pk or others_visible):
            continue
        if stage_row is None:
            stage_row = of_stage
        item.stage, item.assessor = stage_row, assessor
        submissions.append(item)
    if stage_row is None:  # read alone only while nobody has saved
        stage_row = AssessmentStage.objects.filter(assessment=assessment, stage=stage).first()
    for item in submissions:
        if item.assessor_id == user.pk:
            submission = item
        else:
            other_submissions.append(item)
    if submissions:
        mine_id = submission.pk if submission is not None else None
        if other_submissions:
            # The scores of the stage's submissions just read: the user's, and the colleagues' submitted.
            scores = _page_stage_scores(stage=stage_row.pk, user=user.pk)
        else:
            scores = _page_own_scores(submission=mine_id)
        for submission_id, indicator_id, value, note in scores:
            if submission_id == mine_id:
                mine[indicator_id] = ScoreValue(value, note)
            else:
                others_scores[submission_id][indicator_id] = ScoreValue(value, note)

    history: dict[int, list[HistoryEntry]] = defaultdict(list)
    if submission is not None:
        # Read as values: the changes are almost all the viewer's own, so each author is made once.
        authors: dict[int, User] = {}
        for values in _page_history(submission=submission.pk):
            pk, indicator_id, changed_at, old_value, new_value, old_note, new_note = values[:7]
            author_id, author_name, author_username = values[7:]
            author = authors.get(author_id)
            if author is None:
                author = authors[author_id] = User.from_db(
                    ScoreChange.objects.db,
                    ("id", "username", "name"),
                    (author_id, author_username, author_name),
                )
            history[indicator_id].append(
                HistoryEntry(pk, changed_at, author, old_value, new_value, old_note, new_note)
            )

    tree = queries.published_framework_tree(assessment.framework)
    fed = any(
        indicator.source == IndicatorSource.CRITERION
        for component in tree
        for indicator in component.indicators.all()
    )
    values = latest_criterion_values(assessment) if fed else {}
    evidence = evidence_lines_by_indicator(assessment)

    groups = []
    for component in tree:
        rows = []
        for indicator in component.indicators.all():
            row = IndicatorRow(indicator, documents=evidence.get(indicator.pk, []))
            if indicator.source == IndicatorSource.CRITERION:
                row.criterion_value = values.get(indicator.criterion)
                if row.criterion_value is not None and row.criterion_value.score is not None:
                    row.criterion_score = indicator.score_for_value(row.criterion_value.score)
            else:
                row.score = mine.get(indicator.pk)
                row.history = history.get(indicator.pk, [])
                row.others = [
                    OtherScore(item.assessor, others_scores[item.pk].get(indicator.pk))
                    for item in other_submissions
                ]
            rows.append(row)
        groups.append(ComponentRows(component, rows))
    return ScoringPage(
        assessment=assessment,
        stage=stage,
        stage_row=stage_row,
        submission=submission,
        components=groups,
        others_visible=others_visible,
        other_assessors=[item.assessor for item in other_submissions],
    )


# What the page shows of a submission, its stage and its assessor.
_PAGE_SUBMISSION_COLUMNS = (
    Columns(
        StageSubmission,
        only=("id", "stage_id", "assessor_id", "status", "version", "saved_at", "submitted_at"),
    ),
    Columns(AssessmentStage, "stage", only=("id", "stage", "status")),
    Columns(User, "assessor", only=("id", "username", "name")),
)


@compiled_query
def _page_submissions(p):
    """The user's submissions of every stage, and the colleagues' submitted ones of ``p.stage``."""
    return (
        StageSubmission.objects.filter(stage__assessment=p.assessment)
        .filter(Q(assessor=p.user) | Q(stage__stage=p.stage, status=SubmissionStatus.SUBMITTED))
        .order_by("assessor__name", "pk")
        .values_list(*names(*_PAGE_SUBMISSION_COLUMNS))
    )


_PAGE_SCORE_FIELDS = ("submission_id", "indicator_id", "value", "note")


@compiled_query
def _page_own_scores(p):
    return Score.objects.filter(submission=p.submission).values_list(*_PAGE_SCORE_FIELDS)


@compiled_query
def _page_stage_scores(p):
    """The scores of a stage's submissions: the user's, and the submitted ones (``_page_submissions``)."""
    return (
        Score.objects.filter(submission__stage=p.stage)
        .filter(Q(submission__assessor=p.user) | Q(submission__status=SubmissionStatus.SUBMITTED))
        .values_list(*_PAGE_SCORE_FIELDS)
    )


HISTORY_FIELDS = (
    "pk",
    "score__indicator_id",
    "changed_at",
    "old_value",
    "new_value",
    "old_note",
    "new_note",
    "changed_by_id",
    "changed_by__name",
    "changed_by__username",
)


@compiled_query
def _page_history(p):
    return (
        ScoreChange.objects.filter(score__submission=p.submission)
        .order_by("changed_at", "pk")
        .values_list(*HISTORY_FIELDS)
    )


@dataclass
class MemberProgress:
    member: TeamMember
    stages: list[StageState]


def active_members(assessment: Assessment) -> list[TeamMember]:
    recused = Recusal.objects.filter(assessment=assessment, user=OuterRef("user"))
    return list(
        TeamMember.objects.filter(team=assessment.team_id)
        .exclude(Exists(recused))
        .select_related("user")
        .order_by("role", "user__name")
    )


def assessment_progress(assessment: Assessment) -> tuple[list[StageState], list[MemberProgress]]:
    """Per team member (minus recusals) and stage: draft or submitted, and how many indicators are missing.

    Four queries."""
    indicator_count = assessment.framework.indicators.filter(source=IndicatorSource.ASSESSORS).count()
    stage_rows = {row.stage: row for row in assessment.stages.all()}
    stages = [
        StageState(
            stage.value, stage.label, getattr(stage_rows.get(stage.value), "status", StageStatus.PENDING)
        )
        for stage in Stage
    ]
    submissions = {
        (submission.stage.stage, submission.assessor_id): submission
        for submission in StageSubmission.objects.filter(stage__assessment=assessment)
        .select_related("stage")
        .annotate(scored=Count("scores", filter=Q(scores__value__isnull=False)))
    }
    members = []
    for member in active_members(assessment):
        states = []
        for stage in stages:
            submission = submissions.get((stage.stage, member.user_id))
            state = StageState(stage.stage, stage.label, stage.status)
            state.submission_status = submission.status if submission else ""
            state.remaining = indicator_count - (submission.scored if submission else 0)
            states.append(state)
        members.append(MemberProgress(member, states))
    return stages, members


@dataclass
class ProgressRow:
    assessment: Assessment
    stages: list[tuple[StageState, int]]  # (stage, number of submitted assessors)
    member_count: int


def progress_overview() -> list[ProgressRow]:
    """Every assessment with, per stage, its status and how many of its assessors have submitted.

    Three queries."""
    recused = Recusal.objects.filter(assessment=OuterRef("pk")).values("assessment")
    assessments = list(
        Assessment.objects.select_related("candidate__region__province", "candidate__programme_year", "team")
        .annotate(
            member_count=Count("team__members", distinct=True),
            recusal_count=Coalesce(
                Subquery(recused.annotate(count=Count("pk")).values("count"), output_field=IntegerField()), 0
            ),
        )
        .prefetch_related("stages")
        .order_by("-candidate__programme_year__year", "starts_on", "pk")
    )
    submitted = defaultdict(int)
    for assessment_id, stage, count in (
        StageSubmission.objects.filter(status=SubmissionStatus.SUBMITTED)
        .values_list("stage__assessment", "stage__stage")
        .annotate(count=Count("pk"))
        .values_list("stage__assessment", "stage__stage", "count")
    ):
        submitted[(assessment_id, stage)] = count
    rows = []
    for assessment in assessments:
        by_stage = {row.stage: row for row in assessment.stages.all()}
        stages = [
            (
                StageState(
                    stage.value,
                    stage.label,
                    getattr(by_stage.get(stage.value), "status", StageStatus.PENDING),
                ),
                submitted[(assessment.pk, stage.value)],
            )
            for stage in Stage
        ]
        rows.append(ProgressRow(assessment, stages, assessment.member_count - assessment.recusal_count))
    return rows


def stage_records(assessment: Assessment) -> dict:
    """The field visits with photos, the presentation with its notes, and the Q&A of one assessment."""
    presentation = (
        Presentation.objects.filter(assessment=assessment)
        .prefetch_related(
            Prefetch(
                "notes",
                queryset=PresentationNote.objects.select_related("component").order_by("component__order"),
            )
        )
        .first()
    )
    return {
        "visits": list(
            FieldVisit.objects.filter(assessment=assessment)
            .prefetch_related("photos")
            .order_by("visited_at", "pk")
        ),
        "presentation": presentation,
        "questions": list(QaQuestion.objects.filter(assessment=assessment).order_by("recorded_at", "pk")),
        "attendees": list(QaAttendee.objects.filter(assessment=assessment).order_by("role", "name")),
    }


def score_history(assessment: Assessment, viewer, *, stage: str = "", assessor_id=None, indicator_id=None):
    """The changes of the assessment's scores, newest first, that ``viewer`` may read: staff all of them;
    a team member their own, and a colleague's submitted scores only in the stages where the viewer has
    submitted too (the same rule as the scoring page). Optionally narrowed to one stage, assessor or
    indicator. A queryset: the page paginates it."""
    changes = ScoreChange.objects.filter(score__submission__stage__assessment=assessment)
    if not is_permas_staff(viewer):
        changes = changes.filter(
            Q(score__submission__assessor=viewer)
            | Q(
                score__submission__status=SubmissionStatus.SUBMITTED,
                score__submission__stage__stage__in=colleague_score_stages(viewer, assessment),
            )
        )
    if stage:
        changes = changes.filter(score__submission__stage__stage=stage)
    if assessor_id is not None:
        changes = changes.filter(score__submission__assessor=assessor_id)
    if indicator_id is not None:
        changes = changes.filter(score__indicator=indicator_id)
    return changes.select_related(
        "changed_by", "score__indicator", "score__submission__stage", "score__submission__assessor"
    ).order_by("-changed_at", "-pk")
