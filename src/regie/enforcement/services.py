"""What may be done in handhaving, bezwaar and beroep, and when. Every step checks its
transition table (states.py), its dates and the law (regie.rules), and raises
``ValidationError`` with Dutch messages, so views stay thin and nothing is half-saved.

Seed §3.2: the uitvoerder enforces the PIP and prepares a bezwaar; the gemeente's jurist
decides it. Who may call which step is decided by the views' permissions; the rules of each
step are here. Other apps may open a handhaving signal through :func:`open_case` (e.g. an
aanbieder's attendance report) and read figures through :func:`figures`.

Every function here trusts that the caller already scoped the person to the user.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie import rules
from regie.enforcement import berekening as bk
from regie.enforcement.berekening import euro
from regie.enforcement.models import (
    GRONDSLAG_VAN_BRON,
    Beroep,
    BeroepStage,
    Bezwaar,
    BezwaarStage,
    Brief,
    Grondslag,
    HandhavingStage,
    Handhavingszaak,
    Hoorzitting,
    Instantie,
    Signaalbron,
    Uitkomst,
    Wijze,
)
from regie.enforcement.states import (
    BEROEP_OPEN,
    BEROEP_TRANSITIONS,
    BEZWAAR_OPEN,
    BEZWAAR_TRANSITIONS,
    HANDHAVING_FINED,
    HANDHAVING_TRANSITIONS,
    HOORZITTING_GEHOORD,
    HOORZITTING_TRANSITIONS,
    BeroepState,
    BezwaarState,
    HandhavingState,
    HoorzittingState,
    can_transition,
)
from regie.people.models import Inburgeraar
from regie.rules import betalingskenmerk
from regie.rules import handhaving as hh
from regie.rules.deadlines import VERDAGING_BEZWAAR_MAX_WEKEN
from regie.rules.fines import Verwijtbaarheid, boete_art23_basisbedrag
from regie.rules.lifecycle import Regime

# Working agreement, not law: the uitvoerder's advice is due this many days before the
# beslistermijn ends, so the jurist has time to decide.
ADVIES_MARGE_DAGEN = 14

EURO = Decimal("0.01")


def _d(day: date) -> str:
    return date_format(day, "j F Y")


def _today() -> date:
    return timezone.localdate()


def _not_future(day: date | None, field_name: str, errors: dict, what: str) -> None:
    if day is not None and day > _today():
        errors.setdefault(field_name, []).append(
            _("%(what)s kan niet in de toekomst liggen.") % {"what": what}
        )


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _move(obj, table, new: str, labels) -> None:
    if not can_transition(table, obj.stage, new):
        raise ValidationError(
            _("Van '%(old)s' naar '%(new)s' is geen toegestane stap.")
            % {"old": labels(obj.stage).label, "new": labels(new).label}
        )
    obj.stage = new


# --- handhaving: signal and warning ------------------------------------------------------


def open_refusal(person: Inburgeraar) -> str:
    """Why no handhavingszaak can be opened for this person, or ''."""
    if person.regime != Regime.WI2021:
        return _(
            "Boetes van het college gelden onder de Wet inburgering 2021. Deze inburgeraar "
            "valt daar niet onder."
        )
    return ""


def toets_no_shows(person: Inburgeraar) -> int:
    from regie.intake import services as intake_services

    return intake_services.toets_no_shows(person)


def has_vastgesteld_pip(person: Inburgeraar) -> bool:
    from regie.plans import services as plan_services

    return plan_services.current_versie(plan_services.pip_of(person)) is not None


@transaction.atomic
def open_case(
    person: Inburgeraar,
    bron: str,
    signaal_op: date,
    omschrijving: str,
    user=None,
    vorige_zaak: Handhavingszaak | None = None,
) -> Handhavingszaak:
    """Open a handhavingszaak from a signal. The legal basis follows from the signal."""
    errors: dict[str, list] = {}
    if refusal := open_refusal(person):
        raise ValidationError(refusal)
    _not_future(signaal_op, "signaal_op", errors, _("De datum van het signaal"))
    if not omschrijving.strip():
        errors.setdefault("omschrijving", []).append(_("Beschrijf wat er is gebeurd."))
    bron = Signaalbron(bron)
    grondslag = GRONDSLAG_VAN_BRON[bron]
    if bron == Signaalbron.TOETS_NIET_VERSCHENEN and toets_no_shows(person) == 0:
        errors.setdefault("bron", []).append(
            _(
                "Er is geen leerbaarheidstoets vastgelegd waarbij de inburgeraar niet verscheen. "
                "Leg dat eerst vast bij de leerbaarheidstoets."
            )
        )
    if grondslag == Grondslag.ART23 and not has_vastgesteld_pip(person):
        errors.setdefault("bron", []).append(
            _(
                "Een boete op grond van artikel 23 gaat over verplichtingen uit het PIP. Deze "
                "inburgeraar heeft nog geen vastgesteld PIP."
            )
        )
    if bron == Signaalbron.NADERE_TERMIJN:
        if (
            vorige_zaak is None
            or vorige_zaak.inburgeraar_id != person.pk
            or vorige_zaak.grondslag != Grondslag.ART22
            or vorige_zaak.nadere_termijn_einde is None
        ):
            errors.setdefault("bron", []).append(
                _("Kies de eerdere boete (art. 22) waarvan de nadere termijn niet is nagekomen.")
            )
        elif signaal_op <= vorige_zaak.nadere_termijn_einde:
            errors.setdefault("signaal_op", []).append(
                _("De nadere termijn loopt nog tot en met %(dag)s.")
                % {"dag": _d(vorige_zaak.nadere_termijn_einde)}
            )
    # A new signal of the same kind while one is still being handled (before any fine)
    # belongs to that case; after a fine, a new violation is a new case.
    if Handhavingszaak.objects.filter(
        inburgeraar=person,
        bron=bron,
        stage__in=[HandhavingState.SIGNAAL, HandhavingState.WAARSCHUWING],
    ).exists():
        errors.setdefault("bron", []).append(
            _("Voor dit signaal loopt al een handhavingszaak. Werk die zaak bij.")
        )
    _raise(errors)
    return Handhavingszaak.objects.create(
        inburgeraar=person,
        bron=bron,
        grondslag=grondslag,
        signaal_op=signaal_op,
        omschrijving=omschrijving.strip(),
        vorige_zaak=vorige_zaak if bron == Signaalbron.NADERE_TERMIJN else None,
        behandelaar=user,
    )


# What the waarschuwing says by default, per signal, in plain Dutch (B1). The klantmanager
# checks and completes it on the form; these are only the starting text. Not marked for
# translation: they are the text of a Dutch letter, also when the user's UI is English.
WAARSCHUWING_VOORSTEL = {
    Signaalbron.INTAKE_NIET_VERSCHENEN: (
        (
            "U had een afspraak voor een gesprek over uw inburgering: de brede intake. U bent "
            "niet gekomen. U hebt ons niet laten weten waarom."
        ),
        ("Kom naar het gesprek over uw inburgering. Neem uw identiteitsbewijs mee."),
    ),
    Signaalbron.TOETS_NIET_VERSCHENEN: (
        (
            "U had een afspraak voor de leerbaarheidstoets. U bent niet gekomen. U hebt ons niet "
            "laten weten waarom."
        ),
        ("Kom naar de leerbaarheidstoets. Neem uw identiteitsbewijs mee."),
    ),
    Signaalbron.NADERE_TERMIJN: (
        (
            "U hebt een boete gekregen. In die brief stond een nieuwe termijn voor de brede "
            "intake. U hebt in die tijd niet meegedaan."
        ),
        ("Kom naar het gesprek over uw inburgering. Neem uw identiteitsbewijs mee."),
    ),
    Signaalbron.AANWEZIGHEID: (
        ("In uw PIP staat dat u naar de les gaat. U was vaak niet in de les."),
        ("Ga vanaf nu naar alle lessen. Kunt u een keer niet? Meld u dan vooraf af."),
    ),
    Signaalbron.PIP_VERPLICHTINGEN: ("", ""),
}


def waarschuwing_voorstel(zaak: Handhavingszaak, user=None) -> dict:
    """Initial values of the waarschuwing form: the letter's text by signal, and the
    handling klantmanager as contact person."""
    wat, opdracht = WAARSCHUWING_VOORSTEL[Signaalbron(zaak.bron)]
    contact = zaak.behandelaar or user
    return {
        "brief_wat_gebeurd": zaak.brief_wat_gebeurd or wat,
        "brief_opdracht": zaak.brief_opdracht or opdracht,
        "contact_naam": zaak.contact_naam
        or (contact.get_full_name() or contact.username if contact else ""),
        "contact_telefoon": zaak.contact_telefoon,
    }


@transaction.atomic
def send_warning(
    zaak: Handhavingszaak,
    waarschuwing_op: date,
    nieuwe_termijn_einde: date,
    nieuwe_afspraak_op: date | None = None,
    *,
    nieuwe_afspraak_tijd=None,
    afspraak_locatie: str = "",
    brief_wat_gebeurd: str = "",
    brief_opdracht: str = "",
    contact_naam: str = "",
    contact_telefoon: str = "",
) -> Brief:
    """The schriftelijke waarschuwing with a new invitation and a new term (Wi art. 14
    lid 2); its letter is made and stored. The letter's texts come from the arguments meant
    for it (``brief_*``, place, time, contact), never from the internal omschrijving; when
    left empty the letter uses the default text for the signal."""
    errors: dict[str, list] = {}
    _not_future(waarschuwing_op, "waarschuwing_op", errors, _("De datum van de waarschuwing"))
    if waarschuwing_op < zaak.signaal_op:
        errors.setdefault("waarschuwing_op", []).append(
            _("De waarschuwing kan niet vóór het signaal (%(dag)s) liggen.")
            % {"dag": _d(zaak.signaal_op)}
        )
    if nieuwe_termijn_einde <= waarschuwing_op:
        errors.setdefault("nieuwe_termijn_einde", []).append(
            _("De nieuwe termijn moet na de datum van de waarschuwing eindigen.")
        )
    if nieuwe_afspraak_op is not None and not (
        waarschuwing_op < nieuwe_afspraak_op <= nieuwe_termijn_einde
    ):
        errors.setdefault("nieuwe_afspraak_op", []).append(
            _(
                "De nieuwe afspraak ligt na de waarschuwing en uiterlijk op de laatste dag van de "
                "nieuwe termijn."
            )
        )
    if nieuwe_afspraak_op is None and (nieuwe_afspraak_tijd or afspraak_locatie.strip()):
        errors.setdefault("nieuwe_afspraak_op", []).append(
            _("Vul ook de datum van de nieuwe afspraak in.")
        )
    _raise(errors)
    _move(zaak, HANDHAVING_TRANSITIONS, HandhavingState.WAARSCHUWING, HandhavingStage)
    voorstel = waarschuwing_voorstel(zaak)
    zaak.waarschuwing_op = waarschuwing_op
    zaak.nieuwe_termijn_einde = nieuwe_termijn_einde
    zaak.nieuwe_afspraak_op = nieuwe_afspraak_op
    zaak.nieuwe_afspraak_tijd = nieuwe_afspraak_tijd if nieuwe_afspraak_op else None
    zaak.afspraak_locatie = afspraak_locatie.strip() if nieuwe_afspraak_op else ""
    zaak.brief_wat_gebeurd = brief_wat_gebeurd.strip() or voorstel["brief_wat_gebeurd"]
    zaak.brief_opdracht = brief_opdracht.strip() or voorstel["brief_opdracht"]
    zaak.contact_naam = contact_naam.strip() or voorstel["contact_naam"]
    zaak.contact_telefoon = contact_telefoon.strip()
    zaak.save()
    from regie.enforcement.documents import make_letter

    return make_letter(zaak, "waarschuwing")


def betaalrekening(municipality):
    """The municipality's account for paying a fine: the Betaalrekening of regie.finance,
    read only (one account per gemeente, kept by the functioneel beheerder). None when
    it has not been set."""
    from regie.finance.models import Betaalrekening

    return Betaalrekening.objects.filter(municipality=municipality).first()


# --- handhaving: the fine ----------------------------------------------------------------


@dataclass
class Berekening:
    """The fine as the law computes it, with every step shown to the user. The steps are
    data (regie.enforcement.berekening), so pages show them in the reader's language."""

    grondslag: str
    wettelijk: Decimal  # the amount of Besluit art. 7.1 lid 1-4
    al_opgelegd: Decimal  # college fines already imposed on the person
    plafond: Decimal  # Besluit art. 7.1 lid 5
    maximum: Decimal  # what may still be imposed
    herhalingen: int = 0
    data: list[dict] = field(default_factory=list)

    @property
    def stappen(self) -> list[tuple[str, str]]:
        """(sentence, amount) per step, in the active language."""
        return bk.regels(self.data)

    def as_text(self) -> str:
        """The steps in Dutch, one per line (kept with the case as it was decided)."""
        with translation.override("nl"):
            return "\n".join(f"{what}: {amount}" for what, amount in self.stappen)


