"""The demo municipality: a Winterswijk-like setup from the seed (plan van aanpak), with a
neighbouring municipality to show a region. Deterministic: the same seed gives the same
people; dates of the few recent aanmeldingen are relative to the day the demo is built,
so the werkvoorraad always has something due."""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core import audit
from regie.core.extensions import extend_demo
from regie.core.models import Municipality, Organisation, RoleAssignment, Team, User
from regie.core.roles import OrganisationType, Role
from regie.people.models import (
    Doelgroep,
    HealthNote,
    Household,
    HouseholdRole,
    Inburgeraar,
    StatusChange,
    Verwijzing,
    VerwijzingStatus,
)
from regie.rules.bsn import check_digit
from regie.rules.category import Verblijfsvergunning
from regie.rules.lifecycle import Regime, Status

SEED = 2022
# A fixed TOTP key for the demo functioneel beheerder, so the demo can be tried with any
# authenticator app (the key is printed with the accounts). Demo only.
DEMO_TOTP_HEX = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    organisation: str
    team: str | None
    roles: tuple[Role, ...]
    certified: bool = False
    senior: bool = False


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "klantmanager",
        "Sanne",
        "Jansen",
        "Fijnder",
        "Team Winterswijk",
        (Role.KLANTMANAGER,),
        certified=True,
    ),
    DemoAccount(
        "klantmanager3",
        "Lotte",
        "Geerdink",
        "Fijnder",
        "Team Winterswijk",
        (Role.KLANTMANAGER,),
    ),
    DemoAccount(
        "klantmanager2",
        "Ruben",
        "Bakker",
        "Fijnder",
        "Team Aalten",
        (Role.KLANTMANAGER,),
        certified=True,
    ),
    DemoAccount(
        "begeleider",
        "Fatma",
        "de Vries",
        "Sociaal team Winterswijk",
        "Nieuwkomers",
        (Role.BEGELEIDER,),
        senior=True,
    ),
    DemoAccount(
        "begeleider2",
        "Joost",
        "Smit",
        "Sociaal team Winterswijk",
        "Nieuwkomers",
        (Role.BEGELEIDER,),
    ),
    DemoAccount("regisseur", "Ilse", "Wolters", "Gemeente Winterswijk", None, (Role.REGISSEUR,)),
    DemoAccount("jurist", "Maarten", "Hendriks", "Gemeente Winterswijk", None, (Role.JURIST,)),
    DemoAccount("financieel", "Petra", "Mulder", "Fijnder", "Team Winterswijk", (Role.FINANCIEEL,)),
    DemoAccount(
        "financieel2", "Noor", "Groot Wassink", "Fijnder", "Team Winterswijk", (Role.FINANCIEEL,)
    ),
    DemoAccount("aanbieder", "Karin", "Toonk", "Toptaal", None, (Role.AANBIEDER,)),
    DemoAccount(
        "coordinator",
        "Ahmed",
        "Yilmaz",
        "Sociaal team Winterswijk",
        "Activiteiten",
        (Role.COORDINATOR,),
    ),
    # Fijnder's werkgeversdienstverlening: coaches persons on their placements (issue 20).
    DemoAccount(
        "jobcoach",
        "Mark",
        "Ter Haar",
        "Fijnder",
        "Werkgeversdienstverlening",
        (Role.JOBCOACH,),
    ),
    DemoAccount(
        "beheerder", "Bas", "Klein Gunnewiek", "Gemeente Winterswijk", None, (Role.BEHEERDER,)
    ),
    # Aalten's own beheerder: approves what Winterswijk's proposes for Fijnder, which works
    # for both (four eyes on accounts that reach another municipality; issue 17).
    DemoAccount("beheerder2", "Anouk", "Te Winkel", "Gemeente Aalten", None, (Role.BEHEERDER,)),
)

MUNICIPALITIES = (("Winterswijk", "GM0294"), ("Aalten", "GM0197"))

