from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Institution
from assessments.enums import CandidateStatus, TeamRole
from assessments.queries.programme import assessments_for_assessor, watched_candidacies
from assessments.rules import (
    conflict_of_interest,
    is_chair_of_assessment,
    is_team_member_of_assessment,
)
from assessments.services import teams as services
from assessments.services.framework import create_default_framework, publish_framework
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ProgrammeYearFactory,
    TeamFactory,
    TeamMemberFactory,
    provincial_member,
)
from tests.factories import ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_team_has_one_chair(staff):
    team = TeamFactory(name="Satgas 1")
    services.add_team_member(team=team, user=UserFactory(), role=TeamRole.CHAIR, by=staff)

    with pytest.raises(ValidationError) as error:
        services.add_team_member(team=team, user=UserFactory(), role=TeamRole.CHAIR, by=staff)
    assert error.value.code == "chair_exists"


def test_only_assessors_join_a_team(staff, inspector):
    team = TeamFactory()
    with pytest.raises(ValidationError) as error:
        services.add_team_member(team=team, user=inspector, by=staff)
    assert error.value.code == "not_assessor"


def test_scheduling_needs_a_designated_candidate_and_a_published_framework(staff, kota_blitar):
    programme_year = ProgrammeYearFactory(year=2025)
    candidate = CandidateFactory(
        programme_year=programme_year, region=kota_blitar, status=CandidateStatus.OBSERVED
    )
    team = TeamFactory(programme_year=programme_year, name="Satgas 1")
    schedule = {
        "team": team,
        "starts_on": date(2025, 11, 5),
        "ends_on": date(2025, 11, 6),
        "place": "Kantor Wali Kota Blitar",
    }

    with pytest.raises(ValidationError) as error:
        services.schedule_assessment(candidate=candidate, by=staff, **schedule)
    assert error.value.code == "wrong_status"

    candidate.status = CandidateStatus.DESIGNATED
    candidate.save()
    framework = create_default_framework(programme_year=programme_year, by=staff)
    with pytest.raises(ValidationError) as error:
        services.schedule_assessment(candidate=candidate, by=staff, **schedule)
    assert error.value.code == "no_framework"

    publish_framework(framework=framework, by=staff)
    assessment = services.schedule_assessment(candidate=candidate, by=staff, **schedule)
    assert (assessment.framework, assessment.time_zone, assessment.time_zone_label) == (
        framework,
        "Asia/Jakarta",
        "WIB",
    )
    assert framework.is_frozen is True  # fmt: skip


def test_scheduling_refuses_a_team_of_another_year(staff, kota_blitar):
    candidate = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar, status=CandidateStatus.DESIGNATED
    )
    with pytest.raises(ValidationError) as error:
        services.schedule_assessment(
            candidate=candidate,
            team=TeamFactory(programme_year=ProgrammeYearFactory(year=2026)),
            starts_on=date(2025, 11, 5),
            ends_on=date(2025, 11, 6),
            place="Blitar",
            by=staff,
        )
    assert error.value.code == "wrong_year"  # fmt: skip


def test_conflict_of_interest(kota_blitar, kabupaten_blitar, kota_mataram):
    own_government = UserFactory(institution=Institution.REGION, region=kota_blitar)
    neighbour = UserFactory(institution=Institution.REGION, region=kabupaten_blitar)
    jatim = provincial_member(kota_blitar.province)
    ntb = provincial_member(kota_mataram.province)
    bpkp = UserFactory(institution=Institution.BPKP)

    same_province = "Berasal dari provinsi yang sama dengan daerah yang dinilai (Jawa Timur)."
    assert conflict_of_interest(own_government, kota_blitar) == "Pegawai Kota Blitar, daerah yang dinilai."
    assert [conflict_of_interest(user, kota_blitar) for user in (neighbour, jatim)] == [same_province] * 2
    assert [conflict_of_interest(user, kota_blitar) for user in (ntb, bpkp)] == ["", ""]


def test_conflicts_are_flagged_per_member(staff, kota_blitar, kota_mataram):
    assessment = AssessmentFactory(candidate__region=kota_blitar)
    ntb = provincial_member(kota_mataram.province, name="Baiq Nurul")
    jatim = provincial_member(kota_blitar.province)
    TeamMemberFactory(team=assessment.team, user=ntb)
    TeamMemberFactory(team=assessment.team, user=jatim)

    assert services.conflicts_for(assessment) == {
        jatim.pk: "Berasal dari provinsi yang sama dengan daerah yang dinilai (Jawa Timur)."
    }