def fines_so_far(person_id: int, exclude: int | None = None) -> Decimal:
    """The college fines already imposed on the person and not revoked (the cap counts
    them, Besluit art. 7.1 lid 5)."""
    queryset = Handhavingszaak.objects.filter(
        inburgeraar_id=person_id, stage__in=[s.value for s in HANDHAVING_FINED]
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.aggregate(total=Sum("bedrag"))["total"] or Decimal(0)


def onherroepelijk(zaak: Handhavingszaak, on: date, bezwaren: list[Bezwaar]) -> bool:
    """Whether the fine of ``zaak`` was onherroepelijk on ``on``: made known, the
    bezwaartermijn over, and no bezwaar against it still open or upheld. (A late bezwaar
    that is still open keeps it open; beroep after an ongegrond bezwaar is not tracked
    here: the beslissing op bezwaar is taken as final once its beroepstermijn passed.)"""
    if zaak.bekendgemaakt_op is None or zaak.stage not in HANDHAVING_FINED - {
        HandhavingState.BOETEBESLUIT
    }:
        return False
    if rules.bezwaartermijn_einde(zaak.bekendgemaakt_op) >= on:
        return False
    for bezwaar in bezwaren:
        if bezwaar.stage in BEZWAAR_OPEN or bezwaar.uitkomst == Uitkomst.GEGROND:
            return False
        if bezwaar.beslist_op and hh.beroepstermijn_einde(bezwaar.beslist_op) >= on:
            return False
    return True


def prior_art23_dates(zaak: Handhavingszaak, on: date) -> list[date]:
    """The dates of earlier art. 23 violations of the person whose fine was onherroepelijk
    on ``on`` (two queries)."""
    earlier = list(
        Handhavingszaak.objects.filter(
            inburgeraar_id=zaak.inburgeraar_id,
            grondslag=Grondslag.ART23,
            overtreding_vastgesteld_op__isnull=False,
        )
        .exclude(pk=zaak.pk)
        .prefetch_related("bezwaren")
    )
    return [
        e.overtreding_vastgesteld_op
        for e in earlier
        if onherroepelijk(e, on, list(e.bezwaren.all()))
    ]


def calculate(
    zaak: Handhavingszaak,
    vastgesteld_op: date,
    verwijtbaarheid: str | None = None,
    dagtekening: date | None = None,
) -> Berekening:
    """The fine for ``zaak`` (Wi art. 22/23; Besluit art. 7.1), capped by what may still
    be imposed. Regie computes; the user records the culpability and its reasons."""
    dagtekening = dagtekening or _today()
    so_far = fines_so_far(zaak.inburgeraar_id, exclude=zaak.pk)
    plafond = rules.boetes_cap()
    stappen: list[dict] = []
    herhalingen = 0
    if zaak.grondslag == Grondslag.ART22:
        wettelijk = rules.boete_art22()
        stappen.append(bk.stap("art22", wettelijk))
    else:
        if not verwijtbaarheid:
            raise ValidationError({"verwijtbaarheid": _("Kies de mate van verwijtbaarheid.")})
        graad = Verwijtbaarheid(verwijtbaarheid)
        herhalingen = hh.art23_herhalingen(vastgesteld_op, prior_art23_dates(zaak, dagtekening))
        basis = boete_art23_basisbedrag(herhalingen)
        wettelijk = rules.boete_art23(herhalingen, graad)
        stappen.append(bk.stap("basis", Decimal(50)))
        if herhalingen:
            stappen.append(bk.stap("herhaling", basis, dag=vastgesteld_op, n=herhalingen))
        else:
            stappen.append(bk.stap("herhaling_geen", basis, dag=vastgesteld_op))
        stappen.append(
            bk.stap("verwijtbaarheid", wettelijk, pct=graad.percentage, graad=graad.value)
        )
    maximum = rules.boete_binnen_maximum(wettelijk, so_far)
    stappen.append(bk.stap("plafond", so_far, cap=plafond))
    stappen.append(bk.stap("maximum", maximum))
    return Berekening(
        grondslag=zaak.grondslag,
        wettelijk=wettelijk,
        al_opgelegd=so_far,
        plafond=plafond,
        maximum=maximum,
        herhalingen=herhalingen,
        data=stappen,
    )


@transaction.atomic
def impose_fine(
    zaak: Handhavingszaak,
    *,
    vastgesteld_op: date,
    dagtekening: date,
    toelichting: str,
    verwijtbaarheid: str = "",
    bedrag: Decimal | None = None,
    matiging_reden: str = "",
    bijstand_verlaagd: bool = False,
    nadere_termijn_einde: date | None = None,
    brief_toelichting: str = "",
    contact_naam: str = "",
    contact_telefoon: str = "",
) -> Brief:
    """Take the boetebesluit: amount computed by the rules (a lower amount only with a
    reason), culpability recorded, the letter made. Refused above the maximum, without
    the written warning and its missed term (art. 22), when the bijstand was already
    lowered for the same behaviour (Wi art. 27), or when the gemeente has no account the
    fine can be paid to. ``toelichting`` is the internal note on culpability and never
    reaches the letter; ``brief_toelichting`` is the explanation the person reads. The fine
    gets its betalingskenmerk (regie.rules.betalingskenmerk)."""
    Handhavingszaak.objects.select_for_update().filter(pk=zaak.pk).first()
    errors: dict[str, list] = {}

    def err(name, message):
        errors.setdefault(name, []).append(message)

    if not can_transition(HANDHAVING_TRANSITIONS, zaak.stage, HandhavingState.BOETEBESLUIT):
        raise ValidationError(_("In deze fase kan geen boete worden opgelegd."))
    if betaalrekening(zaak.inburgeraar.municipality) is None:
        err(
            None,
            _(
                "Voor %(gemeente)s is nog geen rekeningnummer ingesteld waarop de boete kan "
                "worden betaald. De functioneel beheerder stelt de betaalrekening in bij de "
                "financiële instellingen."
            )
            % {"gemeente": zaak.inburgeraar.municipality},
        )
    if bijstand_verlaagd:
        err(
            "bijstand_verlaagd",
            _(
                "Geen boete: de bijstand is al verlaagd voor dezelfde gedraging (Wet "
                "inburgering 2021 art. 27). Sluit de zaak zonder boete."
            ),
        )
    _not_future(vastgesteld_op, "overtreding_vastgesteld_op", errors, _("De vaststelling"))
    _not_future(dagtekening, "boetebesluit_op", errors, _("De dagtekening"))
    if vastgesteld_op < zaak.signaal_op:
        err(
            "overtreding_vastgesteld_op",
            _("De overtreding kan niet vóór het signaal (%(dag)s) zijn vastgesteld.")
            % {"dag": _d(zaak.signaal_op)},
        )
    if dagtekening < vastgesteld_op:
        err("boetebesluit_op", _("Het boetebesluit kan niet vóór de vaststelling liggen."))
    if not toelichting.strip():
        err(
            "verwijtbaarheid_toelichting",
            _("Motiveer waarom de overtreding de inburgeraar te verwijten is."),
        )
    if zaak.grondslag == Grondslag.ART22:
        if zaak.stage != HandhavingState.WAARSCHUWING:
            err(
                None,
                _(
                    "Een boete op grond van artikel 22 kan pas na een schriftelijke "
                    "waarschuwing met een nieuwe termijn (Wet inburgering 2021 art. 14 lid 2, "
                    "art. 22 lid 1)."
                ),
            )
        elif zaak.nieuwe_termijn_einde and vastgesteld_op <= zaak.nieuwe_termijn_einde:
            err(
                "overtreding_vastgesteld_op",
                _(
                    "De nieuwe termijn na de waarschuwing loopt tot en met %(dag)s. Pas daarna "
                    "kan worden vastgesteld dat hij niet is nagekomen."
                )
                % {"dag": _d(zaak.nieuwe_termijn_einde)},
            )
        if nadere_termijn_einde is None:
            err(
                "nadere_termijn_einde",
                _("Stel een nadere termijn van ten hoogste twee maanden (art. 22 lid 2)."),
            )
        elif nadere_termijn_einde <= dagtekening:
            err("nadere_termijn_einde", _("De nadere termijn moet na de dagtekening eindigen."))
        elif nadere_termijn_einde > hh.nadere_termijn_art22_uiterlijk(dagtekening):
            err(
                "nadere_termijn_einde",
                _(
                    "De nadere termijn is ten hoogste twee maanden: uiterlijk %(dag)s (Wet "
                    "inburgering 2021 art. 22 lid 2)."
                )
                % {"dag": _d(hh.nadere_termijn_art22_uiterlijk(dagtekening))},
            )
    elif not verwijtbaarheid:
        err("verwijtbaarheid", _("Kies de mate van verwijtbaarheid (Besluit art. 7.1 lid 4)."))
    _raise(errors)
    berekening = calculate(zaak, vastgesteld_op, verwijtbaarheid or None, dagtekening)
    if berekening.maximum <= 0:
        raise ValidationError(
            _(
                "Het plafond van %(cap)s voor alle boetes van het college is bereikt (Besluit "
                "art. 7.1 lid 5). Er kan geen boete meer worden opgelegd."
            )
            % {"cap": euro(berekening.plafond)}
        )
    if bedrag is None:
        bedrag = berekening.maximum
    if bedrag > berekening.maximum:
        raise ValidationError(
            {
                "bedrag": _(
                    "%(bedrag)s is hoger dan het maximum van %(max)s. Regie berekent het bedrag "
                    "volgens het Besluit inburgering 2021 art. 7.1; een hoger bedrag is niet "
                    "toegestaan."
                )
                % {"bedrag": euro(bedrag), "max": euro(berekening.maximum)}
            }
        )
    if bedrag <= 0:
        raise ValidationError({"bedrag": _("Het bedrag moet hoger zijn dan nul.")})
    if bedrag < berekening.maximum and not matiging_reden.strip():
        raise ValidationError(
            {
                "matiging_reden": _(
                    "U legt minder op dan %(max)s. Leg uit waarom (Awb art. 5:46 lid 3)."
                )
                % {"max": euro(berekening.maximum)}
            }
        )
    zaak.stage = HandhavingState.BOETEBESLUIT
    zaak.overtreding_vastgesteld_op = vastgesteld_op
    zaak.boetebesluit_op = dagtekening
    zaak.verwijtbaarheid = verwijtbaarheid if zaak.grondslag == Grondslag.ART23 else ""
    zaak.verwijtbaarheid_toelichting = toelichting.strip()
    zaak.brief_toelichting = brief_toelichting.strip()
    if contact_naam.strip() or contact_telefoon.strip():
        zaak.contact_naam = contact_naam.strip()
        zaak.contact_telefoon = contact_telefoon.strip()
    elif not zaak.contact_naam and zaak.behandelaar_id:
        zaak.contact_naam = zaak.behandelaar.get_full_name() or zaak.behandelaar.username
    zaak.betalingskenmerk = zaak.betalingskenmerk or betalingskenmerk.betalingskenmerk(
        zaak.inburgeraar.municipality.cbs_code, zaak.pk
    )
    zaak.herhalingen = berekening.herhalingen
    zaak.wettelijk_bedrag = berekening.wettelijk
    zaak.maximum_bedrag = berekening.maximum
    zaak.bedrag = bedrag
    zaak.matiging_reden = matiging_reden.strip() if bedrag < berekening.maximum else ""
    zaak.berekening = berekening.as_text()
    zaak.berekening_stappen = berekening.data
    zaak.nadere_termijn_einde = nadere_termijn_einde if zaak.grondslag == Grondslag.ART22 else None
    zaak.save()
    from regie.enforcement.documents import make_letter

    return make_letter(zaak, "boetebesluit")


@transaction.atomic
def make_known(zaak: Handhavingszaak, bekendgemaakt_op: date) -> Handhavingszaak:
    """Record the bekendmaking of the boetebesluit: bezwaar- and betaaltermijn start."""
    errors: dict[str, list] = {}
    _not_future(bekendgemaakt_op, "datum", errors, _("De bekendmaking"))
    if zaak.boetebesluit_op and bekendgemaakt_op < zaak.boetebesluit_op:
        errors.setdefault("datum", []).append(
            _("De bekendmaking kan niet vóór de dagtekening (%(dag)s) liggen.")
            % {"dag": _d(zaak.boetebesluit_op)}
        )
    _raise(errors)
    _move(zaak, HANDHAVING_TRANSITIONS, HandhavingState.BEKENDGEMAAKT, HandhavingStage)
    zaak.bekendgemaakt_op = bekendgemaakt_op
    zaak.save()
    return zaak


@transaction.atomic
def register_payment(zaak: Handhavingszaak, betaald_op: date) -> Handhavingszaak:
    errors: dict[str, list] = {}
    _not_future(betaald_op, "datum", errors, _("De betaling"))
    if zaak.bekendgemaakt_op and betaald_op < zaak.bekendgemaakt_op:
        errors.setdefault("datum", []).append(
            _("De betaling kan niet vóór de bekendmaking liggen.")
        )
    _raise(errors)
    _move(zaak, HANDHAVING_TRANSITIONS, HandhavingState.BETAALD, HandhavingStage)
    zaak.betaald_op = betaald_op
    zaak.save()
    return zaak


@transaction.atomic
def finish(zaak: Handhavingszaak, new: str, op: date, reden: str) -> Handhavingszaak:
    """Close a case: kwijtschelding of a fine, or closing without a fine. Always with a
    reason."""
    errors: dict[str, list] = {}
    _not_future(op, "datum", errors, _("De datum"))
    if op < zaak.signaal_op:
        errors.setdefault("datum", []).append(_("De datum ligt vóór het signaal."))
    if not reden.strip():
        errors.setdefault("reden", []).append(_("Geef de reden."))
    _raise(errors)
    _move(zaak, HANDHAVING_TRANSITIONS, new, HandhavingStage)
    zaak.afgesloten_op = op
    zaak.afsluit_reden = reden.strip()
    zaak.save()
    return zaak


def handhaving_deadlines(zaak: Handhavingszaak) -> list[tuple[str, date]]:
    """The open deadlines of a case, as (what, last day)."""
    found = []
    if zaak.stage == HandhavingState.WAARSCHUWING and zaak.nieuwe_termijn_einde:
        found.append((_("Nieuwe termijn na waarschuwing"), zaak.nieuwe_termijn_einde))
    if zaak.stage == HandhavingState.BEKENDGEMAAKT and zaak.bekendgemaakt_op:
        found.append((_("Betaaltermijn boete"), hh.betaaltermijn_einde(zaak.bekendgemaakt_op)))
        bezwaar_einde = rules.bezwaartermijn_einde(zaak.bekendgemaakt_op)
        if bezwaar_einde >= _today():
            found.append((_("Bezwaartermijn boetebesluit"), bezwaar_einde))
    if (
        zaak.grondslag == Grondslag.ART22
        and zaak.nadere_termijn_einde
        and zaak.stage in (HandhavingState.BEKENDGEMAAKT, HandhavingState.BETAALD)
        and zaak.nadere_termijn_einde >= _today() - timedelta(days=30)
    ):
        found.append((_("Nadere termijn brede intake (art. 22 lid 2)"), zaak.nadere_termijn_einde))
    return found


# --- bezwaar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Besluit:
    """A decision open to bezwaar: a PIP beschikking or a boetebesluit."""

    key: str
    label: str
    dagtekening: date
    bekendgemaakt_op: date
    pip_versie: object | None = None
    handhaving: Handhavingszaak | None = None


def contestable(person: Inburgeraar) -> list[Besluit]:
    """The person's decisions a bezwaar can be registered against. A PIP beschikking is
    made known on its dagtekening (regie.plans.documents)."""
    from regie.plans import services as plan_services

    found = [
        Besluit(
            key=f"pip:{v.pk}",
            label=_("PIP versie %(n)s, dagtekening %(dag)s")
            % {"n": v.nummer, "dag": _d(v.dagtekening)},
            dagtekening=v.dagtekening,
            bekendgemaakt_op=v.dagtekening,
            pip_versie=v,
        )
        for v in plan_services.vastgestelde(plan_services.versions(plan_services.pip_of(person)))
        if v.dagtekening
    ]
    for zaak in Handhavingszaak.objects.filter(
        inburgeraar=person, bekendgemaakt_op__isnull=False, boetebesluit_op__isnull=False
    ).order_by("boetebesluit_op"):
        found.append(
            Besluit(
                key=f"boete:{zaak.pk}",
                label=_("Boetebesluit %(kenmerk)s van %(bedrag)s, dagtekening %(dag)s")
                % {
                    "kenmerk": zaak.kenmerk,
                    "bedrag": euro(zaak.bedrag),
                    "dag": _d(zaak.boetebesluit_op),
                },
                dagtekening=zaak.boetebesluit_op,
                bekendgemaakt_op=zaak.bekendgemaakt_op,
                handhaving=zaak,
            )
        )
    return found


def tijdigheid(bezwaar: Bezwaar) -> hh.Tijdigheid:
    return hh.bezwaar_tijdigheid(
        bezwaar.besluit_bekendgemaakt_op, bezwaar.ontvangen_op, bezwaar.ter_post_bezorgd_op
    )


def tijdigheid_redenering(t: hh.Tijdigheid) -> list[str]:
    """The on-time check as sentences, so the user sees why (Awb art. 6:7-6:9, Atw)."""
    lines = [
        _(
            "Het besluit is bekendgemaakt op %(bek)s. De bezwaartermijn van zes weken begint "
            "de dag daarna, op %(start)s (Awb art. 6:7 en 6:8)."
        )
        % {"bek": _d(t.bekendgemaakt_op), "start": _d(t.eerste_dag)},
    ]
    if t.verschoven:
        lines.append(
            _(
                "Zes weken later is %(bare)s, een zaterdag, zondag of feestdag. Daarom loopt de "
                "termijn door tot en met %(last)s (Algemene termijnenwet art. 1)."
            )
            % {"bare": _d(t.zes_weken_einde), "last": _d(t.laatste_dag)}
        )
    else:
        lines.append(
            _("De laatste dag van de bezwaartermijn is %(last)s.") % {"last": _d(t.laatste_dag)}
        )
    if t.ontvangen_op <= t.laatste_dag:
        lines.append(
            _("Het bezwaar is ontvangen op %(ont)s, binnen de termijn: tijdig.")
            % {"ont": _d(t.ontvangen_op)}
        )
    elif t.ter_post_bezorgd_op is None:
        lines.append(
            _(
                "Het bezwaar is ontvangen op %(ont)s, na de termijn, en niet per post verstuurd "
                "met een bekende postdatum: niet tijdig (Awb art. 6:9)."
            )
            % {"ont": _d(t.ontvangen_op)}
        )
    elif t.ter_post_bezorgd_op > t.laatste_dag:
        lines.append(
            _(
                "Het bezwaar is op %(post)s ter post bezorgd, na de laatste dag: niet tijdig "
                "(Awb art. 6:9 lid 2)."
            )
            % {"post": _d(t.ter_post_bezorgd_op)}
        )
    elif t.tijdig:
        lines.append(
            _(
                "Het bezwaar is op %(post)s ter post bezorgd, vóór het einde van de termijn, en "
                "ontvangen op %(ont)s, binnen een week daarna (uiterlijk %(week)s): tijdig (Awb "
                "art. 6:9 lid 2)."
            )
            % {
                "post": _d(t.ter_post_bezorgd_op),
                "ont": _d(t.ontvangen_op),
                "week": _d(t.post_uiterlijk_ontvangen),
            }
        )
    else:
        lines.append(
            _(
                "Het bezwaar is op tijd ter post bezorgd (%(post)s), maar pas ontvangen op "
                "%(ont)s, later dan een week na de termijn (uiterlijk %(week)s): niet tijdig "
                "(Awb art. 6:9 lid 2)."
            )
            % {
                "post": _d(t.ter_post_bezorgd_op),
                "ont": _d(t.ontvangen_op),
                "week": _d(t.post_uiterlijk_ontvangen),
            }
        )
    if not t.tijdig:
        lines.append(
            _(
                "Een te laat bezwaar is niet-ontvankelijk, tenzij de overschrijding verschoonbaar "
                "is (Awb art. 6:11). Dat beoordeelt de jurist."
            )
        )
    return lines


def beslistermijn(bezwaar: Bezwaar) -> date:
    """Last day for the decision (Awb art. 7:10): six or twelve weeks from the end of the
    bezwaartermijn, plus a recorded verdaging."""
    return rules.beslistermijn_bezwaar_einde(
        rules.bezwaartermijn_einde(bezwaar.besluit_bekendgemaakt_op),
        adviescommissie=bezwaar.adviescommissie,
        verdaagd_weken=bezwaar.verdaagd_weken,
    )


def advies_uiterlijk(bezwaar: Bezwaar) -> date:
    """When the uitvoerder's advice is due (working agreement: ADVIES_MARGE_DAGEN before
    the beslistermijn ends, never before the day the bezwaar arrived)."""
    return max(bezwaar.ontvangen_op, beslistermijn(bezwaar) - timedelta(days=ADVIES_MARGE_DAGEN))


@transaction.atomic
def register_bezwaar(
    person: Inburgeraar,
    *,
    besluit: Besluit,
    ontvangen_op: date,
    wijze: str,
    gronden: str,
    ter_post_bezorgd_op: date | None = None,
    adviescommissie: bool = False,
    user=None,
) -> Bezwaar:
    """Register a bezwaar against a PIP beschikking or a boetebesluit, with the on-time
    check (Awb art. 6:7-6:9). A late bezwaar is registered too: the jurist decides on it."""
    errors: dict[str, list] = {}
    _not_future(ontvangen_op, "ontvangen_op", errors, _("De datum van ontvangst"))
    if ontvangen_op < besluit.dagtekening:
        errors.setdefault("ontvangen_op", []).append(
            _(
                "Het bezwaar is gedateerd vóór het besluit (dagtekening %(dag)s). Een bezwaar "
                "kan alleen gaan over een besluit dat al genomen is (Awb art. 6:10)."
            )
            % {"dag": _d(besluit.dagtekening)}
        )
    if ter_post_bezorgd_op is not None:
        if wijze != Wijze.POST:
            errors.setdefault("ter_post_bezorgd_op", []).append(
                _("Een postdatum hoort alleen bij een bezwaar dat per post is ontvangen.")
            )
        elif ter_post_bezorgd_op > ontvangen_op:
            errors.setdefault("ter_post_bezorgd_op", []).append(
                _("De postdatum kan niet na de datum van ontvangst liggen.")
            )
        elif ter_post_bezorgd_op < besluit.dagtekening:
            errors.setdefault("ter_post_bezorgd_op", []).append(
                _("De postdatum ligt vóór het besluit.")
            )
    if not gronden.strip():
        errors.setdefault("gronden", []).append(
            _("Neem de gronden van het bezwaar over (Awb art. 6:5).")
        )
    duplicate = Bezwaar.objects.filter(
        inburgeraar=person, stage__in=[s.value for s in BEZWAAR_OPEN]
    ).filter(
        pip_versie=besluit.pip_versie if besluit.pip_versie else None,
        handhaving=besluit.handhaving,
    )
    if duplicate.exists():
        errors.setdefault("besluit", []).append(
            _("Tegen dit besluit loopt al een bezwaar. Voeg de stukken daaraan toe.")
        )
    _raise(errors)
    t = hh.bezwaar_tijdigheid(besluit.bekendgemaakt_op, ontvangen_op, ter_post_bezorgd_op)
    return Bezwaar.objects.create(
        inburgeraar=person,
        pip_versie=besluit.pip_versie,
        handhaving=besluit.handhaving,
        besluit_bekendgemaakt_op=besluit.bekendgemaakt_op,
        ontvangen_op=ontvangen_op,
        wijze=wijze,
        ter_post_bezorgd_op=ter_post_bezorgd_op,
        gronden=gronden.strip(),
        adviescommissie=adviescommissie,
        tijdig=t.tijdig,
        geregistreerd_door=user,
    )


@transaction.atomic
def submit_advice(bezwaar: Bezwaar, advies: str, advies_uitkomst: str, user) -> Bezwaar:
    """The uitvoerder's advice goes to the gemeente's jurist."""
    errors: dict[str, list] = {}
    if not advies.strip():
        errors.setdefault("advies", []).append(_("Schrijf het advies."))
    if advies_uitkomst not in (Uitkomst.GEGROND, Uitkomst.ONGEGROND, Uitkomst.NIET_ONTVANKELIJK):
        errors.setdefault("advies_uitkomst", []).append(_("Kies de uitkomst die u adviseert."))
    _raise(errors)
    _move(bezwaar, BEZWAAR_TRANSITIONS, BezwaarState.TER_BESLISSING, BezwaarStage)
    bezwaar.advies = advies.strip()
    bezwaar.advies_uitkomst = advies_uitkomst
    bezwaar.advies_door = user
    bezwaar.advies_op = _today()
    bezwaar.save()
    return bezwaar


@transaction.atomic
def postpone(bezwaar: Bezwaar, weken: int, reden: str, op: date | None = None) -> Bezwaar:
    """Verdaging of the decision by at most six weeks, once, with reasons, before the
    beslistermijn has passed (Awb art. 7:10 lid 3)."""
    op = op or _today()
    errors: dict[str, list] = {}
    if bezwaar.stage not in BEZWAAR_OPEN:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    if bezwaar.verdaagd_weken:
        raise ValidationError(
            _(
                "De beslissing is al eens verdaagd. Verder uitstel kan alleen met instemming "
                "van de indiener (Awb art. 7:10 lid 4) en wordt hier niet vastgelegd."
            )
        )
    if not 1 <= weken <= VERDAGING_BEZWAAR_MAX_WEKEN:
        errors.setdefault("weken", []).append(
            _("Verdagen kan met ten hoogste zes weken (Awb art. 7:10 lid 3).")
        )
    if not reden.strip():
        errors.setdefault("reden", []).append(_("Geef de reden van de verdaging."))
    if op > beslistermijn(bezwaar):
        errors.setdefault("weken", []).append(
            _("De beslistermijn is op %(dag)s verstreken; verdagen kan alleen daarvóór.")
            % {"dag": _d(beslistermijn(bezwaar))}
        )
    _raise(errors)
    bezwaar.verdaagd_weken = weken
    bezwaar.verdaging_reden = reden.strip()
    bezwaar.verdaagd_op = op
    bezwaar.save()
    return bezwaar


@transaction.atomic
def plan_hearing(bezwaar: Bezwaar, datum: date, tijd=None, locatie: str = "") -> Hoorzitting:
    if bezwaar.stage not in BEZWAAR_OPEN:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    if datum < bezwaar.ontvangen_op:
        raise ValidationError(
            {"datum": _("De hoorzitting ligt vóór de ontvangst van het bezwaar.")}
        )
    if bezwaar.hoorzittingen.filter(stage=HoorzittingState.GEPLAND).exists():
        raise ValidationError(
            _("Er staat al een hoorzitting gepland. Leg daarvan eerst het verslag vast.")
        )
    return Hoorzitting.objects.create(bezwaar=bezwaar, datum=datum, tijd=tijd, locatie=locatie)


@transaction.atomic
def report_hearing(
    hoorzitting: Hoorzitting, stand: str, verslag: str, aanwezigen: str = ""
) -> Hoorzitting:
    errors: dict[str, list] = {}
    if not can_transition(HOORZITTING_TRANSITIONS, hoorzitting.stage, stand):
        raise ValidationError(_("Van deze hoorzitting is het verslag al vastgelegd."))
    if stand in HOORZITTING_GEHOORD and hoorzitting.datum > _today():
        errors.setdefault("stand", []).append(
            _("De hoorzitting is op %(dag)s; het verslag kan pas daarna.")
            % {"dag": _d(hoorzitting.datum)}
        )
    if stand == HoorzittingState.GEHOUDEN and not verslag.strip():
        errors.setdefault("verslag", []).append(_("Leg vast wat er op de hoorzitting is gezegd."))
    _raise(errors)
    hoorzitting.stage = stand
    hoorzitting.verslag = verslag.strip()
    hoorzitting.aanwezigen = aanwezigen.strip()
    hoorzitting.save()
    return hoorzitting


@transaction.atomic
def withdraw(bezwaar: Bezwaar, op: date, user=None) -> Bezwaar:
    """The person withdrew the bezwaar (Awb art. 6:21)."""
    errors: dict[str, list] = {}
    _not_future(op, "datum", errors, _("De intrekking"))
    if op < bezwaar.ontvangen_op:
        errors.setdefault("datum", []).append(
            _("De intrekking ligt vóór de ontvangst van het bezwaar.")
        )
    _raise(errors)
    _move(bezwaar, BEZWAAR_TRANSITIONS, BezwaarState.INGETROKKEN, BezwaarStage)
    bezwaar.uitkomst = Uitkomst.INGETROKKEN
    bezwaar.beslist_op = op
    bezwaar.beslist_door = user
    bezwaar.save()
    return bezwaar


def gehoord(bezwaar: Bezwaar) -> bool:
    return any(h.stage in HOORZITTING_GEHOORD for h in bezwaar.hoorzittingen.all())


def decision_problems(
    bezwaar: Bezwaar,
    uitkomst: str,
    hoor_afzien_grond: str,
    verschoonbaar: bool,
    beslist_op: date,
) -> dict[str, list]:
    """Everything that stands in the way of this decision, by form field."""
    errors: dict[str, list] = {}

    def err(name, message):
        errors.setdefault(name, []).append(message)

    if bezwaar.stage == BezwaarState.ONTVANGEN:
        err(None, _("Het advies van de uitvoerder ontbreekt nog. De jurist beslist op advies."))
    elif bezwaar.stage != BezwaarState.TER_BESLISSING:
        err(None, _("Op dit bezwaar is al beslist."))
    if uitkomst not in (Uitkomst.GEGROND, Uitkomst.ONGEGROND, Uitkomst.NIET_ONTVANKELIJK):
        err("uitkomst", _("Kies de uitkomst."))
        return errors
    if beslist_op > _today():
        err("beslist_op", _("De beslissing kan niet in de toekomst zijn gedateerd."))
    if beslist_op < bezwaar.ontvangen_op:
        err("beslist_op", _("De beslissing ligt vóór de ontvangst van het bezwaar."))
    hearings = list(bezwaar.hoorzittingen.all())
    if any(h.stage == HoorzittingState.GEPLAND for h in hearings):
        err(None, _("Er staat nog een hoorzitting gepland. Leg eerst het verslag vast."))
    heard = any(h.stage in HOORZITTING_GEHOORD for h in hearings)
    grond = hh.HoorAfzienGrond(hoor_afzien_grond) if hoor_afzien_grond else None
    if not hh.horen_afzien_toegestaan(hh.BezwaarUitkomst(uitkomst), heard, grond):
        if grond is None:
            err(
                "hoor_afzien_grond",
                _(
                    "De inburgeraar is niet gehoord. Horen is verplicht (Awb art. 7:2). Plan een "
                    "hoorzitting, of kies een grond om van horen af te zien (Awb art. 7:3)."
                ),
            )
        else:
            err(
                "hoor_afzien_grond",
                _(
                    "Deze grond om van horen af te zien past niet bij de uitkomst '%(uitkomst)s'. "
                    "Plan een hoorzitting."
                )
                % {"uitkomst": Uitkomst(uitkomst).label},
            )
    if not bezwaar.tijdig and not verschoonbaar and uitkomst != Uitkomst.NIET_ONTVANKELIJK:
        err(
            "uitkomst",
            _(
                "Het bezwaar is niet tijdig ingediend. Het is niet-ontvankelijk, tenzij de "
                "termijnoverschrijding verschoonbaar is (Awb art. 6:11)."
            ),
        )
    return errors


@transaction.atomic
def decide(
    bezwaar: Bezwaar,
    *,
    uitkomst: str,
    motivering: str,
    user,
    hoor_afzien_grond: str = "",
    verschoonbaar: bool = False,
    verschoonbaar_reden: str = "",
    beslist_op: date | None = None,
) -> Brief:
    """The jurist's decision on the bezwaar (Awb art. 7:11). Gegrond against a PIP: a new
    PIP concept is drafted from the version in force (regie.plans), which a klantmanager
    vaststelt; the inburgeringstermijn does not move (Wi art. 11 lid 3). Gegrond against a
    fine: the fine is revoked. The letter carries the beroep clause."""
    Bezwaar.objects.select_for_update().filter(pk=bezwaar.pk).first()
    beslist_op = beslist_op or _today()
    errors = decision_problems(bezwaar, uitkomst, hoor_afzien_grond, verschoonbaar, beslist_op)
    if not motivering.strip():
        errors.setdefault("motivering", []).append(_("Motiveer de beslissing (Awb art. 7:12)."))
    if verschoonbaar and not verschoonbaar_reden.strip():
        errors.setdefault("verschoonbaar_reden", []).append(
            _("Leg uit waarom de termijnoverschrijding verschoonbaar is.")
        )
    _raise(errors)
    bezwaar.stage = BezwaarState.BESLIST
    bezwaar.uitkomst = uitkomst
    bezwaar.motivering = motivering.strip()
    bezwaar.hoor_afzien_grond = "" if gehoord(bezwaar) else hoor_afzien_grond
    bezwaar.verschoonbaar = verschoonbaar and not bezwaar.tijdig
    bezwaar.verschoonbaar_reden = verschoonbaar_reden.strip() if bezwaar.verschoonbaar else ""
    bezwaar.beslist_door = user
    bezwaar.beslist_op = beslist_op
    if uitkomst == Uitkomst.GEGROND and bezwaar.pip_versie_id:
        bezwaar.nieuwe_pip_versie = new_pip_concept(bezwaar, user)
    if uitkomst == Uitkomst.GEGROND and bezwaar.handhaving_id:
        zaak = bezwaar.handhaving
        _move(zaak, HANDHAVING_TRANSITIONS, HandhavingState.HERROEPEN, HandhavingStage)
        zaak.afgesloten_op = beslist_op
        zaak.afsluit_reden = _("Bezwaar %(kenmerk)s gegrond verklaard.") % {
            "kenmerk": bezwaar.kenmerk
        }
        zaak.save()
    bezwaar.save()
    from regie.enforcement.documents import make_letter

    return make_letter(bezwaar, "beslissing_op_bezwaar")


def new_pip_concept(bezwaar: Bezwaar, user):
    """A new PIP concept after a gegrond bezwaar, made through regie.plans: prefilled from
    the version in force, with the reason naming the bezwaar. An open concept is reused."""
    reden = _(
        "Nieuwe versie na gegrond bezwaar %(kenmerk)s tegen PIP versie %(n)s (beslissing van "
        "%(dag)s). De inburgeringstermijn verandert niet (Wet inburgering 2021 art. 11 lid 3)."
    ) % {
        "kenmerk": bezwaar.kenmerk,
        "n": bezwaar.pip_versie.nummer,
        "dag": _d(bezwaar.beslist_op or _today()),
    }
    return draft_pip_version(bezwaar.inburgeraar, reden, user)


def draft_pip_version(
    person: Inburgeraar, reden: str, user, *, aanbieden: bool = False, extra_goals=()
):
    """Draft the next PIP version through regie.plans' public functions: the open concept,
    or a new one prefilled from the version in force (fields and open goals, plus
    ``extra_goals`` as dicts of PIPDoel fields), with ``reden`` added to its
    wijzigingsreden."""
    from regie.plans import services as plan_services
    from regie.plans.forms import doel_formset

    versie, goals = plan_services.concept_or_new(person)
    goals = [*goals, *extra_goals]
    if reden not in versie.wijzigingsreden:
        versie.wijzigingsreden = (f"{versie.wijzigingsreden}\n\n{reden}").strip()
    data = {
        "doelen-TOTAL_FORMS": str(len(goals)),
        "doelen-INITIAL_FORMS": "0",
        "doelen-MIN_NUM_FORMS": "0",
        "doelen-MAX_NUM_FORMS": "1000",
    }
    for index, goal in enumerate(goals):
        for name, value in goal.items():
            data[f"doelen-{index}-{name}"] = "" if value is None else str(value)
    formset = doel_formset(extra=0)(data, instance=versie, prefix="doelen")
    if not formset.is_valid():  # pragma: no cover - goals come from a vastgestelde version
        raise ValidationError(_("De doelen van het PIP konden niet worden overgenomen."))
    return plan_services.save_concept(versie, formset, user, aanbieden=aanbieden)


# --- beroep ------------------------------------------------------------------------------


@transaction.atomic
def register_beroep(
    bezwaar: Bezwaar,
    *,
    instantie: str,
    ingesteld_op: date,
    appellant: str,
    zaaknummer: str = "",
    beroepschrift_ontvangen_op: date | None = None,
    hoger_beroep_van: Beroep | None = None,
) -> Beroep:
    """Beroep at the rechtbank against the beslissing op bezwaar, or hoger beroep at the
    Raad van State against the rechtbank's uitspraak."""
    errors: dict[str, list] = {}
    _not_future(ingesteld_op, "ingesteld_op", errors, _("De datum"))
    if bezwaar.stage != BezwaarState.BESLIST:
        raise ValidationError(_("Beroep kan pas na de beslissing op het bezwaar."))
    if instantie == Instantie.RECHTBANK:
        if ingesteld_op < bezwaar.beslist_op:
            errors.setdefault("ingesteld_op", []).append(
                _("Het beroep ligt vóór de beslissing op bezwaar (%(dag)s).")
                % {"dag": _d(bezwaar.beslist_op)}
            )
        if bezwaar.beroepen.filter(instantie=Instantie.RECHTBANK).exists():
            errors.setdefault("instantie", []).append(
                _("Tegen deze beslissing is al beroep ingesteld.")
            )
    else:
        if hoger_beroep_van is None or hoger_beroep_van.stage != BeroepState.UITSPRAAK:
            errors.setdefault("instantie", []).append(
                _("Hoger beroep kan pas na de uitspraak van de rechtbank.")
            )
        elif ingesteld_op < hoger_beroep_van.uitspraak_op:
            errors.setdefault("ingesteld_op", []).append(
                _("Het hoger beroep ligt vóór de uitspraak van de rechtbank.")
            )
    if beroepschrift_ontvangen_op and beroepschrift_ontvangen_op < ingesteld_op:
        errors.setdefault("beroepschrift_ontvangen_op", []).append(
            _("De rechter kan het beroepschrift niet vóór het instellen hebben gestuurd.")
        )
    _raise(errors)
    return Beroep.objects.create(
        bezwaar=bezwaar,
        instantie=instantie,
        ingesteld_op=ingesteld_op,
        appellant=appellant,
        zaaknummer=zaaknummer.strip(),
        beroepschrift_ontvangen_op=beroepschrift_ontvangen_op,
        hoger_beroep_van=hoger_beroep_van if instantie == Instantie.RAAD_VAN_STATE else None,
    )


@transaction.atomic
def update_beroep(
    beroep: Beroep,
    *,
    stand: str,
    zitting_op: date | None = None,
    uitspraak_op: date | None = None,
    uitkomst: str = "",
    toelichting: str = "",
    beroepschrift_ontvangen_op: date | None = None,
    zaaknummer: str | None = None,
) -> Beroep:
    errors: dict[str, list] = {}
    if stand != beroep.stage and not can_transition(BEROEP_TRANSITIONS, beroep.stage, stand):
        raise ValidationError(
            _("Van '%(old)s' naar '%(new)s' is geen toegestane stap.")
            % {"old": BeroepStage(beroep.stage).label, "new": BeroepStage(stand).label}
        )
    if stand == BeroepState.ZITTING_GEPLAND and zitting_op is None:
        errors.setdefault("zitting_op", []).append(_("Vul de datum van de zitting in."))
    if zitting_op and zitting_op < beroep.ingesteld_op:
        errors.setdefault("zitting_op", []).append(_("De zitting ligt vóór het beroep."))
    if stand == BeroepState.UITSPRAAK:
        if uitspraak_op is None:
            errors.setdefault("uitspraak_op", []).append(_("Vul de datum van de uitspraak in."))
        elif uitspraak_op < beroep.ingesteld_op:
            errors.setdefault("uitspraak_op", []).append(_("De uitspraak ligt vóór het beroep."))
        else:
            _not_future(uitspraak_op, "uitspraak_op", errors, _("De uitspraak"))
        if not uitkomst:
            errors.setdefault("uitkomst", []).append(_("Kies de uitkomst van de uitspraak."))
    _raise(errors)
    beroep.stage = stand
    beroep.zitting_op = zitting_op
    if stand == BeroepState.UITSPRAAK:
        beroep.uitspraak_op = uitspraak_op
        beroep.uitkomst = uitkomst
    beroep.toelichting = toelichting.strip()
    if beroepschrift_ontvangen_op is not None:
        beroep.beroepschrift_ontvangen_op = beroepschrift_ontvangen_op
    if zaaknummer is not None:
        beroep.zaaknummer = zaaknummer.strip()
    beroep.save()
    return beroep


def beroep_deadlines(beroep: Beroep) -> list[tuple[str, date]]:
    found = []
    if beroep.stage in BEROEP_OPEN and beroep.beroepschrift_ontvangen_op:
        found.append(
            (
                _("Stukken en verweerschrift naar de rechter (Awb art. 8:42)"),
                hh.stukken_beroep_einde(beroep.beroepschrift_ontvangen_op),
            )
        )
    if beroep.stage == BeroepState.ZITTING_GEPLAND and beroep.zitting_op:
        found.append(
            (_("Zitting %(inst)s") % {"inst": beroep.get_instantie_display()}, beroep.zitting_op)
        )
    if (
        beroep.stage == BeroepState.UITSPRAAK
        and beroep.instantie == Instantie.RECHTBANK
        and beroep.uitspraak_op
        and not beroep.hoger_beroepen.exists()
    ):
        einde = hh.beroepstermijn_einde(beroep.uitspraak_op)
        if einde >= _today():
            found.append((_("Termijn hoger beroep (Awb art. 6:7)"), einde))
    return found


def bezwaar_deadlines(bezwaar: Bezwaar) -> list[tuple[str, date]]:
    """The open deadlines of a bezwaar and its beroepen, as (what, last day)."""
    found = []
    if bezwaar.stage == BezwaarState.ONTVANGEN:
        found.append((_("Advies van de uitvoerder"), advies_uiterlijk(bezwaar)))
    if bezwaar.stage in BEZWAAR_OPEN:
        found.append((_("Beslistermijn bezwaar (Awb art. 7:10)"), beslistermijn(bezwaar)))
        for h in bezwaar.hoorzittingen.all():
            if h.stage == HoorzittingState.GEPLAND:
                found.append((_("Hoorzitting"), h.datum))
    if bezwaar.stage == BezwaarState.BESLIST and bezwaar.beslist_op:
        beroepen = list(bezwaar.beroepen.all())
        einde = hh.beroepstermijn_einde(bezwaar.beslist_op)
        if not beroepen and einde >= _today():
            found.append((_("Beroepstermijn (Awb art. 6:7)"), einde))
        for beroep in beroepen:
            found.extend(beroep_deadlines(beroep))
    return found


# --- figures for the regisseur -----------------------------------------------------------


@dataclass
class MuniFigures:
    name: str
    zaken: int = 0
    per_fase: dict = field(default_factory=dict)
    boetes: int = 0
    boetes_bedrag: Decimal = Decimal(0)
    bezwaren: int = 0
    uitkomsten: dict = field(default_factory=dict)
    beslist: int = 0
    gemiddelde_dagen: float | None = None
    te_laat_beslist: int = 0
    open_over_termijn: int = 0
    beroepen: int = 0
    beroep_uitkomsten: dict = field(default_factory=dict)


def figures(municipality_ids: list[int], start: date, end: date) -> list[MuniFigures]:
    """Counts, outcomes, average duration and overdue cases per municipality for the period
    [start, end]. Figures only: no names. A fixed number of queries."""
    from regie.core.models import Municipality

    today = _today()
    munis = {
        m.pk: MuniFigures(m.name)
        for m in Municipality.objects.filter(pk__in=municipality_ids).order_by("name")
    }
    zaken = Handhavingszaak.objects.filter(inburgeraar__municipality__in=list(munis))
    for muni, stage, n in (
        zaken.filter(signaal_op__range=(start, end))
        .values_list("inburgeraar__municipality", "stage")
        .annotate(n=Count("id"))
        .order_by()
    ):
        row = munis[muni]
        row.zaken += n
        row.per_fase[HandhavingStage(stage).label] = n
    for muni, n, total in (
        zaken.filter(boetebesluit_op__range=(start, end))
        .values("inburgeraar__municipality")
        .annotate(n=Count("id"), total=Sum("bedrag"))
        .values_list("inburgeraar__municipality", "n", "total")
        .order_by()
    ):
        munis[muni].boetes = n
        munis[muni].boetes_bedrag = total or Decimal(0)
    bezwaren = Bezwaar.objects.filter(inburgeraar__municipality__in=list(munis))
    for muni, n in (
        bezwaren.filter(ontvangen_op__range=(start, end))
        .values_list("inburgeraar__municipality")
        .annotate(n=Count("id"))
        .order_by()
    ):
        munis[muni].bezwaren = n
    durations: dict[int, list[int]] = defaultdict(list)
    for muni, uitkomst, ontvangen, beslist, bekend, commissie, weken in bezwaren.filter(
        beslist_op__range=(start, end)
    ).values_list(
        "inburgeraar__municipality",
        "uitkomst",
        "ontvangen_op",
        "beslist_op",
        "besluit_bekendgemaakt_op",
        "adviescommissie",
        "verdaagd_weken",
    ):
        row = munis[muni]
        label = Uitkomst(uitkomst).label if uitkomst else "—"
        row.uitkomsten[label] = row.uitkomsten.get(label, 0) + 1
        if uitkomst != Uitkomst.INGETROKKEN:
            row.beslist += 1
            durations[muni].append((beslist - ontvangen).days)
            termijn = rules.beslistermijn_bezwaar_einde(
                rules.bezwaartermijn_einde(bekend), commissie, weken
            )
            if beslist > termijn:
                row.te_laat_beslist += 1
    for muni, values in durations.items():
        munis[muni].gemiddelde_dagen = round(sum(values) / len(values), 1)
    for muni, bekend, commissie, weken in bezwaren.filter(
        stage__in=[s.value for s in BEZWAAR_OPEN]
    ).values_list(
        "inburgeraar__municipality", "besluit_bekendgemaakt_op", "adviescommissie", "verdaagd_weken"
    ):
        termijn = rules.beslistermijn_bezwaar_einde(
            rules.bezwaartermijn_einde(bekend), commissie, weken
        )
        if termijn < today:
            munis[muni].open_over_termijn += 1
    for muni, uitkomst, stage in (
        Beroep.objects.filter(
            bezwaar__inburgeraar__municipality__in=list(munis),
            ingesteld_op__range=(start, end),
        )
        .values_list("bezwaar__inburgeraar__municipality", "uitkomst", "stage")
        .order_by()
    ):
        row = munis[muni]
        row.beroepen += 1
        label = BeroepStage(stage).label if not uitkomst else Uitkomst(uitkomst).label
        row.beroep_uitkomsten[label] = row.beroep_uitkomsten.get(label, 0) + 1
    return list(munis.values())
