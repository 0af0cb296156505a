"""Fixtures for the security tests: a person with a full file (intake with health, a
vastgesteld PIP with a beschikking, voortgang, notes, history and audit events)."""

import datetime as dt

import pytest

from regie.core import audit
from regie.intake.models import IntakeGezondheid
from regie.people.models import HealthNote, Household, StatusChange
from regie.plans.models import Beschikking, DoelVoortgang
from tests.factories import (
    BredeIntakeFactory,
    IntakeGesprekFactory,
    LeerbaarheidstoetsFactory,
    PIPDoelFactory,
    PIPFactory,
    PIPVersieFactory,
    VoortgangsgesprekFactory,
)
from tests.security.region import demo_region  # noqa: F401  (a fixture)


def fill_file(person, aanbieder, marker: str = "Geheim"):
    """Give ``person`` records in every registered app, each with ``marker`` in its free
    text, so tests can check where it ends up."""
    household = Household.objects.create(
        name=f"Familie {marker}", municipality_id=person.municipality_id
    )
    person.household = household
    person.household_role = "hoofd"
    person.phone = "0612345678"
    person.street = f"{marker}straat"
    person.save()
    StatusChange.objects.create(
        inburgeraar=person, from_status="aangemeld", to_status="aangemeld", reason=f"{marker} 1"
    )
    HealthNote.objects.create(inburgeraar=person, text=f"{marker} rugklachten")
    intake = BredeIntakeFactory(
        inburgeraar=person, completed=True, housing=f"{marker} woning", finances=f"{marker} geld"
    )
    IntakeGezondheid.objects.create(intake=intake, physical=f"{marker} diabetes")
    IntakeGesprekFactory(intake=intake, notes=f"{marker} verslag intake")
    LeerbaarheidstoetsFactory(inburgeraar=person, taken=True, outcome=f"{marker} uitslag")
    pip = PIPFactory(inburgeraar=person)
    versie = PIPVersieFactory(
        pip=pip, nummer=1, vastgesteld=True, aanbieder=aanbieder, ondersteuning=f"{marker} hulp"
    )
    doel = PIPDoelFactory(versie=versie, omschrijving=f"{marker} doel")
    Beschikking.objects.create(
        versie=versie,
        template_versie="test",
        pdf=f"%PDF-1.7 {marker}".encode(),
        sha256="0" * 64,
        bekendmaking=dt.date(2019, 1, 1),
        bezwaar_einde=dt.date(2019, 2, 12),
        termijn_start=dt.date(2019, 1, 2),
        termijn_einde=dt.date(2022, 1, 1),
    )
    gesprek = VoortgangsgesprekFactory(pip=pip, verslag=f"{marker} voortgang")
    DoelVoortgang.objects.create(
        gesprek=gesprek, doel=doel, status="bezig", toelichting=f"{marker} stand"
    )
    # A correction (field history) and an audit event with a description.
    person.first_name = f"{person.first_name}-{marker}"
    person.save()
    audit.log_read(person, person.pk, f"dossier {marker}")
    return person


@pytest.fixture
def full_file(world):
    return fill_file(world.person, world.aanbieder)
