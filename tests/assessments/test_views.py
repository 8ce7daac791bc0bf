from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Institution
from assessments.enums import CandidateStatus, FrameworkStatus, TeamRole
from assessments.models import Candidate, Framework, Team
from assessments.services.framework import create_default_framework
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ProgrammeYearFactory,
    TeamFactory,
    TeamMemberFactory,
    give_passing_values,
    provincial_member,
)
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def programme_year(db):
    return ProgrammeYearFactory(year=2025)


@pytest.fixture
def pages(programme_year, kota_blitar):
    candidate = CandidateFactory(programme_year=programme_year, region=kota_blitar)
    assessment = AssessmentFactory(
        candidate__programme_year=programme_year,
        candidate__region=RegionFactory(province=kota_blitar.province, code="35.73", name="Malang"),
    )
    return [
        reverse("assessments:programme_list"),
        reverse("assessments:programme_detail", args=[2025]),
        reverse("assessments:framework", args=[2025]),
        reverse("assessments:candidate_list", args=[2025]),
        reverse("assessments:candidate_propose", args=[2025]),
        reverse("assessments:candidate_detail", args=[candidate.pk]),
        reverse("assessments:candidate_step", args=[candidate.pk, "skrining"]),
        reverse("assessments:team_list", args=[2025]),
        reverse("assessments:team_detail", args=[assessment.team.pk]),
        reverse("assessments:assessment_list", args=[2025]),
        reverse("assessments:assessment_detail", args=[assessment.pk]),
    ]


def test_staff_see_every_page(client, staff, pages):
    client.force_login(staff)
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)


@pytest.mark.parametrize("persona", ["assessor", "inspector"])
def test_other_roles_get_404(client, request, persona, pages):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(url).status_code for url in pages] == [404] * len(pages)


def test_a_team_member_cannot_open_the_staff_assessment_page(client, pages):
    assessment_url = pages[-1]
    from assessments.models import Assessment

    member = TeamMemberFactory(team=Assessment.objects.get().team).user
    client.force_login(member)
    assert client.get(assessment_url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, pages):
    responses = [client.get(url) for url in pages]
    assert [response.status_code for response in responses] == [302] * len(pages)
    assert responses[0].url == "/akun/masuk/?next=/program/"


def test_programme_list_query_count(client, staff):
    client.force_login(staff)
    ProgrammeYearFactory(year=2024)
    one = count_queries(client, reverse("assessments:programme_list"))
    for year in (2025, 2026, 2027):
        programme_year = ProgrammeYearFactory(year=year)
        create_default_framework(programme_year=programme_year, by=staff)
        CandidateFactory(programme_year=programme_year)
        TeamFactory(programme_year=programme_year)
    assert count_queries(client, reverse("assessments:programme_list")) == one == 3


def test_candidate_list_query_count_and_counts_by_status(client, staff, programme_year):
    client.force_login(staff)
    url = reverse("assessments:candidate_list", args=[2025])
    CandidateFactory(programme_year=programme_year)
    one = count_queries(client, url)
    for status in (CandidateStatus.PROPOSED, CandidateStatus.SCREENED, CandidateStatus.DESIGNATED) * 3:
        CandidateFactory(programme_year=programme_year, status=status, designation_override_reason="x")
    assert count_queries(client, url) == one == 7

    response = client.get(url)
    counts = {value: count for value, _label, count in response.context["status_counts"]}
    assert (counts["diusulkan"], counts["diskrining"], counts["ditetapkan"], counts["dicabut"]) == (
        4,
        3,
        3,
        0,
    )
    assert len(client.get(url + "?status=ditetapkan").context["object_list"]) == 3


def test_candidate_list_search_and_province_filter(client, staff, programme_year, kota_blitar, kota_mataram):
    client.force_login(staff)
    CandidateFactory(programme_year=programme_year, region=kota_blitar)
    CandidateFactory(programme_year=programme_year, region=kota_mataram)
    url = reverse("assessments:candidate_list", args=[2025])

    def names(query):
        return [c.region.full_name for c in client.get(url + query).context["object_list"]]

    assert names("?q=blitar") == ["Kota Blitar"]
    assert names("?q=52.") == ["Kota Mataram"]
    assert names("?provinsi=35") == ["Kota Blitar"]


def test_team_list_query_count(client, staff, programme_year):
    client.force_login(staff)
    url = reverse("assessments:team_list", args=[2025])
    TeamMemberFactory(team=TeamFactory(programme_year=programme_year))
    one = count_queries(client, url)
    for _ in range(3):
        team = TeamFactory(programme_year=programme_year)
        TeamMemberFactory.create_batch(3, team=team)
    assert count_queries(client, url) == one == 5


