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


def test_werkvoorraad_and_the_page_to_report_by_hand(world, km, client_for, travel):
    from django.urls import reverse

    from regie.core.extensions import werkvoorraad
    from regie.core.models import AuditEvent

    travel("2026-12-10")
    person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
    PIPVersieFactory(pip=PIPFactory(inburgeraar=person), nummer=1, vastgesteld=True)
    client = client_for(km)
    page = client.get(reverse("duo_melden")).content.decode()
    assert "PIP vastgesteld (dagtekening)" in page and "15 oktober 2026" in page
    items = {s.key: s.items for s in werkvoorraad(km, dt.date(2026, 12, 10))}["duo_melden"]
    mine = [i for i in items if i.person == person]
    assert (
        len(mine) == 1 and "PIP vastgesteld (dagtekening), Leerroute, Intensiteit" in mine[0].what
    )
    ids = list(DuoMelding.objects.filter(inburgeraar=person).values_list("pk", flat=True))
    response = client.post(
        reverse("duo_melden"), {"actie": "gemeld", "melding": [str(i) for i in ids] + ["x"]}
    )
    assert response.status_code == 302
    assert set(DuoMelding.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"gemeld"}
    assert AuditEvent.objects.filter(
        inburgeraar_id=person.pk, description__contains="Portaal Inburgering"
    ).exists()
    items = {s.key: s.items for s in werkvoorraad(km, dt.date(2026, 12, 10))}["duo_melden"]
    assert not [i for i in items if i.person == person]
    # Reported by hand: not in the next file either.
    export, _count = exports.export_duo_meldingen(world.municipality, "csv")
    assert person.bsn not in export.content.decode()
    client.post(reverse("duo_melden"), {"actie": "bevestigd", "melding": [str(ids[0])]})
    confirmed = DuoMelding.objects.get(pk=ids[0])
    assert confirmed.status == "bevestigd" and confirmed.bevestigd_door == km.username
    page = client.get(reverse("duo_melden")).content.decode()
    assert page.count(f'value="{ids[0]}"') == 0


def test_geen_inburgeringsaanbod_is_a_fact_once_due(world, km, travel):
    from regie.people.models import Termijnwijziging

    travel("2026-05-20")
    person = InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=km,
        doelgroep="asielmigrant",
        status="pip_vastgesteld",
    )
    Termijnwijziging.objects.create(
        inburgeraar=person,
        soort="start",
        ingang=dt.date(2026, 3, 17),
        start=dt.date(2026, 3, 17),
        einde=dt.date(2029, 3, 17),
    )
    exports.gather_meldingen(world.municipality)
    assert not DuoMelding.objects.filter(inburgeraar=person, soort="geen_aanbod").exists()
    travel("2026-05-27")
    export, _count = exports.export_duo_meldingen(world.municipality, "csv")
    assert [(r["soort"], r["datum"]) for r in _rows(export) if r["bsn"] == person.bsn] == [
        ("geen_aanbod", "2026-05-26")
    ]


def test_werkvoorraad_item_queries_do_not_grow(world, km):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regie.exchange.workitems import duo_melden_work

    def add(n):
        for _i in range(n):
            person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
            DuoMelding.objects.create(
                inburgeraar=person, soort="map_afgerond", datum=dt.date(2026, 1, 5)
            )

    add(1)
    duo_melden_work(km, dt.date(2026, 2, 1))  # the user's scope is cached after this
    with CaptureQueriesContext(connection) as few:
        first = duo_melden_work(km, dt.date(2026, 2, 1))
    add(10)
    with CaptureQueriesContext(connection) as many:
        second = duo_melden_work(km, dt.date(2026, 2, 1))
    assert len(second[0].items) == len(first[0].items) + 10
    assert len(many) == len(few)
