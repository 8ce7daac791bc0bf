"""Reading the plenary (rapat pleno): its inputs and result, the page's rows, the final review.

Only reads: a page that shows a plenary never creates one (``plenary_of`` answers an unsaved plenary when
none exists yet). The numbers come from ``assessments.services.results`` (pure functions): while the
plenary is open they are computed live; once it is finalised, from what finalising froze.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from accounts.models import User
from antikorupsi.compiled import Columns, compiled_query, instances, names, prefetched
from assessments.enums import (
    AnnouncementKind,
    EvidenceStatus,
    IndicatorSource,
    PlenaryPrefill,
    Stage,
    SubmissionStatus,
)
from assessments.models import (
    Announcement,
    Assessment,
    Candidate,
    Framework,
    Indicator,
    Plenary,
    PlenaryAttendee,
    PlenaryScore,
    ProgrammeYear,
    Score,
    Team,
)
from assessments.queries.evidence import document_links
from assessments.queries.programme import TeamPerson, framework_indicators, team_people
from assessments.rules import may_see_colleague_scores
from assessments.services.results import (
    Band,
    CriterionFeed,
    IndicatorInput,
    Result,
    compute_result,
    thaw_bands,
    thaw_inputs,
    with_criterion_value,
)
from regions.enums import Stage as CriterionStage
from regions.enums import ValueStatus
from regions.models import CriterionValue, Province, Region
from regions.services.screening import screen_region

_PLENARY_ASSESSMENT = (Columns(Assessment), Columns(Team, "team"), Columns(Framework, "framework"))
_PLENARY = Columns(Plenary, "plenary")
_PLENARY_CANDIDATE = (
    Columns(Candidate),
    Columns(Region, "region"),
    Columns(Province, "region__province"),
    Columns(ProgrammeYear, "programme_year"),
)


@compiled_query
def _assessment_with_plenary(p):
    columns = (*_PLENARY_ASSESSMENT, _PLENARY)
    return Assessment.objects.filter(pk=p.pk).values_list(*names(*columns))


@compiled_query
def _candidate_with_region(p):
    return Candidate.objects.filter(pk=p.pk).values_list(*names(*_PLENARY_CANDIDATE))


def plenary_assessment(pk: int) -> Assessment | None:
    """The assessment of the plenary pages, with what they show of it: its team, framework and plenary in
    one query, its candidate with the region, province and programme year in a second, each compiled once
    (``antikorupsi.compiled``). Two queries of four tables rather than one of eight: PostgreSQL spends
    more time planning a join of eight tables (1,5 ms, every request) than reading both (issue 14)."""
    rows = _assessment_with_plenary(pk=pk)
    if not rows:
        return None
    assessment, team, framework = instances(rows[0], *_PLENARY_ASSESSMENT)
    assessment.team, assessment.framework = team, framework
    plenary_at = sum(map(len, _PLENARY_ASSESSMENT))
    if rows[0][plenary_at] is None:  # none recorded yet: ``plenary_of`` answers an unsaved one
        Assessment.plenary.related.set_cached_value(assessment, None)
    else:
        assessment.plenary = _PLENARY.instance(rows[0], plenary_at)
    candidate, region, province, programme_year = instances(
        _candidate_with_region(pk=assessment.candidate_id)[0], *_PLENARY_CANDIDATE
    )
    region.province, candidate.region, candidate.programme_year = province, region, programme_year
    assessment.candidate = candidate
    return assessment


def plenary_of(assessment: Assessment) -> Plenary:
    """The assessment's plenary, or an unsaved open one when nobody has recorded anything yet (reading a
    page creates no row; ``assessments.services.plenary.plenary_for`` creates it on the first write). It
    keeps the caller's ``assessment`` instead of reading it again, and reads nothing when the assessment was
    read with ``select_related("plenary")``."""
    try:
        plenary = assessment.plenary
    except Plenary.DoesNotExist:
        plenary = Plenary(assessment=assessment)
    plenary.assessment = assessment
    return plenary


def read_minutes(plenary: Plenary) -> None:
    """Read into ``plenary`` what its page shows of it: the agreed scores, the attendance and, once it is
    finalised, the announcements (published only then, and a plenary with one cannot be reopened). Nothing
    while it is unsaved. The agreed scores unordered: every reader looks them up by indicator; the
    attendance in its order without the models' leading ``plenary``, which costs more to compile than to
    sort rows that all share it. Three queries, compiled once (``antikorupsi.compiled``)."""
    if plenary.pk is None:
        return
    prefetched(plenary, "scores", [_AGREED.instance(row) for row in _agreed_scores(plenary=plenary.pk)])
    prefetched(plenary, "attendees", [_ATTENDEE.instance(row) for row in _attendees(plenary=plenary.pk)])
    if plenary.is_finalised:
        prefetched(
            plenary,
            "announcements",
            [_ANNOUNCEMENT.instance(row) for row in _announcements(plenary=plenary.pk)],
        )


_AGREED, _ATTENDEE, _ANNOUNCEMENT = Columns(PlenaryScore), Columns(PlenaryAttendee), Columns(Announcement)


@compiled_query
def _agreed_scores(p):
    return PlenaryScore.objects.filter(plenary=p.plenary).order_by().values_list(*_AGREED.names)


@compiled_query
def _attendees(p):
    return (
        PlenaryAttendee.objects.filter(plenary=p.plenary)
        .order_by("order", "pk")
        .values_list(*_ATTENDEE.names)
    )


@compiled_query
def _announcements(p):
    return Announcement.objects.filter(plenary=p.plenary).order_by().values_list(*_ANNOUNCEMENT.names)


def announcements_by_kind(plenary: Plenary) -> dict[str, Announcement]:
    """The plenary's announcements by kind (none before it is finalised; see ``read_minutes``)."""
    if plenary.pk is None or not plenary.is_finalised:
        return {}
    return {announcement.kind: announcement for announcement in plenary.announcements.all()}


