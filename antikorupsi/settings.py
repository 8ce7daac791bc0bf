"""Settings for Antikorupsi, read from environment variables (see README.md, "Configuration")."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from antikorupsi.env import env_bool, env_int, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
# A development checkout keeps its settings in .env (scripts/demo writes DEBUG=1 there); the real
# environment always wins, and production sets everything in the environment.
load_env_file(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", default=False)
# The insecure key is only ever used with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-antikorupsi"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's Tasks API and its database backend, first: reports.admin replaces the backend's admin.
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "regions",
    "assessments",
    "audit",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
]

# Long work off the request (the year summary PDF): Django's Tasks API (django-tasks) with its database
# backend; `manage.py db_worker` runs the tasks (scripts/demo starts one beside the server). A production
# worker pool runs the same command, or another backend of the same API.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "antikorupsi.urls"
WSGI_APPLICATION = "antikorupsi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite for a zero-setup start, PostgreSQL in production and CI (DATABASE_URL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Wait for a lock instead of failing at once when two requests write together.
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Language, time and number formats: Bahasa Indonesia first, English available.
LANGUAGE_CODE = "id"
# Each language is named in itself, so a reader who needs the other one can find it.
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True
FORMAT_MODULE_PATH = ["antikorupsi.formats"]

# Static and uploaded files. Front-end packages come from the npm registry at set-up time
# (package.json); they are served from node_modules, never copied into the repository.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    # The PDF reports' font (npm package @fontsource/noto-sans).
    ("vendor/noto-sans", BASE_DIR / "node_modules" / "@fontsource" / "noto-sans" / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded files. Evidence (bukti dukung) files are never under MEDIA_ROOT and never given a URL; a view
# checks permission and the SHA-256 checksum and serves them. Other uploads (field-visit photos, issued
# PDFs) are served by permission-checking views too. Local folders by default; an S3-compatible object
# store for both when S3_BUCKET is set, so several application servers share the files (README).
EVIDENCE_ROOT = Path(env_str("EVIDENCE_ROOT", default=str(BASE_DIR / "private" / "evidence")))
S3_BUCKET = env_str("S3_BUCKET", default="")


def _s3_storage(location: str) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("S3_REGION", default="") or None,
            # Empty keys leave boto3 its own credential chain (instance role, ~/.aws).
            "access_key": env_str("S3_ACCESS_KEY_ID", default=""),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", default=""),
            "addressing_style": env_str("S3_ADDRESSING_STYLE", default="") or None,
            "location": location,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


# The letterhead of the issued documents (tata naskah dinas): institution, unit, address, contact, and the
# city of the place-and-date line of documents issued from the office (score report, year summary).
LETTERHEAD = {
    "institution": env_str(
        "LETTERHEAD_INSTITUTION", default="Komisi Pemberantasan Korupsi Republik Indonesia"
    ),
    "unit": env_str(
        "LETTERHEAD_UNIT",
        default="Direktorat Pembinaan Peran Serta Masyarakat · Percontohan Kabupaten/Kota Antikorupsi",
    ),
    "address": env_str(
        "LETTERHEAD_ADDRESS",
        default="Gedung Merah Putih KPK, Jl. Kuningan Persada Kav. 4, Setiabudi, Jakarta Selatan 12950",
    ),
    "contact": env_str("LETTERHEAD_CONTACT", default="Telepon (021) 2557 8300 · www.kpk.go.id"),
    "city": env_str("LETTERHEAD_CITY", default="Jakarta"),
}

if S3_BUCKET:
    STORAGES["default"] = _s3_storage("media")
    STORAGES["evidence"] = _s3_storage("evidence")
else:
    STORAGES["evidence"] = {"BACKEND": "assessments.storage.PrivateFileSystemStorage"}
# The types an evidence file may be, recognised by its content (libmagic), with the name endings that
# fit each; EVIDENCE_ALLOWED_TYPES narrows the list (comma-separated content types).
EVIDENCE_FILE_TYPES = {
    "application/pdf": [".pdf"],
    "image/png": [".png"],
    "image/jpeg": [".jpg", ".jpeg"],
    "image/webp": [".webp"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": [".pptx"],
    "application/msword": [".doc"],
    "application/vnd.ms-excel": [".xls"],
    "application/vnd.ms-powerpoint": [".ppt"],
    "application/vnd.oasis.opendocument.text": [".odt"],
    "application/vnd.oasis.opendocument.spreadsheet": [".ods"],
    "application/vnd.oasis.opendocument.presentation": [".odp"],
}
EVIDENCE_ALLOWED_TYPES = env_list("EVIDENCE_ALLOWED_TYPES", default=list(EVIDENCE_FILE_TYPES))
if unknown := sorted(set(EVIDENCE_ALLOWED_TYPES) - set(EVIDENCE_FILE_TYPES)):
    raise ImproperlyConfigured(f"EVIDENCE_ALLOWED_TYPES has unknown content types: {', '.join(unknown)}.")
# Opened in the browser; every other type is downloaded.
EVIDENCE_INLINE_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/webp"]
EVIDENCE_MAX_UPLOAD_SIZE = env_int("EVIDENCE_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
# The first handler drops a file as soon as it passes EVIDENCE_MAX_UPLOAD_SIZE, before the others keep it
# in memory or in a temporary file; form fields other than files stay under DATA_UPLOAD_MAX_MEMORY_SIZE.
FILE_UPLOAD_HANDLERS = [
    "assessments.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = env_str("EMAIL_HOST", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="Antikorupsi KPK <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS hardening, on by default whenever DEBUG is off (HTTPS=0 for a plain-HTTP deployment).
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 12
# Django's database sessions, read by a query compiled once (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Observability (issue 14): request ids in the logs, the health endpoint, Sentry ------------------------
# Every log line: time, level, logger, request id (antikorupsi/observability.py), message. Django's own
# "django" logger keeps no handler of its own and propagates to the root one: before, it also had Django's
# default console handler, so in development each of its lines printed twice.
LOG_LEVEL = env_str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "antikorupsi.observability.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # WeasyPrint reports every rendering step at INFO; only its warnings are worth a log line.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    },
}
MIDDLEWARE.insert(0, "antikorupsi.observability.RequestIdMiddleware")
INSTALLED_APPS.append("health_check")
# /health/ for the load balancer. The task queue joins this list when the project gets one (django-tasks:
# add its check here). The probe must send a Host of ALLOWED_HOSTS; it is exempt from the HTTPS redirect
# so a load balancer may probe the application server over plain HTTP.
HEALTH_CHECKS = [
    "health_check.checks.Database",
    ("health_check.checks.Storage", {"alias": "default"}),
    ("health_check.checks.Storage", {"alias": "evidence"}),
]
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Error reports go to Sentry when SENTRY_DSN is set, and nowhere else otherwise. No personal data is sent
# (user names, IP addresses, form contents); the request id tags each report.
SENTRY_DSN = env_str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", default="production"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
# --- end of observability ------------------------------------------------------------------------------------

# --- Security: log-in throttling, second factor, Content-Security-Policy, rate limits -------------------
# (issue 10; README, "Security model"). Kept in this one block on purpose; accounts/security.py has the code.
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += [
    "accounts.apps.LockoutsConfig",  # django-axes under an Indonesian name
    "django_otp",
    "accounts.apps.AuthenticatorConfig",  # django_otp.plugins.otp_totp
    "accounts.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "csp",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware"
)
_AUTH = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH + 1 : _AUTH + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "accounts.security.SecondFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]

# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one account, or from one address, further
# tries are refused for AXES_COOLOFF_MINUTES (each refused try starts the wait again). Staff unlock an
# account early in the admin ("Axes" > access attempts: delete the rows).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.security.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # accounts/admin_security.py registers them read-only, unlocking through a service
# Behind a reverse proxy the client's address is the last hop it added to X-Forwarded-For.
if env_bool("BEHIND_PROXY", False):
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# django-otp: staff must pass a second factor (TOTP app, or a one-time recovery code) when DEBUG is off;
# everyone else may turn it on (/akun/dua-langkah/). scripts/demo runs with DEBUG=1, so the demo accounts
# log in with the password alone.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", default=not DEBUG)
OTP_TOTP_ISSUER = "Antikorupsi KPK"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # nobody reads another person's TOTP key in the admin

# Django's cache holds the rate limits' counters and the screening kept between requests (every region's
# verdict, each rendered row per language, the monitoring alerts) under keys that change with the data.
# In the process by default: room for a year's 514 rows in both languages several times over (Django's
# default of 300 entries would evict them while staff page through the screening).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", default=5000)},
    }
}

# Requests limited per client address, without an account to lock: (requests, seconds). The counter
# lives in Django's cache: set CACHES to a shared cache when several application servers run.
RATE_LIMITS = {
    "password_reset": (env_int("RATE_LIMIT_PASSWORD_RESET", default=5), 60 * 60),
    "verification": (env_int("RATE_LIMIT_VERIFICATION", default=30), 60),
}

# django-csp 4 (the settings format of 4.x): no inline script and no on*= handler anywhere; page
# behaviour lives in static/js/app.js. Inline style attributes stay allowed for the computed bar widths
# and heights (charts, progress) and the admin's widgets; Bootstrap's CSS draws its icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
