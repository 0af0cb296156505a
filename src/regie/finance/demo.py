"""Demo data of the finance app: ontzorging for asielmigranten of Winterswijk (two ending
within four weeks, one extended with a reason, one handed over to self-management), a
completed payment run for last month and a draft for this month awaiting approval, the
crediteurenregister the items pick their creditor from, the
money training with enrolments (also from the ondertussengroep), and the 2022 budget of
the seed (§7) with two forecast scenarios (expected inflow and +50 %).

A second financieel medewerker ('financieel2') is added so the four-eyes steps can be
shown: she checks the items and prepares this month's run; 'financieel' approves it.
Amounts of rent, energy and contracts other than the seed's are illustrative. Uses its
own random generator, so other apps' demo data do not shift."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from schwifty import IBAN

from regie.core.extensions import demo_extender
from regie.core.models import User
from regie.finance import services
from regie.finance.models import (
    BetaalPost,
    Betaalrekening,
    Contract,
    ContractSoort,
    Crediteur,
    CrediteurSoort,
    DeelnameStatus,
    Financiering,
    FinancieringSoort,
    Geldtraining,
    GeldtrainingDeelname,
    Ontzorging,
    Scenario,
)
from regie.people.models import HouseholdRole
from regie.rules import ontzorging as rules
from regie.rules.deadlines import add_months
from regie.rules.lifecycle import Regime, Status

SEED = 56  # Participatiewet art. 56a


def _iban(bank: str, number: int) -> str:
    return IBAN.generate("NL", bank_code=bank, account_code=f"{number:010d}").compact


# (soort, creditor, bank, monthly amount range, frequency)
CREDITORS = (
    ("Huur", "Woningstichting De Woonplaats", "BNGH", (520, 690), "maand"),
    (
        "Energie (gas en elektriciteit)",
        "Energie Oost Achterhoek (demo)",
        "INGB",
        (95, 160),
        "maand",
    ),
    ("Water", "Waterbedrijf Gelderland (demo)", "RABO", (18, 26), "maand"),
    ("Zorgverzekering (premie)", "Zorgverzekeraar Oost (demo)", "ABNA", (128, 140), "maand"),
)

# (months since start, extended?, handed over?) for each demo ontzorging, by today.
PLANS = (
    (5, False, False),  # ends within four weeks: afbouw signal
    (5, False, False),
    (8, True, False),  # extended with a reason
    (2, False, False),
    (9, False, True),  # ended and handed over to self-management
    (1, False, False),
)


def _register(builder) -> dict[str, Crediteur]:
    """The crediteurenregister: the four creditors of CREDITORS for Winterswijk (the
    health insurer shared by all municipalities), and a German energy supplier near the
    border whose foreign IBAN needs a BIC."""
    winterswijk = builder.munis["Winterswijk"]
    kinds = {
        "Huur": CrediteurSoort.WONINGCORPORATIE,
        "Energie (gas en elektriciteit)": CrediteurSoort.ENERGIE,
        "Water": CrediteurSoort.WATER,
        "Zorgverzekering (premie)": CrediteurSoort.ZORGVERZEKERAAR,
    }
    register = {}
    for number, (soort, creditor, bank, _amounts, _frequency) in enumerate(CREDITORS):
        register[soort] = Crediteur.objects.create(
            municipality=None if soort.startswith("Zorg") else winterswijk,
            soort=kinds[soort],
            naam=creditor,
            iban=_iban(bank, 4_400_000 + number),
        )
    Crediteur.objects.create(
        municipality=winterswijk,
        soort=CrediteurSoort.ENERGIE,
        naam="Stadtwerke Bocholt (demo)",
        iban=IBAN.generate("DE", bank_code="37040044", account_code="0532013000").compact,
        bic="COBADEFFXXX",
    )
    return register


def _second_financieel(builder) -> User:
    """The second financieel medewerker, one of the demo accounts (demo/data.py)."""
    return builder.users["financieel2"]


def _candidates(builder):
    winterswijk = builder.munis["Winterswijk"]
    return [
        p
        for p in builder.people
        if p.municipality_id == winterswijk.pk
        and p.rechtspositie.ontzorging  # Participatiewet art. 56a
        and p.status in (Status.PIP_VASTGESTELD, Status.IN_UITVOERING)
        and p.klantmanager_id
        and p.household_role in (HouseholdRole.HOOFD, "")
    ]


def _ontzorgingen(builder, rng, checker) -> list[Ontzorging]:
    today = builder.today
    klantmanager = builder.users["klantmanager"]
    soorten = services.default_soorten()
    register = _register(builder)
    made = []
    for index, (person, (months_ago, extended, handed_over)) in enumerate(
        zip(_candidates(builder), PLANS, strict=False)
    ):
        start = add_months(today, -months_ago) + timedelta(days=rng.randint(-12, 12))
        if index in (0, 1):
            # Ends in 17 or 24 days: inside the four-week afbouw window.
            start = add_months(today, -6) + timedelta(days=18 + 7 * index)
        ontzorging = Ontzorging(
            beschikking_datum=start - timedelta(days=rng.randint(5, 15)),
            beschikking_kenmerk=f"PW-56A-{start:%Y}-{100 + index}",
            machtiging_datum=start - timedelta(days=rng.randint(1, 5)),
            start_date=start,
        )
        # The beschikking was sent on its dagtekening (Awb art. 3:41).
        ontzorging.bekendgemaakt_op = ontzorging.beschikking_datum
        ontzorging.bekendmaking_wijze = "post"
        services.start_ontzorging(
            person, ontzorging, Decimal(rng.choice([1280, 1315, 1390, 1852])), klantmanager
        )
        for soort, _creditor, _bank, (low, high), frequency in CREDITORS:
            post = BetaalPost(
                ontzorging=ontzorging,
                soort=soorten[soort],
                register=register[soort],
                crediteur=register[soort].naam,
                iban=register[soort].iban,
                bedrag=Decimal(rng.randint(low * 100, high * 100)) / 100,
                frequentie=frequency,
                kenmerk=f"{soort.split()[0]} klantnr {rng.randint(100000, 999999)}",
                geldig_vanaf=start,
            )
            services.add_post(post, klantmanager)
            services.check_post(post, checker)
        if extended:
            services.extend(
                ontzorging,
                rules.month_end(rules.month_of(today, 2)),
                "Nog niet zelfredzaam: de energierekening en de zorgtoeslag zijn nog niet "
                "zelf geregeld; de geldtraining loopt nog. Lokaal beleid: verlengen tot "
                "zelfredzaam.",
                klantmanager,
                grondslag="toestemming",
                # The person agreed two weeks before the six months ended.
                grondslag_op=ontzorging.end_date - timedelta(days=14),
            )
        if index == 1:
            services.set_benefit(
                ontzorging,
                Decimal("1402.50"),
                rules.month_of(today, -1),
                "Indexatie van de bijstandsnorm",
                klantmanager,
            )
        if handed_over:
            for name in Ontzorging.CHECKLIST:
                setattr(ontzorging, name, True)
            services.save_afbouw(
                ontzorging,
                handover=ontzorging.end_date,
                note="Betaalt huur en energie via automatische incasso; nazorggesprek over "
                "drie maanden.",
            )
        made.append(ontzorging)
    return made


def _runs(builder, preparer, approver) -> None:
    today = builder.today
    last_month = rules.month_of(today, -1)
    winterswijk = builder.munis["Winterswijk"]
    done = services.create_run(winterswijk, last_month, preparer, today=last_month).run
    services.approve_run(done, approver)
    services.export_run(done, preparer)
    _late_ontzorging(builder, preparer, approver)
    # This month's run is prepared by financieel2 and waits for 'financieel' (four eyes).
    services.create_run(winterswijk, today, approver, today=today)


def _late_ontzorging(builder, recorder, checker) -> None:
    """An ontzorging that started last month but was recorded after last month's run was
    exported: its items show as 'Achterstallige posten' for the catch-up run (inhaalrun)."""
    taken = set(Ontzorging.objects.values_list("inburgeraar_id", flat=True))
    person = next((p for p in _candidates(builder) if p.pk not in taken), None)
    if person is None:
        return
    start = rules.month_of(builder.today, -1) + timedelta(days=9)
    ontzorging = Ontzorging(
        beschikking_datum=start - timedelta(days=7),
        beschikking_kenmerk=f"PW-56A-{start:%Y}-199",
        machtiging_datum=start - timedelta(days=3),
        start_date=start,
    )
    services.start_ontzorging(person, ontzorging, Decimal("1315"), builder.users["klantmanager"])
    register = {c.naam: c for c in Crediteur.objects.all()}
    for (soort, creditor, _bank, (low, _high), frequency), kind in zip(
        CREDITORS, services.default_soorten().values(), strict=True
    ):
        post = BetaalPost(
            ontzorging=ontzorging,
            soort=kind,
            register=register[creditor],
            crediteur=creditor,
            iban=register[creditor].iban,
            bedrag=Decimal(low),
            frequentie=frequency,
            kenmerk=f"{soort.split()[0]} klantnr {person.pk:06d}",
            geldig_vanaf=start,
        )
        services.add_post(post, recorder)
        services.check_post(post, checker)


def _training(builder, rng, ontzorgingen) -> None:
    winterswijk = builder.munis["Winterswijk"]
    today = builder.today
    spring = Geldtraining.objects.create(
        municipality=winterswijk,
        naam="Geldplan statushouders – groep 1",
        uitvoerder="Fijnder",
        startdatum=add_months(today, -4),
        bijeenkomsten=6,
    )
    current = Geldtraining.objects.create(
        municipality=winterswijk,
        naam="Geldplan statushouders – groep 2",
        uitvoerder="Fijnder",
        startdatum=add_months(today, -1),
        bijeenkomsten=6,
    )
    for index, ontzorging in enumerate(ontzorgingen):
        finished = index % 2 == 0
        GeldtrainingDeelname.objects.create(
            training=spring if finished else current,
            inburgeraar=ontzorging.inburgeraar,
            status=DeelnameStatus.AFGEROND if finished else DeelnameStatus.BEZIG,
            aanwezig=rng.randint(5, 6) if finished else 2,
            eigen_administratie=finished,
            afgerond_op=spring.startdatum + timedelta(weeks=6) if finished else None,
            individuele_hulp=index == 2,
            toelichting="Na de training nog hulp bij het ordenen van post en toeslagen."
            if index == 2
            else "",
        )
    ondertussen = [p for p in builder.people if p.regime == Regime.WI2013][:2]
    for person in ondertussen:
        GeldtrainingDeelname.objects.create(
            training=current, inburgeraar=person, status=DeelnameStatus.AANGEMELD
        )


def _budget(builder) -> None:
    winterswijk = builder.munis["Winterswijk"]
    orgs = builder.orgs
    Financiering.objects.create(
        municipality=winterswijk,
        jaar=2022,
        soort=FinancieringSoort.INTEGRATIE_UITKERING,
        bedrag=Decimal("104079"),
        omschrijving="Gemeentefonds; definitief bedrag bij de decembercirculaire",
    )
    Financiering.objects.create(
        municipality=winterswijk,
        jaar=2022,
        soort=FinancieringSoort.SPUK,
        bedrag=Decimal("176000"),
        omschrijving="Beschikking SPUK (o.b.v. art. 40 Wet inburgering 2021)",
    )
    fixed = (
        (
            "Fijnder",
            ContractSoort.UITVOERING_STRUCTUREEL,
            FinancieringSoort.INTEGRATIE_UITKERING,
            "73525",
            "Brede intake, voortgang en handhaving, ontzorging, training; excl. MAP en "
            "kosten tolken",
        ),
        (
            "Fijnder",
            ContractSoort.UITVOERING_INCIDENTEEL,
            FinancieringSoort.INTEGRATIE_UITKERING,
            "5500",
            "Incidentele kosten 2022",
        ),
        (
            "Sociaal team Winterswijk",
            ContractSoort.BEGELEIDING,
            FinancieringSoort.SPUK,
            "21000",
            "Maatschappelijke begeleiding (demo: illustratief bedrag)",
        ),
        (
            "Gemeente Winterswijk",
            ContractSoort.PVT,
            FinancieringSoort.SPUK,
            "7000",
            "Vier workshops (demo: illustratief bedrag)",
        ),
        (
            "Taalhuis Oost Achterhoek",
            ContractSoort.MAP,
            FinancieringSoort.SPUK,
            "9000",
            "MAP (demo: illustratief bedrag)",
        ),
        (
            "Tolkencentrum (demo)",
            ContractSoort.TOLKEN,
            FinancieringSoort.SPUK,
            "4500",
            "Tolken (demo: illustratief bedrag)",
        ),
    )
    for partij, soort, bron, bedrag, toelichting in fixed:
        Contract.objects.create(
            municipality=winterswijk,
            jaar=2022,
            partij=partij,
            organisatie=orgs.get(partij),
            soort=soort,
            ten_laste_van=bron,
            bedrag=Decimal(bedrag),
            gerealiseerd=Decimal(bedrag) if soort != ContractSoort.UITVOERING_INCIDENTEEL else 0,
            toelichting=toelichting,
        )
    # Bijlage 4: B1- and Z-route below €10,000 per traject, the onderwijsroute well above.
    prices = (
        ("Toptaal", "b1", "9450"),
        ("Toptaal", "z", "8900"),
        ("Interbeek", "b1", "9300"),
        ("Interbeek", "z", "8750"),
        ("Graafschap College", "onderwijs", "15500"),
        ("HAN i.s.m. Radboud Universiteit", "onderwijs", "18750"),
    )
    for partij, route, price in prices:
        Contract.objects.create(
            municipality=winterswijk,
            jaar=2022,
            partij=partij,
            organisatie=orgs.get(partij),
            soort=ContractSoort.LEERROUTE,
            ten_laste_van=FinancieringSoort.SPUK,
            leerroute=route,
            prijs_per_traject=Decimal(price),
            toelichting="Prijs per traject (demo: illustratief bedrag)",
        )
    for order, (name, factor) in enumerate(
        (("Verwachting: 35 nieuwkomers per jaar", 100), ("Instroom +50%", 150))
    ):
        Scenario.objects.create(
            municipality=winterswijk,
            naam=name,
            prijsjaar=2022,
            eerste_jaar=2023,
            aantal_jaren=4,
            instroom=35,
            instroom_factor_pct=factor,
            aandeel_onderwijs_pct=25,
            aandeel_b1_pct=50,
            aandeel_z_pct=25,
            volgorde=order,
        )


@demo_extender
def finance_demo(builder) -> None:
    rng = random.Random(SEED)
    for name, code in (("Winterswijk", 285000001), ("Aalten", 285000002)):
        Betaalrekening.objects.create(
            municipality=builder.munis[name],
            naam=f"Gemeente {name}",
            iban=_iban("BNGH", code),
            bic="BNGHNL2G",
        )
    second = _second_financieel(builder)
    ontzorgingen = _ontzorgingen(builder, rng, checker=second)
    _runs(builder, preparer=builder.users["financieel"], approver=second)
    _training(builder, rng, ontzorgingen)
    _budget(builder)
