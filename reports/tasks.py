"""Tasks of the reports app (Django's Tasks API, django-tasks): run by `manage.py db_worker`."""

from django_tasks import task


@task()
def issue_report_job(job_id: int) -> str:
    """Issue the document of a queued ``ReportJob``; the year summary is the only kind issued this way."""
    from assessments.models import ProgrammeYear
    from reports import contexts
    from reports.services.jobs import run_job

    def build(job):
        programme_year = ProgrammeYear.objects.get(pk=int(job.source.split(":", 1)[1]))
        return contexts.year_summary_report(programme_year)

    return run_job(job_id, build)
