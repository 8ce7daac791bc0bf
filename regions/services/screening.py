"""Screening: every region against the criteria catalogue of a programme year.

This is the interface the assessments app uses when a candidate is screened or designated:

- ``screen_region(region, programme_year, stage=...)`` -> ``RegionScreening``
- ``screen_regions(programme_year, regions=None, stage=...)`` -> ``list[RegionScreening]`` in a constant
  number of queries, whatever the number of regions and criteria (all regions when ``regions`` is None).
- ``screen_verdicts(programme_year, regions=None, stage=...)`` -> ``list[RegionVerdict]``: only each
  criterion's outcome and the verdict, for pages that count, filter and sort every region but show a few
  (the screening page).

The catalogue (``Criterion.objects.for_year``) says which criteria there are, how each value is read and
which step each decides: a screening for candidacy (the screening page) or for designation (the designation
letter, the monitoring of candidates and pilots). Every criterion of the catalogue has a result; only those
that decide the screened step count for ``eligible``. A missing value is "missing", never a pass; it blocks
unless the criterion says a missing value does not fail.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, lru_cache, reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regions.enums import CaseHandler, CasePosition, CaseStage, CriterionKind, Outcome, Stage, ValueStatus
from regions.models import Criterion, CriterionValue, LegalCase, Region
from regions.models.criteria import ValueFields

# The outcomes as plain strings (what ``Outcome``'s members equal): thousands are worked out per screening,
# and the verdicts are cached.
PASS, FAIL, MISSING = Outcome.PASS.value, Outcome.FAIL.value, Outcome.MISSING.value


class ScreenedValue(NamedTuple):
    """The fields of a ``CriterionValue`` the screening reads, loaded as a plain row: building thousands
    of model instances was most of the screening's time. It reads like the model for what the screening,
    its templates and the monitoring use (``pk``, the value fields, ``display_value()``,
    ``get_status_display()``)."""

    pk: int
    region_id: int
    criterion: str
    data_year: int
    score: Decimal | None
    grade: str
    status: str
    as_of: date | None
    source: str
    source_url: str
    entered_at: datetime

    display_value = ValueFields.display_value

    @property
    def id(self) -> int:
        return self.pk

    def get_status_display(self) -> str:
        return str(ValueStatus(self.status).label)


@dataclass
class CriterionResult:
    criterion: str  # the criterion's code
    label: str
    outcome: str  # Outcome: "pass", "fail" or "missing"
    value: str = ""  # the value(s) in Indonesian format, e.g. "74,99" or "WTP 2025, WDP 2024"
    data_years: list[int] = field(default_factory=list)
    source: str = ""
    source_url: str = ""
    status: str = ""  # "Sementara"/"Akhir" of the newest value used, "" when none
    as_of: date | None = None
    threshold: str = ""  # the rule, readable, e.g. "≥ 75,00"
    values: list[ScreenedValue] = field(default_factory=list)  # the values used, newest data year first
    cases: list[LegalCase] = field(default_factory=list)  # cases criteria: the open disqualifying cases
    kind: str = CriterionKind.SCORE
    publisher: str = ""
    counts: bool = True  # whether the criterion decides the screened step
    missing_fails: bool = True

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.PASS

    @property
    def blocks(self) -> bool:
        """Whether this result keeps the region from the screened step."""
        if not self.counts or self.outcome == Outcome.PASS:
            return False
        return self.outcome == Outcome.FAIL or self.missing_fails

    @property
    def is_cases(self) -> bool:
        return self.kind == CriterionKind.CASES

    @property
    def outcome_label(self) -> str:
        return _texts(get_language())[self.outcome]

    @cached_property
    def summary(self) -> str:
        """One line for a tooltip: value, data year(s), status and source (worked out once: a table cell
        uses it twice)."""
        texts = _texts(get_language())
        parts = [self.label]
        if self.value:
            parts.append(self.value)
        if self.data_years:
            parts.append(texts["data_years"] % ", ".join(str(year) for year in self.data_years))
        if self.status:
            parts.append(self.status)
        if self.source:
            parts.append(texts["source"] % self.source)
        if self.threshold:
            parts.append(texts["threshold"] % self.threshold)
        if not self.counts:
            parts.append(texts["not_counted"])
        elif self.outcome == Outcome.MISSING and not self.missing_fails:
            parts.append(texts["missing_ok"])
        return " · ".join(parts)


@lru_cache(maxsize=16)
def _texts(language: str | None) -> dict[str, str]:
    """The fixed words of a result's summary and the outcome labels, translated once per language: a
    screening page shows 400 results, and a translation looked up per result was a tenth of the page."""
    return {
        "data_years": _("tahun data %s"),
        "source": _("sumber: %s"),
        "threshold": _("syarat: %s"),
        "not_counted": _("tidak menentukan tahap ini"),
        "missing_ok": _("data tidak ada tidak menggugurkan"),
        **{value: str(label) for value, label in Outcome.choices},
    }


@dataclass
class RegionScreening:
    region: Region
    programme_year: int
    results: dict[str, CriterionResult]
    stage: str = Stage.CANDIDACY

    @property
    def eligible(self) -> bool:
        return not any(result.blocks for result in self.results.values())

    def problems(self) -> list[CriterionResult]:
        """The results that keep the region from the screened step, in catalogue order."""
        return [result for result in self.results.values() if result.blocks]

    @property
    def has_missing(self) -> bool:
        return any(result.counts and result.outcome == Outcome.MISSING for result in self.results.values())

    def open_cases(self) -> list[LegalCase]:
        """The open disqualifying cases of every cases criterion (each case once)."""
        seen: dict[int, LegalCase] = {}
        for result in self.results.values():
            for case in result.cases:
                seen.setdefault(case.pk, case)
        return list(seen.values())


def screen_region(region: Region, programme_year: int, *, stage: str = Stage.CANDIDACY) -> RegionScreening:
    return screen_regions(programme_year, [region], stage=stage)[0]


# The columns of a CriterionValue the screening loads, in ScreenedValue's order.
VALUE_COLUMNS = (
    "pk",
    "region_id",
    "criterion",
    "data_year",
    "score",
    "grade",
    "status",
    "as_of",
    "source",
    "source_url",
    "entered_at",
)


def screen_regions(
    programme_year: int,
    regions: Iterable[Region] | None = None,
    *,
    stage: str = Stage.CANDIDACY,
    catalogue: list[Criterion] | None = None,
) -> list[RegionScreening]:
    """Screen the regions (all of them, by code, when None) in four queries at most: the catalogue (unless
    given), the regions, the values, the open cases.

    Only the values of each criterion's data years are loaded, as plain rows; labels, thresholds and
    formats are worked out once per call, not once per region."""
    if catalogue is None:
        catalogue = Criterion.objects.for_year(programme_year)
    if regions is None:
        region_list = list(Region.objects.select_related("province"))
        values = CriterionValue.objects.all()
        cases = LegalCase.objects.all()
    elif isinstance(regions, QuerySet):
        region_list = list(regions)
        values = CriterionValue.objects.filter(region__in=regions.values("pk"))
        cases = LegalCase.objects.filter(region__in=regions.values("pk"))
    else:
        region_list = list(regions)
        ids = [region.pk for region in region_list]
        values = CriterionValue.objects.filter(region_id__in=ids)
        cases = LegalCase.objects.filter(region_id__in=ids)
    screens = [
        (_CaseScreen if criterion.is_cases else _CriterionScreen)(criterion, programme_year, stage)
        for criterion in catalogue
    ]
    value_screens = [screen for screen in screens if isinstance(screen, _CriterionScreen)]
    case_screens = [screen for screen in screens if isinstance(screen, _CaseScreen)]
    by_key: dict[tuple[int, str, int], ScreenedValue] = {}
    if value_screens and region_list:
        by_key = {
            (value.region_id, value.criterion, value.data_year): value
            for value in map(
                ScreenedValue._make,
                values.filter(_wanted(value_screens)).order_by().values_list(*VALUE_COLUMNS),
            )
        }
    open_cases: dict[int, list[LegalCase]] = defaultdict(list)
    if case_screens and region_list:
        positions = {position for screen in case_screens for position in screen.positions}
        for case in cases.exclude(stage=CaseStage.SELESAI).filter(position__in=positions).order_by():
            open_cases[case.region_id].append(case)
    screenings = []
    for region in region_list:
        pk = region.pk
        results = {}
        for screen in screens:
            if isinstance(screen, _CaseScreen):
                results[screen.code] = screen.result(open_cases.get(pk, []))
            else:
                results[screen.code] = screen.result(
                    [by_key.get((pk, screen.code, year)) for year in screen.years]
                )
        screenings.append(
            RegionScreening(region=region, programme_year=programme_year, results=results, stage=stage)
        )
    return screenings


class RegionVerdict(NamedTuple):
    """A region's screening reduced to what a page counts, filters and sorts by: the outcome of each
    criterion and the verdict, without values, sources or summaries (``screen_verdicts``). The screening
    page works out verdicts for every region and full ``RegionScreening``s only for the rows it shows; a
    test holds both to the same outcomes for every region."""

    region_id: int
    code: str
    full_name: str
    province: str  # the province's name
    outcomes: tuple[str, ...]  # each criterion's Outcome, in catalogue order
    eligible: bool
    problems: int  # how many results keep the region from the screened step (``len(problems())``)
    has_missing: bool


def screen_verdicts(
    programme_year: int,
    regions: QuerySet[Region] | None = None,
    *,
    stage: str = Stage.CANDIDACY,
    catalogue: list[Criterion] | None = None,
) -> list[RegionVerdict]:
    """The verdict of each region (all of them when None), in the queryset's order (by code), in four
    queries at most like ``screen_regions`` but reading only the region's names and each value's score and
    grade as plain rows: no model instance, label or format."""
    if catalogue is None:
        catalogue = Criterion.objects.for_year(programme_year)
    every_region = regions is None
    if regions is None:
        regions = Region.objects.all()
    region_rows = list(regions.values_list("pk", "code", "full_name", "province__name"))
    screens = [
        (_CaseScreen if criterion.is_cases else _CriterionScreen)(criterion, programme_year, stage)
        for criterion in catalogue
    ]
    readings: dict[tuple[int, str, int], tuple[Decimal | None, str]] = {}
    value_screens = [screen for screen in screens if isinstance(screen, _CriterionScreen)]
    case_screens = [screen for screen in screens if isinstance(screen, _CaseScreen)]
    if value_screens and region_rows:
        values = CriterionValue.objects.filter(_wanted(value_screens)).order_by()
        if not every_region:
            values = values.filter(region__in=regions.values("pk"))
        readings = {
            (region_id, code, year): (score, grade)
            for region_id, code, year, score, grade in values.values_list(
                "region_id", "criterion", "data_year", "score", "grade"
            )
        }
    positions: dict[int, set[str]] = defaultdict(set)
    if case_screens and region_rows:
        cases = LegalCase.objects.exclude(stage=CaseStage.SELESAI).filter(
            position__in={position for screen in case_screens for position in screen.positions}
        )
        if not every_region:
            cases = cases.filter(region__in=regions.values("pk"))
        for region_id, position in cases.order_by().values_list("region_id", "position"):
            positions[region_id].add(position)
    verdicts = []
    for pk, code, full_name, province in region_rows:
        outcomes = []
        problems = 0
        has_missing = False
        for screen in screens:
            if isinstance(screen, _CaseScreen):
                outcome = screen.outcome(positions.get(pk, ()))
            else:
                outcome = screen.outcome([readings.get((pk, screen.code, year)) for year in screen.years])
            outcomes.append(outcome)
            if screen.blocks(outcome):
                problems += 1
            if screen.counts and outcome == MISSING:
                has_missing = True
        verdicts.append(
            RegionVerdict(pk, code, full_name, province, tuple(outcomes), not problems, problems, has_missing)
        )
    return verdicts


def _wanted(value_screens: list["_CriterionScreen"]) -> Q:
    """The values the screens read: each criterion's data years."""
    criteria_by_years: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for screen in value_screens:
        criteria_by_years[tuple(screen.years)].append(screen.code)
    return reduce(
        or_, (Q(criterion__in=codes, data_year__in=years) for years, codes in criteria_by_years.items())
    )


