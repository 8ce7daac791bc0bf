from django.urls import path

from regions.views.catalogue import (
    CatalogueCreateView,
    CatalogueDiffView,
    CatalogueView,
    CriterionDeleteView,
    CriterionFormView,
)
from regions.views.corrections import CriterionValueView, LegalCaseView
from regions.views.geography import RegionDetailView, RegionExportView, RegionListView
from regions.views.imports import (
    CriteriaImportDetailView,
    CriteriaImportView,
    CriteriaTemplateView,
    CriteriaWorkbookDetailView,
    CriteriaWorkbookUploadView,
)
from regions.views.screening import ScreeningExportView, ScreeningView

app_name = "regions"
urlpatterns = [
    path("", RegionListView.as_view(), name="list"),
    path("ekspor/", RegionExportView.as_view(), name="list_export"),
    path("skrining/", ScreeningView.as_view(), name="screening"),
    path("skrining/ekspor/", ScreeningExportView.as_view(), name="screening_export"),
    # The criteria catalogue of a programme year (the thresholds page of earlier versions grew into it).
    path("skrining/aturan/<int:year>/", CatalogueView.as_view(), name="screening_rules"),
    path("skrining/aturan/<int:year>/buat/", CatalogueCreateView.as_view(), name="catalogue_create"),
    path("skrining/aturan/<int:year>/perbedaan/", CatalogueDiffView.as_view(), name="catalogue_diff"),
    path("skrining/aturan/<int:year>/tambah/", CriterionFormView.as_view(), name="criterion_add"),
    path("skrining/aturan/<int:year>/<str:code>/", CriterionFormView.as_view(), name="criterion_change"),
    path(
        "skrining/aturan/<int:year>/<str:code>/hapus/",
        CriterionDeleteView.as_view(),
        name="criterion_delete",
    ),
    path("kriteria/impor/", CriteriaImportView.as_view(), name="criteria_import"),
    path("kriteria/impor/<int:pk>/", CriteriaImportDetailView.as_view(), name="criteria_import_detail"),
    path("kriteria/impor/buku-kerja/", CriteriaWorkbookUploadView.as_view(), name="criteria_workbook_upload"),
    path(
        "kriteria/impor/buku-kerja/<int:pk>/",
        CriteriaWorkbookDetailView.as_view(),
        name="criteria_workbook_detail",
    ),
    path("kriteria/templat/<int:year>/", CriteriaTemplateView.as_view(), name="criteria_template"),
    path("<str:code>/", RegionDetailView.as_view(), name="detail"),
    path("<str:code>/nilai/", CriterionValueView.as_view(), name="value_form"),
    path("<str:code>/kasus/", LegalCaseView.as_view(), name="case_add"),
    path("<str:code>/kasus/<int:pk>/", LegalCaseView.as_view(), name="case_change"),
]
