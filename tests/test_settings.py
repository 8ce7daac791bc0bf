import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from antikorupsi.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment: only what a production server would set (the test settings touch os.environ).
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "antikorupsi.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_values():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k3!v9#production-secret-" + "x7Qp2Lm9Zr4Tn8Wb" * 3,
        ALLOWED_HOSTS="antikorupsi.kpk.go.id",
        DATABASE_URL="sqlite:////tmp/antikorupsi-check.sqlite3",
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "System check identified no issues (0 silenced).\n",
        "",
    )


def test_production_without_secret_key_refuses_to_start():
    result = run_manage("check", DEBUG="0", SECRET_KEY="")

    assert result.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY is required when DEBUG is off." in result.stderr


def test_env_bool_accepts_the_usual_spellings_and_refuses_junk(monkeypatch):
    for value, expected in [
        ("1", True),
        ("yes", True),
        ("ON", True),
        ("0", False),
        ("false", False),
        ("", True),
    ]:
        monkeypatch.setenv("FLAG", value)
        assert env_bool("FLAG", default=True) is expected
    monkeypatch.setenv("FLAG", "ya")
    with pytest.raises(ImproperlyConfigured, match=r"^FLAG='ya' is not a boolean"):
        env_bool("FLAG", default=False)


def test_env_int_list_and_str_are_strict(monkeypatch):
    monkeypatch.setenv("NUMBER", "12a")
    with pytest.raises(ImproperlyConfigured, match=r"^NUMBER='12a' is not a whole number\.$"):
        env_int("NUMBER", default=1)
    monkeypatch.setenv("HOSTS", "a.go.id,,b.go.id")
    with pytest.raises(ImproperlyConfigured, match="has an empty item"):
        env_list("HOSTS", default=[])
    monkeypatch.setenv("HOSTS", "a.go.id, b.go.id")
    assert env_list("HOSTS", default=[]) == ["a.go.id", "b.go.id"]
    monkeypatch.delenv("REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match=r"^The environment variable REQUIRED is required\.$"):
        env_str("REQUIRED")


def test_sqlite_waits_for_locks_and_postgres_comes_from_database_url(settings):
    from dj_database_url import parse

    assert (
        parse("postgres://antikorupsi@127.0.0.1:5432/antikorupsi")["ENGINE"]
        == "django.db.backends.postgresql"
    )
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        assert database["OPTIONS"]["timeout"] == 20


def test_language_time_zone_and_formats(settings):
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("id", "Asia/Jakarta")
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]


def test_an_object_store_holds_every_upload_when_s3_bucket_is_set():
    script = (
        "from django.conf import settings as s; "
        "print(*[(s.STORAGES[k]['BACKEND'], s.STORAGES[k]['OPTIONS']['location']) for k in ('default', 'evidence')])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        DEBUG="1",
        S3_BUCKET="antikorupsi",
        DATABASE_URL="sqlite://:memory:",
    )

    assert (result.returncode, result.stdout) == (
        0,
        "('storages.backends.s3.S3Storage', 'media') ('storages.backends.s3.S3Storage', 'evidence')\n",
    )


def test_env_file_fills_what_the_environment_leaves_unset(tmp_path, monkeypatch):
    from antikorupsi.env import load_env_file

    env_file = tmp_path / ".env"
    env_file.write_text("# development\n\nAK_TEST_DEBUG=1\nAK_TEST_HOSTS='a.go.id'\n", encoding="utf-8")
    monkeypatch.delenv("AK_TEST_DEBUG", raising=False)
    monkeypatch.setenv("AK_TEST_HOSTS", "b.go.id")

    load_env_file(env_file)

    assert (os.environ["AK_TEST_DEBUG"], os.environ["AK_TEST_HOSTS"]) == ("1", "b.go.id")
    monkeypatch.delenv("AK_TEST_DEBUG")
    env_file.write_text("DEBUG 1\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=r"\.env, line 1: expected KEY=VALUE, got 'DEBUG 1'\.$"):
        load_env_file(env_file)
