from decimal import Decimal

import pytest

from regions.defaults import DEFAULT_CATALOGUE
from regions.enums import CasePosition, CaseStage, Outcome
from regions.models import Criterion, CriterionValue
from regions.services.catalogue import set_criterion
from regions.services.screening import screen_region, screen_regions
from tests.factories import RegionFactory
from tests.regions.factories import (
    CriterionValueFactory,
    LegalCaseFactory,
    make_passing,
)

pytestmark = pytest.mark.django_db

CRITERIA_ORDER = [entry["code"] for entry in DEFAULT_CATALOGUE]


def outcome(region, criterion, year=2026):
    return screen_region(region, year).results[criterion].outcome


def test_a_region_with_every_criterion_met_is_eligible(kota_blitar):
    make_passing(kota_blitar)

    screening = screen_region(kota_blitar, 2026)

    assert list(screening.results) == CRITERIA_ORDER
    assert [r.outcome for r in screening.results.values()] == ["pass"] * 8
    assert screening.eligible is True
    assert screening.problems() == []


def test_a_region_without_values_is_missing_everything_but_cases(kota_blitar):
    screening = screen_region(kota_blitar, 2026)

    assert {c: r.outcome for c, r in screening.results.items()} == {
        "mcp": "missing",
        "spi": "missing",
        "sakip": "missing",
        "ombudsman": "missing",
        "spip": "missing",
        "spbe": "missing",
        "bpk": "missing",
        "kasus": "pass",
    }
    assert screening.eligible is False
    assert [p.criterion for p in screening.problems()] == CRITERIA_ORDER[:7]


@pytest.mark.parametrize(
    ("criterion", "score", "expected"),
    [
        ("mcp", "74.99", Outcome.FAIL),
        ("mcp", "75.00", Outcome.PASS),
        ("spi", "67.99", Outcome.FAIL),
        ("spi", "68.00", Outcome.PASS),
        ("spip", "2.99", Outcome.FAIL),
        ("spip", "3.00", Outcome.PASS),
        ("spbe", "2.59", Outcome.FAIL),
        ("spbe", "2.60", Outcome.PASS),
    ],
)
def test_numeric_thresholds_at_their_boundary(kota_blitar, criterion, score, expected):
    CriterionValueFactory(region=kota_blitar, criterion=criterion, data_year=2025, score=Decimal(score))

    assert outcome(kota_blitar, criterion) == expected


def test_the_value_is_shown_with_a_decimal_comma(kota_blitar):
    CriterionValueFactory(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("74.99"))

    result = screen_region(kota_blitar, 2026).results["mcp"]

    assert (result.value, result.data_years, result.threshold, result.label) == (
        "74,99",
        [2025],
        "≥ 75,00",
        "Nilai MCP/MCSP",
    )


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("AA", "pass"),
        ("A", "pass"),
        ("BB", "pass"),
        ("B", "pass"),
        ("CC", "fail"),
        ("C", "fail"),
        ("D", "fail"),
    ],
)
def test_sakip_b_or_better(kota_blitar, grade, expected):
    CriterionValueFactory(region=kota_blitar, criterion="sakip", data_year=2025, score=None, grade=grade)

    assert outcome(kota_blitar, "sakip") == expected


@pytest.mark.parametrize(("grade", "expected"), [("A", "pass"), ("B", "pass"), ("C", "fail"), ("E", "fail")])
def test_ombudsman_category_b_or_better(kota_blitar, grade, expected):
    CriterionValueFactory(region=kota_blitar, criterion="ombudsman", data_year=2025, score=None, grade=grade)

    assert outcome(kota_blitar, "ombudsman") == expected


@pytest.mark.parametrize(
    ("score", "category", "expected"),
    [("78.00", "B", "pass"), ("77.99", "C", "fail"), ("88.00", "A", "pass")],
)
def test_an_ombudsman_score_is_put_in_the_default_bands(kota_blitar, score, category, expected):
    CriterionValueFactory(region=kota_blitar, criterion="ombudsman", data_year=2025, score=Decimal(score))

    result = screen_region(kota_blitar, 2026).results["ombudsman"]

    assert (result.outcome, result.value) == (expected, f"{score.replace('.', ',')} ({category})")


