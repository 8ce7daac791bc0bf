from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("verifikasi/", views.VerifyFormView.as_view(), name="verify_form"),
    path("verifikasi/<str:code>/", views.VerifyDocumentView.as_view(), name="verify"),
    path("dokumen/<str:code>/unduh/", views.DownloadDocumentView.as_view(), name="download"),
]
