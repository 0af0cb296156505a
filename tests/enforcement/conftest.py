"""Fixtures for handhaving and bezwaar: the klantmanager and jurist of the world, a person
with a vastgesteld PIP, and helpers that take a case or a bezwaar to a given stage through
the services (so every step is checked as in real use)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from regie.core.roles import Role
from regie.enforcement import services
from regie.enforcement.models import Signaalbron, Uitkomst, Wijze
from regie.enforcement.states import HoorzittingState
from tests.factories import (
    BetaalrekeningFactory,
    LeerbaarheidstoetsFactory,
    PIPDoelFactory,
    PIPFactory,
    PIPVersieFactory,
    UserFactory,
)

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def betaalrekening(request):
    """The municipality's account a fine is paid to (finance's Betaalrekening, read only)."""
    if "world" not in request.fixturenames:
        return None
    world = request.getfixturevalue("world")
    return BetaalrekeningFactory(municipality=world.municipality, naam="Gemeente Winterswijk")


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


@pytest.fixture
def jurist(world):
    return world.users[Role.JURIST]


@pytest.fixture
def colleague(world, km):
    return UserFactory(
        username="collega", organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER]
    )


_ON_DAGTEKENING = object()


def give_pip(person, aanbieder, dagtekening, nummer=1, bekend=_ON_DAGTEKENING):
    """A vastgestelde version dated ``dagtekening``, sent on ``bekend`` (by default the
    dagtekening itself; None: not yet recorded as sent)."""
    pip = PIPFactory(inburgeraar=person) if nummer == 1 else person.pip
    versie = PIPVersieFactory(
        pip=pip,
        nummer=nummer,
        vastgesteld=True,
        dagtekening=dagtekening,
        aanbieder=aanbieder,
        bekendgemaakt_op=dagtekening if bekend is _ON_DAGTEKENING else bekend,
        bekendmaking_wijze="post" if bekend is not None else "",
    )
    PIPDoelFactory(versie=versie)
    return versie


@pytest.fixture
def pip_person(world):
    """world.person in uitvoering with PIP version 1 dated 40 days ago."""
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    give_pip(person, world.aanbieder, TODAY() - dt.timedelta(days=40))
    return person


def no_show_case(person, km, days_ago=30):
    LeerbaarheidstoetsFactory(
        inburgeraar=person, no_show=True, date=TODAY() - dt.timedelta(days=days_ago + 1)
    )
    return services.open_case(
        person,
        Signaalbron.TOETS_NIET_VERSCHENEN,
        TODAY() - dt.timedelta(days=days_ago),
        "Niet verschenen.",
        km,
    )


def warned_case(person, km, term_ended_days_ago=5):
    zaak = no_show_case(person, km)
    services.send_warning(
        zaak,
        TODAY() - dt.timedelta(days=28),
        TODAY() - dt.timedelta(days=term_ended_days_ago),
        TODAY() - dt.timedelta(days=term_ended_days_ago + 2),
        dagtekening_reden="Waarschuwing verstuurd op de dagtekening, later vastgelegd.",
    )
    return zaak


def art23_case(person, km, days_ago=20):
    return services.open_case(
        person,
        Signaalbron.AANWEZIGHEID,
        TODAY() - dt.timedelta(days=days_ago),
        "Aanwezigheid 50 %.",
        km,
    )


def fined_art23(person, km, *, vastgesteld, bekend=None, graad="opzet", bedrag=None, reden=""):
    zaak = services.open_case(person, Signaalbron.AANWEZIGHEID, vastgesteld, "Te weinig.", km)
    services.impose_fine(
        zaak,
        vastgesteld_op=vastgesteld,
        dagtekening=vastgesteld,
        dagtekening_reden="Besluit genomen op de dagtekening, later vastgelegd.",
        toelichting="Verwijtbaar.",
        verwijtbaarheid=graad,
        bedrag=Decimal(bedrag) if bedrag is not None else None,
        matiging_reden=reden,
    )
    if bekend is not None:
        services.make_known(zaak, bekend)
    zaak.refresh_from_db()
    return zaak


def register(person, km, *, ontvangen=None, versie=None, **kwargs):
    besluiten = services.contestable(person)
    besluit = (
        besluiten[0] if versie is None else next(b for b in besluiten if b.pip_versie == versie)
    )
    return services.register_bezwaar(
        person,
        besluit=besluit,
        ontvangen_op=ontvangen or TODAY() - dt.timedelta(days=10),
        wijze=kwargs.pop("wijze", Wijze.DIGITAAL),
        gronden=kwargs.pop("gronden", "Ik ben het er niet mee eens."),
        user=km,
        **kwargs,
    )


def advised(person, km, uitkomst=Uitkomst.ONGEGROND, **kwargs):
    bezwaar = register(person, km, **kwargs)
    services.submit_advice(bezwaar, "Advies.", uitkomst, km)
    return bezwaar


def heard(bezwaar, days_ago=1):
    hearing = services.plan_hearing(bezwaar, TODAY() - dt.timedelta(days=days_ago))
    services.report_hearing(hearing, HoorzittingState.GEHOUDEN, "Gehoord.", "inburgeraar")
    return hearing