def test_ombudsman_bands_are_set_per_programme_year(kota_blitar):
    set_criterion(
        programme_year=2026,
        code="ombudsman",
        values={"min_grade": "B", "grade_bands": ["90", "80", "70", "60"]},
        by=None,
    )
    CriterionValueFactory(region=kota_blitar, criterion="ombudsman", data_year=2025, score=Decimal("79"))

    assert screen_region(kota_blitar, 2026).results["ombudsman"].value == "79,00 (C)"
    assert outcome(kota_blitar, "ombudsman") == "fail"
    assert outcome(kota_blitar, "ombudsman", year=2027) == "missing"


@pytest.mark.parametrize(
    ("newer", "older", "expected"),
    [("WTP", "WTP", "pass"), ("WTP", "WDP", "fail"), ("WDP", "WTP", "fail"), ("WTP", None, "missing")],
)
def test_bpk_needs_wtp_in_each_of_the_last_two_data_years(kota_blitar, newer, older, expected):
    CriterionValueFactory(region=kota_blitar, criterion="bpk", data_year=2025, score=None, grade=newer)
    if older:
        CriterionValueFactory(region=kota_blitar, criterion="bpk", data_year=2024, score=None, grade=older)

    result = screen_region(kota_blitar, 2026).results["bpk"]

    assert (result.outcome, result.data_years) == (expected, [2025, 2024])


@pytest.mark.parametrize(
    ("position", "stage", "expected"),
    [
        (CasePosition.KEPALA_DAERAH, CaseStage.PENYELIDIKAN, "fail"),
        (CasePosition.WAKIL_KEPALA_DAERAH, CaseStage.PERSIDANGAN, "fail"),
        (CasePosition.SEKRETARIS_DAERAH, CaseStage.PENUNTUTAN, "fail"),
        (CasePosition.KEPALA_OPD, CaseStage.PENYIDIKAN, "fail"),
        (CasePosition.KEPALA_DAERAH, CaseStage.SELESAI, "pass"),
        (CasePosition.LAINNYA, CaseStage.PENYIDIKAN, "pass"),
    ],
)
def test_an_open_case_against_a_leader_fails_a_closed_one_does_not(kota_blitar, position, stage, expected):
    LegalCaseFactory(region=kota_blitar, position=position, stage=stage, person_name="Budi")

    assert outcome(kota_blitar, "kasus") == expected


def test_a_missing_value_is_never_a_pass_and_another_year_does_not_count(kota_blitar):
    CriterionValueFactory(region=kota_blitar, criterion="mcp", data_year=2024, score=Decimal("90"))

    assert outcome(kota_blitar, "mcp") == "missing"


def test_a_year_without_rules_screens_on_the_defaults_and_staff_rules_override_them(kota_blitar):
    CriterionValueFactory(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("76"))
    set_criterion(
        programme_year=2027, code="mcp", values={"min_score": Decimal("77"), "data_year_lag": 2}, by=None
    )

    assert Criterion.objects.for_year(2026)[0].min_score == Decimal("75")
    assert outcome(kota_blitar, "mcp", year=2026) == "pass"
    assert outcome(kota_blitar, "mcp", year=2027) == "fail"
    assert screen_region(kota_blitar, 2027).results["mcp"].data_years == [2025]


def test_screen_regions_takes_the_same_queries_for_one_region_and_for_many(django_assert_num_queries):
    regions = [RegionFactory() for _ in range(1)]
    for region in regions:
        make_passing(region)
    with django_assert_num_queries(4):
        assert len(screen_regions(2026)) == 1
    with django_assert_num_queries(3):
        assert len(screen_regions(2026, regions)) == 1

    for _ in range(30):
        region = RegionFactory()
        make_passing(region)
        LegalCaseFactory(region=region)
    with django_assert_num_queries(4):
        screenings = screen_regions(2026)
    assert [s.eligible for s in screenings].count(True) == 1
    assert CriterionValue.objects.count() == 31 * 8
