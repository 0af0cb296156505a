"""Django settings for Regie, driven by environment variables.

Every variable read here is declared once in ``regie.conf.VARIABLES`` with its default and
help text; docs/configuration.md is generated from that list (``regie configdocs``).
Defaults are safe for production: DEBUG is off, cookies are secure, a SECRET_KEY is
required. ``make run`` turns DEBUG on for the local demo.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from regie.conf import env, env_bool, env_int, env_list
from regie.jobs.schedule import beat_schedule
from regie.rules.retention import validate_overrides as validate_retention_overrides

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("REGIE_DATA_DIR")).resolve()

DEBUG = env_bool("DEBUG")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see docs/configuration.md)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "regie.core",
    "regie.identity",
    "regie.people",
    "regie.demo",
    "regie.intake",
    "regie.plans",
    "regie.activities",
    "regie.finance",
    "regie.guidance",
    "regie.enforcement",
    "regie.work",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "regie.api",
    "regie.exchange",
    "regie.monitoring",
    "regie.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "regie.core.security.SecurityHeadersMiddleware",
    "regie.core.security.RateLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "regie.core.middleware.AuditContextMiddleware",
    "regie.core.middleware.TwoFactorMiddleware",
    "regie.core.access.AccessRuleMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regie.core.context_processors.regie",
            ],
        },
    },
]

# Django's form renderer, but a <select> written in Python (regie.core.formrenderer).
FORM_RENDERER = "regie.core.formrenderer.Renderer"

_default_db = f"sqlite:///{DATA_DIR / 'regie.sqlite3'}"
if not env("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or _default_db,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # IMMEDIATE: a transaction takes the write lock when it begins and waits for it (the
    # timeout), instead of failing with "database is locked" when two gunicorn workers
    # upgrade a read to a write at once (the login lockout does exactly that).
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env(
    "POSTGRES_PREPARE_THRESHOLD"
):
    # Parameters bound by PostgreSQL, and a query run this often on one connection
    # prepared there, so that it is not planned again (docs/performance.md, "Prepared
    # statements and queries compiled once"). Connections live DATABASE_CONN_MAX_AGE
    # seconds.
    try:
        _threshold = int(env("POSTGRES_PREPARE_THRESHOLD"))
    except ValueError as error:
        raise ImproperlyConfigured("POSTGRES_PREPARE_THRESHOLD must be a whole number") from error
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": _threshold}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env(
    "POSTGRES_RANDOM_PAGE_COST"
):
    # With PostgreSQL's default of 4 a municipality's monitoring figures scanned every row of
    # the country (docs/performance.md, "Monitoring that does not grow with the country").
    try:
        _page_cost = float(env("POSTGRES_RANDOM_PAGE_COST"))
    except ValueError as error:
        raise ImproperlyConfigured("POSTGRES_RANDOM_PAGE_COST must be a number") from error
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = f"-c random_page_cost={_page_cost}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
# The platform's data subject, looked up by name like AUTH_USER_MODEL: the platform (core)
# never imports the registry app (docs/architecture.md).
REGIE_PERSON_MODEL = "people.Inburgeraar"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's organisation with the user (one query
    # fewer on every page). Sessions of Django's own ModelBackend end at the upgrade.
    "regie.core.authbackend.UserBackend",
    # Login through an organisation's own OpenID Connect provider (docs/oidc.md); it
    # answers only logins that name their provider.
    "regie.identity.backend.ProviderBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): after AXES_FAILURE_LIMIT failures for one username from one
# address, that combination is locked for LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Axes locks the same client address the rate limits count (behind a trusted proxy, the
# forwarded one: regie.core.clientip).
AXES_CLIENT_IP_CALLABLE = "regie.core.clientip.client_address"

# Sessions end after SESSION_IDLE_MINUTES without a request, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES") * 60
SESSION_SAVE_EVERY_REQUEST = True
# Database sessions; an unchanged session only gets its new expiry date (regie.core.sessions).
SESSION_ENGINE = "regie.core.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
_secure_cookies = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _secure_cookies
CSRF_COOKIE_SECURE = _secure_cookies
LANGUAGE_COOKIE_SECURE = _secure_cookies
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health probes come over plain HTTP from the process manager or the proxy on the same
# host (regie.core.health; they carry no personal data).
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/"]
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS in production (one year by default; https is already enforced by the redirect).
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS") or (0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
CSRF_COOKIE_HTTPONLY = True  # no script reads the token from the cookie; forms carry it
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

OTP_TOTP_ISSUER = "Regie"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The design (regie.css, the Utrecht components, htmx) lives beside the templates, in no
# app of its own: the finders and collectstatic must be told where.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", default=not DEBUG)
MEDIA_ROOT = Path(env("MEDIA_ROOT") or DATA_DIR / "media")

# E-mail (the daily werkvoorraad reminder, regie.core.reminders). Without EMAIL_HOST the
# messages are written as files to REGIE_DATA_DIR/mail: nothing leaves the machine.
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT")
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
# For the links in e-mails (a scheduled job has no request to take the host from).
REGIE_SITE_URL = (
    env("SITE_URL")
    or ("http://127.0.0.1:8000" if DEBUG else "")
    or (f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "")
).rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
}

# The rate-limit counters live in the cache, so every gunicorn worker and app server must
# share it: Redis in production (``check --deploy`` warns otherwise, regie.core.checks).
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }

# Background jobs (regie.jobs, docs/architecture.md 'Background jobs'): Celery with the
# broker of BROKER_URL (Redis or RabbitMQ in production); without one, kombu's filesystem
# transport in REGIE_DATA_DIR/queue, so `make run` needs no server. Job state, progress
# and results live in the database (regie.jobs.models.Job), not in a result backend.
CELERY_BROKER_URL = env("BROKER_URL") or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem"):
    _queue = DATA_DIR / "queue"
    for _folder in ("messages", "control"):
        (_queue / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "messages"),
        "data_folder_out": str(_queue / "messages"),
        "control_folder": str(_queue / "control"),
        "store_processed": False,
    }
else:
    # acks_late: a message stays with the broker until its job finished; the visibility
    # timeout must exceed the longest job.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 3,
        "visibility_timeout": 3 * 60 * 60,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = beat_schedule()
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

# Regie's own settings.
REGIE_PAGE_SIZE = env_int("PAGE_SIZE")
REGIE_DEMO_PASSWORD = env("DEMO_PASSWORD")
# Security and privacy (docs/security.md): roles that must use two-factor login, rate
# limits as (requests, seconds), the upload limit and overridden bewaartermijnen.
REGIE_TWO_FACTOR_ROLES = env_list("TWO_FACTOR_ROLES")
REGIE_RATE_LIMIT_LOGIN = tuple(int(n) for n in env("RATE_LIMIT_LOGIN").split("/"))
REGIE_RATE_LIMIT_API = tuple(int(n) for n in env("RATE_LIMIT_API").split("/"))
# The client address behind a reverse proxy (regie.core.clientip): the header is believed
# only from these peers (IPs or CIDR ranges); empty means REMOTE_ADDR is the client.
REGIE_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
REGIE_CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")
REGIE_UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB") * 1024 * 1024
# The key of the audit log's hash chain (regie.core.seal); empty: derived from SECRET_KEY.
REGIE_AUDIT_KEY = env("REGIE_AUDIT_KEY")
REGIE_RETENTION_YEARS = {
    key.strip(): int(value)
    for key, _, value in (item.partition("=") for item in env_list("RETENTION_YEARS"))
}
# A configured bewaartermijn the law does not allow stops Regie at start (rules.retention).
if _retention_problems := validate_retention_overrides(REGIE_RETENTION_YEARS):
    raise ImproperlyConfigured("; ".join(_retention_problems))

# The REST API (regie.api): every viewset sets its own authentication, permissions and
# error handler (regie.api.base); these are the defaults for the schema and the filters.
# Rate limits on /api/ are RATE_LIMIT_API (regie.core.security).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["regie.api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "regie.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie API",
    "DESCRIPTION": "REST API van Regie (Wet inburgering 2021): inburgeraars, verwijzingen, "
    "PIP's en wat taalaanbieders rapporteren. Zie docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "regie.api.problems.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "VaardigheidEnum": "regie.exchange.models.Vaardigheid",
        "ExamenonderdeelEnum": "regie.exchange.models.ExamenOnderdeel",
    },
}
