"""Report buttons and actions for the admin: each ModelAdmin names its reports (functions of
``reports.contexts``), and both the button on the object page and the changelist action issue the PDF
through ``issue_report``, the same issuing service as the staff pages."""

from django.contrib import admin, messages
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.mixins import PermissionMixin
from reports.responses import draft_response, pdf_response
from reports.services.issuing import issue_pdf, render_draft


def issue_report(request, report):
    """Issue ``report`` for the admin user and answer with the PDF: the current document when it still
    states the same (same file, same code), else a newly issued one; the record or score report of a
    plenary still open as a draft (watermark, no code, nothing stored).

    The one place where the admin issues a document.
    """
    if report.draft:
        return draft_response(
            render_draft(report, by=request.user), f"DRAF {report.title} {report.subject}.pdf"
        )
    return pdf_response(issue_pdf(report, base_url=request.build_absolute_uri("/"), by=request.user))


class AdminReportView(PermissionMixin, View):
    """A report button of an admin object page: issues the PDF through the model admin's report function.
    Issuing is an act, so the button POSTs (the object page's own form, with its CSRF token); a GET is
    refused."""

    model_admin = None
    # Replaced per model by get_permission_required(): the view permission of the admin's model.
    permission_required = "assessments.view_plenary"

    def get_permission_required(self):
        opts = self.model_admin.model._meta
        return (f"{opts.app_label}.view_{opts.model_name}",)

    http_method_names = ["post"]

    def post(self, request, object_id, report):
        obj = self.model_admin.get_object(request, str(object_id))
        if obj is None or report not in self.model_admin.reports:
            raise Http404
        return issue_report(request, self.model_admin.reports[report](obj))


class ReportButtonsMixin:
    """``reports``: slug -> function building the ``Report``; ``report_labels``: (slug, label) buttons."""

    reports: dict = {}
    report_labels: list = []

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        view = AdminReportView.as_view(model_admin=self)
        return [
            path(
                "<int:object_id>/pdf/<slug:report>/",
                self.admin_site.admin_view(view),
                name="%s_%s_report" % info,
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("laporan PDF"))
    def report_buttons(self, obj) -> str:
        if obj.pk is None:
            return "-"
        info = self.model._meta.app_label, self.model._meta.model_name
        # Buttons of the object page's form (every admin object page is one form with a CSRF token).
        return format_html_join(
            " ",
            '<button type="submit" class="button" formmethod="post" formaction="{}" formnovalidate>{}</button>',
            (
                (reverse("admin:%s_%s_report" % info, args=[obj.pk, slug]), label)
                for slug, label in self.report_labels
            ),
        )

    def download_single(self, request, queryset, report):
        if queryset.count() != 1:
            self.message_user(request, _("Pilih tepat satu baris untuk mengunduh PDF."), messages.WARNING)
            return None
        return issue_report(request, self.reports[report](queryset.get()))
