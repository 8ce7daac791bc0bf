"""Screening: every region against the eight eligibility criteria of a programme year.

This is the interface the assessments app uses when a candidate is designated:

- ``screen_region(region, programme_year)`` -> ``RegionScreening``
- ``screen_regions(programme_year, regions=None)`` -> ``list[RegionScreening]`` in a constant number of
  queries, whatever the number of regions (all regions when ``regions`` is None).

A missing value is "missing", never a pass. Thresholds and data years come from the programme year's
``ScreeningRule`` rows, or ``DEFAULT_RULES`` for a criterion without one.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

from regions.enums import (
    DISQUALIFYING_POSITIONS,
    GRADE_SCALES,
    CaseHandler,
    CasePosition,
    CaseStage,
    Criterion,
    OmbudsmanCategory,
    Outcome,
    ValueStatus,
    grade_rank,
)
from regions.models import DEFAULT_RULES, CriterionValue, LegalCase, Region, Rule, ScreeningRule
from regions.models.criteria import ValueFields

CRITERIA_ORDER: list[str] = list(Criterion.values)
OMBUDSMAN_CATEGORIES: list[str] = list(OmbudsmanCategory.values)


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

    def get_criterion_display(self) -> str:
        return str(Criterion(self.criterion).label)


@dataclass
class CriterionResult:
    criterion: str
    label: str
    outcome: str  # Outcome: "pass", "fail" or "missing"
    value: str = ""  # the value(s) in Indonesian format, e.g. "74,99" or "WTP 2025, WDP 2024"
    data_years: list[int] = field(default_factory=list)
    source: str = ""
    source_url: str = ""
    status: str = ""  # "sementara"/"akhir" of the newest value used, "" when none
    as_of: date | None = None
    threshold: str = ""  # the rule, readable, e.g. "≥ 75,00"
    values: list[ScreenedValue] = field(default_factory=list)  # the values used, newest data year first
    cases: list[LegalCase] = field(default_factory=list)  # kasus: the open disqualifying cases

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.PASS

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label

    @cached_property
    def summary(self) -> str:
        """One line for a tooltip: value, data year(s), status and source (worked out once: a table cell
        uses it twice)."""
        parts = [self.label]
        if self.value:
            parts.append(self.value)
        if self.data_years and self.criterion != Criterion.KASUS:
            parts.append(_("tahun data %s") % ", ".join(str(year) for year in self.data_years))
        if self.status:
            parts.append(self.status)
        if self.source:
            parts.append(_("sumber: %s") % self.source)
        if self.threshold:
            parts.append(_("syarat: %s") % self.threshold)
        return " · ".join(parts)


@dataclass
class RegionScreening:
    region: Region
    programme_year: int
    results: dict[str, CriterionResult]

    @property
    def eligible(self) -> bool:
        return all(result.passed for result in self.results.values())

    def problems(self) -> list[CriterionResult]:
        return [result for result in self.results.values() if not result.passed]

    @property
    def has_missing(self) -> bool:
        return any(result.outcome == Outcome.MISSING for result in self.results.values())


def rules_for_year(programme_year: int) -> dict[str, Rule]:
    """The rule of each criterion for the programme year, in criterion order (one query)."""
    saved = {
        rule.criterion: rule.to_rule() for rule in ScreeningRule.objects.filter(programme_year=programme_year)
    }
    return {criterion: saved.get(criterion, DEFAULT_RULES[criterion]) for criterion in CRITERIA_ORDER}


def screen_region(region: Region, programme_year: int) -> RegionScreening:
    return screen_regions(programme_year, [region])[0]


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


def screen_regions(programme_year: int, regions: Iterable[Region] | None = None) -> list[RegionScreening]:
    """Screen the regions (all of them, by code, when None) in four queries at most.

    Only the values of each criterion's data years are loaded, as plain rows; labels, thresholds and
    formats are worked out once per call, not once per region."""
    rules = rules_for_year(programme_year)
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
    screens = {
        criterion: _CriterionScreen(rule, programme_year)
        for criterion, rule in rules.items()
        if criterion != Criterion.KASUS
    }
    criteria_by_years: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for criterion, screen in screens.items():
        criteria_by_years[tuple(screen.years)].append(criterion)
    wanted = reduce(
        or_,
        (Q(criterion__in=criteria, data_year__in=years) for years, criteria in criteria_by_years.items()),
    )
    by_key: dict[tuple[int, str, int], ScreenedValue] = {
        (value.region_id, value.criterion, value.data_year): value
        for value in map(
            ScreenedValue._make, values.filter(wanted).order_by().values_list(*VALUE_COLUMNS).iterator()
        )
    }
    open_cases: dict[int, list[LegalCase]] = defaultdict(list)
    for case in (
        cases.exclude(stage=CaseStage.SELESAI).filter(position__in=DISQUALIFYING_POSITIONS).order_by()
    ):
        open_cases[case.region_id].append(case)
    case_screen = _CaseScreen(rules[Criterion.KASUS])
    screenings = []
    for region in region_list:
        pk = region.pk
        results = {}
        for criterion in CRITERIA_ORDER:
            if criterion == Criterion.KASUS:
                results[criterion] = case_screen.result(open_cases.get(pk, []))
            else:
                screen = screens[criterion]
                results[criterion] = screen.result(
                    [by_key.get((pk, criterion, year)) for year in screen.years]
                )
        screenings.append(RegionScreening(region=region, programme_year=programme_year, results=results))
    return screenings


def ombudsman_category(value: CriterionValue | ScreenedValue | None, bands) -> str:
    """The Ombudsman category of a value: its published category, or its score put in the year's bands."""
    if value is None:
        return ""
    if value.grade:
        return value.grade
    for category, lowest in zip(OMBUDSMAN_CATEGORIES, bands, strict=False):
        if value.score >= lowest:
            return category
    return OmbudsmanCategory.E


