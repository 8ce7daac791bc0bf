"""The screening page counts, filters and sorts every region by its verdict (``screen_verdicts``: outcomes
from a lean read of the values) and builds the full screening (``screen_regions``) only for the rows it
shows: both must agree on every region, whatever the values, cases, catalogue and step."""

import random
from datetime import date
from decimal import Decimal

import pytest

from regions.enums import (
    CaseHandler,
    CasePosition,
    CaseStage,
    CriterionKind,
    Gate,
    RegionKind,
    Stage,
    ValueStatus,
)
from regions.models import Criterion, CriterionValue, Region
from regions.queries import screening_table, screening_verdicts
from regions.services.catalogue import add_criterion, create_catalogue, set_criterion
from regions.services.screening import screen_regions, screen_verdicts
from tests.factories import ProvinceFactory, RegionFactory
from tests.regions.factories import CriterionValueFactory, LegalCaseFactory

pytestmark = pytest.mark.django_db

# What a value of each kind may be: passing, failing, on a boundary, or unreadable on the year's scale.
SCORES = [
    "0",
    "2.59",
    "2.6",
    "3",
    "4.99",
    "54",
    "67.99",
    "68",
    "74.99",
    "75",
    "77.99",
    "78",
    "88",
    "90",
    "100",
]
GRADES = {
    "sakip": ["AA", "A", "BB", "B", "CC", "C", "D", "Z"],
    "ombudsman": ["A", "B", "C", "D", "E", "Z"],
    "bpk": ["WTP", "WDP", "TW", "TMP", "Z"],
    "desa": ["Ya", "Tidak", "Z"],
}
PASSING = {
    "mcp": {"score": Decimal("90")},
    "spi": {"score": Decimal("90")},
    "sakip": {"score": None, "grade": "A"},
    "ombudsman": {"score": Decimal("88")},
    "spip": {"score": Decimal("4")},
    "spbe": {"score": Decimal("4")},
    "bpk": {"score": None, "grade": "WTP"},
    "desa": {"score": None, "grade": "Ya"},
    "opd": {"score": Decimal("10")},
}


def varied_regions(count: int) -> list[Region]:
    """Regions in two provinces with every kind of value, gap and case, drawn with a fixed seed."""
    draw = random.Random(14)
    values = []
    provinces = [ProvinceFactory(code="35", name="Jawa Timur"), ProvinceFactory(code="11", name="Aceh")]
    regions = []
    for index in range(count):
        region = RegionFactory(
            province=provinces[index % 2],
            code=f"{provinces[index % 2].code}.{index + 10:02d}",
            name=f"Uji {draw.choice('ZABM')}{index}",
            kind=RegionKind.KOTA if index % 3 == 0 else RegionKind.KABUPATEN,
        )
        regions.append(region)
        if index % 4 == 0:  # one region in four meets every criterion of both years
            for code, fields in PASSING.items():
                for year in (2022, 2023, 2024, 2025, 2026):
                    values.append(
                        CriterionValueFactory.build(region=region, criterion=code, data_year=year, **fields)
                    )
            continue
        for code in ("mcp", "spi", "sakip", "ombudsman", "spip", "spbe", "bpk", "desa", "opd"):
            for year in (2022, 2023, 2024, 2025, 2026):
                roll = draw.random()
                if roll < 0.15:
                    continue  # missing
                if code in GRADES and not (code == "ombudsman" and roll < 0.4):
                    fields = {"score": None, "grade": draw.choice(GRADES[code])}
                elif code == "sakip" and roll < 0.2:
                    fields = {"score": Decimal("80"), "grade": ""}  # a score on an unbanded grade
                elif code == "opd":
                    fields = {"score": Decimal(draw.randint(0, 12)), "grade": ""}
                else:
                    fields = {"score": Decimal(draw.choice(SCORES)), "grade": ""}
                values.append(
                    CriterionValueFactory.build(
                        region=region,
                        criterion=code,
                        data_year=year,
                        status=draw.choice([ValueStatus.FINAL, ValueStatus.PROVISIONAL]),
                        source=draw.choice(["", "Sumber A", "Sumber B"]),
                        **fields,
                    )
                )
        for _ in range(draw.choice([0, 0, 1, 2])):
            LegalCaseFactory(
                region=region,
                position=draw.choice(CasePosition.values),
                stage=draw.choice(CaseStage.values),
                handler=draw.choice(CaseHandler.values),
                started_on=date(2024, draw.randint(1, 12), draw.randint(1, 28)),
            )
    CriterionValue.objects.bulk_create(values)
    return regions


