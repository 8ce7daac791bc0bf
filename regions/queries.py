"""Reusable reads of the regions app: the screening table with its filters, a region's criteria, and the
criteria catalogue of a year compared with another's."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, DecimalField, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from regions.enums import CasePosition, CriterionKind, Outcome, RegionKind, Stage
from regions.models import Criterion, CriterionValue, LegalCase, Province, Region, ScreeningVersion
from regions.services.screening import RegionScreening, RegionVerdict, screen_regions, screen_verdicts

# How long a year's screening stays cached at most (``screening_key``): it is keyed by the data version and
# the catalogue, so this only bounds how long a change made outside the services (a shell, SQL) could go
# unseen. The format is raised when what is cached, or how it is worked out, changes.
SCREENING_CACHE_SECONDS = 15 * 60
SCREENING_CACHE_FORMAT = 1

SORTS = {
    "kode": lambda verdict: verdict.code,
    "nama": lambda verdict: verdict.full_name,
    "provinsi": lambda verdict: (verdict.province, verdict.code),
    "layak": lambda verdict: (not verdict.eligible, verdict.problems, verdict.code),
}
# The parameters that narrow the regions (``filtered_regions``).
REGION_FILTERS = ("q", "provinsi", "jenis")


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


def screening_key(programme_year: int, *, stage: str, catalogue: list[Criterion]) -> str | None:
    """What a cached screening of the year is keyed by (one query): the data version (``ScreeningVersion``,
    raised after every committed change of regions, values and cases), the programme year, the step and the
    catalogue's content. None inside a transaction, which may see changes not committed yet: nothing is
    cached or read from the cache there."""
    if connection.in_atomic_block:
        return None
    fingerprint = repr(
        (
            SCREENING_CACHE_FORMAT,
            programme_year,
            stage,
            ScreeningVersion.objects.current(),
            [(criterion.pk, criterion.snapshot()) for criterion in catalogue],
        )
    )
    return "regions.screening." + hashlib.sha256(fingerprint.encode()).hexdigest()


def province_choices(key: str | None) -> list[tuple[str, str]]:
    """(code, name) of every province by code, for a filter (one query), cached under ``key``
    (``screening_key``: region imports raise its version; None: not cached)."""
    provinces = cache.get(f"{key}.provinces") if key else None
    if provinces is None:
        provinces = list(Province.objects.order_by("code").values_list("code", "name"))
        if key:
            cache.set(f"{key}.provinces", provinces, SCREENING_CACHE_SECONDS)
    return provinces


def region_counts(key: str | None) -> tuple[int, int]:
    """How many provinces and regencies/cities there are (one query), cached under ``key``
    (``screening_key``: region imports raise its version; None: not cached)."""
    counts = cache.get(f"{key}.region_counts") if key else None
    if counts is None:
        # Both counts in one query: every region belongs to a province (a required key), and the left
        # join keeps the provinces without one.
        totals = Province.objects.aggregate(provinces=Count("pk", distinct=True), regions=Count("regions"))
        counts = (totals["provinces"], totals["regions"])
        if key:
            cache.set(f"{key}.region_counts", counts, SCREENING_CACHE_SECONDS)
    return counts


def year_verdicts(
    programme_year: int, *, stage: str, catalogue: list[Criterion], key: str | None
) -> list[RegionVerdict]:
    """Every region's verdict (``screen_verdicts``, four queries), cached under ``key``
    (``screening_key``; None: not cached)."""
    verdicts = cache.get(f"{key}.verdicts") if key else None
    if verdicts is None:
        verdicts = screen_verdicts(programme_year, stage=stage, catalogue=catalogue)
        if key:
            cache.set(f"{key}.verdicts", verdicts, SCREENING_CACHE_SECONDS)
    return verdicts


def screening_verdicts(
    programme_year: int, params, *, catalogue: list[Criterion], key: str | None
) -> list[RegionVerdict]:
    """The verdicts of the regions matching the page's filters, sorted (``year_verdicts``, and a query for
    the regions matching the search, province or kind when one is asked for)."""
    verdicts = year_verdicts(programme_year, stage=stage_from(params), catalogue=catalogue, key=key)
    if any(params.get(name) for name in REGION_FILTERS):
        matching = set(filtered_regions(params).values_list("pk", flat=True))
        verdicts = [verdict for verdict in verdicts if verdict.region_id in matching]
    if params.get("layak") == "ya":
        verdicts = [verdict for verdict in verdicts if verdict.eligible]
    elif params.get("layak") == "tidak":
        verdicts = [verdict for verdict in verdicts if not verdict.eligible]
    codes = [criterion.code for criterion in catalogue]
    if (failing := params.get("gagal")) in codes:
        index = codes.index(failing)
        verdicts = [verdict for verdict in verdicts if verdict.outcomes[index] == Outcome.FAIL]
    if params.get("kurang") == "1":
        verdicts = [verdict for verdict in verdicts if verdict.has_missing]
    sort = params.get("urut", "kode")
    key = SORTS.get(sort.lstrip("-"), SORTS["kode"])
    return sorted(verdicts, key=key, reverse=sort.startswith("-"))


def screenings_of(
    verdicts: list[RegionVerdict], programme_year: int, *, stage: str, catalogue: list[Criterion]
) -> list[RegionScreening]:
    """The full screenings of the verdicts' regions, in their order (three queries)."""
    regions = Region.objects.select_related("province").in_bulk([verdict.region_id for verdict in verdicts])
    return screen_regions(
        programme_year,
        [regions[verdict.region_id] for verdict in verdicts if verdict.region_id in regions],
        stage=stage,
        catalogue=catalogue,
    )


def screening_table(
    programme_year: int, params, *, catalogue: list[Criterion] | None = None
) -> list[RegionScreening]:
    """The full screening of the regions matching the page's filters, sorted (the export)."""
    if catalogue is None:
        catalogue = Criterion.objects.for_year(programme_year)
    key = screening_key(programme_year, stage=stage_from(params), catalogue=catalogue)
    verdicts = screening_verdicts(programme_year, params, catalogue=catalogue, key=key)
    return screenings_of(verdicts, programme_year, stage=stage_from(params), catalogue=catalogue)


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
