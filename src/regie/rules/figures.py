"""The one table of every figure the rules core uses, each with its legal source.

Every number that a rule in ``regie.rules`` depends on lives here exactly once, as a
:class:`Figure` with its value, unit, status and source, so that a jurist can check or
correct a single line. Status is one of:

- ``law``: set by statute or regulation (Wet inburgering 2021 = BWBR0044770, Besluit
  inburgering 2021 = BWBR0045555, Awb, Algemene termijnenwet = BWBR0002448). Not
  configurable: a municipality cannot deviate from it.
- ``local``: the municipality's own policy, taken from the seed (plan van aanpak Wet
  inburgering 2021, gemeente Winterswijk). Other municipalities choose otherwise, so it is
  configurable.
- ``check``: found in secondary sources only. Configurable, and the UI/docs must say that
  it has not been verified against the primary source.

A ``local`` figure is a beleidsregel (Awb art. 4:81): it never replaces the law. Its
``policy`` says what room it takes (:data:`POLICIES`):

- ``korter``: it may only make a statutory term shorter; ``bound`` names the statutory
  figure it may not exceed (validated when a municipality sets its value);
- ``naast``: a target or signal beside the law: the statutory term keeps binding and is
  shown beside it (``bound`` again names the statutory term the target may not pass);
- ``beleidsregel``: it limits a discretion the law leaves to the college; it never blocks
  what the law itself grants, and the college can deviate from it in a special case with a
  recorded reason (inherent afwijkingsbevoegdheid, Awb art. 4:84);
- ``controle``: an internal check (a signal or a plausibility limit), no legal effect.

The functions in the other modules take their numbers from this table; where a figure is
``local`` or ``check`` the function takes it as a parameter whose default is the table
value, so a later Django layer can pass a municipality's own setting.

Law texts were checked against the versions in force on 2025-11-20 (Besluit) and
2025-10-21 (Wet), as published on wetten.overheid.nl.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from regie.rules.phrases import gettext_noop

Status = Literal["law", "local", "check"]
Policy = Literal["", "korter", "naast", "beleidsregel", "controle"]

LAW: Status = "law"
LOCAL: Status = "local"
CHECK: Status = "check"

KORTER: Policy = "korter"
NAAST: Policy = "naast"
BELEIDSREGEL: Policy = "beleidsregel"
CONTROLE: Policy = "controle"
POLICIES: dict[str, str] = {
    KORTER: gettext_noop("Mag een wettelijke termijn alleen korter maken."),
    NAAST: gettext_noop(
        "Streefwaarde naast de wettelijke termijn; de wettelijke termijn blijft gelden."
    ),
    BELEIDSREGEL: gettext_noop(
        "Beleidsregel binnen de ruimte van de wet; wat de wet toestaat blijft mogelijk en in "
        "een bijzonder geval kan de klantmanager met een reden afwijken (Awb art. 4:84)."
    ),
    CONTROLE: gettext_noop("Interne controle of signaal; geen rechtsgevolg."),
}

# Short names for the sources, so each line below stays readable.
_WI = "Wet inburgering 2021"
_BI = "Besluit inburgering 2021"
_SEED = "Plan van aanpak Wet inburgering 2021, gemeente Winterswijk"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure: a number with its unit, status and legal source."""

    name: str
    value: int | Decimal
    unit: str
    status: Status
    source: str
    configurable: bool
    description: str = ""
    # For a 'local' figure: the room it takes beside the law (see the module docstring).
    policy: Policy = ""
    # For a 'korter' or 'naast' figure: the statutory figure it may not exceed.
    bound: str = ""

    def __post_init__(self) -> None:
        if self.status == LOCAL and self.policy not in POLICIES:
            raise ValueError(f"figure {self.name!r}: a 'local' figure needs a policy")
        if self.status != LOCAL and self.policy:
            raise ValueError(f"figure {self.name!r}: only a 'local' figure has a policy")
        if self.status not in (LAW, LOCAL, CHECK):
            raise ValueError(f"figure {self.name!r}: unknown status {self.status!r}")
        if self.status == LAW and self.configurable:
            raise ValueError(f"figure {self.name!r}: a 'law' figure cannot be configurable")
        if self.status in (LOCAL, CHECK) and not self.configurable:
            raise ValueError(f"figure {self.name!r}: '{self.status}' figures are configurable")


