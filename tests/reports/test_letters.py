"""The documents as official letters (tata naskah dinas): a number from the year's pattern per kind, the
letterhead from the settings, the place-and-date line, the berita acara's opening, attendance, result,
signature blocks and closing formula, the issuing official of the office documents, "sementara"/"akhir"
from the MCP/MCSP value used, one A4 page for the provisional announcement; after the final announcement
the record and the score report state the final total. PDFs read back as text."""

import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from assessments.enums import AnnouncementKind
from reports import contexts
from reports.enums import DocumentKind
from reports.models import DocumentNumbering
from reports.services.issuing import issue_document
from tests.assessments.test_plenary_demo import blitar  # noqa: F401 (fixture: the demo, finalised and announced)
from tests.reports.pdf import page_count, pdf_text, stored_pdf

pytestmark = pytest.mark.django_db

BASE_URL = "https://antikorupsi.example"


def issue(report):
    document, _issued = issue_document(report, base_url=BASE_URL, by=User.objects.get(username="permas"))
    data = stored_pdf(document)
    # one space between words; none before a comma (the text layer splits a line at each variable)
    return document, re.sub(r" ,", ",", re.sub(r"\s+", " ", pdf_text(data))), data


def roman_month() -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[
        timezone.localdate().month - 1
    ]


def test_the_berita_acara_is_an_official_record_with_the_final_total(blitar):  # noqa: F811
    year = timezone.localdate().year

    document, text, _data = issue(contexts.plenary_record_report(blitar))

    assert document.number == f"BA/1/PLENO/PERMAS/{roman_month()}/{year}"
    assert f"Nomor: {document.number}" in text
    assert "Gedung Merah Putih KPK, Jl. Kuningan Persada Kav. 4" in text
    assert (
        "Pada hari ini, Kamis, tanggal 6 November 2025, bertempat di Kantor Wali Kota Blitar, Tim Penilai Satgas 1"
        in text
    )
    assert "Nilai total : 92,15 (akhir)" in text
    assert "sementara)" not in text
    assert "Pengumuman hasil penilaian akhir tanggal" in text
    assert (
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya." in text
    )
    assert "Kantor Wali Kota Blitar, 6 November 2025" in text
    for role_and_name in [
        "Ketua Tim",
        "Andi Pratama",
        "Sekretaris",
        "Sri Wahyuni",
        "Anggota",
        "Budi Santoso",
    ]:
        assert role_and_name in text
    assert (
        text.count("Disepakati tim setelah diskusi bukti dukung.") == blitar.scores.exclude(reason="").count()
    )
    assert text.index("Ketua Tim") < text.index("Sekretaris") < text.index("Anggota")


def test_the_score_report_and_the_year_summary_carry_the_issuing_official_and_date(blitar):  # noqa: F811
    with translation.override("id"):
        today = timezone.localdate()
        day = date_format(today, "j F Y")

    _document, report_text, _data = issue(contexts.score_report(blitar))
    summary, summary_text, _data = issue(
        contexts.year_summary_report(blitar.assessment.candidate.programme_year)
    )

    assert "92,15 Predikat Istimewa · Laik · nilai akhir" in report_text
    for text in (report_text, summary_text):
        assert f"Jakarta, {day}" in text
        assert "Yang menerbitkan," in text
        assert "Staf Direktorat Pembinaan Peran Serta Masyarakat Rina Kartika" in text
    assert summary.number.startswith("REK/1/PERMAS/")
    assert "nilai sementara (nilai akhir belum diumumkan)" not in summary_text  # no row carries an asterisk


def test_the_provisional_announcement_fits_one_page_and_says_sementara_only(blitar):  # noqa: F811
    announcement = blitar.announcements.get(kind=AnnouncementKind.PROVISIONAL)

    document, text, data = issue(contexts.announcement_report(announcement))

    assert page_count(data) == 1
    assert "Balai Kota Koesoemo Wicitro, Kota Blitar, 7 November 2025" in text
    assert "Kapolres Blitar Kota" in text
    assert f"Kode verifikasi: {document.code}" in text
    assert "bersifat sementara" in text
    assert "nilai akhir." not in text


def test_staff_set_the_numbering_pattern_of_a_kind_and_year(blitar):  # noqa: F811
    today = timezone.localdate()
    DocumentNumbering.objects.create(
        kind=DocumentKind.FINAL_ANNOUNCEMENT,
        year=today.year,
        pattern="B/{seq}/DKM.01.02/{month_roman}/{year}",
    )
    announcement = blitar.announcements.get(kind=AnnouncementKind.FINAL)

    document, text, _data = issue(contexts.announcement_report(announcement))

    assert document.number == f"B/1/DKM.01.02/{roman_month()}/{today.year}"
    assert f"Nomor: B/1/DKM.01.02/{roman_month()}/{today.year}" in text
    assert "bersifat sementara" not in text
    assert DocumentNumbering.objects.get(kind=DocumentKind.FINAL_ANNOUNCEMENT).last_number == 1


def test_the_letterhead_comes_from_the_settings(blitar, settings):  # noqa: F811
    settings.LETTERHEAD = {
        **settings.LETTERHEAD,
        "address": "Jl. Contoh No. 1, Jakarta",
        "contact": "Telepon 123",
    }

    _document, text, _data = issue(contexts.score_report(blitar))

    assert "Jl. Contoh No. 1, Jakarta · Telepon 123" in text
