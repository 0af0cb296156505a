"""A real Celery worker for the job tests: in a thread of the test process (so it sees the
test database), consuming from a broker of its own — the filesystem queue of `make run`
in a temporary folder, or Redis at 127.0.0.1:6379 (the production set-up) on a queue
named for this test, skipped when no Redis answers."""

from __future__ import annotations

import socket
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_prerun
from django.db import connections

from regie.celery import app
from regie.jobs.models import Job

REDIS = "redis://127.0.0.1:6379/14"


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def use_broker(url: str, options: dict, queue: str) -> None:
    app.conf.broker_url = url
    app.conf.broker_transport_options = options
    app.conf.task_default_queue = queue
    app.conf.task_default_routing_key = queue
    app.amqp.queues = app.amqp.Queues(())
    app.amqp.queues.select_add(queue)
    app._pool = None
    app.amqp._producer_pool = None


def filesystem_options(folder) -> dict:
    (folder / "messages").mkdir(parents=True)
    (folder / "control").mkdir()
    return {
        "data_folder_in": str(folder / "messages"),
        "data_folder_out": str(folder / "messages"),
        "control_folder": str(folder / "control"),
    }


@pytest.fixture(params=["filesystem", "redis"])
def broker(request, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    before = (app.conf.broker_url, app.conf.broker_transport_options)
    queue = f"regie-test-{uuid.uuid4().hex[:12]}"
    if request.param == "redis":
        if not redis_reachable():
            pytest.skip("no Redis at 127.0.0.1:6379")
        use_broker(REDIS, {"socket_connect_timeout": 3, "visibility_timeout": 600}, queue)
    else:
        use_broker("filesystem://", filesystem_options(tmp_path / "queue"), queue)
    yield request.param
    use_broker(before[0], before[1], "celery")


@pytest.fixture
def worker(broker, transactional_db):
    """A Celery worker running the real tasks (pool 'solo', in a thread).

    On SQLite the test database lives in memory, shared between threads with table locks:
    a worker thread writing while the test reads met "database table is locked". As
    Django's live server does for its thread, the worker's tasks then use the test's own
    connection (SQLite serialises the calls); on PostgreSQL the worker has its own."""
    main = connections["default"]
    shared = main.vendor == "sqlite" and main.is_in_memory_db()

    def use_the_tests_connection(**kwargs):
        connections["default"] = main

    if shared:
        main.inc_thread_sharing()
        task_prerun.connect(use_the_tests_connection, weak=False)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"
        ) as running:
            yield running
    finally:
        if shared:
            task_prerun.disconnect(use_the_tests_connection)
            main.dec_thread_sharing()


def wait_for(job: Job, *, timeout: float = 30.0, until=lambda job: not job.active) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if until(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.pk} still {job.state} at {job.progress}%")
