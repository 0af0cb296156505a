"""Demo data for participatie en werk: werkgevers and plekken of a Winterswijk-like region
(a care home, a metal company, a supermarket, the municipality itself, and volunteer
organisations of the seed's bijlage 3) and placements in each state. Deterministic: every
date is derived from the demo's one today (docs/time.md)."""

from __future__ import annotations

from datetime import time, timedelta

from regie.core.extensions import demo_extender
from regie.monitoring.figures import add_months
from regie.people.models import Status
from regie.plans.models import PIPVersie, VersieStatus
from regie.work.models import (
    Aanwezigheid,
    BijstandUitstroom,
    Contract,
    EindePlicht,
    Evaluatie,
    Onderwijsniveau,
    Plaatsing,
    PlaatsingStatus,
    Plek,
    PlekSoort,
    StopReden,
    Uitstroom,
    UitstroomSoort,
    Voortgang,
    Werkgever,
)

# name, sbi code, sector, place, contact, accessibility, plekken:
# (title, soort, level, hours, days, capacity, supervisor, proef, lks, norisk, training)
WERKGEVERS = (
    (
        "Zorgcentrum De Hofstede",
        "8710",
        "Verpleeghuizen",
        "Winterswijk",
        "A. ter Haar",
        "Tien minuten fietsen van het centrum; bus 73 stopt voor de deur.",
        (
            (
                "Gastvrouw/-heer restaurant",
                PlekSoort.WERKERVARING,
                "A2",
                16,
                "ma, wo, vr",
                3,
                "J. Wikkerink (werkbegeleider)",
                True,
                False,
                True,
                False,
            ),
            (
                "Leerwerkplek helpende zorg",
                PlekSoort.STAGE,
                "B1",
                24,
                "di, do, vr",
                2,
                "taalcoach M. Eppink",
                False,
                False,
                False,
                True,
            ),
        ),
    ),
    (
        "Metaalbewerking Kotten B.V.",
        "2562",
        "Metaalbewerking",
        "Winterswijk",
        "R. Bonenkamp",
        "Bedrijventerrein Misterweg; ploegendienst mogelijk, veiligheidsschoenen via werkgever.",
        (
            (
                "Productiemedewerker",
                PlekSoort.BETAALD,
                "A2",
                32,
                "ma t/m do",
                2,
                "ploegleider H. Rouwmaat",
                True,
                True,
                True,
                False,
            ),
            (
                "Werkervaringsplek magazijn",
                PlekSoort.WERKERVARING,
                "",
                20,
                "ma, di, wo",
                1,
                "H. Rouwmaat",
                False,
                False,
                False,
                False,
            ),
        ),
    ),
    (
        "Supermarkt Het Hoge Veld",
        "4711",
        "Supermarkten",
        "Winterswijk",
        "S. Lammers",
        "Centrum, goed bereikbaar met de fiets.",
        (
            (
                "Vakkenvuller",
                PlekSoort.WERKERVARING,
                "A1",
                12,
                "za en avonden",
                4,
                "teamleider S. Lammers",
                True,
                False,
                False,
                False,
            ),
        ),
    ),
    (
        "Gemeente Winterswijk, buitendienst",
        "8411",
        "Openbaar bestuur",
        "Winterswijk",
        "P. Heijink",
        "Gemeentewerf; start om 7.30 uur.",
        (
            (
                "Groenonderhoud",
                PlekSoort.WERKERVARING,
                "A1",
                20,
                "ma, di, do",
                3,
                "voorman G. Ruesink",
                False,
                False,
                False,
                False,
            ),
        ),
    ),
    (
        "Kluspunt Winterswijk",
        "9499",
        "Vrijwilligersorganisatie",
        "Winterswijk",
        "D. Nijhof",
        "Werkplaats aan huis; geen taaleis, werken met een vaste maatje-klusser.",
        (
            (
                "Klussen bij ouderen",
                PlekSoort.VRIJWILLIGERSWERK,
                "",
                6,
                "woensdag",
                4,
                "coördinator D. Nijhof",
                False,
                False,
                False,
                False,
            ),
        ),
    ),
    (
        "Stichting Present Winterswijk",
        "9499",
        "Vrijwilligersorganisatie",
        "Winterswijk",
        "L. Kolkman",
        "Projecten op wisselende adressen in de gemeente.",
        (
            (
                "Vrijwilliger buurtprojecten",
                PlekSoort.VRIJWILLIGERSWERK,
                "",
                4,
                "zaterdag",
                6,
                "",
                False,
                False,
                False,
                False,
            ),
        ),
    ),
)