# (name, type, serves, themes) — seed §3.4 and bijlage 3.
ORGANISATIONS = (
    ("Gemeente Winterswijk", OrganisationType.GEMEENTE, ("Winterswijk",), ""),
    ("Gemeente Aalten", OrganisationType.GEMEENTE, ("Aalten",), ""),
    (
        "Fijnder",
        OrganisationType.UITVOERDER,
        ("Winterswijk", "Aalten"),
        "leren en werken, financiën, wonen",
    ),
    (
        "Sociaal team Winterswijk",
        OrganisationType.SOCIAAL_TEAM,
        ("Winterswijk",),
        "wonen, gezondheid, sociaal netwerk, financiën",
    ),
    ("Toptaal", OrganisationType.AANBIEDER, ("Winterswijk", "Aalten"), "leren en werken"),
    ("Interbeek", OrganisationType.AANBIEDER, ("Winterswijk", "Aalten"), "leren en werken"),
    (
        "Graafschap College",
        OrganisationType.AANBIEDER,
        ("Winterswijk", "Aalten"),
        "leren en werken",
    ),
    (
        "HAN i.s.m. Radboud Universiteit",
        OrganisationType.AANBIEDER,
        ("Winterswijk", "Aalten"),
        "leren en werken",
    ),
    ("COA", OrganisationType.PARTNER, ("Winterswijk", "Aalten"), "wonen"),
    ("De Woonplaats", OrganisationType.PARTNER, ("Winterswijk",), "wonen"),
    ("Wuh", OrganisationType.PARTNER, ("Winterswijk",), "wonen, sociaal netwerk"),
    ("Kluspunt", OrganisationType.PARTNER, ("Winterswijk",), "wonen"),
    ("Present", OrganisationType.PARTNER, ("Winterswijk",), "wonen"),
    (
        "GGD Noord- en Oost-Gelderland",
        OrganisationType.PARTNER,
        ("Winterswijk", "Aalten"),
        "gezondheid",
    ),
    ("GGNet", OrganisationType.PARTNER, ("Winterswijk", "Aalten"), "gezondheid"),
    ("Leefstijlcoach", OrganisationType.PARTNER, ("Winterswijk",), "gezondheid"),
    (
        "Taalhuis Oost Achterhoek",
        OrganisationType.PARTNER,
        ("Winterswijk", "Aalten"),
        "leren en werken, sociaal netwerk",
    ),
    ("Goede Buur", OrganisationType.PARTNER, ("Winterswijk",), "sociaal netwerk"),
)

# (organisation, team, the municipalities whose intake queue the team picks up).
TEAMS = (
    ("Fijnder", "Team Winterswijk", ("Winterswijk",)),
    ("Fijnder", "Team Aalten", ("Aalten",)),
    ("Fijnder", "Werkgeversdienstverlening", ()),
    ("Sociaal team Winterswijk", "Nieuwkomers", ()),
    ("Sociaal team Winterswijk", "Activiteiten", ()),
)