def a_catalogue_of_every_kind() -> None:
    """2027: the default criteria with designation thresholds, steps of their own, a missing value that
    does not fail, other data years; a yes/no criterion and a count; only some positions for cases."""
    create_catalogue(programme_year=2027, by=None)
    set_criterion(programme_year=2027, code="mcp", values={"designation_min_score": Decimal("90")}, by=None)
    set_criterion(
        programme_year=2027,
        code="sakip",
        values={"designation_min_grade": "A", "gate": Gate.DESIGNATION},
        by=None,
    )
    set_criterion(programme_year=2027, code="ombudsman", values={"missing_fails": False}, by=None)
    set_criterion(
        programme_year=2027, code="spbe", values={"gate": Gate.CANDIDACY, "data_year_lag": 2}, by=None
    )
    set_criterion(programme_year=2027, code="bpk", values={"years_required": 3}, by=None)
    set_criterion(
        programme_year=2027,
        code="kasus",
        values={"positions": [CasePosition.KEPALA_DAERAH, CasePosition.SEKRETARIS_DAERAH]},
        by=None,
    )
    add_criterion(
        programme_year=2027,
        code="desa",
        values={"name": "Desa Antikorupsi", "publisher": "KPK", "kind": CriterionKind.YES_NO},
        by=None,
    )
    add_criterion(
        programme_year=2027,
        code="opd",
        values={
            "name": "OPD berintegritas",
            "publisher": "KPK",
            "kind": CriterionKind.COUNT,
            "min_score": Decimal("5"),
            "designation_min_score": Decimal("8"),
            "missing_fails": False,
        },
        by=None,
    )


@pytest.mark.parametrize("stage", [Stage.CANDIDACY, Stage.DESIGNATION])
@pytest.mark.parametrize("programme_year", [2026, 2027])
def test_every_regions_verdict_is_its_full_screening(programme_year, stage):
    varied_regions(60)
    a_catalogue_of_every_kind()
    catalogue = Criterion.objects.for_year(programme_year)

    verdicts = screen_verdicts(programme_year, stage=stage, catalogue=catalogue)
    screenings = screen_regions(programme_year, stage=stage, catalogue=catalogue)

    assert [
        (
            verdict.region_id,
            verdict.code,
            verdict.full_name,
            verdict.province,
            verdict.outcomes,
            verdict.eligible,
            verdict.problems,
            verdict.has_missing,
        )
        for verdict in verdicts
    ] == [
        (
            screening.region.pk,
            screening.region.code,
            screening.region.full_name,
            screening.region.province.name,
            tuple(result.outcome for result in screening.results.values()),
            screening.eligible,
            len(screening.problems()),
            screening.has_missing,
        )
        for screening in screenings
    ]
    # The data are varied enough to try every outcome and both verdicts.
    outcomes = {outcome for verdict in verdicts for outcome in verdict.outcomes}
    assert outcomes == {"pass", "fail", "missing"}
    assert {verdict.eligible for verdict in verdicts} == {True, False}
    assert len({verdict.problems for verdict in verdicts}) > 3


def test_the_verdicts_of_some_regions_are_theirs(django_assert_num_queries):
    regions = varied_regions(12)
    catalogue = Criterion.objects.for_year(2026)
    some = sorted(regions[1::3], key=lambda region: region.code)

    with django_assert_num_queries(3):  # the regions, the values, the open cases
        verdicts = screen_verdicts(
            2026, Region.objects.filter(pk__in=[region.pk for region in some]), catalogue=catalogue
        )

    everything = {verdict.region_id: verdict for verdict in screen_verdicts(2026, catalogue=catalogue)}
    assert verdicts == [everything[region.pk] for region in some]
    assert len(everything) == 12


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"layak": "ya"},
        {"layak": "tidak", "urut": "nama"},
        {"gagal": "mcp", "urut": "-provinsi"},
        {"gagal": "kasus"},
        {"kurang": "1", "urut": "layak"},
        {"urut": "-layak"},
        {"provinsi": "11", "urut": "-nama"},
        {"q": "uji z", "tahap": Stage.DESIGNATION},
        {"jenis": "kota"},
        {"q": "35.1", "layak": "tidak", "tahap": Stage.DESIGNATION, "urut": "layak"},
    ],
)
def test_the_page_and_the_export_filter_and_sort_the_full_screening_as_before(params):
    """The filters and sorts as they were written on the full screenings (issue 3), against the verdicts'
    and the export's (``screening_table``)."""
    varied_regions(40)
    catalogue = Criterion.objects.for_year(2026)
    stage = Stage.DESIGNATION if params.get("tahap") == Stage.DESIGNATION else Stage.CANDIDACY
    screenings = screen_regions(2026, stage=stage, catalogue=catalogue)
    query = params.get("q", "").lower()
    screenings = [
        s
        for s in screenings
        if (not query or s.region.code.startswith(query) or query in s.region.full_name.lower())
        and params.get("provinsi") in (None, s.region.province.code)
        and params.get("jenis") in (None, s.region.kind)
        and {"ya": s.eligible, "tidak": not s.eligible}.get(params.get("layak"), True)
        and (not params.get("gagal") or s.results[params["gagal"]].outcome == "fail")
        and (not params.get("kurang") or s.has_missing)
    ]
    sorts = {
        "kode": lambda s: s.region.code,
        "nama": lambda s: s.region.full_name,
        "provinsi": lambda s: (s.region.province.name, s.region.code),
        "layak": lambda s: (not s.eligible, len(s.problems()), s.region.code),
    }
    sort = params.get("urut", "kode")
    expected = [
        s.region.code for s in sorted(screenings, key=sorts[sort.lstrip("-")], reverse=sort.startswith("-"))
    ]
    assert expected  # each case shows some regions

    verdicts = screening_verdicts(2026, params, catalogue=catalogue, key=None)
    table = screening_table(2026, params, catalogue=catalogue)

    assert [verdict.code for verdict in verdicts] == expected
    assert [screening.region.code for screening in table] == expected
    assert [screening.eligible for screening in table] == [verdict.eligible for verdict in verdicts]
