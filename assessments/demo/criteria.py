"""Demo criteria catalogues and values for the demo regions: ILLUSTRATIVE numbers, not official publications.

The catalogues of programme years 2024 and 2025 are the default eight. The 2026 catalogue shows what staff
change without a developer: "Memiliki Desa Antikorupsi" (yes/no, Dit Permas) decides designation, and the
Ombudsman criterion reads the opini the Ombudsman publishes from data year 2025 on (five categories, only for
some regions, so a missing opini does not fail).

Kota Blitar, Kota Mataram and Kabupaten Minahasa Tenggara (the 2025 pilots) and most other demo regions
meet every criterion for programme years 2025 and 2026; Kabupaten Blitar fails MCP and BPK, Kabupaten
Maros has no 2025 Ombudsman opini, Kota Bontang has an open case against an agency head, and the four 2026
candidates each have a Desa Antikorupsi. Loading again changes nothing (the values go through
regions.services.criteria, which skips unchanged values; the catalogue changes are made once).
"""

import datetime as dt
from decimal import Decimal

from assessments.demo.clock import at
from assessments.demo.data import REGIONS
from regions.enums import NO, YES, CaseHandler, CasePosition, CaseStage, CriterionKind, Gate, ValueStatus
from regions.models import Criterion, CriterionValue, Region
from regions.services.catalogue import add_criterion, create_catalogue, set_criterion
from regions.services.criteria import record_case, record_value

SOURCE = "DEMO: data ilustratif, bukan angka resmi"
YEARS = (2023, 2024, 2025)


def _passing(code: str, year: int) -> dict[str, dict]:
    # Small, stable variations per region and year so the charts are not flat.
    step = (sum(ord(char) for char in code) + year) % 7
    ombudsman = {"grade": OPINI[step % 2]} if year >= OPINI_FROM else {"score": Decimal("82.50") + step}
    return {
        "mcp": {"score": Decimal("80.15") + step},
        "spi": {"score": Decimal("72.40") + step},
        "sakip": {"grade": ["A", "BB", "A", "BB", "B", "A", "BB"][step]},
        "ombudsman": ombudsman,
        "spip": {"score": Decimal("3.10") + Decimal(step) / 10},
        "spbe": {"score": Decimal("2.90") + Decimal(step) / 10},
        "bpk": {"grade": "WTP"},
    }


# (region code, criterion, data year) -> the value instead of the passing one; None: no value.
EXCEPTIONS = {
    ("35.05", "mcp", 2025): {"score": Decimal("72.40")},
    ("35.05", "bpk", 2024): {"grade": "WDP"},
    ("73.09", "ombudsman", 2025): None,
}

# The Ombudsman's opini categories, best first, published from data year 2025 on (read by programme year
# 2026 on); before it, the compliance score 0-100 in zones A-E.
OPINI_FROM = 2025
OPINI = ["Kualitas Tertinggi", "Kualitas Tinggi", "Kualitas Sedang", "Kualitas Rendah", "Kualitas Terendah"]

DESA = "desa_antikorupsi"
# The 2026 candidates, each with a Desa Antikorupsi in data year 2025.
DESA_VALUES = {"19.04": YES, "64.74": YES, "73.09": YES, "53.15": YES, "35.05": NO}


def load_demo_catalogues(by=None) -> None:
    """The catalogues of programme years 2024-2026 (each copied from the year before) and the 2026 changes:
    the Ombudsman opini and the Desa Antikorupsi criterion, made once."""
    for year in (2024, 2025, 2026):
        if not Criterion.objects.filter(programme_year=year).exists():
            create_catalogue(programme_year=year, by=by)
    ombudsman = Criterion.objects.get(programme_year=2026, code="ombudsman")
    if ombudsman.grades != OPINI:
        set_criterion(
            programme_year=2026,
            code="ombudsman",
            by=by,
            values={
                "name": "Opini Ombudsman (kepatuhan pelayanan publik)",
                "grades": OPINI,
                "grade_bands": [],
                "scale_min": None,
                "scale_max": None,
                "min_grade": "Kualitas Tinggi",
                "missing_fails": False,
                "description": (
                    "Sejak 2025 Ombudsman RI menerbitkan opini dengan lima kategori, hanya untuk sebagian "
                    "daerah: daerah tanpa opini tidak gugur karenanya."
                ),
            },
        )
    if not Criterion.objects.filter(programme_year=2026, code=DESA).exists():
        add_criterion(
            programme_year=2026,
            code=DESA,
            by=by,
            values={
                "name": "Memiliki Desa Antikorupsi",
                "publisher": "Dit Permas KPK",
                "kind": CriterionKind.YES_NO,
                "gate": Gate.DESIGNATION,
                "description": (
                    "Mulai kohort 2026, kabupaten/kota percontohan harus memiliki Desa Antikorupsi yang "
                    "ditetapkan KPK."
                ),
            },
        )


def _has_final(region, criterion: str, year: int) -> bool:
    return CriterionValue.objects.filter(
        region=region, criterion=criterion, data_year=year, status=ValueStatus.FINAL
    ).exists()


def load_demo_criteria(by=None) -> None:
    load_demo_catalogues(by)
    regions = Region.objects.filter(code__in={code for code, _kind, _name in REGIONS})
    for region in regions:
        for year in YEARS:
            for criterion, fields in _passing(region.code, year).items():
                fields = EXCEPTIONS.get((region.code, criterion, year), fields)
                if fields is None:
                    continue
                # MCP of the latest year is the running (provisional) value until the final arrives.
                provisional = criterion == "mcp" and year == YEARS[-1]
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
    for region in regions.filter(code__in=DESA_VALUES):
        with at(dt.date(2025, 12, 9)):
            record_value(
                region=region,
                criterion=DESA,
                data_year=2025,
                grade=DESA_VALUES[region.code],
                as_of=dt.date(2025, 12, 9),
                source="DEMO: penetapan Desa Antikorupsi oleh KPK (ilustratif)",
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
