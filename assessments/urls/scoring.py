"""The assessment on site: scoring, stage records, and the staff's progress pages (under /penilaian/)."""

from django.urls import path

from assessments.views import scoring

app_name = "scoring"
urlpatterns = [
    path("progres/", scoring.ProgressListView.as_view(), name="progress_list"),
    path("progres/ekspor/", scoring.ProgressExportView.as_view(), name="progress_export"),
    path("<int:pk>/", scoring.AssessmentScoringView.as_view(), name="assessment"),
    path("<int:pk>/progres/", scoring.ProgressView.as_view(), name="progress"),
    path("<int:pk>/riwayat/", scoring.ScoreHistoryView.as_view(), name="history"),
    path("<int:pk>/foto/<int:photo_pk>/", scoring.FieldPhotoView.as_view(), name="photo"),
    path("<int:pk>/<slug:stage>/nilai/", scoring.StageScoringView.as_view(), name="stage"),
    path("<int:pk>/<slug:stage>/catatan/", scoring.StageRecordsView.as_view(), name="records"),
    path(
        "<int:pk>/<slug:stage>/catatan/<slug:kind>/<int:item_pk>/ubah/",
        scoring.RecordEditView.as_view(),
        name="record_edit",
    ),
    path(
        "<int:pk>/<slug:stage>/catatan/<slug:kind>/<int:item_pk>/hapus/",
        scoring.RecordDeleteView.as_view(),
        name="record_delete",
    ),
    path("<int:pk>/<slug:stage>/<slug:action>/", scoring.StageActionView.as_view(), name="stage_action"),
]
