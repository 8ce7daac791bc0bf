"""antikorupsi.compiled: a queryset compiled once per connection gives what the queryset gives, for every
call's values, and refuses what would make its SQL wrong for another call."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Exists, OuterRef

from antikorupsi.compiled import compiled_query, prefetched
from regions.models import CriterionValue, LegalCase
from tests.factories import RegionFactory
from tests.regions.factories import CriterionValueFactory, LegalCaseFactory

pytestmark = pytest.mark.django_db

VALUE_COLUMNS = ("region_id", "data_year", "score", "as_of", "entered_at", "has_case")


@compiled_query
def values_of(p):
    cases = LegalCase.objects.filter(region=OuterRef("region"))
    return (
        CriterionValue.objects.filter(region=p.region, criterion=p.criterion, data_year__lte=p.year)
        .annotate(has_case=Exists(cases))
        .order_by("data_year")
        .values_list(*VALUE_COLUMNS)
    )


@compiled_query
def years_of(p):
    return (
        CriterionValue.objects.filter(region=p.region)
        .order_by("-data_year")
        .values_list("data_year", flat=True)
    )


def as_queryset(region, criterion, year):
    cases = LegalCase.objects.filter(region=OuterRef("region"))
    return list(
        CriterionValue.objects.filter(region=region, criterion=criterion, data_year__lte=year)
        .annotate(has_case=Exists(cases))
        .order_by("data_year")
        .values_list(*VALUE_COLUMNS)
    )


def test_each_call_reads_with_its_own_values_converted_as_the_queryset_would(django_assert_num_queries):
    first, second = RegionFactory(), RegionFactory()
    entered = dt.datetime(2025, 3, 1, 2, 30, tzinfo=dt.UTC)
    for year, score in ((2023, "71.50"), (2024, "80.25"), (2025, "90.00")):
        CriterionValueFactory(
            region=first,
            data_year=year,
            score=Decimal(score),
            as_of=dt.date(year, 12, 31),
            entered_at=entered,
        )
    CriterionValueFactory(region=second, criterion="spi", data_year=2024, score=Decimal("66.10"))
    LegalCaseFactory(region=second)

    with django_assert_num_queries(1):
        rows = values_of(region=first.pk, criterion="mcp", year=2024)
    assert rows == [
        (first.pk, 2023, Decimal("71.50"), dt.date(2023, 12, 31), entered, False),
        (first.pk, 2024, Decimal("80.25"), dt.date(2024, 12, 31), entered, False),
    ]
    assert rows == as_queryset(first, "mcp", 2024)
    assert isinstance(rows[0][2], Decimal)
    assert rows[0][4].tzinfo is not None

    # The same SQL, another call's values: another region, criterion and year.
    with django_assert_num_queries(1):
        rows = values_of(region=second.pk, criterion="spi", year=2025)
    assert rows == as_queryset(second, "spi", 2025)
    assert values_of(region=second.pk, criterion="spi", year=2025)[0][2:3] == (Decimal("66.10"),)
    assert values_of(region=second.pk, criterion="spi", year=2025)[0][-1] is True
    assert values_of(region=second.pk, criterion="mcp", year=2025) == []
    assert years_of(region=first.pk) == [2025, 2024, 2023]


def test_a_call_must_give_the_parameters_it_was_compiled_with():
    region = RegionFactory()
    years_of(region=region.pk)
    with pytest.raises(TypeError, match=r"takes \['region'\], not \['province'\]"):
        years_of(province=region.province_id)
    with pytest.raises(TypeError, match=r"takes \['region'\], not \['region', 'year'\]"):
        years_of(region=region.pk, year=2025)


@pytest.mark.parametrize(
    ("build", "values", "error", "message"),
    [
        # A list for __in: its length is part of the SQL.
        (
            lambda p: CriterionValue.objects.filter(region__in=p.regions).values_list("pk"),
            {"regions": [1, 2]},
            TypeError,
            "is an int or a str, not",
        ),
        # None would be IS NULL, not a parameter.
        (
            lambda p: CriterionValue.objects.filter(as_of=p.day).values_list("pk"),
            {"day": None},
            TypeError,
            "is an int or a str, not None",
        ),
        # A search wraps the text in % signs: the value reaching the SQL is not the call's.
        (
            lambda p: CriterionValue.objects.filter(source__icontains=p.text).values_list("pk"),
            {"text": "BPK"},
            ValueError,
            "does not reach the SQL as itself: '%.x00compiled-query-parameter-32700%'",
        ),
        # Arithmetic on a parameter freezes the result.
        (
            lambda p: CriterionValue.objects.filter(data_year=p.year + 1).values_list("pk"),
            {"year": 2024},
            ValueError,
            "does not reach the SQL as itself: 32701",
        ),
        # A parameter the query never uses.
        (
            lambda p: CriterionValue.objects.values_list("pk"),
            {"year": 2024},
            ValueError,
            r"\['year'\]",
        ),
        # Model instances are built by the caller from rows.
        (
            lambda p: CriterionValue.objects.filter(data_year=p.year),
            {"year": 2024},
            TypeError,
            "returns a values_list",
        ),
    ],
)
def test_what_would_make_the_sql_wrong_for_another_call_is_refused(build, values, error, message):
    with pytest.raises(error, match=message):
        compiled_query(build)(**values)


def test_prefetched_objects_are_the_managers_and_a_further_filter_stays_with_its_instance(
    django_assert_num_queries,
):
    region, other = RegionFactory(), RegionFactory()
    mine = [CriterionValueFactory(region=region, data_year=year) for year in (2024, 2025)]
    CriterionValueFactory(region=other, data_year=2024)
    region = type(region).objects.get(pk=region.pk)
    read = [CriterionValue.objects.get(pk=value.pk) for value in mine]

    prefetched(region, "criterion_values", read)
    with django_assert_num_queries(0):
        assert list(region.criterion_values.all()) == mine
        assert all(value.region is region for value in region.criterion_values.all())
    # Anything asked beyond them is a query of this region's rows alone.
    with django_assert_num_queries(1):
        assert list(region.criterion_values.filter(data_year=2024)) == mine[:1]
