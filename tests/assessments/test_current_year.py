"""One notion of the current programme year (issue 12, item 1): the running one, else the nearest in
preparation; the menu, the screening, the region page and the staff home all open on it."""

import pytest
from django.urls import reverse

from assessments.enums import ProgrammeYearStatus
from assessments.queries.programme import current_programme_year
from regions.programme_years import current_year
from tests.assessments.factories import ProgrammeYearFactory

pytestmark = pytest.mark.django_db
S = ProgrammeYearStatus


def test_current_is_the_running_year_else_the_nearest_in_preparation():
    assert current_programme_year() is None
    ProgrammeYearFactory(year=2024, status=S.CLOSED)
    assert current_programme_year().year == 2024  # only a closed one: the latest
    ProgrammeYearFactory(year=2027, status=S.PREPARATION)
    ProgrammeYearFactory(year=2026, status=S.PREPARATION)
    assert current_programme_year().year == 2026
    ProgrammeYearFactory(year=2025, status=S.RUNNING)
    assert current_programme_year().year == 2025
    assert current_year() == 2025


@pytest.fixture
def years(db):
    ProgrammeYearFactory(year=2025, status=S.CLOSED)
    ProgrammeYearFactory(year=2026, status=S.RUNNING)
    ProgrammeYearFactory(year=2027, status=S.PREPARATION)


def test_screening_opens_on_the_current_year_with_the_others_one_click_away(client, staff, years):
    client.force_login(staff)
    response = client.get(reverse("regions:screening"))
    assert response.context["programme_year"] == 2026
    assert response.context["year_links"] == [(2025, False, False), (2026, True, True), (2027, False, False)]
    assert 'href="?tahun=2027"' in response.content.decode()

    response = client.get(reverse("regions:screening"), {"tahun": "2027"})
    assert response.context["programme_year"] == 2027


def test_region_page_leads_with_the_current_year(client, staff, years, kota_blitar):
    client.force_login(staff)
    response = client.get(reverse("regions:detail", args=[kota_blitar.code]))
    assert response.context["programme_year"] == 2026
    assert [year for year, _current, selected in response.context["year_links"] if selected] == [2026]


def test_menu_and_staff_home_open_on_the_current_year(client, staff, years):
    client.force_login(staff)
    response = client.get(reverse("assessments:programme_current"))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:programme_detail", args=[2026])

    home = client.get(reverse("staff_home"))
    assert home.context["programme_year"].year == 2026
    assert home.context["screening_year"] == 2026
    assert [year.year for year in home.context["other_years"]] == [2027, 2025]
    assert reverse("assessments:programme_current") in home.content.decode()


def test_menu_without_any_year_opens_the_list(client, staff):
    client.force_login(staff)
    response = client.get(reverse("assessments:programme_current"))
    assert response["Location"] == reverse("assessments:programme_list")
