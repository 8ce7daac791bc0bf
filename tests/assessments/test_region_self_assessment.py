"""The self-assessment (penilaian mandiri), the worksheet (LKE) and its XLSX export; persona tests of every
region page."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from assessments.enums import SelfAssessmentStatus, Stage
from assessments.models import SelfAssessment
from assessments.services import monitoring as monitoring_services
from assessments.services import recommendations as recommendation_services
from assessments.services.scoring import Entry, save_stage_scores
from assessments.services.selfassessment import (
    SelfEntry,
    invite_contributor,
    reopen_self_assessment,
    save_self_assessment,
    set_region_schedule,
)
from audit.models import AuditEntry
from tests.assessments.region_fixtures import *  # noqa: F403 (the fixtures)
from tests.assessments.region_fixtures import announce, finalise, pdf_upload, personas, region_colleague
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fill(scene, by, *, submit=False, values=(Decimal("90"), Decimal("3.5")), today=None):
    first, second = scene.indicators
    return save_self_assessment(
        candidate=scene.candidate,
        entries={
            first.pk: SelfEntry(values[0], "Perwali WBS berlaku sejak 2023.", (scene.document.pk,)),
            second.pk: SelfEntry(values[1], "UPG aktif."),
        },
        by=by,
        submit=submit,
        today=today,
    )


def test_the_inspector_keeps_a_draft_then_submits_once(scene):
    draft = fill(scene, scene.inspector)
    assert draft.status == SelfAssessmentStatus.DRAFT
    submitted = fill(scene, scene.inspector, submit=True)

    assert submitted.status == SelfAssessmentStatus.SUBMITTED
    assert submitted.submitted_by == scene.inspector
    score = submitted.scores.get(indicator=scene.indicators[0])
    assert (score.value, score.justification, list(score.documents.all())) == (
        Decimal("90.00"),
        "Perwali WBS berlaku sejak 2023.",
        [scene.document],
    )
    with pytest.raises(ValidationError) as refused:
        fill(scene, scene.inspector, values=(Decimal("50"), Decimal("1")))
    assert refused.value.code == "submitted"
    assert [
        entry.action for entry in AuditEntry.objects.order_by("pk") if "self_assessment" in entry.action
    ] == [
        "assessments.save_self_assessment",
        "assessments.submit_self_assessment",
    ]


def test_submitting_needs_every_scored_indicator_and_values_inside_the_scale(scene):
    first, second = scene.indicators
    with pytest.raises(ValidationError) as incomplete:
        save_self_assessment(
            candidate=scene.candidate,
            entries={first.pk: SelfEntry(Decimal("90"))},
            by=scene.inspector,
            submit=True,
        )
    assert incomplete.value.code == "incomplete"
    with pytest.raises(ValidationError) as out_of_scale:
        save_self_assessment(
            candidate=scene.candidate, entries={second.pk: SelfEntry(Decimal("4.5"))}, by=scene.inspector
        )
    assert out_of_scale.value.code == "out_of_scale"
    assert SelfAssessment.objects.count() == 0  # a refused save leaves nothing behind


def test_staff_reopen_with_a_reason(scene, staff):
    fill(scene, scene.inspector, submit=True)
    with pytest.raises(ValidationError):
        reopen_self_assessment(candidate=scene.candidate, by=staff, reason=" ")
    with pytest.raises(PermissionDenied):
        reopen_self_assessment(candidate=scene.candidate, by=scene.inspector, reason="Perbaikan")

    reopened = reopen_self_assessment(
        candidate=scene.candidate, by=staff, reason="Nilai indikator 3 salah ketik."
    )

    assert (reopened.status, reopened.reopen_reason) == (
        SelfAssessmentStatus.DRAFT,
        "Nilai indikator 3 salah ketik.",
    )
    assert fill(scene, scene.inspector, values=(Decimal("85"), Decimal("3"))).scores.get(
        indicator=scene.indicators[0]
    ).value == Decimal("85.00")


def test_the_deadline_staff_set_closes_the_self_assessment(scene, staff):
    set_region_schedule(
        programme_year=scene.candidate.programme_year,
        self_assessment_due_on=date(2025, 9, 30),
        objection_working_days=5,
        by=staff,
    )
    fill(scene, scene.inspector, today=date(2025, 9, 30))
    with pytest.raises(ValidationError) as late:
        fill(scene, scene.inspector, submit=True, today=date(2025, 10, 1))
    assert str(late.value.messages[0]) == "Batas waktu penilaian mandiri (30 September 2025) sudah lewat."


def test_an_invited_colleague_of_the_same_region_fills_it_with_an_own_account(scene, kota_mataram):
    colleague = region_colleague(scene.candidate.region)
    stranger = UserFactory(username="pemda.mataram", inspector=True, region=kota_mataram)
    with pytest.raises(ValidationError):
        invite_contributor(candidate=scene.candidate, user=stranger, by=scene.inspector)
    with pytest.raises(PermissionDenied):
        invite_contributor(candidate=scene.candidate, user=colleague, by=scene.scoring.member)

    invite_contributor(candidate=scene.candidate, user=colleague, by=scene.inspector)
    fill(scene, colleague)

    assert SelfAssessment.objects.get().scores.get(indicator=scene.indicators[1]).updated_by == colleague
    with pytest.raises(PermissionDenied):
        fill(scene, stranger)


def test_a_document_of_another_candidacy_cannot_be_linked(scene):
    from assessments.services.evidence import upload_document

    other = upload_document(
        candidate=scene.scoring.other_assessment.candidate,
        title="Dokumen Mataram",
        indicators=scene.indicators[:1],
        file=pdf_upload(),
        by=scene.other_inspector,
    )
    with pytest.raises(ValidationError) as refused:
        save_self_assessment(
            candidate=scene.candidate,
            entries={scene.indicators[0].pk: SelfEntry(Decimal("1"), "", (other.pk,))},
            by=scene.inspector,
        )
    assert refused.value.code == "foreign_document"


def test_the_form_saves_a_draft_with_a_decimal_comma_and_submits(scene, client):
    first, second = scene.indicators
    client.force_login(scene.inspector)
    url = reverse("region:self_assessment", kwargs={"pk": scene.candidate.pk})
    data = {
        f"nilai_{first.pk}": "87,5",
        f"penjelasan_{first.pk}": "WBS terhubung ke JAGA.",
        f"bukti_{first.pk}": [scene.document.pk],
        f"nilai_{second.pk}": "",
    }
    assert client.post(url, {**data, "simpan": "1"})["Location"] == url
    refused = client.post(url, {**data, "kirim": "1"})
    assert refused.status_code == 400
    assert client.post(url, {**data, f"nilai_{second.pk}": "3,25", "kirim": "1"})["Location"] == url

    page = client.get(url)
    assert page.context["self_assessment"].status == SelfAssessmentStatus.SUBMITTED
    html = page.content.decode()
    assert 'value="87,50"' in html and "disabled" in html
    assert client.post(url, {**data, "simpan": "1"}).status_code == 400


def test_assessors_see_the_submitted_self_score_beside_their_field(scene, client):
    fill(scene, scene.inspector)
    client.force_login(scene.scoring.member)
    url = reverse("scoring:stage", kwargs={"pk": scene.assessment.pk, "stage": Stage.DOCUMENTS})

    assert 'data-testid="self-score-2"' not in client.get(url).content.decode()  # a draft is not shown
    fill(scene, scene.inspector, submit=True)
    html = client.get(url).content.decode()

    assert 'data-testid="self-score-2">Nilai mandiri daerah: <strong>90,00</strong>' in html
    assert 'data-testid="self-score-3">Nilai mandiri daerah: <strong>3,50</strong>' in html


# The worksheet (LKE).


def score_stage(scene, assessor, values, *, notes=("", "")):
    entries = {
        indicator.pk: Entry(value=value, note=note)
        for indicator, value, note in zip(scene.indicators, values, notes, strict=True)
    }
    save_stage_scores(
        scene.assessment, assessor=assessor, stage=Stage.DOCUMENTS, scores=entries, submit=True, version=0
    )


def read_xlsx(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_worksheet_xlsx_has_every_column_with_a_decimal_comma(scene, client, staff):
    fill(scene, scene.inspector, submit=True)
    scoring = scene.scoring
    score_stage(scene, scoring.colleague, (Decimal("70"), Decimal("3")), notes=("WBS belum terhubung.", ""))
    score_stage(scene, scoring.member, (Decimal("80.5"), Decimal("4")))
    plenary = finalise(scene, values=(Decimal("75"), Decimal("3.5")))
    announce(plenary, staff)
    recommendation_services.add_recommendation(
        candidate=scene.candidate,
        source="pleno",
        indicator=scene.indicators[0],
        text="Hubungkan WBS ke aplikasi JAGA.",
        agency="Inspektorat Daerah",
        due_on=date(2026, 3, 31),
        by=scoring.member,
    )
    client.force_login(staff)

    response = client.get(reverse("region:worksheet_xlsx", kwargs={"pk": scene.candidate.pk}))

    assert response["Content-Disposition"] == 'attachment; filename="lke-35.72-2025.xlsx"'
    rows = read_xlsx(response.content)
    assert rows[0] == [
        "Komponen",
        "Kode",
        "Indikator",
        "Bobot",
        "Rubrik",
        "Nilai mandiri",
        "Penjelasan mandiri",
        "Bukti dukung (judul, versi, status)",
        "Pemeriksaan dokumen - Andi Pratama",
        "Pemeriksaan dokumen - Budi Santoso",
        "Rata-rata penilai",
        "Nilai pleno",
        "Nilai tertimbang",
        "Rekomendasi",
        "Catatan",
    ]
    assert rows[1] == [
        "1. Tata Kelola Pemerintahan Daerah",
        "1",
        "Nilai MCP/MCSP",
        "10,00",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    assert rows[2] == [
        "2. Peningkatan Kualitas Pengawasan",
        "2",
        "Indikator 2",
        "45,00",
        "100: Sangat baik; 0: Tidak ada",
        "90,00",
        "Perwali WBS berlaku sejak 2023.",
        "Perwali WBS, v1, Menunggu pemeriksaan",
        "80,50",
        "70,00",
        "75,25",
        "75,00",
        "33,75",
        "Hubungkan WBS ke aplikasi JAGA. (Inspektorat Daerah)",
        "Pemeriksaan dokumen, Budi Santoso: WBS belum terhubung.",
    ]
    assert rows[3][3:13] == [
        "45,00",
        "4: Sangat baik; 0: Tidak ada",
        "3,50",
        "UPG aktif.",
        "",
        "4,00",
        "3,00",
        "3,50",
        "3,50",
        "39,38",
    ]
    assert len(rows) == 4


def test_the_worksheet_hides_colleagues_scores_until_the_member_submits(scene, client):
    scoring = scene.scoring
    score_stage(scene, scoring.colleague, (Decimal("70"), Decimal("3")))
    client.force_login(scoring.member)
    url = reverse("region:worksheet_xlsx", kwargs={"pk": scene.candidate.pk})

    before = read_xlsx(client.get(url).content)
    score_stage(scene, scoring.member, (Decimal("80"), Decimal("4")))
    after = read_xlsx(client.get(url).content)

    assert before[0][8:] == ["Rata-rata penilai", "Catatan"]
    assert after[0][8:] == [
        "Pemeriksaan dokumen - Andi Pratama",
        "Pemeriksaan dokumen - Budi Santoso",
        "Rata-rata penilai",
        "Catatan",
    ]
    page = client.get(reverse("region:worksheet", kwargs={"pk": scene.candidate.pk}))
    assert page.context["sheet"].hidden_stages == [
        "Cek lapangan",
        "Paparan kepala daerah",
        "Diskusi dan tanya jawab",
    ]


def test_the_inspector_sees_the_self_assessment_and_evidence_and_agreed_scores_once_announced(
    scene, client, staff
):
    fill(scene, scene.inspector, submit=True)
    score_stage(scene, scene.scoring.member, (Decimal("80"), Decimal("4")))
    client.force_login(scene.inspector)
    url = reverse("region:worksheet_xlsx", kwargs={"pk": scene.candidate.pk})

    plenary = finalise(scene)
    before = read_xlsx(client.get(url).content)
    announce(plenary, staff)
    after = read_xlsx(client.get(url).content)

    assert before[0] == [
        "Komponen",
        "Kode",
        "Indikator",
        "Bobot",
        "Rubrik",
        "Nilai mandiri",
        "Penjelasan mandiri",
        "Bukti dukung (judul, versi, status)",
    ]
    assert after[0][8:] == ["Nilai pleno", "Nilai tertimbang", "Rekomendasi"]
    assert after[2][8:] == ["80,00", "36,00", ""]


# Persona tests of every new page.

EXPECTED = {
    "staff": 200,
    "team": 200,
    "other_team": 404,
    "recused": 404,
    "inspector": 200,
    "other_inspector": 404,
}


def region_urls(scene, staff):
    monitoring_round = monitoring_services.open_round(
        candidate=scene.candidate, held_on=date(2025, 6, 2), kind="monev", by=staff
    )
    item = recommendation_services.add_recommendation(
        candidate=scene.candidate,
        source="observasi",
        text="Bentuk UPG.",
        agency="Inspektorat",
        due_on=date(2025, 8, 1),
        by=staff,
    )
    recommendation_services.follow_up(
        recommendation=item,
        text="SK UPG terbit.",
        files=[pdf_upload("sk-upg.pdf")],
        by=scene.inspector,
    )
    pk = scene.candidate.pk
    return {
        "self_assessment": reverse("region:self_assessment", kwargs={"pk": pk}),
        "worksheet": reverse("region:worksheet", kwargs={"pk": pk}),
        "worksheet_xlsx": reverse("region:worksheet_xlsx", kwargs={"pk": pk}),
        "monitoring": reverse("region:monitoring", kwargs={"pk": pk}),
        "round": monitoring_round.get_absolute_url(),
        "recommendations": reverse("region:recommendations", kwargs={"pk": pk}),
        "recommendation": item.get_absolute_url(),
        "objection": reverse("region:objection", kwargs={"pk": pk}),
        "file": item.files.get().get_absolute_url(),
    }


def test_personas_on_every_region_page(scene, client, staff):
    users = personas(scene)
    for name, url in region_urls(scene, staff).items():
        client.logout()
        anonymous = client.get(url)
        assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (302, "/akun/masuk/"), name
        for persona, user in users.items():
            client.force_login(user)
            response = client.get(url)
            if response.streaming:
                # Read to the end: the test client then closes the file without firing the end-of-request
                # signal that would close the test's database connection (response.close() fires it).
                b"".join(response.streaming_content)
            assert response.status_code == EXPECTED[persona], (name, persona)
    for url in ("/daerah/calon/999999/lke/", "/daerah/monev/999999/", "/daerah/rekomendasi/999999/"):
        client.force_login(users["other_team"])
        assert client.get(url).status_code == 404


def test_only_staff_set_the_schedule(scene, client):
    url = reverse("region:schedule", kwargs={"year": 2025})
    for persona, user in personas(scene).items():
        client.force_login(user)
        assert client.get(url).status_code == (200 if persona == "staff" else 404), persona
    client.force_login(scene.scoring.staff)
    response = client.post(url, {"self_assessment_due_on": "2025-09-30", "objection_working_days": "7"})
    assert response["Location"] == "/program/2025/"
    schedule = scene.candidate.programme_year.region_schedule
    assert (schedule.self_assessment_due_on, schedule.objection_working_days) == (date(2025, 9, 30), 7)


def test_readers_who_may_not_act_get_403(scene, client):
    url = reverse("region:self_assessment", kwargs={"pk": scene.candidate.pk})
    client.force_login(scene.scoring.member)
    assert client.post(url, {"simpan": "1"}).status_code == 403
    reopen = reverse("region:self_assessment_reopen", kwargs={"pk": scene.candidate.pk})
    assert client.post(reopen, {"reason": "x"}).status_code == 403
    client.force_login(scene.other_inspector)
    assert client.post(url, {"simpan": "1"}).status_code == 404


@pytest.mark.parametrize("scored", [2, 18])
def test_the_worksheet_page_runs_a_constant_number_of_queries(
    kota_blitar, kota_mataram, assessor, staff, inspector, client, django_assert_num_queries, scored
):
    from tests.assessments.scoring_factories import build_scoring

    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=scored
    )
    candidate = scoring.assessment.candidate
    save_self_assessment(
        candidate=candidate,
        entries={indicator.pk: SelfEntry(Decimal("1"), "x") for indicator in scoring.indicators},
        by=inspector,
        submit=True,
    )
    save_stage_scores(
        scoring.assessment,
        assessor=scoring.colleague,
        stage=Stage.DOCUMENTS,
        scores={indicator.pk: Entry(value=Decimal("1"), note="n") for indicator in scoring.indicators},
        submit=True,
        version=0,
    )
    client.force_login(staff)
    with django_assert_num_queries(WORKSHEET_QUERIES):
        response = client.get(reverse("region:worksheet", kwargs={"pk": candidate.pk}))
    assert len(response.context["lines"]) == scored + 1


# The same 13 queries with 3 or 19 indicators (session, user, candidate, permissions, framework, rubric,
# self-assessment and its scores and documents, evidence, submissions, scores, announcement).
WORKSHEET_QUERIES = 13


def test_staff_and_the_team_read_the_self_assessment_once_submitted(scene, client):
    fill(scene, scene.inspector)
    url = reverse("region:self_assessment", kwargs={"pk": scene.candidate.pk})
    lke = reverse("region:worksheet_xlsx", kwargs={"pk": scene.candidate.pk})
    client.force_login(scene.scoring.member)

    draft = client.get(url)
    draft_sheet = read_xlsx(client.get(lke).content)
    fill(scene, scene.inspector, submit=True)
    submitted = client.get(url)

    assert draft.context["draft_hidden"] is True
    assert 'value="90,00"' not in draft.content.decode()
    assert draft_sheet[2][5:7] == ["", ""]
    assert submitted.context["draft_hidden"] is False
    assert 'value="90,00"' in submitted.content.decode()
    assert read_xlsx(client.get(lke).content)[2][5:7] == ["90,00", "Perwali WBS berlaku sejak 2023."]
