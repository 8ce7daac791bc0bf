"""The staff home page (programme year, candidates by status, monitoring) and the region page's history."""

import pytest

from assessments.enums import CandidateStatus
from regions.enums import CasePosition
from tests.assessments.factories import CandidateFactory, ProgrammeYearFactory, give_passing_values
from tests.factories import RegionFactory
from tests.regions.factories import LegalCaseFactory

pytestmark = pytest.mark.django_db


def test_staff_home_without_a_programme_year_invites_to_create_one(client, staff):
    client.force_login(staff)

    response = client.get("/staf/")

    assert (response.context["programme_year"], response.context["alerts"]) == (None, [])
    assert "Belum ada tahun program" in response.content.decode()


def test_staff_home_counts_candidates_and_monitors_designated_ones(client, staff, kota_blitar, kota_mataram):
    programme_year = ProgrammeYearFactory(year=2026)
    give_passing_values(kota_blitar, 2026)
    give_passing_values(kota_mataram, 2026, skip=("spi",))
    CandidateFactory(programme_year=programme_year, region=kota_blitar, status=CandidateStatus.DESIGNATED)
    CandidateFactory(programme_year=programme_year, region=kota_mataram, status=CandidateStatus.DESIGNATED)
    CandidateFactory(programme_year=programme_year, status=CandidateStatus.PROPOSED)  # not watched yet
    client.force_login(staff)

    response = client.get("/staf/")

    assert [(str(label), count) for _, label, count in response.context["status_counts"]] == [
        ("Diusulkan", 1),
        ("Ditetapkan sebagai calon", 2),
    ]
    assert [(alert.region.full_name, alert.criterion) for alert in response.context["alerts"]] == [
        ("Kota Mataram", "spi")
    ]


@pytest.mark.parametrize("rows", [1, 20])
def test_staff_home_queries_do_not_grow_with_candidates(client, staff, django_assert_num_queries, rows):
    programme_year = ProgrammeYearFactory(year=2026)
    for region in RegionFactory.create_batch(rows):
        CandidateFactory(programme_year=programme_year, region=region, status=CandidateStatus.DESIGNATED)
    client.force_login(staff)

    # session, user, the province and region counts (one query since issue 14), programme year, status
    # counts, then the monitoring of the watched regions (the current candidacies, then, since the alerts
    # are not kept inside a transaction, the regions themselves) and their open recommendations
    with django_assert_num_queries(11):
        response = client.get("/staf/")

    # seven criteria without values each; no case on record is a pass
    assert len(response.context["alerts"]) == rows * 7


def test_region_page_shows_its_history_in_the_programme(client, staff, kota_blitar):
    CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar, status=CandidateStatus.PILOT
    )
    client.force_login(staff)

    response = client.get("/wilayah/35.72/")

    html = response.content.decode()
    assert "Riwayat dalam program" in html
    assert "Percontohan 2025" in html
    assert "Percontohan</td>" in html


@pytest.mark.parametrize("rows", [1, 20])
def test_staff_home_queries_do_not_grow_with_flagged_pilots(client, staff, django_assert_num_queries, rows):
    programme_year = ProgrammeYearFactory(year=2026)
    for region in RegionFactory.create_batch(rows):
        CandidateFactory(programme_year=programme_year, region=region, status=CandidateStatus.PILOT)
        LegalCaseFactory(region=region, position=CasePosition.KEPALA_OPD)
    client.force_login(staff)

    # as above (11): the candidacies of the regions with an open case are among the current ones
    with django_assert_num_queries(11):
        response = client.get("/staf/")

    assert len(response.context["revocation_flags"]) == rows
    assert response.content.decode().count('data-testid="revocation-flag"') == rows


@pytest.mark.django_db(transaction=True)
def test_staff_home_keeps_its_monitoring_and_counts_until_a_region_import(client, staff, kota_blitar):
    """Outside a transaction the alerts and the province and region counts are kept under the screening
    key (issue 14); a region import raises its version, and the next request counts again."""
    import io

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regions.services.region_import import import_regions

    programme_year = ProgrammeYearFactory(year=2026)
    CandidateFactory(programme_year=programme_year, region=kota_blitar, status=CandidateStatus.DESIGNATED)
    client.force_login(staff)
    cache.clear()
    first = client.get("/staf/")

    # session, user, programme years, the current candidacies, the catalogue and the screening version
    # (the key), status counts, open recommendations: neither the alerts, nor the regions they are about,
    # nor the counts are read again
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/staf/")
    assert len(queries) == 8
    assert not any("COUNT(DISTINCT" in query["sql"] for query in queries)
    assert not any('"regions_province"' in query["sql"] for query in queries)
    assert (second.context["province_count"], second.context["region_count"]) == (
        first.context["province_count"],
        first.context["region_count"],
    )
    assert [alert.criterion for alert in second.context["alerts"]] == [
        alert.criterion for alert in first.context["alerts"]
    ]

    import_regions(
        io.StringIO("kode,nama\n35,Jawa Timur\n99,Provinsi Baru\n"),
        io.StringIO("kode,kode_provinsi,jenis,nama,nama_lengkap,otonom\n99.01,99,Kota,Baru,Kota Baru,1\n"),
    )
    third = client.get("/staf/")
    assert (third.context["province_count"], third.context["region_count"]) == (
        first.context["province_count"] + 1,
        first.context["region_count"] + 1,
    )
