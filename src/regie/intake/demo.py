"""Demo data for the brede intake and the leerbaarheidstoets, added to the demo
municipality by ``regie demo``. Deterministic: every choice comes from builder.rng.

- persons in status 'intake' (and the one with an ontheffing) get a draft intake with a
  first gesprek;
- persons under the Wet inburgering 2021 past the intake get a completed intake and a
  taken toets whose outcome fits the route the intake data advise;
- one recent asielmigrant has a toets no-show (werkvoorraad: a new invitation);
- one first gesprek with an asielmigrant lacks the senior begeleider (the warning shows).
"""

from __future__ import annotations

from datetime import date, timedelta

from regie.core.extensions import demo_extender
from regie.core.localrules import local_value
from regie.intake.models import (
    BredeIntake,
    Geletterdheid,
    Inkomensbron,
    IntakeGesprek,
    IntakeGezondheid,
    IntakeStatus,
    Leerbaarheidstoets,
    OpleidingsniveauChoice,
    TaalniveauNL,
    ToetsStatus,
)
from regie.people.models import Doelgroep, StatusChange
from regie.rules import Leerroute, Opleidingsniveau, advise_leerroute
from regie.rules.lifecycle import Regime, Status

DRAFT_STATUSES = (Status.INTAKE, Status.ONTHEFFING)
PAST_INTAKE = (
    Status.PIP_VASTGESTELD,
    Status.IN_UITVOERING,
    Status.AFGEROND,
    Status.VERTROKKEN,
    Status.BEEINDIGD,
)

HOUSING = (
    "Sociale huurwoning van De Woonplaats, samen met het gezin. Huurcontract getekend.",
    "Tijdelijk in een woning van COA in afwachting van een eigen woning.",
    "Kleine eengezinswoning; er is vocht in de badkamer, Kluspunt ingeschakeld.",
    "Appartement in het centrum, dicht bij school en winkels.",
)
WORK = (
    "Tien jaar kapper met een eigen zaak in het land van herkomst.",
    "Werkte als boer en in de bouw.",
    "Administratief medewerker bij een ziekenhuis.",
    "Geen betaald werk; zorgde voor de kinderen.",
    "Docent wiskunde op een middelbare school.",
    "Chauffeur en monteur.",
)
NETWORK = (
    "Familie in Enschede; contact met de moskee en een buurvrouw.",
    "Nog weinig contacten; wil graag een maatje.",
    "Gaat naar de kerk en speelt voetbal bij de plaatselijke club.",
)
SELF_RELIANCE = (
    "Regelt afspraken zelf met hulp van de kinderen; DigiD nog niet aangevraagd.",
    "Heeft ondersteuning nodig bij post en betalingen.",
    "Redelijk zelfredzaam; vindt de weg naar huisarts en gemeente.",
)
WORK_OPTIONS = (
    "Wil snel aan het werk in de zorg; werkervaringsplek bespreken.",
    "Eerst taal, daarna oriëntatie op techniek.",
    "Belastbaar voor 16 uur per week vanwege de zorg voor de kinderen.",
)
HEALTH = (
    ("Rugklachten, kan niet lang staan.", "", "Rekening houden met de werkervaringsplek."),
    ("", "Slaapproblemen en piekeren; in gesprek met de huisarts.", "Concentratie wisselend."),
    ("Bril nodig; afspraak bij de opticien gemaakt.", "", ""),
)
NOTES_FIRST = (
    "Kennismaking; uitleg over de Wet inburgering en de brede intake. Alle levensgebieden "
    "doorgelopen; vervolg over leer- en werkachtergrond.",
    "Eerste gesprek thuis. Woonsituatie en financiën besproken; kinderopvang is een punt.",
)
NOTES_NEXT = (
    "Opleiding en werkervaring doorgenomen; diploma's laten waarderen bij IDW.",
    "Toekomstwensen en mogelijkheden tot arbeidsparticipatie besproken.",
)

