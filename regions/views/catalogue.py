"""The criteria catalogue of a programme year (Skrining > Kriteria): the list, adding, changing and
removing a criterion, giving the year its own catalogue, and the comparison with another year. Every change
goes through ``regions.services.catalogue``."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from accounts.mixins import PermissionMixin
from regions.forms import CriterionForm
from regions.models import Criterion
from regions.queries import catalogue_diff
from regions.services.catalogue import (
    EDITABLE_FIELDS,
    add_criterion,
    copy_source,
    create_catalogue,
    remove_from_catalogue,
    set_criterion,
)


def _catalogue_url(year: int) -> str:
    return reverse("regions:screening_rules", kwargs={"year": year})


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class CatalogueMixin:
    """A page about the catalogue of the programme year in the URL (``year``)."""

    @cached_property
    def programme_year(self) -> int:
        year = self.kwargs["year"]
        if not 2000 <= year <= 2100:
            raise Http404
        return year

    @cached_property
    def catalogue(self) -> list[Criterion]:
        return Criterion.objects.for_year(self.programme_year)

    @property
    def own_catalogue(self) -> bool:
        return bool(self.catalogue and self.catalogue[0].pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme_year=self.programme_year,
            catalogue=self.catalogue,
            own_catalogue=self.own_catalogue,
            **kwargs,
        )


class CatalogueView(PermissionMixin, CatalogueMixin, TemplateView):
    """The year's criteria with their kind, rule for candidacy and designation, data years and gate."""

    permission_required = "regions.view_screening"
    template_name = "regions/catalogue.html"

    def get_context_data(self, **kwargs):
        source = copy_source(self.programme_year)
        return super().get_context_data(
            copy_source=source,
            compare_with=source if self.own_catalogue else None,
            **kwargs,
        )


class CatalogueCreateView(PermissionMixin, CatalogueMixin, View):
    """Give the year its own catalogue, copied from the nearest earlier year's (or the default)."""

    permission_required = "regions.change_screening_rules"
    http_method_names = ["post"]

    def post(self, request, year: int):
        try:
            create_catalogue(programme_year=self.programme_year, by=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Katalog kriteria tahun program %s dibuat.") % self.programme_year)
        return redirect(_catalogue_url(self.programme_year))


class CriterionFormView(PermissionMixin, CatalogueMixin, FormView):
    permission_required = "regions.change_screening_rules"
    template_name = "regions/criterion_form.html"
    form_class = CriterionForm

    @cached_property
    def criterion(self) -> Criterion | None:
        code = self.kwargs.get("code")
        if code is None:
            return None
        for criterion in self.catalogue:
            if criterion.code == code:
                return criterion
        raise Http404

    def get_form_kwargs(self):
        # A criterion of the default catalogue (a year without its own) is edited like a saved one; saving
        # gives the year its own catalogue first.
        instance = self.criterion or Criterion(programme_year=self.programme_year)
        return {**super().get_form_kwargs(), "instance": instance}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.criterion is not None and "code" in form.fields:
            del form.fields["code"]  # the code stays: values are kept under it
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(criterion=self.criterion, **kwargs)

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.cleaned_data}
        if not getattr(form, "order_given", True):
            values.pop("order", None)
        try:
            if self.criterion is None:
                criterion = add_criterion(
                    programme_year=self.programme_year,
                    code=form.cleaned_data["code"],
                    values=values,
                    by=self.request.user,
                )
                messages.success(self.request, _("Kriteria %s ditambahkan.") % criterion.name)
            else:
                criterion = set_criterion(
                    programme_year=self.programme_year,
                    code=self.criterion.code,
                    values=values,
                    by=self.request.user,
                )
                messages.success(self.request, _("Kriteria %s disimpan.") % criterion.name)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            return self.form_invalid(form)
        return redirect(_catalogue_url(self.programme_year))


class CriterionDeleteView(PermissionMixin, CatalogueMixin, TemplateView):
    """Confirm, then take a criterion out of the year's catalogue (its values stay)."""

    permission_required = "regions.change_screening_rules"
    template_name = "regions/criterion_confirm_delete.html"

    @cached_property
    def criterion(self) -> Criterion:
        for criterion in self.catalogue:
            if criterion.code == self.kwargs["code"]:
                return criterion
        raise Http404

    def get_context_data(self, **kwargs):
        return super().get_context_data(criterion=self.criterion, **kwargs)

    def post(self, request, year: int, code: str):
        try:
            remove_from_catalogue(
                programme_year=self.programme_year, code=self.criterion.code, by=request.user
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request,
                _("Kriteria %(name)s dihapus dari katalog %(year)s; nilainya tetap tersimpan.")
                % {"name": self.criterion.name, "year": self.programme_year},
            )
        return redirect(_catalogue_url(self.programme_year))


class CatalogueDiffView(PermissionMixin, CatalogueMixin, TemplateView):
    """What changed from another year's catalogue (``dari``, by default the nearest earlier one)."""

    permission_required = "regions.view_screening"
    template_name = "regions/catalogue_diff.html"

    def get_context_data(self, **kwargs):
        source = self.request.GET.get("dari", "")
        if source.isdigit() and 2000 <= int(source) <= 2100:
            other_year = int(source)
        else:
            other_year = copy_source(self.programme_year) or self.programme_year - 1
        other = Criterion.objects.for_year(other_year)
        return super().get_context_data(
            other_year=other_year,
            other_own=bool(other and other[0].pk),
            changes=catalogue_diff(other, self.catalogue),
            **kwargs,
        )
