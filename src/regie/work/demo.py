"""Demo data for participatie en werk: werkgevers and plekken of a Winterswijk-like region
(a care home, a metal company, a supermarket, the municipality itself, and volunteer
organisations of the seed's bijlage 3) and placements in each state. Deterministic: every
date is derived from the demo's one today (docs/time.md)."""

from __future__ import annotations

from datetime import timedelta

from regie.core.extensions import demo_extender
from regie.people.models import Status
from regie.work.models import Plaatsing, PlaatsingStatus, Plek, PlekSoort, Werkgever

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
    coach = builder.users.get("klantmanager")
    people = [
        p
        for p in builder.people
        if p.municipality_id == muni.pk and p.status == Status.IN_UITVOERING
    ]
    today = builder.today
    # (plek, status, start offset in days, end offset or None, hours, reason)
    plan = (
        ("Gastvrouw/-heer restaurant", PlaatsingStatus.LOPEND, -90, 20, 16, ""),
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
        Plaatsing.objects.create(
            inburgeraar=person,
            plek=plek,
            start=today + timedelta(days=start),
            end=today + timedelta(days=end) if end is not None else None,
            hours_per_week=hours,
            days=plek.days,
            job_coach=coach,
            status=status,
            stop_reason=reason,
        )
