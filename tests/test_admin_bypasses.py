"""Each bypass issue 10 found in the admin, tried again: the rule holds, nothing changes, and the staff member
reads why. Then the same for a superuser on history rows, and the five report actions."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from assessments.enums import AnnouncementKind, PlenaryStatus
from assessments.models import (
    Announcement,
    Assessment,
    Candidate,
    CandidateEvent,
    Indicator,
    Plenary,
    Recusal,
    TeamMember,
)
from assessments.services import teams as team_services
from audit.models import AuditEntry
from regions.models import CriterionValue
from reports import contexts
from reports.models import IssuedDocument
from reports.services.issuing import issue_pdf
from tests.admin_world import admin_post_data
from tests.factories import UserFactory
from tests.reports.pdf import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def plenary(db):
    """Kota Blitar's finalised 2025 plenary of the demo (loaded once for the module, tests/conftest.py)."""
    return Plenary.objects.get(assessment__candidate__region__code="35.72")


@pytest.fixture
def permas(client, plenary):
    user = User.objects.get(username="permas")
    client.force_login(user)
    return user


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_weight_of_an_indicator_of_a_used_framework_cannot_change(client, permas, plenary):
    indicator = Indicator.objects.filter(
        framework=plenary.assessment.framework, weight=Decimal("5.27")
    ).first()
    url = reverse("admin:assessments_indicator_change", args=[indicator.pk])

    page = client.get(url)
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert client.post(url, {**admin_post_data(page), "weight": "50"}).status_code == 403
    assert Indicator.objects.get(pk=indicator.pk).weight == Decimal("5.27")
    assert plenary.assessment.framework.weight_sum() == Decimal("100.00")
    assert client.post(reverse("admin:assessments_indicator_delete", args=[indicator.pk])).status_code == 403
    add = client.post(
        reverse("admin:assessments_indicator_add"),
        {"framework": plenary.assessment.framework_id, "component": indicator.component_id, "code": "99"},
    )
    assert add.context["adminform"].form.errors["framework"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]


def test_a_regional_inspector_cannot_be_seated_on_the_team(client, permas, plenary):
    team = plenary.assessment.team
    url = reverse("admin:assessments_team_change", args=[team.pk])
    page = client.get(url)
    data = admin_post_data(page)
    count = int(data["members-TOTAL_FORMS"])
    inspector = User.objects.get(username="inspektur.blitar")
    data.update(
        {
            "members-TOTAL_FORMS": str(count + 1),
            f"members-{count}-user": str(inspector.pk),
            f"members-{count}-role": "anggota",
        }
    )
    audit = AuditEntry.objects.count()

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.forms[count].errors
    assert errors == {"user": ["Hanya penilai aktif yang dapat menjadi anggota tim."]}
    assert not TeamMember.objects.filter(user=inspector).exists()
    assert AuditEntry.objects.count() == audit


def test_a_published_announcement_cannot_be_deleted_by_anyone(client, permas, plenary):
    announcement = plenary.announcements.get(kind=AnnouncementKind.PROVISIONAL)
    url = reverse("admin:assessments_announcement_delete", args=[announcement.pk])
    superuser = UserFactory(username="super", is_superuser=True)
    for user in (permas, superuser):
        client.force_login(user)
        assert (client.get(url).status_code, client.post(url, {"post": "yes"}).status_code) == (403, 403)
        changelist = client.get(reverse("admin:assessments_announcement_changelist"))
        assert "delete_selected" not in changelist.context["action_form"].fields["action"].choices.__str__()
    assert Announcement.objects.count() == 2
    assert Plenary.objects.get(pk=plenary.pk).status == PlenaryStatus.FINALISED