# Where the demo's werkgevers are (approximately, in and around Winterswijk), so that the
# matching of people to places gives travel times that mean something in the demo.
LOCATIONS = {
    "Zorgcentrum De Hofstede": (51.9655, 6.7105),
    "Metaalbewerking Kotten B.V.": (51.9480, 6.7600),
    "Supermarkt Het Hoge Veld": (51.9735, 6.7230),
    "Gemeente Winterswijk, buitendienst": (51.9790, 6.7010),
    "Kluspunt Winterswijk": (51.9700, 6.7190),
    "Stichting Present Winterswijk": (51.9725, 6.7160),
}


@demo_extender
def build_work(builder) -> None:
    muni = builder.munis.get("Winterswijk")
    if muni is None:
        return
    plekken: dict[str, Plek] = {}
    for name, sbi, sector, place, contact, access, places in WERKGEVERS:
        werkgever = Werkgever.objects.create(
            municipality=muni,
            name=name,
            sbi_code=sbi,
            sector=sector,
            place=place,
            contact_name=contact,
            accessibility=access,
            lat=LOCATIONS.get(name, (None, None))[0],
            lon=LOCATIONS.get(name, (None, None))[1],
        )
        for title, soort, level, hours, days, cap, sup, proef, lks, norisk, training in places:
            plekken[title] = Plek.objects.create(
                werkgever=werkgever,
                title=title,
                soort=soort,
                language_level=level,
                hours_per_week=hours,
                days=days,
                capacity=cap,
                supervisor=sup,
                proefplaatsing=proef,
                loonkostensubsidie=lks,
                no_risk_polis=norisk,
                with_training=training,
            )
    klantmanager = builder.users.get("klantmanager")
    # The jobcoach of werkgeversdienstverlening coaches the werkervaringsplekken; the
    # klantmanager the rest.
    jobcoach = builder.users.get("jobcoach") or klantmanager
    people = [
        p
        for p in builder.people
        if p.municipality_id == muni.pk and p.status == Status.IN_UITVOERING
    ]
    today = builder.today
    # (plek, status, start offset in days, end offset or None, hours, reason)
    plan = (
        ("Gastvrouw/-heer restaurant", PlaatsingStatus.LOPEND, -90, 20, 12, ""),
        ("Groenonderhoud", PlaatsingStatus.LOPEND, -30, 150, 20, ""),
        ("Vakkenvuller", PlaatsingStatus.VOORGESTELD, 14, 194, 12, ""),
        ("Klussen bij ouderen", PlaatsingStatus.AFGEROND, -240, -60, 6, ""),
        (
            "Werkervaringsplek magazijn",
            PlaatsingStatus.GESTOPT,
            -120,
            -75,
            20,
            "Reistijd naar het bedrijventerrein bleek niet te combineren met de taallessen.",
        ),
        ("Productiemedewerker", PlaatsingStatus.LOPEND, -45, 320, 32, ""),
    )
    for person, (title, status, start, end, hours, reason) in zip(people, plan, strict=False):
        plek = plekken[title]
        coach = jobcoach if plek.soort == PlekSoort.WERKERVARING else klantmanager
        plaatsing = Plaatsing.objects.create(
            inburgeraar=person,
            plek=plek,
            start=today + timedelta(days=start),
            end=today + timedelta(days=end) if end is not None else None,
            hours_per_week=hours,
            days=plek.days,
            **WEEK_BLOCKS.get(title, {}),
            job_coach=coach,
            status=status,
            stop_reden=StopReden.PASSEND if status == PlaatsingStatus.GESTOPT else "",
            stop_reason=reason,
        )
        # Evaluations: the restaurant placement's last one is 10 weeks old (a werkvoorraad
        # signal); the finished volunteer work was evaluated twice.
        for days_ago, presence, progress, employer in EVALUATIES.get(title, ()):
            Evaluatie.objects.create(
                plaatsing=plaatsing,
                datum=today + timedelta(days=days_ago),
                aanwezigheid=presence,
                voortgang=progress,
                vaardigheden="Komt op tijd en vraagt na als iets niet duidelijk is.",
                oordeel_werkgever=employer,
                door=coach,
            )
        if status in (PlaatsingStatus.LOPEND, PlaatsingStatus.VOORGESTELD):
            # The duaal traject in the person's PIP: werkfit worden on a place of these hours.
            PIPVersie.objects.filter(
                pip__inburgeraar=person, status=VersieStatus.VASTGESTELD
            ).update(
                participatie_doelen=["werkfit", "plaatsing"],
                participatie_uren_per_week=hours,
                participatie_toelichting=f"{plek.title} bij {plek.werkgever.name}.",
                tegenprestatie="niet",
                arbeidsverplichtingen="tijdelijk",
            )
    build_outflow(builder, muni)


# Fixed days and times: the weekprogramma shows these placements as blocks.
WEEK_BLOCKS = {
    "Gastvrouw/-heer restaurant": {
        "weekdays": [2, 4],
        "start_time": time(12, 0),
        "end_time": time(18, 0),
    },
    "Groenonderhoud": {"weekdays": [1, 3], "start_time": time(7, 30), "end_time": time(17, 30)},
}


