"""Settings of the benchmarks: production's (DEBUG off, cached templates, real password hashing, every
commit waiting for the disk), with throw-away file folders and the hosts of the test client and gunicorn."""

import os
import tempfile

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from antikorupsi.settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# The load benchmark passes its folders to gunicorn through the environment.
MEDIA_ROOT = Path(os.environ.get("BENCH_MEDIA_ROOT") or tempfile.mkdtemp(prefix="antikorupsi-bench-media-"))  # noqa: F405
EVIDENCE_ROOT = Path(  # noqa: F405
    os.environ.get("BENCH_EVIDENCE_ROOT") or tempfile.mkdtemp(prefix="antikorupsi-bench-evidence-")
)
# The test suite's fast hasher: the load benchmark logs 50 assessors in at once, and the real hasher's
# second of CPU each would be measured instead of the saves. No benchmark times a log-in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="antikorupsi-bench-static-"))  # noqa: F405
# No collectstatic: static files are not part of what is measured.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