# Names by country of origin (seed: Syriërs and Eritreeërs are the largest groups).
NAMES = {
    "Syrische": {
        "lang": "ar",
        "m": ["Ahmad", "Mohammed", "Omar", "Khaled", "Yusuf", "Bassel", "Rami", "Hassan"],
        "v": ["Fatima", "Rania", "Lina", "Noor", "Huda", "Amal", "Reem", "Salma"],
        "last": ["Al-Hamwi", "Haddad", "Khalil", "Nasser", "Sabbagh", "Darwish", "Mansour"],
    },
    "Eritrese": {
        "lang": "ti",
        "m": ["Yonas", "Tesfay", "Dawit", "Samuel", "Filmon", "Mussie", "Berhane"],
        "v": ["Senait", "Helen", "Selam", "Luwam", "Rahwa", "Winta", "Yordanos"],
        "last": ["Tesfamariam", "Ghebremedhin", "Haile", "Kidane", "Berhe", "Woldu"],
    },
    "Afghaanse": {
        "lang": "fa",
        "m": ["Ahmad Shah", "Farid", "Jawad", "Nasir", "Karim"],
        "v": ["Zahra", "Maryam", "Parwana", "Shabnam", "Nilofar"],
        "last": ["Ahmadi", "Hakimi", "Rahimi", "Sultani", "Noori"],
    },
    "Turkse": {
        "lang": "tr",
        "m": ["Mehmet", "Emre", "Burak", "Hakan"],
        "v": ["Elif", "Zeynep", "Ayşe", "Merve"],
        "last": ["Yıldız", "Demir", "Kaya", "Çelik", "Aydın"],
    },
    "Marokkaanse": {
        "lang": "ar",
        "m": ["Youssef", "Said", "Mustafa"],
        "v": ["Samira", "Khadija", "Naima"],
        "last": ["El Amrani", "Bouzid", "Azzouzi", "Benali"],
    },
    "Jemenitische": {
        "lang": "ar",
        "m": ["Abdullah", "Ali", "Saleh"],
        "v": ["Aisha", "Mona", "Sara"],
        "last": ["Al-Sanabani", "Qasem", "Al-Ahdal"],
    },
}

STREETS = [
    "Misterweg",
    "Meddosestraat",
    "Kottenseweg",
    "Haitsma Mulierweg",
    "Wilhelminastraat",
    "Tuinstraat",
    "Stationsstraat",
    "Vredenseweg",
    "Ratumseweg",
    "Groenloseweg",
]

# The path through the statuses up to each status, as the transition table allows it.
PATH = {
    Status.AANGEMELD: [],
    Status.INTAKE: [Status.INTAKE],
    Status.PIP_VASTGESTELD: [Status.INTAKE, Status.PIP_VASTGESTELD],
    Status.IN_UITVOERING: [Status.INTAKE, Status.PIP_VASTGESTELD, Status.IN_UITVOERING],
    Status.AFGEROND: [Status.INTAKE, Status.PIP_VASTGESTELD, Status.IN_UITVOERING, Status.AFGEROND],
    Status.ONTHEFFING: [Status.INTAKE, Status.ONTHEFFING],
    Status.VERTROKKEN: [Status.INTAKE, Status.PIP_VASTGESTELD, Status.VERTROKKEN],
    Status.BEEINDIGD: [
        Status.INTAKE,
        Status.PIP_VASTGESTELD,
        Status.IN_UITVOERING,
        Status.BEEINDIGD,
    ],
}
ENDING_REASONS = {
    Status.ONTHEFFING: "Ontheffing wegens medische omstandigheden (besluit DUO).",
    Status.VERTROKKEN: "Verhuisd naar een andere gemeente; dossier overgedragen.",
    Status.BEEINDIGD: "Inburgeringsplicht vervallen na naturalisatie.",
}

# The 2022 cohort of Winterswijk: (status, doelgroep) per household head, spread over all
# statuses (seed §6: about 35 newcomers in 2022).
COHORT_2022 = [
    (Status.AFGEROND, Doelgroep.ASIELMIGRANT),
    (Status.AFGEROND, Doelgroep.GEZINSMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.ASIELMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.ASIELMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.ASIELMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.GEZINSMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.GEZINSMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.ASIELMIGRANT),
    (Status.PIP_VASTGESTELD, Doelgroep.ASIELMIGRANT),
    (Status.PIP_VASTGESTELD, Doelgroep.OVERIGE),
    (Status.INTAKE, Doelgroep.ASIELMIGRANT),
    (Status.ONTHEFFING, Doelgroep.ASIELMIGRANT),
    (Status.VERTROKKEN, Doelgroep.GEZINSMIGRANT),
    (Status.BEEINDIGD, Doelgroep.GEZINSMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.ASIELMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.GEZINSMIGRANT),
    (Status.AFGEROND, Doelgroep.ASIELMIGRANT),
    (Status.PIP_VASTGESTELD, Doelgroep.GEZINSMIGRANT),
    (Status.IN_UITVOERING, Doelgroep.ASIELMIGRANT),
]