def threshold_stage(criterion: Criterion, stage: str) -> str:
    """The step whose threshold a criterion is judged by in a screening of ``stage``: that step when the
    criterion decides it, else the step it decides."""
    if criterion.gates(stage):
        return stage
    return Stage.DESIGNATION if stage == Stage.CANDIDACY else Stage.CANDIDACY


class _CriterionScreen:
    """One valued criterion for one screening call, with everything that does not depend on the region
    (data years, label, threshold, grade ranks, status labels, decimal separator) worked out once."""

    def __init__(self, criterion: Criterion, programme_year: int, stage: str):
        judged_by = threshold_stage(criterion, stage)
        self.criterion = criterion
        self.code = criterion.code
        self.kind = criterion.kind
        self.counts = criterion.gates(stage)
        self.years = criterion.data_years(programme_year)
        self.label = criterion.name
        self.threshold = criterion.threshold_label(judged_by)
        self.status_labels = {value: str(label) for value, label in ValueStatus.choices}
        self.separator = get_format("DECIMAL_SEPARATOR")
        self.ranks = {grade: rank for rank, grade in enumerate(criterion.grade_list)}
        self.min_score = criterion.min_score_for(judged_by)
        self.lowest_rank = self.ranks.get(criterion.min_grade_for(judged_by))
        self.banded = bool(criterion.grade_bands) and criterion.kind == CriterionKind.GRADE

    def grade_of(self, score: Decimal | None, grade: str) -> str:
        if grade:
            return grade
        if self.banded and score is not None:
            return self.criterion.grade_for_score(score)
        return ""

    def judge(self, score: Decimal | None, grade: str) -> str | None:
        """PASS or FAIL for a value's score and grade, or None when the value cannot be read on this year's
        scale (e.g. a grade the year's list does not have): it counts as missing."""
        if self.kind in (CriterionKind.SCORE, CriterionKind.COUNT):
            if score is None or self.min_score is None:
                return None
            return PASS if score >= self.min_score else FAIL
        rank = self.ranks.get(self.grade_of(score, grade))
        if rank is None or self.lowest_rank is None:
            return None
        return PASS if rank <= self.lowest_rank else FAIL

    def outcome(self, readings: Iterable[tuple[Decimal | None, str] | None]) -> str:
        """The outcome of the (score, grade) of each data year (None: no value): FAIL when a value fails,
        else MISSING when one is missing or unreadable, else PASS. The full result and the verdict both
        come from here."""
        missing = False
        for reading in readings:
            if reading is None:
                missing = True
                continue
            judged = self.judge(*reading)
            if judged == FAIL:
                return FAIL
            if judged is None:
                missing = True
        return MISSING if missing else PASS

    def blocks(self, outcome: str) -> bool:
        """Like ``CriterionResult.blocks``."""
        if not self.counts or outcome == PASS:
            return False
        return outcome == FAIL or self.criterion.missing_fails

    def display(self, value: ScreenedValue) -> str:
        """The value as shown in the table, formatted like ``CriterionValue.display_value`` but without a
        format lookup per value (the screening formats thousands of them)."""
        if value.score is None:
            return value.grade
        if self.kind == CriterionKind.COUNT:
            score = str(int(value.score))
        else:
            score = f"{value.score:.2f}".replace(".", self.separator)
        if self.banded and not value.grade:
            return f"{score} ({self.criterion.grade_for_score(value.score)})"
        return f"{score} / {value.grade}" if value.grade else score

    def result(self, values: list[ScreenedValue | None]) -> CriterionResult:
        present = [value for value in values if value is not None]
        outcome = self.outcome(None if value is None else (value.score, value.grade) for value in values)
        if len(self.years) == 1:
            shown = self.display(present[0]) if present else ""
        else:
            shown = ", ".join(f"{self.display(value)} {value.data_year}" for value in present)
        newest = present[0] if present else None
        return CriterionResult(
            criterion=self.code,
            label=self.label,
            outcome=outcome,
            value=shown,
            data_years=list(self.years),
            source="; ".join(dict.fromkeys(value.source for value in present if value.source)),
            source_url=next((value.source_url for value in present if value.source_url), ""),
            status=self.status_labels[newest.status] if newest else "",
            as_of=newest.as_of if newest else None,
            threshold=self.threshold,
            values=present,
            kind=self.kind,
            publisher=self.criterion.publisher,
            counts=self.counts,
            missing_fails=self.criterion.missing_fails,
        )


