from django.core.paginator import Paginator
from django.views.generic import TemplateView, View

from accounts.mixins import PermissionMixin
from antikorupsi.exports import export_response
from regions.enums import RegionKind, Stage
from regions.models import Criterion, Province
from regions.programme_years import current_year, programme_years, year_from
from regions.queries import screening_table, stage_from
from regions.services.export import screening_export


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
        catalogue = Criterion.objects.for_year(year)
        stage = stage_from(params)
        table = screening_table(year, params, catalogue=catalogue)
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
            catalogue=catalogue,
            own_catalogue=bool(catalogue and catalogue[0].pk),
            stage=stage,
            stages=Stage.choices,
            counted=[criterion for criterion in catalogue if criterion.gates(stage)],
            provinces=Province.objects.all(),
            kinds=RegionKind.choices,
            filters=params,
            querystring=query.urlencode(),
            export_querystring=export.urlencode(),
            **kwargs,
        )


class ScreeningExportView(PermissionMixin, View):
    """The screening page's rows (same filters) as CSV or XLSX for people: values, data years, status,
    sources and verdicts in Indonesian (``antikorupsi.exports``)."""

    permission_required = "regions.view_screening"

    def get(self, request):
        year = programme_year_from(request.GET)
        catalogue = Criterion.objects.for_year(year)
        table = screening_table(year, request.GET, catalogue=catalogue)
        export = screening_export(
            table, programme_year=year, stage=stage_from(request.GET), catalogue=catalogue
        )
        return export_response(export, request.GET.get("format"))
