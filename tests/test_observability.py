"""Production can be watched (issue 14): the health endpoint, request ids in the logs, Sentry, log lines
printed once."""

import io
import json
import logging
import re

import pytest

from tests.test_settings import run_manage

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3!v9#production-secret-" + "x7Qp2Lm9Zr4Tn8Wb" * 3,
    "ALLOWED_HOSTS": "antikorupsi.kpk.go.id",
    "DATABASE_URL": "sqlite:////tmp/antikorupsi-check.sqlite3",
}


@pytest.mark.django_db
def test_health_endpoint_checks_the_database_and_both_storages(client, settings, tmp_path):
    response = client.get("/health/", {"format": "json"})

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "Database(alias='default')": "OK",
        "Storage(alias='default')": "OK",
        "Storage(alias='evidence')": "OK",
    }
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.django_db
def test_health_endpoint_answers_500_when_a_storage_fails(client, settings, tmp_path):
    unwritable = tmp_path / "file"
    unwritable.write_text("not a folder", encoding="utf-8")
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {"BACKEND": "assessments.storage.PrivateFileSystemStorage"},
    }
    settings.EVIDENCE_ROOT = unwritable / "evidence"

    response = client.get("/health/", {"format": "json"})

    assert response.status_code == 500
    body = json.loads(response.content)
    assert (body["Database(alias='default')"], body["Storage(alias='default')"]) == ("OK", "OK")
    assert body["Storage(alias='evidence')"] != "OK"


def test_health_endpoint_answers_plain_http_probes_while_pages_redirect_to_https(tmp_path):
    script = (
        "from django.test import Client; c = Client(HTTP_HOST='antikorupsi.kpk.go.id'); "
        "print(c.get('/health/?format=text').status_code, c.get('/akun/masuk/').status_code)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        **PRODUCTION,
        MEDIA_ROOT=str(tmp_path / "media"),
        EVIDENCE_ROOT=str(tmp_path / "evidence"),
        STATIC_ROOT=str(tmp_path),
    )

    assert (result.stdout, result.stderr) == ("200 301\n", "")


def test_response_carries_a_request_id_and_accepts_a_sane_one_from_the_load_balancer(client, db):
    fresh = client.get("/akun/masuk/")
    passed = client.get("/akun/masuk/", headers={"X-Request-ID": "lb-2f1c9a7e-0001"})
    junk = client.get("/akun/masuk/", headers={"X-Request-ID": "<script>"})

    assert re.fullmatch(r"[0-9a-f]{32}", fresh["X-Request-ID"])
    assert passed["X-Request-ID"] == "lb-2f1c9a7e-0001"
    assert re.fullmatch(r"[0-9a-f]{32}", junk["X-Request-ID"])
    assert fresh["X-Request-ID"] != junk["X-Request-ID"]


def test_log_lines_carry_time_level_logger_and_the_request_id(client, db, settings):
    stream = io.StringIO()
    config = settings.LOGGING
    handler = logging.StreamHandler(stream)
    handler.addFilter(logging.getLogger().handlers[0].filters[0])
    handler.setFormatter(logging.Formatter(config["formatters"]["line"]["format"]))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/tidak-ada/", headers={"X-Request-ID": "probe-request-0001"})
    finally:
        logger.removeHandler(handler)

    assert response.status_code == 404
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING django\.request \[probe-request-0001\] Not Found: /tidak-ada/\n",
        stream.getvalue(),
    )


def test_development_log_lines_print_once():
    script = "import logging; logging.getLogger('django.request').warning('satu kali')"
    result = run_manage("shell", "--no-imports", "-c", script, DEBUG="1", DATABASE_URL="sqlite://:memory:")

    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if "satu kali" in line] == [
        line for line in result.stderr.splitlines() if line.endswith("WARNING django.request [-] satu kali")
    ]
    assert len([line for line in result.stderr.splitlines() if "satu kali" in line]) == 1


def test_sentry_reports_errors_only_when_sentry_dsn_is_set():
    script = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"

    without = run_manage("shell", "--no-imports", "-c", script, **PRODUCTION)
    with_dsn = run_manage(
        "shell", "--no-imports", "-c", script, **PRODUCTION, SENTRY_DSN="https://public@sentry.example/1"
    )
    deploy = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        SENTRY_DSN="https://public@sentry.example/1",
    )

    assert (without.stdout, with_dsn.stdout) == ("False\n", "True\n")
    assert (deploy.returncode, deploy.stdout) == (0, "System check identified no issues (0 silenced).\n")


def test_the_favicon_is_the_logo(client):
    """Browsers ask for /favicon.ico where a page names no icon (the admin): it is the logo, not a 404."""
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/logo.svg")
