from django.contrib import admin
from django.db.models import Count

from regions.models import Province, Region


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "time_zone", "region_count")
    list_filter = ("time_zone",)
    search_fields = ("code", "name")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(region_count=Count("regions"))

    @admin.display(description="Kabupaten/kota", ordering="region_count")
    def region_count(self, obj) -> int:
        return obj.region_count


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "full_name", "kind", "province", "autonomous")
    list_filter = ("kind", "autonomous", "province")
    list_select_related = ("province",)
    search_fields = ("code", "name", "full_name")
    autocomplete_fields = ("province",)
