"""The public pages of the programme (no log-in)."""

from django.urls import path

from assessments.views.plenary import PublicProgrammeView

app_name = "public"
urlpatterns = [
    path("", PublicProgrammeView.as_view(), name="programme"),
]
