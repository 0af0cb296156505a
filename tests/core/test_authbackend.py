"""The password login's backend (regie.core.authbackend): the user of a session comes with
their organisation in one query; a blocked or removed account loses its session."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.roles import Role


def test_the_user_comes_with_their_organisation_in_one_query(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    reads = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]
    user_read = next(sql for sql in reads if 'FROM "core_user"' in sql)
    assert 'JOIN "core_organisation"' in user_read
    assert not any(sql.startswith('SELECT "core_organisation"."id"') for sql in reads)
    assert response.context["user"].organisation == user.organisation


def test_a_blocked_account_loses_its_session_at_once(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    assert client.get(reverse("home")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_removed_account_loses_its_session(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    session = client.session
    session["_auth_user_id"] = "987654"
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
