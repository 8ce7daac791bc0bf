"""Reusable reads of the regions app: the screening table with its filters, and a region's criteria."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from regions.enums import NUMERIC_SCALES, Criterion, Outcome, RegionKind
from regions.models import CriterionValue, LegalCase, Region
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


def screening_table(programme_year: int, params) -> list[RegionScreening]:
    """The screening of the regions matching the page's filters, sorted (four queries)."""
    screenings = screen_regions(programme_year, filtered_regions(params))
    if params.get("layak") == "ya":
        screenings = [s for s in screenings if s.eligible]
    elif params.get("layak") == "tidak":
        screenings = [s for s in screenings if not s.eligible]
    if (failing := params.get("gagal")) in Criterion.values:
        screenings = [s for s in screenings if s.results[failing].outcome == Outcome.FAIL]
    if params.get("kurang") == "1":
        screenings = [s for s in screenings if s.has_missing]
    sort = params.get("urut", "kode")
    key = SORTS.get(sort.lstrip("-"), SORTS["kode"])
    return sorted(screenings, key=key, reverse=sort.startswith("-"))


@dataclass
class CriterionHistory:
    criterion: str
    label: str
    values: list[CriterionValue]  # oldest data year first
    chart: list[dict]  # for numeric criteria: bars with their height in percent


def region_criteria(region: Region) -> tuple[list[CriterionHistory], list[LegalCase]]:
    """Each criterion's values over the years (with a bar chart for numeric scales) and the legal cases."""
    by_criterion: dict[str, list[CriterionValue]] = defaultdict(list)
    for value in (
        CriterionValue.objects.filter(region=region).select_related("entered_by").order_by("data_year")
    ):
        by_criterion[value.criterion].append(value)
    histories = []
    for criterion in Criterion.values:
        if criterion == Criterion.KASUS:
            continue
        values = by_criterion.get(criterion, [])
        top = NUMERIC_SCALES.get(criterion, 100)
        chart = [
            {"value": value, "height": float(value.score) / top * 100}
            for value in values
            if value.score is not None
        ]
        histories.append(CriterionHistory(criterion, Criterion(criterion).label, values, chart))
    cases = list(LegalCase.objects.filter(region=region))
    return histories, cases
