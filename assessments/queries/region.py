"""Read-only queries of the region's side of the cycle: the self-assessment form, the worksheet (LKE), the
monitoring trend, the recommendations and the documents to revise."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from antikorupsi.compiled import compiled_query
from assessments.enums import (
    RECOMMENDATION_OPEN_STATUSES,
    EvidenceStatus,
    SelfAssessmentStatus,
    Stage,
    SubmissionStatus,
)
from assessments.models import (
    Candidate,
    Component,
    Document,
    Indicator,
    MonitoringRound,
    MonitoringScore,
    Objection,
    PlenaryScore,
    Recommendation,
    Score,
    SelfAssessment,
    SelfScore,
)
from assessments.rules import candidate_assessment, colleague_score_stages, plenary_is_finalised
from assessments.services.results import contribution, round_half_up
from regions.models import Region


def framework_indicators(candidate: Candidate) -> list[Indicator]:
    """The indicators of the candidate's framework with their component and rubric, in order."""
    return list(
        Indicator.objects.filter(framework__programme_year=candidate.programme_year_id)
        .select_related("component")
        .prefetch_related("rubric_levels")
        .order_by("component__order", "order", "pk")
    )


def self_assessment_of(candidate: Candidate) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(candidate=candidate).select_related("submitted_by").first()


def self_scores(self_assessment: SelfAssessment | None) -> dict[int, SelfScore]:
    """Indicator id -> the self-score with its documents (two queries)."""
    if self_assessment is None:
        return {}
    scores = self_assessment.scores.select_related("updated_by").prefetch_related(
        Prefetch("documents", queryset=Document.objects.select_related("current_version").order_by("title"))
    )
    return {score.indicator_id: score for score in scores}


def submitted_self_scores(candidate_id: int) -> dict[int, SelfScore]:
    """What the assessors see beside their score fields: the submitted self-scores only (one query)."""
    scores = SelfScore.objects.filter(
        self_assessment__candidate_id=candidate_id, self_assessment__status=SelfAssessmentStatus.SUBMITTED
    )
    return {score.indicator_id: score for score in scores}


class SelfScoreValue(NamedTuple):
    """A submitted self-score as the scoring page shows it beside a field: the value alone."""

    value: Decimal | None


@compiled_query
def _submitted_self_scores(p):
    return SelfScore.objects.filter(
        self_assessment__candidate_id=p.candidate,
        self_assessment__status=SelfAssessmentStatus.SUBMITTED,
    ).values_list("indicator_id", "value")


def submitted_self_score_values(candidate_id: int) -> dict[int, SelfScoreValue]:
    """``submitted_self_scores`` with only the value, read as tuples (the scoring page; one query, compiled
    once: ``antikorupsi.compiled``)."""
    return {
        indicator_id: SelfScoreValue(value)
        for indicator_id, value in _submitted_self_scores(candidate=candidate_id)
    }


def candidate_documents(candidate: Candidate) -> list[Document]:
    return list(
        Document.objects.filter(candidate=candidate).select_related("current_version").order_by("title", "pk")
    )


# The worksheet (LKE).


@dataclass
class AssessorStageScore:
    assessor: str
    stage: str
    stage_label: str
    value: Decimal | None
    note: str


@dataclass
class WorksheetRow:
    indicator: Indicator
    self_score: SelfScore | None
    documents: list[Document]
    stage_scores: list[AssessorStageScore] = field(default_factory=list)
    mean: Decimal | None = None
    agreed: Decimal | None = None
    weighted: Decimal | None = None
    notes: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def rubric(self) -> str:
        return "; ".join(
            f"{level.score.normalize():f}: {level.label}" for level in self.indicator.rubric_levels.all()
        )


@dataclass
class Worksheet:
    candidate: Candidate
    rows: list[WorksheetRow]
    show_scores: bool  # the assessors' stage scores, mean and notes (staff and team)
    show_agreed: bool  # the plenary's agreed scores and weighted scores
    hidden_stages: list[str]  # stages whose colleagues' scores the reader may not see yet
    self_assessment: SelfAssessment | None
    columns: list[tuple[str, str, str]]  # (stage, stage label, assessor) in the order of the export


