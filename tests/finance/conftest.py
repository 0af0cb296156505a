"""A small finance world: world.person with an ontzorging from 1 September 2026 (rent and
energy, both checked), the municipality's payment account, and a second financieel
medewerker so that preparing and approving a run are done by different people."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from regie.core.models import User
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import BetaalPost, Ontzorging, PostSoort
from tests.factories import (
    BetaalPostFactory,
    BetaalrekeningFactory,
    OntzorgingFactory,
    UitkeringFactory,
    UserFactory,
)


@dataclass
class Fin:
    world: object
    ontzorging: Ontzorging
    rent: BetaalPost
    energy: BetaalPost
    preparer: User
    approver: User


@pytest.fixture
def fin(world) -> Fin:
    # The statutory kinds come from a data migration; a browser test's flush before this
    # one (live server, transactional) may have removed them.
    services.default_soorten()
    preparer = world.users[Role.FINANCIEEL]
    approver = UserFactory(
        username="financieel2",
        organisation=world.uitvoerder,
        team=preparer.team,
        roles=[Role.FINANCIEEL],
    )
    BetaalrekeningFactory(municipality=world.municipality)
    ontzorging = OntzorgingFactory(inburgeraar=world.person)
    UitkeringFactory(ontzorging=ontzorging, bedrag=Decimal("1300.00"))
    klantmanager = world.users[Role.KLANTMANAGER]
    rent = BetaalPostFactory(
        ontzorging=ontzorging, aangemaakt_door=klantmanager, gecontroleerd_door=approver
    )
    energy = BetaalPostFactory(
        ontzorging=ontzorging,
        soort=PostSoort.objects.get(municipality=None, naam__startswith="Energie"),
        crediteur="Energie Oost (Yıldız & Zn.)",
        iban="NL44RABO0123456789",
        bic="",
        bedrag=Decimal("120.50"),
        kenmerk="Klantnummer 778899",
        aangemaakt_door=klantmanager,
        gecontroleerd_door=approver,
    )
    return Fin(world, ontzorging, rent, energy, preparer, approver)
