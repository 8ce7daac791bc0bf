import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from regions.enums import CaseHandler, CasePosition, CaseStage, Criterion, ValueStatus
from regions.models import CriterionValue, LegalCase, ScreeningRule
from regions.services.criteria import record_value
from regions.services.screening import rules_for_year
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


def make_passing(region, programme_year: int = 2026, *, skip: tuple[str, ...] = ()) -> None:
    """Make the region meet every criterion for the programme year: a passing value for each criterion and
    data year the year screens (its saved rules, else the defaults), recorded through the criteria service
    so each has its history. The criteria in ``skip`` stay missing."""
    for criterion, rule in rules_for_year(programme_year).items():
        if criterion == Criterion.KASUS or criterion in skip:
            continue
        for data_year in rule.data_years(programme_year):
            record_value(
                region=region,
                criterion=criterion,
                data_year=data_year,
                source="Contoh sumber",
                **PASSING[criterion],
            )