def _announced(candidate: Candidate) -> bool:
    assessment = candidate_assessment(candidate)
    if assessment is None:
        return False
    from assessments.models import Announcement

    return Announcement.objects.filter(plenary__assessment=assessment).exists()


def worksheet(candidate: Candidate, user) -> Worksheet:
    """One row per indicator. Staff and the team see every column (a team member sees colleagues' scores of
    a stage only once their own is submitted: ``assessments.rules.colleague_score_stages``); the region's
    inspector sees the self-assessment and the evidence review, and the agreed scores and recommendations
    once the result is announced."""
    from accounts.rules import is_permas_staff
    from assessments.rules import is_team_member_of_assessment

    assessment = candidate_assessment(candidate)
    is_reader = is_permas_staff(user) or is_team_member_of_assessment(user, assessment)
    show_agreed = bool(assessment) and (
        (is_reader and plenary_is_finalised(assessment)) or _announced(candidate)
    )
    indicators = framework_indicators(candidate)
    self_assessment = self_assessment_of(candidate)
    # The region's draft is its own until submitted: staff and the team see the submitted answers only.
    hide_draft = is_reader and self_assessment is not None and not self_assessment.is_submitted
    own = {} if hide_draft else self_scores(self_assessment)
    from assessments.queries.evidence import _documents_by_indicator

    documents = _documents_by_indicator(candidate.pk)
    rows = {
        indicator.pk: WorksheetRow(indicator, own.get(indicator.pk), documents.get(indicator.pk, []))
        for indicator in indicators
    }
    hidden: list[str] = []
    columns: list[tuple[str, str, str]] = []
    if is_reader and assessment is not None:
        visible = colleague_score_stages(user, assessment)
        hidden = [Stage(stage).label for stage in Stage.values if stage not in visible]
        scores = (
            Score.objects.filter(submission__stage__assessment=assessment)
            .filter(Q(submission__stage__stage__in=visible) | Q(submission__assessor=user))
            .filter(Q(submission__status=SubmissionStatus.SUBMITTED) | Q(submission__assessor=user))
            .select_related("submission__assessor", "submission__stage")
        )
        stage_order = {stage: index for index, stage in enumerate(Stage.values)}
        ordered = sorted(
            scores,
            key=lambda s: (stage_order[s.submission.stage.stage], str(s.submission.assessor), s.indicator_id),
        )
        seen_columns = {}
        for score in ordered:
            stage = score.submission.stage.stage
            assessor = str(score.submission.assessor)
            seen_columns.setdefault((stage, assessor), (stage, Stage(stage).label, assessor))
            row = rows.get(score.indicator_id)
            if row is None:
                continue
            row.stage_scores.append(
                AssessorStageScore(assessor, stage, Stage(stage).label, score.value, score.note)
            )
            if score.note:
                row.notes.append(f"{Stage(stage).label}, {assessor}: {score.note}")
        columns = list(seen_columns.values())
        for row in rows.values():
            values = [s.value for s in row.stage_scores if s.value is not None]
            if values:
                row.mean = round_half_up(sum(values, Decimal("0")) / len(values))
    if show_agreed:
        for agreed in PlenaryScore.objects.filter(plenary__assessment=assessment):
            row = rows.get(agreed.indicator_id)
            if row is not None:
                row.agreed = agreed.value
                row.weighted = round_half_up(
                    contribution(
                        score=agreed.value, max_score=row.indicator.max_score, weight=row.indicator.weight
                    )
                )
        for item in Recommendation.objects.filter(candidate=candidate, indicator__isnull=False):
            if item.indicator_id in rows:
                rows[item.indicator_id].recommendations.append(item)
    return Worksheet(
        candidate=candidate,
        rows=list(rows.values()),
        show_scores=is_reader,
        show_agreed=show_agreed,
        hidden_stages=hidden,
        self_assessment=self_assessment,
        columns=columns,
    )


# Monitoring rounds.


@dataclass
class RoundTotal:
    monitoring_round: MonitoringRound
    total: Decimal  # the running total: every scored indicator's contribution, unscored ones count 0
    scored: int
    components: dict[int, Decimal]  # component id -> percent of the component's weight earned


@dataclass
class ChartSeries:
    component: Component
    points: list[tuple[int, Decimal]]  # (round number, percent)
    svg_points: str
    dots: list[dict]


