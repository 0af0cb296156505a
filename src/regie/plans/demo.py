"""Demo PIPs: every person under the Wet inburgering 2021 whose status says a PIP was
vastgesteld gets one (route consistent with their referral: Toptaal and Interbeek give the
B1- or Z-route, Graafschap College the onderwijsroute), dated 8 to 10 weeks after the
kennisgeving, with voortgangsgesprekken (one person overdue); one person in the brede
intake has a concept awaiting vaststelling. Deterministic through builder.rng."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from regie import rules
from regie.core.extensions import demo_extender
from regie.people.models import Doelgroep, Verwijzing
from regie.plans import services
from regie.plans.documents import make_beschikking
from regie.plans.models import (
    PIP,
    DoelStatus,
    DoelVoortgang,
    GesprekStatus,
    Levensgebied,
    PIPDoel,
    PIPVersie,
    VersieStatus,
    Voortgangsgesprek,
)
from regie.rules.leerroute import Leerroute
from regie.rules.lifecycle import Regime, Status

WITH_PIP = (Status.PIP_VASTGESTELD, Status.IN_UITVOERING, Status.AFGEROND)
# Held gesprekken kept per person in the demo (older history is left out).
HELD_KEPT = 5

GOALS = {
    Levensgebied.WONEN: (
        "Het huurcontract en de huurtoeslag begrijpen en zelf de huur regelen.",
        "inburgeraar met maatschappelijk begeleider",
    ),
    Levensgebied.GEZONDHEID: (
        "Ingeschreven bij een huisarts en tandarts; weet wanneer hij of zij die belt.",
        "maatschappelijk begeleider",
    ),
    Levensgebied.FINANCIEN: (
        "Een eigen administratie bijhouden (training NIBUD Geldplan statushouders).",
        "inburgeraar, klantmanager",
    ),
    Levensgebied.LEREN_WERKEN: (
        "Acht uur per week vrijwilligerswerk of een werkervaringsplek naast de lessen.",
        "inburgeraar, klantmanager",
    ),
    Levensgebied.SOCIAAL_NETWERK: (
        "Een maatje via Goede Buur en elke week naar de kletsplek in 't Kreil.",
        "vrijwilligerscoördinator",
    ),
    Levensgebied.TAAL: (
        "Elke week twee uur extra Nederlands oefenen bij het Taalhuis.",
        "inburgeraar",
    ),
}

ROUTE_REASONS = {
    Leerroute.B1: (
        "De leerbaarheidstoets en de opleiding in het land van herkomst laten zien dat B1 "
        "binnen de termijn haalbaar is."
    ),
    Leerroute.Z: (
        "Weinig scholing en (nog) niet geletterd: B1 is binnen de termijn niet haalbaar. De "
        "Z-route richt zich op zelfredzaamheid en meedoen."
    ),
    Leerroute.ONDERWIJS: (
        "Wil een mbo-opleiding volgen, heeft voortgezet onderwijs afgerond en is jonger dan "
        "30: grote kans op een diploma."
    ),
}


DEVIATIONS = {
    Leerroute.ONDERWIJS: (
        " Dit wijkt af van het advies uit de brede intake: de inburgeraar is toegelaten tot "
        "het taalschakeltraject van het Graafschap College en is sterk gemotiveerd."
    ),
    Leerroute.B1: (
        " Dit wijkt af van het advies uit de brede intake: de inburgeraar wil eerst werken en "
        "kiest bewust voor de B1-route met een werkervaringsplek."
    ),
    Leerroute.Z: (
        " Dit wijkt af van het advies uit de brede intake: in de eerste lessen bleek lezen en "
        "schrijven meer tijd te vragen dan de toets liet zien."
    ),
}


def _route_for(builder, person, aanbieder_name: str) -> tuple[Leerroute, str, str]:
    """(route, reasons, advised route) consistent with the referral's aanbieder, following
    the advice of the brede intake where the aanbieder offers that route."""
    offered = (
        {Leerroute.ONDERWIJS}
        if aanbieder_name == "Graafschap College"
        else {Leerroute.B1, Leerroute.Z}
    )
    advice = services.route_advice(person)
    advised = advice.route.value if advice else ""
    if advice is not None and advice.route in offered:
        return advice.route, ROUTE_REASONS[advice.route], advised
    if Leerroute.ONDERWIJS in offered:
        route = Leerroute.ONDERWIJS
    else:
        route = Leerroute.B1 if builder.rng.random() < 0.65 else Leerroute.Z
    reasons = ROUTE_REASONS[route] + (DEVIATIONS[route] if advice is not None else "")
    return route, reasons, advised


def _versie(
    builder, pip, person, route: Leerroute, aanbieder, drafter, reasons: str, **extra
) -> PIPVersie:
    asiel = person.doelgroep == Doelgroep.ASIELMIGRANT
    positie = person.rechtspositie
    # The random draws happen for every person, so the demo stays the same sequence
    # whatever the legal category (docs/time.md: deterministic).
    months = {Leerroute.ONDERWIJS: 12, Leerroute.B1: 24, Leerroute.Z: 30}[route]
    hours = Decimal(builder.rng.choice([8, 10, 12]))
    college = positie.leerroute_intensiteit_door_college  # Wi 2021 art. 15 lid 2, 16 lid 1
    versie = PIPVersie(
        pip=pip,
        nummer=1,
        leerroute=route.value,
        route_toelichting=reasons,
        aanbieder=aanbieder if college else None,
        duur_maanden=months if college else None,
        lesuren_per_week=hours if college else None,
        intensiteit_toelichting="Lessen op maandag, woensdag en donderdag."
        if college
        else "De inburgeraar regelt en betaalt de lessen zelf, met een lening van DUO.",
        pvt_uren=12,
        pvt_afspraken="Vier workshops, waarvan één van de gemeente zelf.",
        map_uren=None if route == Leerroute.ONDERWIJS else 40,
        map_afspraken="" if route == Leerroute.ONDERWIJS else "MAP bij het Taalhuis in 2023.",
        knm_afspraken="KNM-lessen bij de aanbieder van de leerroute.",
        randvoorwaarden=builder.rng.choice(
            ["Kinderopvang op lesdagen.", "Fiets en fietsles via de gemeente.", ""]
        ),
        ondersteuning="Maatschappelijke begeleiding door het sociaal team."
        if positie.maatschappelijke_begeleiding
        else "Klantmanager als vast aanspreekpunt.",
        voortgang_frequentie_weken=builder.rng.choice([6, 8, 12]),
        voortgang_afspraken="Gesprek bij Fijnder; de aanbieder levert vooraf de presentie.",
        bijstand=asiel,
        participatiewet="Arbeidsverplichtingen tijdelijk beperkt tot de leerroute en "
        "vrijwilligerswerk."
        if asiel
        else "",
        financiele_ontzorging=asiel and positie.ontzorging,
        opgesteld_door=drafter,
        opgesteld_op=timezone.now(),
        **extra,
    )
    # The number of voortgangsgesprekken (Besluit art. 5.3 lid 4): one per period of the
    # rhythm over the route's months.
    versie.aantal_voortgangsgesprekken = max(
        1, round(months * 52 / 12 / versie.voortgang_frequentie_weken)
    )
    versie.save()
    areas = builder.rng.sample(list(GOALS), k=builder.rng.randint(4, 6))
    for area in sorted(areas, key=list(Levensgebied).index):
        text, who = GOALS[area]
        PIPDoel.objects.create(
            versie=versie,
            levensgebied=area,
            omschrijving=text,
            wie=who,
            streefdatum=(versie.dagtekening or builder.today) + timedelta(days=30 * 12),
        )
    return versie


def _gesprekken(builder, pip, versie, person, klantmanager, overdue: bool) -> None:
    weeks = versie.voortgang_frequentie_weken
    step = timedelta(weeks=weeks)
    held: list[date] = []
    day = versie.dagtekening + step
    end = builder.today - (2 * step if overdue else timedelta(days=3))
    if person.status == Status.AFGEROND:
        end = min(end, versie.dagtekening + 3 * step)
    while day <= end:
        held.append(day + timedelta(days=builder.rng.randint(-3, 3)))
        day += step
    goals = list(versie.doelen.all())
    for index, when in enumerate(held[-HELD_KEPT:]):
        gesprek = Voortgangsgesprek.objects.create(
            pip=pip,
            status=GesprekStatus.GEHOUDEN,
            datum=min(when, builder.today),
            deelnemers="inburgeraar, klantmanager"
            + (", tolk" if person.interpreter_needed else ""),
            verslag=builder.rng.choice(
                [
                    "Gaat trouw naar de lessen. Spreken gaat vooruit, schrijven kost moeite.",
                    "Afwezig geweest door ziekte van een kind; inhaallessen afgesproken.",
                    "Tevreden over het vrijwilligerswerk; wil meer uren.",
                    "Presentie volgens de aanbieder 90%. Geen bijzonderheden.",
                ]
            ),
            vastgelegd_door=klantmanager,
        )
        for goal in builder.rng.sample(goals, k=min(2, len(goals))):
            status = DoelStatus.BEHAALD if index >= 3 else DoelStatus.BEZIG
            if person.status == Status.AFGEROND:
                status = DoelStatus.BEHAALD
            DoelVoortgang.objects.create(gesprek=gesprek, doel=goal, status=status)
            if goal.status != status:
                goal.status = status
                goal.save()
    if person.status != Status.AFGEROND and not overdue and builder.rng.random() < 0.5:
        last = held[-1] if held else versie.dagtekening
        planned = max(last + step, builder.today + timedelta(days=1))
        Voortgangsgesprek.objects.create(
            pip=pip, status=GesprekStatus.GEPLAND, datum=planned, vastgelegd_door=klantmanager
        )


@demo_extender
def build_plans(builder) -> None:
    users = builder.users
    kms = [users.get("klantmanager"), users.get("klantmanager2")]
    referrals = {
        v.inburgeraar_id: v
        for v in Verwijzing.objects.filter(
            inburgeraar__in=[p.pk for p in builder.people]
        ).select_related("aanbieder")
    }
    overdue_done = False
    for person in builder.people:
        if person.regime != Regime.WI2021 or person.status not in WITH_PIP:
            continue
        referral = referrals.get(person.pk)
        if referral is None or not person.kennisgeving_date:
            continue
        drafter = person.klantmanager or kms[0]
        vaststeller = kms[1] if drafter == kms[0] else kms[0]
        dagtekening = min(
            person.kennisgeving_date + timedelta(days=builder.rng.randint(56, 70)), builder.today
        )
        route, reasons, advised = _route_for(builder, person, referral.aanbieder.name)
        pip = PIP.objects.create(inburgeraar=person)
        versie = _versie(
            builder,
            pip,
            person,
            route,
            referral.aanbieder,
            drafter,
            reasons,
            status=VersieStatus.VASTGESTELD,
            dagtekening=dagtekening,
            vastgesteld_door=vaststeller,
            vastgesteld_op=timezone.now(),
            advies_leerroute=advised,
            # Sent by post the next working day, except a recent one still to be sent.
            bekendgemaakt_op=(
                None
                if dagtekening >= builder.today
                else min(rules.volgende_werkdag(dagtekening), builder.today)
            ),
            bekendmaking_wijze="" if dagtekening >= builder.today else "post",
        )
        make_beschikking(versie)
        overdue = not overdue_done and person.status == Status.IN_UITVOERING
        overdue_done = overdue_done or overdue
        _gesprekken(builder, pip, versie, person, drafter, overdue)

    # One concept awaiting vaststelling by a colleague (four eyes): preferably a person
    # whose brede intake can be completed now, so the vaststelling can be tried.
    in_intake = sorted(
        (
            p
            for p in builder.people
            if p.status == Status.INTAKE and p.klantmanager == kms[0] and p.regime == Regime.WI2021
        ),
        key=lambda p: (p.kennisgeving_date, p.pk),
        reverse=True,
    )
    waiting = next((p for p in in_intake if _complete_intake(p)), None)
    waiting = waiting or (in_intake[0] if in_intake else None)
    if waiting is not None:
        advice = services.route_advice(waiting)
        route = advice.route if advice else Leerroute.B1
        aanbieder = builder.orgs.get(
            "Graafschap College" if route == Leerroute.ONDERWIJS else "Toptaal"
        )
        _versie(
            builder,
            PIP.objects.create(inburgeraar=waiting),
            waiting,
            route,
            aanbieder,
            waiting.klantmanager,
            ROUTE_REASONS[route],
            aangeboden_op=timezone.now(),
            advies_leerroute=advice.route.value if advice else "",
        )


def _complete_intake(person) -> bool:
    """Complete the person's draft brede intake through the intake app, if it can be."""
    from regie.intake import services as intake_services

    intake = intake_services.latest_intake(person)
    if intake is None or intake_services.completion_problems(intake, intake.gesprekken.count()):
        return False
    intake_services.complete_intake(intake, "demo")
    return True
