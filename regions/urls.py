from django.urls import path

from regions.views.corrections import CriterionValueView, LegalCaseView
from regions.views.geography import RegionDetailView, RegionListView
from regions.views.imports import CriteriaImportDetailView, CriteriaImportView
from regions.views.screening import ScreeningExportView, ScreeningRulesView, ScreeningView

app_name = "regions"
urlpatterns = [
    path("", RegionListView.as_view(), name="list"),
    path("skrining/", ScreeningView.as_view(), name="screening"),
    path("skrining/ekspor/", ScreeningExportView.as_view(), name="screening_export"),
    path("skrining/aturan/<int:year>/", ScreeningRulesView.as_view(), name="screening_rules"),
    path("kriteria/impor/", CriteriaImportView.as_view(), name="criteria_import"),
    path("kriteria/impor/<int:pk>/", CriteriaImportDetailView.as_view(), name="criteria_import_detail"),
    path("<str:code>/", RegionDetailView.as_view(), name="detail"),
    path("<str:code>/nilai/", CriterionValueView.as_view(), name="value_form"),
    path("<str:code>/kasus/", LegalCaseView.as_view(), name="case_add"),
    path("<str:code>/kasus/<int:pk>/", LegalCaseView.as_view(), name="case_change"),
]
