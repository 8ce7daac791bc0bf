from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from accounts.mixins import PermissionMixin
from antikorupsi.exports import XLSX_TYPE
from regions.enums import ImportStatus
from regions.forms import CriteriaImportForm, CriteriaWorkbookForm
from regions.models import CriteriaImport, CriteriaWorkbook
from regions.services.criteria_import import (
    ADD,
    CHANGE,
    SAME,
    CriteriaImportError,
    apply_import,
    discard_import,
    format_error,
    prepare_import,
    row_changes,
)
from regions.services.workbook import (
    apply_workbook,
    build_template,
    discard_workbook,
    prepare_workbook,
    workbook_errors,
)
from regions.views.screening import programme_year_from


def preview_rows(batch: CriteriaImport) -> list[dict]:
    """The rows of a preview with their action and what each changes, field by field."""
    labels = {ADD: _("tambah"), CHANGE: _("ubah"), SAME: _("tetap")}
    return [
        {
            **row,
            "action_label": labels.get(row.get("action"), ""),
            "changes": row_changes(row, is_cases=batch.is_cases),
        }
        for row in batch.rows
    ]


def counts(summary: dict) -> dict:
    """A preview's or an applied import's rows by action, for the page and the messages."""
    return {"add": summary.get(ADD, 0), "change": summary.get(CHANGE, 0), "same": summary.get(SAME, 0)}


class ConfirmPreviewMixin:
    """The POST of a preview page: "batal" discards it, anything else applies it, both through their
    service; a refusal shows each error and returns to the preview, which is unchanged."""

    def post(self, request, pk: int):
        preview = self.get_object()
        try:
            if "batal" in request.POST:
                messages.info(request, self.discard(preview))
                return redirect("regions:criteria_import")
            message, next_url = self.apply(preview)
        except CriteriaImportError as exc:
            for error in exc.errors:
                messages.error(request, format_error(error))
            return redirect(preview)
        messages.success(request, message)
        return redirect(next_url)


class CriteriaImportView(PermissionMixin, FormView):
    """Upload a criteria file: it is read and checked, and the preview page shows what it would do."""

    permission_required = "regions.import_criteria"
    template_name = "regions/criteria_import_form.html"
    form_class = CriteriaImportForm

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "workbook_form",
            CriteriaWorkbookForm(initial={"programme_year": programme_year_from(self.request.GET)}),
        )
        return super().get_context_data(
            recent_imports=CriteriaImport.objects.filter(workbook__isnull=True).select_related(
                "created_by", "applied_by"
            )[:10],
            recent_workbooks=CriteriaWorkbook.objects.select_related("created_by")[:5],
            template_year=programme_year_from(self.request.GET),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        batch = prepare_import(
            content=upload.read(),
            file_name=upload.name,
            criterion=form.cleaned_data["criterion"],
            data_year=form.cleaned_data["data_year"],
            final=form.cleaned_data["final"],
            by=self.request.user,
        )
        return redirect(batch)


class CriteriaImportDetailView(PermissionMixin, ConfirmPreviewMixin, DetailView):
    """The preview of an upload (rows to add, to change, unchanged, and every error), and its confirmation."""

    permission_required = "regions.import_criteria"
    template_name = "regions/criteria_import_detail.html"
    queryset = CriteriaImport.objects.select_related("created_by", "applied_by")
    context_object_name = "batch"

    def get_context_data(self, **kwargs):
        batch = self.object
        if batch.workbook_id:
            raise Http404  # a sheet is shown, confirmed and discarded with its workbook
        return super().get_context_data(
            rows=preview_rows(batch),
            counts=counts(batch.summary),
            errors=[{"line": error["line"], "message": error["message"]} for error in batch.errors],
            pending=batch.is_pending,
            expired=batch.is_expired,
            is_cases=batch.is_cases,
            **kwargs,
        )

    def discard(self, batch):
        discard_import(batch, by=self.request.user)
        return _("Impor dibatalkan; tidak ada yang berubah.")

    def apply(self, batch):
        batch = apply_import(batch, by=self.request.user)
        message = _("Impor diterapkan: %(add)d baru, %(change)d diubah, %(same)d tetap.") % counts(
            batch.summary
        )
        if batch.is_cases:
            return message, reverse("regions:screening")
        return message, f"{reverse('regions:screening')}?tahun={batch.data_year + 1}"


class CriteriaWorkbookUploadView(PermissionMixin, FormView):
    """Upload the whole workbook of a programme year: every sheet checked in one preview."""

    permission_required = "regions.import_criteria"
    template_name = "regions/criteria_import_form.html"
    form_class = CriteriaWorkbookForm

    def get(self, request, *args, **kwargs):
        return redirect("regions:criteria_import")

    def form_invalid(self, form):
        view = CriteriaImportView(request=self.request, args=(), kwargs={})
        return self.render_to_response(view.get_context_data(form=CriteriaImportForm(), workbook_form=form))

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        workbook = prepare_workbook(
            content=upload.read(),
            file_name=upload.name,
            programme_year=form.cleaned_data["programme_year"],
            final=form.cleaned_data["final"],
            by=self.request.user,
        )
        return redirect(workbook)


class CriteriaWorkbookDetailView(PermissionMixin, ConfirmPreviewMixin, DetailView):
    """The preview of a workbook: per sheet what it adds and changes (old -> new, field by field), every
    error by sheet and line, and the one confirmation that applies all of it."""

    permission_required = "regions.import_criteria"
    template_name = "regions/criteria_workbook_detail.html"
    queryset = CriteriaWorkbook.objects.select_related("created_by", "applied_by")
    context_object_name = "workbook"

    def get_context_data(self, **kwargs):
        workbook = self.object
        sheets = []
        for batch in workbook.sheets.order_by("pk"):
            rows = [row for row in preview_rows(batch) if row.get("action") != SAME]
            sheets.append(
                {
                    "batch": batch,
                    "rows": rows,
                    "counts": counts(batch.summary),
                }
            )
        errors = workbook_errors(workbook)
        return super().get_context_data(
            sheets=sheets,
            errors=errors,
            pending=workbook.is_pending,
            expired=workbook.is_expired,
            discardable=workbook.status == ImportStatus.PENDING,
            **kwargs,
        )

    def discard(self, workbook):
        discard_workbook(workbook, by=self.request.user)
        return _("Impor buku kerja dibatalkan; tidak ada yang berubah.")

    def apply(self, workbook):
        workbook = apply_workbook(workbook, by=self.request.user)
        message = _("Buku kerja diterapkan: %(add)d baru, %(change)d diubah, %(same)d tetap.") % counts(
            workbook.totals
        )
        return message, f"{reverse('regions:screening')}?tahun={workbook.programme_year}"


class CriteriaTemplateView(PermissionMixin, View):
    """The workbook to fill for a programme year's criteria (one sheet per criterion of its catalogue)."""

    permission_required = "regions.import_criteria"

    def get(self, request, year: int):
        if not 2000 <= year <= 2100:
            raise Http404
        response = HttpResponse(build_template(year), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="kriteria-{year}.xlsx"'
        return response
