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
    # counts, then the monitoring of the watched regions and their open recommendations
    with django_assert_num_queries(10):
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

    # as above (10) plus the candidacies of the regions with an open case
    with django_assert_num_queries(11):
        response = client.get("/staf/")

    assert len(response.context["revocation_flags"]) == rows
    assert response.content.decode().count('data-testid="revocation-flag"') == rows
