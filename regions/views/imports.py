from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView

from accounts.mixins import PermissionMixin
from regions.enums import Criterion, ImportStatus
from regions.forms import CriteriaImportForm
from regions.models import CriteriaImport
from regions.services.criteria_import import (
    ADD,
    CHANGE,
    SAME,
    CriteriaImportError,
    apply_import,
    discard_import,
    format_error,
    prepare_import,
)


class CriteriaImportView(PermissionMixin, FormView):
    """Upload a criteria file: it is read and checked, and the preview page shows what it would do."""

    permission_required = "regions.import_criteria"
    template_name = "regions/criteria_import_form.html"
    form_class = CriteriaImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recent_imports=CriteriaImport.objects.select_related("created_by", "applied_by")[:10], **kwargs
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


class CriteriaImportDetailView(PermissionMixin, DetailView):
    """The preview of an upload (rows to add, to change, unchanged, and every error), and its confirmation."""

    permission_required = "regions.import_criteria"
    template_name = "regions/criteria_import_detail.html"
    queryset = CriteriaImport.objects.select_related("created_by", "applied_by")
    context_object_name = "batch"

    def get_context_data(self, **kwargs):
        batch = self.object
        actions = {ADD: _("tambah"), CHANGE: _("ubah"), SAME: _("tetap")}
        return super().get_context_data(
            rows=[{**row, "action_label": actions.get(row.get("action"), "")} for row in batch.rows],
            counts={
                "add": batch.summary.get(ADD, 0),
                "change": batch.summary.get(CHANGE, 0),
                "same": batch.summary.get(SAME, 0),
            },
            errors=[{"line": error["line"], "message": error["message"]} for error in batch.errors],
            pending=batch.status == ImportStatus.PENDING,
            is_cases=batch.criterion == Criterion.KASUS,
            **kwargs,
        )

    def post(self, request, pk: int):
        batch = self.get_object()
        try:
            if "batal" in request.POST:
                discard_import(batch, by=request.user)
                messages.info(request, _("Impor dibatalkan; tidak ada yang berubah."))
                return redirect("regions:criteria_import")
            batch = apply_import(batch, by=request.user)
        except CriteriaImportError as exc:
            for error in exc.errors:
                messages.error(request, format_error(error))
            return redirect(batch)
        messages.success(
            request,
            _("Impor diterapkan: %(add)d baru, %(change)d diubah, %(same)d tetap.")
            % {"add": batch.summary[ADD], "change": batch.summary[CHANGE], "same": batch.summary[SAME]},
        )
        if batch.criterion == Criterion.KASUS:
            return redirect(reverse("regions:screening"))
        return redirect(f"{reverse('regions:screening')}?tahun={batch.data_year + 1}")
