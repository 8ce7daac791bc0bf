"""Issue 12: bulk steps, the team built in one form, the proposal form, and conflicts of interest that act."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.enums import Institution
from assessments.enums import CandidateStatus, TeamRole
from assessments.models import Candidate, CandidateEvent, Team
from assessments.services import teams as services
from audit.models import AuditEntry
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ProgrammeYearFactory,
    TeamMemberFactory,
    give_passing_values,
    provincial_member,
)
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
S = CandidateStatus


@pytest.fixture
def programme_year(db):
    return ProgrammeYearFactory(year=2026)


def test_bulk_designation_one_letter_each_checked_and_audited(client, staff, programme_year, kota_blitar,
                                                              kabupaten_blitar, kota_mataram):  # fmt: skip
    client.force_login(staff)
    give_passing_values(kota_blitar, 2026)
    give_passing_values(kota_mataram, 2026)
    passing = CandidateFactory(programme_year=programme_year, region=kota_blitar, status=S.OBSERVED)
    failing = CandidateFactory(programme_year=programme_year, region=kabupaten_blitar, status=S.OBSERVED)
    proposed = CandidateFactory(programme_year=programme_year, region=kota_mataram, status=S.PROPOSED)

    response = client.post(
        reverse("assessments:candidate_bulk", args=[2026]),
        {
            "action": "penetapan",
            "letter_number": "B/10/DKM.01.02/01/2026",
            "on": "2026-01-15",
            "candidate": [passing.pk, failing.pk, proposed.pk],
        },
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages[-1] == "Tetapkan sebagai calon (satu surat): 1 calon diproses."
    assert messages[0].startswith("Kabupaten Blitar ditolak: ")
    assert messages[1] == (
        "Kota Mataram ditolak: Langkah ini tidak dapat dilakukan pada calon berstatus Diusulkan."
    )
    assert dict(Candidate.objects.values_list("region__code", "status")) == {
        "35.72": S.DESIGNATED,
        "35.05": S.OBSERVED,
        "52.71": S.PROPOSED,
    }
    passing.refresh_from_db()
    assert (passing.designation_letter_number, passing.designation_letter_date) == (
        "B/10/DKM.01.02/01/2026",
        date(2026, 1, 15),
    )
    assert CandidateEvent.objects.filter(to_status=S.DESIGNATED).count() == 1
    assert AuditEntry.objects.filter(action="candidate.ditetapkan").count() == 1


def test_bulk_step_without_its_letter_changes_nothing(client, staff, programme_year, kota_blitar):
    client.force_login(staff)
    candidate = CandidateFactory(programme_year=programme_year, region=kota_blitar, status=S.OBSERVED)
    response = client.post(
        reverse("assessments:candidate_bulk", args=[2026]),
        {"action": "penetapan", "candidate": [candidate.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Wajib diisi untuk langkah ini: Nomor surat penetapan. Wajib diisi untuk langkah ini: Tanggal."
    ]
    candidate.refresh_from_db()
    assert candidate.status == S.OBSERVED


def test_screening_step_shows_and_records_the_criteria_result(client, staff, programme_year, kota_blitar):
    client.force_login(staff)
    give_passing_values(kota_blitar, 2026)
    candidate = CandidateFactory(programme_year=programme_year, region=kota_blitar)
    url = reverse("assessments:candidate_step", args=[candidate.pk, "skrining"])
    page = client.get(url).content.decode()
    assert "Memenuhi semua kriteria yang menentukan tahap ini. Hasil ini dicatat pada riwayat calon." in page
    client.post(url, {"notes": ""})
    detail = client.get(candidate.get_absolute_url()).content.decode()
    assert 'data-testid="screening-recorded"><span class="badge text-bg-success">Memenuhi kriteria' in detail


def test_proposal_form_offers_only_regions_that_can_still_be_proposed(client, staff, programme_year,
                                                                     kota_blitar, kabupaten_blitar, kota_mataram):  # fmt: skip
    pilot_year = ProgrammeYearFactory(year=2025)
    CandidateFactory(programme_year=pilot_year, region=kota_blitar, status=S.PILOT)
    CandidateFactory(programme_year=programme_year, region=kota_mataram)
    declined = RegionFactory(province=kota_blitar.province, code="35.06", name="Kediri")
    CandidateFactory(programme_year=pilot_year, region=declined, status=S.DECLINED)
    client.force_login(staff)

    form = client.get(reverse("assessments:candidate_propose", args=[2026])).context["form"]
    assert [region.code for region in form.fields["region"].queryset] == ["35.05", "35.06"]

    from assessments.services.candidates import propose_candidate

    with pytest.raises(ValidationError) as error:
        propose_candidate(programme_year=programme_year, region=kota_blitar, proposer_kind="provinsi",
                          proposer="Pemerintah Provinsi Jawa Timur", by=staff)  # fmt: skip
    assert error.value.code == "not_proposable"


def seven_assessors(province):
    institutions = ["kpk", "panrb", "kemenkeu", "kemendagri", "bpkp", "ombudsman"]
    users = {code: UserFactory(name=f"Penilai {code.upper()}", institution=code) for code in institutions}
    users["pemprov"] = provincial_member(province, name="Penilai Provinsi")
    return users


def test_team_built_in_one_form(client, staff, programme_year, kota_mataram):
    users = seven_assessors(kota_mataram.province)
    client.force_login(staff)
    url = reverse("assessments:team_build", args=[2026])
    form = client.get(url).context["form"]
    assert [institution for institution, *_rest in form.seats] == [
        "kpk", "panrb", "kemenkeu", "kemendagri", "bpkp", "ombudsman", "pemprov",
    ]  # fmt: skip
    data = {"name": "Satgas 2", "chair": "kpk", "secretary": "panrb"}
    data.update({f"{code}_user": user.pk for code, user in users.items()})
    response = client.post(url, data)
    team = Team.objects.get(name="Satgas 2")
    assert response["Location"] == team.get_absolute_url()
    assert sorted(team.members.values_list("user__institution", "role")) == sorted(
        [("kpk", "ketua"), ("panrb", "sekretaris")]
        + [(code, "anggota") for code in ("kemenkeu", "kemendagri", "bpkp", "ombudsman", "pemprov")]
    )
    assert AuditEntry.objects.filter(action="team.add_member").count() == 7


def test_team_form_refuses_a_chair_on_an_empty_seat_and_changes_nothing(client, staff, programme_year):
    kpk = UserFactory(institution=Institution.KPK)
    client.force_login(staff)
    response = client.post(
        reverse("assessments:team_build", args=[2026]),
        {"name": "Satgas 3", "chair": "bpkp", "kpk_user": kpk.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"chair": ["Kursi ketua belum diisi penilai."]}
    assert Team.objects.count() == 0


# Conflicts of interest (item 5).


@pytest.fixture
def maros_like(programme_year, kota_blitar, jawa_timur):
    """A designated candidate (Kota Blitar) and a conflicted assessor: from the same province."""
    candidate = CandidateFactory(programme_year=programme_year, region=kota_blitar, status=S.DESIGNATED)
    conflicted = provincial_member(jawa_timur, name="Siti Rahmawati", username="penilai.jatim")
    return candidate, conflicted


def test_seating_a_conflicted_assessor_without_a_reason_is_refused(client, staff, programme_year, maros_like):
    candidate, conflicted = maros_like
    users = seven_assessors(candidate.region.province)
    users["pemprov"] = conflicted
    client.force_login(staff)
    data = {"name": "Satgas 1", "chair": "kpk", "candidate": candidate.pk}
    data.update({f"{code}_user": user.pk for code, user in users.items()})

    response = client.post(reverse("assessments:team_build", args=[2026]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Siti Rahmawati memiliki konflik kepentingan (Kota Blitar: Berasal dari provinsi yang sama dengan "
        "daerah yang dinilai (Jawa Timur).). Tuliskan alasan tetap menugaskannya, atau pilih penilai lain."
    ]
    assert Team.objects.count() == 0

    data["pemprov_reason"] = "Kursi pemerintah provinsi sesuai komposisi tim."
    response = client.post(reverse("assessments:team_build", args=[2026]), data)
    team = Team.objects.get()
    assert response["Location"] == (
        reverse("assessments:assessment_create", args=[2026]) + f"?calon={candidate.pk}&tim={team.pk}"
    )
    assert (
        team.members.get(user=conflicted).conflict_reason == "Kursi pemerintah provinsi sesuai komposisi tim."
    )
    team_page = client.get(team.get_absolute_url()).content.decode()
    assert "Kursi pemerintah provinsi sesuai komposisi tim." in team_page


def test_adding_a_conflicted_member_to_a_team_with_an_assessment_needs_a_reason(
    staff, kota_blitar, jawa_timur
):
    assessment = AssessmentFactory(candidate__region=kota_blitar)
    conflicted = provincial_member(jawa_timur, name="Siti")
    with pytest.raises(ValidationError) as error:
        services.add_team_member(team=assessment.team, user=conflicted, by=staff)
    assert error.value.code == "conflict_reason_required"
    assert assessment.team.members.filter(user=conflicted).exists() is False
    member = services.add_team_member(
        team=assessment.team, user=conflicted, by=staff, conflict_reason="Alasan."
    )
    assert member.conflict_reason == "Alasan."


def test_scheduling_refuses_a_team_with_an_unexplained_conflict(staff, programme_year, maros_like):
    from assessments.services.framework import create_default_framework, publish_framework

    candidate, conflicted = maros_like
    publish_framework(framework=create_default_framework(programme_year=programme_year, by=staff), by=staff)
    team = services.create_team(programme_year=programme_year, name="Satgas 1", by=staff)
    TeamMemberFactory(team=team, user=conflicted)  # seated before the region was known
    with pytest.raises(ValidationError) as error:
        services.schedule_assessment(candidate=candidate, team=team, starts_on=date(2026, 12, 1),
                                     ends_on=date(2026, 12, 2), place="Blitar", by=staff)  # fmt: skip
    assert error.value.code == "conflict_reason_required"
    services.set_conflict_reason(member=team.members.get(), reason="Sesuai komposisi tim.", by=staff)
    services.schedule_assessment(candidate=candidate, team=team, starts_on=date(2026, 12, 1),
                                 ends_on=date(2026, 12, 2), place="Blitar", by=staff)  # fmt: skip


def test_a_conflict_recorded_by_staff_counts(client, staff, kota_mataram):
    assessment = AssessmentFactory(candidate__region=kota_mataram)
    bpkp = UserFactory(name="Maria", institution=Institution.BPKP)
    member = TeamMemberFactory(team=assessment.team, user=bpkp)
    client.force_login(staff)
    client.post(
        reverse("assessments:declare_conflict", args=[assessment.pk]),
        {"user": bpkp.pk, "description": "Adik kandungnya Kepala Bappeda Kota Mataram."},
    )
    assert services.conflicts_for(assessment) == {
        bpkp.pk: "Dicatat staf: Adik kandungnya Kepala Bappeda Kota Mataram."
    }
    assert AuditEntry.objects.filter(action="conflict.declare").count() == 1
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Belum ada alasan tertulis." in page
    services.set_conflict_reason(member=member, reason="Tidak menilai indikator perencanaan.", by=staff)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Alasan tetap ditugaskan: Tidak menilai indikator perencanaan." in page


def test_persona_the_conflicted_assessor_sees_the_warning_others_do_not(
    client, staff, kota_blitar, jawa_timur
):
    """The conflicted assessor sees the flag on her home page, on every page of the assessment and beside
    her name in the plenary; a colleague on the team sees it only in the plenary; staff see the team's."""
    assessment = AssessmentFactory(candidate__region=kota_blitar)
    conflicted = provincial_member(jawa_timur, name="Siti Rahmawati")
    TeamMemberFactory(
        team=assessment.team, user=conflicted, role=TeamRole.MEMBER, conflict_reason="Sesuai komposisi."
    )
    colleague = UserFactory(name="Andi", institution=Institution.KPK)
    TeamMemberFactory(team=assessment.team, user=colleague, role=TeamRole.CHAIR)
    warning = "Anda memiliki konflik kepentingan dengan daerah yang dinilai."
    pages = [
        reverse("scoring:assessment", args=[assessment.pk]),
        reverse("scoring:stage", args=[assessment.pk, "dokumen"]),
        reverse("evidence:workspace", args=[assessment.candidate.pk]),
        reverse("assessments:plenary", args=[assessment.pk]),
    ]

    client.force_login(conflicted)
    home = client.get(reverse("assessor_home")).content.decode()
    assert "Berasal dari provinsi yang sama dengan daerah yang dinilai (Jawa Timur)." in home
    for url in pages:
        response = client.get(url)
        assert (url, response.status_code, warning in response.content.decode()) == (url, 200, True)

    client.force_login(colleague)
    assert "Konflik kepentingan" not in client.get(reverse("assessor_home")).content.decode()
    for url in pages:
        assert warning not in client.get(url).content.decode()
    plenary = client.get(reverse("assessments:plenary", args=[assessment.pk]))
    assert list(plenary.context["conflict_flags"]) == ["Siti Rahmawati"]
    assert "Alasan tetap ditugaskan: Sesuai komposisi." in plenary.content.decode()


