from django.urls import path

from reports.views import documents, verification

app_name = "reports"

urlpatterns = [
    path("verifikasi/", verification.VerifyFormView.as_view(), name="verify_form"),
    path("verifikasi/<str:code>/", verification.VerifyDocumentView.as_view(), name="verify"),
    path("dokumen/<str:code>/unduh/", verification.DownloadDocumentView.as_view(), name="download"),
    # The documents of a plenary, its announcements and a programme year: GET serves the issued file (or
    # the draft of a plenary still open, or the page that offers to issue it), POST issues it.
    path(
        "program/penilaian/<int:pk>/pleno/<slug:report>.pdf",
        documents.PlenaryDocumentView.as_view(),
        name="plenary_pdf",
    ),
    path(
        "program/penilaian/<int:pk>/pengumuman/<slug:kind>/pdf/",
        documents.AnnouncementDocumentView.as_view(),
        name="announcement_pdf",
    ),
    path(
        "program/<int:year>/rekapitulasi.pdf",
        documents.YearSummaryDocumentView.as_view(),
        name="year_summary_pdf",
    ),
]
