"""Liveness and readiness for process managers, load balancers and container runtimes.

``/gezondheid/live``   the process answers; touches nothing else (no database, no cache).
``/gezondheid/gereed`` every dependency answers: the database runs a trivial query, the
                       cache does a set/get round trip. 200 when all pass, else 503.

The answer is JSON with each check's name, status and duration; a failing check gives
only the exception's class name (the full error goes to the log), never a host, a
password or personal data. Both views are public (a probe has no login) and cost at most
one query. A new dependency (for example a job broker) is one more ``Check`` in
``READINESS_CHECKS``. See docs/operations.md for the example process and proxy set-up.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from regie.core.access import public

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    name: str
    probe: Callable[[], None]  # returns when the dependency answers, raises otherwise


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 gave another answer")


def cache_round_trip() -> None:
    key = f"regie-health:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not give back what was stored")
    finally:
        cache.delete(key)


READINESS_CHECKS: list[Check] = [
    Check("database", database),
    Check("cache", cache_round_trip),
]


def run_checks(checks: list[Check]) -> tuple[bool, list[dict]]:
    """Run every check (one failing does not skip the others); (all ok, results)."""
    results = []
    for check in checks:
        started = time.perf_counter()
        result = {"name": check.name, "status": "ok"}
        try:
            check.probe()
        except Exception as error:  # any failure of a dependency means: not ready
            logger.warning("Readiness check %s failed", check.name, exc_info=True)
            result = {"name": check.name, "status": "fail", "error": type(error).__name__}
        result["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
        results.append(result)
    return all(r["status"] == "ok" for r in results), results


@public
@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@public
@never_cache
@require_safe
def ready(request):
    ok, results = run_checks(READINESS_CHECKS)
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": results}, status=200 if ok else 503
    )