def test_a_new_field_visit_starts_at_now_in_the_region_time_zone(client, staff, kota_mataram):
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from assessments.services.scoring import open_stage

    assessment = AssessmentFactory(candidate__region=kota_mataram, time_zone="Asia/Makassar")
    open_stage(assessment, stage="lapangan", by=staff)
    member = UserFactory(institution=Institution.BPKP)
    TeamMemberFactory(team=assessment.team, user=member)
    client.force_login(member)
    before = timezone.localtime(timezone.now(), ZoneInfo("Asia/Makassar")).strftime("%Y-%m-%dT%H:%M")
    response = client.get(reverse("scoring:records", args=[assessment.pk, "lapangan"]))
    after = timezone.localtime(timezone.now(), ZoneInfo("Asia/Makassar")).strftime("%Y-%m-%dT%H:%M")
    page = response.content.decode()
    # rendered in the region's time (WITA, an hour ahead of the server's WIB)
    assert (
        f'name="kunjungan-visited_at" value="{before}"' in page
        or f'name="kunjungan-visited_at" value="{after}"' in page
    )


def test_scheduling_says_up_front_that_the_framework_is_unpublished(client, staff, programme_year):
    from assessments.services.framework import create_default_framework, publish_framework

    client.force_login(staff)
    url = reverse("assessments:assessment_create", args=[2026])
    notice = "Kerangka penilaian tahun ini belum terbit"
    assert notice in client.get(url).content.decode()
    framework = create_default_framework(programme_year=programme_year, by=staff)
    assert notice in client.get(url).content.decode()
    publish_framework(framework=framework, by=staff)
    assert notice not in client.get(url).content.decode()
