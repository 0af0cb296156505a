"""A small, hand-computed data set in world.municipality (see test_figures.py for the
expected values), plus a person in another municipality who must never count."""

import datetime as dt
from dataclasses import dataclass

import pytest

from regie.people.models import Inburgeraar
from tests.factories import (
    BredeIntakeFactory,
    ExamenresultaatFactory,
    InburgeraarFactory,
    LesurenFactory,
    MatchFactory,
    MatchingProfileFactory,
    OntzorgingFactory,
    PIPFactory,
    PIPVersieFactory,
)

TODAY = dt.date(2027, 1, 15)


@dataclass
class Data:
    p1: Inburgeraar
    p2: Inburgeraar
    p3: Inburgeraar


def intake(person, started, completed=None):
    return BredeIntakeFactory(
        inburgeraar=person,
        started_on=started,
        completed_on=completed,
        status="afgerond" if completed else "concept",
    )


def pip(person, dagtekening, leerroute):
    return PIPVersieFactory(
        pip=PIPFactory(inburgeraar=person),
        vastgesteld=True,
        dagtekening=dagtekening,
        leerroute=leerroute,
    )


@pytest.fixture
def data(world):
    muni = world.municipality
    # world.person: asielmigrant, kennisgeving 2026-09-01, nothing else yet.
    p1 = InburgeraarFactory(
        municipality=muni, kennisgeving_date=dt.date(2026, 9, 1), last_name="Eenmalignaam"
    )
    intake(p1, dt.date(2026, 9, 15), dt.date(2026, 10, 1))  # 14 and 30 days
    pip(p1, dt.date(2026, 10, 15), "b1")  # 44 days: within 10 weeks
    from regie.activities.models import PvtTraject

    PvtTraject.objects.create(inburgeraar=p1, signed_on=dt.date(2026, 11, 1))
    MatchingProfileFactory(inburgeraar=p1)
    MatchFactory(inburgeraar=p1)
    LesurenFactory(inburgeraar=p1, aanbieder=world.aanbieder, uren_aangeboden=40, uren_aanwezig=36)
    ExamenresultaatFactory(inburgeraar=p1, aanbieder=world.aanbieder, uitslag="behaald")

    p2 = InburgeraarFactory(
        municipality=muni,
        gezinsmigrant=True,
        kennisgeving_date=dt.date(2026, 8, 1),
        last_name="Tweedenaam",
    )
    intake(p2, dt.date(2026, 8, 21), dt.date(2026, 9, 10))  # 20 and 40 days
    pip(p2, dt.date(2026, 11, 1), "z")  # 92 days: later
    MatchingProfileFactory(inburgeraar=p2)
    LesurenFactory(inburgeraar=p2, aanbieder=world.aanbieder, uren_aangeboden=40, uren_aanwezig=30)
    ExamenresultaatFactory(inburgeraar=p2, aanbieder=world.aanbieder, uitslag="niet_behaald")
    OntzorgingFactory(inburgeraar=p2)

    p3 = InburgeraarFactory(
        municipality=muni, kennisgeving_date=dt.date(2025, 6, 1), last_name="Derdenaam"
    )

    # Another municipality: counts nowhere here.
    LesurenFactory(inburgeraar=world.stranger, uren_aangeboden=100, uren_aanwezig=100)
    OntzorgingFactory(inburgeraar=world.stranger)
    return Data(p1, p2, p3)
