"""Demo criteria values for the demo regions: ILLUSTRATIVE numbers, not official publications.

Kota Blitar, Kota Mataram and Kabupaten Minahasa Tenggara (the 2025 pilots) and most other demo regions
meet all eight criteria for programme years 2025 and 2026; Kabupaten Blitar fails MCP and BPK, Kabupaten
Maros lacks its 2025 Ombudsman value, and Kota Bontang has an open case against an agency head. Loading
again changes nothing (the values go through regions.services.criteria, which skips unchanged values).
"""

import datetime as dt
from decimal import Decimal

from assessments.demo.clock import at
from assessments.demo.data import REGIONS
from regions.enums import CaseHandler, CasePosition, CaseStage, Criterion, ValueStatus
from regions.models import CriterionValue, Region
from regions.services.criteria import record_case, record_value

SOURCE = "DEMO: data ilustratif, bukan angka resmi"
YEARS = (2023, 2024, 2025)


def _passing(code: str, year: int) -> dict[str, dict]:
    # Small, stable variations per region and year so the charts are not flat.
    step = (sum(ord(char) for char in code) + year) % 7
    return {
        Criterion.MCP: {"score": Decimal("80.15") + step},
        Criterion.SPI: {"score": Decimal("72.40") + step},
        Criterion.SAKIP: {"grade": ["A", "BB", "A", "BB", "B", "A", "BB"][step]},
        Criterion.OMBUDSMAN: {"score": Decimal("82.50") + step},
        Criterion.SPIP: {"score": Decimal("3.10") + Decimal(step) / 10},
        Criterion.SPBE: {"score": Decimal("2.90") + Decimal(step) / 10},
        Criterion.BPK: {"grade": "WTP"},
    }


# (region code, criterion, data year) -> the value instead of the passing one; None: no value.
EXCEPTIONS = {
    ("35.05", Criterion.MCP, 2025): {"score": Decimal("72.40")},
    ("35.05", Criterion.BPK, 2024): {"grade": "WDP"},
    ("73.09", Criterion.OMBUDSMAN, 2025): None,
}


def _has_final(region, criterion: str, year: int) -> bool:
    return CriterionValue.objects.filter(
        region=region, criterion=criterion, data_year=year, status=ValueStatus.FINAL
    ).exists()


def load_demo_criteria() -> None:
    regions = Region.objects.filter(code__in={code for code, _kind, _name in REGIONS})
    for region in regions:
        for year in YEARS:
            for criterion, fields in _passing(region.code, year).items():
                fields = EXCEPTIONS.get((region.code, criterion, year), fields)
                if fields is None:
                    continue
                # MCP of the latest year is the running (provisional) value until the final arrives.
                provisional = criterion == Criterion.MCP and year == YEARS[-1]
                if provisional and _has_final(region, criterion, year):
                    continue  # the final value has arrived since (e.g. Kota Blitar's, demo/plenary.py)
                # Recorded when published: a running value in October, the others the next March.
                with at(dt.date(year, 10, 1) if provisional else dt.date(year + 1, 3, 31)):
                    record_value(
                        region=region,
                        criterion=criterion,
                        data_year=year,
                        score=fields.get("score"),
                        grade=fields.get("grade", ""),
                        status=ValueStatus.PROVISIONAL if provisional else ValueStatus.FINAL,
                        as_of=dt.date(year + 1, 3, 31),
                        source=SOURCE,
                    )
    if bontang := regions.filter(code="64.74").first():
        with at("2025-09-16"):
            record_case(
                region=bontang,
                person_name="Contoh Kepala Dinas (DEMO)",
                started_on=dt.date(2025, 9, 15),
                position=CasePosition.KEPALA_OPD,
                stage=CaseStage.PENYELIDIKAN,
                handler=CaseHandler.KEJAKSAAN,
                source=SOURCE,
            )