def test_assessment_list_query_count(client, staff, programme_year, jawa_timur):
    client.force_login(staff)
    url = reverse("assessments:assessment_list", args=[2025])
    AssessmentFactory(candidate__programme_year=programme_year, candidate__region__province=jawa_timur)
    one = count_queries(client, url)
    for _ in range(3):
        AssessmentFactory(candidate__programme_year=programme_year, candidate__region__province=jawa_timur)
    assert count_queries(client, url) == one == 4


def test_bulk_screening_reports_counts(client, staff, programme_year, kota_blitar, kota_mataram):
    client.force_login(staff)
    give_passing_values(kota_blitar, 2025)
    proposed = CandidateFactory(programme_year=programme_year, region=kota_blitar)
    designated = CandidateFactory(
        programme_year=programme_year, region=kota_mataram, status=CandidateStatus.DESIGNATED
    )

    response = client.post(
        reverse("assessments:candidate_bulk", args=[2025]),
        {"action": "skrining", "candidate": [proposed.pk, designated.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Kota Mataram ditolak: Langkah ini tidak dapat dilakukan pada calon berstatus Ditetapkan sebagai calon.",
        "Skrining: 1 calon diproses.",
    ]
    assert Candidate.objects.get(pk=proposed.pk).status == CandidateStatus.SCREENED


def test_designation_form_shows_the_override_requirement(client, staff, programme_year, kota_blitar):
    client.force_login(staff)
    candidate = CandidateFactory(
        programme_year=programme_year, region=kota_blitar, status=CandidateStatus.OBSERVED
    )
    url = reverse("assessments:candidate_step", args=[candidate.pk, "penetapan"])

    response = client.post(url, {"letter_number": "B/1/2025", "letter_date": "2025-01-17"})
    assert response.status_code == 200
    assert "Penetapan memerlukan alasan tertulis." in response.content.decode()
    assert Candidate.objects.get(pk=candidate.pk).status == CandidateStatus.OBSERVED

    response = client.post(
        url,
        {"letter_number": "B/1/2025", "letter_date": "2025-01-17", "override_reason": "Data belum terbit."},
    )
    assert response.status_code == 302
    page = client.get(candidate.get_absolute_url()).content.decode()
    assert "Ditetapkan meskipun tidak memenuhi kriteria." in page
    assert "Data belum terbit." in page
    assert (
        "ditetapkan dengan pengecualian"
        in client.get(reverse("assessments:candidate_list", args=[2025])).content.decode()
    )


def test_a_step_that_does_not_apply_is_refused_on_the_form(client, staff, programme_year, kota_blitar):
    client.force_login(staff)
    candidate = CandidateFactory(
        programme_year=programme_year, region=kota_blitar, status=CandidateStatus.PROPOSED
    )
    response = client.post(
        reverse("assessments:candidate_step", args=[candidate.pk, "cabut"]),
        {"revoked_on": "2026-01-01", "reason": "x"},
    )
    assert response.status_code == 200
    assert "Langkah ini tidak dapat dilakukan pada calon berstatus Diusulkan." in response.content.decode()


def test_framework_page_shows_running_sum_and_refuses_publishing(client, staff, programme_year):
    client.force_login(staff)
    framework = create_default_framework(programme_year=programme_year, by=staff)
    indicator = framework.indicators.get(code="19")
    response = client.post(
        reverse("assessments:indicator_update", args=[2025, indicator.pk]),
        {
            "component": indicator.component_id,
            "order": 19,
            "code": "19",
            "name": indicator.name,
            "weight": "6",
            "max_score": "100",
            "source": "penilai",
            "rubric": "100 | Sangat baik | Lengkap\n0 | Tidak ada |",
            "mappings": "",
        },
    )
    assert response.status_code == 302
    assert [(level.score, level.label) for level in indicator.rubric_levels.all()] == [
        (Decimal("100.00"), "Sangat baik"),
        (Decimal("0.00"), "Tidak ada"),
    ]

    page = client.get(reverse("assessments:framework", args=[2025])).content.decode()
    assert 'data-testid="weight-sum" class="text-danger">100,74</strong>' in page
    response = client.post(reverse("assessments:framework_action", args=[2025, "terbitkan"]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Jumlah bobot 100,74, harus tepat 100."]
    assert Framework.objects.get().status == FrameworkStatus.DRAFT


def test_framework_copy_and_diff_pages(client, staff, programme_year):
    client.force_login(staff)
    create_default_framework(programme_year=programme_year, by=staff)
    ProgrammeYearFactory(year=2026)
    client.post(reverse("assessments:framework_action", args=[2026, "salin"]), {"dari": "2025"})
    copy = Framework.objects.get(programme_year__year=2026)
    assert copy.copied_from.programme_year.year == 2025
    indicator = copy.indicators.get(code="2")
    indicator.weight = Decimal("1")
    indicator.save()

    response = client.get(reverse("assessments:framework_diff", args=[2026]))
    assert [(change.code, change.kind) for change in response.context["changes"]] == [("2", "changed")]


def test_team_building_and_conflict_flags(client, staff, programme_year, kota_blitar, kota_mataram):
    client.force_login(staff)
    client.post(reverse("assessments:team_create", args=[2025]), {"name": "Satgas 1"})
    team = Team.objects.get(name="Satgas 1")
    chair = UserFactory(name="Andi", institution=Institution.KPK)
    jatim = provincial_member(kota_blitar.province, name="Baiq")
    client.post(
        reverse("assessments:team_member_add", args=[team.pk]), {"user": chair.pk, "role": TeamRole.CHAIR}
    )
    client.post(
        reverse("assessments:team_member_add", args=[team.pk]), {"user": jatim.pk, "role": TeamRole.MEMBER}
    )
    assert list(team.members.values_list("user__name", "role")) == [("Baiq", "anggota"), ("Andi", "ketua")]

    assessment = AssessmentFactory(
        candidate__programme_year=programme_year, candidate__region=kota_blitar, team=team
    )
    response = client.get(reverse("assessments:assessment_detail", args=[assessment.pk]))
    conflicts = {member.user.name: conflict for member, conflict, _recusal in response.context["members"]}
    assert conflicts == {
        "Andi": "",
        "Baiq": "Berasal dari provinsi yang sama dengan daerah yang dinilai (Jawa Timur).",
    }

    response = client.post(
        reverse("assessments:assessment_detail", args=[assessment.pk]),
        {"user": jatim.pk, "reason": "Provinsi yang sama."},
    )
    assert response.status_code == 302
    assert list(assessment.recusals.values_list("user__name", "recorded_by")) == [("Baiq", staff.pk)]


def test_schedule_assessment_page(client, staff, programme_year, kota_blitar):
    client.force_login(staff)
    framework = create_default_framework(programme_year=programme_year, by=staff)
    from assessments.services.framework import publish_framework

    publish_framework(framework=framework, by=staff)
    candidate = CandidateFactory(
        programme_year=programme_year, region=kota_blitar, status=CandidateStatus.DESIGNATED
    )
    team = TeamFactory(programme_year=programme_year, name="Satgas 1")
    response = client.post(
        reverse("assessments:assessment_create", args=[2025]),
        {
            "candidate": candidate.pk,
            "team": team.pk,
            "starts_on": "2025-11-05",
            "ends_on": "2025-11-06",
            "place": "Kantor Wali Kota Blitar",
        },
    )
    assert response.status_code == 302
    assessment = candidate.assessment
    assert (assessment.starts_on, assessment.time_zone, assessment.framework) == (
        date(2025, 11, 5),
        "Asia/Jakarta",
        framework,
    )


def test_programme_page_links_to_the_years_criteria_thresholds(client, staff, programme_year):
    client.force_login(staff)
    page = client.get(reverse("assessments:programme_detail", args=[2025])).content.decode()
    assert 'href="/wilayah/skrining/aturan/2025/"' in page
    assert 'data-testid="pass-mark">90,00<' in page


@pytest.mark.parametrize("frozen", [False, True])
def test_framework_page_queries_do_not_grow_with_indicators(client, staff, programme_year, frozen):
    """Issue 14: the page asked the database once per indicator whether the framework was in use."""
    from tests.assessments.factories import ComponentFactory, FrameworkFactory, IndicatorFactory

    client.force_login(staff)
    framework = FrameworkFactory(programme_year=programme_year)
    component = ComponentFactory(framework=framework, order=1)
    IndicatorFactory(component=component, code="1", order=1)
    if frozen:
        AssessmentFactory(candidate=CandidateFactory(programme_year=programme_year), framework=framework)
    url = reverse("assessments:framework", args=[2025])

    with CaptureQueriesContext(connection) as one:
        first = client.get(url).content.decode()
    for number in range(2, 20):
        IndicatorFactory(component=component, code=str(number), order=number)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    # The session, the user, the year with its framework and whether it is in use, the framework's tree
    # (components, indicators, rubric levels, value mappings), the criteria names and the other years.
    assert len(many) == len(one) == 9
    edit_link = 'aria-label="Ubah 19"'
    assert (page.count(edit_link), first.count('aria-label="Ubah 1"')) == ((0, 0) if frozen else (1, 1))