@dataclass
class MonitoringTrend:
    candidate: Candidate
    rounds: list[RoundTotal]
    charts: list[ChartSeries]
    pass_mark: Decimal
    self_total: Decimal | None
    comparison: list[dict]  # the last round beside the self-assessment, per indicator

    @property
    def latest(self) -> RoundTotal | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def reaches_pass_mark(self) -> bool:
        return self.latest is not None and self.latest.total >= self.pass_mark


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 240, 80, 8


def _chart(component: Component, points: list[tuple[int, Decimal]], count: int) -> ChartSeries:
    """An SVG polyline of the percent per round, rendered server-side (no script, no style attribute)."""
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(count - 1, 1)
    dots = []
    for index, (number, percent) in enumerate(points):
        x = CHART_PAD + step * index if count > 1 else CHART_WIDTH / 2
        y = CHART_PAD + (CHART_HEIGHT - 2 * CHART_PAD) * (1 - float(percent) / 100)
        # SVG coordinates are strings with a decimal point: the template would localise a number
        # ("8,0"), which the browser cannot read.
        dots.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "number": number, "percent": percent})
    return ChartSeries(component, points, " ".join(f"{d['x']},{d['y']}" for d in dots), dots)


def _weighted_total(
    values: dict[int, Decimal], indicators: list[Indicator]
) -> tuple[Decimal, dict[int, Decimal]]:
    exact = Decimal("0")
    earned: dict[int, Decimal] = defaultdict(Decimal)
    weights: dict[int, Decimal] = defaultdict(Decimal)
    for indicator in indicators:
        weights[indicator.component_id] += indicator.weight
        value = values.get(indicator.pk)
        if value is not None:
            share = contribution(score=value, max_score=indicator.max_score, weight=indicator.weight)
            exact += share
            earned[indicator.component_id] += share
    components = {
        component_id: round_half_up(earned[component_id] * 100 / weight) if weight else Decimal("0")
        for component_id, weight in weights.items()
    }
    return round_half_up(exact), components


def monitoring_rounds(candidate: Candidate) -> QuerySet[MonitoringRound]:
    return (
        MonitoringRound.objects.filter(candidate=candidate)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("scores", queryset=MonitoringScore.objects.order_by("indicator__order")), "assessors"
        )
        .order_by("number")
    )


def monitoring_trend(
    candidate: Candidate,
    indicators: list[Indicator] | None = None,
    *,
    submitted: dict[int, SelfScore] | None = None,
    rounds: list[MonitoringRound] | None = None,
) -> MonitoringTrend:
    """Every round's running total and per-component percent, a chart per component, and the last round
    compared with the self-assessment. A constant number of queries; fewer when the caller gives the
    framework's indicators, its ``submitted`` self-scores (``{}`` when the self-assessment is not
    submitted) or its ``rounds`` (``[]`` when it knows there are none)."""
    indicators = framework_indicators(candidate) if indicators is None else indicators
    rounds = list(monitoring_rounds(candidate)) if rounds is None else rounds
    totals = []
    for monitoring_round in rounds:
        values = {score.indicator_id: score.value for score in monitoring_round.scores.all()}
        total, components = _weighted_total(values, indicators)
        totals.append(RoundTotal(monitoring_round, total, len(values), components))
    components = []
    for indicator in indicators:
        if indicator.component not in components:
            components.append(indicator.component)
    charts = (
        [
            _chart(
                component,
                [(t.monitoring_round.number, t.components.get(component.pk, Decimal("0"))) for t in totals],
                len(totals),
            )
            for component in components
        ]
        if totals
        else []
    )
    own = submitted_self_scores(candidate.pk) if submitted is None else submitted
    self_values = {
        indicator_id: score.value for indicator_id, score in own.items() if score.value is not None
    }
    self_total = _weighted_total(self_values, indicators)[0] if self_values else None
    comparison = []
    if totals and own:
        last = {score.indicator_id: score.value for score in rounds[-1].scores.all()}
        for indicator in indicators:
            self_value = self_values.get(indicator.pk)
            round_value = last.get(indicator.pk)
            comparison.append(
                {
                    "indicator": indicator,
                    "self": self_value,
                    "round": round_value,
                    "difference": None
                    if self_value is None or round_value is None
                    else round_value - self_value,
                }
            )
    return MonitoringTrend(
        candidate=candidate,
        rounds=totals,
        charts=charts,
        pass_mark=candidate.programme_year.pass_mark,
        self_total=self_total,
        comparison=comparison,
    )


