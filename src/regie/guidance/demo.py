"""Demo data of maatschappelijke begeleiding: the partner register of seed bijlage 3,
checklists of the asielmigrant households (varied progress), consents and referrals
(GGNet, Taalhuis, leefstijlcoach), ten volunteers around Winterswijk (one with an
expired VOG, which the matching leaves out with a reason), matching profiles and a few
confirmed matches with meetings. Deterministic through the builder's rng."""

from __future__ import annotations

from datetime import timedelta

from regie.core.extensions import demo_extender
from regie.guidance import rules, services
from regie.guidance.models import (
    ChecklistItem,
    ChecklistStatus,
    Consent,
    GuidanceSettings,
    Match,
    MatchingProfile,
    MatchMeeting,
    Partner,
    PartnerContact,
    Referral,
    ReferralOutcome,
    Theme,
    Volunteer,
)
from regie.people.models import Doelgroep

THEME_WORDS = {
    "wonen": Theme.WONEN,
    "leren en werken": Theme.LEREN_WERKEN,
    "financiën": Theme.FINANCIEN,
    "gezondheid": Theme.GEZONDHEID,
    "sociaal netwerk": Theme.SOCIAAL_NETWERK,
}

# Offers per organisation (seed bijlage 3 and §2.1); contacts are invented.
PARTNER_OFFERS = {
    "COA": ("Verhuizing vanuit het AZC naar de gemeente; overdracht van gegevens.", "M. Bos"),
    "De Woonplaats": ("Woningtoewijzing, huurcontract en uitleg over huren.", "J. Wissink"),
    "Wuh": ("Welzijn: buurtactiviteiten, kennismaken met de buurt.", "A. Ter Horst"),
    "Kluspunt": ("Hulp bij klussen en inrichten van de woning.", "H. Hesselink"),
    "Present": ("Vrijwilligers helpen bij inrichten en verhuizen.", "L. Nijhof"),
    "GGD Noord- en Oost-Gelderland": (
        "Workshops 'gezondheid in Nederland', gezondheid voor mannen en vrouwen.",
        "S. Roelofs",
    ),
    "GGNet": ("Interventietraining en behandeling bij psychische klachten en trauma.", "E. Kok"),
    "Leefstijlcoach": ("Leefstijlcoaching: bewegen, voeding, slapen.", "R. Lensink"),
    "Taalhuis Oost Achterhoek": (
        "Taalmaatjes, digitale vaardigheden (startmodule), oefenen met Nederlands.",
        "T. Brinkman",
    ),
    "Goede Buur": (
        "Maatjesproject: een vrijwilliger als maatje voor iedere nieuwkomer.",
        "G. Smit",
    ),
    "Fijnder": ("Uitvoering inburgering, financieel ontzorgen, MAP, werk.", "K. Meijer"),
    "Sociaal team Winterswijk": (
        "Maatschappelijke begeleiding, beweegmakelaar, activiteiten, doorverwijzen zorg.",
        "F. de Vries",
    ),
    "Toptaal": ("Taalaanbieder: B1-route en Z-route.", "K. Toonk"),
    "Interbeek": ("Taalaanbieder: B1-route en Z-route.", "P. Jansen"),
}

# (first name, last name, gender, languages, interests, availability, capacity, max_km)
VOLUNTEERS = (
    ("Anneke", "Ter Haar", "v", "nl, en", "koken, wandelen", ["ma-avond", "za-ochtend"], 2, 5),
    ("Gerrit", "Hulshof", "m", "nl, de", "fietsen, tuinieren", ["di-middag", "do-middag"], 1, 8),
    ("Samira", "Bouzid", "v", "nl, ar", "koken, kinderen", ["wo-ochtend", "ma-avond"], 2, 6),
    ("Hans", "Wolters", "m", "nl, en", "fietsen, sport", ["za-ochtend", "di-avond"], 1, 10),
    ("Mieke", "Veenhuis", "v", "nl", "handwerk, koken", ["do-ochtend", "vr-middag"], 1, 4),
    ("Yonas", "Kidane", "m", "nl, ti, en", "sport, muziek", ["wo-avond", "za-middag"], 2, 12),
    (
        "Karin",
        "Lammers",
        "v",
        "nl, en, fa",
        "wandelen, taal oefenen",
        ["ma-ochtend", "wo-ochtend"],
        1,
        5,
    ),
    ("Bert", "Oonk", "m", "nl", "techniek, fietsen", ["vr-ochtend", "di-middag"], 1, 6),
    ("Ellen", "Rensink", "v", "nl, ar, en", "taal oefenen, koken", ["di-avond", "do-avond"], 2, 8),
    # The VOG of this volunteer is older than the local limit: left out with a reason.
    ("Wim", "Te Brake", "m", "nl, en", "wandelen, muziek", ["ma-avond", "wo-avond"], 1, 10),
)
NEWCOMER_INTERESTS = [
    "koken",
    "fietsen",
    "wandelen",
    "sport",
    "muziek",
    "kinderen",
    "taal oefenen",
    "tuinieren",
]


