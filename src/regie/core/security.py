"""HTTP hardening that Django does not do itself: a strict Content-Security-Policy, a
Permissions-Policy, no caching of pages with personal data, and rate limits on the login
and the API. See docs/security.md for the threats each control answers.

The CSP allows only same-origin scripts and styles, with no inline code: templates load
htmx and the CSS from /static/ and never use ``style=`` or ``on…=`` attributes. A view
that truly needs another policy (for example an API documentation page) decorates itself
with ``content_security_policy(...)``; that is the only way to relax it, and it is visible
in review.
"""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.core.clientip import client_address

CSP_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # data: for the inline SVG/PNG a library may embed (the 2FA QR code is inline SVG).
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
CSP_ATTR = "regie_csp"


def csp_header(overrides: dict[str, str] | None = None) -> str:
    directives = {**CSP_DIRECTIVES, **(overrides or {})}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def content_security_policy(**overrides: str):
    """Relax the CSP for one view: ``@content_security_policy(script_src="'self' cdn…")``
    (underscores become dashes). Use sparingly and say why next to it."""
    directives = {name.replace("_", "-"): value for name, value in overrides.items()}

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, CSP_ATTR, directives)
            return response

        return wrapped

    return decorator


class SecurityHeadersMiddleware:
    """Adds CSP, Permissions-Policy and, for logged-in users, ``Cache-Control: no-store``
    so that pages with personal data stay out of shared browser caches and the back
    button of a shared computer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        overrides = getattr(response, CSP_ATTR, None)
        response.headers.setdefault("Content-Security-Policy", csp_header(overrides))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store, private"
        return response


def _client_address(request) -> str:
    # REMOTE_ADDR, or behind a configured trusted proxy the address it forwards
    # (regie.core.clientip); a header from any other peer is never believed.
    return client_address(request)


def _api_client_key(request) -> str:
    """Who is calling the API: the credentials presented (hashed), else the address."""
    credential = request.META.get("HTTP_AUTHORIZATION") or request.COOKIES.get(
        settings.SESSION_COOKIE_NAME, ""
    )
    if credential:
        return "cred:" + hashlib.sha256(credential.encode()).hexdigest()[:32]
    return "addr:" + _client_address(request)


def hit(bucket: str, key: str, limit: tuple[int, int]) -> bool:
    """Count one request in a fixed window; False when the limit is exceeded."""
    allowed, seconds = limit
    if allowed <= 0:
        return True
    cache_key = f"regie-rl:{bucket}:{key}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= allowed


class RateLimitMiddleware:
    """Rate limits per client: login and second-step POSTs per address (on top of the
    django-axes lockout per user name and address), and API calls per credential.

    Counters live in Django's cache, so every worker and every app server must share it:
    Redis (``REDIS_URL``) in production. With a per-process cache each gunicorn worker
    counts on its own and the limit multiplies by the number of workers; ``check
    --deploy`` warns about that (regie.core.checks). The client address is the one
    regie.core.clientip resolves, the same address django-axes locks."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._login_paths: frozenset[str] | None = None

    def login_paths(self) -> frozenset[str]:
        if self._login_paths is None:
            self._login_paths = frozenset({reverse("login"), reverse("two_factor_verify")})
        return self._login_paths

    def __call__(self, request):
        path = request.path_info
        if request.method == "POST" and path in self.login_paths():
            limit, key, bucket = settings.REGIE_RATE_LIMIT_LOGIN, _client_address(request), "login"
        elif path.startswith("/api/"):
            limit, key, bucket = settings.REGIE_RATE_LIMIT_API, _api_client_key(request), "api"
        else:
            return self.get_response(request)
        if not hit(bucket, key, limit):
            return too_many(limit[1], api=bucket == "api")
        return self.get_response(request)


def too_many(retry_after: int, *, api: bool = False) -> HttpResponse:
    """The 429 answer: plain Dutch text for pages, problem+json (RFC 9457) for the API,
    like every other API error (regie.api.problems)."""
    if api:
        response = HttpResponse(
            json.dumps(
                {
                    "type": "https://regie.invalid/problemen/429",
                    "title": _("Te veel verzoeken."),
                    "status": 429,
                    "code": "throttled",
                    "detail": _("Te veel verzoeken. Wacht even en probeer het opnieuw."),
                }
            ),
            status=429,
            content_type="application/problem+json",
        )
    else:
        response = HttpResponse(
            _("Te veel verzoeken. Wacht even en probeer het opnieuw."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = str(retry_after)
    return response
