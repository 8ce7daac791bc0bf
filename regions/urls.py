from django.urls import path

from regions.views.geography import RegionDetailView, RegionListView

app_name = "regions"
urlpatterns = [
    path("", RegionListView.as_view(), name="list"),
    path("<str:code>/", RegionDetailView.as_view(), name="detail"),
]
