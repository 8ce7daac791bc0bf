import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from regions.enums import CaseHandler, CasePosition, CaseStage, ValueStatus
from regions.models import Criterion, CriterionValue, LegalCase
from regions.services.criteria import record_value
from tests.factories import RegionFactory


class CriterionValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriterionValue

    region = factory.SubFactory(RegionFactory)
    criterion = "mcp"
    data_year = 2025
    score = Decimal("80.00")
    grade = ""
    status = ValueStatus.FINAL
    source = "Contoh sumber"
    entered_at = factory.LazyFunction(timezone.now)


class LegalCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalCase

    region = factory.SubFactory(RegionFactory)
    person_name = factory.Sequence(lambda n: f"Orang {n}")
    position = CasePosition.KEPALA_OPD
    stage = CaseStage.PENYIDIKAN
    handler = CaseHandler.KPK
    started_on = dt.date(2025, 3, 1)
    entered_at = factory.LazyFunction(timezone.now)


# A value of each criterion that passes the default rules.
PASSING = {
    "mcp": {"score": Decimal("80")},
    "spi": {"score": Decimal("75")},
    "sakip": {"score": None, "grade": "A"},
    "ombudsman": {"score": None, "grade": "A"},
    "spip": {"score": Decimal("3.2")},
    "spbe": {"score": Decimal("3.1")},
    "bpk": {"score": None, "grade": "WTP"},
}


def passing_value(criterion: Criterion) -> dict:
    """A value that passes the criterion for candidacy and designation: the default one for the eight,
    else the best grade, Ya, or the top of the scale."""
    if criterion.code in PASSING:
        return PASSING[criterion.code]
    if criterion.grade_list:
        return {"score": None, "grade": criterion.grade_list[0]}
    top = criterion.scale_max
    if top is None:
        top = max(criterion.min_score or 0, criterion.designation_min_score or 0)
    return {"score": Decimal(top)}


def make_passing(region, programme_year: int = 2026, *, skip: tuple[str, ...] = ()) -> None:
    """Make the region meet every criterion for the programme year: a passing value for each criterion and
    data year the year's catalogue screens, recorded through the criteria service so each has its history.
    The criteria in ``skip`` stay missing."""
    for criterion in Criterion.objects.for_year(programme_year):
        if criterion.is_cases or criterion.code in skip:
            continue
        for data_year in criterion.data_years(programme_year):
            record_value(
                region=region,
                criterion=criterion.code,
                data_year=data_year,
                source="Contoh sumber",
                definition=criterion,
                **passing_value(criterion),
            )
