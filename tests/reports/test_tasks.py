"""The year summary off the request: the POST queues a task (Django's Tasks API, database backend) and
returns at once without rendering anything; the page shows the progress; the worker (`db_worker`) issues
the PDF, which the page then serves; a failure is shown with its reason and can be asked for again."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEntry
from reports import contexts
from reports.models import IssuedDocument, ReportJob
from tests.assessments.test_plenary_queries import announced_candidates
from tests.reports.pdf import pdf_text

# The worker runs in its own transactions, as it does beside the server.
pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def test_the_request_queues_the_year_summary_and_the_worker_issues_it(
    client, staff, django_assert_max_num_queries
):
    programme_year = announced_candidates(3)
    url = reverse("reports:year_summary_pdf", kwargs={"year": programme_year.year})
    client.force_login(staff)

    # session, user, year; the pending job check, the job, the task row, the job's task id, the audit entry
    with django_assert_max_num_queries(12):
        response = client.post(url)

    assert (response.status_code, response["Location"]) == (302, url)
    job = ReportJob.objects.get()
    assert (job.status, job.progress, job.requested_by) == (ReportJob.Status.QUEUED, 0, staff)
    assert IssuedDocument.objects.count() == 0  # nothing rendered in the request
    assert str(DBTaskResult.objects.get().id) == job.task_id
    assert AuditEntry.objects.filter(action="reports.request_document").count() == 1
    page = client.get(url).content.decode()
    assert 'data-testid="job-progress"' in page
    assert '<meta http-equiv="refresh" content="3">' in page
    client.post(url)  # asked again while queued: the same job
    assert ReportJob.objects.count() == 1

    run_worker()

    job.refresh_from_db()
    document = IssuedDocument.objects.get()
    assert (job.status, job.progress, job.document) == (ReportJob.Status.DONE, 100, document)
    assert document.issued_by == staff
    response = client.get(url)
    text = pdf_text(b"".join(response.streaming_content))
    assert "REKAPITULASI HASIL PENILAIAN" in text
    assert f"Kode verifikasi {document.code}" in text


def test_a_failure_is_shown_with_its_reason_and_can_be_retried(client, staff, monkeypatch):
    programme_year = announced_candidates(2)
    url = reverse("reports:year_summary_pdf", kwargs={"year": programme_year.year})
    client.force_login(staff)
    real = contexts.year_summary_report

    def broken(programme_year):
        raise RuntimeError("Berkas huruf tidak ditemukan")

    monkeypatch.setattr(contexts, "year_summary_report", broken)
    client.post(url)
    run_worker()
    monkeypatch.setattr(contexts, "year_summary_report", real)

    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.FAILED
    assert job.error.startswith("Berkas huruf tidak ditemukan")
    page = client.get(url).content.decode()
    assert 'data-testid="job-failed"' in page
    assert "Berkas huruf tidak ditemukan" in page
    assert "Coba lagi" in page

    client.post(url)
    run_worker()

    assert list(ReportJob.objects.order_by("pk").values_list("status", flat=True)) == [
        ReportJob.Status.FAILED,
        ReportJob.Status.DONE,
    ]
    assert IssuedDocument.objects.count() == 1
