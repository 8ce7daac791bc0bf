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
from datetime import date
from functools import lru_cache

from django.db.models import QuerySet
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regions.enums import (
    DISQUALIFYING_POSITIONS,
    CaseStage,
    Criterion,
    OmbudsmanCategory,
    Outcome,
    ValueStatus,
    grade_rank,
)
from regions.models import DEFAULT_RULES, CriterionValue, LegalCase, Region, Rule, ScreeningRule

CRITERIA_ORDER: list[str] = list(Criterion.values)


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
    values: list[CriterionValue] = field(default_factory=list)  # the values used, newest data year first
    cases: list[LegalCase] = field(default_factory=list)  # kasus: the open disqualifying cases

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.PASS

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def summary(self) -> str:
        """One line for a tooltip: value, data year(s), status and source."""
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


def screen_regions(programme_year: int, regions: Iterable[Region] | None = None) -> list[RegionScreening]:
    """Screen the regions (all of them, by code, when None) in four queries at most."""
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
    years = {year for rule in rules.values() for year in rule.data_years(programme_year)}
    by_key: dict[tuple[int, str, int], CriterionValue] = {
        (value.region_id, value.criterion, value.data_year): value
        for value in values.filter(data_year__in=years)
    }
    open_cases: dict[int, list[LegalCase]] = defaultdict(list)
    for case in cases.exclude(stage=CaseStage.SELESAI).filter(position__in=DISQUALIFYING_POSITIONS):
        open_cases[case.region_id].append(case)
    return [
        RegionScreening(
            region=region,
            programme_year=programme_year,
            results={
                criterion: (
                    _screen_cases(rule, open_cases.get(region.pk, []))
                    if criterion == Criterion.KASUS
                    else _screen_values(
                        rule,
                        [
                            by_key.get((region.pk, criterion, year))
                            for year in rule.data_years(programme_year)
                        ],
                        rule.data_years(programme_year),
                    )
                )
                for criterion, rule in rules.items()
            },
        )
        for region in region_list
    ]


def ombudsman_category(value: CriterionValue | None, bands) -> str:
    """The Ombudsman category of a value: its published category, or its score put in the year's bands."""
    if value is None:
        return ""
    if value.grade:
        return value.grade
    for category, lowest in zip(OmbudsmanCategory.values, bands, strict=False):
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


def _label(criterion: str) -> str:
    return str(Criterion(criterion).label)


def _threshold(rule: Rule) -> str:
    """threshold_label, computed once per rule and language (it formats numbers, which is slow in bulk)."""
    return _cached_threshold(rule, get_language() or "")


@lru_cache(maxsize=256)
def _cached_threshold(rule: Rule, language: str) -> str:
    return threshold_label(rule)


def _passes(rule: Rule, value: CriterionValue) -> bool:
    if rule.criterion == Criterion.OMBUDSMAN:
        category = ombudsman_category(value, rule.bands)
        return grade_rank(rule.criterion, category) <= grade_rank(rule.criterion, rule.min_grade)
    if rule.min_grade:
        return grade_rank(rule.criterion, value.grade) <= grade_rank(rule.criterion, rule.min_grade)
    return value.score >= rule.min_score


def _display(rule: Rule, value: CriterionValue) -> str:
    """The value as shown in the table, formatted like ``CriterionValue.display_value`` but without a
    format lookup per value (the screening formats thousands of them)."""
    if value.score is None:
        return value.grade
    score = f"{value.score:.2f}".replace(".", _decimal_separator(get_language() or ""))
    if rule.criterion == Criterion.OMBUDSMAN and not value.grade:
        return f"{score} ({ombudsman_category(value, rule.bands)})"
    return f"{score} / {value.grade}" if value.grade else score


@lru_cache(maxsize=16)
def _decimal_separator(language: str) -> str:
    return get_format("DECIMAL_SEPARATOR")


@lru_cache(maxsize=16)
def _status_labels(language: str) -> dict[str, str]:
    return {value: str(label) for value, label in ValueStatus.choices}


def _screen_values(rule: Rule, values: list[CriterionValue | None], years: list[int]) -> CriterionResult:
    present = [value for value in values if value is not None]
    if any(not _passes(rule, value) for value in present):
        outcome = Outcome.FAIL
    elif len(present) < len(values):
        outcome = Outcome.MISSING
    else:
        outcome = Outcome.PASS
    if len(years) == 1:
        shown = _display(rule, present[0]) if present else ""
    else:
        shown = ", ".join(f"{_display(rule, value)} {value.data_year}" for value in present)
    newest = present[0] if present else None
    return CriterionResult(
        criterion=rule.criterion,
        label=_label(rule.criterion),
        outcome=outcome,
        value=shown,
        data_years=years,
        source="; ".join(dict.fromkeys(value.source for value in present if value.source)),
        source_url=next((value.source_url for value in present if value.source_url), ""),
        status=_status_labels(get_language() or "")[newest.status] if newest else "",
        as_of=newest.as_of if newest else None,
        threshold=_threshold(rule),
        values=present,
    )


def _screen_cases(rule: Rule, cases: list[LegalCase]) -> CriterionResult:
    cases = sorted(cases, key=lambda case: (case.started_on, case.pk), reverse=True)
    return CriterionResult(
        criterion=Criterion.KASUS,
        label=_label(Criterion.KASUS),
        outcome=Outcome.FAIL if cases else Outcome.PASS,
        value=(
            "; ".join(
                f"{case.person_name} ({case.get_position_display()}, {case.get_stage_display()}, "
                f"{case.get_handler_display()})"
                for case in cases
            )
            if cases
            else _("tidak ada kasus terbuka")
        ),
        source="; ".join(dict.fromkeys(case.source for case in cases if case.source)),
        threshold=_threshold(rule),
        cases=cases,
    )
