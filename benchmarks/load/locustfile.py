"""Assessors saving the document stage of their assessment (run by ``python -m benchmarks.load``).

Each simulated assessor logs in through the log-in form, opens the scoring page once (for the CSRF token
and the submission version), then saves all 18 scores and notes, waits LOAD_PAUSE seconds, and saves
again, alternating two values by the submission's version so every save changes every score. Only the save (the POST, which
answers with a redirect) is timed as "save"; each acknowledged save (302) is written to LOAD_ACK_FILE so
the runner can check afterwards that every one of them is in the database.
"""

import json
import os
import re
import threading
from pathlib import Path

from locust import HttpUser, between, events, task

ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text(encoding="utf-8"))
PAUSE = float(os.environ.get("LOAD_PAUSE", "10"))
ACK_FILE = os.environ["LOAD_ACK_FILE"]
_lock = threading.Lock()
_next = 0
_acks: dict[str, int] = {}


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Assessor(HttpUser):
    wait_time = between(PAUSE * 0.9, PAUSE * 1.1) if PAUSE else between(0, 0)

    def on_start(self):
        global _next
        with _lock:
            self.account = ACCOUNTS[_next % len(ACCOUNTS)]
            _next += 1
        login = self.client.get("/akun/masuk/", name="log-in page")
        self.client.post(
            "/akun/masuk/",
            {
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": _token(login.text),
            },
            name="log in",
        )
        self.load_page()

    def load_page(self):
        page = self.client.get(self.account["url"], name="scoring page")
        self.csrf = _token(page.text)
        self.version = int(re.search(r'name="version" value="(\d+)"', page.text).group(1))

    @task
    def save(self):
        # Decided by the version, so every save changes every score, even across runs.
        value = "71,5" if self.version % 2 == 0 else "64"
        data = {"csrfmiddlewaretoken": self.csrf, "version": str(self.version), "kirim": "1"}
        for indicator in self.account["indicators"]:
            data[f"nilai_{indicator}"] = value
            data[f"catatan_{indicator}"] = f"Catatan beban {value}"
        with self.client.post(
            self.account["url"], data, name="save", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                response.success()
                self.version += 1
                with _lock:
                    _acks[self.account["username"]] = _acks.get(self.account["username"], 0) + 1
            else:
                response.failure(f"status {response.status_code}")
                self.load_page()


@events.quitting.add_listener
def _write_acks(environment, **_kwargs):
    with open(ACK_FILE, "w", encoding="utf-8") as handle:
        json.dump(_acks, handle)
