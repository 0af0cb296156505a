"""The session engine (regie.core.sessions): an unchanged session only gets a new expiry
date; changed, new and deleted sessions behave as Django's database sessions. The idle
timeout itself is tested in tests/security/test_hardening.py."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from regie.core.roles import Role
from regie.core.sessions import SessionStore


def test_a_request_moves_the_expiry_and_keeps_the_data(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    key = client.session.session_key
    before = Session.objects.get(session_key=key)
    later = timezone.now() + timedelta(minutes=10)
    with freeze_time(later), CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    after = Session.objects.get(session_key=key)
    assert after.session_data == before.session_data
    assert after.expire_date - before.expire_date >= timedelta(minutes=9)
    writes = [q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"]]
    assert sum(sql.startswith("UPDATE") for sql in writes) == 1


@pytest.mark.django_db
def test_a_changed_session_is_saved_with_its_data():
    store = SessionStore()
    store["a"] = 1
    store.create()
    again = SessionStore(store.session_key)
    again["a"] = 2
    again.save()
    assert SessionStore(store.session_key)["a"] == 2


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_is_reported_as_django_does():
    store = SessionStore()
    store["a"] = 1
    store.create()
    later = timezone.now() + timedelta(minutes=2)
    with freeze_time(later):
        loaded = SessionStore(store.session_key)
        assert loaded["a"] == 1
        Session.objects.filter(session_key=store.session_key).delete()
        with pytest.raises(UpdateError):
            loaded.save()


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_is_not_brought_back_within_the_minute():
    """Logged out in another tab while this request ran: within the minute nothing is
    written, so the session stays deleted (Django would report it; nothing is revived)."""
    store = SessionStore()
    store["a"] = 1
    store.create()
    loaded = SessionStore(store.session_key)
    assert loaded["a"] == 1
    Session.objects.filter(session_key=store.session_key).delete()
    loaded.save()
    assert not Session.objects.filter(session_key=store.session_key).exists()


def _session_writes(ctx) -> int:
    return sum(
        q["sql"].startswith("UPDATE") and "django_session" in q["sql"] for q in ctx.captured_queries
    )


def test_requests_within_a_minute_do_not_write_the_session(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    start = timezone.now()
    with freeze_time(start + timedelta(minutes=5)):
        assert client.get(reverse("home")).status_code == 200  # moves the expiry
    stored = Session.objects.get(session_key=client.session.session_key).expire_date
    with (
        freeze_time(start + timedelta(minutes=5, seconds=50)),
        CaptureQueriesContext(connection) as ctx,
    ):
        response = client.get(reverse("home"))
    assert response.status_code == 200 and "Werkvoorraad" in response.content.decode()
    assert _session_writes(ctx) == 0
    assert Session.objects.get(session_key=client.session.session_key).expire_date == stored
    with (
        freeze_time(start + timedelta(minutes=6, seconds=10)),
        CaptureQueriesContext(connection) as ctx,
    ):
        assert client.get(reverse("home")).status_code == 200
    assert _session_writes(ctx) == 1
    moved = Session.objects.get(session_key=client.session.session_key).expire_date
    assert moved - stored >= timedelta(minutes=1)


def test_a_session_never_outlives_the_idle_timeout_and_ends_at_most_a_minute_early(
    world, client_for
):
    """Clicking every 20 seconds for ten minutes, then idle: the session holds for 29
    minutes after the last click (the stored expiry lags at most a minute) and is gone
    30 minutes after it."""
    client = client_for(world.users[Role.KLANTMANAGER])
    start = timezone.now()
    last = start
    for step in range(30):
        last = start + timedelta(seconds=20 * step)
        with freeze_time(last):
            assert client.get(reverse("home")).status_code == 200
    with freeze_time(last + timedelta(minutes=28, seconds=59)):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    last = last + timedelta(minutes=28, seconds=59)
    with freeze_time(last + timedelta(minutes=30, seconds=1)):
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
