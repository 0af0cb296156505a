"""Liveness and readiness probes (regie.core.health, docs/operations.md)."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from regie.core import health
from regie.core.access import PUBLIC, access_rule

pytestmark = pytest.mark.django_db

LIVE = "/gezondheid/live"
READY = "/gezondheid/gereed"


@pytest.fixture(autouse=True)
def a_worker_is_running():
    """The job system's checks (regie.jobs.readiness) pass: the broker of the tests is the
    filesystem queue, and a worker reported a moment ago that it reaches it."""
    from django.utils import timezone

    from regie.jobs.models import WorkerHeartbeat

    WorkerHeartbeat.objects.create(hostname="celery@test", seen_at=timezone.now(), broker_ok=True)


def answer(response):
    return json.loads(response.content)


def test_live_answers_without_login_or_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(LIVE)
    assert response.status_code == 200
    assert answer(response) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_ready_names_each_check_with_status_and_duration(client, django_assert_num_queries):
    # SELECT 1, whatever the database holds, and the worker's heartbeat
    with django_assert_num_queries(2):
        response = client.get(READY)
    assert response.status_code == 200
    body = answer(response)
    assert body["status"] == "ok"
    assert [c["name"] for c in body["checks"]] == ["database", "cache", "broker", "worker"]
    for check in body["checks"]:
        assert check["status"] == "ok"
        assert isinstance(check["duration_ms"], float)
    assert "Set-Cookie" not in response.headers


def test_ready_is_503_naming_the_database_when_it_fails(client):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("could not connect to host db.internal")
    with mock.patch.object(health, "connection", broken):
        response = client.get(READY)
    assert response.status_code == 503
    body = answer(response)
    assert body["status"] == "fail"
    by_name = {c["name"]: c for c in body["checks"]}
    assert by_name["database"]["status"] == "fail"
    assert by_name["database"]["error"] == "OperationalError"
    assert by_name["cache"]["status"] == "ok"  # the other checks still run
    assert "db.internal" not in response.content.decode()  # no hosts or secrets


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_ready_is_503_naming_the_cache_when_the_round_trip_fails(client):
    response = client.get(READY)
    assert response.status_code == 503
    by_name = {c["name"]: c for c in answer(response)["checks"]}
    assert by_name["cache"]["status"] == "fail"
    assert by_name["database"]["status"] == "ok"


def test_ready_is_503_when_the_cache_server_is_unreachable(client):
    with mock.patch.object(health.cache, "set", side_effect=ConnectionError("redis:6379")):
        response = client.get(READY)
    assert response.status_code == 503
    by_name = {c["name"]: c for c in answer(response)["checks"]}
    assert by_name["cache"] == {
        "name": "cache",
        "status": "fail",
        "error": "ConnectionError",
        "duration_ms": by_name["cache"]["duration_ms"],
    }


def test_a_new_dependency_is_one_more_check(client):
    def search_index():
        raise TimeoutError

    checks = [*health.READINESS_CHECKS, health.Check("search", search_index)]
    with mock.patch.object(health, "READINESS_CHECKS", checks):
        response = client.get(READY)
    assert response.status_code == 503
    assert [c["name"] for c in answer(response)["checks"]] == [
        "database",
        "cache",
        "broker",
        "worker",
        "search",
    ]


@override_settings(SECURE_SSL_REDIRECT=True)
def test_probes_are_public_and_not_redirected_to_https(client):
    assert access_rule(health.live) == PUBLIC
    assert access_rule(health.ready) == PUBLIC
    assert client.get(LIVE).status_code == 200
    assert client.get(READY).status_code == 200
    assert client.get("/inloggen/").status_code == 301  # the rest still is


def test_probes_refuse_writes(client):
    assert client.post(LIVE).status_code == 405
    assert client.post(READY).status_code == 405


def test_probes_are_not_rate_limited(client, settings):
    settings.REGIE_RATE_LIMIT_API = (1, 60)
    settings.REGIE_RATE_LIMIT_LOGIN = (1, 60)
    assert [client.get(READY).status_code for _ in range(5)] == [200] * 5
