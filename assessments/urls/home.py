"""The role home pages, at the top of the site (no namespace: /staf/, /penilai/, /inspektur/)."""

from django.urls import path

from assessments.views.home import AssessorHomeView, InspectorHomeView, StaffHomeView

urlpatterns = [
    path("staf/", StaffHomeView.as_view(), name="staff_home"),
    path("penilai/", AssessorHomeView.as_view(), name="assessor_home"),
    path("inspektur/", InspectorHomeView.as_view(), name="inspector_home"),
]