@demo_extender
def build_guidance_demo(builder) -> None:
    rng = builder.rng
    today = builder.today
    winterswijk = builder.munis["Winterswijk"]
    GuidanceSettings.objects.create(municipality=winterswijk, vog_max_age_years=3)

    # Partner register (bijlage 3): the partners plus the uitvoerder, the sociaal team and
    # the taalaanbieders that the appendix names per theme.
    partners = {}
    for name, (offer, contact) in PARTNER_OFFERS.items():
        org = builder.orgs.get(name)
        if org is None:
            continue
        partner = Partner.objects.create(
            organisation=org,
            offer=offer,
            accepts_referrals=org.type == "partner",
            phone="0543 " + str(rng.randint(500000, 599999)),
            email=f"info@{name.split()[0].lower()}.voorbeeld.invalid",
        )
        themes = [THEME_WORDS[w.strip()] for w in org.themes.split(",") if w.strip()]
        services.set_partner_themes(partner, themes)
        PartnerContact.objects.create(
            partner=partner,
            name=contact,
            function="contactpersoon nieuwkomers",
            email=f"contact@{name.split()[0].lower()}.voorbeeld.invalid",
        )
        partners[name] = partner

    guided = [
        p
        for p in builder.people
        if p.doelgroep == Doelgroep.ASIELMIGRANT
        and p.begeleider_id
        and p.municipality_id == winterswijk.pk
        and p.status not in ("afgerond", "ontheffing", "vertrokken", "beeindigd")
    ]

    # Checklists: households further along have more points settled. The first household
    # shows every status on any day the demo is built (geregeld, mee bezig, niet van
    # toepassing, nog te doen); the others follow their progress. Every item draws the same
    # random numbers whichever way it goes, so the rest of the demo does not shift with
    # the day.
    types = services.checklist_types(winterswijk)
    shown = [ChecklistStatus.GEREGELD, ChecklistStatus.BEZIG, None]
    seen = set()
    for person in guided:
        key = person.household_id or f"p{person.pk}"
        if key in seen:
            continue
        first_household = not seen
        seen.add(key)
        start = services.guidance_start(person) or today
        progress = {"aangemeld": 0.1, "intake": 0.35, "pip_vastgesteld": 0.6}.get(
            person.status, 0.85
        )
        subject = services.checklist_subject(person)
        for position, item_type in enumerate(types):
            roll, back, not_applicable = rng.random(), rng.randint(0, 10), rng.random() < 0.5
            due = services.default_due(item_type, start)
            if first_household:
                status = (
                    ChecklistStatus.NVT
                    if item_type.code == "kinderopvang_school"
                    else shown[position % len(shown)]
                )
            elif roll < progress:
                status = ChecklistStatus.GEREGELD
            elif roll < progress + 0.15:
                status = ChecklistStatus.BEZIG
            elif item_type.code == "kinderopvang_school" and not_applicable:
                status = ChecklistStatus.NVT
            else:
                status = None  # nog te doen: no item yet
            if status is None:
                continue
            done_date = None
            if status == ChecklistStatus.GEREGELD:
                done_date = max(min(today, (due or start) - timedelta(days=back)), start)
            ChecklistItem.objects.create(
                item_type=item_type,
                status=status,
                due_date=due,
                done_date=done_date,
                updated_by="demo",
                **subject,
            )

    # Consents and referrals (GGNet, Taalhuis, leefstijlcoach).
    plan = (
        (
            "GGNet",
            Theme.GEZONDHEID,
            ["contact", "situatie", "gezondheid"],
            "Aanmelding voor de interventietraining van GGNet (traumaverwerking).",
        ),
        (
            "Taalhuis Oost Achterhoek",
            Theme.LEREN_WERKEN,
            ["contact", "inburgering"],
            "Startmodule digitale vaardigheden en een taalmaatje.",
        ),
        (
            "Leefstijlcoach",
            Theme.GEZONDHEID,
            ["contact", "gezondheid"],
            "Begeleiding bij bewegen en gezond eten.",
        ),
    )
    outcomes = [ReferralOutcome.OPEN, ReferralOutcome.IN_BEHANDELING, ReferralOutcome.AFGEROND]
    for index, person in enumerate(guided[:9]):
        partner_name, theme, shared, reason = plan[index % len(plan)]
        partner = partners[partner_name]
        given = max(services.guidance_start(person) or today, today - timedelta(days=120))
        given = min(given + timedelta(days=14), today)
        consent = Consent.objects.create(
            inburgeraar=person,
            partner=partner,
            scope=shared + ([] if "situatie" in shared else ["situatie"]),
            purpose=reason,
            given_on=given,
            form="schriftelijk" if index % 2 else "mondeling",
            recorded_by=person.begeleider.username,
        )
        outcome = outcomes[index % len(outcomes)]
        Referral.objects.create(
            inburgeraar=person,
            partner=partner,
            consent=consent,
            theme=theme,
            reason=reason,
            shared=shared,
            shared_note="Aanmeldformulier met hulpvraag en contactgegevens.",
            referred_on=given,
            referred_by=person.begeleider.username,
            # One follow-up is overdue, one is due this week: the werkvoorraad shows them.
            follow_up_on=today + timedelta(days=(-3, 4, 20)[index % 3])
            if outcome != ReferralOutcome.AFGEROND
            else None,
            outcome=outcome,
            closed_on=today - timedelta(days=5) if outcome == ReferralOutcome.AFGEROND else None,
        )

    # Volunteers around Winterswijk (51.97 N, 6.72 E), managed by the sociaal team.
    coordinator = builder.users["coordinator"]
    centre = services.centre_of(winterswijk)
    volunteers = []
    for index, (first, last, gender, langs, interests, slots, cap, km) in enumerate(VOLUNTEERS):
        expired = index == len(VOLUNTEERS) - 1
        vog = (
            today - timedelta(days=365 * 4 + 30)
            if expired
            else today - timedelta(days=rng.randint(30, 900))
        )
        volunteers.append(
            Volunteer.objects.create(
                organisation=coordinator.organisation,
                municipality=winterswijk,
                first_name=first,
                last_name=last,
                gender=gender,
                languages=langs,
                interests=interests,
                availability=rules.clean_slots(slots),
                capacity=cap,
                max_km=km,
                lat=round(centre[0] + rng.uniform(-0.02, 0.02), 4),
                lon=round(centre[1] + rng.uniform(-0.03, 0.03), 4),
                vog_date=vog,
                phone=f"06{rng.randint(10000000, 99999999)}",
                email=f"{first.lower()}@vrijwilliger.voorbeeld.invalid",
            )
        )

    # Matching profiles for the newcomers in guidance; a few get a maatje already.
    for person in guided:
        MatchingProfile.objects.create(
            inburgeraar=person,
            lat=round(centre[0] + rng.uniform(-0.015, 0.015), 4),
            lon=round(centre[1] + rng.uniform(-0.02, 0.02), 4),
            interests=", ".join(rng.sample(NEWCOMER_INTERESTS, 2)),
            availability=rules.clean_slots(rng.sample(rules.SLOTS, 5)),
            updated_by="demo",
        )
    for person, volunteer in zip(
        guided[:3], (volunteers[0], volunteers[2], volunteers[5]), strict=False
    ):
        start = min(today, (services.guidance_start(person) or today) + timedelta(days=45))
        match = Match.objects.create(
            inburgeraar=person, volunteer=volunteer, start_date=start, confirmed_by="coordinator"
        )
        for weeks in (1, 3, 6):
            day = start + timedelta(weeks=weeks)
            if day <= today:
                MatchMeeting.objects.create(
                    match=match, date=day, note="Samen koffie gedronken.", recorded_by="demo"
                )