def agreed_scores(plenary: Plenary) -> list[PlenaryScore]:
    return [] if plenary.pk is None else list(plenary.scores.all())


@compiled_query
def _fed_value(p):
    return (
        CriterionValue.objects.filter(
            region_id=p.region, criterion=p.criterion, data_year__lte=p.year, score__isnull=False
        )
        .order_by("-data_year")
        .values_list("score", "data_year", "status")[:1]
    )


def fed_value(assessment: Assessment, criterion: str) -> tuple[Decimal, int, str] | None:
    """The value feeding an indicator, as (score, data year, status): the region's value of the criterion for
    the programme year's own data year (e.g. the MCSP 2025 running value for Percontohan 2025), else the
    newest one before it. The three fields alone: the value's other columns are never shown here."""
    rows = _fed_value(
        region=assessment.candidate.region_id,
        criterion=criterion,
        year=assessment.candidate.programme_year.year,
    )
    return rows[0] if rows else None


def live_inputs(plenary: Plenary, indicators: Sequence[Indicator] | None = None) -> list[IndicatorInput]:
    """The inputs as they stand now: the agreed scores and the current criterion values."""
    assessment = plenary.assessment
    indicators = framework_indicators(assessment.framework) if indicators is None else indicators
    agreed = {score.indicator_id: score.value for score in agreed_scores(plenary)}
    values: dict[str, tuple[Decimal, int, str] | None] = {}
    inputs = []
    for indicator in indicators:
        feed = None
        if indicator.source == IndicatorSource.CRITERION:
            if indicator.criterion not in values:
                values[indicator.criterion] = fed_value(assessment, indicator.criterion)
            value = values[indicator.criterion]
            if value is not None:
                score, data_year, status = value
                feed = CriterionFeed(
                    criterion=indicator.criterion,
                    value=score,
                    data_year=data_year,
                    status=status,
                    mappings=tuple((band.min_value, band.score) for band in indicator.value_mappings.all()),
                )
        inputs.append(
            IndicatorInput(
                code=indicator.code,
                name=indicator.name,
                component_order=indicator.component.order,
                component_name=indicator.component.name,
                weight=indicator.weight,
                max_score=indicator.max_score,
                score=agreed.get(indicator.pk) if feed is None else None,
                feed=feed,
            )
        )
    return inputs


def bands_of(plenary: Plenary) -> list[Band]:
    year = plenary.assessment.candidate.programme_year
    return [Band(band.name, band.min_score, band.max_score) for band in year.predicate_bands.all()]