def test_a_recusal_cannot_be_withdrawn(client, permas, plenary):
    assessment = plenary.assessment
    member = User.objects.get(username="penilai.jatim")
    recusal = team_services.record_recusal(assessment=assessment, user=member, reason="Kerabat.", by=permas)

    assert (
        client.post(
            reverse("admin:assessments_recusal_delete", args=[recusal.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    data = admin_post_data(client.get(url))
    data["recusals-0-DELETE"] = "on"
    client.post(url, data)
    assert Recusal.objects.filter(pk=recusal.pk).exists()


def test_an_assessment_with_scores_keeps_its_team(client, permas, plenary):
    assessment = plenary.assessment
    other = team_services.create_team(
        programme_year=assessment.candidate.programme_year, name="Satgas 2", by=permas
    )
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    data = {**admin_post_data(client.get(url)), "team": str(other.pk)}
    audit = AuditEntry.objects.count()

    response = client.post(url, data)

    # The form comes back with the refusal above it and what was chosen still chosen.
    form = response.context["adminform"].form
    assert (response.status_code, form.non_field_errors()) == (
        200,
        ["Penilaian ini sudah memiliki nilai; timnya tidak dapat diganti."],
    )
    assert form["team"].value() == str(other.pk)
    assert "Penilaian ini sudah memiliki nilai; timnya tidak dapat diganti." in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).team == assessment.team
    assert AuditEntry.objects.count() == audit


def test_a_candidate_with_its_timeline_cannot_be_deleted(client, permas, plenary):
    candidate = plenary.assessment.candidate
    url = reverse("admin:assessments_candidate_delete", args=[candidate.pk])
    assert (client.get(url).status_code, client.post(url, {"post": "yes"}).status_code) == (403, 403)
    response = client.post(
        reverse("admin:assessments_candidate_changelist"),
        {"action": "delete_selected", "_selected_action": [candidate.pk], "post": "yes"},
        follow=True,
    )
    assert messages_of(response) == ["Tidak ada aksi yang dipilih."]
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert CandidateEvent.objects.filter(candidate=candidate).count() == 7


def test_a_criterion_value_with_revisions_cannot_be_deleted(client, permas, plenary):
    value = CriterionValue.objects.filter(revisions__isnull=False).order_by("pk").first()
    url = reverse("admin:regions_criterionvalue_delete", args=[value.pk])
    assert (client.get(url).status_code, client.post(url, {"post": "yes"}).status_code) == (403, 403)
    assert CriterionValue.objects.filter(pk=value.pk).exists()


@pytest.mark.parametrize(
    "admin_name",
    [
        "audit_auditentry",
        "reports_issueddocument",
        "assessments_announcement",
        "assessments_plenary",
        "assessments_candidate",
        "regions_criterionvalue",
        "assessments_score",
        "assessments_recusal",
    ],
)
def test_history_rows_are_read_only_for_superusers_too(client, plenary, admin_name):
    client.force_login(UserFactory(username="super", is_superuser=True))
    if admin_name == "reports_issueddocument":
        issue_pdf(contexts.plenary_record_report(plenary), base_url="http://testserver/")
    if admin_name == "assessments_recusal":
        team_services.record_recusal(
            assessment=plenary.assessment,
            user=User.objects.get(username="penilai.jatim"),
            reason="Kerabat.",
            by=User.objects.get(username="permas"),
        )
    changelist = client.get(reverse(f"admin:{admin_name}_changelist"))
    obj = changelist.context["cl"].result_list[0]
    page = client.get(reverse(f"admin:{admin_name}_change", args=[obj.pk]))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert (
        client.post(reverse(f"admin:{admin_name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    )
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_five_report_actions_download_pdfs(client, permas, plenary):
    def action(changelist, name, pk):
        response = client.post(reverse(changelist), {"action": name, "_selected_action": [pk]})
        assert response["Content-Type"] == "application/pdf"
        return pdf_text(b"".join(response.streaming_content))

    plenaries = "admin:assessments_plenary_changelist"
    announcements = "admin:assessments_announcement_changelist"
    provisional = plenary.announcements.get(kind=AnnouncementKind.PROVISIONAL)
    final = plenary.announcements.get(kind=AnnouncementKind.FINAL)
    year = plenary.assessment.candidate.programme_year

    assert "BERITA ACARA RAPAT PLENO" in action(plenaries, "download_plenary_record", plenary.pk)
    assert "LAPORAN NILAI DAERAH" in action(plenaries, "download_score_report", plenary.pk)
    assert "PENGUMUMAN HASIL PENILAIAN SEMENTARA" in action(
        announcements, "download_announcement", provisional.pk
    )
    assert "PENGUMUMAN HASIL PENILAIAN AKHIR" in action(announcements, "download_announcement", final.pk)
    summary = action("admin:assessments_programmeyear_changelist", "download_year_summary", year.pk)
    assert "1 Kota Blitar Jawa Timur 92,15 Istimewa Percontohan" in summary
    assert IssuedDocument.objects.count() == 5
    page = client.get(reverse("admin:assessments_programmeyear_change", args=[year.pk]))
    assert (
        reverse("admin:assessments_programmeyear_report", args=[year.pk, "rekapitulasi"])
        in page.content.decode()
    )


def test_a_member_with_scores_is_not_taken_off_the_team(client, permas, plenary):
    member = plenary.assessment.team.members.get(user__username="penilai.bpkp")
    url = reverse("admin:assessments_team_change", args=[plenary.assessment.team_id])
    data = admin_post_data(client.get(url))
    index = next(
        i for i in range(int(data["members-TOTAL_FORMS"])) if data[f"members-{i}-id"] == str(member.pk)
    )
    data[f"members-{index}-DELETE"] = "on"

    response = client.post(url, data)

    assert (response.status_code, response.context["adminform"].form.non_field_errors()) == (
        200,
        [
            f"{member.user} sudah mengisi nilai penilaian tim ini dan tidak dapat dikeluarkan; "
            "catat pengunduran dirinya."
        ],
    )
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_predicate_bands_freeze_with_the_framework(client, permas, plenary):
    year = plenary.assessment.candidate.programme_year
    page = client.get(reverse("admin:assessments_programmeyear_change", args=[year.pk]))
    bands = page.context["inline_admin_formsets"][0]
    assert (bands.has_add_permission, bands.has_delete_permission, bands.has_change_permission) == (
        False,
        False,
        False,
    )
