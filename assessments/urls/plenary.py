"""The plenary and announcement URLs (the documents are in ``reports.urls``), added to ``assessments.urls.programme`` (namespace ``assessments``)."""

from django.urls import path

from assessments.views import plenary

urlpatterns = [
    path("penilaian/<int:pk>/pleno/", plenary.PlenaryView.as_view(), name="plenary"),
    path("penilaian/<int:pk>/pleno/ekspor/", plenary.PlenaryExportView.as_view(), name="plenary_export"),
    path("penilaian/<int:pk>/pleno/nilai/", plenary.PlenaryScoreView.as_view(), name="plenary_score"),
    path("penilaian/<int:pk>/pleno/rapat/", plenary.PlenaryMeetingView.as_view(), name="plenary_meeting"),
    path("penilaian/<int:pk>/pleno/final/", plenary.PlenaryFinalizeView.as_view(), name="plenary_finalize"),
    path("penilaian/<int:pk>/pleno/buka/", plenary.PlenaryReopenView.as_view(), name="plenary_reopen"),
    path(
        "penilaian/<int:pk>/pleno/layar/",
        plenary.PlenaryMeetingScreenView.as_view(),
        name="plenary_meeting_view",
    ),
    path(
        "penilaian/<int:pk>/pengumuman/<slug:kind>/",
        plenary.AnnouncementCreateView.as_view(),
        name="announcement_create",
    ),
]
