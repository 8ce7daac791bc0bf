"""The plenary's sheet as CSV and XLSX (read back), with the assessors' scores only for readers who may see
them: Kota Blitar 2025 of the demo (finalised, seven assessors, four stages) and Kabupaten Maros 2026 (the
document stage open, nobody has submitted every opened stage)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from assessments.models import Assessment, PlenaryScore

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))


def export_url(region_code: str) -> str:
    assessment = Assessment.objects.get(candidate__region__code=region_code)
    return reverse("assessments:plenary_export", args=[assessment.pk])


def test_staff_export_every_assessor_score_per_stage_with_the_agreed_score(client):
    client.force_login(User.objects.get(username="permas"))

    rows = csv_rows(client.get(export_url("35.72"), {"format": "csv"}))

    header, body = rows[0], rows[1:]
    assert header[:3] == ["Kode", "Indikator", "Tahap"]
    assert header[-5:] == ["Rata-rata", "Median", "Selisih", "Nilai pleno", "Alasan"]
    assert len(header) == 3 + 7 + 5  # seven assessors
    assert len(body) == 19 * 4  # one row per indicator and stage
    second = [row for row in body if row[0] == "2"]
    assert [row[2] for row in second] == [
        "Pemeriksaan dokumen",
        "Cek lapangan",
        "Paparan kepala daerah",
        "Diskusi dan tanya jawab",
    ]
    agreed = PlenaryScore.objects.get(
        plenary__assessment__candidate__region__code="35.72", indicator__code="2"
    )
    assert {(row[-2], row[-1]) for row in second} == {
        (f"{agreed.value:.2f}".replace(".", ","), agreed.reason)
    }
    assert all(cell for cell in second[0][3:10])  # every assessor's document-stage score


def test_the_xlsx_has_numbers_and_a_title(client):
    client.force_login(User.objects.get(username="permas"))

    sheet = load_workbook(io.BytesIO(client.get(export_url("35.72"), {"format": "xlsx"}).content)).active

    assert sheet["A1"].value.startswith("Rapat pleno Kota Blitar, Percontohan 2025 · diekspor ")
    second = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "2")
    agreed = PlenaryScore.objects.get(
        plenary__assessment__candidate__region__code="35.72", indicator__code="2"
    )
    assert (second[-2].value, second[-2].number_format) == (agreed.value, "[$-421]#,##0.00")


def test_a_member_who_may_not_see_the_scores_gets_the_agreed_scores_alone(client):
    """Kabupaten Maros 2026: the document stage is open and its members have not submitted it, so the
    page hides their colleagues' scores; the export follows the same rule."""
    member = User.objects.get(username="penilai.sulsel")
    client.force_login(member)

    response = client.get(export_url("73.09"), {"format": "csv"})

    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0] == ["Kode", "Indikator", "Nilai pleno", "Alasan"]
    assert len(rows) == 1 + 19


def test_a_stranger_gets_nothing(client):
    client.force_login(User.objects.get(username="inspektur.mataram"))
    assert client.get(export_url("35.72"), {"format": "csv"}).status_code == 404