def test_a_recused_member_sees_nothing_of_the_assessment(staff, kota_blitar, kota_mataram):
    assessment = AssessmentFactory(candidate__region=kota_blitar)
    other = AssessmentFactory(
        candidate__region=kota_mataram,
        team=assessment.team,
        candidate__programme_year=assessment.candidate.programme_year,
    )
    chair = TeamMemberFactory(team=assessment.team, role=TeamRole.CHAIR).user
    member = TeamMemberFactory(team=assessment.team).user
    outsider = TeamMemberFactory().user
    assert (is_team_member_of_assessment(member, assessment), is_chair_of_assessment(chair, assessment)) == (
        True,
        True,
    )
    assert (
        is_team_member_of_assessment(outsider, assessment),
        is_chair_of_assessment(member, assessment),
    ) == (False, False)

    services.record_recusal(assessment=assessment, user=chair, reason="Keluarga wali kota.", by=staff)

    assert (is_team_member_of_assessment(chair, assessment), is_chair_of_assessment(chair, assessment)) == (
        False,
        False,
    )
    assert chair.has_perm("assessments.see_assessment", assessment) is False
    assert member.has_perm("assessments.see_assessment", assessment) is True
    assert list(assessments_for_assessor(chair)) == [other]
    assert list(assessments_for_assessor(member)) == [assessment, other]
    recusal = assessment.recusals.get()
    assert (recusal.user, recusal.reason, recusal.recorded_by) == (chair, "Keluarga wali kota.", staff)

    with pytest.raises(ValidationError) as error:
        services.record_recusal(assessment=assessment, user=chair, reason="Lagi.", by=staff)
    assert error.value.code == "already_recused"
    with pytest.raises(ValidationError) as error:
        services.record_recusal(assessment=assessment, user=outsider, reason="x", by=staff)
    assert error.value.code == "not_member"  # fmt: skip


def test_watched_candidacies_are_current_candidates_and_pilots(kota_blitar, kabupaten_blitar, kota_mataram):
    programme_year = ProgrammeYearFactory(year=2025)
    pilot = CandidateFactory(programme_year=programme_year, region=kota_blitar, status=CandidateStatus.PILOT)
    CandidateFactory(programme_year=programme_year, region=kabupaten_blitar, status=CandidateStatus.PROPOSED)
    CandidateFactory(programme_year=programme_year, region=kota_mataram, status=CandidateStatus.REVOKED)
    bangka = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2026),
        region__province=ProvinceFactory(code="19"),
        status=CandidateStatus.DESIGNATED,
    )

    assert sorted(watched_candidacies(), key=lambda candidate: candidate.region.code) == [bangka, pilot]


def scored_assessment(staff, kota_blitar, kota_mataram, assessor):
    from decimal import Decimal

    from assessments.enums import Stage
    from assessments.services import scoring as scoring_services
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    scoring_services.save_stage_scores(
        scoring.assessment,
        assessor=assessor,
        stage=Stage.DOCUMENTS,
        scores={scoring.indicators[0].pk: scoring_services.Entry(Decimal("70"))},
        submit=False,
        version=0,
    )
    return scoring


def test_reschedule_changes_dates_and_place_and_keeps_the_team_once_scored(
    staff, kota_blitar, kota_mataram, assessor
):
    from audit.models import AuditEntry

    scoring = scored_assessment(staff, kota_blitar, kota_mataram, assessor)
    assessment, other_team = scoring.assessment, scoring.other_assessment.team

    with pytest.raises(ValidationError) as error:
        services.reschedule_assessment(
            assessment=assessment,
            team=other_team,
            starts_on=assessment.starts_on,
            ends_on=assessment.ends_on,
            place=assessment.place,
            by=staff,
        )
    assert error.value.code == "has_scores"

    services.reschedule_assessment(
        assessment=assessment,
        team=assessment.team,
        starts_on=date(2025, 11, 10),
        ends_on=date(2025, 11, 11),
        place="Balai Kota Blitar",
        by=staff,
    )
    assessment.refresh_from_db()
    assert (assessment.starts_on, assessment.place, assessment.team.name) == (
        date(2025, 11, 10),
        "Balai Kota Blitar",
        "Satgas 1",
    )
    entry = AuditEntry.objects.get(action="assessment.reschedule")
    assert (entry.before["place"], entry.after["place"]) == ("Kantor Wali Kota Blitar", "Balai Kota Blitar")


def test_a_member_with_scores_stays_on_the_team(staff, kota_blitar, kota_mataram, assessor):
    scoring = scored_assessment(staff, kota_blitar, kota_mataram, assessor)
    member = scoring.assessment.team.members.get(user=assessor)
    with pytest.raises(ValidationError) as error:
        services.remove_team_member(member=member, by=staff)
    assert error.value.code == "member_has_scores"
    colleague = scoring.assessment.team.members.get(user=scoring.colleague)
    services.remove_team_member(member=colleague, by=staff)
    assert not scoring.assessment.team.members.filter(user=scoring.colleague).exists()


def test_rename_team_refuses_a_name_taken_in_the_year(staff):
    team = services.create_team(programme_year=ProgrammeYearFactory(year=2025), name="Satgas 1", by=staff)
    services.create_team(programme_year=team.programme_year, name="Satgas 2", by=staff)
    with pytest.raises(ValidationError) as error:
        services.rename_team(team=team, name="Satgas 2", by=staff)
    assert error.value.code == "team_exists"
    assert services.rename_team(team=team, name=" Satgas Utama ", by=staff).name == "Satgas Utama"


def test_reschedule_page_for_staff_only(client, staff, kota_blitar, kota_mataram, assessor):
    from django.urls import reverse

    scoring = scored_assessment(staff, kota_blitar, kota_mataram, assessor)
    url = reverse("assessments:assessment_reschedule", args=[scoring.assessment.pk])
    assert client.get(url).status_code == 302
    client.force_login(assessor)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "team": scoring.other_assessment.team_id,
            "starts_on": "2025-11-10",
            "ends_on": "2025-11-11",
            "place": "Balai Kota Blitar",
        },
    )
    assert response.context["form"].non_field_errors() == [
        "Penilaian ini sudah memiliki nilai; timnya tidak dapat diganti."
    ]
