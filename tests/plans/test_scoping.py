"""Need to know for PIP data: roles without PIP_VIEW get 403, roles that may read PIPs but
do not see the person get 404, reads are audit-logged, and goals on gezondheid stay with
the roles that may see health data."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import PERMISSIONS, Permission, Role
from regie.people.models import AccessGrant
from regie.plans.models import PIPDoel, PIPVersie, Voortgangsgesprek
from tests.conftest import SEES_PERSON
from tests.factories import PIPDoelFactory, VoortgangsgesprekFactory
from tests.plans.conftest import draft


@pytest.mark.parametrize("role", list(Role))
def test_pip_pages_per_role(first_pip, world, client_for, role):
    person = first_pip.pip.inburgeraar
    client = client_for(world.users[role])
    for url in (
        reverse("pip_overview", args=[person.pk]),
        reverse("pip_versie", args=[person.pk, 1]),
        reverse("voortgang_list", args=[person.pk]),
    ):
        status = client.get(url).status_code
        if role not in PERMISSIONS[Permission.PIP_VIEW]:
            assert status == 403, url
        elif not SEES_PERSON[role]:
            assert status == 404, url
        else:
            assert status == 200, url


@pytest.mark.parametrize("role", list(Role))
def test_nobody_reaches_the_pip_of_a_person_elsewhere(world, client_for, role, km, colleague):
    stranger = world.stranger
    versie = draft(stranger, km, aanbieder=world.aanbieder)
    client = client_for(world.users[role])
    for url in (
        reverse("pip_overview", args=[stranger.pk]),
        reverse("pip_versie", args=[stranger.pk, versie.nummer]),
        reverse("pip_concept", args=[stranger.pk]),
        reverse("pip_beschikking", args=[stranger.pk, versie.nummer]),
    ):
        assert client.get(url).status_code in (403, 404), url
    response = client.post(reverse("pip_vaststellen", args=[stranger.pk, versie.nummer]))
    assert response.status_code in (403, 404)
    versie.refresh_from_db()
    assert versie.is_concept


def test_version_of_another_person_is_not_reachable_through_a_visible_one(
    first_pip, world, km, client_for
):
    other = draft(world.stranger, km, aanbieder=world.aanbieder)
    assert other.nummer == 1
    # Version numbers are per PIP: /<visible person>/pip/1/ shows the visible person's.
    response = client_for(km).get(reverse("pip_versie", args=[first_pip.pip.inburgeraar.pk, 1]))
    assert response.context["versie"] == first_pip


def test_querysets_are_scoped(first_pip, world):
    VoortgangsgesprekFactory(pip=first_pip.pip)
    for role in Role:
        user = world.users[role]
        sees = SEES_PERSON[role]
        assert PIPVersie.objects.for_user(user).exists() is sees
        assert PIPDoel.objects.for_user(user).exists() is sees
        assert Voortgangsgesprek.objects.for_user(user).exists() is sees


def test_reads_are_audit_logged(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    client = client_for(km)
    client.get(reverse("pip_overview", args=[person.pk]))
    client.get(reverse("pip_versie", args=[person.pk, 1]))
    client.get(reverse("voortgang_list", args=[person.pk]))
    reads = AuditEvent.objects.filter(
        action=AuditAction.READ, inburgeraar_id=person.pk, username=km.username
    ).values_list("description", flat=True)
    assert {"PIP-overzicht", "PIP versie 1", "voortgangsgesprekken"} <= set(reads)


def test_health_goals_hidden_from_jurist(first_pip, world, km, client_for):
    person = first_pip.pip.inburgeraar
    PIPDoelFactory(
        versie=first_pip, levensgebied="gezondheid", omschrijving="Intake bij GGNet volgen."
    )
    jurist = world.users[Role.JURIST]
    AccessGrant.objects.create(
        user=jurist,
        inburgeraar=person,
        reason="bezwaar",
        valid_until=dt.date.today() + dt.timedelta(days=5),
    )
    url = reverse("pip_versie", args=[person.pk, 1])
    jurist_view = client_for(jurist).get(url).content.decode()
    assert "Intake bij GGNet volgen." not in jurist_view
    assert "verborgen (bijzonder persoonsgegeven)" in jurist_view
    assert "Intake bij GGNet volgen." in client_for(km).get(url).content.decode()
