"""The load benchmark: assessors saving their scores on gunicorn + PostgreSQL, driven by locust.

    .venv/bin/pip install -e '.[load]'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/antikorupsi .venv/bin/python -m benchmarks.load

It builds the national data (``benchmarks.nation``: eight assessments of seven assessors, so 56 accounts)
into a fresh database named after DATABASE_URL's with ``_load`` appended, starts gunicorn on it, and runs
locust twice: USERS assessors with a PAUSE-second pause between saves (p50/p95/p99 and errors), then the
same assessors without any pause (saturation: saves per second). Afterwards it checks in the database that
every save acknowledged with a redirect is there: the submission's version went up at least once per
acknowledged save (a save in flight when locust stops may be stored unacknowledged), each save left 18
score changes, and the stored scores are the values of the last save.

Options (environment): LOAD_USERS (50), LOAD_PAUSE (10), LOAD_PACED_SECONDS (120), LOAD_SATURATION_SECONDS
(60), LOAD_WORKERS (gunicorn workers, 4), LOAD_PORT (8765).
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _create_database(url: str) -> str:
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The load benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    name = f"{config['NAME']}_load"
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return url.rsplit("/", 1)[0] + "/" + name


def _build(accounts_file: Path, users: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse

    from assessments.enums import Stage
    from benchmarks.nation import PASSWORD, build_nation

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    nation = build_nation(assessments=8, team_size=7)
    print(f"national data built in {time.perf_counter() - start:.0f} s")
    accounts = []
    for assessment in nation.assessments:
        indicators = list(
            assessment.framework.indicators.filter(source="penilai")
            .order_by("order")
            .values_list("pk", flat=True)
        )
        for user in nation.assessors[assessment.pk]:
            accounts.append(
                {
                    "username": user.username,
                    "password": PASSWORD,
                    "url": reverse("scoring:stage", args=[assessment.pk, Stage.DOCUMENTS]),
                    "assessment": assessment.pk,
                    "indicators": indicators,
                }
            )
    accounts_file.write_text(json.dumps(accounts[:users]), encoding="utf-8")


def _state(accounts: list[dict]) -> dict:
    from assessments.models import ScoreChange, StageSubmission

    state = {}
    for account in accounts:
        submission = StageSubmission.objects.filter(
            stage__assessment_id=account["assessment"],
            stage__stage="dokumen",
            assessor__username=account["username"],
        ).first()
        values = (
            sorted({str(v) for v in submission.scores.values_list("value", flat=True)}) if submission else []
        )
        state[account["username"]] = {
            "version": submission.version if submission else 0,
            "changes": ScoreChange.objects.filter(
                score__submission__assessor__username=account["username"]
            ).count(),
            "values": values,
        }
    return state


def _locust(host: str, *, users: int, pause: float, seconds: int, prefix: Path, env: dict) -> dict:
    ack_file = prefix.with_suffix(".acks.json")
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "benchmarks" / "load" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // 10)),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--reset-stats",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(
        command,
        env={**env, "LOAD_PAUSE": str(pause), "LOAD_ACK_FILE": str(ack_file)},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    save = rows["save"]
    return {
        "saves": int(save["Request Count"]),
        "errors": int(save["Failure Count"]),
        "per_second": float(save["Requests/s"]),
        "p50": save["50%"],
        "p95": save["95%"],
        "p99": save["99%"],
        "acks": json.loads(ack_file.read_text(encoding="utf-8")),
    }


def main() -> int:
    users = int(_env("LOAD_USERS", "50"))
    pause = float(_env("LOAD_PAUSE", "10"))
    paced_seconds = int(_env("LOAD_PACED_SECONDS", "120"))
    saturation_seconds = int(_env("LOAD_SATURATION_SECONDS", "60"))
    workers = _env("LOAD_WORKERS", "4")
    port = _env("LOAD_PORT", "8765")
    work = Path(tempfile.mkdtemp(prefix="antikorupsi-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": _create_database(os.environ.get("DATABASE_URL", "")),
        "BENCH_MEDIA_ROOT": str(work / "media"),
        "BENCH_EVIDENCE_ROOT": str(work / "evidence"),
        "LOAD_ACCOUNTS": str(work / "accounts.json"),
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    _build(work / "accounts.json", users)
    accounts = json.loads((work / "accounts.json").read_text(encoding="utf-8"))
    before = _state(accounts)

    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "antikorupsi.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{host}/health/?format=text", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("gunicorn did not answer /health/")
        paced = _locust(host, users=users, pause=pause, seconds=paced_seconds, prefix=work / "paced", env=env)
        saturated = _locust(
            host, users=users, pause=0, seconds=saturation_seconds, prefix=work / "saturated", env=env
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    after = _state(accounts)
    lost = []
    for account in accounts:
        name = account["username"]
        acked = paced["acks"].get(name, 0) + saturated["acks"].get(name, 0)
        version_gain = after[name]["version"] - before[name]["version"]
        change_gain = after[name]["changes"] - before[name]["changes"]
        # Saves are sequential per assessor; one still in flight when locust stopped may be stored
        # without its acknowledgement having arrived, so at most one more per run than acknowledged.
        expected_values = ["71.50"] if (after[name]["version"] - 1) % 2 == 0 else ["64.00"]
        if not (
            acked <= version_gain <= acked + 2
            and change_gain == 18 * version_gain
            and (version_gain == 0 or after[name]["values"] == expected_values)
        ):
            lost.append((name, acked, version_gain, change_gain, after[name]["values"]))

    print(f"gunicorn: {workers} workers; {os.cpu_count()} CPU cores; {users} assessors")
    print(f"{'run':<34} {'saves':>6} {'errors':>6} {'saves/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for label, run in ((f"paced ({pause:g} s between saves)", paced), ("saturation (no pause)", saturated)):
        print(
            f"{label:<34} {run['saves']:>6} {run['errors']:>6} {run['per_second']:>8.1f} "
            f"{run['p50']:>7} {run['p95']:>7} {run['p99']:>7}"
        )
    acknowledged = sum(paced["acks"].values()) + sum(saturated["acks"].values())
    if lost:
        print(f"LOST: {len(lost)} assessors' acknowledged saves are not all in the database: {lost[:5]}")
        return 1
    print(f"verified: all {acknowledged} acknowledged saves are in the database")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
