from django.views.generic import DetailView, ListView

from accounts.mixins import PermissionMixin
from regions.enums import RegionKind
from regions.models import Province, Region
from regions.queries import filtered_regions, region_criteria
from regions.services.screening import screen_region
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


class RegionDetailView(PermissionMixin, DetailView):
    permission_required = "regions.view_region"
    template_name = "regions/region_detail.html"
    queryset = Region.objects.select_related("province")
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_context_data(self, **kwargs):
        year = programme_year_from(self.request.GET)
        histories, cases = region_criteria(self.object)
        return super().get_context_data(
            programme_year=year,
            year_links=year_links(year),
            screening=screen_region(self.object, year),
            histories=histories,
            cases=cases,
            **kwargs,
        )
