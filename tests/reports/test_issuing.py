import hashlib
import os
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from reports.enums import DocumentKind
from reports.models import IssuedDocument
from reports.services.issuing import CODE_ALPHABET, Report, issue_pdf, new_code
from reports.services.rendering import BASE_URL, RefusedURL, RestrictedURLFetcher
from tests.reports.pdf import page_count, pdf_text, stored_pdf

pytestmark = pytest.mark.django_db


def sample_report(rows=3) -> Report:
    return Report(
        kind=DocumentKind.SCORE_REPORT,
        template_name="sample_pdf.html",
        context={"total": Decimal("92.15"), "day": date(2025, 11, 7), "rows": range(rows)},
        title="Laporan uji",
        subject="Kota Blitar, Percontohan 2025",
        statements=[("Nilai total", "92,15"), ("Predikat", "Istimewa")],
        source="sample:1",
    )


def test_new_code_is_twelve_unambiguous_characters_in_three_groups():
    code = new_code()

    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(code)


def test_issue_pdf_stores_the_file_its_checksum_and_an_audit_entry(sample_templates, staff):
    document = issue_pdf(sample_report(), base_url="https://antikorupsi.example", by=staff)

    data = stored_pdf(document)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.issued_by == staff
    assert document.statements == [["Nilai total", "92,15"], ["Predikat", "Istimewa"]]
    text = pdf_text(data)
    assert "Nilai 92,15 pada 7 November 2025" in text
    assert f"Kode verifikasi {document.code}" in text
    assert f"https://antikorupsi.example/verifikasi/{document.code}/" in text
    assert "Halaman 1 dari 1" in text
    entry = AuditEntry.objects.get(action="reports.issue_pdf")
    assert entry.actor == staff
    assert entry.after["sha256"] == document.sha256


def test_every_page_says_which_page_of_how_many(sample_templates):
    document = issue_pdf(sample_report(rows=150), base_url="https://antikorupsi.example")

    data = stored_pdf(document)
    pages = page_count(data)
    assert pages >= 3
    text = pdf_text(data)
    for number in range(1, pages + 1):
        assert f"Halaman {number} dari {pages}" in text


def test_the_fetcher_serves_static_files_and_refuses_the_network():
    fetcher = RestrictedURLFetcher()

    logo = fetcher.fetch(BASE_URL + "static/img/logo.svg")
    assert logo.read().startswith(b"<svg")
    font = fetcher.fetch(BASE_URL + "static/vendor/noto-sans/noto-sans-latin-400-normal.woff")
    assert font.read(4) == b"wOFF"
    for url in [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        BASE_URL + "etc/passwd",
        BASE_URL + "static/../../etc/passwd",
        BASE_URL + "media/../../etc/passwd",
    ]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_verification_page_shows_what_the_document_states_and_its_checksum(sample_templates, client):
    document = issue_pdf(sample_report(), base_url="http://testserver")

    response = client.get(reverse("reports:verify", kwargs={"code": document.code.lower()}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Laporan uji" in html
    assert "Kota Blitar, Percontohan 2025" in html
    assert '<dt class="col-sm-4">Nilai total</dt>' in html
    assert '<dd class="col-sm-8">92,15</dd>' in html
    assert f'<code class="text-break" data-testid="sha256">{document.sha256}</code>' in html


def test_a_made_up_code_gets_a_clear_404(client):
    response = client.get(reverse("reports:verify", kwargs={"code": "ZZZZ-ZZZZ-ZZZZ"}))

    assert response.status_code == 404
    html = response.content.decode()
    assert "Kode verifikasi tidak dikenal" in html
    assert "<code>ZZZZ-ZZZZ-ZZZZ</code> tidak pernah diterbitkan" in html
    assert IssuedDocument.objects.count() == 0


def test_download_is_for_staff_only(sample_templates, client, staff, assessor):
    document = issue_pdf(sample_report(), base_url="http://testserver")
    url = reverse("reports:download", kwargs={"code": document.code})

    assert client.get(url).status_code == 302
    client.force_login(assessor)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256


def test_starting_the_site_does_not_import_weasyprint():
    """WeasyPrint takes a second to import: only rendering a PDF may pay for it, not every process that
    loads the settings, the apps, the admin and the URLs (manage.py check, web workers, test workers)."""
    import subprocess
    import sys

    from django.conf import settings as django_settings

    script = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import reports.services.rendering, reports.services.issuing, reports.contexts; "
        "print(sorted(name for name in sys.modules if name.startswith('weasyprint')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "antikorupsi.test_settings"}
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.strip() == "[]"