def threshold_label(rule: Rule) -> str:
    if rule.criterion == Criterion.KASUS:
        return _("tidak ada kasus terbuka terhadap kepala daerah, wakil, sekda atau kepala OPD")
    if rule.min_score is not None and not rule.min_grade:
        return "≥ %s" % number_format(rule.min_score, 2)
    grade = (
        rule.min_grade
        if grade_rank(rule.criterion, rule.min_grade) == 0
        else _("%(grade)s atau lebih baik") % {"grade": rule.min_grade}
    )
    if rule.years_required > 1:
        return _("%(grade)s selama %(years)d tahun berturut-turut") % {
            "grade": grade,
            "years": rule.years_required,
        }
    return grade


class _CriterionScreen:
    """One valued criterion's rule for one screening call, with everything that does not depend on the
    region (data years, label, threshold, grade ranks, status labels, decimal separator) worked out once."""

    def __init__(self, rule: Rule, programme_year: int):
        self.rule = rule
        self.criterion = rule.criterion
        self.years = rule.data_years(programme_year)
        self.label = str(Criterion(rule.criterion).label)
        self.threshold = threshold_label(rule)
        self.status_labels = {value: str(label) for value, label in ValueStatus.choices}
        self.separator = get_format("DECIMAL_SEPARATOR")
        self.ranks = {grade: rank for rank, grade in enumerate(GRADE_SCALES.get(rule.criterion, []))}
        self.lowest_rank = self.ranks.get(rule.min_grade)

    def passes(self, value: ScreenedValue) -> bool:
        if self.criterion == Criterion.OMBUDSMAN:
            return self.ranks[ombudsman_category(value, self.rule.bands)] <= self.lowest_rank
        if self.rule.min_grade:
            return self.ranks[value.grade] <= self.lowest_rank
        return value.score >= self.rule.min_score

    def display(self, value: ScreenedValue) -> str:
        """The value as shown in the table, formatted like ``CriterionValue.display_value`` but without a
        format lookup per value (the screening formats thousands of them)."""
        if value.score is None:
            return value.grade
        score = f"{value.score:.2f}".replace(".", self.separator)
        if self.criterion == Criterion.OMBUDSMAN and not value.grade:
            return f"{score} ({ombudsman_category(value, self.rule.bands)})"
        return f"{score} / {value.grade}" if value.grade else score

    def result(self, values: list[ScreenedValue | None]) -> CriterionResult:
        present = [value for value in values if value is not None]
        if any(not self.passes(value) for value in present):
            outcome = Outcome.FAIL
        elif len(present) < len(values):
            outcome = Outcome.MISSING
        else:
            outcome = Outcome.PASS
        if len(self.years) == 1:
            shown = self.display(present[0]) if present else ""
        else:
            shown = ", ".join(f"{self.display(value)} {value.data_year}" for value in present)
        newest = present[0] if present else None
        return CriterionResult(
            criterion=self.criterion,
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
        )


class _CaseScreen:
    """The legal-case criterion for one screening call."""

    def __init__(self, rule: Rule):
        self.label = str(Criterion(Criterion.KASUS).label)
        self.threshold = threshold_label(rule)
        self.none_open = _("tidak ada kasus terbuka")
        # The choice labels, as LegalCase.get_<field>_display() gives them (it rebuilds the choices per call).
        self.labels = {
            choices: {value: str(label) for value, label in choices.choices}
            for choices in (CasePosition, CaseStage, CaseHandler)
        }

    def result(self, cases: list[LegalCase]) -> CriterionResult:
        cases = sorted(cases, key=lambda case: (case.started_on, case.pk), reverse=True)
        position, stage, handler = (
            self.labels[choices] for choices in (CasePosition, CaseStage, CaseHandler)
        )
        return CriterionResult(
            criterion=Criterion.KASUS,
            label=self.label,
            outcome=Outcome.FAIL if cases else Outcome.PASS,
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
        )
