"""Fixtures for the PIP: a colleague klantmanager in the same team (four eyes), a person
whose brede intake is completed, and helpers that draft and set PIP versions."""

import datetime as dt

import pytest

from regie.core.roles import Role
from regie.people.services import change_status
from regie.plans import services
from regie.plans.models import PIP
from tests.factories import BredeIntakeFactory, PIPDoelFactory, PIPVersieFactory, UserFactory


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


@pytest.fixture
def colleague(world, km):
    """A second klantmanager in the same team: the one who may vaststellen."""
    return UserFactory(
        username="collega", organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER]
    )


@pytest.fixture
def person(world):
    """world.person after a completed brede intake (advice: B1-route), status intake."""
    person = world.person
    change_status(person, "intake")
    BredeIntakeFactory(inburgeraar=person, completed=True)
    return person


def draft(person, drafter, *, aanbieder, route="b1", goals=1, **fields):
    """A complete concept of the next version, drafted by ``drafter``."""
    pip, _ = PIP.objects.get_or_create(inburgeraar=person)
    highest = pip.versies.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    versie = PIPVersieFactory(
        pip=pip,
        nummer=highest + 1,
        leerroute=route,
        aanbieder=aanbieder,
        opgesteld_door=drafter,
        **fields,
    )
    for _ in range(goals):
        PIPDoelFactory(versie=versie)
    return versie


def set_pip(person, drafter, vaststeller, *, aanbieder, on, route="b1", **fields):
    """Draft and vaststellen a version with dagtekening ``on`` (a day before today gets a
    reason, as the form requires)."""
    versie = draft(person, drafter, aanbieder=aanbieder, route=route, **fields)
    return services.vaststellen(versie, vaststeller, on=on, dagtekening_reden=EARLIER)


EARLIER = "Het besluit is op de dagtekening genomen en later vastgelegd."


@pytest.fixture
def first_pip(person, km, colleague, world):
    return set_pip(person, km, colleague, aanbieder=world.aanbieder, on=dt.date(2025, 1, 10))
