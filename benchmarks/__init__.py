"""Benchmarks: ``.venv/bin/python -m benchmarks [name-filter]`` (the load benchmark: ``benchmarks/load``).

Each module ``benchmarks/bench_<topic>.py`` defines ``BENCHMARKS``, a list of ``Benchmark``: a name,
``setup(nation)`` that returns the state ``run`` needs from the national-scale data (``benchmarks.nation``,
built once per run in a throw-away database), and ``run(state)``, the code timed. Pages are requested
through the whole stack (middleware, session, permission, template) with Django's test client, and a save
commits as a real request does: nothing runs inside a rolled-back transaction unless the benchmark says
so (``rollback=True``, for those whose setup adds data of its own).

Each median is reported with its ratio to a trivial view measured just before it in the same run (the
anonymous log-in page), so a ratio compares across machines and survives a busy machine better than a
millisecond figure. The settings are production's (``benchmarks.settings``); the database is SQLite by
default, PostgreSQL when DATABASE_URL says so.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[Any], Any]
    setup: Callable[[Any], Any] = lambda nation: nation
    repeat: int = 11
    rollback: bool = False
    # The figure issue 14 holds the page to: at most this many times the trivial view (None: no target).
    target: float | None = None


def client_for(user=None):
    """A test client, logged in as ``user`` when given (through the session, as a browser would be)."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
        if user.role == "staf":
            _verify_second_factor(client, user)
    return client


def _verify_second_factor(client, user) -> None:
    """Staff in production have passed their second factor (django-otp): a confirmed authenticator
    device, and the session marks it used, as the verification page does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Tolok ukur", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def get_ok(client, url: str, data=None, *, status: int = 200):
    response = client.get(url, data or {})
    assert response.status_code == status, (url, response.status_code)
    return response
