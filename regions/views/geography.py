from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from accounts.mixins import PermissionMixin
from antikorupsi import exports
from regions.enums import RegionKind, Stage
from regions.models import Criterion, Province, Region
from regions.queries import filtered_regions, region_criteria
from regions.services.screening import screen_regions
from regions.views.screening import programme_year_from, year_links


class RegionListView(PermissionMixin, ListView):
    permission_required = "regions.view_region"
    template_name = "regions/region_list.html"
    paginate_by = 50

    def get_queryset(self):
        return filtered_regions(self.request.GET)

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            provinces=Province.objects.all(),
            kinds=RegionKind.choices,
            filters=self.request.GET,
            querystring=params.urlencode(),
            **kwargs,
        )


class RegionExportView(PermissionMixin, View):
    """The region list (same search and filters) as CSV or XLSX in Indonesian."""

    permission_required = "regions.view_region"

    def get(self, request):
        regions = filtered_regions(request.GET).order_by("code")
        export = exports.Export(
            title=_("Kabupaten/kota"),
            file_name="kabupaten-kota",
            columns=[
                exports.Column(_("Kode"), width=8),
                exports.Column(_("Nama resmi"), width=30),
                exports.Column(_("Jenis"), width=12),
                exports.Column(_("Provinsi"), width=24),
                exports.Column(_("Kode provinsi"), width=8),
                exports.Column(_("Zona waktu"), width=8),
                exports.Column(_("Daerah otonom"), width=10),
            ],
            rows=[
                [
                    region.code,
                    region.full_name,
                    region.get_kind_display(),
                    region.province.name,
                    region.province.code,
                    region.time_zone_label,
                    region.autonomous,
                ]
                for region in regions
            ],
        )
        return exports.export_response(export, request.GET.get("format"))


class RegionDetailView(PermissionMixin, DetailView):
    permission_required = "regions.view_region"
    template_name = "regions/region_detail.html"
    queryset = Region.objects.select_related("province")
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_context_data(self, **kwargs):
        year = programme_year_from(self.request.GET)
        catalogue = Criterion.objects.for_year(year)
        histories, cases = region_criteria(self.object, year, catalogue=catalogue)
        screening = screen_regions(year, [self.object], catalogue=catalogue)[0]
        designation = screen_regions(year, [self.object], stage=Stage.DESIGNATION, catalogue=catalogue)[0]
        return super().get_context_data(
            programme_year=year,
            year_links=year_links(year),
            screening=screening,
            designation=designation,
            rows=[(result, designation.results[code]) for code, result in screening.results.items()],
            histories=histories,
            cases=cases,
            **kwargs,
        )
