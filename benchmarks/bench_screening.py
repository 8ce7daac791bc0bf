"""The screening of 514 regions with three data years of all eight criteria (issue 3)."""

import datetime as dt
from decimal import Decimal

from benchmarks import Benchmark, bulk_regions

REGION_COUNT = 514


def setup():
    from django.test import Client
    from django.utils import timezone

    from accounts.enums import Institution, Role
    from accounts.models import User
    from regions.models import CriterionValue, LegalCase

    regions = bulk_regions(REGION_COUNT)
    now = timezone.now()
    fields = {
        "mcp": {"score": Decimal("80")},
        "spi": {"score": Decimal("70")},
        "sakip": {"grade": "A"},
        "ombudsman": {"score": Decimal("81")},
        "spip": {"score": Decimal("3.2")},
        "spbe": {"score": Decimal("2.8")},
        "bpk": {"grade": "WTP"},
    }
    CriterionValue.objects.bulk_create(
        CriterionValue(region=region, criterion=criterion, data_year=year, entered_at=now, **values)
        for region in regions
        for criterion, values in fields.items()
        for year in (2023, 2024, 2025)
    )
    LegalCase.objects.bulk_create(
        LegalCase(
            region=region,
            person_name="Uji",
            position="kepala_opd",
            stage="penyidikan",
            handler="kpk",
            started_on=dt.date(2025, 1, 1),
            entered_at=now,
        )
        for region in regions[::10]
    )
    staff = User.objects.create(username="bench", name="Bench", role=Role.STAFF, institution=Institution.KPK)
    client = Client()
    client.force_login(staff)
    return client


def screening_page(client) -> None:
    response = client.get("/wilayah/skrining/", {"tahun": 2026})
    assert response.status_code == 200, response.status_code


def screening_page_filtered(client) -> None:
    response = client.get("/wilayah/skrining/", {"tahun": 2026, "layak": "tidak", "urut": "nama", "page": 2})
    assert response.status_code == 200, response.status_code


def screening_csv(client) -> None:
    response = client.get("/wilayah/skrining/ekspor/", {"tahun": 2026, "format": "csv"})
    assert response.status_code == 200, response.status_code


def screen_regions_only(_client) -> None:
    from regions.services.screening import screen_regions

    assert len(screen_regions(2026)) == REGION_COUNT


BENCHMARKS = [
    Benchmark("screening: screen_regions(), 514 regions", screen_regions_only, setup),
    Benchmark("screening: page, 514 regions x 3 years", screening_page, setup),
    Benchmark("screening: page filtered and sorted, page 2", screening_page_filtered, setup),
    Benchmark("screening: CSV export, 514 regions", screening_csv, setup),
]
