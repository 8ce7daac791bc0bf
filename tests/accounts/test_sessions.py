"""The session store and the user of a session (accounts/sessions.py, accounts/backends.py): what
Django's database sessions and ModelBackend answer, read by compiled queries."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.backends import PasswordBackend

pytestmark = pytest.mark.django_db

HOME = "/penilai/"


def test_a_live_session_is_read_in_one_query_and_its_user_in_another(
    client, assessor, django_assert_num_queries
):
    client.force_login(assessor)
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["user"] == assessor
    store = client.session.__class__(client.session.session_key)
    with django_assert_num_queries(1):
        assert store.load()["_auth_user_id"] == str(assessor.pk)
    with django_assert_num_queries(1):
        assert PasswordBackend().get_user(assessor.pk) == assessor


def test_an_expired_session_is_no_session(client, assessor):
    client.force_login(assessor)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(HOME)
    assert (response.status_code, response.url) == (302, f"/akun/masuk/?next={HOME}")


def test_an_unknown_session_key_is_no_session(client):
    client.cookies["sessionid"] = "x" * 32
    response = client.get(HOME)
    assert (response.status_code, response.url) == (302, f"/akun/masuk/?next={HOME}")


def test_a_deactivated_or_deleted_user_is_logged_out(client, assessor):
    client.force_login(assessor)
    assessor.is_active = False
    assessor.save(update_fields=["is_active"])
    assert client.get(HOME).status_code == 302
    assert PasswordBackend().get_user(assessor.pk) is None
    assert PasswordBackend().get_user(assessor.pk + 1000) is None
