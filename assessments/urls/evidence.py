"""Evidence (bukti dukung) pages, under /bukti-dukung/."""

from django.urls import path

from assessments.views import evidence

app_name = "evidence"
urlpatterns = [
    path("", evidence.OverviewView.as_view(), name="overview"),
    path("ekspor/", evidence.OverviewExportView.as_view(), name="overview_export"),
    path("<int:year>/batas-waktu/", evidence.DeadlineView.as_view(), name="deadline"),
    path("penilai/", evidence.AssessorListView.as_view(), name="assessor_list"),
    path("calon/<int:pk>/", evidence.WorkspaceView.as_view(), name="workspace"),
    path("calon/<int:pk>/unggah/", evidence.UploadView.as_view(), name="upload"),
    path("dokumen/<int:pk>/", evidence.DocumentView.as_view(), name="document"),
    path("dokumen/<int:pk>/versi-baru/", evidence.NewVersionView.as_view(), name="new_version"),
    path("dokumen/<int:pk>/indikator/", evidence.LinkView.as_view(), name="link"),
    path("dokumen/<int:pk>/periksa/", evidence.ReviewView.as_view(), name="review"),
    path("berkas/<int:pk>/", evidence.InlineFileView.as_view(), name="view"),
    path("berkas/<int:pk>/unduh/", evidence.FileView.as_view(), name="download"),
]
