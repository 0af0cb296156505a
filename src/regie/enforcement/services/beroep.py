"""Beroep at the rechtbank and hoger beroep at the Raad van State, after the beslissing op
bezwaar, and their terms.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.enforcement.models import (
    Beroep,
    BeroepStage,
    Bezwaar,
    Instantie,
)
from regie.enforcement.services.common import (
    _d,
    _not_future,
    _raise,
    _today,
)
from regie.enforcement.states import (
    BEROEP_OPEN,
    BEROEP_TRANSITIONS,
    BeroepState,
    BezwaarState,
    can_transition,
)
from regie.rules import handhaving as hh

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
