"""/gezondheid/gereed includes the job system: the broker answers, and a worker reported
lately that it reaches the broker (regie.jobs.readiness, regie.celery.Heartbeat)."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from regie.celery import app, record_heartbeat
from regie.jobs.models import WorkerHeartbeat
from tests.jobs.conftest import use_broker

pytestmark = pytest.mark.django_db
READY = "/gezondheid/gereed"


def checks(client):
    response = client.get(READY)
    return response.status_code, {c["name"]: c for c in json.loads(response.content)["checks"]}


def test_without_a_worker_the_site_is_not_ready(client):
    status, by_name = checks(client)
    assert status == 503
    assert by_name["worker"] == {
        "name": "worker",
        "status": "fail",
        "error": "WorkerNotReady",
        "duration_ms": by_name["worker"]["duration_ms"],
    }
    assert by_name["broker"]["status"] == "ok"


def test_a_worker_seen_lately_that_reaches_the_broker_makes_it_ready(client):
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=timezone.now(), broker_ok=True)
    status, by_name = checks(client)
    assert status == 200
    assert by_name["worker"]["status"] == "ok"


def test_a_worker_last_seen_a_minute_ago_is_not_ready(client):
    seen = timezone.now() - timedelta(minutes=1)
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=seen, broker_ok=True)
    assert checks(client)[1]["worker"]["status"] == "fail"


def test_a_worker_that_cannot_reach_the_broker_reports_it_and_is_not_ready(client):
    before = (app.conf.broker_url, app.conf.broker_transport_options)
    use_broker("redis://127.0.0.1:1/0", {"socket_connect_timeout": 1}, "celery")
    try:
        record_heartbeat(SimpleNamespace(app=app, hostname="celery@lost"))
        status, by_name = checks(client)
    finally:
        use_broker(before[0], before[1], "celery")
    beat = WorkerHeartbeat.objects.get(hostname="celery@lost")
    assert beat.broker_ok is False
    assert status == 503
    assert by_name["worker"]["status"] == "fail"
    assert by_name["broker"]["status"] == "fail"  # the web process cannot reach it either
    assert "127.0.0.1:1" not in json.dumps(by_name)  # no hosts in the answer


def test_a_worker_that_reaches_the_broker_records_so(client):
    record_heartbeat(SimpleNamespace(app=app, hostname="celery@here"))
    assert WorkerHeartbeat.objects.get(hostname="celery@here").broker_ok is True
    assert checks(client)[0] == 200