def criteria_hold(assessment: Assessment) -> bool:
    """Whether the region still meets the criteria of its programme year's catalogue that decide designation
    (screening service)."""
    return screen_region(
        assessment.candidate.region,
        assessment.candidate.programme_year.year,
        stage=CriterionStage.DESIGNATION,
    ).eligible


def frozen_result(plenary: Plenary, frozen_inputs: Sequence[dict] | None = None) -> Result:
    """The result recomputed from what finalising froze: the plenary's own inputs, or an announcement's
    (frozen the same way, e.g. with the final MCP/MCSP value), with the frozen bands, pass mark and
    criteria."""
    return compute_result(
        thaw_inputs(plenary.frozen_inputs if frozen_inputs is None else frozen_inputs),
        pass_mark=plenary.frozen_pass_mark,
        bands=thaw_bands(plenary.frozen_bands),
        criteria_hold=bool(plenary.criteria_hold),
    )


def final_announcement(plenary: Plenary) -> Announcement | None:
    """The plenary's final announcement, once published (from ``plenary.announcements``, prefetched or
    not)."""
    if plenary.pk is None or not plenary.is_finalised:
        return None
    return next((a for a in plenary.announcements.all() if a.kind == AnnouncementKind.FINAL), None)


def plenary_result(plenary: Plenary, inputs: Sequence[IndicatorInput] | None = None) -> Result:
    """The one current result: the final announcement's once published (the frozen numbers with the final
    MCP/MCSP value), else the frozen one once the plenary is finalised, else live while it is open (from
    ``inputs`` when the caller already gathered them with ``live_inputs``)."""
    final = final_announcement(plenary)
    if final is not None and final.inputs:
        return frozen_result(plenary, final.inputs)
    if plenary.is_finalised and plenary.frozen_inputs:
        return frozen_result(plenary)
    return compute_result(
        live_inputs(plenary) if inputs is None else inputs,
        pass_mark=plenary.assessment.candidate.programme_year.pass_mark,
        bands=bands_of(plenary),
        criteria_hold=criteria_hold(plenary.assessment),
    )


def published_announcement(plenary: Plenary) -> Announcement | None:
    """The announcement that states the plenary's result publicly: the final one once published, else the
    provisional one (from ``plenary.announcements``, prefetched by list pages)."""
    if plenary.pk is None:
        return None
    announcements = {announcement.kind: announcement for announcement in plenary.announcements.all()}
    return announcements.get(AnnouncementKind.FINAL) or announcements.get(AnnouncementKind.PROVISIONAL)


# The plenary page's rows.


@dataclass
class AssessorLine:
    """One assessor's scores of one indicator, one cell per stage (None: not submitted or not scored)."""

    name: str
    institution: str
    values: list[Decimal | None]


@dataclass
class PlenaryRow:
    indicator: Indicator
    lines: list[AssessorLine] = field(default_factory=list)  # empty when the viewer may not see them
    stage_rows: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)  # stage x assessor
    mean: Decimal | None = None
    median: Decimal | None = None
    spread: Decimal | None = None
    agreed: PlenaryScore | None = None
    feed: CriterionFeed | None = None
    evidence: list[str] = field(default_factory=list)  # review status labels of the linked documents

    @property
    def values(self) -> list[Decimal]:
        return [value for line in self.lines for value in line.values if value is not None]

    def prefill(self, how: str) -> Decimal | None:
        """The figure that prefills the agreed score: the median or the mean (``PlenaryPrefill``)."""
        return self.mean if how == PlenaryPrefill.MEAN else self.median

    def departs(self, threshold: Decimal) -> bool:
        """Whether the assessors disagree by more than ``threshold`` (the page's filter)."""
        return self.spread is not None and self.spread > threshold


@dataclass
class PlenarySheet:
    rows: list[PlenaryRow]
    result: Result
    scores_visible: bool  # whether the viewer may see the assessors' scores (``may_see_colleague_scores``)
    stages: list[tuple[str, str]]  # (value, label) of the four stages, the grid's rows
    assessors: list[tuple[str, str]]  # (name, institution) of the grid's columns, in every row's order


