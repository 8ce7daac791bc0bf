"""Settings for the test suite: the real settings with fast hashing, local e-mail and a temporary media folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("HTTPS", "0")

from antikorupsi.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="antikorupsi-test-media-"))  # noqa: F405
EVIDENCE_ROOT = Path(tempfile.mkdtemp(prefix="antikorupsi-test-evidence-"))  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Serve static files from the finders, as in development; the suite never runs collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The suite's PostgreSQL sessions do not wait for each commit to reach the disk: a crash can only lose a
# test database, and the many flushes of the live-server tests no longer wait on fsync.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# Staff pass a second factor only in the tests about it (they set OTP_REQUIRED_FOR_STAFF themselves).
OTP_REQUIRED_FOR_STAFF = False
