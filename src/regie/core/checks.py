"""System checks for Regie's own settings (``regie check``, ``check --deploy``), and the
audit log's hash chain (regie.core.seal), verified by ``check --deploy``."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.utils import timezone

# Caches whose counters are not shared between gunicorn workers (or app servers): with
# them, each worker counts its own share of the rate limit. The dummy cache counts nothing.
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


@checks.register(checks.Tags.security, deploy=True)
def rate_limit_cache_is_shared(app_configs=None, **kwargs):
    limits = (settings.REGIE_RATE_LIMIT_LOGIN, settings.REGIE_RATE_LIMIT_API)
    if not any(allowed > 0 for allowed, _ in limits):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            f"The rate limits count in a per-process cache ({backend.rsplit('.', 1)[-1]}): "
            "every gunicorn worker and app server counts on its own, so the login limit "
            "multiplies by the number of workers.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0); see docs/operations.md.",
            id="regie.W001",
        )
    ]


@checks.register(checks.Tags.security)
def trusted_proxies_are_addresses(app_configs=None, **kwargs):
    from regie.core.clientip import trusted_networks

    errors = []
    for entry in settings.REGIE_TRUSTED_PROXIES:
        try:
            trusted_networks((entry,))
        except ValueError:
            errors.append(
                checks.Error(
                    f"TRUSTED_PROXIES holds {entry!r}, which is not an IP address or range.",
                    hint="Use IPs or CIDR ranges, e.g. 10.0.0.5,10.1.0.0/24.",
                    id="regie.E001",
                )
            )
    if settings.REGIE_TRUSTED_PROXIES and not settings.REGIE_CLIENT_IP_HEADER.strip():
        errors.append(
            checks.Error(
                "TRUSTED_PROXIES is set but CLIENT_IP_HEADER is empty.",
                hint="Set CLIENT_IP_HEADER to the header the proxy writes (X-Forwarded-For).",
                id="regie.E002",
            )
        )
    return errors


# Rows older than this and still unsealed mean `regie audit-seal` is not running.
UNSEALED_GRACE = timedelta(days=1)


@checks.register("regie", deploy=True)
def audit_chain(app_configs=None, **kwargs):
    from regie.core import seal

    try:
        result = seal.verify()
    except DatabaseError:  # not migrated yet: nothing to verify
        return []
    messages = [
        checks.Error(
            f"De auditlog is aangetast: {problem}",
            hint="Zie docs/operations.md, 'De auditlog verzegelen en controleren'.",
            id="regie.E101",
        )
        for problem in result.problems
    ]
    oldest = result.oldest_unsealed
    if oldest is not None and oldest < timezone.now() - UNSEALED_GRACE:
        messages.append(
            checks.Warning(
                f"{result.unsealed} auditregels zijn nog niet verzegeld, de oudste van "
                f"{oldest:%Y-%m-%d %H:%M}.",
                hint="Plan 'regie audit-seal' (zie docs/operations.md).",
                id="regie.W101",
            )
        )
    return messages
