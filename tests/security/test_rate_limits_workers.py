"""The login rate limit with a real gunicorn running two workers on Redis (issue 17, 7).

The server runs the production settings (DEBUG off) against a temporary SQLite database,
with REDIS_URL as the shared counter and 127.0.0.1 as the trusted proxy. Attempts go in
pairs at the same time, so both workers answer (each response names its worker): with a
per-process cache the first 429 came at attempt 36, with Redis it comes at attempt 21.
A second peer, 127.0.0.2, is not a trusted proxy: its X-Forwarded-For is ignored."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 9  # a database of its own: the fixture clears Regie's counters in it
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
LIMIT = 20

WRAPPER = """
import os
from regie.wsgi import application as regie_application


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Test-Worker", str(os.getpid()))], exc_info)

    return regie_application(environ, start)
"""


def _redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(
            "Redis is not reachable at 127.0.0.1:6379 (CI runs it): the shared "
            "rate-limit counter cannot be tested without it"
        )
    return client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    redis = _redis()
    data = tmp_path_factory.mktemp("workers")
    (data / "rl_wrapper.py").write_text(WRAPPER)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "STATIC_ROOT"} and not key.startswith("PYTEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="regie.settings",
        DEBUG="0",
        SECRET_KEY="workers-test-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        REGIE_DATA_DIR=str(data),
        STATIC_MANIFEST="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        REDIS_URL=REDIS_URL,
        TRUSTED_PROXIES="127.0.0.1",
        CLIENT_IP_HEADER="X-Forwarded-For",
        RATE_LIMIT_LOGIN=f"{LIMIT}/300",
        RATE_LIMIT_API="0/60",
        PYTHONPATH=os.pathsep.join([str(data), str(ROOT / "src")]),
    )
    subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "django", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
    )
    for key in redis.scan_iter("*regie-rl:*"):
        redis.delete(key)
    port = _free_port()
    log = data / "gunicorn.log"
    process = subprocess.Popen(  # noqa: S603 - our own interpreter
        [
            sys.executable,
            "-m",
            "gunicorn",
            "rl_wrapper:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--error-logfile",
            str(log),
        ],
        cwd=data,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _request(port, "GET", "/inloggen/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()[-4000:] if log.exists() else "no log")
            time.sleep(0.5)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)
        for key in redis.scan_iter("*regie-rl:*"):
            redis.delete(key)


def _request(port, method, path, body=None, headers=None, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


class Browser:
    """One client: a CSRF cookie and token from the login page, then wrong passwords."""

    def __init__(self, port, forwarded=None, source="127.0.0.1"):
        self.port, self.forwarded, self.source = port, forwarded, source
        status, headers, html = _request(port, "GET", "/inloggen/", source=source)
        assert status == 200
        self.cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def attempt(self, n):
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": self.token, "username": f"gast{n}", "password": "fout"}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.cookie}",
        }
        if self.forwarded:
            headers["X-Forwarded-For"] = self.forwarded
        status, headers, _ = _request(
            self.port, "POST", "/inloggen/", body, headers, source=self.source
        )
        return status, headers.get("X-Test-Worker")


def _in_pairs(browser, attempts):
    """Attempts 1..n, two at a time: both workers are busy, and attempt 2k+1 starts only
    after attempts up to 2k have been answered."""
    results = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for first in range(1, attempts + 1, 2):
            numbers = [n for n in (first, first + 1) if n <= attempts]
            results += list(pool.map(browser.attempt, numbers))
    return results


def test_the_first_429_comes_at_attempt_21_with_two_workers(server):
    server, log = server
    results = _in_pairs(Browser(server), LIMIT + 2)
    statuses = [status for status, _ in results]
    workers = {worker for _, worker in results}
    assert len(workers) == 2, "both gunicorn workers answered"
    assert statuses[:LIMIT] == [200] * LIMIT, (statuses, log.read_text()[-6000:])
    assert statuses[LIMIT:] == [429, 429], statuses


def test_clients_behind_the_proxy_are_counted_apart_and_spoofing_is_ignored(server):
    server, _ = server
    blocked = Browser(server, forwarded="203.0.113.10")
    statuses = [status for status, _ in _in_pairs(blocked, LIMIT + 1)]
    assert statuses[-1] == 429 and statuses[:LIMIT] == [200] * LIMIT
    # Another user behind the same proxy logs in as usual.
    assert Browser(server, forwarded="203.0.113.11").attempt(1)[0] == 200
    # 127.0.0.2 is not a trusted proxy: a new X-Forwarded-For per attempt does not help.
    outsider = Browser(server, forwarded="198.51.100.1", source="127.0.0.2")
    spoofed = []
    for n in range(1, LIMIT + 2):
        outsider.forwarded = f"198.51.100.{n}"
        spoofed.append(outsider.attempt(n)[0])
    assert spoofed[:LIMIT] == [200] * LIMIT and spoofed[LIMIT] == 429
    # ... nor can it block the user whose address it names.
    assert Browser(server, forwarded="198.51.100.1").attempt(1)[0] == 200
