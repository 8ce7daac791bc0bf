"""The documents of a plenary, its announcements and a programme year, at one URL each.

GET serves the issued document, the same stored file every time, as long as it still states what the
system states today; the record or score report of a plenary still open comes as a draft (watermarked
"DRAF", no verification code, nothing stored); otherwise the page offers to issue it. Issuing is a POST by
someone allowed to issue the document (``reports.services.issuing.issue_document``, with its audit
entry); a GET never issues anything.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.mixins import PermissionMixin
from assessments.models import Announcement, ProgrammeYear
from assessments.queries.plenary import plenary_of
from assessments.views.plenary import PlenaryMixin
from reports import contexts
from reports.enums import DocumentKind
from reports.responses import draft_response, pdf_response
from reports.services import jobs
from reports.services.issuing import Report, current_document, is_current, issue_document, render_draft


def site_url(request) -> str:
    return request.build_absolute_uri("/")


class DocumentMixin:
    """``get_report()`` builds the document; ``issue_permission`` is the rule for issuing it (reading it is
    the view's ``permission_required``); ``back_url()`` is the page the document belongs to."""

    issue_permission = ""

    def get_report(self) -> Report:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def may_issue(self) -> bool:
        return self.request.user.has_perm(self.issue_permission, self.get_permission_object())

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        document = current_document(report.kind, report.source)
        if is_current(report, document):
            return pdf_response(document)
        if report.draft:
            return draft_response(
                render_draft(report, by=request.user), f"DRAF {report.title} {report.subject}.pdf"
            )
        return render(
            request,
            "reports/document_issue.html",
            {
                "report": report,
                "previous": document,
                "can_issue": self.may_issue(),
                "back_url": self.back_url(),
                "job": self.latest_job(report),
            },
        )

    def latest_job(self, report: Report):
        return None

    def post(self, request, *args, **kwargs):
        if not self.may_issue():
            raise PermissionDenied
        report = self.get_report()
        try:
            document, issued = issue_document(report, base_url=site_url(request), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.back_url())
        if issued:
            messages.success(
                request,
                _("%(title)s diterbitkan dengan kode verifikasi %(code)s.")
                % {"title": document.title, "code": document.code},
            )
        else:
            messages.info(
                request, _("Dokumen ini sudah diterbitkan (kode %(code)s).") % {"code": document.code}
            )
        return HttpResponseRedirect(request.path)


class PlenaryDocumentView(DocumentMixin, PlenaryMixin, View):
    """The plenary record (berita acara) or the region's score report; the score report shows what the
    assessors wrote, so it follows the hidden-scores rule as well."""

    permission_required = "assessments.download_plenary_reports"
    issue_permission = "assessments.download_plenary_reports"

    def dispatch(self, request, *args, **kwargs):
        self.build = contexts.PLENARY_REPORTS.get(kwargs["report"])
        if self.build is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_required(self):
        if self.kwargs["report"] in contexts.SHOWS_ASSESSOR_SCORES:
            return (self.permission_required, "assessments.see_colleague_scores")
        return (self.permission_required,)

    def get_report(self) -> Report:
        plenary = plenary_of(self.assessment)
        if plenary.pk is None:
            raise Http404
        return self.build(plenary)

    def back_url(self) -> str:
        return self.back().url


class AnnouncementDocumentView(DocumentMixin, PlenaryMixin, View):
    permission_required = "assessments.download_plenary_reports"
    issue_permission = "assessments.announce_result"

    def get_report(self) -> Report:
        announcement = get_object_or_404(
            Announcement.objects.select_related("plenary"),
            plenary__assessment=self.assessment,
            kind=self.kwargs["kind"],
        )
        announcement.plenary.assessment = self.assessment
        return contexts.announcement_report(announcement)

    def back_url(self) -> str:
        return self.back().url


class YearSummaryDocumentView(DocumentMixin, PermissionMixin, View):
    permission_required = "assessments.run_programme"
    issue_permission = "assessments.run_programme"

    def dispatch(self, request, *args, **kwargs):
        self.programme_year = get_object_or_404(ProgrammeYear, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return None

    def get_report(self) -> Report:
        return contexts.year_summary_report(self.programme_year)

    def latest_job(self, report: Report):
        job = jobs.latest_job(report.kind, report.source)
        # A finished job whose document is no longer current (the year changed since) is history.
        return None if job is not None and job.status == job.Status.DONE else job

    def post(self, request, *args, **kwargs):
        """Queue the year summary (hundreds of regions, several pages) for the task worker and return at
        once: the page shows the progress and offers the file when it is ready."""
        if not self.may_issue():
            raise PermissionDenied
        jobs.request_document(
            kind=DocumentKind.YEAR_SUMMARY,
            source=f"programmeyear:{self.programme_year.pk}",
            base_url=site_url(request),
            by=request.user,
        )
        messages.info(request, _("Rekapitulasi sedang dibuat; halaman ini menampilkan kemajuannya."))
        return HttpResponseRedirect(request.path)

    def back_url(self) -> str:
        return self.programme_year.get_absolute_url()