def plenary_sheet(plenary: Plenary, viewer, people: Sequence[TeamPerson] | None = None) -> PlenarySheet:
    """The plenary page for ``viewer``: its rows and its result, from one reading of the framework, the
    agreed scores and the criterion values; the assessors' scores (and their mean, median, spread and the
    disagreement order) only when ``viewer`` may see them. A constant number of queries; ``people``: the
    team as the page read it (``queries.programme.team_people``), which names the assessors."""
    indicators = framework_indicators(plenary.assessment.framework)
    inputs = live_inputs(plenary, indicators)
    visible = may_see_colleague_scores(viewer, plenary.assessment)
    rows = plenary_rows(plenary, indicators, inputs, with_scores=visible, people=people)
    assessors = [(line.name, line.institution) for line in rows[0].lines] if rows else []
    return PlenarySheet(rows, plenary_result(plenary, inputs), visible, list(Stage.choices), assessors)


def plenary_rows(
    plenary: Plenary,
    indicators: Sequence[Indicator],
    inputs: Sequence[IndicatorInput],
    *,
    with_scores: bool,
    people: Sequence[TeamPerson] | None = None,
) -> list[PlenaryRow]:
    """One row per indicator (``inputs`` are its ``live_inputs``): with ``with_scores``, every submitted
    score per assessor and stage, mean, median, spread (max - min), sorted by disagreement (largest spread
    first, the criterion-fed indicators last); without, in the framework's order. Always the agreed score
    and the evidence status. ``people``: the team as the page read it (``team_people``), else read here
    when the scores are shown."""
    assessment = plenary.assessment
    rows = {indicator.pk: PlenaryRow(indicator=indicator) for indicator in indicators}
    if with_scores:
        stage_index = {value: index for index, value in enumerate(Stage.values)}
        # Plain tuples, not model instances: 7 assessors x 4 stages x 19 indicators are 532 scores, and
        # building a score, its submission, its assessor and its stage for each cost more than the page.
        # Unordered and without the assessors, whom the team's people name and order (the user's join
        # and the sort of every score by name cost 0,45 ms).
        scores = [score for score in _submitted_scores(assessment=assessment.pk) if score[0] in rows]
        # (name, institution) of every assessor who submitted anything, in the grid's column order.
        assessors = _assessors(assessment, {score[3] for score in scores}, people)
        # Every row has one line per assessor who submitted anything, in the same order (the grid's
        # columns).
        lines = {
            (indicator_id, assessor_id): AssessorLine(
                name=name, institution=institution, values=[None] * len(stage_index)
            )
            for indicator_id in rows
            for assessor_id, (name, institution) in assessors.items()
        }
        for (indicator_id, _assessor), line in lines.items():
            rows[indicator_id].lines.append(line)
        for indicator_id, value, stage, assessor_id in scores:
            lines[(indicator_id, assessor_id)].values[stage_index[stage]] = value
        labels = Stage.labels
        for row in rows.values():
            row.stage_rows = [
                (label, [line.values[index] for line in row.lines]) for index, label in enumerate(labels)
            ]
    for agreed in agreed_scores(plenary):
        if agreed.indicator_id in rows:
            rows[agreed.indicator_id].agreed = agreed
    for indicator_input, indicator in zip(inputs, indicators, strict=True):
        rows[indicator.pk].feed = indicator_input.feed
    for status, indicator_ids in _evidence_statuses(assessment).items():
        for indicator_id in indicator_ids:
            if indicator_id in rows:
                rows[indicator_id].evidence.append(status)
    for row in rows.values():
        values = row.values
        if values:
            row.mean = (sum(values, Decimal("0")) / len(values)).quantize(Decimal("0.01"))
            row.median = Decimal(statistics.median(values)).quantize(Decimal("0.01"))
            row.spread = max(values) - min(values)
    if not with_scores:
        return sorted(rows.values(), key=lambda row: (row.feed is not None, row.indicator.order))
    return sorted(
        rows.values(),
        key=lambda row: (row.feed is not None, -(row.spread or Decimal("-1")), row.indicator.order),
    )


@compiled_query
def _submitted_scores(p):
    return (
        Score.objects.filter(
            submission__stage__assessment_id=p.assessment,
            submission__status=SubmissionStatus.SUBMITTED,
            value__isnull=False,
        )
        .order_by()
        .values_list("indicator_id", "value", "submission__stage__stage", "submission__assessor_id")
    )