class DemoBuilder:
    def __init__(self, today: date | None = None):
        self.rng = random.Random(SEED)
        self.today = today or timezone.localdate()
        self.used_bsns: set[str] = set()
        self.orgs: dict[str, Organisation] = {}
        self.munis: dict[str, Municipality] = {}
        self.users: dict[str, User] = {}
        self.people: list[Inburgeraar] = []

    # --- platform -----------------------------------------------------------------------
    def build_platform(self) -> None:
        for name, code in MUNICIPALITIES:
            self.munis[name] = Municipality.objects.create(
                name=name,
                cbs_code=code,
                region="Achterhoek",
                pip_deadline_from_housing=(name == "Winterswijk"),
                # Both lie in the arrondissement Gelderland (Awb art. 8:7 lid 1).
                rechtbank_naam="Rechtbank Gelderland",
                rechtbank_postadres="Postbus 9030\n6800 EM Arnhem",
            )
        for name, kind, serves, themes in ORGANISATIONS:
            home = self.munis.get(serves[0])
            org = Organisation.objects.create(
                name=name, type=kind, municipality=home, themes=themes
            )
            org.serves.set([self.munis[m] for m in serves])
            self.orgs[name] = org
        teams = {}
        for org, name, municipalities in TEAMS:
            team = Team.objects.create(organisation=self.orgs[org], name=name)
            team.municipalities.set([self.munis[m] for m in municipalities])
            teams[(org, name)] = team
        for account in ACCOUNTS:
            user = User(
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@demo.regie.invalid",
                organisation=self.orgs[account.organisation],
                team=teams.get((account.organisation, account.team)),
                is_certified_toetsbegeleider=account.certified,
                is_senior=account.senior,
            )
            user.set_password(settings.REGIE_DEMO_PASSWORD)
            user.save()
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=user, role=role) for role in account.roles]
            )
            if Role.BEHEERDER in account.roles:
                TOTPDevice.objects.create(
                    user=user, name="demo-authenticator", key=DEMO_TOTP_HEX, confirmed=True
                )
            self.users[account.username] = user

    # --- people -------------------------------------------------------------------------
    def bsn(self) -> str:
        while True:
            prefix = "".join(str(self.rng.randint(0, 9)) for _ in range(8))
            if prefix[0] == "0":
                continue
            check = check_digit(prefix)
            if check is not None:
                value = prefix + str(check)
                if value not in self.used_bsns:
                    self.used_bsns.add(value)
                    return value

    def postcode(self) -> str:
        letters = "ABCDEGHJKL"
        return (
            f"{7100 + self.rng.randint(0, 9)} {self.rng.choice(letters)}{self.rng.choice(letters)}"
        )

    def person(
        self,
        *,
        origin,
        gender,
        last_name,
        birth,
        municipality,
        doelgroep,
        regime,
        kennisgeving,
        household=None,
        role="",
        klantmanager=None,
        begeleider=None,
        status=Status.AANGEMELD,
        permit="",
    ) -> Inburgeraar:
        names = NAMES[origin]
        first = self.rng.choice(names[gender])
        housing = kennisgeving + timedelta(days=self.rng.randint(-20, 30)) if kennisgeving else None
        street = self.rng.choice(STREETS)
        city = municipality.name
        person = Inburgeraar(
            first_name=first,
            last_name=last_name,
            bsn=self.bsn(),
            date_of_birth=birth,
            gender=gender,
            nationality=origin,
            languages=", ".join(
                dict.fromkeys([names["lang"], self.rng.choice(["en", "nl", names["lang"]])])
            ),
            interpreter_needed=self.rng.random() < 0.4,
            phone=f"06{self.rng.randint(10000000, 99999999)}",
            email=f"{first.split()[0].lower()}.{self.rng.randint(1, 99)}@voorbeeld.invalid",
            street=street,
            house_number=str(self.rng.randint(1, 140)),
            postcode=self.postcode(),
            city=city,
            municipality=municipality,
            doelgroep=doelgroep,
            # Without an explicit permit, the one the doelgroep implies (asielmigrant:
            # asiel bepaalde tijd, gezinsmigrant: regulier gezinsmigratie, overige: overig).
            verblijfsvergunning=permit,
            regime=regime,
            kennisgeving_date=kennisgeving,
            brp_date=housing,
            housing_date=housing,
            household=household,
            household_role=role,
            klantmanager=klantmanager,
            begeleider=begeleider,
        )
        if person.interpreter_needed:
            person.interpreter_language = names["lang"]
        person.save()
        self.walk_status(person, status, kennisgeving or self.today)
        self.people.append(person)
        return person

    def walk_status(self, person: Inburgeraar, target: Status, start: date) -> None:
        day = start
        previous = Status.AANGEMELD
        for step in PATH[target]:
            day = min(day + timedelta(days=self.rng.randint(20, 60)), self.today)
            StatusChange.objects.create(
                inburgeraar=person,
                from_status=previous,
                to_status=step,
                reason=ENDING_REASONS.get(step, ""),
                at=timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10, 0)),
                by="demo",
            )
            previous = step
        if person.status != target:
            Inburgeraar.objects.filter(pk=person.pk).update(status=target)
            person.status = target

    def household(
        self,
        *,
        origin,
        municipality,
        doelgroep,
        regime,
        kennisgeving,
        status,
        klantmanager,
        begeleider,
        size: int,
        permit="",
    ) -> list[Inburgeraar]:
        last = self.rng.choice(NAMES[origin]["last"])
        house = Household.objects.create(name=f"Huishouden {last}", municipality=municipality)
        head_gender = self.rng.choice(["m", "v"])
        age = self.rng.randint(22, 55)
        head = self.person(
            origin=origin,
            gender=head_gender,
            last_name=last,
            birth=date(kennisgeving.year - age, self.rng.randint(1, 12), self.rng.randint(1, 28)),
            municipality=municipality,
            doelgroep=doelgroep,
            regime=regime,
            kennisgeving=kennisgeving,
            household=house,
            role=HouseholdRole.HOOFD,
            klantmanager=klantmanager,
            begeleider=begeleider,
            status=status,
            permit=permit,
        )
        members = [head]
        if size >= 2:
            # The partner is obliged too; asielmigranten partners often arrive later
            # (nareizigers).
            late = doelgroep == Doelgroep.ASIELMIGRANT and self.rng.random() < 0.5
            members.append(
                self.person(
                    origin=origin,
                    gender="v" if head_gender == "m" else "m",
                    last_name=last,
                    birth=date(
                        kennisgeving.year - age + self.rng.randint(-4, 4),
                        self.rng.randint(1, 12),
                        self.rng.randint(1, 28),
                    ),
                    municipality=municipality,
                    doelgroep=doelgroep,
                    regime=regime,
                    kennisgeving=min(kennisgeving + timedelta(days=200), self.today)
                    if late
                    else kennisgeving,
                    household=house,
                    role=HouseholdRole.NAREIZIGER if late else HouseholdRole.PARTNER,
                    klantmanager=klantmanager,
                    begeleider=begeleider,
                    status=status,
                    # A partner who joined later came on a regular permit as a family
                    # member of the asylum holder (Wi 2021 art. 13 lid 1 onder b).
                    permit=Verblijfsvergunning.GEZIN_ASIEL if late else "",
                )
            )
        for _ in range(max(0, size - 2)):
            # Children under 16 are not inburgeringsplichtig: registered as household only
            # when 16 or older.
            members.append(
                self.person(
                    origin=origin,
                    gender=self.rng.choice(["m", "v"]),
                    last_name=last,
                    birth=date(
                        kennisgeving.year - self.rng.randint(16, 19),
                        self.rng.randint(1, 12),
                        self.rng.randint(1, 28),
                    ),
                    municipality=municipality,
                    doelgroep=doelgroep,
                    regime=regime,
                    kennisgeving=kennisgeving,
                    household=house,
                    role=HouseholdRole.KIND,
                    klantmanager=klantmanager,
                    begeleider=begeleider,
                    status=status,
                )
            )
        return members

    def build_people(self) -> None:
        winterswijk, aalten = self.munis["Winterswijk"], self.munis["Aalten"]
        km, km2 = self.users["klantmanager"], self.users["klantmanager2"]
        mb, mb2 = self.users["begeleider"], self.users["begeleider2"]
        asiel_origins = ["Syrische", "Eritrese", "Afghaanse", "Jemenitische"]
        gezin_origins = ["Turkse", "Marokkaanse"]
        for index, (status, doelgroep) in enumerate(COHORT_2022):
            origins = asiel_origins if doelgroep == Doelgroep.ASIELMIGRANT else gezin_origins
            size = self.rng.choice([1, 2, 2, 3]) if doelgroep == Doelgroep.ASIELMIGRANT else 1
            self.household(
                origin=origins[index % len(origins)],
                municipality=winterswijk,
                doelgroep=doelgroep,
                regime=Regime.WI2021,
                kennisgeving=date(2022, 1 + index % 12, 3 + index),
                status=status,
                klantmanager=km,
                begeleider=(mb if index % 2 else mb2)
                if doelgroep == Doelgroep.ASIELMIGRANT
                else None,
                size=size,
            )
        # Recent aanmeldingen: the werkvoorraad's PIP deadlines and the intake queue.
        for days_ago, klantmanager, status in (
            (62, km, Status.INTAKE),
            (75, km, Status.INTAKE),
            (20, km, Status.AANGEMELD),
            (5, None, Status.AANGEMELD),
            (2, None, Status.AANGEMELD),
        ):
            [head] = self.household(
                origin=self.rng.choice(asiel_origins),
                municipality=winterswijk,
                doelgroep=Doelgroep.ASIELMIGRANT,
                regime=Regime.WI2021,
                kennisgeving=self.today - timedelta(days=days_ago),
                status=status,
                klantmanager=klantmanager,
                begeleider=mb if klantmanager else None,
                size=1,
            )
            if days_ago == 62:
                # Housed and registered before the kennisgeving: the statutory PIP deadline
                # (ten weeks after the kennisgeving, Atw) falls within the werkvoorraad's
                # two weeks on any day, with the local target after housing before it.
                head.housing_date = head.brp_date = head.kennisgeving_date - timedelta(days=7)
                head.save()
        # Ondertussengroep (Wet inburgering 2013) and oudkomers (seed §6).
        for index in range(3):
            self.household(
                origin=asiel_origins[index],
                municipality=winterswijk,
                doelgroep=Doelgroep.ASIELMIGRANT,
                regime=Regime.WI2013,
                kennisgeving=date(2020, 3 + index, 10),
                status=Status.AANGEMELD,
                klantmanager=km,
                begeleider=mb2,
                size=1,
            )
        for index in range(2):
            self.household(
                origin=gezin_origins[index],
                municipality=winterswijk,
                doelgroep=Doelgroep.GEZINSMIGRANT,
                regime=Regime.OUDKOMER,
                kennisgeving=date(2009 + index, 5, 1),
                status=Status.AANGEMELD,
                klantmanager=None,
                begeleider=mb2,
                size=1,
            )
        # The neighbouring municipality, served by the same uitvoerder (another team): an
        # asielstatushouder, a gezinsmigrant who arranges the route (Wi 2021 art. 19) and a
        # family member of an asylum holder on a regular permit (art. 13 lid 1 onder b).
        for index, status in enumerate(
            (Status.IN_UITVOERING, Status.PIP_VASTGESTELD, Status.INTAKE)
        ):
            self.household(
                origin=gezin_origins[0] if index == 1 else asiel_origins[index],
                municipality=aalten,
                doelgroep=Doelgroep.GEZINSMIGRANT if index == 1 else Doelgroep.ASIELMIGRANT,
                permit=Verblijfsvergunning.GEZIN_ASIEL if index == 2 else "",
                regime=Regime.WI2021,
                kennisgeving=date(2022, 4 + index, 12)
                if status != Status.INTAKE
                else self.today - timedelta(days=40),
                status=status,
                klantmanager=km2,
                begeleider=None,
                size=1,
            )

    def build_outside_regime_progress(self) -> None:
        # Ondertussengroep and oudkomers go straight to 'in uitvoering' (no PIP under 2021).
        for person in self.people:
            if person.regime != Regime.WI2021 and person.status == Status.AANGEMELD:
                StatusChange.objects.create(
                    inburgeraar=person,
                    from_status=Status.AANGEMELD,
                    to_status=Status.IN_UITVOERING,
                    by="demo",
                    reason="Begeleiding in de geest van de Wet inburgering 2021.",
                )
                Inburgeraar.objects.filter(pk=person.pk).update(status=Status.IN_UITVOERING)
                person.status = Status.IN_UITVOERING

    def build_referrals_and_notes(self) -> None:
        providers = [self.orgs["Toptaal"], self.orgs["Interbeek"], self.orgs["Graafschap College"]]
        for index, person in enumerate(self.people):
            if person.regime == Regime.WI2021 and person.status in (
                Status.PIP_VASTGESTELD,
                Status.IN_UITVOERING,
                Status.AFGEROND,
            ):
                Verwijzing.objects.create(
                    inburgeraar=person,
                    aanbieder=providers[index % len(providers)],
                    status=VerwijzingStatus.BEEINDIGD
                    if person.status == Status.AFGEROND
                    else VerwijzingStatus.GEACCEPTEERD,
                    start_date=person.kennisgeving_date + timedelta(days=120)
                    if person.kennisgeving_date
                    else None,
                )
            if person.doelgroep == Doelgroep.ASIELMIGRANT and index % 4 == 0:
                HealthNote.objects.create(
                    inburgeraar=person,
                    author="klantmanager",
                    text=self.rng.choice(
                        [
                            "Slaapproblemen; verwezen naar de huisarts.",
                            "Rugklachten, kan niet lang staan; let op bij een werkervaringsplek.",
                            "Wil graag praten over de vlucht; GGNet-interventietraining besproken.",
                        ]
                    ),
                )

    @transaction.atomic
    def build(self) -> None:
        with audit.actor(audit.Actor(None, "demo", "", "", "regie demo")):
            self.build_platform()
            self.build_people()
            self.build_outside_regime_progress()
            self.build_referrals_and_notes()
            extend_demo(self)


def demo_totp_secret() -> str:
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_HEX)).decode()


def accounts_text() -> str:
    lines = [
        f"Demo-accounts (wachtwoord voor allemaal: {settings.REGIE_DEMO_PASSWORD})",
        "",
        f"  {'gebruikersnaam':<15} {'rol':<28} organisatie",
    ]
    for account in ACCOUNTS:
        roles = ", ".join(str(role.label) for role in account.roles)
        lines.append(f"  {account.username:<15} {roles:<28} {account.organisation}")
    lines += [
        "",
        "De functioneel beheerder logt in met tweestapsverificatie. Demo-sleutel voor een",
        f"authenticator-app: {demo_totp_secret()}  (of: regie demo --code)",
    ]
    return "\n".join(lines)
