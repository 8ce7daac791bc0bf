import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from accounts.mixins import PermissionMixin
from regions.enums import Criterion, RegionKind
from regions.forms import ScreeningRuleForm
from regions.models import Province, ScreeningRule
from regions.programme_years import current_year, programme_years, year_from
from regions.queries import screening_table
from regions.services.export import build_xlsx, write_csv
from regions.services.screening import rules_for_year
from regions.services.screening_rules import set_screening_rule


def programme_year_from(params) -> int:
    """The programme year asked for (``tahun``), else the current one (``regions.programme_years``)."""
    return year_from(params)


def year_links(selected: int) -> list[tuple[int, bool, bool]]:
    """(year, is the current one, is the one shown) for the year switcher: every programme year, and the
    one shown even when no programme year has it."""
    current = current_year()
    years = sorted({*programme_years(), selected})
    return [(year, year == current, year == selected) for year in years]


class ScreeningView(PermissionMixin, TemplateView):
    permission_required = "regions.view_screening"
    template_name = "regions/screening.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        params = self.request.GET
        year = programme_year_from(params)
        table = screening_table(year, params)
        page = Paginator(table, self.paginate_by).get_page(params.get("page"))
        query = params.copy()
        query.pop("page", None)
        export = params.copy()
        export.pop("page", None)
        export["tahun"] = year
        return super().get_context_data(
            programme_year=year,
            year_links=year_links(year),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.paginator.num_pages > 1,
            screenings=page.object_list,
            eligible_count=sum(1 for s in table if s.eligible),
            criteria=Criterion.choices,
            provinces=Province.objects.all(),
            kinds=RegionKind.choices,
            filters=params,
            querystring=query.urlencode(),
            export_querystring=export.urlencode(),
            **kwargs,
        )


class ScreeningExportView(PermissionMixin, View):
    permission_required = "regions.view_screening"

    def get(self, request):
        year = programme_year_from(request.GET)
        table = screening_table(year, request.GET)
        name = f"skrining-{year}"
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                build_xlsx(table, title=name),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        buffer = io.StringIO()
        write_csv(table, buffer)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


class ScreeningRulesView(PermissionMixin, TemplateView):
    """The eight rules of one programme year on one page; a criterion without a saved rule shows its
    default."""

    permission_required = "regions.change_screening_rules"
    template_name = "regions/screening_rules.html"

    def get_forms(self, data=None) -> list[ScreeningRuleForm]:
        year = self.kwargs["year"]
        saved = {rule.criterion: rule for rule in ScreeningRule.objects.filter(programme_year=year)}
        defaults = rules_for_year(year)
        forms = []
        for criterion in Criterion.values:
            rule = saved.get(criterion)
            initial = {}
            if rule is None:
                default = defaults[criterion]
                initial = {
                    "min_score": default.min_score,
                    "min_grade": default.min_grade,
                    "data_year_lag": default.data_year_lag,
                    "years_required": default.years_required,
                }
                if default.bands:
                    initial.update(
                        dict(zip(("band_a", "band_b", "band_c", "band_d"), default.bands, strict=True))
                    )
            forms.append(
                ScreeningRuleForm(
                    data,
                    instance=rule or ScreeningRule(programme_year=year, criterion=criterion),
                    initial=initial,
                    criterion=criterion,
                    prefix=criterion,
                )
            )
        return forms

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self.get_forms())
        return super().get_context_data(
            programme_year=self.kwargs["year"],
            **kwargs,
        )

    def post(self, request, year: int):
        forms = self.get_forms(request.POST)
        if all(form.is_valid() for form in forms):
            try:
                for form in forms:
                    set_screening_rule(
                        programme_year=year,
                        criterion=form.criterion,
                        values=form.cleaned_data,
                        by=request.user,
                    )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return self.render_to_response(self.get_context_data(forms=forms))
            messages.success(request, _("Aturan skrining tahun program %s disimpan.") % year)
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(forms=forms))
