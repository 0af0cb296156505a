"""HTTP hardening: headers, cookies, CSRF, rate limits, two-factor per role, no Django
admin, and `check --deploy` clean with production settings."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from regie.core.roles import Role

TEMPLATES = Path(settings.PACKAGE_DIR) / "templates"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "regie.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "regie.gemeente.example",
        "CSRF_TRUSTED_ORIGINS": "https://regie.gemeente.example",
        "SECURE_HSTS_PRELOAD": "1",
        "REGIE_DATA_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "TRUSTED_PROXIES": "10.0.0.5",
    }
    result = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_defaults():
    # pytest runs with DEBUG off: these are the values a production install gets.
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_REFERRER_POLICY == "same-origin"
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    assert "django.contrib.admin" not in settings.INSTALLED_APPS


def test_security_headers_on_every_page(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = client.get(reverse("person_detail", args=[world.person.pk]), secure=True)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    # Pages with personal data are not kept in the browser's cache.
    assert "no-store" in response["Cache-Control"]


def test_login_page_has_csp_and_secure_session_settings(client, db):
    response = client.get(reverse("login"))
    assert "Content-Security-Policy" in response
    assert response.status_code == 200


def _served_templates():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "@page" in text:  # rendered to PDF by WeasyPrint, never served to a browser
            continue
        yield path, text


def test_templates_need_no_unsafe_inline():
    """The CSP forbids inline scripts, styles and event handlers: templates use none."""
    problems = []
    for path, text in _served_templates():
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"<style\b",
            r"\sstyle=",
            r"\son[a-z]+=",
            r"javascript:",
            r"\bhx-on",
        ):
            if re.search(pattern, text, flags=re.IGNORECASE):
                problems.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert problems == [], (
        "Inline code is blocked by the Content-Security-Policy (regie.core.security): move "
        "styles to static CSS classes and scripts to static files."
    )


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_page_is_exempt_from_csrf():
    """CSRF everywhere. DRF views are csrf_exempt by construction and enforce CSRF for
    session authentication themselves; token clients carry no ambient credentials. The
    API's 404 catch-all (under /api) changes nothing."""
    exempt = [
        route
        for route, callback in _patterns()
        if getattr(callback, "csrf_exempt", False) and not route.lstrip("^").startswith("api")
    ]
    assert exempt == []


def test_post_without_csrf_token_is_refused(world, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users[Role.KLANTMANAGER])
    response = strict.post(reverse("person_status", args=[world.person.pk]), {"status": "intake"})
    assert response.status_code == 403
    world.person.refresh_from_db()
    assert world.person.status == "aangemeld"


def test_django_admin_is_not_mounted(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    assert client.get("/admin/").status_code == 404


def test_login_rate_limit_per_address(db, client, settings):
    settings.REGIE_RATE_LIMIT_LOGIN = (3, 60)
    cache.clear()
    statuses = [
        client.post(reverse("login"), {"username": f"u{i}", "password": "x"}).status_code
        for i in range(5)
    ]
    cache.clear()
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]


def test_api_rate_limit(db, client, settings):
    settings.REGIE_RATE_LIMIT_API = (2, 60)
    cache.clear()
    statuses = [client.get("/api/", HTTP_AUTHORIZATION="Token abc").status_code for _ in range(4)]
    other = client.get("/api/", HTTP_AUTHORIZATION="Token other").status_code
    cache.clear()
    assert 429 not in statuses[:2]
    assert statuses[2:] == [429, 429]
    assert other != 429
    # Ordinary pages are not counted.
    settings.REGIE_RATE_LIMIT_API = (0, 60)


@pytest.mark.parametrize(
    ("configured", "role", "required"),
    [
        (["beheerder"], Role.KLANTMANAGER, False),
        (["beheerder"], Role.BEHEERDER, True),
        (["klantmanager", "jurist"], Role.KLANTMANAGER, True),
        (["klantmanager"], Role.BEGELEIDER, False),
        ([], Role.BEHEERDER, True),  # the beheerder always needs it
        (["*"], Role.AANBIEDER, True),
    ],
)
def test_two_factor_per_role_is_configurable(world, client, settings, configured, role, required):
    settings.REGIE_TWO_FACTOR_ROLES = configured
    user = world.users[role]
    assert user.requires_two_factor is required
    client.force_login(user)
    response = client.get(reverse("home"))
    if required:
        assert response.status_code == 302
        assert response["Location"] == reverse("two_factor_setup")
    else:
        assert response.status_code == 200


def test_session_expires_when_idle(world, client_for):
    from freezegun import freeze_time

    client = client_for(world.users[Role.KLANTMANAGER])
    assert client.session.get_expiry_age() == 30 * 60
    assert client.get(reverse("home")).status_code == 200
    with freeze_time(timezone.now() + timedelta(minutes=29)):
        assert client.get(reverse("home")).status_code == 200  # activity extends it
    with freeze_time(timezone.now() + timedelta(minutes=29 + 31)):
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
