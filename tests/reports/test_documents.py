"""Issuing a document is an act: GET never issues; a POST of someone allowed to issue it does, once (audit
entry); every later download serves the same stored file with the same code; the record and the score
report of a plenary still open are drafts; the verification page says when and by what a document was
replaced."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from assessments.enums import AnnouncementKind
from audit.models import AuditEntry
from reports.enums import DocumentKind
from reports.models import IssuedDocument
from tests.assessments.test_plenary_demo import blitar  # noqa: F401 (fixture: the demo, finalised and announced)
from tests.reports.pdf import pdf_text, stored_pdf

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))


def record_url(plenary, report="berita-acara"):
    return reverse("reports:plenary_pdf", kwargs={"pk": plenary.assessment_id, "report": report})


def announcement_url(plenary, kind):
    return reverse("reports:announcement_pdf", kwargs={"pk": plenary.assessment_id, "kind": kind})


def download(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_get_never_issues_and_a_post_of_the_chair_issues_once(client, blitar):  # noqa: F811
    url = record_url(blitar)
    login(client, "penilai.kpk")  # the chair

    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="not-issued"' in page.content.decode()
    assert IssuedDocument.objects.count() == 0

    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, url)
    document = IssuedDocument.objects.get()
    assert (document.kind, document.source, document.issued_by.username) == (
        DocumentKind.PLENARY_RECORD,
        f"plenary:{blitar.pk}",
        "penilai.kpk",
    )
    entry = AuditEntry.objects.get(action="reports.issue_pdf")
    assert (entry.actor.username, entry.after["code"]) == ("penilai.kpk", document.code)

    first, second = download(client.get(url)), download(client.get(url))
    assert first == second == stored_pdf(document)
    assert f"Kode verifikasi {document.code}" in pdf_text(first)
    client.post(url)  # asking again issues nothing new
    assert IssuedDocument.objects.count() == 1
    assert AuditEntry.objects.filter(action="reports.issue_pdf").count() == 1


def test_who_may_issue_and_download(client, blitar):  # noqa: F811
    url = record_url(blitar)

    login(client, "penilai.bpkp")  # a member: sees the plenary, not its documents
    assert (client.get(url).status_code, client.post(url).status_code) == (403, 403)
    login(client, "inspektur.blitar")
    assert (client.get(url).status_code, client.post(url).status_code) == (404, 404)
    client.logout()
    assert client.post(url).status_code == 302  # to the log-in page
    assert IssuedDocument.objects.count() == 0

    # The announcement: staff issue it, the chair downloads it once issued.
    provisional = announcement_url(blitar, AnnouncementKind.PROVISIONAL)
    login(client, "penilai.kpk")
    assert client.post(provisional).status_code == 403
    login(client, "permas")
    client.post(provisional)
    login(client, "penilai.kpk")
    assert pdf_text(download(client.get(provisional))).count("PENGUMUMAN HASIL PENILAIAN SEMENTARA") == 1


def test_the_final_announcement_supersedes_the_provisional_one_on_the_verification_page(
    client,
    blitar,  # noqa: F811
):
    login(client, "permas")
    client.post(announcement_url(blitar, AnnouncementKind.PROVISIONAL))
    provisional = IssuedDocument.objects.get(kind=DocumentKind.PROVISIONAL_ANNOUNCEMENT)
    page = client.get(provisional.get_absolute_url()).content.decode()
    assert 'data-testid="superseded"' not in page
    with translation.override("id"):
        day = date_format(timezone.localtime(provisional.issued_at), "j F Y")
    assert f"Antikorupsi KPK pada {day}." in page

    client.post(announcement_url(blitar, AnnouncementKind.FINAL))
    final = IssuedDocument.objects.get(kind=DocumentKind.FINAL_ANNOUNCEMENT)
    provisional.refresh_from_db()
    assert provisional.superseded_by == final
    assert provisional.current == final

    client.logout()
    page = client.get(provisional.get_absolute_url()).content.decode()
    assert 'data-testid="superseded"' in page
    assert f'href="{final.get_absolute_url()}" data-testid="current-link"' in page
    assert "Pengumuman hasil penilaian akhir" in page
    assert 'data-testid="superseded"' not in client.get(final.get_absolute_url()).content.decode()
    # the provisional file is still the one that was issued
    login(client, "permas")
    assert download(client.get(reverse("reports:download", kwargs={"code": provisional.code}))) == stored_pdf(
        provisional
    )


def test_the_year_summary_is_queued_by_staff_only(client, blitar):  # noqa: F811
    url = reverse("reports:year_summary_pdf", kwargs={"year": 2025})
    login(client, "permas")

    assert 'data-testid="not-issued"' in client.get(url).content.decode()
    client.post(url)  # queued for the task worker (tests/reports/test_tasks.py runs it)

    assert IssuedDocument.objects.count() == 0
    assert 'data-testid="job-progress"' in client.get(url).content.decode()
    login(client, "penilai.kpk")
    assert (client.get(url).status_code, client.post(url).status_code) == (404, 404)
