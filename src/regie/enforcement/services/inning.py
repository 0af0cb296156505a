"""Collecting a fine after the boetebesluit (Awb titel 4.4; issue 19, deliverable 4).

- Payment is a fact: :func:`import_camt` reads the bank's CAMT.053 file of the gemeente's
  account and matches each credit entry to a fine by its betalingskenmerk. The whole file
  is imported or nothing; the report lists every entry that was not matched and why.
- :func:`send_aanmaning` (Awb art. 4:112) and :func:`issue_dwangbevel` (art. 4:114), each
  only from its first possible day and with its letter; :func:`volgende_stap` says what is
  due (the werkvoorraad shows it).
- :func:`register_verzoek` / :func:`decide_verzoek`: betalingsregeling and kwijtschelding
  as decisions with a reason and a letter. A regeling that is kept stops the aanmaning.
- :func:`follow_up_suspended`: whether the follow-up of a fine is suspended (a voorlopige
  voorziening, Awb art. 8:81). A bezwaar alone does not suspend payment (Awb art. 6:16).

Every function trusts that the caller scoped the person to the user.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.models import AuditAction
from regie.enforcement import camt
from regie.enforcement.berekening import euro
from regie.enforcement.models import (
    Bankafschrift,
    Betaling,
    HandhavingStage,
    Handhavingszaak,
    InningStage,
    InningVerzoek,
    Invordering,
    VerzoekSoort,
    VerzoekStage,
)
from regie.enforcement.services.common import _d, _not_future, _raise, _today
from regie.enforcement.states import HANDHAVING_TRANSITIONS, HandhavingState, can_transition
from regie.rules import betalingskenmerk
from regie.rules import handhaving as hh
from regie.rules import inning as rules

# Stages of the case in which a fine is to be collected.
TE_INNEN = frozenset({HandhavingState.BEKENDGEMAAKT})


def follow_up_suspended(
    zaak: Handhavingszaak, on: date | None = None, suspended_ids: set[int] | None = None
) -> bool:
    """Whether the follow-up of this fine (aanmaning, dwangbevel) is suspended on ``on``.
    A bezwaar or beroep does not suspend the obligation to pay (Awb art. 6:16); only a
    granted voorlopige voorziening that suspends the boetebesluit does (Awb art. 8:81),
    as recorded by the bezwaar procedure (``services.procedure.decision_suspended``).
    Pass ``suspended_ids`` (from ``suspended_case_ids``) to check many cases in one query."""
    if suspended_ids is not None:
        return zaak.pk in suspended_ids
    from regie.enforcement.services.procedure import decision_suspended

    return decision_suspended(zaak, on or _today())


# --- what was paid ------------------------------------------------------------------------


def invordering_of(zaak: Handhavingszaak) -> Invordering | None:
    try:
        return zaak.invordering
    except Invordering.DoesNotExist:
        return None


def _invordering(zaak: Handhavingszaak) -> Invordering:
    found = invordering_of(zaak)
    if found is None:
        found = Invordering.objects.create(handhaving=zaak)
        zaak.invordering = found
    return found


def stand(zaak: Handhavingszaak, betalingen: list[Betaling] | None = None) -> rules.Betaalstand:
    """Paid and open on the fine (with costs, minus a kwijtschelding)."""
    if betalingen is None:
        betalingen = list(zaak.betalingen.all())
    inv = invordering_of(zaak)
    kosten = (inv.aanmaningskosten + inv.dwangbevel_kosten) if inv else Decimal(0)
    return rules.betaalstand(
        zaak.bedrag or Decimal(0),
        [b.bedrag for b in betalingen],
        kosten=kosten,
        kwijtgescholden=inv.kwijtgescholden if inv else Decimal(0),
    )


@dataclass
class Stap:
    """What is due next in collecting a fine: ``soort`` 'aanmaning' or 'dwangbevel' from
    ``vanaf``; with the reason when it is not yet possible."""

    soort: str
    vanaf: date
    label: str


def betaaltermijn(zaak: Handhavingszaak) -> date | None:
    return hh.betaaltermijn_einde(zaak.bekendgemaakt_op) if zaak.bekendgemaakt_op else None


def regeling(zaak: Handhavingszaak) -> InningVerzoek | None:
    """The granted betalingsregeling in force (the last one granted), if any."""
    verzoeken = [
        v
        for v in zaak.inning_verzoeken.all()
        if v.soort == VerzoekSoort.BETALINGSREGELING and v.stage == VerzoekStage.TOEGEKEND
    ]
    return verzoeken[-1] if verzoeken else None


def schema(verzoek: InningVerzoek) -> list[tuple[date, Decimal]]:
    return [(date.fromisoformat(d), Decimal(a)) for d, a in verzoek.termijnen]


def achterstand(zaak: Handhavingszaak, on: date, betalingen: list[Betaling]) -> Decimal:
    """How far the regeling in force is behind on ``on`` (0: kept)."""
    verzoek = regeling(zaak)
    if verzoek is None:
        return Decimal(0)
    sinds = sum((b.bedrag for b in betalingen if b.boekdatum >= verzoek.beslist_op), Decimal(0))
    return rules.regeling_achterstand(schema(verzoek), sinds, on)


def volgende_stap(
    zaak: Handhavingszaak, on: date | None = None, suspended_ids: set[int] | None = None
) -> Stap | None:
    """The next step of collecting, or None (paid, remitted, not yet made known,
    suspended, a regeling kept). Needs ``betalingen`` and ``inning_verzoeken`` prefetched
    for a constant number of queries over many cases."""
    on = on or _today()
    if zaak.stage not in TE_INNEN or zaak.bekendgemaakt_op is None:
        return None
    if follow_up_suspended(zaak, on, suspended_ids):
        return None
    betalingen = list(zaak.betalingen.all())
    if stand(zaak, betalingen).open <= 0:
        return None
    inv = invordering_of(zaak)
    state = rules.InningState(inv.stage) if inv else rules.InningState.BETAALTERMIJN
    if state == rules.InningState.BETAALTERMIJN:
        return Stap(
            "aanmaning",
            rules.aanmaning_mogelijk_vanaf(betaaltermijn(zaak)),
            _("Boete niet (helemaal) betaald: aanmaning sturen"),
        )
    if state == rules.InningState.AANGEMAAND:
        return Stap(
            "dwangbevel",
            rules.dwangbevel_mogelijk_vanaf(inv.aanmaning_op),
            _("Aanmaning niet betaald: dwangbevel uitvaardigen"),
        )
    if state == rules.InningState.REGELING:
        verzoek = regeling(zaak)
        if verzoek is not None:
            sinds = sum(
                (b.bedrag for b in betalingen if b.boekdatum >= verzoek.beslist_op), Decimal(0)
            )
            gemist = rules.regeling_gemist(schema(verzoek), sinds, on)
            if gemist is not None:
                return Stap(
                    "aanmaning",
                    gemist + timedelta(days=1),
                    _("Betalingsregeling niet nagekomen: aanmaning sturen"),
                )
    return None


# --- the bank's statement -----------------------------------------------------------------


@dataclass
class Rapport:
    gekoppeld: list[dict] = field(default_factory=list)
    niet_gekoppeld: list[dict] = field(default_factory=list)
    overgeslagen: int = 0  # debits and entries that are not booked
    fouten: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "gekoppeld": self.gekoppeld,
            "niet_gekoppeld": self.niet_gekoppeld,
            "overgeslagen": self.overgeslagen,
        }


def _rekening(iban: str):
    from regie.finance.models import Betaalrekening

    for rekening in Betaalrekening.objects.select_related("municipality"):
        if rekening.iban.replace(" ", "").upper() == iban:
            return rekening
    return None


def check_camt(data: bytes, municipality_ids: list[int]) -> tuple[camt.Afschrift, object]:
    """Read and check a file; raises ValidationError with every problem of the file."""
    try:
        afschrift = camt.parse(data)
    except camt.CamtError as exc:
        raise ValidationError(exc.messages) from None
    errors = []
    ibans = set(afschrift.ibans)
    rekening = _rekening(next(iter(ibans))) if len(ibans) == 1 else None
    if len(ibans) != 1:
        errors.append(_("Het bestand bevat afschriften van meer dan één rekening."))
    elif rekening is None or rekening.municipality_id not in municipality_ids:
        errors.append(
            _(
                "Rekening %(iban)s is niet de betaalrekening van een gemeente waarvoor u werkt. "
                "Alleen afschriften van die rekening worden ingelezen."
            )
            % {"iban": next(iter(ibans))}
        )
    for regel in afschrift.regels:
        if not (regel.credit and regel.geboekt) or regel.terugboeking:
            continue
        where = _("Regel %(regel)s (boeking %(nr)s)") % {
            "regel": regel.regel,
            "nr": regel.volgnummer,
        }
        if regel.valuta != "EUR":
            errors.append(
                _("%(waar)s: valuta %(valuta)s; alleen euro's worden ingelezen.")
                % {"waar": where, "valuta": regel.valuta or "?"}
            )
        if regel.bedrag <= 0:
            errors.append(_("%(waar)s: het bedrag is niet groter dan nul.") % {"waar": where})
        if regel.boekdatum is None:
            errors.append(_("%(waar)s: de boekdatum ontbreekt.") % {"waar": where})
        elif regel.boekdatum > _today():
            errors.append(
                _("%(waar)s: de boekdatum %(dag)s ligt in de toekomst.")
                % {"waar": where, "dag": _d(regel.boekdatum)}
            )
    if errors:
        raise ValidationError(errors)
    return afschrift, rekening


@transaction.atomic
def import_camt(data: bytes, bestandsnaam: str, user, municipality_ids: list[int]) -> Bankafschrift:
    """Import a CAMT.053 file of a gemeente's Betaalrekening: every booked credit entry is
    matched to a fine of that gemeente by its betalingskenmerk (structured reference, then
    EndToEndId, then 16 digits in the description) and recorded as a Betaling; a fine paid
    in full moves to 'betaald'. All or nothing: a bad file or a bad row refuses the whole
    file with every problem listed. The same file, or a file with the same MsgId for the
    same account, is refused. Entries already recorded from an earlier file (same bank
    reference) are skipped and reported."""
    sha = hashlib.sha256(data).hexdigest()
    if Bankafschrift.objects.filter(sha256=sha).exists():
        raise ValidationError(_("Dit bestand is al eerder ingelezen."))
    afschrift, rekening = check_camt(data, municipality_ids)
    iban = afschrift.ibans[0]
    if Bankafschrift.objects.filter(iban=iban, bericht_id=afschrift.bericht_id).exists():
        raise ValidationError(
            _("Een afschrift met bericht-id %(id)s van deze rekening is al ingelezen.")
            % {"id": afschrift.bericht_id}
        )
    try:
        with transaction.atomic():
            import_row = Bankafschrift.objects.create(
                municipality=rekening.municipality,
                iban=iban,
                bestandsnaam=bestandsnaam[:200],
                sha256=sha,
                bericht_id=afschrift.bericht_id[:35],
                afschrift_ids=", ".join(afschrift.afschrift_ids)[:400],
                geimporteerd_door=user,
            )
    except IntegrityError:
        raise ValidationError(_("Dit bestand is al eerder ingelezen.")) from None
    credits = [r for r in afschrift.regels if r.credit and r.geboekt and not r.terugboeking]
    rapport = Rapport(overgeslagen=len(afschrift.regels) - len(credits))
    kenmerken = {k for r in credits for k in r.kenmerken() if betalingskenmerk.geldig(k)}
    zaken = {
        z.betalingskenmerk: z
        for z in Handhavingszaak.objects.filter(
            betalingskenmerk__in=kenmerken, inburgeraar__municipality=rekening.municipality
        ).select_related("inburgeraar")
    }
    eerder = set(
        Betaling.objects.filter(
            bankafschrift__iban=iban,
            bankreferentie__in=[r.bankreferentie for r in credits if r.bankreferentie],
        ).values_list("bankreferentie", flat=True)
    )
    touched: dict[int, Handhavingszaak] = {}
    for regel in credits:
        row = {
            "regel": regel.regel,
            "boeking": regel.volgnummer,
            "bedrag": str(regel.bedrag),
            "datum": regel.boekdatum.isoformat(),
            "omschrijving": (regel.gestructureerd or regel.omschrijving)[:140],
        }
        if regel.bankreferentie and regel.bankreferentie in eerder:
            rapport.niet_gekoppeld.append(
                {**row, "reden": "eerder", "uitleg": _("Al ingelezen uit een eerder bestand.")}
            )
            continue
        geldig = [k for k in regel.kenmerken() if betalingskenmerk.geldig(k)]
        zaak = next((zaken[k] for k in geldig if k in zaken), None)
        if zaak is None:
            reden = (
                _("Geen geldig betalingskenmerk gevonden.")
                if not geldig
                else _("Betalingskenmerk %(k)s hoort bij geen boete van deze gemeente.")
                % {"k": betalingskenmerk.leesbaar(geldig[0])}
            )
            rapport.niet_gekoppeld.append({**row, "reden": "onbekend", "uitleg": reden})
            continue
        Betaling.objects.create(
            handhaving=zaak,
            bankafschrift=import_row,
            bedrag=regel.bedrag,
            boekdatum=regel.boekdatum,
            regel=regel.regel,
            volgnummer=regel.volgnummer,
            bankreferentie=regel.bankreferentie[:40],
            kenmerk=zaak.betalingskenmerk,
        )
        touched[zaak.pk] = zaak
        rapport.gekoppeld.append(
            {**row, "zaak": zaak.kenmerk, "zaak_id": zaak.pk, "persoon_id": zaak.inburgeraar_id}
        )
    standen = {}
    for zaak in touched.values():
        standen[zaak.pk] = _after_payment(zaak)
    for row in rapport.gekoppeld:
        row["stand"] = standen[row["zaak_id"]]
    import_row.rapport = rapport.as_json()
    import_row.save(update_fields=["rapport"])
    audit.log(
        AuditAction.CREATE,
        obj=import_row,
        object_type="bankafschrift",
        avg_relevant=False,
        description=(
            f"CAMT.053 ingelezen: {import_row.bestandsnaam} ({import_row.bericht_id}), "
            f"{len(rapport.gekoppeld)} gekoppeld, {len(rapport.niet_gekoppeld)} niet gekoppeld"
        ),
    )
    return import_row


def _after_payment(zaak: Handhavingszaak) -> str:
    """Update the case after new payments; returns the stand for the report."""
    betalingen = list(zaak.betalingen.all())
    s = stand(zaak, betalingen)
    if s.open <= 0 and zaak.stage in TE_INNEN:
        inv = _invordering(zaak)
        inv.stage = InningStage.BETAALD
        inv.betaald_op = max(b.boekdatum for b in betalingen)
        inv.save()
        zaak.stage = HandhavingStage.BETAALD
        zaak.betaald_op = inv.betaald_op
        zaak.save()
    if zaak.stage in (HandhavingState.HERROEPEN, HandhavingState.GESLOTEN):
        return "terugbetalen"
    return s.stand.value


# --- aanmaning and dwangbevel -------------------------------------------------------------


def _check_day(op: date, vanaf: date, field_name: str, errors: dict, what: str) -> None:
    _not_future(op, field_name, errors, _("De datum"))
    if op < vanaf:
        errors.setdefault(field_name, []).append(
            _("%(what)s kan pas vanaf %(dag)s.") % {"what": what, "dag": _d(vanaf)}
        )


@transaction.atomic
def send_aanmaning(zaak: Handhavingszaak, op: date) -> object:
    """The aanmaning (Awb art. 4:112): only when the fine is not paid in time (from the
    day after the betaaltermijn) or a betalingsregeling was not kept; two weeks to pay
    after the day it is sent (``op``, the day it goes out). Costs per lokaal beleid."""
    from regie.core.localrules import local_value
    from regie.enforcement import documents_inning

    Handhavingszaak.objects.select_for_update().filter(pk=zaak.pk).first()
    stap = volgende_stap(zaak, op)
    if stap is None or stap.soort != "aanmaning":
        raise ValidationError(_("Een aanmaning past nu niet bij deze boete."))
    errors: dict[str, list] = {}
    _check_day(op, stap.vanaf, "datum", errors, _("Een aanmaning"))
    _raise(errors)
    inv = _invordering(zaak)
    _inning_move(inv, rules.InningState.AANGEMAAND)
    inv.aanmaning_op = op
    inv.aanmaningskosten = Decimal(
        local_value(zaak.inburgeraar.municipality, "invordering_aanmaningskosten")
    )
    inv.save()
    return documents_inning.make(zaak, "aanmaning", op)


@transaction.atomic
def issue_dwangbevel(zaak: Handhavingszaak, op: date) -> object:
    """The dwangbevel (Awb art. 4:114): only when the aanmaning's term has passed without
    full payment."""
    from regie.core.localrules import local_value
    from regie.enforcement import documents_inning

    Handhavingszaak.objects.select_for_update().filter(pk=zaak.pk).first()
    stap = volgende_stap(zaak, op)
    if stap is None or stap.soort != "dwangbevel":
        raise ValidationError(_("Een dwangbevel past nu niet bij deze boete."))
    errors: dict[str, list] = {}
    _check_day(op, stap.vanaf, "datum", errors, _("Een dwangbevel"))
    _raise(errors)
    inv = _invordering(zaak)
    _inning_move(inv, rules.InningState.DWANGBEVEL)
    inv.dwangbevel_op = op
    inv.dwangbevel_kosten = Decimal(
        local_value(zaak.inburgeraar.municipality, "invordering_dwangbevel_kosten")
    )
    inv.save()
    return documents_inning.make(zaak, "dwangbevel", op)


@transaction.atomic
def record_betekening(zaak: Handhavingszaak, op: date) -> Invordering:
    """The deurwaarder served the dwangbevel (Awb art. 4:116): verzet runs six weeks from
    the day after (art. 4:118)."""
    inv = invordering_of(zaak)
    if inv is None or inv.stage != InningStage.DWANGBEVEL:
        raise ValidationError(_("Er is geen dwangbevel om de betekening van vast te leggen."))
    errors: dict[str, list] = {}
    _not_future(op, "datum", errors, _("De betekening"))
    if op < inv.dwangbevel_op:
        errors.setdefault("datum", []).append(
            _("De betekening kan niet vóór het dwangbevel (%(dag)s) liggen.")
            % {"dag": _d(inv.dwangbevel_op)}
        )
    _raise(errors)
    inv.dwangbevel_betekend_op = op
    inv.save()
    return inv


def _inning_move(inv: Invordering, new: rules.InningState) -> None:
    if not rules.can_move(inv.stage, new):
        raise ValidationError(
            _("Van '%(old)s' naar '%(new)s' is geen toegestane stap.")
            % {"old": InningStage(inv.stage).label, "new": InningStage(new.value).label}
        )
    inv.stage = new.value


# --- betalingsregeling and kwijtschelding --------------------------------------------------


@transaction.atomic
def register_verzoek(zaak: Handhavingszaak, soort: str, ontvangen_op: date, verzoek: str):
    errors: dict[str, list] = {}
    if zaak.stage not in TE_INNEN:
        errors.setdefault(None, []).append(
            _("Een verzoek kan alleen bij een verzonden boete die nog niet betaald is.")
        )
    if soort not in VerzoekSoort.values:
        errors.setdefault("soort", []).append(_("Kies het soort verzoek."))
    _not_future(ontvangen_op, "ontvangen_op", errors, _("De ontvangst"))
    if zaak.bekendgemaakt_op and ontvangen_op < zaak.bekendgemaakt_op:
        errors.setdefault("ontvangen_op", []).append(
            _("Het verzoek kan niet vóór de bekendmaking van de boete zijn ontvangen.")
        )
    if not verzoek.strip():
        errors.setdefault("verzoek", []).append(_("Schrijf op wat de inburgeraar vraagt."))
    if any(
        v.stage == VerzoekStage.AANGEVRAAGD and v.soort == soort
        for v in zaak.inning_verzoeken.all()
    ):
        errors.setdefault(None, []).append(
            _("Er ligt al een verzoek van deze soort waarop nog niet is beslist.")
        )
    _raise(errors)
    return InningVerzoek.objects.create(
        handhaving=zaak, soort=soort, ontvangen_op=ontvangen_op, verzoek=verzoek.strip()
    )


@transaction.atomic
def decide_verzoek(
    verzoek: InningVerzoek,
    *,
    toegekend: bool,
    op: date,
    reden: str,
    user,
    aantal_termijnen: int | None = None,
    eerste_termijn: date | None = None,
    bedrag: Decimal | None = None,
    afwijking_reden: str = "",
):
    """Decide a request, always with a reason the person reads, and make the letter.

    - Betalingsregeling granted: the open amount in ``aantal_termijnen`` monthly termijnen
      from ``eerste_termijn``; more than the local maximum only with ``afwijking_reden``
      (Awb art. 4:84). While kept, no aanmaning is due.
    - Kwijtschelding granted: ``bedrag`` (at most what is open) is remitted; all of it ends
      the collection (case 'kwijtgescholden')."""
    from regie.core.localrules import local_value
    from regie.enforcement import documents_inning

    zaak = verzoek.handhaving
    errors: dict[str, list] = {}
    if verzoek.stage != VerzoekStage.AANGEVRAAGD:
        raise ValidationError(_("Op dit verzoek is al beslist."))
    if zaak.stage not in TE_INNEN:
        raise ValidationError(_("De boete is niet meer open; er valt niets te beslissen."))
    _not_future(op, "beslist_op", errors, _("De beslissing"))
    if op < verzoek.ontvangen_op:
        errors.setdefault("beslist_op", []).append(
            _("De beslissing kan niet vóór de ontvangst van het verzoek liggen.")
        )
    if not reden.strip():
        errors.setdefault("reden", []).append(_("Geef de reden; die staat in de brief."))
    open_ = stand(zaak).open
    inv = _invordering(zaak)
    if toegekend and verzoek.soort == VerzoekSoort.BETALINGSREGELING:
        maximum = int(local_value(zaak.inburgeraar.municipality, "betalingsregeling_max_termijnen"))
        if not aantal_termijnen or aantal_termijnen < 1:
            errors.setdefault("aantal_termijnen", []).append(_("Geef het aantal termijnen."))
        elif aantal_termijnen > maximum and not afwijking_reden.strip():
            errors.setdefault("aantal_termijnen", []).append(
                _(
                    "Ten hoogste %(max)s termijnen (lokaal beleid). Meer kan alleen met een "
                    "reden voor de afwijking (Awb art. 4:84)."
                )
                % {"max": maximum}
            )
        if eerste_termijn is None:
            errors.setdefault("eerste_termijn", []).append(_("Geef de dag van de eerste termijn."))
        elif eerste_termijn < op:
            errors.setdefault("eerste_termijn", []).append(
                _("De eerste termijn kan niet vóór de beslissing liggen.")
            )
    if toegekend and verzoek.soort == VerzoekSoort.KWIJTSCHELDING:
        if bedrag is None or bedrag <= 0:
            errors.setdefault("bedrag", []).append(_("Geef het bedrag dat wordt kwijtgescholden."))
        elif bedrag > open_:
            errors.setdefault("bedrag", []).append(
                _("Er staat nog %(open)s open; meer kan niet worden kwijtgescholden.")
                % {"open": euro(open_)}
            )
    if toegekend and open_ <= 0:
        errors.setdefault(None, []).append(_("Er staat niets meer open."))
    _raise(errors)
    verzoek.stage = VerzoekStage.TOEGEKEND if toegekend else VerzoekStage.AFGEWEZEN
    verzoek.beslist_op = op
    verzoek.reden = reden.strip()
    verzoek.beslist_door = user
    if toegekend and verzoek.soort == VerzoekSoort.BETALINGSREGELING:
        verzoek.termijnen = [
            [d.isoformat(), str(a)]
            for d, a in rules.termijnen(open_, aantal_termijnen, eerste_termijn)
        ]
        verzoek.save()
        _inning_move(inv, rules.InningState.REGELING)
        inv.save()
    elif toegekend:
        verzoek.bedrag = bedrag
        verzoek.save()
        inv.kwijtgescholden += bedrag
        if bedrag >= open_:
            _inning_move(inv, rules.InningState.KWIJTGESCHOLDEN)
            if can_transition(HANDHAVING_TRANSITIONS, zaak.stage, HandhavingState.KWIJTGESCHOLDEN):
                zaak.stage = HandhavingStage.KWIJTGESCHOLDEN
                zaak.afgesloten_op = op
                zaak.afsluit_reden = verzoek.reden
                zaak.save()
        inv.save()
    else:
        verzoek.save()
    return documents_inning.make(zaak, verzoek.soort, op, verzoek=verzoek)


# --- terms for the pages -------------------------------------------------------------------


def inning_deadlines(zaak: Handhavingszaak, on: date | None = None) -> list[tuple[str, date]]:
    """The running terms of collecting (for the case page and the person's file)."""
    on = on or _today()
    inv = invordering_of(zaak)
    found = []
    if inv and inv.stage == InningStage.AANGEMAAND and inv.aanmaning_op:
        found.append(
            (_("Betaaltermijn aanmaning"), rules.aanmaning_termijn_einde(inv.aanmaning_op))
        )
    if inv and inv.dwangbevel_betekend_op:
        einde = rules.verzet_termijn_einde(inv.dwangbevel_betekend_op)
        if einde >= on:
            found.append((_("Termijn voor verzet tegen het dwangbevel"), einde))
    if inv and inv.stage == InningStage.REGELING:
        verzoek = regeling(zaak)
        komend = [d for d, _a in schema(verzoek) if d >= on] if verzoek else []
        if komend:
            found.append((_("Volgende termijn betalingsregeling"), komend[0]))
    return found