# Recommendations.


def recommendations_for(candidate: Candidate) -> QuerySet[Recommendation]:
    """The candidacy's own recommendations and those still open from the region's earlier years (carried
    over), earliest due first."""
    return (
        Recommendation.objects.filter(
            Q(candidate=candidate)
            | Q(
                candidate__region_id=candidate.region_id,
                candidate__programme_year__year__lt=candidate.programme_year.year,
                status__in=RECOMMENDATION_OPEN_STATUSES,
            )
        )
        .select_related("indicator", "candidate__programme_year", "monitoring_round")
        .order_by("due_on", "pk")
    )


def _open_items() -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(status__in=RECOMMENDATION_OPEN_STATUSES)


def open_recommendations(region_ids) -> QuerySet[Recommendation]:
    """The items not done of the given regions, whatever their year: the monitoring of pilots and the
    score report list them."""
    return (
        _open_items()
        .filter(candidate__region_id__in=region_ids)
        .select_related("indicator", "candidate__programme_year", "candidate__region")
        .order_by("due_on", "pk")
    )


def with_follow_up(regions: QuerySet[Region]) -> QuerySet[Region]:
    """``regions`` with ``has_open_recommendations`` and ``has_documents_to_revise``: whether
    ``due_recommendations`` and ``documents_to_revise`` have anything to list, read in the regions' own
    query, so that the inspector's home reads those lists only when they have (issue 14)."""
    return regions.annotate(
        has_open_recommendations=Exists(_open_items().filter(candidate__region_id=OuterRef("pk"))),
        has_documents_to_revise=Exists(_revision_documents(OuterRef("pk"))),
    )


def due_recommendations(region_id: int, today: date, within_days: int = 30) -> list[Recommendation]:
    """The inspector's home: the open items of the region, the overdue and the soon due first, with only
    what the home shows of them (issue 14: the rows' other columns were half the cost of the query)."""
    items = list(
        open_recommendations([region_id])
        .select_related(None)
        .select_related("indicator", "candidate__programme_year")
        .only("text", "agency", "due_on", "status", "indicator__code", "candidate__programme_year__name")
    )
    for item in items:
        item.days_left = (item.due_on - today).days
    return items


# Documents to revise (the inspector's overview).


def documents_to_revise(region_id: int) -> list[Document]:
    """Every document of the region whose current version the assessors asked to revise, with the
    assessor's note, newest request first (one query), with only what the inspector's home shows."""
    return list(
        _revision_documents(region_id)
        .select_related("current_version__reviewed_by", "candidate__programme_year")
        .only(
            "title",
            "current_version__number",
            "current_version__review_note",
            "current_version__reviewed_at",
            "current_version__reviewed_by__name",
            "current_version__reviewed_by__username",
            "candidate__programme_year__name",
        )
        .order_by("-current_version__reviewed_at", "-pk")
    )


def _revision_documents(region) -> QuerySet[Document]:
    """The documents of ``region`` (a key or an ``OuterRef``) whose current version the assessors asked to
    revise."""
    return Document.objects.filter(
        candidate__region_id=region, current_version__review_status=EvidenceStatus.REVISION
    )


def objection_of(candidate: Candidate) -> Objection | None:
    assessment = candidate_assessment(candidate)
    if assessment is None:
        return None
    return (
        Objection.objects.filter(plenary__assessment=assessment)
        .select_related("filed_by")
        .prefetch_related("points__indicator", "points__files", "points__answered_by")
        .first()
    )


def open_objection_window(candidate: Candidate, today: date):
    """The objection window while it is open and the region has not objected yet, else None."""
    from assessments.models import Plenary
    from assessments.services.objections import objection_window

    plenary = (
        Plenary.objects.filter(assessment__candidate=candidate)
        .select_related("assessment__candidate")
        .first()
    )
    if plenary is None or Objection.objects.filter(plenary=plenary).exists():
        return None
    window = objection_window(plenary)
    return window if window is not None and window.is_open(today) else None
