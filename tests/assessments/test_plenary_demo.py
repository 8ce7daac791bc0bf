"""The Kota Blitar 2025 demo end to end, and the PDFs it yields, read back as text."""

import hashlib
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.demo.loader import load_demo
from assessments.enums import AnnouncementKind, CandidateStatus, PlenaryStatus
from assessments.models import Announcement, Plenary
from assessments.queries.plenary import final_review, frozen_result, plenary_result
from reports import contexts
from reports.models import IssuedDocument
from reports.services.issuing import issue_pdf
from tests.reports.pdf import pdf_text, stored_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def blitar(demo, db):
    return Plenary.objects.select_related("assessment__candidate__region").get(
        assessment__candidate__region__code="35.72", assessment__candidate__programme_year__year=2025
    )


def test_the_demo_runs_kota_blitar_to_the_final_announcement_and_loads_again_unchanged(blitar):
    assert blitar.status == PlenaryStatus.FINALISED
    assert blitar.total == Decimal("92.15")
    assert blitar.predicate == "Istimewa"
    assert blitar.laik is True
    provisional = blitar.announcements.get(kind=AnnouncementKind.PROVISIONAL)
    final = blitar.announcements.get(kind=AnnouncementKind.FINAL)
    assert (provisional.total, provisional.official_name, str(provisional.announced_on)) == (
        Decimal("92.15"),
        "Ibnu Basuki Widodo",
        "2025-11-07",
    )
    assert provisional.witnesses.count() == 5
    assert final.total == Decimal("92.15")
    assert blitar.assessment.candidate.status == CandidateStatus.PILOT

    load_demo()

    assert Announcement.objects.count() == 2
    assert Plenary.objects.get(pk=blitar.pk).total == Decimal("92.15")


def test_the_frozen_result_and_the_final_review(blitar):
    result = frozen_result(blitar)
    review = final_review(blitar)
    current = plenary_result(blitar)

    assert result.total == Decimal("92.15")
    assert result.is_provisional is True  # frozen with the provisional MCSP 2025 value
    assert (current.total, current.is_provisional) == (Decimal("92.15"), False)  # the final announcement's
    assert [feed.value for feed in review.provisional_feeds] == [Decimal("85.15")]
    assert [feed.value for feed in review.final_feeds] == [Decimal("86.02")]
    assert review.final.total == Decimal("92.15")
    assert review.is_lower is False


@pytest.mark.parametrize("kind", [AnnouncementKind.PROVISIONAL, AnnouncementKind.FINAL])
def test_announcement_pdfs(blitar, kind):
    announcement = blitar.announcements.get(kind=kind)

    document = issue_pdf(contexts.announcement_report(announcement), base_url="https://antikorupsi.example")

    text = pdf_text(stored_pdf(document))
    title = "SEMENTARA" if kind == AnnouncementKind.PROVISIONAL else "AKHIR"
    assert f"PENGUMUMAN HASIL PENILAIAN {title}" in text
    assert "92,15" in text
    assert "Predikat Istimewa" in text
    assert "Kota Blitar" in text
    assert "Ibnu Basuki Widodo" in text
    assert "Wakil Ketua KPK" in text
    assert "Kapolres Blitar Kota" in text
    assert f"Kode verifikasi {document.code}" in text
    if kind == AnnouncementKind.PROVISIONAL:
        assert "Jumat, 7 November 2025" in text
        assert "85,15 (tahun data 2025)" in text
    else:
        assert "Nilai sementara yang diumumkan pada 7 November 2025: 92,15." in text
        assert "86,02 (tahun data 2025)" in text


def test_plenary_record_and_score_report_pdfs(blitar):
    record = issue_pdf(contexts.plenary_record_report(blitar), base_url="https://antikorupsi.example")
    report = issue_pdf(contexts.score_report(blitar), base_url="https://antikorupsi.example")

    record_text = pdf_text(stored_pdf(record))
    assert "BERITA ACARA RAPAT PLENO" in record_text
    assert "Kamis, tanggal 6 November 2025" in record_text
    assert "Satgas 1" in record_text
    assert "Nilai total : 92,15 (akhir)" in record_text
    assert "yang dihadiri oleh" in record_text
    report_text = pdf_text(stored_pdf(report))
    assert "LAPORAN NILAI DAERAH" in report_text
    assert "Peningkatan Kualitas Pengawasan" in report_text
    assert "SKM belum mencakup seluruh unit layanan." in report_text
    assert "Perluas Survei Kepuasan Masyarakat" in report_text


def test_year_summary_pdf_and_the_verification_page(blitar, client):
    programme_year = blitar.assessment.candidate.programme_year
    document = issue_pdf(contexts.year_summary_report(programme_year), base_url="http://testserver")

    text = pdf_text(stored_pdf(document))
    assert "REKAPITULASI HASIL PENILAIAN" in text
    assert "1 Kota Blitar Jawa Timur 92,15 Istimewa Percontohan" in text
    response = client.get(reverse("reports:verify", kwargs={"code": document.code}))
    assert response.status_code == 200
    assert document.sha256 == hashlib.sha256(stored_pdf(document)).hexdigest()
    assert document.sha256 in response.content.decode()
    assert IssuedDocument.objects.count() == 1


def test_public_programme_page(blitar, client):
    response = client.get(reverse("public:programme"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kota Blitar" in html
    assert "92,15" in html
    assert "Satgas" not in html  # nothing of the team or the assessors


def test_admin_buttons_and_actions_issue_the_same_pdfs(blitar, client):
    from accounts.models import User

    client.force_login(User.objects.get(username="permas"))
    page = client.get(reverse("admin:assessments_plenary_change", args=[blitar.pk]))
    button = reverse("admin:assessments_plenary_report", args=[blitar.pk, "berita-acara"])
    assert button in page.content.decode()

    assert client.get(button).status_code == 405  # issuing is a POST
    response = client.post(button)
    data = b"".join(response.streaming_content)
    assert "BERITA ACARA RAPAT PLENO" in pdf_text(data)

    announcement = blitar.announcements.get(kind=AnnouncementKind.PROVISIONAL)
    response = client.post(
        reverse("admin:assessments_announcement_changelist"),
        {"action": "download_announcement", "_selected_action": [announcement.pk]},
    )
    data = b"".join(response.streaming_content)
    assert "PENGUMUMAN HASIL PENILAIAN SEMENTARA" in pdf_text(data)
    assert IssuedDocument.objects.count() == 2


def test_the_finalised_plenary_page_for_staff(blitar, client, django_assert_num_queries):
    """The finalised plenary as staff read it (the page the benchmarks time): both announcements, the total
    from the final one, every assessor's scores; announcements are read once the plenary is finalised."""
    from accounts.models import User

    client.force_login(User.objects.get(username="permas"))
    url = reverse("assessments:plenary", kwargs={"pk": blitar.assessment_id})
    client.get(url)  # the framework tree is kept from here on

    # session, user; the assessment with its team, framework and plenary; its candidate with region and
    # programme year; the plenary's agreed scores, attendance and announcements; the criterion value; the
    # team (the assessors' names and the conflicts of interest); the assessors' scores; the evidence
    with django_assert_num_queries(11):
        response = client.get(url)

    html = response.content.decode()
    announcements = response.context["announcements"]
    assert sorted(announcements) == [AnnouncementKind.FINAL, AnnouncementKind.PROVISIONAL]
    assert 'data-testid="final-source"' in html
    assert '<span class="fs-4 fw-semibold" data-testid="total">92,15</span>' in html
    assert len(response.context["sheet"].assessors) == 7
