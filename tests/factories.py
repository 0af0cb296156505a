"""factory_boy factories for the platform and the registry, with traits."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from regie.core.models import Municipality, Organisation, RoleAssignment, Team, User
from regie.core.roles import OrganisationType, Role
from regie.people.models import Doelgroep, Inburgeraar, Verwijzing


def valid_bsn(n: int) -> str:
    """The n-th valid BSN of a deterministic sequence (11-proef); distinct for every n."""
    for k in range(10):
        prefix = f"{10000000 + n * 10 + k:08d}"
        total = sum(int(d) * w for d, w in zip(prefix, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        if total % 11 < 10:
            return prefix + str(total % 11)
    raise AssertionError("unreachable: some k in 0..9 gives a check digit below 10")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.UITVOERDER

    @factory.post_generation
    def serves(self, create, extracted, **kwargs):
        if create and extracted:
            self.serves.set(extracted)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("Correct-horse-battery-9")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=self, role=Role(r)) for r in extracted]
            )


class InburgeraarFactory(DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    first_name = factory.Sequence(lambda n: f"Amal{n}")
    last_name = factory.Sequence(lambda n: f"Haddad{n}")
    bsn = factory.Sequence(valid_bsn)
    date_of_birth = dt.date(1990, 5, 17)
    gender = "v"
    municipality = factory.SubFactory(MunicipalityFactory)
    doelgroep = Doelgroep.ASIELMIGRANT
    kennisgeving_date = dt.date(2026, 9, 1)

    class Params:
        gezinsmigrant = factory.Trait(doelgroep=Doelgroep.GEZINSMIGRANT)
        ondertussengroep = factory.Trait(regime="wi2013")


class VerwijzingFactory(DjangoModelFactory):
    class Meta:
        model = Verwijzing

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    aanbieder = factory.SubFactory(OrganisationFactory, type=OrganisationType.AANBIEDER)
    status = "geaccepteerd"


# --- regie.intake -------------------------------------------------------------------------


class BredeIntakeFactory(DjangoModelFactory):
    class Meta:
        model = "intake.BredeIntake"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    status = "concept"
    started_on = dt.date(2026, 9, 15)
    opleidingsniveau = "secondary"
    geletterdheid = "latijns"

    class Params:
        completed = factory.Trait(
            status="afgerond",
            completed_on=dt.date(2026, 10, 1),
            alone_offered_on=dt.date(2026, 9, 15),
        )


class IntakeGesprekFactory(DjangoModelFactory):
    class Meta:
        model = "intake.IntakeGesprek"
        skip_postgeneration_save = True

    intake = factory.SubFactory(BredeIntakeFactory)
    date = dt.date(2026, 9, 15)
    notes = "Kennismaking."

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)


class LeerbaarheidstoetsFactory(DjangoModelFactory):
    class Meta:
        model = "intake.Leerbaarheidstoets"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    status = "gepland"
    date = dt.date(2026, 9, 20)

    class Params:
        taken = factory.Trait(status="afgenomen", b1_haalbaar=True)
        no_show = factory.Trait(status="niet_verschenen")


# --- plans (PIP) --------------------------------------------------------------------------


class PIPFactory(DjangoModelFactory):
    class Meta:
        model = "plans.PIP"

    inburgeraar = factory.SubFactory(InburgeraarFactory)


class PIPVersieFactory(DjangoModelFactory):
    """A complete concept (ready for vaststelling by someone other than its drafter)."""

    class Meta:
        model = "plans.PIPVersie"

    pip = factory.SubFactory(PIPFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    status = "concept"
    leerroute = "b1"
    route_toelichting = "De leerbaarheidstoets geeft aan dat B1 haalbaar is."
    aanbieder = factory.SubFactory(OrganisationFactory, type=OrganisationType.AANBIEDER)
    duur_maanden = 24
    lesuren_per_week = 10
    voortgang_frequentie_weken = 8
    opgesteld_door = factory.SubFactory(UserFactory, roles=[Role.KLANTMANAGER])

    class Params:
        vastgesteld = factory.Trait(
            status="vastgesteld",
            dagtekening=dt.date(2026, 10, 15),
            vastgesteld_door=factory.SubFactory(UserFactory, roles=[Role.KLANTMANAGER]),
        )


class PIPDoelFactory(DjangoModelFactory):
    class Meta:
        model = "plans.PIPDoel"

    versie = factory.SubFactory(PIPVersieFactory)
    levensgebied = "taal"
    omschrijving = "Elke week twee uur Nederlands oefenen bij het Taalhuis."
    wie = "inburgeraar"


class VoortgangsgesprekFactory(DjangoModelFactory):
    class Meta:
        model = "plans.Voortgangsgesprek"

    pip = factory.SubFactory(PIPFactory)
    status = "gehouden"
    datum = dt.date(2026, 11, 1)
    deelnemers = "inburgeraar, klantmanager"
    verslag = "Gaat goed."
