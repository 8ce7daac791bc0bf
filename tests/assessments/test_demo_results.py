"""What the public reads about the results: the demo's 2024 cohort (recorded outside the system) and its
2025 pilots, on the public page and in the year summary PDFs."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ProgrammeYear
from reports import contexts
from reports.services.issuing import issue_pdf
from tests.reports.pdf import pdf_text, stored_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_public_page_lists_the_2024_cohort_and_every_2025_pilot(client, demo):
    response = client.get(reverse("public:programme"))

    years = {
        programme_year.year: [
            (row["candidate"].region.full_name, row["result"].total, row["result"].predicate) for row in rows
        ]
        for programme_year, rows in response.context["years"].items()
    }
    assert years == {
        2025: [
            ("Kota Blitar", Decimal("92.15"), "Istimewa"),
            ("Kota Mataram", Decimal("91.85"), "Istimewa"),
            ("Kabupaten Minahasa Tenggara", Decimal("90.80"), "Istimewa"),
        ],
        2024: [
            ("Kota Surakarta", Decimal("96.10"), "Istimewa"),
            ("Kabupaten Kulon Progo", Decimal("95.10"), "Istimewa"),
            ("Kota Payakumbuh", Decimal("94.75"), "Istimewa"),
            ("Kabupaten Badung", None, ""),
        ],
    }
    html = response.content.decode()
    for figure in ("96,10", "95,10", "94,75", "91,85", "90,80"):
        assert figure in html
    badung = html[html.index('data-region="51.03"') :]
    badung = badung[: badung.index("</tr>")]
    assert "tidak dipublikasikan" in badung
    assert "DEMO/2024/HASIL" not in html  # the source stays on the staff pages


def test_a_revoked_pilot_with_a_recorded_result_says_so_with_its_date(client, demo, staff):
    from assessments.models import Candidate
    from assessments.services.candidates import revoke_candidate

    badung = Candidate.objects.get(programme_year__year=2024, region__code="51.03")
    revoke_candidate(candidate=badung, by=staff, revoked_on=date(2025, 3, 4), reason="Kasus bupati.")

    html = client.get(reverse("public:programme")).content.decode()

    row = html[html.index('data-region="51.03"') :]
    row = row[: row.index("</tr>")]
    assert "tidak dipublikasikan" in row
    assert "Status percontohan dicabut pada 4 Maret 2025" in row


def test_the_2024_year_summary_pdf_lists_the_cohort_and_badung_without_a_score(demo):
    programme_year = ProgrammeYear.objects.get(year=2024)

    document = issue_pdf(contexts.year_summary_report(programme_year), base_url="http://testserver")

    text = " ".join(pdf_text(stored_pdf(document)).split())  # table cells wrap
    assert "1 Kota Surakarta Jawa Tengah 96,10 Istimewa Dikukuhkan" in text
    assert "2 Kabupaten Kulon Progo Daerah Istimewa Yogyakarta 95,10 Istimewa Dikukuhkan" in text
    assert "3 Kota Payakumbuh Sumatera Barat 94,75 Istimewa Dikukuhkan" in text
    assert "- Kabupaten Badung Bali tidak dipublikasikan - Dikukuhkan" in text
    assert "4 daerah dinilai · 4 laik" in text


def test_the_2025_year_summary_pdf_ranks_the_plenary_and_the_recorded_results_together(demo):
    programme_year = ProgrammeYear.objects.get(year=2025)

    document = issue_pdf(contexts.year_summary_report(programme_year), base_url="http://testserver")

    text = " ".join(pdf_text(stored_pdf(document)).split())  # table cells wrap
    assert "1 Kota Blitar Jawa Timur 92,15 Istimewa Percontohan" in text
    assert "2 Kota Mataram Nusa Tenggara Barat 91,85 Istimewa Percontohan" in text
    assert "3 Kabupaten Minahasa Tenggara Sulawesi Utara 90,80 Istimewa Percontohan" in text
