"""Issuing a document off the request: the POST queues a job (``request_document``) and returns at once;
the task worker runs it (``run_job``, called by ``reports.tasks.issue_report_job``), reporting progress,
and records either the issued document or the reason it failed. A failed job can be asked for again."""

from __future__ import annotations

import traceback

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from reports.models import ReportJob
from reports.services.issuing import Report, issue_document


def pending_job(kind: str, source: str) -> ReportJob | None:
    return ReportJob.objects.filter(
        kind=kind, source=source, status__in=(ReportJob.Status.QUEUED, ReportJob.Status.RUNNING)
    ).first()


def latest_job(kind: str, source: str) -> ReportJob | None:
    return ReportJob.objects.filter(kind=kind, source=source).order_by("-requested_at", "-pk").first()


@transaction.atomic
def request_document(*, kind: str, source: str, base_url: str, by) -> ReportJob:
    """Queue the issuing of the document of ``kind`` for ``source`` (once: a job already queued or
    running is returned as it is). Renders nothing."""
    from reports.tasks import issue_report_job

    existing = pending_job(kind, source)
    if existing is not None:
        return existing
    job = ReportJob.objects.create(
        kind=kind, source=source, base_url=base_url, requested_at=timezone.now(), requested_by=by
    )
    result = issue_report_job.enqueue(job.pk)
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])
    record(actor=by, action="reports.request_document", obj=job, after={"kind": kind, "source": source})
    return job


def _update(job: ReportJob, **fields) -> None:
    ReportJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def run_job(job_id: int, build) -> str:
    """Run a queued job: ``build(job)`` gives the ``Report`` (progress 10 → 40), issuing renders and stores
    it (→ 100). A failure is recorded with its reason and raised again (the task shows as failed too)."""
    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status != ReportJob.Status.QUEUED:
        raise ValidationError(_("Pembuatan dokumen ini tidak dalam antrean."), code="not_queued")
    _update(job, status=ReportJob.Status.RUNNING, progress=10)
    try:
        report: Report = build(job)
        _update(job, progress=40)
        document, _issued = issue_document(report, base_url=job.base_url, by=job.requested_by)
    except Exception as error:
        reason = str(error) or type(error).__name__
        _update(
            job,
            status=ReportJob.Status.FAILED,
            error=f"{reason}\n\n{traceback.format_exc(limit=3)}",
            finished_at=timezone.now(),
        )
        raise
    _update(job, status=ReportJob.Status.DONE, progress=100, document=document, finished_at=timezone.now())
    return document.code