# Profiles of the intake data per route, as (opleidingsniveau, geletterdheid, wants
# education, B1 reachable per toets, estimated Dutch level).
PROFILES = {
    Leerroute.Z: (
        (OpleidingsniveauChoice.NONE, OpleidingsniveauChoice.PRIMARY),
        (Geletterdheid.NOT_LITERATE, Geletterdheid.OTHER_SCRIPT),
        False,
        False,
        (TaalniveauNL.NONE, TaalniveauNL.A0),
    ),
    Leerroute.B1: (
        (
            OpleidingsniveauChoice.PRIMARY,
            OpleidingsniveauChoice.SECONDARY,
            OpleidingsniveauChoice.MBO,
        ),
        (Geletterdheid.LATIN, Geletterdheid.OTHER_SCRIPT),
        False,
        True,
        (TaalniveauNL.A0, TaalniveauNL.A1),
    ),
    Leerroute.ONDERWIJS: (
        (
            OpleidingsniveauChoice.SECONDARY,
            OpleidingsniveauChoice.MBO,
            OpleidingsniveauChoice.HBO_WO,
        ),
        (Geletterdheid.LATIN,),
        True,
        True,
        (TaalniveauNL.A1, TaalniveauNL.A2),
    ),
}


def _status_day(person, status: Status) -> date | None:
    change = (
        StatusChange.objects.filter(inburgeraar=person, to_status=status).order_by("at").first()
    )
    return change.at.date() if change else None


