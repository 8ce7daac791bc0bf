"""The region's side of the cycle, under /daerah/: self-assessment, worksheet, monitoring rounds,
recommendations, objections."""

from django.urls import path

from assessments.views import region

app_name = "region"
urlpatterns = [
    path("<int:year>/jadwal/", region.RegionScheduleView.as_view(), name="schedule"),
    path("calon/<int:pk>/penilaian-mandiri/", region.SelfAssessmentView.as_view(), name="self_assessment"),
    path(
        "calon/<int:pk>/penilaian-mandiri/buka/",
        region.SelfAssessmentReopenView.as_view(),
        name="self_assessment_reopen",
    ),
    path(
        "calon/<int:pk>/penilaian-mandiri/rekan/",
        region.ContributorInviteView.as_view(),
        name="contributor_invite",
    ),
    path(
        "calon/<int:pk>/penilaian-mandiri/rekan/<int:contributor>/hapus/",
        region.ContributorRemoveView.as_view(),
        name="contributor_remove",
    ),
    path("calon/<int:pk>/lke/", region.WorksheetView.as_view(), name="worksheet"),
    path("calon/<int:pk>/lke.xlsx", region.WorksheetExportView.as_view(), name="worksheet_xlsx"),
    path("calon/<int:pk>/monev/", region.MonitoringView.as_view(), name="monitoring"),
    path("calon/<int:pk>/monev/baru/", region.RoundCreateView.as_view(), name="round_create"),
    path("monev/<int:pk>/", region.RoundView.as_view(), name="monitoring_round"),
    path("calon/<int:pk>/rekomendasi/", region.RecommendationListView.as_view(), name="recommendations"),
    path(
        "calon/<int:pk>/rekomendasi/baru/",
        region.RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path("rekomendasi/<int:pk>/", region.RecommendationView.as_view(), name="recommendation"),
    path("rekomendasi/<int:pk>/tindak-lanjut/", region.FollowUpView.as_view(), name="follow_up"),
    path(
        "rekomendasi/<int:pk>/periksa/",
        region.RecommendationReviewView.as_view(),
        name="recommendation_review",
    ),
    path("calon/<int:pk>/sanggah/", region.ObjectionView.as_view(), name="objection"),
    path("sanggah/butir/<int:pk>/jawab/", region.AnswerView.as_view(), name="objection_answer"),
    path("berkas/<int:pk>/", region.RegionFileView.as_view(), name="file"),
]
