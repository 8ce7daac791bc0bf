from django.urls import path

from assessments.urls import plenary
from assessments.views import candidates, framework, programme, teams

app_name = "assessments"
urlpatterns = [
    path("", programme.ProgrammeYearListView.as_view(), name="programme_list"),
    path("baru/", programme.ProgrammeYearCreateView.as_view(), name="programme_create"),
    path("saat-ini/", programme.CurrentProgrammeYearView.as_view(), name="programme_current"),
    path("<int:year>/", programme.ProgrammeYearDetailView.as_view(), name="programme_detail"),
    path("<int:year>/ubah/", programme.ProgrammeYearUpdateView.as_view(), name="programme_update"),
    path("<int:year>/predikat/", programme.PredicateBandAddView.as_view(), name="band_add"),
    path("predikat/<int:pk>/hapus/", programme.PredicateBandDeleteView.as_view(), name="band_delete"),
    path("<int:year>/kerangka/", framework.FrameworkView.as_view(), name="framework"),
    path("<int:year>/kerangka/perbedaan/", framework.FrameworkDiffView.as_view(), name="framework_diff"),
    path(
        "<int:year>/kerangka/komponen/baru/", framework.ComponentCreateView.as_view(), name="component_create"
    ),
    path(
        "<int:year>/kerangka/indikator/baru/", framework.IndicatorFormView.as_view(), name="indicator_create"
    ),
    path(
        "<int:year>/kerangka/indikator/<int:pk>/",
        framework.IndicatorFormView.as_view(),
        name="indicator_update",
    ),
    path("indikator/<int:pk>/hapus/", framework.IndicatorDeleteView.as_view(), name="indicator_delete"),
    path(
        "<int:year>/kerangka/<slug:action>/", framework.FrameworkActionView.as_view(), name="framework_action"
    ),
    path("<int:year>/calon/", candidates.CandidateListView.as_view(), name="candidate_list"),
    path("<int:year>/calon/ekspor/", candidates.CandidateExportView.as_view(), name="candidate_export"),
    path("<int:year>/calon/massal/", candidates.CandidateBulkView.as_view(), name="candidate_bulk"),
    path("<int:year>/calon/usul/", candidates.CandidateProposeView.as_view(), name="candidate_propose"),
    path("calon/<int:pk>/", candidates.CandidateDetailView.as_view(), name="candidate_detail"),
    path("calon/<int:pk>/<slug:step>/", candidates.CandidateStepView.as_view(), name="candidate_step"),
    path("<int:year>/tim/", teams.TeamListView.as_view(), name="team_list"),
    path("<int:year>/tim/ekspor/", teams.TeamExportView.as_view(), name="team_export"),
    path("<int:year>/tim/baru/", teams.TeamCreateView.as_view(), name="team_create"),
    path("<int:year>/tim/susun/", teams.TeamBuildView.as_view(), name="team_build"),
    path("tim/<int:pk>/", teams.TeamDetailView.as_view(), name="team_detail"),
    path("tim/<int:pk>/anggota/", teams.TeamMemberAddView.as_view(), name="team_member_add"),
    path("anggota/<int:pk>/keluarkan/", teams.TeamMemberRemoveView.as_view(), name="team_member_remove"),
    path("anggota/<int:pk>/alasan-konflik/", teams.ConflictReasonView.as_view(), name="team_conflict_reason"),
    path("penilaian/<int:pk>/konflik/", teams.DeclareConflictView.as_view(), name="declare_conflict"),
    path("<int:year>/penilaian/", teams.AssessmentListView.as_view(), name="assessment_list"),
    path("<int:year>/penilaian/ekspor/", teams.AssessmentExportView.as_view(), name="assessment_export"),
    path("<int:year>/penilaian/baru/", teams.AssessmentCreateView.as_view(), name="assessment_create"),
    path("penilaian/<int:pk>/", teams.AssessmentDetailView.as_view(), name="assessment_detail"),
    path(
        "penilaian/<int:pk>/jadwal/", teams.AssessmentRescheduleView.as_view(), name="assessment_reschedule"
    ),
]

# The plenary, announcements and PDF reports of an assessment, in the same namespace.
urlpatterns += plenary.urlpatterns
