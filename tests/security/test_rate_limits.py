"""Rate limits that hold with several workers and behind a reverse proxy (issue 17, 7).

The attack on a production-like instance found the first 429 at login attempt 36 instead
of 21 with two gunicorn workers (each worker counted in its own memory cache), and behind
a proxy every user shared the proxy's address, so one outsider could block all logins.
Now the counters live in Redis and the client address comes from the trusted proxy's
header (regie.core.clientip); django-axes locks that same address."""

import os
import secrets
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse

from regie.core.clientip import parse_address, resolve_client_address

PROXY = "10.0.0.5"
TRUSTED = ("10.0.0.5", "10.1.0.0/24")


@pytest.mark.parametrize(
    ("peer", "header", "expected"),
    [
        # No proxy configured for this peer: the header is the client's own words.
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),
        # From the trusted proxy: the address it appended.
        (PROXY, "203.0.113.9", "203.0.113.9"),
        # A client that forges the left part: the right-most untrusted address counts.
        (PROXY, "1.1.1.1, 203.0.113.9", "203.0.113.9"),
        # A chain of trusted proxies is skipped.
        (PROXY, "203.0.113.9, 10.1.0.17", "203.0.113.9"),
        # Ports and IPv6 as proxies write them.
        (PROXY, "203.0.113.9:4711", "203.0.113.9"),
        (PROXY, "[2001:db8::1]:4711", "2001:db8::1"),
        # Garbage where the proxy's entry should be: the last known trusted address.
        (PROXY, "not-an-ip", PROXY),
        (PROXY, "", PROXY),
        (PROXY, None, PROXY),
        # IPv4 seen through an IPv6 socket is the same client.
        ("::ffff:198.51.100.7", None, "198.51.100.7"),
    ],
)
def test_client_address_resolution(peer, header, expected):
    assert resolve_client_address(peer, header, TRUSTED) == expected


def test_parse_address_refuses_what_is_not_an_address():
    assert parse_address("unknown") is None
    assert parse_address("300.1.1.1") is None
    assert str(parse_address(" 203.0.113.9 ")) == "203.0.113.9"


@pytest.fixture
def behind_proxy(settings):
    settings.REGIE_RATE_LIMIT_LOGIN = (3, 60)
    settings.REGIE_TRUSTED_PROXIES = [PROXY]
    settings.REGIE_CLIENT_IP_HEADER = "X-Forwarded-For"
    cache.clear()
    yield
    cache.clear()


def _attempts(client, n, peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return [
        client.post(reverse("login"), {"username": f"u{i}", "password": "x"}, **extra).status_code
        for i in range(n)
    ]


def test_two_clients_behind_the_trusted_proxy_are_counted_apart(db, client, behind_proxy):
    assert _attempts(client, 4, PROXY, "203.0.113.1") == [200, 200, 200, 429]
    # Another user behind the same proxy is not blocked by the first.
    assert _attempts(client, 3, PROXY, "203.0.113.2") == [200, 200, 200]
    # A forged left part does not give the blocked client a fresh counter.
    assert _attempts(client, 1, PROXY, "198.51.100.99, 203.0.113.1") == [429]


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(db, client, behind_proxy):
    # An outsider that talks to the app directly and rotates X-Forwarded-For is still
    # counted as its own address.
    statuses = [_attempts(client, 1, "198.51.100.7", f"203.0.113.{i}")[0] for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # ... and cannot block the client whose address it names.
    assert _attempts(client, 1, PROXY, "203.0.113.1") == [200]


def test_axes_locks_the_forwarded_client_not_the_proxy(db, client, behind_proxy, settings):
    settings.REGIE_RATE_LIMIT_LOGIN = (0, 60)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "klantmanager", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.1",
        )
    attempts = AccessAttempt.objects.filter(username="klantmanager")
    assert set(attempts.values_list("ip_address", flat=True)) == {"203.0.113.1"}
    # The same user name from another client behind the proxy is not locked out.
    other = client.post(
        reverse("login"),
        {"username": "klantmanager", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.2",
    )
    locked = client.post(
        reverse("login"),
        {"username": "klantmanager", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.1",
    )
    assert other.status_code == 200
    assert "Inloggen is tijdelijk geblokkeerd" not in other.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in locked.content.decode()


def _check_deploy(tmp_path, **extra):
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
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        **extra,
    }
    return subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_warns_about_a_per_process_cache(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode != 0
    assert "regie.W001" in result.stderr + result.stdout
    assert "REDIS_URL" in result.stderr + result.stdout


def test_check_refuses_a_trusted_proxy_that_is_not_an_address(tmp_path):
    result = _check_deploy(
        tmp_path, REDIS_URL="redis://127.0.0.1:6379/0", TRUSTED_PROXIES="proxy.example"
    )
    assert result.returncode != 0
    assert "regie.E001" in result.stderr + result.stdout
