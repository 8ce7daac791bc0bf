from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.mixins import PermissionMixin
from assessments.forms.programme import PredicateBandForm, ProgrammeYearChangeForm, ProgrammeYearForm
from assessments.models import Framework, PredicateBand, ProgrammeYear
from assessments.queries import programme as queries
from assessments.services.programme import (
    add_predicate_band,
    create_programme_year,
    delete_predicate_band,
    update_programme_year,
)
from assessments.views.base import ProgrammeYearMixin, ServiceActionView, ServiceFormMixin


class ProgrammeYearListView(PermissionMixin, ListView):
    permission_required = "assessments.view_programmeyear"
    template_name = "assessments/programme_list.html"
    context_object_name = "programme_years"

    def get_queryset(self):
        return queries.programme_years_with_counts()


class CurrentProgrammeYearView(PermissionMixin, View):
    """The menu's "Program": the current programme year's page (``queries.current_programme_year``), or the
    list of years when there is none yet; every other year is one click away in the breadcrumb."""

    permission_required = "assessments.view_programmeyear"

    def get(self, request, *args, **kwargs):
        programme_year = queries.current_programme_year()
        if programme_year is None:
            return HttpResponseRedirect(reverse("assessments:programme_list"))
        return HttpResponseRedirect(programme_year.get_absolute_url())


class ProgrammeYearCreateView(PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.add_programmeyear"
    template_name = "assessments/form.html"
    form_class = ProgrammeYearForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Tahun program baru"), **kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        return create_programme_year(by=self.request.user, **data)

    def get_success_url(self):
        return self.result.get_absolute_url()


class ProgrammeYearDetailView(ProgrammeYearMixin, PermissionMixin, TemplateView):
    permission_required = "assessments.view_programmeyear"
    template_name = "assessments/programme_detail.html"

    def get_context_data(self, **kwargs):
        programme_year = self.programme_year
        framework = Framework.objects.filter(programme_year=programme_year).first()
        return super().get_context_data(
            framework=framework,
            bands=programme_year.predicate_bands.all(),
            band_form=PredicateBandForm(),
            status_counts=queries.candidate_status_counts(programme_year),
            team_count=programme_year.teams.count(),
            thresholds_url=reverse("regions:screening_rules", kwargs={"year": programme_year.year}),
            **kwargs,
        )


class ProgrammeYearUpdateView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.change_programmeyear"
    template_name = "assessments/form.html"
    form_class = ProgrammeYearChangeForm
    success_message = _("Tahun program disimpan.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.programme_year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Ubah %(name)s") % {"name": self.programme_year.name}, **kwargs
        )

    def perform(self, form):
        fresh = ProgrammeYear.objects.get(pk=self.programme_year.pk)
        return update_programme_year(fresh, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.programme_year.get_absolute_url()


class PredicateBandAddView(ProgrammeYearMixin, PermissionMixin, FormView):
    permission_required = "assessments.add_predicateband"
    http_method_names = ["post"]
    form_class = PredicateBandForm

    def form_valid(self, form):
        try:
            add_predicate_band(programme_year=self.programme_year, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("Predikat ditambahkan."))
        return HttpResponseRedirect(self.programme_year.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(self.programme_year.get_absolute_url())


class PredicateBandDeleteView(ServiceActionView):
    permission_required = "assessments.delete_predicateband"

    def perform(self):
        self.band = get_object_or_404(
            PredicateBand.objects.select_related("programme_year"), pk=self.kwargs["pk"]
        )
        delete_predicate_band(band=self.band, by=self.request.user)
        return _("Predikat %(name)s dihapus.") % {"name": self.band.name}

    def get_success_url(self):
        return self.band.programme_year.get_absolute_url()
