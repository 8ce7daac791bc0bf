from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.mixins import PermissionMixin
from assessments.enums import FrameworkStatus
from assessments.forms.programme import ComponentForm, IndicatorForm
from assessments.models import Assessment, Framework, Indicator, ProgrammeYear
from assessments.models.framework import WEIGHT_TOTAL
from assessments.queries import programme as queries
from assessments.services import framework as services
from assessments.views.base import ProgrammeYearMixin, ServiceActionView, ServiceFormMixin
from regions.models import Criterion


def _framework_or_none(programme_year):
    return Framework.objects.filter(programme_year=programme_year).first()


class FrameworkView(ProgrammeYearMixin, PermissionMixin, TemplateView):
    """The framework of a year: components and indicators in order, with the running sum of weights."""

    permission_required = "assessments.view_framework"
    template_name = "assessments/framework.html"

    def programme_years(self):
        """The year with its framework and whether an assessment uses it, in the year's one query."""
        in_use = Assessment.objects.filter(framework__programme_year=OuterRef("pk"))
        return ProgrammeYear.objects.select_related("framework").annotate(framework_in_use=Exists(in_use))

    def get_context_data(self, **kwargs):
        """Seven queries whatever the number of indicators (tests/assessments/test_views.py): the year with
        its framework, the framework's tree (four; none while a published framework's tree is kept), the
        criteria names, and the other years."""
        try:
            framework = self.programme_year.framework
        except Framework.DoesNotExist:
            framework = None
        names = {
            criterion.code: criterion.name
            for criterion in Criterion.objects.for_year(self.programme_year.year)
        }
        # (component, [(indicator, running sum of weights, feeding criterion's name)]): the kept tree is
        # shared between requests, so what the page adds goes beside the indicators, not onto them.
        running = Decimal("0")
        components = []
        for component in queries.published_framework_tree(framework) if framework else []:
            rows = []
            for indicator in component.indicators.all():
                running += indicator.weight
                rows.append((indicator, running, names.get(indicator.criterion, "")))
            components.append((component, rows))
        frozen = self.programme_year.framework_in_use if framework else False
        # The other years with a framework, newest first, in one query: the diff link shows when there is
        # one, and a year without a framework offers to copy the latest before it.
        other_years = list(
            ProgrammeYear.objects.filter(framework__isnull=False)
            .exclude(pk=self.programme_year.pk)
            .order_by("-year")
        )
        previous = next((other for other in other_years if other.year < self.programme_year.year), None)
        return super().get_context_data(
            framework=framework,
            components=components,
            weight_sum=running,
            weight_ok=running == WEIGHT_TOTAL,
            frozen=frozen,
            # Asked once: the template's per-indicator edit links would otherwise query once each.
            editable=framework is not None and framework.status == FrameworkStatus.DRAFT and not frozen,
            previous=previous,
            other_years=other_years,
            **kwargs,
        )


class FrameworkActionView(ServiceActionView):
    """Create the default, copy the previous year's, publish, or take back to draft."""

    permission_required = "assessments.change_framework"

    def perform(self):
        self.programme_year = get_object_or_404(ProgrammeYear, year=self.kwargs["year"])
        action, user = self.kwargs["action"], self.request.user
        framework = _framework_or_none(self.programme_year)
        if action == "bawaan":
            services.create_default_framework(programme_year=self.programme_year, by=user)
            return _("Kerangka bawaan (ilustratif) dibuat.")
        if action == "salin":
            source = get_object_or_404(Framework, programme_year__year=self.request.POST.get("dari"))
            services.copy_framework(source=source, programme_year=self.programme_year, by=user)
            return _("Kerangka %(year)s disalin.") % {"year": source.programme_year.year}
        if framework is None:
            raise Http404
        if action == "terbitkan":
            services.publish_framework(framework=framework, by=user)
            return _("Kerangka diterbitkan.")
        if action == "draf":
            services.unpublish_framework(
                framework=framework, by=user, reason=self.request.POST.get("reason", "").strip()
            )
            return _("Kerangka dikembalikan ke draf.")
        if action == "resmi":
            services.set_illustrative(framework=framework, illustrative=False, by=user)
            return _("Kerangka ditandai resmi.")
        raise Http404

    def get_success_url(self):
        return self.programme_year.get_absolute_url() + "kerangka/"


class FrameworkDiffView(ProgrammeYearMixin, PermissionMixin, TemplateView):
    permission_required = "assessments.view_framework"
    template_name = "assessments/framework_diff.html"

    def get_context_data(self, **kwargs):
        new = get_object_or_404(Framework, programme_year=self.programme_year)
        others = ProgrammeYear.objects.filter(framework__isnull=False).exclude(pk=self.programme_year.pk)
        chosen = self.request.GET.get("dari")
        old = None
        if chosen:
            old = get_object_or_404(
                Framework.objects.select_related("programme_year"), programme_year__year=chosen
            )
        elif new.copied_from_id:
            old = Framework.objects.select_related("programme_year").get(pk=new.copied_from_id)
        else:
            old = (
                Framework.objects.select_related("programme_year")
                .filter(programme_year__year__lt=self.programme_year.year)
                .order_by("-programme_year__year")
                .first()
            )
        return super().get_context_data(
            new=new,
            old=old,
            others=others,
            changes=queries.diff_frameworks(old, new) if old else [],
            **kwargs,
        )


class ComponentCreateView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    permission_required = "assessments.add_component"
    template_name = "assessments/form.html"
    form_class = ComponentForm
    success_message = _("Komponen disimpan.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Komponen baru"), **kwargs)

    def perform(self, form):
        framework = get_object_or_404(Framework, programme_year=self.programme_year)
        return services.save_component(framework=framework, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.programme_year.get_absolute_url() + "kerangka/"


class IndicatorFormView(ProgrammeYearMixin, PermissionMixin, ServiceFormMixin, FormView):
    """Add an indicator (no pk) or change one, with its rubric and value mapping."""

    permission_required = "assessments.change_framework"
    template_name = "assessments/form.html"
    form_class = IndicatorForm
    success_message = _("Indikator disimpan.")

    def dispatch(self, request, *args, **kwargs):
        self.indicator = None
        if "pk" in kwargs:
            self.indicator = get_object_or_404(
                Indicator.objects.select_related("framework__programme_year"),
                pk=kwargs["pk"],
                framework__programme_year__year=kwargs["year"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        self.framework = get_object_or_404(Framework, programme_year=self.programme_year)
        return {**super().get_form_kwargs(), "framework": self.framework, "instance": self.indicator}

    def get_context_data(self, **kwargs):
        title = str(self.indicator) if self.indicator else _("Indikator baru")
        return super().get_context_data(title=title, **kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        rubric, mappings = data.pop("rubric"), data.pop("mappings")
        indicator = Indicator.objects.get(pk=self.indicator.pk) if self.indicator else None
        return services.save_indicator(
            framework=self.framework,
            indicator=indicator,
            by=self.request.user,
            rubric=rubric,
            mappings=mappings,
            **data,
        )

    def get_success_url(self):
        return self.programme_year.get_absolute_url() + "kerangka/"


class IndicatorDeleteView(ServiceActionView):
    permission_required = "assessments.delete_indicator"

    def perform(self):
        indicator = get_object_or_404(
            Indicator.objects.select_related("framework__programme_year"), pk=self.kwargs["pk"]
        )
        self.programme_year = indicator.framework.programme_year
        services.delete_indicator(indicator=indicator, by=self.request.user)
        return _("Indikator %(code)s dihapus.") % {"code": indicator.code}

    def get_success_url(self):
        return self.programme_year.get_absolute_url() + "kerangka/"
