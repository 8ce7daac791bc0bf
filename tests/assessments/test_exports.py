"""List pages export CSV and XLSX in Indonesian through antikorupsi.exports, read back here."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.enums import CandidateStatus as S
from tests.assessments.factories import CandidateFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db


def test_the_candidate_list_exports_in_indonesian(client, staff, assessor, kota_blitar, kota_mataram):
    year = ProgrammeYearFactory(year=2026)
    CandidateFactory(
        programme_year=year,
        region=kota_blitar,
        status=S.DESIGNATED,
        proposer="Pemerintah Provinsi Jawa Timur",
        screening_eligible=True,
        designation_letter_number="B/1/DKM/2026",
        designation_letter_date=date(2026, 1, 17),
    )
    CandidateFactory(programme_year=year, region=kota_mataram, status=S.PROPOSED, proposer="Kemendagri")
    url = reverse("assessments:candidate_export", args=[2026])
    client.force_login(assessor)
    assert client.get(url).status_code == 404
    client.force_login(staff)

    csv_response = client.get(url, {"format": "csv", "status": S.DESIGNATED})
    xlsx_response = client.get(url, {"format": "xlsx"})

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:6] == [
        "Kode",
        "Kabupaten/kota",
        "Provinsi",
        "Status",
        "Pengusul",
        "Memenuhi kriteria saat skrining",
    ]
    assert rows[1:] == [
        [
            "35.72",
            "Kota Blitar",
            "Jawa Timur",
            "Ditetapkan sebagai calon",
            "Pemerintah Provinsi Jawa Timur",
            "Ya",
            "",
            "B/1/DKM/2026",
            "17 Januari 2026",
            "",
            "",
        ]
    ]
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet["A1"].value.startswith("Usulan dan calon tahun program 2026 · diekspor ")
    assert sheet.freeze_panes == "A3"
    assert sheet.max_row == 4
    blitar = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "35.72")
    assert (blitar[8].value.date(), blitar[8].number_format) == (date(2026, 1, 17), "[$-421]d mmmm yyyy")


def test_the_team_and_assessment_lists_export_in_indonesian(client, staff, assessor, kota_blitar):
    from tests.assessments.factories import AssessmentFactory, TeamMemberFactory

    assessment = AssessmentFactory(
        candidate__programme_year=ProgrammeYearFactory(year=2025),
        candidate__region=kota_blitar,
        place="Kantor Wali Kota Blitar",
    )
    TeamMemberFactory(team=assessment.team, user=assessor, role="ketua")
    client.force_login(staff)

    teams = client.get(reverse("assessments:team_export", args=[2025]), {"format": "csv"})
    schedule = client.get(reverse("assessments:assessment_export", args=[2025]), {"format": "xlsx"})

    rows = list(csv.reader(io.StringIO(teams.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [
        ["Tim", "Nama", "Peran", "Lembaga", "Jabatan", "Jumlah penilaian tim"],
        [assessment.team.name, "Andi Pratama", "Ketua", "BPKP", assessor.position, "1"],
    ]
    sheet = load_workbook(io.BytesIO(schedule.content)).active
    assert [cell.value for cell in sheet[2]] == [
        "Kode",
        "Kabupaten/kota",
        "Provinsi",
        "Tim",
        "Mulai",
        "Selesai",
        "Zona waktu",
        "Tempat",
        "Pengunduran diri",
    ]
    row = [cell.value for cell in sheet[3]]
    assert row[:4] == ["35.72", "Kota Blitar", "Jawa Timur", assessment.team.name]
    assert (row[4].date(), row[6], row[7], row[8]) == (date(2025, 11, 5), "WIB", "Kantor Wali Kota Blitar", 0)
