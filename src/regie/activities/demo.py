"""Demo data of the activities app: the seed's menukaart (§2) with weekly sessions, lesson
timetables of Toptaal and Interbeek, lesson and activity enrolments with eight weeks of
attendance for persons in uitvoering (one below the threshold), PVT series (some signed),
MAP hours (one eindgesprek due) and one confirmed weekprogramma. Deterministic through
builder.rng; dates relative to builder.today."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from regie.activities import services
from regie.activities.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Availability,
    DagdeelStatus,
    Enrolment,
    Kind,
    MapTraject,
    MapUren,
    PvtDagdeel,
    PvtTraject,
    RouteGroup,
    Session,
)
from regie.core.extensions import demo_extender
from regie.people.models import Verwijzing, VerwijzingStatus
from regie.rules.lifecycle import Status

ALL_ROUTES = [r.value for r in RouteGroup]
WI2021_ROUTES = ["z", "b1", "onderwijs"]

# (name, organiser, themes, routes, location, cost, cost note, description, sessions)
# sessions: (weekday, start, end, capacity)
MENUKAART = (
    (
        "Kletsplek",
        "Sociaal team Winterswijk",
        ["taal", "sociaal_netwerk"],
        ALL_ROUTES,
        "'t Kreil",
        None,
        "gratis",
        "Ongedwongen Nederlands praten met vrijwilligers; voor nieuw- en oudkomers.",
        ((0, "13:30", "15:00", 15), (3, "13:30", "15:00", 15)),
    ),
    (
        "Fietsles",
        "Graafschap College",
        ["gezondheid", "sociaal_netwerk"],
        ["z", "b1", "ondertussengroep", "oudkomer"],
        "Sportpark Vreehorst",
        Decimal("0"),
        "gegeven door stagiairs van het Graafschap College",
        "Leren fietsen in het verkeer, met vrijwilligers erbij.",
        ((2, "13:30", "15:00", 8),),
    ),
    (
        "Sportles",
        "Graafschap College",
        ["gezondheid"],
        ALL_ROUTES,
        "Sporthal Jaspers",
        Decimal("0"),
        "gegeven door stagiairs van het Graafschap College",
        "Samen sporten en bewegen.",
        ((4, "13:30", "14:30", 12),),
    ),
    (
        "Wandelchallenge",
        "Sociaal team Winterswijk",
        ["gezondheid", "sociaal_netwerk"],
        ALL_ROUTES,
        "Start bij het Marktplein",
        None,
        "gratis",
        "Elke week samen wandelen met inwoners van Winterswijk.",
        ((4, "10:00", "11:30", 20),),
    ),
    (
        "GGD-workshop 'Gezondheid in Nederland'",
        "GGD Noord- en Oost-Gelderland",
        ["gezondheid"],
        ALL_ROUTES,
        "GGD, Winterswijk",
        Decimal("25.00"),
        "per deelnemer, uit de SPUK; ook aparte workshops voor mannen en voor vrouwen",
        "Hoe werkt de zorg in Nederland: huisarts, tandarts, apotheek en spoed.",
        ((1, "13:30", "15:30", 12),),
    ),
    (
        "Leefstijlcoach: gezond eten en bewegen",
        "Leefstijlcoach",
        ["gezondheid"],
        ALL_ROUTES,
        "Gezondheidscentrum Winterswijk",
        Decimal("15.00"),
        "per bijeenkomst",
        "Uitleg over gezonde voeding en in beweging komen.",
        ((3, "15:30", "16:30", 10),),
    ),
    (
        "Samen koken en eten",
        "Wuh",
        ["sociaal_netwerk", "gezondheid"],
        ALL_ROUTES,
        "Buurthuis De Pas",
        Decimal("3.00"),
        "eigen bijdrage voor de boodschappen",
        "Samen koken en eten met buurtbewoners.",
        ((1, "15:30", "17:30", 10),),
    ),
    (
        "Digitale vaardigheden: startmodule",
        "Taalhuis Oost Achterhoek",
        ["leren_werken", "taal"],
        ALL_ROUTES,
        "Bibliotheek Winterswijk",
        None,
        "gratis; deelnemers krijgen een startcertificaat",
        "Werken met de computer en de telefoon: DigiD, e-mail en internet.",
        ((4, "15:00", "16:30", 8),),
    ),
    (
        "Geldplan statushouders (training)",
        "Fijnder",
        ["financien"],
        WI2021_ROUTES,
        "Fijnder, Winterswijk",
        None,
        "onderdeel van de ontzorging",
        "Training op basis van het NIBUD Geldplan, met een eigen administratie.",
        ((2, "15:30", "17:00", 10),),
    ),
    (
        "Vrijwilligerswerk bij Present",
        "Present",
        ["leren_werken", "sociaal_netwerk"],
        ["z", "b1", "ondertussengroep", "oudkomer"],
        "Present Winterswijk",
        None,
        "gratis",
        "Meehelpen bij klussen voor inwoners die het zelf niet redden.",
        ((0, "15:30", "17:30", 6),),
    ),
    (
        "GGNet interventietraining",
        "GGNet",
        ["gezondheid"],
        ["z"],
        "GGNet, Winterswijk",
        Decimal("0"),
        "vergoed",
        "Groepstraining over stress en veerkracht.",
        ((2, "15:30", "17:00", 8),),
    ),
)

# (name, aanbieder, route, blocks)
TIMETABLES = (
    ("Toptaal Z-route groep W1", "Toptaal", "z", ((0, "09:00", "12:00"), (2, "09:00", "12:00"))),
    ("Toptaal B1-route groep W2", "Toptaal", "b1", ((1, "09:00", "12:00"), (3, "09:00", "12:00"))),
    (
        "Interbeek Z-route groep W3",
        "Interbeek",
        "z",
        ((1, "09:00", "12:00"), (4, "09:00", "12:00")),
    ),
    (
        "Interbeek B1-route groep W4",
        "Interbeek",
        "b1",
        ((0, "09:00", "12:30"), (3, "09:00", "12:30")),
    ),
)


def _t(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _attendance(builder, enrolment, session, weeks: int, presence: float) -> None:
    day = services.day_in_week(builder.today - timedelta(weeks=weeks), session.weekday)
    while day < builder.today:
        if day >= enrolment.start_date and session.runs_on(day):
            roll = builder.rng.random()
            if roll < presence:
                status = AttendanceStatus.AANWEZIG
            elif roll < presence + (1 - presence) / 2:
                status = AttendanceStatus.AFGEMELD
            else:
                status = AttendanceStatus.NIET_VERSCHENEN
            Attendance.objects.create(
                enrolment=enrolment,
                date=day,
                status=status,
                hours=session.hours,
                registered_by="demo",
            )
        day += timedelta(days=7)


@demo_extender
def build_activities(builder) -> None:
    orgs = builder.orgs
    muni = builder.munis.get("Winterswijk")
    coordinating = orgs.get("Sociaal team Winterswijk")
    if muni is None or coordinating is None:
        return
    since = builder.today - timedelta(days=180)
    menukaart = {}
    for name, organiser, themes, routes, location, cost, note, text, sessions in MENUKAART:
        activity = Activity.objects.create(
            kind=Kind.ACTIVITEIT,
            name=name,
            description=text,
            themes=themes,
            organiser=orgs[organiser],
            coordinator_organisation=coordinating,
            municipality=muni,
            routes=routes,
            location=location,
            cost=cost,
            cost_note=note,
        )
        menukaart[name] = [
            Session.objects.create(
                activity=activity,
                weekday=day,
                start=_t(start),
                end=_t(end),
                capacity=capacity,
                valid_from=since,
            )
            for day, start, end, capacity in sessions
        ]
    groups: dict[tuple[str, str], Activity] = {}
    for name, aanbieder, route, blocks in TIMETABLES:
        group = Activity.objects.create(
            kind=Kind.TAALLES,
            name=name,
            themes=["taal"],
            organiser=orgs[aanbieder],
            coordinator_organisation=coordinating,
            municipality=muni,
            routes=[route],
            location=f"{aanbieder}, Winterswijk",
        )
        for day, start, end in blocks:
            Session.objects.create(
                activity=group,
                weekday=day,
                start=_t(start),
                end=_t(end),
                capacity=16,
                valid_from=since,
                valid_until=builder.today + timedelta(days=365),
            )
        groups[(aanbieder, route)] = group

    # Persons in uitvoering in Winterswijk with an active referral to Toptaal or Interbeek.
    referrals = {
        v.inburgeraar_id: v.aanbieder.name
        for v in Verwijzing.objects.filter(status=VerwijzingStatus.GEACCEPTEERD).select_related(
            "aanbieder"
        )
    }
    persons = [
        p
        for p in builder.people
        if p.status == Status.IN_UITVOERING
        and p.municipality_id == muni.pk
        and referrals.get(p.pk) in ("Toptaal", "Interbeek")
    ]
    facts = services.plan_facts(persons)
    activity_sessions = [s for sessions in menukaart.values() for s in sessions]
    low_done = False
    enrolled = []
    for index, person in enumerate(persons):
        route = facts[person.pk].route
        group = groups.get((referrals[person.pk], route))
        if group is None:
            continue
        start = builder.today - timedelta(weeks=10)
        # One person attends poorly: the klantmanager gets a signal.
        presence = 0.55 if not low_done else 0.92
        low_done = True
        for session in group.sessions.all():
            enrolment = Enrolment.objects.create(
                inburgeraar=person, session=session, start_date=start
            )
            _attendance(builder, enrolment, session, 8, presence)
        enrolled.append(person)
        if index % 2 == 0:
            # Childcare: available on school days until 14:30 only.
            for day in range(5):
                Availability.objects.create(
                    inburgeraar=person,
                    weekday=day,
                    start=time(8, 30),
                    end=time(14, 30),
                    reason="kinderen op school",
                )
        # One or two activities of the menukaart next to the lessons, not clashing.
        lesson_days = {s.weekday for s in group.sessions.all()}
        options = [s for s in activity_sessions if s.weekday not in lesson_days]
        for session in builder.rng.sample(options, k=min(len(options), 1 + index % 2)):
            enrolment = Enrolment.objects.create(
                inburgeraar=person, session=session, start_date=start
            )
            _attendance(builder, enrolment, session, 8, 0.85)

    # PVT: everyone in uitvoering has a series; some finished and signed, one waits for
    # the signing, one is half-way.
    for index, person in enumerate(enrolled):
        traject = PvtTraject.objects.create(inburgeraar=person)
        done = 4 if index % 3 != 2 else 2
        for number in range(1, 5):
            on = builder.today - timedelta(weeks=20 - 3 * number)
            PvtDagdeel.objects.create(
                traject=traject,
                number=number,
                date=on,
                hours=Decimal(3),
                topic=(
                    "Winterswijk: de gemeente stelt zich voor"
                    if number == 4
                    else [
                        "Vrijheid en gelijkwaardigheid",
                        "Solidariteit en participatie",
                        "Rechtsstaat en democratie",
                    ][number - 1]
                ),
                by_municipality=number == 4,
                status=DagdeelStatus.AANWEZIG if number <= done else DagdeelStatus.GEPLAND,
            )
        if done == 4 and index % 3 == 0:
            traject.signed_on = builder.today - timedelta(weeks=7)
            traject.duo_reported_on = builder.today - timedelta(weeks=6) if index % 2 == 0 else None
            traject.save()
        # MAP hours for some: one with enough hours awaiting the eindgesprek.
        if index % 2 == 1:
            mapt = MapTraject.objects.create(inburgeraar=person)
            total = 42 if index == 1 else 12
            week = 0
            while total > 0:
                hours = min(4, total)
                MapUren.objects.create(
                    traject=mapt,
                    date=builder.today - timedelta(weeks=12 - week),
                    hours=Decimal(hours),
                    description=[
                        "Beroepenoriëntatie",
                        "Werknemersvaardigheden",
                        "Zichzelf presenteren",
                    ][week % 3],
                )
                total -= hours
                week += 1

    # One confirmed weekprogramma, made by the solver from the person's PIP.
    klantmanager = builder.users.get("klantmanager")
    week = services.next_monday(builder.today)
    fixed = services.fixed_hours_for(enrolled, week)
    for person in enrolled:
        params = services.default_params(person, facts[person.pk], fixed[person.pk])
        if params is None:
            continue
        (programme,) = services.propose(
            [person],
            {person.pk: params},
            week,
            klantmanager,
            time_limit_s=5,
        )
        if programme.items.exists():
            services.confirm(programme, klantmanager)
            break
