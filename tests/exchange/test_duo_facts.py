"""Issue 18 point 8: the facts DUO needs (Besluit inburgering 2021 art. 9.2 lid 2, 9.3
lid 2), each reported once and marked when confirmed."""

import csv
import datetime as dt
import io

import pytest

from regie.core.roles import Role
from regie.exchange import exports
from regie.exchange.models import (
    DUO_MELDING_TRANSITIONS,
    DuoMelding,
    DuoMeldingStatus,
    melding_can_transition,
)
from tests.factories import InburgeraarFactory, LesurenFactory, PIPFactory, PIPVersieFactory


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


def _rows(export):
    return list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))


def test_transition_table():
    assert {
        "te_melden": {"gemeld"},
        "gemeld": {"bevestigd"},
        "bevestigd": set(),
    } == DUO_MELDING_TRANSITIONS
    for current in DuoMeldingStatus.values:
        for new in DuoMeldingStatus.values:
            assert melding_can_transition(current, new) == (
                (current, new) in {("te_melden", "gemeld"), ("gemeld", "bevestigd")}
            )
    melding = DuoMelding(status="bevestigd")
    with pytest.raises(ValueError):
        melding.move("te_melden")


def test_each_fact_once_and_not_repeated(world, km, travel):
    travel("2026-12-10")
    person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
    pip = PIPFactory(inburgeraar=person)
    PIPVersieFactory(pip=pip, nummer=1, vastgesteld=True, leerroute="b1", lesuren_per_week=10)
    PIPVersieFactory(
        pip=pip,
        nummer=2,
        vastgesteld=True,
        dagtekening=dt.date(2026, 11, 20),
        leerroute="z",
        lesuren_per_week=8,
    )
    LesurenFactory(inburgeraar=person, maand=dt.date(2026, 11, 1), uren_aangeboden=40)
    LesurenFactory(
        inburgeraar=person, maand=dt.date(2026, 11, 1), uren_aangeboden=10, uren_aanwezig=5
    )
    LesurenFactory(inburgeraar=person, maand=dt.date(2026, 12, 1))  # month not over
    export, count = exports.export_duo_meldingen(world.municipality, "csv")
    rows = [r for r in _rows(export) if r["bsn"] == person.bsn]
    facts = sorted((r["soort"], r["datum"], r["sleutel"], r["waarde"]) for r in rows)
    assert facts == sorted(
        [
            ("pip_vastgesteld", "2026-10-15", "pip-versie-1", "2026-10-15"),
            ("leerroute", "2026-10-15", "pip-versie-1", "b1"),
            (
                "intensiteit",
                "2026-10-15",
                "pip-versie-1",
                "lesuren_per_week=10; pvt_uren=12; map_uren=40",
            ),
            ("pip_vastgesteld", "2026-11-20", "pip-versie-2", "2026-11-20"),
            ("leerroute_gewijzigd", "2026-11-20", "pip-versie-2", "b1 > z"),
            (
                "intensiteit",
                "2026-11-20",
                "pip-versie-2",
                "lesuren_per_week=8; pvt_uren=12; map_uren=40",
            ),
            ("aanwezigheid", "2026-11-01", "2026-11", "aangeboden=50; aanwezig=41"),
        ]
    )
    assert set(_rows(export)[0]) >= {"kenmerk", "soort", "sleutel", "waarde", "toelichting"}
    assert all(
        m.status == DuoMeldingStatus.GEMELD for m in DuoMelding.objects.filter(inburgeraar=person)
    )
    # The next export repeats none of them; the December hours go once December is over.
    again, count = exports.export_duo_meldingen(world.municipality, "csv")
    assert count == 0
    travel("2027-01-05")
    later, count = exports.export_duo_meldingen(world.municipality, "csv")
    assert [(r["soort"], r["sleutel"]) for r in _rows(later)] == [("aanwezigheid", "2026-12")]


def test_map_completion_is_exported(world, km, travel):
    """Without it DUO may fine the person € 340 (Wi 2021 art. 24)."""
    from regie.activities.models import MapTraject

    travel("2026-12-10")
    person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
    MapTraject.objects.create(inburgeraar=person, eindgesprek_on=dt.date(2026, 12, 1))
    export, _count = exports.export_duo_meldingen(world.municipality, "csv")
    assert [(r["soort"], r["datum"]) for r in _rows(export) if r["bsn"] == person.bsn] == [
        ("map_afgerond", "2026-12-01")
    ]
    again, count = exports.export_duo_meldingen(world.municipality, "csv")
    assert person.bsn not in again.content.decode()
