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
    loaded = SessionStore(store.session_key)
    assert loaded["a"] == 1
    Session.objects.filter(session_key=store.session_key).delete()
    with pytest.raises(UpdateError):
        loaded.save()
