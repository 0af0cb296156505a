"""Demo data of the aanbieders: the referrals get the route and intensity of the PIP,
hours for the last four months for everyone in a traject (one person below the attendance
threshold), some exam results and progress, one afschaalverzoek after more than 600
lesuren, and one referral to Toptaal that still waits for an answer. Deterministic."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from regie.core.extensions import demo_extender
from regie.exchange.models import (
    Afschaalverzoek,
    Afwezigheid,
    AfwezigheidReden,
    Examenresultaat,
    Lesuren,
    Voortgangsmeting,
)
from regie.exchange.services import first_of_month, route_from_pip
from regie.people.models import Verwijzing, VerwijzingStatus
from regie.rules.lifecycle import Status

MONTHS = 4


def _months_back(today: date, count: int) -> list[date]:
    months = []
    day = first_of_month(today)
    for _ in range(count):
        day = first_of_month(day - timedelta(days=1))
        months.append(day)
    return sorted(months)


@demo_extender
def build_exchange_demo(builder) -> None:
    rng = builder.rng
    today = builder.today
    toptaal = builder.orgs["Toptaal"]
    verwijzingen = list(
        Verwijzing.objects.filter(status__in=[VerwijzingStatus.GEACCEPTEERD])
        .select_related("inburgeraar__municipality", "aanbieder")
        .order_by("pk")
    )
    klantmanager = builder.users.get("klantmanager")
    pending_done = low_done = afschaal_done = False
    exams = 0
    months = _months_back(today, MONTHS)
    for ref in verwijzingen:
        person = ref.inburgeraar
        route = route_from_pip(person)
        if route is not None:
            ref.leerroute = route.leerroute
            ref.pip_versie_nummer = route.nummer
            ref.duur_maanden = route.duur_maanden
            ref.lesuren_per_week = route.lesuren_per_week
        ref.verwezen_door = klantmanager
        if (
            not pending_done
            and ref.aanbieder_id == toptaal.pk
            and person.status == Status.PIP_VASTGESTELD
        ):
            # One referral still waits for Toptaal's answer.
            ref.status = VerwijzingStatus.AANGEVRAAGD
            ref.start_date = None
            ref.toelichting = "Lessen bij voorkeur op maandag en woensdag; kinderopvang geregeld."
            ref.save()
            pending_done = True
            continue
        ref.save()
        if person.status != Status.IN_UITVOERING:
            continue
        per_week = ref.lesuren_per_week or Decimal(10)
        low = not low_done and ref.aanbieder_id == toptaal.pk
        for index, maand in enumerate(months):
            offered = (per_week * 4).quantize(Decimal("0.1"))
            share = Decimal(rng.choice([85, 90, 95, 100])) / 100
            if low and index == len(months) - 1:
                share = Decimal("0.6")
            Lesuren.objects.create(
                inburgeraar=person,
                aanbieder=ref.aanbieder,
                maand=maand,
                uren_aangeboden=offered,
                uren_aanwezig=(offered * share).quantize(Decimal("0.1")),
                geregistreerd_door="demo",
            )
        if low:
            low_done = True
            for day in (3, 10, 17):
                Afwezigheid.objects.create(
                    inburgeraar=person,
                    aanbieder=ref.aanbieder,
                    datum=months[-1] + timedelta(days=day),
                    uren=Decimal(3),
                    reden=AfwezigheidReden.ONGEOORLOOFD if day == 17 else AfwezigheidReden.ZIEK,
                    geregistreerd_door="demo",
                )
        for skill in ("lezen", "spreken"):
            Voortgangsmeting.objects.create(
                inburgeraar=person,
                aanbieder=ref.aanbieder,
                datum=months[-1] + timedelta(days=20),
                vaardigheid=skill,
                niveau=rng.choice(["A1", "A2", "B1"]),
                geregistreerd_door="demo",
            )
        if ref.leerroute == "b1" and exams < 3:
            exams += 1
            Examenresultaat.objects.create(
                inburgeraar=person,
                aanbieder=ref.aanbieder,
                datum=today - timedelta(days=5 + 7 * exams),
                onderdeel=["lezen", "luisteren", "knm"][exams - 1],
                niveau="" if exams == 3 else "B1",
                uitslag="behaald" if exams != 2 else "niet_behaald",
                geregistreerd_door="demo",
            )
            if not afschaal_done and exams == 2:
                # Earlier months bring this person above the 600 lesuren of art. 17 lid 3.
                day = months[0]
                for _ in range(15):
                    day = first_of_month(day - timedelta(days=1))
                    Lesuren.objects.create(
                        inburgeraar=person,
                        aanbieder=ref.aanbieder,
                        maand=day,
                        uren_aangeboden=Decimal(44),
                        uren_aanwezig=Decimal(42),
                        geregistreerd_door="demo",
                    )
                total = sum(
                    Lesuren.objects.filter(inburgeraar=person).values_list(
                        "uren_aanwezig", flat=True
                    )
                )
                Afschaalverzoek.objects.create(
                    inburgeraar=person,
                    aanbieder=ref.aanbieder,
                    onderdeel="schrijven",
                    motivering=(
                        "Volgt trouw alle lessen en oefent thuis; schrijven blijft na twee "
                        "examenpogingen achter."
                    ),
                    lesuren_bij_indienen=total,
                    geregistreerd_door="demo",
                )
                afschaal_done = True
