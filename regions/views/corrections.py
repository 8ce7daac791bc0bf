"""Dit Permas staff add or correct one criterion value or one legal case of a region by hand, through the
same services as the import (so the revision history keeps every change) plus an audit entry."""

from functools import cached_property

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.mixins import PermissionMixin
from regions.forms import CriterionValueForm, LegalCaseForm
from regions.models import Criterion, CriterionValue, LegalCase, Region
from regions.services.criteria import UNCHANGED, CriteriaError, correct_case, correct_value


class RegionFormView(PermissionMixin, FormView):
    """A form about one region (by Kemendagri code); the region is looked up after the permission check,
    so an outsider learns nothing."""

    template_name = "regions/correction_form.html"

    @cached_property
    def region(self) -> Region:
        return get_object_or_404(Region.objects.select_related("province"), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(region=self.region, **kwargs)

    def saved(self, change: str, text: str):
        if change == UNCHANGED:
            messages.info(self.request, _("Tidak ada yang berubah."))
        else:
            messages.success(self.request, text)
        return redirect(self.region)


class CriterionValueView(RegionFormView):
    """Add a value, or correct one: ``?kriteria=mcp&tahun=2025`` starts from the current value."""

    permission_required = "regions.change_criterionvalue"
    form_class = CriterionValueForm

    def get_initial(self):
        params = self.request.GET
        initial = {"criterion": params.get("kriteria", "")}
        if params.get("tahun", "").isdigit():
            initial["data_year"] = int(params["tahun"])
            value = CriterionValue.objects.filter(
                region=self.region, criterion=initial["criterion"], data_year=initial["data_year"]
            ).first()
            if value is not None:
                initial.update(
                    value=value.grade if value.score is None else f"{value.score:.2f}".replace(".", ","),
                    status=value.status,
                    as_of=value.as_of,
                    source=value.source,
                    source_url=value.source_url,
                    note=value.note,
                )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Tambah atau koreksi nilai kriteria"), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            value, change = correct_value(
                region=self.region,
                criterion=data["criterion"],
                data_year=data["data_year"],
                score=data["score"],
                grade=data["grade"],
                status=data["status"],
                as_of=data["as_of"],
                source=data["source"],
                source_url=data["source_url"],
                note=data["note"],
                by=self.request.user,
            )
        except CriteriaError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return self.saved(
            change,
            _("%(criterion)s tahun data %(year)s disimpan: %(value)s.")
            % {
                "criterion": Criterion.objects.known_codes().get(value.criterion, value.criterion),
                "year": value.data_year,
                "value": value.display_value(),
            },
        )


class LegalCaseView(RegionFormView):
    """Add a legal case, or (with its id) update one: its stage, or close it with an end date."""

    permission_required = "regions.change_legalcase"
    form_class = LegalCaseForm

    @cached_property
    def case(self) -> LegalCase | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(LegalCase, pk=self.kwargs["pk"], region=self.region)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get_context_data(self, **kwargs):
        title = _("Ubah kasus hukum") if self.case else _("Tambah kasus hukum")
        return super().get_context_data(title=title, case=self.case, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        case, change = correct_case(
            region=self.region,
            person_name=data["person_name"],
            started_on=data["started_on"],
            position=data["position"],
            stage=data["stage"],
            handler=data["handler"],
            ended_on=data["ended_on"],
            source=data["source"],
            note=data["note"],
            by=self.request.user,
        )
        return self.saved(
            change,
            _("Kasus %(person)s disimpan (%(stage)s).")
            % {"person": case.person_name, "stage": case.get_stage_display().lower()},
        )
