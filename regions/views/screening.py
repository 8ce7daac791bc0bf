from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView, View

from accounts.mixins import PermissionMixin
from antikorupsi.exports import export_response
from regions.enums import RegionKind, Stage
from regions.models import Criterion
from regions.programme_years import current_year, programme_years, year_from
from regions.queries import (
    SCREENING_CACHE_SECONDS,
    province_choices,
    screening_key,
    screening_table,
    screening_verdicts,
    screenings_of,
    stage_from,
)
from regions.services.export import screening_export
from regions.services.screening import RegionVerdict
from regions.templatetags.screening import screening_row


def programme_year_from(params) -> int:
    """The programme year asked for (``tahun``), else the current one (``regions.programme_years``)."""
    return year_from(params)


def year_links(selected: int) -> list[tuple[int, bool, bool]]:
    """(year, is the current one, is the one shown) for the year switcher: every programme year, and the
    one shown even when no programme year has it."""
    current = current_year()
    years = sorted({*programme_years(), selected})
    return [(year, year == current, year == selected) for year in years]


def page_rows(
    verdicts: list[RegionVerdict], programme_year: int, *, stage: str, catalogue: list, key: str | None
) -> SafeString:
    """The table rows of these regions: each from the cache under ``key`` (``screening_key``; None: not
    cached) where it is there, the others rendered from their full screening (``screenings_of``, three
    queries) and cached. A row is the same for everyone who may see the page; it is kept per language."""
    prefix = f"{key}.row.{get_language()}.{get_script_prefix()}." if key else ""
    cached = cache.get_many([f"{prefix}{verdict.region_id}" for verdict in verdicts]) if key else {}
    missing = [verdict for verdict in verdicts if f"{prefix}{verdict.region_id}" not in cached]
    if missing:
        rendered = {
            f"{prefix}{screening.region.pk}": screening_row(screening)
            for screening in screenings_of(missing, programme_year, stage=stage, catalogue=catalogue)
        }
        if key:
            cache.set_many(rendered, SCREENING_CACHE_SECONDS)
        cached.update(rendered)
    return mark_safe("".join(cached.get(f"{prefix}{verdict.region_id}", "") for verdict in verdicts))


class ScreeningView(PermissionMixin, TemplateView):
    permission_required = "regions.view_screening"
    template_name = "regions/screening.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        params = self.request.GET
        year = programme_year_from(params)
        catalogue = Criterion.objects.for_year(year)
        stage = stage_from(params)
        # Every matching region's verdict (counted, filtered, sorted), the full screening only for the page.
        key = screening_key(year, stage=stage, catalogue=catalogue)
        verdicts = screening_verdicts(year, params, catalogue=catalogue, key=key)
        page = Paginator(verdicts, self.paginate_by).get_page(params.get("page"))
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
            verdicts=page.object_list,
            rows=page_rows(page.object_list, year, stage=stage, catalogue=catalogue, key=key),
            eligible_count=sum(1 for verdict in verdicts if verdict.eligible),
            catalogue=catalogue,
            own_catalogue=bool(catalogue and catalogue[0].pk),
            stage=stage,
            stages=Stage.choices,
            columns=[(criterion, criterion.gates(stage)) for criterion in catalogue],
            provinces=province_choices(key),
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