def _between(rng, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _profile(rng, person, today: date) -> dict:
    """Intake data consistent with one route (checked against the advice rule)."""
    route = rng.choices([Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS], weights=[5, 3, 2])[0]
    max_age = int(local_value(person.municipality, "onderwijsroute_max_leeftijd"))
    age = person.age_on(today)
    if route == Leerroute.ONDERWIJS and age >= max_age:
        route = Leerroute.B1
    levels, scripts, wants, b1, dutch = PROFILES[route]
    data = {
        "opleidingsniveau": rng.choice(levels),
        "geletterdheid": rng.choice(scripts),
        "wants_education": wants,
        "b1": b1,
        "dutch_level": rng.choice(dutch),
    }
    advice = advise_leerroute(
        age,
        b1,
        Opleidingsniveau(data["opleidingsniveau"]),
        data["geletterdheid"] != Geletterdheid.NOT_LITERATE,
        wants,
        onderwijsroute_max_age=max_age,
    )
    if advice.route != route:  # never expected; keep the demo consistent regardless
        data.update(
            opleidingsniveau=OpleidingsniveauChoice.SECONDARY,
            geletterdheid=Geletterdheid.LATIN,
            wants_education=False,
            b1=True,
        )
    return data


def _intake(rng, person, *, started: date, profile: dict | None, completed: date | None):
    partner = person.household_role in ("hoofd", "partner", "nareiziger") and rng.random() < 0.6
    intake = BredeIntake(
        inburgeraar=person,
        status=IntakeStatus.AFGEROND if completed else IntakeStatus.CONCEPT,
        started_on=started,
        completed_on=completed,
        completed_by=person.klantmanager.username if completed and person.klantmanager else "",
        alone_offered_on=started if completed or rng.random() < 0.7 else None,
        alone_wanted=rng.random() < 0.3,
        housing=rng.choice(HOUSING),
        income_source=Inkomensbron.BIJSTAND
        if person.doelgroep == Doelgroep.ASIELMIGRANT
        else rng.choice([Inkomensbron.PARTNER, Inkomensbron.WERK]),
        has_debts=rng.random() < 0.2,
        work_experience=rng.choice(WORK),
        languages=f"{person.languages or 'onbekend'}; Engels {rng.choice(['A1', 'A2', 'B1'])}",
        social_network=rng.choice(NETWORK),
        self_reliance=rng.choice(SELF_RELIANCE),
        work_options=rng.choice(WORK_OPTIONS),
        has_partner=partner,
        children_count=rng.choice([0, 0, 1, 2, 3]),
    )
    intake.childcare_needed = intake.children_count > 0 and rng.random() < 0.5
    if intake.childcare_needed:
        intake.childcare_notes = "Kinderopvang nodig tijdens de taallessen; peuteropvang (VVE)."
    if profile is not None:
        intake.opleidingsniveau = profile["opleidingsniveau"]
        intake.geletterdheid = profile["geletterdheid"]
        intake.wants_education = profile["wants_education"]
        intake.dutch_level = profile["dutch_level"]
        intake.years_of_schooling = {
            "none": 0,
            "primary": 6,
            "secondary": 11,
            "mbo": 13,
            "hbo_wo": 16,
        }[profile["opleidingsniveau"]]
        if profile["opleidingsniveau"] in ("mbo", "hbo_wo"):
            intake.diplomas = "Diploma uit het land van herkomst; waardering aangevraagd."
    intake.save()
    if person.doelgroep == Doelgroep.ASIELMIGRANT and rng.random() < 0.4:
        physical, mental, impact = rng.choice(HEALTH)
        IntakeGezondheid.objects.create(
            intake=intake, physical=physical, mental=mental, impact=impact
        )
    return intake


def _gesprek(intake, day: date, participants, notes: str, person, recorded_by: str):
    gesprek = IntakeGesprek.objects.create(
        intake=intake,
        date=day,
        interpreter_used=person.interpreter_needed,
        interpreter_language=person.interpreter_language if person.interpreter_needed else "",
        other_participants="",
        notes=notes,
        recorded_by=recorded_by,
    )
    gesprek.participants.set([u for u in participants if u is not None])
    return gesprek


@demo_extender
def build_intake_demo(builder) -> None:
    rng, today = builder.rng, builder.today
    km = builder.users["klantmanager"]
    senior, junior = builder.users["begeleider"], builder.users["begeleider2"]
    wi2021 = [p for p in builder.people if p.regime == Regime.WI2021]
    drafts = [p for p in wi2021 if p.status in DRAFT_STATUSES]
    # The one first gesprek without the senior begeleider: an asielmigrant in intake in a
    # municipality where the sociaal team (with the senior) works.
    candidates = [
        p
        for p in drafts
        if p.status == Status.INTAKE
        and p.doelgroep == Doelgroep.ASIELMIGRANT
        and p.begeleider_id
        and p.kennisgeving_date
    ]
    without_senior = rng.choice(candidates) if candidates else None

    def first_participants(person):
        owner = person.klantmanager or km
        if person.doelgroep != Doelgroep.ASIELMIGRANT:
            return [owner]
        if person is without_senior:
            return [owner, junior]
        # The sociaal team with the senior begeleider works for its own municipality.
        if senior.organisation.serves.filter(pk=person.municipality_id).exists():
            return [owner, senior]
        return [owner]

    for person in drafts:
        started = _status_day(person, Status.INTAKE) or person.kennisgeving_date or today
        profile = _profile(rng, person, today) if rng.random() < 0.6 else None
        intake = _intake(rng, person, started=started, profile=profile, completed=None)
        _gesprek(
            intake,
            started,
            first_participants(person),
            rng.choice(NOTES_FIRST),
            person,
            (person.klantmanager or km).username,
        )

    for person in (p for p in wi2021 if p.status in PAST_INTAKE):
        started = _status_day(person, Status.INTAKE) or person.kennisgeving_date or today
        pip_day = _status_day(person, Status.PIP_VASTGESTELD) or started + timedelta(days=60)
        completed = _between(rng, started + timedelta(days=(pip_day - started).days // 2), pip_day)
        profile = _profile(rng, person, today)
        intake = _intake(rng, person, started=started, profile=profile, completed=completed)
        owner = person.klantmanager or km
        _gesprek(
            intake,
            started,
            first_participants(person),
            rng.choice(NOTES_FIRST),
            person,
            owner.username,
        )
        if rng.random() < 0.6:
            _gesprek(
                intake,
                _between(rng, started, completed),
                [owner],
                rng.choice(NOTES_NEXT),
                person,
                owner.username,
            )
        toetsbegeleider = owner if owner.is_certified_toetsbegeleider else km
        Leerbaarheidstoets.objects.create(
            inburgeraar=person,
            status=ToetsStatus.AFGENOMEN,
            date=_between(rng, started, completed),
            toetsbegeleider=toetsbegeleider,
            b1_haalbaar=profile["b1"],
            outcome="Uitslag Bureau ICE: "
            + ("B1 haalbaar binnen de termijn." if profile["b1"] else "B1 niet haalbaar."),
        )

    # A recent asielmigrant who did not appear for the toets.
    recent = [
        p
        for p in drafts
        if p.status == Status.INTAKE
        and p.doelgroep == Doelgroep.ASIELMIGRANT
        and p.kennisgeving_date
        and (today - p.kennisgeving_date).days < 120
        and p.klantmanager_id == km.pk  # visible in the demo klantmanager's werkvoorraad
    ]
    if recent:
        person = rng.choice(recent)
        Leerbaarheidstoets.objects.create(
            inburgeraar=person,
            status=ToetsStatus.NIET_VERSCHENEN,
            date=today - timedelta(days=rng.randint(3, 10)),
            toetsbegeleider=person.klantmanager
            if person.klantmanager.is_certified_toetsbegeleider
            else km,
        )
