"""Handhaving: the fine. Its calculation (Wi art. 22/23, Besluit art. 7.1), the boetebesluit
with its letter, bekendmaking, payment and closing, and the open terms of a case.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from regie import rules
from regie.core import audit
from regie.core.bekendmaking import BekendmakingWijze, dagtekening_errors
from regie.core.models import AuditAction
from regie.enforcement import berekening as bk
from regie.enforcement.berekening import euro
from regie.enforcement.models import (
    BeroepUitkomst,
    Bezwaar,
    Brief,
    Grondslag,
    HandhavingStage,
    Handhavingszaak,
    Uitkomst,
)
from regie.enforcement.services.common import (
    _d,
    _move,
    _not_future,
    _raise,
    _today,
)
from regie.enforcement.services.handhaving import betaalrekening
from regie.enforcement.states import (
    BEROEP_OPEN,
    BEZWAAR_OPEN,
    HANDHAVING_FINED,
    HANDHAVING_TRANSITIONS,
    HandhavingState,
    can_transition,
)
from regie.rules import betalingskenmerk
from regie.rules import handhaving as hh
from regie.rules.deadlines import add_months
from regie.rules.fines import Verwijtbaarheid, boete_art23_basisbedrag

# --- handhaving: the fine ----------------------------------------------------------------


@dataclass(frozen=True)
class Grond:
    """Whether the basis of a fine holds on a day (regie.rules.handhaving.boete_mogelijk),
    with the reason in Dutch and the cap period of Besluit art. 7.1 lid 5."""

    mogelijk: bool
    reden: str
    vanaf: date | None
    periode: hh.Boeteperiode | None


def _art23_in_pip(person) -> bool:
    from regie.plans import services as plan_services

    versie = plan_services.current_versie(plan_services.pip_of(person))
    return versie is not None and bool(plan_services.art23_gronden(versie, person))


def boete_grond(zaak: Handhavingszaak, on: date | None = None) -> Grond:
    """The facts of the case and the person on ``on`` (default today) put to
    :func:`regie.rules.handhaving.boete_mogelijk`: the warning's term (art. 22), the scope
    (rules.category), the PIP, the termijn record and DUO's ontheffing (art. 23). A fixed
    number of queries."""
    from regie.people import termijn as people_termijn
    from regie.rules import termijn as rules_termijn

    on = on or _today()
    person = zaak.inburgeraar
    termijn = people_termijn.termijn_of(person)
    ontheffing = rules_termijn.plicht_beeindigd(people_termijn.onderdelen_besluiten(person), on)
    nieuwe = [
        (w.ingang, w.einde)
        for w in (termijn.wijzigingen if termijn else ())
        if rules_termijn.Wijzigingsoort(w.soort) == rules_termijn.Wijzigingsoort.NIEUWE_TERMIJN
    ]
    if zaak.grondslag == Grondslag.ART22:
        result = hh.boete_mogelijk(
            "art22",
            on,
            gewaarschuwd=zaak.waarschuwing_op is not None,
            nieuwe_termijn_einde=zaak.nieuwe_termijn_einde,
            ontheffing=ontheffing,
        )
    else:
        result = hh.boete_mogelijk(
            "art23",
            on,
            art23_in_bereik=bool(person.rechtspositie.art23),
            gedrag_in_pip=_art23_in_pip(person),
            termijn_start=termijn.start if termijn else None,
            termijn_einde=termijn.einde if termijn else None,
            ontheffing=ontheffing,
        )
    periode = (
        hh.boeteperiode(on, termijn.start, termijn.einde, nieuwe) if termijn is not None else None
    )
    reden = ""
    if not result.mogelijk:
        reden = _(result.reden) % {
            "dag": _d(result.vanaf) if result.vanaf else "",
            "einde": _d(result.einde) if result.einde else "",
        }
    return Grond(result.mogelijk, reden, result.vanaf, periode)


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


def fines_so_far(
    person_id: int, exclude: int | None = None, periode: hh.Boeteperiode | None = None
) -> Decimal:
    """The college fines already imposed on the person and not revoked (the cap counts
    them, Besluit art. 7.1 lid 5): those imposed (dagtekening) within ``periode``, the
    (extended) termijn or a DUO new term; all of them when no period is known."""
    queryset = Handhavingszaak.objects.filter(
        inburgeraar_id=person_id, stage__in=[s.value for s in HANDHAVING_FINED]
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    if periode is not None:
        queryset = queryset.filter(
            boetebesluit_op__gte=periode.start, boetebesluit_op__lte=periode.einde
        )
    return queryset.aggregate(total=Sum("bedrag"))["total"] or Decimal(0)


def onherroepelijk(zaak: Handhavingszaak, on: date, bezwaren: list[Bezwaar]) -> bool:
    """Whether the fine of ``zaak`` was onherroepelijk on ``on`` (Besluit art. 7.1 lid 3;
    regie.rules.handhaving.onherroepelijk_op): made known, the bezwaartermijn over, no
    bezwaar, beroep or hoger beroep pending, none upheld, and the beroepstermijn after the
    beslissing op bezwaar and the hoger-beroepstermijn after a rechtbank's uitspraak over.
    Pass the bezwaren with their beroepen prefetched. A revoked fine is never counted."""
    if zaak.bekendgemaakt_op is None or zaak.stage not in HANDHAVING_FINED - {
        HandhavingState.BOETEBESLUIT
    }:
        return False
    aanhangig = False
    einden = [rules.bezwaartermijn_einde(zaak.bekendgemaakt_op)]
    for bezwaar in bezwaren:
        if bezwaar.stage in BEZWAAR_OPEN or bezwaar.uitkomst == Uitkomst.GEGROND:
            aanhangig = True
        if bezwaar.beslist_op:
            if bezwaar.beslissing_bekendgemaakt_op is None:
                # The beroepstermijn runs from the day after the beslissing was sent; while
                # that is not recorded the fine is not onherroepelijk.
                aanhangig = True
            else:
                einden.append(hh.beroepstermijn_einde(bezwaar.beslissing_bekendgemaakt_op))
        for beroep in bezwaar.beroepen.all():
            if beroep.stage in BEROEP_OPEN or beroep.uitkomst == BeroepUitkomst.GEGROND:
                aanhangig = True
            elif beroep.uitspraak_op and beroep.hoger_beroep_van_id is None:
                # Hoger beroep: six weeks from the day after the uitspraak was sent (Awb
                # 6:7, 6:8); the uitspraak's date stands for its sending.
                einden.append(hh.beroepstermijn_einde(beroep.uitspraak_op))
    return hh.onherroepelijk_op(on, aanhangig=aanhangig, termijn_einden=einden)


def prior_art23(zaak: Handhavingszaak, on: date) -> list[Handhavingszaak]:
    """The earlier art. 23 cases of the person whose fine was onherroepelijk on ``on``
    (a fixed number of queries)."""
    earlier = list(
        Handhavingszaak.objects.filter(
            inburgeraar_id=zaak.inburgeraar_id,
            grondslag=Grondslag.ART23,
            overtreding_vastgesteld_op__isnull=False,
        )
        .exclude(pk=zaak.pk)
        .prefetch_related("bezwaren__beroepen")
        .order_by("overtreding_vastgesteld_op", "pk")
    )
    # A fine the voorzieningenrechter suspended does not count either (Awb art. 8:81).
    from regie.enforcement.services.procedure import suspended_case_ids

    suspended = suspended_case_ids([e.pk for e in earlier], on)
    return [
        e
        for e in earlier
        if e.pk not in suspended and onherroepelijk(e, on, list(e.bezwaren.all()))
    ]


def prior_art23_dates(zaak: Handhavingszaak, on: date) -> list[date]:
    """The dates of earlier art. 23 violations of the person whose fine was onherroepelijk
    on ``on``."""
    return [e.overtreding_vastgesteld_op for e in prior_art23(zaak, on)]


def calculate(
    zaak: Handhavingszaak,
    vastgesteld_op: date,
    verwijtbaarheid: str | None = None,
    dagtekening: date | None = None,
) -> Berekening:
    """The fine for ``zaak`` (Wi art. 22/23; Besluit art. 7.1), capped by what may still
    be imposed. Regie computes; the user records the culpability and its reasons."""
    dagtekening = dagtekening or _today()
    periode = boete_grond(zaak, dagtekening).periode
    maanden = periode.nieuwe_termijn_maanden if periode else None
    so_far = fines_so_far(zaak.inburgeraar_id, exclude=zaak.pk, periode=periode)
    plafond = rules.boetes_cap(maanden)
    stappen: list[dict] = []
    herhalingen = 0
    if zaak.grondslag == Grondslag.ART22:
        wettelijk = rules.boete_art22()
        stappen.append(bk.stap("art22", wettelijk))
    else:
        if not verwijtbaarheid:
            raise ValidationError({"verwijtbaarheid": _("Kies de mate van verwijtbaarheid.")})
        graad = Verwijtbaarheid(verwijtbaarheid)
        eerdere = prior_art23(zaak, dagtekening)
        herhalingen = hh.art23_herhalingen(
            vastgesteld_op, [e.overtreding_vastgesteld_op for e in eerdere]
        )
        vanaf = add_months(vastgesteld_op, -hh.HERHALING_MAANDEN)
        geteld = [e for e in eerdere if vanaf <= e.overtreding_vastgesteld_op < vastgesteld_op]
        basis = boete_art23_basisbedrag(herhalingen)
        wettelijk = rules.boete_art23(herhalingen, graad)
        stappen.append(bk.stap("basis", Decimal(50)))
        if herhalingen:
            stappen.append(bk.stap("herhaling", basis, dag=vastgesteld_op, n=herhalingen))
            stappen.append(
                bk.stap(
                    "herhaling_welke",
                    basis,
                    zaken=", ".join(
                        f"{e.kenmerk} ({_d(e.overtreding_vastgesteld_op)})" for e in geteld
                    ),
                )
            )
        else:
            stappen.append(bk.stap("herhaling_geen", basis, dag=vastgesteld_op))
        stappen.append(
            bk.stap("verwijtbaarheid", wettelijk, pct=graad.percentage, graad=graad.value)
        )
    maximum = rules.boete_binnen_maximum(wettelijk, so_far, maanden)
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
    dagtekening_reden: str = "",
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
    for message in dagtekening_errors(dagtekening, dagtekening_reden):
        err("dagtekening_reden" if dagtekening <= _today() else "boetebesluit_op", message)
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
                    "waarschuwing met een nieuwe termijn (Wet inburgering 2021 art. 14 lid 1, "
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
    if not errors:
        grond = boete_grond(zaak, dagtekening)
        if not grond.mogelijk:
            err(None, grond.reden)
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

    return make_letter(zaak, "boetebesluit", dagtekening_reden if dagtekening < _today() else "")


@transaction.atomic
def make_known(
    zaak: Handhavingszaak, bekendgemaakt_op: date, wijze: str = BekendmakingWijze.POST
) -> Handhavingszaak:
    """Record the bekendmaking of the boetebesluit ("Verzonden / uitgereikt", with the
    way, Awb art. 3:41): bezwaar- and betaaltermijn start the day after. The letter of the
    boetebesluit gets the same date; audit-logged."""
    errors: dict[str, list] = {}
    _not_future(bekendgemaakt_op, "datum", errors, _("De bekendmaking"))
    if zaak.boetebesluit_op and bekendgemaakt_op < zaak.boetebesluit_op:
        errors.setdefault("datum", []).append(
            _("De bekendmaking kan niet vóór de dagtekening (%(dag)s) liggen.")
            % {"dag": _d(zaak.boetebesluit_op)}
        )
    if wijze not in BekendmakingWijze.values:
        errors.setdefault("wijze", []).append(_("Kies hoe het besluit is bekendgemaakt."))
    _raise(errors)
    _move(zaak, HANDHAVING_TRANSITIONS, HandhavingState.BEKENDGEMAAKT, HandhavingStage)
    zaak.bekendgemaakt_op = bekendgemaakt_op
    zaak.bekendmaking_wijze = wijze
    zaak.save()
    brief = (
        Brief.objects.filter(handhaving=zaak, soort="boetebesluit", bekendgemaakt_op__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    if brief is not None:
        brief.bekendgemaakt_op = bekendgemaakt_op
        brief.bekendmaking_wijze = wijze
        brief.save()
    audit.log(
        AuditAction.UPDATE,
        obj=zaak,
        inburgeraar_id=zaak.inburgeraar_id,
        description=f"boetebesluit verzonden/uitgereikt: {bekendgemaakt_op.isoformat()} ({wijze})",
    )
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
