"""People in the admin: created, changed and given a password through accounts.services (audit entries
without secrets), never deleted, and only a superuser makes a superuser."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from tests.admin_world import admin_post_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-Uji-2026!"


def test_staff_create_an_account_through_the_service(client, staff):
    client.force_login(staff)
    url = reverse("admin:accounts_user_add")
    data = {
        **admin_post_data(client.get(url)),
        "username": "penilai.baru",
        "name": "Penilai Baru",
        "email": "baru@contoh.go.id",
        "role": "penilai",
        "institution": "bpkp",
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }

    assert client.post(url, data).status_code == 302

    user = User.objects.get(username="penilai.baru")
    assert (user.name, user.is_staff, user.check_password(PASSWORD)) == ("Penilai Baru", False, True)
    entry = AuditEntry.objects.get(action="user.create")
    assert (entry.actor, entry.object_id, entry.after["role"]) == (staff, str(user.pk), "penilai")
    assert "password" not in entry.after


def test_an_account_without_a_usable_password(client, staff):
    client.force_login(staff)
    url = reverse("admin:accounts_user_add")
    data = {
        **admin_post_data(client.get(url)),
        "username": "penilai.sso",
        "name": "Penilai SSO",
        "email": "sso@contoh.go.id",
        "role": "penilai",
        "institution": "kpk",
        "usable_password": "false",
    }
    assert client.post(url, data).status_code == 302
    assert User.objects.get(username="penilai.sso").has_usable_password() is False


def test_changing_an_account_and_its_password_leave_audit_entries(client, staff, assessor):
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[assessor.pk])
    data = {**admin_post_data(client.get(url)), "name": "Andi Pratama Putra", "is_active": ""}
    assert client.post(url, data).status_code == 302
    assessor.refresh_from_db()
    assert (assessor.name, assessor.is_active) == ("Andi Pratama Putra", False)
    entry = AuditEntry.objects.get(action="user.update")
    assert (entry.before["name"], entry.after["name"], entry.after["is_active"]) == (
        "Andi Pratama",
        "Andi Pratama Putra",
        False,
    )

    password_url = reverse("admin:auth_user_password_change", args=[assessor.pk])
    response = client.post(
        password_url, {"usable_password": "true", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assessor.refresh_from_db()
    assert assessor.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="user.set_password")
    assert (entry.actor, entry.after) == (staff, {"usable": True})


def test_staff_cannot_delete_an_account_or_make_a_superuser(client, staff, assessor):
    client.force_login(staff)
    delete = reverse("admin:accounts_user_delete", args=[assessor.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    url = reverse("admin:accounts_user_change", args=[assessor.pk])
    client.post(url, {**admin_post_data(client.get(url)), "is_superuser": "on"})
    assessor.refresh_from_db()
    assert assessor.is_superuser is False

    client.force_login(UserFactory(username="super", is_superuser=True))
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=assessor.pk).exists()
