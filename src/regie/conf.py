"""The environment variables that configure Regie, declared once.

settings.py reads them through ``env``/``env_bool``/``env_int``/``env_list``;
docs/configuration.md is generated from VARIABLES by ``regie configdocs``, and a test
checks that the committed file is current.
"""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


VARIABLES: tuple[Variable, ...] = (
    Variable("DEBUG", "0", "Development mode. Never on in production; `make run` turns it on."),
    Variable("SECRET_KEY", "", "Django's signing key. Required when DEBUG is off."),
    Variable("ALLOWED_HOSTS", "", "Comma-separated host names this server answers to."),
    Variable("CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins (https://…) for CSRF checks."),
    Variable(
        "DATABASE_URL",
        "",
        "Database, e.g. postgres://user@host:5432/regie. Empty: SQLite in REGIE_DATA_DIR.",
    ),
    Variable("DATABASE_CONN_MAX_AGE", "60", "Seconds a database connection is reused."),
    Variable(
        "POSTGRES_RANDOM_PAGE_COST",
        "1.1",
        "PostgreSQL's planner cost of reading a random page, for Regie's connections: 1.1 for"
        " SSD storage (PostgreSQL's own default of 4 assumes spinning disks and makes it scan a"
        " whole table where an index serves one municipality). Empty: the server's setting.",
    ),
    Variable(
        "POSTGRES_PREPARE_THRESHOLD",
        "2",
        "PostgreSQL: after how many runs on one connection a query is prepared on the server"
        " (psycopg's prepare_threshold, with server-side parameter binding), so that it is"
        " not planned again: the werkvoorraad's 47 queries spend a third of PostgreSQL's time"
        " planning. Empty: parameters bound in Regie and nothing prepared (Django's default;"
        " for a connection pooler that cannot keep prepared statements, such as PgBouncer"
        " before 1.21 in transaction mode).",
    ),
    Variable("REGIE_DATA_DIR", "var", "Folder for the SQLite database, media and static files."),
    Variable("STATIC_ROOT", "", "Where collectstatic writes; default REGIE_DATA_DIR/static."),
    Variable(
        "STATIC_MANIFEST",
        "",
        "Serve hashed, compressed static files (needs collectstatic). Default: on unless DEBUG.",
    ),
    Variable(
        "BROKER_URL",
        "",
        "Broker of the background jobs (Celery), e.g. redis://127.0.0.1:6379/1 or "
        "amqp://guest@127.0.0.1:5672//. Empty: a queue of files in REGIE_DATA_DIR/queue "
        "(one machine only; for `make run`).",
    ),
    Variable("MEDIA_ROOT", "", "Where uploaded and generated documents are stored."),
    Variable("SECURE_COOKIES", "", "Secure-only cookies. Default: on unless DEBUG."),
    Variable("SECURE_SSL_REDIRECT", "", "Redirect http to https. Default: on unless DEBUG."),
    Variable(
        "SECURE_PROXY_SSL_HEADER",
        "0",
        "Trust X-Forwarded-Proto from the reverse proxy that terminates TLS.",
    ),
    Variable(
        "SECURE_HSTS_SECONDS",
        "",
        "HSTS max-age in seconds. Default: one year (31536000) unless DEBUG; 0 turns it off.",
    ),
    Variable(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "",
        "HSTS also for subdomains. Default: on unless DEBUG.",
    ),
    Variable(
        "SECURE_HSTS_PRELOAD",
        "0",
        "Ask browsers to preload HSTS for the domain (a decision of the domain's owner).",
    ),
    Variable(
        "TWO_FACTOR_ROLES",
        "beheerder",
        "Comma-separated roles that must log in with a second factor (TOTP), e.g. "
        "`beheerder,klantmanager,begeleider,jurist`. `*` means every role.",
    ),
    Variable(
        "RATE_LIMIT_LOGIN",
        "20/60",
        "Login and code attempts per client address: requests/seconds (besides the lockout).",
    ),
    Variable("RATE_LIMIT_API", "300/60", "API requests per user (or address): requests/seconds."),
    Variable(
        "TRUSTED_PROXIES",
        "",
        "Comma-separated IPs or CIDR ranges of the reverse proxies in front of Regie, e.g. "
        "`10.0.0.5,10.1.0.0/24`. Only from these peers is CLIENT_IP_HEADER believed.",
    ),
    Variable(
        "CLIENT_IP_HEADER",
        "X-Forwarded-For",
        "Header in which a trusted proxy passes the client address; its right-most "
        "untrusted address counts for rate limits and the login lockout.",
    ),
    Variable("UPLOAD_MAX_MB", "10", "Largest file a user may upload, in megabytes."),
    Variable(
        "RETENTION_YEARS",
        "",
        "Override bewaartermijnen per record type, e.g. `dossier=4,gezondheid=1`, within the "
        "law: `dossier` at most 5 (Besluit inburgering 2021 art. 9.9), `financieel` at least "
        "7; Regie refuses to start otherwise (see docs/security.md).",
    ),
    Variable(
        "REGIE_AUDIT_KEY",
        "",
        "Key of the audit log's hash chain (`regie audit-seal`, `regie audit-verify`). Keep it "
        "out of the database and its backups. Empty: derived from SECRET_KEY (then rotating "
        "SECRET_KEY breaks the chain; see docs/operations.md).",
    ),
    Variable(
        "SESSION_IDLE_MINUTES",
        "30",
        "A session ends after this many idle minutes (up to one minute earlier: its expiry "
        "is written at most once a minute, `regie.core.sessions`).",
    ),
    Variable("LOGIN_FAILURE_LIMIT", "5", "Failed logins (per user name and address) before lock."),
    Variable("LOGIN_LOCKOUT_MINUTES", "15", "Minutes a locked login stays locked."),
    Variable("PAGE_SIZE", "25", "Rows per page in lists."),
    Variable(
        "REDIS_URL",
        "",
        "Shared cache (e.g. redis://127.0.0.1:6379/0) for the rate-limit counters of all "
        "workers and servers. Required in production; empty: a per-process memory cache.",
    ),
    Variable(
        "SITE_URL",
        "",
        "Address of this Regie as users reach it (https://regie.gemeente.nl), for the links "
        "in e-mails. Empty: https:// and the first of ALLOWED_HOSTS (http://127.0.0.1:8000 "
        "with DEBUG).",
    ),
    Variable(
        "EMAIL_HOST",
        "",
        "SMTP server for Regie's e-mails (the daily werkvoorraad reminder). Empty: e-mails are "
        "written as files to REGIE_DATA_DIR/mail and not sent (development, demo).",
    ),
    Variable("EMAIL_PORT", "587", "Port of EMAIL_HOST."),
    Variable("EMAIL_HOST_USER", "", "User name at EMAIL_HOST (empty: no login)."),
    Variable("EMAIL_HOST_PASSWORD", "", "Password at EMAIL_HOST."),
    Variable("EMAIL_USE_TLS", "1", "STARTTLS to EMAIL_HOST."),
    Variable(
        "DEFAULT_FROM_EMAIL",
        "Regie <noreply@localhost>",
        "Sender of Regie's e-mails, e.g. `Regie <noreply@gemeente.nl>`.",
    ),
    Variable("LOG_LEVEL", "INFO", "Python log level of the console log."),
    Variable(
        "DEMO_PASSWORD",
        "Regie-demo-2026",
        "Password of the demo accounts that `regie demo` creates (demo only).",
    ),
)
_BY_NAME = {v.name: v for v in VARIABLES}


def env(name: str) -> str:
    """The variable's value, or its declared default."""
    return os.environ.get(name, _BY_NAME[name].default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name).strip().lower()
    if value == "":
        return default
    return value in {"1", "true", "yes", "on"}


def env_int(name: str) -> int:
    return int(env(name))


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


def configuration_markdown() -> str:
    """docs/configuration.md, generated from VARIABLES."""
    lines = [
        "# Configuration",
        "",
        "Regie is configured with environment variables only. This file is generated from",
        "`src/regie/conf.py` by `regie configdocs`; a test fails when it is out of date.",
        "",
        "| variable | default | meaning |",
        "|---|---|---|",
    ]
    for var in VARIABLES:
        default = f"`{var.default}`" if var.default else "(empty)"
        lines.append(f"| `{var.name}` | {default} | {var.help} |")
    lines += [
        "",
        "Local rules (for example whether the PIP deadline counts from housing) are not",
        "environment variables: they are set per municipality by the functioneel beheerder.",
        "",
    ]
    return "\n".join(lines)
