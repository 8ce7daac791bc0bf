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
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="antikorupsi-bench-media-"))  # noqa: F405
EVIDENCE_ROOT = Path(tempfile.mkdtemp(prefix="antikorupsi-bench-evidence-"))  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="antikorupsi-bench-static-"))  # noqa: F405
# No collectstatic: static files are not part of what is measured.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
