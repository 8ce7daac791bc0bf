"""Reusable reads of the regions app: the screening table with its filters, a region's criteria, and the
criteria catalogue of a year compared with another's."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from regions.enums import CasePosition, CriterionKind, Outcome, RegionKind, Stage
from regions.models import Criterion, CriterionValue, LegalCase, Region
from regions.services.screening import RegionScreening, screen_regions

SORTS = {
    "kode": lambda s: s.region.code,
    "nama": lambda s: s.region.full_name,
    "provinsi": lambda s: (s.region.province.name, s.region.code),
    "layak": lambda s: (not s.eligible, len(s.problems()), s.region.code),
}


def filtered_regions(params) -> QuerySet[Region]:
    """The regions matching the search (``q``: code prefix or name), ``provinsi`` and ``jenis`` of a page
    (the region list and the screening)."""
    regions = Region.objects.select_related("province")
    if query := params.get("q", "").strip():
        regions = regions.filter(Q(code__startswith=query) | Q(full_name__icontains=query))
    if province := params.get("provinsi"):
        regions = regions.filter(province__code=province)
    if params.get("jenis") in RegionKind.values:
        regions = regions.filter(kind=params["jenis"])
    return regions


def stage_from(params) -> str:
    """The step a screening page checks (``tahap``): candidacy unless designation is asked for."""
    return Stage.DESIGNATION if params.get("tahap") == Stage.DESIGNATION else Stage.CANDIDACY


def screening_table(
    programme_year: int, params, *, catalogue: list[Criterion] | None = None
) -> list[RegionScreening]:
    """The screening of the regions matching the page's filters, sorted (four queries, three when the
    catalogue is given)."""
    if catalogue is None:
        catalogue = Criterion.objects.for_year(programme_year)
    screenings = screen_regions(
        programme_year, filtered_regions(params), stage=stage_from(params), catalogue=catalogue
    )
    if params.get("layak") == "ya":
        screenings = [s for s in screenings if s.eligible]
    elif params.get("layak") == "tidak":
        screenings = [s for s in screenings if not s.eligible]
    if (failing := params.get("gagal")) in {criterion.code for criterion in catalogue}:
        screenings = [s for s in screenings if s.results[failing].outcome == Outcome.FAIL]
    if params.get("kurang") == "1":
        screenings = [s for s in screenings if s.has_missing]
    sort = params.get("urut", "kode")
    key = SORTS.get(sort.lstrip("-"), SORTS["kode"])
    return sorted(screenings, key=key, reverse=sort.startswith("-"))


@dataclass
class CriterionHistory:
    criterion: str  # the code
    label: str
    values: list[CriterionValue]  # oldest data year first
    chart: list[dict]  # for criteria with scores: bars with their height in percent
    in_catalogue: bool = True  # False: a criterion of another year's catalogue with values for this region


def region_criteria(
    region: Region, programme_year: int, *, catalogue: list[Criterion] | None = None
) -> tuple[list[CriterionHistory], list[LegalCase]]:
    """Each criterion's values over the years (with a bar chart on the scale of the programme year's
    catalogue) and the legal cases: the catalogue's criteria in its order, then any other criterion with
    values for the region (three queries, two when the catalogue is given)."""
    if catalogue is None:
        catalogue = Criterion.objects.for_year(programme_year)
    by_criterion: dict[str, list[CriterionValue]] = defaultdict(list)
    for value in (
        CriterionValue.objects.filter(region=region).select_related("entered_by").order_by("data_year")
    ):
        by_criterion[value.criterion].append(value)
    histories = []
    for criterion in catalogue:
        if criterion.is_cases:
            continue
        values = by_criterion.pop(criterion.code, [])
        top = criterion.chart_top
        if top is None and criterion.kind == CriterionKind.COUNT:
            top = max((value.score for value in values if value.score is not None), default=Decimal(1)) or 1
        chart = (
            [
                {"value": value, "height": min(float(value.score) / float(top) * 100, 100)}
                for value in values
                if value.score is not None
            ]
            if top
            else []
        )
        histories.append(CriterionHistory(criterion.code, criterion.name, values, chart))
    if by_criterion:
        names = Criterion.objects.known_codes()
        for code, values in sorted(by_criterion.items()):
            histories.append(CriterionHistory(code, names.get(code, code), values, [], in_catalogue=False))
    cases = list(LegalCase.objects.filter(region=region))
    return histories, cases


@dataclass
class CriterionChange:
    code: str
    name: str
    change: str  # "added", "removed" or "changed"
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)


def catalogue_diff(before: list[Criterion], after: list[Criterion]) -> list[CriterionChange]:
    """What changed from one catalogue to another: criteria added, removed, and each changed field."""
    old = {criterion.code: criterion for criterion in before}
    new = {criterion.code: criterion for criterion in after}
    changes = []
    for code, criterion in new.items():
        if code not in old:
            changes.append(CriterionChange(code, criterion.name, "added"))
            continue
        was, now = old[code].snapshot(), criterion.snapshot()
        fields = [
            (
                str(capfirst(Criterion._meta.get_field(name).verbose_name)),
                _shown(old[code], name, was[name]),
                _shown(criterion, name, now[name]),
            )
            for name in Criterion.COPIED_FIELDS
            if name not in ("code", "order") and was[name] != now[name]
        ]
        if fields:
            changes.append(CriterionChange(code, criterion.name, "changed", fields))
    for code, criterion in old.items():
        if code not in new:
            changes.append(CriterionChange(code, criterion.name, "removed"))
    return changes


def _shown(criterion: Criterion, name: str, value) -> str:
    """A snapshot field as staff read it (decimal comma, labels of choices)."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if name == "positions":
        labels = dict(CasePosition.choices)
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(value, list):
        return ", ".join(item.replace(".", ",") if name == "grade_bands" else item for item in value)
    model_field = Criterion._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if isinstance(model_field, DecimalField):
        return str(value).replace(".", ",")
    return str(value)
