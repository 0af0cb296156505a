"""Fixtures for the activities app: a Z-route PIP for world.person with open goals on
gezondheid and sociaal netwerk, a small menukaart in world.municipality managed by the
sociaal team (the coördinator's organisation), and a Toptaal lesson group (world.aanbieder)
in which world.person is enrolled."""

import datetime as dt
from types import SimpleNamespace

import pytest

from regie.activities.models import Enrolment
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    PIPDoelFactory,
    PIPFactory,
    PIPVersieFactory,
    SessionFactory,
)


def enrol_in_lesson(person, lesson, start=dt.date(2020, 1, 6)):
    return [
        Enrolment.objects.create(inburgeraar=person, session=s, start_date=start)
        for s in lesson.sessions.all()
    ]


def give_pip(person, aanbieder, route="z", open_areas=("gezondheid", "sociaal_netwerk")):
    versie = PIPVersieFactory(
        pip=PIPFactory(inburgeraar=person),
        nummer=1,
        vastgesteld=True,
        leerroute=route,
        aanbieder=aanbieder,
    )
    for area in open_areas:
        PIPDoelFactory(versie=versie, levensgebied=area, status="open")
    PIPDoelFactory(versie=versie, levensgebied="taal", status="behaald")
    return versie


@pytest.fixture
def pip_z(world):
    return give_pip(world.person, world.aanbieder)


@pytest.fixture
def menukaart(world):
    partner = OrganisationFactory(name="GGD", type="partner", serves=[world.municipality])
    common = {"municipality": world.municipality, "coordinator_organisation": world.sociaal_team}
    kletsplek = ActivityFactory(
        name="Kletsplek", themes=["taal", "sociaal_netwerk"], organiser=world.sociaal_team, **common
    )
    ggd = ActivityFactory(name="GGD-workshop", themes=["gezondheid"], organiser=partner, **common)
    sport = ActivityFactory(name="Sportles", themes=["gezondheid"], organiser=partner, **common)
    return SimpleNamespace(
        kletsplek=kletsplek,
        ggd=ggd,
        sport=sport,
        kletsplek_ma=SessionFactory(activity=kletsplek, weekday=0, capacity=2),
        ggd_di=SessionFactory(
            activity=ggd, weekday=1, start=dt.time(13, 30), end=dt.time(15, 30), capacity=1
        ),
        sport_wo=SessionFactory(
            activity=sport, weekday=2, start=dt.time(9, 0), end=dt.time(10, 0), capacity=5
        ),
    )


@pytest.fixture
def lesson(world):
    group = ActivityFactory(
        lesson=True,
        name="Toptaal Z-groep",
        organiser=world.aanbieder,
        coordinator_organisation=world.sociaal_team,
        municipality=world.municipality,
    )
    SessionFactory(activity=group, weekday=0, start=dt.time(9, 0), end=dt.time(12, 0), capacity=16)
    SessionFactory(activity=group, weekday=2, start=dt.time(9, 0), end=dt.time(12, 0), capacity=16)
    enrol_in_lesson(world.person, group)
    return group
