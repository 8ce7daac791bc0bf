"""Staff permissions are one explicit table: every model of the project is in it, and nothing else grants
staff a model permission."""

from django.apps import apps
from django.contrib import admin

from accounts.rules import STAFF_APPS, STAFF_PERMISSIONS
from tests.factories import UserFactory

PROJECT_APPS = ("accounts", "regions", "assessments", "audit", "reports")
# The log-in security apps' models (django-axes, django-otp) are in the table too, read-only for staff.
SECURITY_APPS = ("axes", "otp_static", "otp_totp")


def test_every_project_model_is_declared_in_the_staff_table():
    models = {
        model._meta.label_lower for app in PROJECT_APPS for model in apps.get_app_config(app).get_models()
    }
    security = {
        model._meta.label_lower
        for app in SECURITY_APPS
        for model in apps.get_app_config(app).get_models()
        if model in admin.site._registry
    }
    assert set(STAFF_PERMISSIONS) == models | security
    assert sorted(PROJECT_APPS + SECURITY_APPS) == STAFF_APPS


def test_history_is_only_read(db):
    staff = UserFactory(staff=True)
    for model in (
        "audit.auditentry",
        "reports.issueddocument",
        "assessments.candidateevent",
        "assessments.scorechange",
    ):
        app_label, name = model.split(".")
        granted = [
            action
            for action in ("view", "add", "change", "delete")
            if staff.has_perm(f"{app_label}.{action}_{name}")
        ]
        assert granted == ["view"], model


def test_only_staff_see_the_admin_apps(db):
    staff, assessor = UserFactory(staff=True), UserFactory()
    assert [staff.has_module_perms(app) for app in PROJECT_APPS] == [True] * 5
    assert [assessor.has_module_perms(app) for app in PROJECT_APPS] == [False] * 5
    assert staff.has_perm("assessments.change_team") is True
    assert assessor.has_perm("assessments.view_team") is False
