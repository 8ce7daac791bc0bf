import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from regions.enums import CaseHandler, CasePosition, CaseStage, Criterion, ValueStatus
from regions.models import CriterionValue, LegalCase, ScreeningRule
from tests.factories import RegionFactory


class CriterionValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriterionValue

    region = factory.SubFactory(RegionFactory)
    criterion = Criterion.MCP
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


class ScreeningRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningRule

    programme_year = 2026
    criterion = Criterion.MCP
    min_score = Decimal("75")


# A value of each criterion that passes the default rules.
PASSING = {
    Criterion.MCP: {"score": Decimal("80")},
    Criterion.SPI: {"score": Decimal("75")},
    Criterion.SAKIP: {"score": None, "grade": "A"},
    Criterion.OMBUDSMAN: {"score": None, "grade": "A"},
    Criterion.SPIP: {"score": Decimal("3.2")},
    Criterion.SPBE: {"score": Decimal("3.1")},
    Criterion.BPK: {"score": None, "grade": "WTP"},
}


def make_passing(region, programme_year: int = 2026) -> None:
    """Values that make the region eligible for the programme year under the default rules."""
    for criterion, fields in PASSING.items():
        years = (
            [programme_year - 1, programme_year - 2] if criterion == Criterion.BPK else [programme_year - 1]
        )
        for year in years:
            CriterionValueFactory(region=region, criterion=criterion, data_year=year, **fields)
