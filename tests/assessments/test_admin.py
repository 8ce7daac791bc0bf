import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.enums import CandidateStatus
from assessments.models import Candidate
from assessments.services.framework import create_default_framework
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ProgrammeYearFactory,
    TeamMemberFactory,
    give_passing_values,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = ["programmeyear", "framework", "indicator", "candidate", "team", "assessment"]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_rows(staff, year: int) -> None:
    programme_year = ProgrammeYearFactory(year=year)
    create_default_framework(programme_year=programme_year, by=staff)
    TeamMemberFactory(team=AssessmentFactory(candidate__programme_year=programme_year).team)
    CandidateFactory(programme_year=programme_year)


@pytest.mark.parametrize("model", CHANGELISTS)
def test_admin_changelists_do_not_grow_with_rows(client, staff, model):
    client.force_login(staff)
    url = reverse(f"admin:assessments_{model}_changelist")
    add_rows(staff, 2024)
    one = queries(client, url)
    for year in (2025, 2026, 2027):
        add_rows(staff, year)
    assert queries(client, url) == one


def test_admin_action_screens_through_the_service_and_reports_counts(
    client, staff, kota_blitar, kota_mataram
):
    client.force_login(staff)
    give_passing_values(kota_blitar, 2025)
    programme_year = ProgrammeYearFactory(year=2025)
    proposed = CandidateFactory(programme_year=programme_year, region=kota_blitar)
    pilot = CandidateFactory(programme_year=programme_year, region=kota_mataram, status=CandidateStatus.PILOT)

    response = client.post(
        reverse("admin:assessments_candidate_changelist"),
        {"action": "screen", "_selected_action": [proposed.pk, pilot.pk]},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == ["1 diproses, 1 ditolak."]
    assert Candidate.objects.get(pk=proposed.pk).status == CandidateStatus.SCREENED
    assert proposed.events.get().by == staff
