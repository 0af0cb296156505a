"""factory_boy factories for the platform and the registry, with traits."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from regie.core.models import Municipality, Organisation, RoleAssignment, Team, User
from regie.core.roles import OrganisationType, Role
from regie.people.models import Doelgroep, Inburgeraar, Verwijzing
from regie.rules.bsn import bsn_in_sequence


def valid_bsn(n: int) -> str:
    """The n-th valid BSN of a deterministic sequence (11-proef); distinct for every n."""
    return bsn_in_sequence(n, 10000000)


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    # Four digits whatever the sequence number (the column holds six characters).
    cbs_code = factory.Sequence(lambda n: f"GM{5000 + n % 5000:04d}")
    rechtbank_naam = "Rechtbank Gelderland"
    rechtbank_postadres = "Postbus 9030\n6800 EM Arnhem"


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


class IntakeOproepFactory(DjangoModelFactory):
    class Meta:
        model = "intake.IntakeOproep"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    volgnummer = 1
    soort = "oproep"
    status = "open"
    dagtekening = dt.date(2026, 9, 1)
    afspraak_op = dt.date(2026, 9, 10)
    afspraak_tijd = dt.time(10, 0)
    locatie = "Gemeentehuis, Stationsstraat 1"
    termijn_einde = dt.date(2026, 9, 15)
    template_versie = "oproep-2026.1"
    pdf = b"%PDF-1.4 test"


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
    ondersteuning = "Maatschappelijke begeleiding en een maatje."
    pvt_uren = 12
    map_uren = 40
    aantal_voortgangsgesprekken = 6
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


# --- guidance (begeleiding, partners, maatjes) -------------------------------------------


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = "guidance.Partner"

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.PARTNER)
    offer = "Interventietraining bij psychische klachten."


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = "guidance.Consent"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    partner = factory.SubFactory(PartnerFactory)
    scope = factory.LazyFunction(lambda: ["contact", "situatie"])
    purpose = "Aanmelding bij de partner."
    given_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = "guidance.Referral"

    inburgeraar = factory.SelfAttribute("consent.inburgeraar")
    partner = factory.SelfAttribute("consent.partner")
    consent = factory.SubFactory(ConsentFactory)
    theme = "gezondheid"
    reason = "Slaapproblemen."
    shared = factory.LazyFunction(lambda: ["contact"])
    referred_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=20))


class VolunteerFactory(DjangoModelFactory):
    class Meta:
        model = "guidance.Volunteer"

    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.SOCIAAL_TEAM)
    municipality = factory.SubFactory(MunicipalityFactory)
    first_name = factory.Sequence(lambda n: f"Anneke{n}")
    last_name = "Ter Haar"
    gender = "v"
    languages = "nl, ar"
    interests = "koken"
    availability = factory.LazyFunction(lambda: ["ma-avond"])
    capacity = 1
    max_km = 10.0
    lat = 51.97
    lon = 6.72
    vog_date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=100))


class MatchingProfileFactory(DjangoModelFactory):
    class Meta:
        model = "guidance.MatchingProfile"

    inburgeraar = factory.SubFactory(InburgeraarFactory, languages="ar")
    lat = 51.975
    lon = 6.725
    interests = "koken"
    availability = factory.LazyFunction(lambda: ["ma-avond"])


class MatchFactory(DjangoModelFactory):
    class Meta:
        model = "guidance.Match"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    start_date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=10))


# --- regie.activities ---------------------------------------------------------------------


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = "activities.Activity"

    kind = "activiteit"
    name = factory.Sequence(lambda n: f"Activiteit {n}")
    themes = factory.LazyFunction(lambda: ["sociaal_netwerk"])
    routes = factory.LazyFunction(lambda: ["z", "b1", "onderwijs", "ondertussengroep", "oudkomer"])
    organiser = factory.SubFactory(OrganisationFactory, type=OrganisationType.PARTNER)
    municipality = factory.SubFactory(MunicipalityFactory)
    location = "'t Kreil"

    class Params:
        lesson = factory.Trait(kind="taalles", themes=["taal"], routes=["z"])


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = "activities.Session"

    activity = factory.SubFactory(ActivityFactory)
    weekday = 0
    start = dt.time(13, 30)
    end = dt.time(15, 0)
    capacity = 10
    valid_from = dt.date(2020, 1, 6)


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = "activities.Enrolment"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    session = factory.SubFactory(SessionFactory)
    start_date = dt.date(2020, 1, 6)


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = "activities.Attendance"

    enrolment = factory.SubFactory(EnrolmentFactory)
    date = dt.date(2026, 1, 5)
    status = "aanwezig"
    hours = factory.LazyAttribute(lambda a: a.enrolment.session.hours)


class WeekProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = "activities.WeekProgramme"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    route = "z"
    themes_needed = factory.LazyFunction(lambda: ["gezondheid"])
    hours_target = 4
    max_hours_per_day = 4
    valid_from = dt.date(2026, 1, 5)


# --- finance (ontzorging, payments) --------------------------------------------------------


def _euros(value: str):
    from decimal import Decimal

    return Decimal(value)


def _huur():
    from regie.finance.models import PostSoort

    return PostSoort.objects.get_or_create(municipality=None, naam="Huur")[0]


class OntzorgingFactory(DjangoModelFactory):
    """An ontzorging of six months from 1 September 2026 to 28 February 2027."""

    class Meta:
        model = "finance.Ontzorging"

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    beschikking_datum = dt.date(2026, 8, 20)
    beschikking_kenmerk = factory.Sequence(lambda n: f"PW-56A-{n}")
    machtiging_datum = dt.date(2026, 8, 25)
    start_date = dt.date(2026, 9, 1)
    end_date = dt.date(2027, 2, 28)


class UitkeringFactory(DjangoModelFactory):
    class Meta:
        model = "finance.Uitkering"

    ontzorging = factory.SubFactory(OntzorgingFactory)
    bedrag = factory.LazyFunction(lambda: _euros("1300.00"))
    geldig_vanaf = factory.LazyAttribute(lambda o: o.ontzorging.start_date)


class BetaalPostFactory(DjangoModelFactory):
    """A monthly rent payment, checked by a second user (trait ``unchecked``: not yet)."""

    class Meta:
        model = "finance.BetaalPost"

    ontzorging = factory.SubFactory(OntzorgingFactory)
    soort = factory.LazyFunction(_huur)
    crediteur = "Woningstichting De Woonplaats"
    iban = "NL20INGB0001234567"
    bedrag = factory.LazyFunction(lambda: _euros("650.00"))
    frequentie = "maand"
    kenmerk = factory.Sequence(lambda n: f"Huurcontract {1000 + n}")
    geldig_vanaf = factory.LazyAttribute(lambda o: o.ontzorging.start_date)
    aangemaakt_door = factory.SubFactory(UserFactory, roles=[Role.KLANTMANAGER])
    gecontroleerd_door = factory.SubFactory(UserFactory, roles=[Role.FINANCIEEL])
    gecontroleerd_op = dt.datetime(2026, 8, 30, 12, tzinfo=dt.UTC)

    class Params:
        unchecked = factory.Trait(gecontroleerd_door=None, gecontroleerd_op=None)


class BetaalrekeningFactory(DjangoModelFactory):
    class Meta:
        model = "finance.Betaalrekening"
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(MunicipalityFactory)
    naam = "Gemeente Winterswijk"
    iban = "NL93BNGH0285052871"
    bic = "BNGHNL2G"


# --- exchange (aanbieder reports) ---------------------------------------------------------


class _ReportFactory(DjangoModelFactory):
    inburgeraar = factory.SubFactory(InburgeraarFactory)
    aanbieder = factory.SubFactory(OrganisationFactory, type=OrganisationType.AANBIEDER)
    geregistreerd_door = "test"


class LesurenFactory(_ReportFactory):
    class Meta:
        model = "exchange.Lesuren"

    maand = factory.Sequence(lambda n: dt.date(2024 + n // 12, n % 12 + 1, 1))
    uren_aangeboden = 40
    uren_aanwezig = 36


class AfwezigheidFactory(_ReportFactory):
    class Meta:
        model = "exchange.Afwezigheid"

    datum = dt.date(2025, 3, 4)
    uren = 3
    reden = "ziek"


class VoortgangsmetingFactory(_ReportFactory):
    class Meta:
        model = "exchange.Voortgangsmeting"

    datum = dt.date(2025, 3, 4)
    vaardigheid = "lezen"
    niveau = "A2"


class ExamenresultaatFactory(_ReportFactory):
    class Meta:
        model = "exchange.Examenresultaat"

    datum = dt.date(2025, 3, 4)
    onderdeel = "lezen"
    niveau = "B1"
    uitslag = "behaald"


class AfschaalverzoekFactory(_ReportFactory):
    class Meta:
        model = "exchange.Afschaalverzoek"

    onderdeel = "schrijven"
    motivering = "Volgt alle lessen."
    lesuren_bij_indienen = 640


def geldtraining_for(person):
    """A geldtraining deelname of ``person``: a financial record, which brings the person into
    the financieel medewerker's scope (Scope.FINANCIAL_RECORDS)."""
    from regie.finance.models import Geldtraining, GeldtrainingDeelname

    training = Geldtraining.objects.create(
        municipality=person.municipality,
        naam="Geldplan",
        startdatum=dt.date(2026, 9, 1),
        bijeenkomsten=4,
    )
    return GeldtrainingDeelname.objects.create(training=training, inburgeraar=person)
