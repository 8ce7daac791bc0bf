from django.db.models import Q
from django.views.generic import DetailView, ListView

from accounts.mixins import PermissionMixin
from regions.enums import RegionKind
from regions.models import Province, Region


class RegionListView(PermissionMixin, ListView):
    permission_required = "regions.view_region"
    template_name = "regions/region_list.html"
    paginate_by = 50

    def get_queryset(self):
        regions = Region.objects.select_related("province")
        params = self.request.GET
        if query := params.get("q", "").strip():
            regions = regions.filter(Q(code__startswith=query) | Q(full_name__icontains=query))
        if province := params.get("provinsi"):
            regions = regions.filter(province__code=province)
        if params.get("jenis") in RegionKind.values:
            regions = regions.filter(kind=params["jenis"])
        return regions

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
        from regions.queries import region_criteria
        from regions.services.screening import screen_region
        from regions.views.screening import programme_year_from

        year = programme_year_from(self.request.GET)
        histories, cases = region_criteria(self.object)
        return super().get_context_data(
            programme_year=year,
            screening=screen_region(self.object, year),
            histories=histories,
            cases=cases,
            **kwargs,
        )