FIGURES: tuple[Figure, ...] = (
    # --- PIP (persoonlijk plan inburgering en participatie) -------------------------------
    Figure(
        name="pip_termijn_weken",
        value=10,
        unit="weken",
        status=LAW,
        source=f"{_BI} art. 5.3 lid 1",
        configurable=False,
        description=(
            "PIP uiterlijk 10 weken na de kennisgeving van DUO, of na de BRP-inschrijving in de "
            "gemeente van huisvesting als die later is."
        ),
    ),
    Figure(
        name="pip_termijn_na_informatie_derde_weken",
        value=2,
        unit="weken",
        status=LAW,
        source=f"{_BI} art. 5.3 lid 2",
        configurable=False,
        description=(
            "Wacht het college op informatie van een derde: PIP uiterlijk 2 weken na ontvangst."
        ),
    ),
    Figure(
        name="pip_termijn_na_verhuizing_weken",
        value=10,
        unit="weken",
        status=LAW,
        source=f"{_BI} art. 5.3 lid 3",
        configurable=False,
        description=(
            "Na verhuizing: PIP in de nieuwe gemeente uiterlijk 10 weken na inschrijving daar."
        ),
    ),
    Figure(
        name="pip_termijn_na_huisvesting_weken",
        value=10,
        unit="weken",
        status=LOCAL,
        source=f"{_SEED}, bijlage 1 (Begrippen, 'PIP') - lokaal beleid",
        configurable=True,
        description=(
            "Lokaal streven: PIP binnen zoveel weken na huisvesting in de gemeente, naast de "
            "wettelijke termijn (Besluit art. 5.3); ten hoogste die termijn."
        ),
        policy=NAAST,
        bound="pip_termijn_weken",
    ),
    # --- Inburgeringstermijn -------------------------------------------------------------
    Figure(
        name="inburgeringstermijn_jaren",
        value=3,
        unit="jaar",
        status=LAW,
        source=f"{_WI} art. 11 lid 1-2",
        configurable=False,
        description=(
            "Inburgeringstermijn van drie jaar, vanaf de dag na dagtekening van het eerste PIP."
        ),
    ),
    Figure(
        name="verlenging_aanzienlijke_inspanningen_maanden",
        value=6,
        unit="maanden",
        status=LAW,
        source=f"{_WI} art. 12 lid 1 onder b; {_BI} art. 4.4 lid 1",
        configurable=False,
        description="Verlenging van de termijn door DUO na aanzienlijke inspanningen.",
    ),
    Figure(
        name="verlenging_aanvraag_vanaf_maanden_voor_einde",
        value=6,
        unit="maanden",
        status=LAW,
        source=f"{_BI} art. 4.5 lid 1",
        configurable=False,
        description=(
            "Verlenging aanvragen kan niet eerder dan 6 maanden voor het einde van de termijn."
        ),
    ),
    Figure(
        name="verlenging_beslistermijn_duo_weken",
        value=8,
        unit="weken",
        status=LAW,
        source=f"{_BI} art. 4.5 lid 1",
        configurable=False,
        description="DUO beslist binnen 8 weken op een aanvraag tot verlenging.",
    ),
    Figure(
        name="melding_geen_aanbod_weken",
        value=10,
        unit="weken",
        status=CHECK,
        source=(
            f"{_BI} art. 9.3 lid 2 onder b (de melding; de wet noemt geen termijn) - "
            "controleren"
        ),
        configurable=True,
        description=(
            "Werkvoorraad: meld DUO het uitblijven van het inburgeringsaanbod (Wi art. 16 "
            "lid 1) als dit aantal weken na de start van de termijn geen traject bij een "
            "aanbieder is geaccepteerd."
        ),
    ),
    Figure(
        name="aanzienlijke_inspanningen_b1_uren_gezinsmigranten",
        value=450,
        unit="uren",
        status=LAW,
        source=f"{_BI} art. 4.4 lid 3",
        configurable=False,
        description=(
            "Gezins- en overige migranten in de B1-route: ten minste 450 uur taal/KNM gevolgd."
        ),
    ),
    # --- Leerroute -----------------------------------------------------------------------
    Figure(
        name="leerroute_wijziging_termijn_maanden",
        value=18,
        unit="maanden",
        status=LAW,
        source=f"{_WI} art. 17 lid 2; {_BI} art. 5.4 lid 1",
        configurable=False,
        description=(
            "Leerroute opnieuw vaststellen kan tot anderhalf jaar na aanvang van de termijn; "
            "onderwijsroute naar B1-route kan altijd."
        ),
    ),
    # --- Brede intake ---------------------------------------------------------------------
    Figure(
        name="senior_begeleider_eerste_gesprek_asiel",
        value=1,
        unit="1 = aan, 0 = uit",
        status=LOCAL,
        source=f"{_SEED} par. 3.1 (Brede intake en PIP) - lokaal beleid",
        configurable=True,
        description=(
            "Het eerste gesprek van de brede intake met een asielmigrant voeren de "
            "klantmanager en de senior maatschappelijk begeleider samen."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="aanwezigheid_signaal_procent",
        value=80,
        unit="procent",
        status=LOCAL,
        source="lokaal beleid (contractmanagement taalaanbieders)",
        configurable=True,
        description="Onder dit aanwezigheidspercentage krijgt de klantmanager een signaal.",
        policy=CONTROLE,
    ),
    # --- Participatie en werk (issue 20) -------------------------------------------------
    Figure(
        name="plaatsing_eindigt_signaal_weken",
        value=4,
        unit="weken",
        status=LOCAL,
        source=f"{_SEED} par. 2.4 (Meedoen door betaald werk of participatie) - lokaal beleid",
        configurable=True,
        description=(
            "Zo lang voor het einde van een lopende plaatsing krijgt de jobcoach een signaal "
            "om het vervolg te regelen."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="plaatsing_evaluatie_signaal_weken",
        value=8,
        unit="weken",
        status=LOCAL,
        source=f"{_SEED} par. 2.4 (Meedoen door betaald werk of participatie) - lokaal beleid",
        configurable=True,
        description=(
            "Een lopende plaatsing zonder evaluatie in zo veel weken (of sinds de start) "
            "geeft de jobcoach een signaal."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="geen_participatie_signaal_dagen",
        value=30,
        unit="dagen",
        status=LOCAL,
        source=f"{_SEED} par. 2.4 (duaal traject: leren en participeren) - lokaal beleid",
        configurable=True,
        description=(
            "Een inburgeraar met een vastgesteld PIP die zo lang geen lopende plaatsing en "
            "geen participatieactiviteit heeft, geeft de klantmanager een signaal."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="plaatsing_max_reistijd_minuten",
        value=45,
        unit="minuten",
        status=LOCAL,
        source=f"{_SEED} par. 2.4 (Meedoen door betaald werk of participatie) - lokaal beleid",
        configurable=True,
        description=(
            "De matching stelt geen plek voor die verder weg ligt dan zo veel minuten reizen "
            "(fiets of bus en trein, geschat uit de afstand)."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="plaatsing_taalniveau_marge",
        value=1,
        unit="niveaus",
        status=LOCAL,
        source=f"{_SEED} par. 2.4 (leren op de werkplek) - lokaal beleid",
        configurable=True,
        description=(
            "De matching stelt een plek voor aan iemand wiens niveau Nederlands hoogstens zo "
            "veel niveaus onder de eis van de plek ligt (leren op de werkplek)."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="leerroute_wijzigingen_max",
        value=1,
        unit="keer",
        status=LOCAL,
        source=f"{_SEED} par. 3.2 (Voortgang & handhaving) - lokaal beleid",
        configurable=True,
        description=(
            "Een inburgeraar mag zo vaak van leerroute wijzigen; onderwijsroute naar B1-route "
            "en de bijzondere gevallen van de wet blijven altijd mogelijk."
        ),
        policy=BELEIDSREGEL,
    ),
    Figure(
        name="onderwijsroute_max_leeftijd",
        value=30,
        unit="jaar (leeftijd moet lager zijn)",
        status=LOCAL,
        source=(
            f"{_SEED}, bijlage 2 ('jonge nieuwkomers tot 30 jaar') - lokaal beleid; "
            f"de wet ({_WI} art. 8) kent geen leeftijdsgrens"
        ),
        configurable=True,
        description="Onderwijsroute alleen voor wie jonger is dan deze leeftijd.",
        policy=BELEIDSREGEL,
    ),
    Figure(
        name="z_route_cursusuren",
        value=800,
        unit="uren",
        status=LAW,
        source=f"{_BI} art. 3.14 lid 2 onder a (lid 3 voor gezins- en overige migranten)",
        configurable=False,
        description=(
            "Z-route: in totaal 800 cursusuren NT2 en KNM bij een cursusinstelling met keurmerk."
        ),
    ),
    Figure(
        name="z_route_participatie_uren_asiel",
        value=800,
        unit="uren",
        status=LAW,
        source=f"{_BI} art. 3.14 lid 2 onder b, lid 5",
        configurable=False,
        description=(
            "Z-route asielstatushouders: 800 uur activiteiten voor zelfredzaamheid en "
            "participatie in een Nederlandstalige omgeving; uren van PVT en MAP tellen mee."
        ),
    ),
    Figure(
        name="afschalen_a2_min_cursusuren",
        value=600,
        unit="uren",
        status=LAW,
        source=f"{_WI} art. 17 lid 3; {_BI} art. 5.5 lid 1",
        configurable=False,
        description=(
            "Afschalen naar A2 kan na in totaal 600 cursusuren NT2 en voldoende inspanning."
        ),
    ),
    Figure(
        name="pvt_min_uren",
        value=12,
        unit="uren",
        status=LAW,
        source=f"{_BI} art. 3.1 lid 3",
        configurable=False,
        description="Het participatieverklaringstraject omvat ten minste 12 uur.",
    ),
    Figure(
        name="map_uren",
        value=40,
        unit="uren",
        status=CHECK,
        source=(
            f"secundaire bronnen; {_BI} art. 3.2 lid 4 laat een urennorm bij ministeriele "
            "regeling toe - controleren in de Regeling inburgering 2021"
        ),
        configurable=True,
        description="Urennorm module Arbeidsmarkt en Participatie (MAP).",
    ),
    # --- Brede intake --------------------------------------------------------------------
    Figure(
        name="brede_intake_max_oproepen",
        value=3,
        unit="oproepen",
        status=LAW,
        source=f"{_WI} art. 14 lid 2",
        configurable=False,
        description="Na drie oproepen voltooit het college de brede intake zonder de inburgeraar.",
    ),
    # --- Boetes (college) ----------------------------------------------------------------
    Figure(
        name="boete_art22",
        value=Decimal("250"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 1 ({_WI} art. 22, maximum art. 26 lid 1 onder a)",
        configurable=False,
        description=(
            "Boete brede intake: niet verschenen of onvoldoende meegewerkt na de nieuwe termijn."
        ),
    ),
    Figure(
        name="boete_art22_nieuwe_termijn_max_maanden",
        value=2,
        unit="maanden",
        status=LAW,
        source=f"{_WI} art. 22 lid 2",
        configurable=False,
        description="De boetebeschikking stelt een nieuwe termijn van ten hoogste twee maanden.",
    ),
    Figure(
        name="boete_art23_basis",
        value=Decimal("50"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 2 ({_WI} art. 23)",
        configurable=False,
        description="Boete PIP-verplichtingen: basisbedrag.",
    ),
    Figure(
        name="boete_art23_max",
        value=Decimal("800"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 3; {_WI} art. 26 lid 1 onder c",
        configurable=False,
        description="Bij herhaling steeds verdubbeld tot ten hoogste EUR 800.",
    ),
    # --- Invordering van een boete (Awb titel 4.4), issue 19 ------------------------------
    Figure(
        name="invordering_aanmaning_termijn_weken",
        value=2,
        unit="weken",
        status=LAW,
        source="Awb art. 4:112 lid 1",
        configurable=False,
        description=(
            "Is de boete niet op tijd betaald, dan stuurt het college een aanmaning: betalen "
            "binnen twee weken na de dag van verzending van de aanmaning."
        ),
    ),
    Figure(
        name="invordering_aanmaningskosten",
        value=Decimal("0"),
        unit="euro",
        status=LOCAL,
        source=(
            "lokaal beleid: geen aanmaningskosten. Awb art. 4:113 staat kosten toe, berekend "
            "volgens het Kostenbesluit invordering rijksbelastingen; dat bedrag is niet in Regie "
            "nagezocht en wordt pas gerekend als het college het vaststelt."
        ),
        configurable=True,
        description="Kosten die bij een aanmaning bij de boete komen.",
        policy=BELEIDSREGEL,
    ),
    Figure(
        name="invordering_dwangbevel_kosten",
        value=Decimal("0"),
        unit="euro",
        status=LOCAL,
        source=(
            "lokaal beleid: Regie rekent geen kosten van het dwangbevel (Awb art. 4:113, 4:119); "
            "de deurwaarder brengt zijn eigen kosten in rekening."
        ),
        configurable=True,
        description="Kosten die het college bij een dwangbevel bij de boete rekent.",
        policy=BELEIDSREGEL,
    ),
    Figure(
        name="invordering_verzet_dwangbevel_weken",
        value=6,
        unit="weken",
        status=LAW,
        source="Awb art. 4:118 lid 1",
        configurable=False,
        description=(
            "Tegen een dwangbevel kan de inburgeraar in verzet komen binnen zes weken na de dag "
            "van betekening (dagvaarding van het college)."
        ),
    ),
    Figure(
        name="betalingsregeling_max_termijnen",
        value=12,
        unit="maandtermijnen",
        status=LOCAL,
        source="lokaal beleid (uitstel van betaling, Awb art. 4:94)",
        configurable=True,
        description=(
            "Een betalingsregeling heeft ten hoogste zoveel maandelijkse termijnen; in een "
            "bijzonder geval kan het college met een reden afwijken."
        ),
        policy=BELEIDSREGEL,
    ),
    Figure(
        name="boete_art23_herhaling_maanden",
        value=12,
        unit="maanden",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 3",
        configurable=False,
        description=(
            "Herhaling telt als een eerdere, onherroepelijke art. 23-boete binnen 12 maanden voor"
            " de dag van constatering ligt."
        ),
    ),
    # --- Procedure before an art. 23 fine (Awb 5:48-5:53, issue 19 deliverable 2) ---------
    Figure(
        name="boete_awb553_drempel",
        value=Decimal("340"),
        unit="EUR",
        status=LAW,
        source="Awb art. 5:53 lid 1",
        configurable=False,
        description=(
            "Kan voor de overtreding een boete van meer dan dit bedrag worden opgelegd, dan "
            "gelden rapport, zienswijze en beslistermijn van art. 5:53 (art. 23: ten hoogste "
            "EUR 800, dus altijd)."
        ),
    ),
    Figure(
        name="boete_beslistermijn_na_rapport_weken",
        value=13,
        unit="weken",
        status=LAW,
        source="Awb art. 5:51 lid 1 (via art. 5:53 lid 3); Algemene termijnenwet art. 4 onder a",
        configurable=False,
        description=(
            "Het boetebesluit binnen dertien weken na de dagtekening van het rapport. Langer "
            "dan twaalf weken, dus zonder verlenging door de Algemene termijnenwet."
        ),
    ),
    Figure(
        name="boete_zienswijze_termijn_weken",
        value=2,
        unit="weken",
        status=LOCAL,
        source=(
            "lokaal beleid; de Awb (art. 4:8, 5:53) noemt geen termijn, alleen 'in de "
            "gelegenheid stellen'"
        ),
        configurable=True,
        description=(
            "Ten minste zoveel weken na de dagtekening van de brief met het rapport kan de "
            "inburgeraar een zienswijze geven (schriftelijk of mondeling)."
        ),
        policy=BELEIDSREGEL,
    ),
    Figure(
        name="boete_art23_pct_opzet",
        value=100,
        unit="procent",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 4 onder a",
        configurable=False,
        description="Opzet.",
    ),
    Figure(
        name="boete_art23_pct_grove_schuld",
        value=75,
        unit="procent",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 4 onder b",
        configurable=False,
        description="Grove schuld.",
    ),
    Figure(
        name="boete_art23_pct_overig",
        value=50,
        unit="procent",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 4 onder c",
        configurable=False,
        description="Geen opzet of grove schuld.",
    ),
    Figure(
        name="boete_art23_pct_verminderd",
        value=25,
        unit="procent",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 4 onder d",
        configurable=False,
        description="Verminderde verwijtbaarheid.",
    ),
    Figure(
        name="boetes_college_max_termijn",
        value=Decimal("2400"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 5",
        configurable=False,
        description=(
            "Totaal art. 22- en art. 23-boetes tijdens de (verlengde) inburgeringstermijn."
        ),
    ),
    Figure(
        name="boetes_college_max_nieuwe_termijn_6",
        value=Decimal("400"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 5 onder a",
        configurable=False,
        description="Nieuwe termijn van zes maanden.",
    ),
    Figure(
        name="boetes_college_max_nieuwe_termijn_12",
        value=Decimal("800"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 5 onder b",
        configurable=False,
        description="Nieuwe termijn van een jaar.",
    ),
    Figure(
        name="boetes_college_max_nieuwe_termijn_18",
        value=Decimal("1200"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 5 onder c",
        configurable=False,
        description="Nieuwe termijn van anderhalf jaar.",
    ),
    Figure(
        name="boetes_college_max_nieuwe_termijn_24",
        value=Decimal("1600"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.1 lid 5 onder d",
        configurable=False,
        description="Nieuwe termijn van twee jaar.",
    ),
    # --- Boetes (DUO; for information, not imposed by the college) -------------------------
    Figure(
        name="boete_art24_duo",
        value=Decimal("340"),
        unit="EUR",
        status=LAW,
        source=f"{_BI} art. 7.2 lid 1 ({_WI} art. 24, art. 26 lid 1 onder b)",
        configurable=False,
        description="DUO-boete: PVT of MAP niet op tijd afgerond.",
    ),
    Figure(
        name="boete_art25_duo_max",
        value=Decimal("1000"),
        unit="EUR",
        status=LAW,
        source=f"{_WI} art. 26 lid 1 onder d; {_BI} art. 7.2 lid 2",
        configurable=False,
        description="DUO-boete: leerroute niet behaald; hoogte naar uren, pogingen en examens.",
    ),
    # --- Bezwaar (Awb) -------------------------------------------------------------------
    Figure(
        name="bezwaartermijn_weken",
        value=6,
        unit="weken",
        status=LAW,
        source="Awb art. 6:7 (aanvang: art. 6:8 lid 1)",
        configurable=False,
        description="Bezwaartermijn, vanaf de dag na bekendmaking.",
    ),
    Figure(
        name="bezwaar_post_ontvangst_dagen",
        value=7,
        unit="dagen",
        status=LAW,
        source="Awb art. 6:9 lid 2",
        configurable=False,
        description=(
            "Per post: tijdig als voor het einde ter post bezorgd en binnen een week na afloop "
            "ontvangen."
        ),
    ),
    Figure(
        name="beslistermijn_bezwaar_weken",
        value=6,
        unit="weken",
        status=LAW,
        source="Awb art. 7:10 lid 1",
        configurable=False,
        description="Beslistermijn op bezwaar, vanaf de dag na afloop van de bezwaartermijn.",
    ),
    Figure(
        name="beslistermijn_bezwaar_adviescommissie_weken",
        value=12,
        unit="weken",
        status=LAW,
        source="Awb art. 7:10 lid 1 (commissie als bedoeld in art. 7:13)",
        configurable=False,
        description="Beslistermijn op bezwaar met een adviescommissie.",
    ),
    Figure(
        name="verdaging_bezwaar_max_weken",
        value=6,
        unit="weken",
        status=LAW,
        source="Awb art. 7:10 lid 3",
        configurable=False,
        description=(
            "Verdaging van de beslissing op bezwaar met ten hoogste zes weken (verder uitstel "
            "alleen onder de voorwaarden van lid 4)."
        ),
    ),
    # --- Dwangsom bij niet tijdig beslissen (Awb art. 4:17) -------------------------------
    Figure(
        name="dwangsom_dag_1_14",
        value=Decimal("23"),
        unit="EUR",
        status=LAW,
        source="Awb art. 4:17 lid 2",
        configurable=False,
        description="Dwangsom per dag voor de eerste veertien dagen van niet tijdig beslissen.",
    ),
    Figure(
        name="dwangsom_dag_15_28",
        value=Decimal("35"),
        unit="EUR",
        status=LAW,
        source="Awb art. 4:17 lid 2",
        configurable=False,
        description="Dwangsom per dag voor de daaropvolgende veertien dagen.",
    ),
    Figure(
        name="dwangsom_dag_overig",
        value=Decimal("45"),
        unit="EUR",
        status=LAW,
        source="Awb art. 4:17 lid 2",
        configurable=False,
        description="Dwangsom per dag voor de overige dagen.",
    ),
    Figure(
        name="dwangsom_max_dagen",
        value=42,
        unit="dagen",
        status=LAW,
        source="Awb art. 4:17 lid 1",
        configurable=False,
        description="De dwangsom is verschuldigd voor ten hoogste 42 dagen.",
    ),
    Figure(
        name="dwangsom_wachttijd_dagen",
        value=14,
        unit="dagen",
        status=LAW,
        source="Awb art. 4:17 lid 3",
        configurable=False,
        description=(
            "De eerste dag van de dwangsom is de dag waarop twee weken zijn verstreken na de "
            "dag waarop het bestuursorgaan de ingebrekestelling ontving (na afloop van de "
            "beslistermijn)."
        ),
    ),
    Figure(
        name="dwangsom_vaststelling_weken",
        value=2,
        unit="weken",
        status=LAW,
        source="Awb art. 4:18",
        configurable=False,
        description=(
            "Het bestuursorgaan stelt de dwangsom binnen twee weken na de laatste dag waarover "
            "hij verschuldigd was bij beschikking vast."
        ),
    ),
    # --- Algemene termijnenwet -----------------------------------------------------------
    Figure(
        name="atw_max_weken",
        value=12,
        unit="weken",
        status=LAW,
        source="Algemene termijnenwet art. 4 onder a",
        configurable=False,
        description="De Atw geldt niet voor termijnen van meer dan twaalf weken.",
    ),
    Figure(
        name="atw_max_dagen",
        value=90,
        unit="dagen",
        status=LAW,
        source="Algemene termijnenwet art. 4 onder a",
        configurable=False,
        description="De Atw geldt niet voor termijnen van meer dan 90 dagen.",
    ),
    Figure(
        name="atw_max_maanden",
        value=3,
        unit="maanden",
        status=LAW,
        source="Algemene termijnenwet art. 4 onder a",
        configurable=False,
        description="De Atw geldt niet voor termijnen van meer dan drie maanden of in jaren.",
    ),
    Figure(
        name="atw_min_termijn_dagen",
        value=3,
        unit="dagen",
        status=LAW,
        source="Algemene termijnenwet art. 2",
        configurable=False,
        description="Een termijn van ten minste drie dagen ...",
    ),
    Figure(
        name="atw_min_werkdagen",
        value=2,
        unit="dagen",
        status=LAW,
        source="Algemene termijnenwet art. 2",
        configurable=False,
        description="... bevat ten minste twee dagen die geen zaterdag, zondag of feestdag zijn.",
    ),
    # --- Financiele ontzorging -----------------------------------------------------------
    Figure(
        name="ontzorging_maanden",
        value=6,
        unit="maanden",
        status=LAW,
        source=f"Participatiewet art. 56a; {_WI} art. 15 lid 3",
        configurable=False,
        description=(
            "Financiele ontzorging: zes maanden vanaf de dag waarop het recht op bijstand ingaat "
            "(verlenging: lokaal beleid)."
        ),
    ),
    Figure(
        name="ontzorging_afbouw_signaal_weken",
        value=4,
        unit="weken",
        status=LOCAL,
        source=f"{_SEED} par. 3.5 (Financiele ontzorging, afbouw) - lokaal beleid",
        configurable=True,
        description=(
            "Zoveel weken voor het einde van de ontzorging krijgt de klantmanager het "
            "afbouwsignaal, zodat de overdracht naar zelfbeheer voorbereid kan worden."
        ),
        policy=NAAST,
    ),
    Figure(
        name="toegang_max_dagen",
        value=90,
        unit="dagen",
        status=LOCAL,
        source="lokaal beleid (AVG art. 5 lid 1 onder c en e: niet langer dan nodig)",
        configurable=True,
        description=(
            "Een tijdelijke toegang tot een dossier (bijvoorbeeld voor een inzageverzoek of een "
            "casusoverleg) geldt hoogstens zoveel dagen; daarna moet de beheerder hem opnieuw "
            "verlenen, met een reden."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="uitkering_plausibel_max",
        value=Decimal("5000"),
        unit="euro per maand",
        status=LOCAL,
        source="lokaal beleid (controle op invoerfouten, geen wettelijke grens)",
        configurable=True,
        description=(
            "Een netto uitkering per maand boven dit bedrag is waarschijnlijk een tikfout: het "
            "formulier vraagt de medewerker het bedrag te bevestigen."
        ),
        policy=CONTROLE,
    ),
    Figure(
        name="vaste_last_plausibel_max",
        value=Decimal("2500"),
        unit="euro per betaling",
        status=LOCAL,
        source="lokaal beleid (controle op invoerfouten, geen wettelijke grens)",
        configurable=True,
        description=(
            "Een vaste last (huur, energie, water, zorgverzekering) boven dit bedrag per "
            "betaling is waarschijnlijk een tikfout: het formulier vraagt om bevestiging."
        ),
        policy=CONTROLE,
    ),
)

_BY_NAME: dict[str, Figure] = {}
for _f in FIGURES:
    if _f.name in _BY_NAME:
        raise ValueError(f"duplicate figure name {_f.name!r}")
    _BY_NAME[_f.name] = _f
del _f


def figure(name: str) -> Figure:
    """Return the figure called ``name``; ``KeyError`` names the unknown figure."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown figure {name!r}") from None


def figure_value(name: str) -> int | Decimal:
    """Shorthand for ``figure(name).value``."""
    return figure(name).value


def int_figure(name: str) -> int:
    """The value of a whole-number figure (hours, weeks, months, ...)."""
    value = figure(name).value
    if not isinstance(value, int):
        raise TypeError(f"figure {name!r} is not a whole number")
    return value


def money_figure(name: str) -> Decimal:
    """The value of an amount of money, as a ``Decimal`` in euros."""
    value = figure(name).value
    if not isinstance(value, Decimal):
        raise TypeError(f"figure {name!r} is not an amount of money")
    return value


def bound_value(fig: Figure) -> int | Decimal | None:
    """The statutory value a 'korter' or 'naast' figure may not exceed, or None."""
    return figure(fig.bound).value if fig.bound else None


def configurable_figures() -> tuple[Figure, ...]:
    """The figures a municipality may override (status 'local' or 'check')."""
    return tuple(f for f in FIGURES if f.configurable)