def _assessors(
    assessment: Assessment, submitted: set[int], people: Sequence[TeamPerson] | None
) -> dict[int, tuple[str, str]]:
    """(name, institution) of the assessors in ``submitted`` by user id, in the grid's column order (name,
    then user id): from the team's ``people``, or read when one of them is not on the team (the services
    refuse to take a member off once she has scored, so only after changes behind them)."""
    institutions = dict(User._meta.get_field("institution").flatchoices)
    people = team_people(assessment) if people is None else people
    found = [
        (person.user_id, person.name, person.username, person.institution)
        for person in people
        if person.user_id in submitted
    ]
    if len(found) < len(submitted):
        found = list(
            User.objects.filter(pk__in=submitted)
            .order_by("name", "pk")
            .values_list("pk", "name", "username", "institution")
        )
    return {
        user_id: (name or username, str(institutions.get(institution, institution)) if institution else "")
        for user_id, name, username, institution in found
    }


def _evidence_statuses(assessment: Assessment) -> dict[str, list[int]]:
    """Review status label -> indicator ids of the candidacy's evidence documents, in the documents' order
    (title): one query on the document-indicator links, without building the documents."""
    labels = dict(EvidenceStatus.choices)
    by_status: dict[str, list[int]] = defaultdict(list)
    for indicator_id, *_document, status in document_links(candidate=assessment.candidate_id):
        by_status[labels[EvidenceStatus.WAITING if status is None else status]].append(indicator_id)
    return by_status


def submitted_values(assessment: Assessment, indicator: Indicator) -> list[Decimal]:
    """Every submitted assessor score of one indicator (all stages)."""
    return list(
        Score.objects.filter(
            submission__stage__assessment=assessment,
            submission__status=SubmissionStatus.SUBMITTED,
            indicator=indicator,
            value__isnull=False,
        ).values_list("value", flat=True)
    )


def assessor_notes(assessment: Assessment, indicator: Indicator) -> list[Score]:
    """The assessors' submitted notes on one indicator, by stage and assessor (for readers who may see the
    assessors' scores)."""
    return list(
        Score.objects.filter(
            submission__stage__assessment=assessment,
            submission__status=SubmissionStatus.SUBMITTED,
            indicator=indicator,
        )
        .exclude(note="")
        .select_related("submission__assessor", "submission__stage")
        .order_by("submission__stage__pk", "submission__assessor__name")
    )


# The final review before the final announcement.


@dataclass
class FinalReview:
    """The provisional result beside the one recomputed from the frozen numbers with the final value."""

    provisional: Result
    final: Result | None
    provisional_feeds: list[CriterionFeed]
    final_feeds: list[CriterionFeed]

    @property
    def ready(self) -> bool:
        return self.final is not None

    @property
    def difference(self) -> Decimal | None:
        return None if self.final is None else self.final.total - self.provisional.total

    @property
    def is_lower(self) -> bool:
        return self.final is not None and self.final.total < self.provisional.total

    @property
    def value_is_lower(self) -> bool:
        return any(
            final.value < provisional.value
            for provisional, final in zip(self.provisional_feeds, self.final_feeds, strict=False)
        )


def final_review(plenary: Plenary) -> FinalReview:
    """Recompute the frozen result with the final value of every criterion feeding an indicator; ``final``
    is None while any of them has no final value yet."""
    inputs = thaw_inputs(plenary.frozen_inputs)
    pass_mark, bands = plenary.frozen_pass_mark, thaw_bands(plenary.frozen_bands)
    provisional = frozen_result(plenary)
    feeds = [indicator.feed for indicator in inputs if indicator.feed is not None]
    final_inputs, final_feeds = inputs, []
    for feed in feeds:
        value = CriterionValue.objects.filter(
            region_id=plenary.assessment.candidate.region_id,
            criterion=feed.criterion,
            data_year=feed.data_year,
            status=ValueStatus.FINAL,
        ).first()
        if value is None:
            return FinalReview(provisional, None, feeds, [])
        final_inputs = with_criterion_value(
            final_inputs,
            criterion=feed.criterion,
            value=value.score,
            data_year=value.data_year,
            status=value.status,
        )
        final_feeds.append(
            CriterionFeed(feed.criterion, value.score, value.data_year, value.status, feed.mappings)
        )
    final = compute_result(
        final_inputs, pass_mark=pass_mark, bands=bands, criteria_hold=criteria_hold(plenary.assessment)
    )
    return FinalReview(provisional, final, feeds, final_feeds)
