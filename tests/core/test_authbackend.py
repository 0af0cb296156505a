"""The password login's backend (regie.core.authbackend): the user of a session comes with
their organisation, roles, served municipalities and authenticator in one query; what
changes counts from the next request; a blocked or removed account loses its session."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core.access import served_municipality_ids
from regie.core.models import RoleAssignment
from regie.core.roles import Role
from tests.factories import MunicipalityFactory


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


def _page_reads(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_roles_municipalities_and_authenticator_come_with_the_user(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    response, reads = _page_reads(
        client_for(user), reverse("person_detail", args=[world.person.pk])
    )
    assert response.status_code == 200
    for table in ("core_roleassignment", "core_organisation_serves", "otp_totp_totpdevice"):
        assert not any(sql.startswith(f'SELECT "{table}".') for sql in reads), table
    seen = response.wsgi_request.user
    assert seen.roles == frozenset({Role.KLANTMANAGER})
    assert served_municipality_ids(seen) == sorted(
        user.organisation.serves.values_list("pk", flat=True)
    )
    assert seen._has_confirmed_device is False
    # The person of the served municipality is in the scope, which uses the ids.
    assert world.person.full_name in response.content.decode()
    stranger = client_for(user).get(reverse("person_detail", args=[world.stranger.pk]))
    assert stranger.status_code == 404


def test_a_role_taken_away_counts_from_the_next_request(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    assert client.get(reverse("person_list")).status_code == 200
    RoleAssignment.objects.filter(user=user).delete()
    assert client.get(reverse("person_list")).status_code == 403
    RoleAssignment.objects.create(user=user, role=Role.REGISSEUR)
    assert client.get(reverse("home")).wsgi_request.user.roles == frozenset({Role.REGISSEUR})


def test_a_municipality_served_from_the_next_request(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    before = served_municipality_ids(client.get(reverse("home")).wsgi_request.user)
    extra = MunicipalityFactory(name="Aalten", cbs_code="GM0197")
    user.organisation.serves.add(extra)
    after = served_municipality_ids(client.get(reverse("home")).wsgi_request.user)
    assert after == sorted([*before, extra.pk])
    user.organisation.serves.clear()
    assert served_municipality_ids(client.get(reverse("home")).wsgi_request.user) == []


def test_an_authenticator_confirmed_elsewhere_asks_for_the_code_at_the_next_request(
    world, client_for
):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    assert client.get(reverse("home")).status_code == 200
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=False)
    assert client.get(reverse("home")).status_code == 200  # not confirmed: no code asked
    TOTPDevice.objects.filter(user=user).update(confirmed=True)
    assert client.get(reverse("home"))["Location"] == reverse("two_factor_verify")


def test_a_user_without_organisation_or_roles(world, client_for, django_user_model):
    user = django_user_model.objects.create_user("zonder", password="x" * 16)
    response = client_for(user).get(reverse("home"))
    seen = response.wsgi_request.user
    assert seen.roles == frozenset()
    assert served_municipality_ids(seen) == []