# plek title -> (days from today, aanwezigheid, voortgang, oordeel werkgever)
EVALUATIES = {
    "Gastvrouw/-heer restaurant": (
        (
            -70,
            Aanwezigheid.GOED,
            Voortgang.VOORUIT,
            "Vriendelijk naar de bewoners; oefent de kassa.",
        ),
    ),
    "Klussen bij ouderen": (
        (-180, Aanwezigheid.WISSELEND, Voortgang.GELIJK, "Afspraken nakomen kan beter."),
        (-90, Aanwezigheid.GOED, Voortgang.WERKFIT, "Zelfstandig; de bewoners vragen naar hem."),
    ),
}

# The 2022 cohort's outflow, per status of the person (in the order of the cohort): months
# after the first vastgestelde PIP and the facts. Capped at the demo's today.
OUTFLOW_2022 = (
    (
        Status.AFGEROND,
        (
            (
                10,
                dict(
                    soort=UitstroomSoort.BETAALD_WERK,
                    uren_per_week=24,
                    contract=Contract.TIJDELIJK,
                    sector="Zorg",
                    werkgever="Zorgcentrum De Hofstede",
                ),
            ),
            (10, dict(soort=UitstroomSoort.UIT_BIJSTAND, bijstand=BijstandUitstroom.GEDEELTELIJK)),
            (20, dict(soort=UitstroomSoort.EINDE_PLICHT, einde_plicht=EindePlicht.DIPLOMA)),
        ),
    ),
    (
        Status.AFGEROND,
        (
            (
                22,
                dict(
                    soort=UitstroomSoort.ONDERWIJS,
                    opleiding="Helpende zorg en welzijn",
                    niveau=Onderwijsniveau.MBO2,
                ),
            ),
            (24, dict(soort=UitstroomSoort.EINDE_PLICHT, einde_plicht=EindePlicht.DIPLOMA)),
        ),
    ),
    (
        Status.IN_UITVOERING,
        (
            (
                18,
                dict(
                    soort=UitstroomSoort.BETAALD_WERK,
                    uren_per_week=36,
                    contract=Contract.VAST,
                    sector="Metaalbewerking",
                    werkgever="Metaalbewerking Kotten B.V.",
                ),
            ),
            (19, dict(soort=UitstroomSoort.UIT_BIJSTAND, bijstand=BijstandUitstroom.VOLLEDIG)),
        ),
    ),
    (
        Status.IN_UITVOERING,
        (
            (
                8,
                dict(
                    soort=UitstroomSoort.ONDERWIJS,
                    opleiding="Vavo Nederlands en rekenen",
                    niveau=Onderwijsniveau.VAVO,
                ),
            ),
        ),
    ),
    (
        Status.IN_UITVOERING,
        (
            (
                30,
                dict(
                    soort=UitstroomSoort.BETAALD_WERK,
                    uren_per_week=12,
                    contract=Contract.OPROEP,
                    sector="Detailhandel",
                ),
            ),
        ),
    ),
    (
        Status.ONTHEFFING,
        ((14, dict(soort=UitstroomSoort.EINDE_PLICHT, einde_plicht=EindePlicht.ONTHEFFING)),),
    ),
    (Status.VERTROKKEN, ((9, dict(soort=UitstroomSoort.VERHUIZING)),)),
)


def build_outflow(builder, muni) -> None:
    """Outflow for the 2022 cohort of the municipality, dated from each person's first
    vastgestelde PIP (persons without one get none)."""
    cohort = [
        p
        for p in builder.people
        if p.municipality_id == muni.pk and p.kennisgeving_date and p.kennisgeving_date.year == 2022
    ]
    pips: dict[int, object] = {}
    for pk, dagtekening in (
        PIPVersie.objects.filter(
            pip__inburgeraar__in=[p.pk for p in cohort],
            status=VersieStatus.VASTGESTELD,
            dagtekening__isnull=False,
        )
        .order_by("dagtekening")
        .values_list("pip__inburgeraar", "dagtekening")
    ):
        pips.setdefault(pk, dagtekening)
    werkgevers = {w.name: w for w in Werkgever.objects.filter(municipality=muni)}
    coach = builder.users.get("klantmanager")
    used: set[int] = set()
    for status, records in OUTFLOW_2022:
        person = next(
            (p for p in cohort if p.status == status and p.pk in pips and p.pk not in used), None
        )
        if person is None:
            continue
        used.add(person.pk)
        for months, facts in records:
            facts = dict(facts)
            werkgever = werkgevers.get(facts.pop("werkgever", ""))
            Uitstroom.objects.create(
                inburgeraar=person,
                datum=min(add_months(pips[person.pk], months), builder.today),
                werkgever=werkgever,
                door=coach,
                **facts,
            )