class _CaseScreen:
    """A legal-case criterion for one screening call."""

    def __init__(self, criterion: Criterion, programme_year: int, stage: str):
        self.criterion = criterion
        self.code = criterion.code
        self.counts = criterion.gates(stage)
        self.positions = set(criterion.positions)
        self.label = criterion.name
        self.threshold = criterion.threshold_label(stage)
        self.none_open = _("tidak ada kasus terbuka")
        # The choice labels, as LegalCase.get_<field>_display() gives them (it rebuilds the choices per call).
        self.labels = {
            choices: {value: str(label) for value, label in choices.choices}
            for choices in (CasePosition, CaseStage, CaseHandler)
        }

    def outcome(self, positions: Iterable[str]) -> str:
        """FAIL when one of the region's open cases is against one of the criterion's positions."""
        return FAIL if any(position in self.positions for position in positions) else PASS

    def blocks(self, outcome: str) -> bool:
        return self.counts and outcome == FAIL

    def result(self, cases: list[LegalCase]) -> CriterionResult:
        cases = sorted(
            (case for case in cases if case.position in self.positions),
            key=lambda case: (case.started_on, case.pk),
            reverse=True,
        )
        position, stage, handler = (
            self.labels[choices] for choices in (CasePosition, CaseStage, CaseHandler)
        )
        return CriterionResult(
            criterion=self.code,
            label=self.label,
            outcome=FAIL if cases else PASS,
            value=(
                "; ".join(
                    f"{case.person_name} ({position.get(case.position, case.position)}, "
                    f"{stage.get(case.stage, case.stage)}, {handler.get(case.handler, case.handler)})"
                    for case in cases
                )
                if cases
                else self.none_open
            ),
            source="; ".join(dict.fromkeys(case.source for case in cases if case.source)),
            threshold=self.threshold,
            cases=cases,
            kind=CriterionKind.CASES,
            publisher=self.criterion.publisher,
            counts=self.counts,
            missing_fails=True,
        )
