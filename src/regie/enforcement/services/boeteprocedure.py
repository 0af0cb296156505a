"""Handhaving: the procedure before an art. 23 fine (Awb art. 5:48-5:53, 5:10a): the
rapport with its letter (the voornemen and the invitation for a zienswijze), the
zienswijze, and the terms it sets. The rules are in :mod:`regie.rules.boeteprocedure`.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.core.localrules import local_value
from regie.enforcement.models import Boeterapport, Brief, Grondslag, Handhavingszaak
from regie.enforcement.models_boeterapport import ProcedureStage
from regie.enforcement.services.common import _d, _not_future, _raise, _today
from regie.enforcement.states import HandhavingState
from regie.rules import boeteprocedure as bp
from regie.rules.boeteprocedure import ProcedureState


def rapport_of(zaak: Handhavingszaak) -> Boeterapport | None:
    """The case's rapport, or None (no query when select_related('boeterapport'))."""
    try:
        return zaak.boeterapport
    except ObjectDoesNotExist:
        return None


def procedure_vereist(zaak: Handhavingszaak) -> bool:
    """Whether the fine of this case needs the procedure of Awb art. 5:53: an art. 23 fine
    can be higher than € 340 (its maximum is € 800), the art. 22 fine of € 250 cannot."""
    from regie.rules import fines

    if zaak.grondslag == Grondslag.ART23:
        return bp.awb553_van_toepassing(fines.BOETE_ART23_MAX)
    return bp.awb553_van_toepassing(fines.boete_art22())


def zienswijze_weken(zaak: Handhavingszaak) -> int:
    """The municipality's minimum term for a zienswijze (lokaal beleid)."""
    return int(local_value(zaak.inburgeraar.municipality, "boete_zienswijze_termijn_weken"))


def procedure_grond(zaak: Handhavingszaak, on: date) -> bp.ProcedureGrond:
    rapport = rapport_of(zaak)
    return bp.boete_na_procedure(
        rapport.stage if rapport else None,
        rapport.zienswijze_termijn_einde if rapport else None,
        on,
        rapport_op=rapport.rapport_op if rapport else None,
        zienswijze_op=rapport.zienswijze_op if rapport else None,
    )


def rapport_voorstel(zaak: Handhavingszaak, user=None) -> dict:
    """Initial values of the rapport form."""
    today = _today()
    naam = ""
    if user is not None:
        naam = user.get_full_name() or user.username
    return {
        "rapport_op": today,
        "overtreding_op": zaak.signaal_op,
        "opgemaakt_door": naam,
        "zienswijze_termijn_einde": bp.zienswijze_termijn_minimum(today, zienswijze_weken(zaak)),
    }


def rapport_refusal(zaak: Handhavingszaak) -> str:
    """Why no rapport can be made for this case now, or ''."""
    if zaak.grondslag != Grondslag.ART23:
        return _(
            "Een rapport met zienswijze (Awb art. 5:53) hoort bij een boete op grond van "
            "artikel 23. Bij artikel 22 gaat de schriftelijke waarschuwing voor."
        )
    if rapport_of(zaak) is not None:
        return _("Voor deze zaak is al een rapport opgemaakt.")
    if zaak.stage not in (HandhavingState.SIGNAAL, HandhavingState.WAARSCHUWING):
        return _("In deze fase kan geen rapport meer worden opgemaakt.")
    return ""


@transaction.atomic
def make_rapport(
    zaak: Handhavingszaak,
    *,
    rapport_op: date,
    overtreding_op: date,
    feiten: str,
    verplichting: str,
    opgemaakt_door: str,
    zienswijze_termijn_einde: date,
    verhoord_op: date | None = None,
    verhoor_cautie: bool = False,
    user=None,
) -> Brief:
    """Draw up the rapport (Awb art. 5:48 lid 2, 5:53 lid 2) and make its letter: the
    rapport, the voornemen with its reasons and the invitation for a zienswijze before
    ``zienswijze_termijn_einde`` (art. 5:50 lid 1, 5:53). Refused when the basis of an
    art. 23 fine does not hold (scope, PIP, termijn, ontheffing)."""
    Handhavingszaak.objects.select_for_update().filter(pk=zaak.pk).first()
    if refusal := rapport_refusal(zaak):
        raise ValidationError(refusal)
    errors: dict[str, list] = {}

    def err(name, message):
        errors.setdefault(name, []).append(message)

    _not_future(rapport_op, "rapport_op", errors, _("De dagtekening van het rapport"))
    _not_future(overtreding_op, "overtreding_op", errors, _("De overtreding"))
    if rapport_op < zaak.signaal_op:
        err(
            "rapport_op",
            _("Het rapport kan niet vóór het signaal (%(dag)s) liggen.")
            % {"dag": _d(zaak.signaal_op)},
        )
    if overtreding_op > rapport_op:
        err("overtreding_op", _("De overtreding kan niet na het rapport liggen."))
    if not feiten.strip():
        err("feiten", _("Schrijf op wat er is gebeurd: de feiten (Awb art. 5:48 lid 2)."))
    if not verplichting.strip():
        err("verplichting", _("Noem de verplichting uit het PIP die niet is nagekomen."))
    if not opgemaakt_door.strip():
        err("opgemaakt_door", _("Vul in wie het rapport opmaakt."))
    minimum = bp.zienswijze_termijn_minimum(rapport_op, zienswijze_weken(zaak))
    if zienswijze_termijn_einde < minimum:
        err(
            "zienswijze_termijn_einde",
            _(
                "Geef de inburgeraar ten minste %(weken)s weken voor een zienswijze: "
                "uiterlijk op %(dag)s of later (lokaal beleid)."
            )
            % {"weken": zienswijze_weken(zaak), "dag": _d(minimum)},
        )
    if verhoord_op is not None:
        if verhoord_op > rapport_op:
            err("verhoord_op", _("Het verhoor ligt na het rapport."))
        if not verhoor_cautie:
            err(
                "verhoor_cautie",
                _(
                    "Bij een verhoor over de overtreding vertelt u eerst dat de inburgeraar "
                    "niet hoeft te antwoorden (Awb art. 5:10a lid 2). Zonder die cautie "
                    "telt het verhoor niet mee."
                ),
            )
    if not errors:
        from regie.enforcement.services.boete import boete_grond

        grond = boete_grond(zaak, rapport_op, procedure=False)
        if not grond.mogelijk:
            err(None, grond.reden)
    _raise(errors)
    Boeterapport.objects.create(
        zaak=zaak,
        stage=ProcedureStage.RAPPORT,
        rapport_op=rapport_op,
        overtreding_op=overtreding_op,
        feiten=feiten.strip(),
        verplichting=verplichting.strip(),
        opgemaakt_door=opgemaakt_door.strip(),
        opgemaakt_door_user=user,
        verhoord_op=verhoord_op,
        verhoor_cautie=bool(verhoord_op and verhoor_cautie),
        zienswijze_termijn_einde=zienswijze_termijn_einde,
    )
    zaak.refresh_from_db()
    from regie.enforcement.documents import make_letter

    return make_letter(zaak, "boeterapport")


@transaction.atomic
def record_zienswijze(
    zaak: Handhavingszaak,
    *,
    op: date,
    wijze: str,
    inhoud: str,
    gehoord_door: str = "",
    cautie: bool = False,
    nederlands_voldoende: bool = True,
    tolk: str = "",
) -> Boeterapport:
    """Record the zienswijze, written or oral. An oral one needs the cautie (Awb art.
    5:10a) and, when the person does not speak Dutch well enough, an interpreter (art.
    5:50 lid 2). A zienswijze that comes after the term is still recorded and weighed, as
    long as the boetebesluit has not been taken."""
    rapport = rapport_of(zaak)
    if rapport is None:
        raise ValidationError(_("Maak eerst een rapport op en vraag om een zienswijze."))
    Boeterapport.objects.select_for_update().filter(pk=rapport.pk).first()
    if not bp.can_transition(rapport.stage, ProcedureState.ZIENSWIJZE):
        raise ValidationError(
            _("In de stand '%(stand)s' kan geen zienswijze meer worden vastgelegd.")
            % {"stand": rapport.get_stage_display()}
        )
    errors: dict[str, list] = {}
    _not_future(op, "op", errors, _("De zienswijze"))
    if op < rapport.rapport_op:
        errors.setdefault("op", []).append(
            _("De zienswijze kan niet vóór het rapport (%(dag)s) liggen.")
            % {"dag": _d(rapport.rapport_op)}
        )
    if not inhoud.strip():
        errors.setdefault("inhoud", []).append(_("Schrijf op wat de inburgeraar zei of schreef."))
    mondeling = bp.ZienswijzeWijze(wijze) == bp.ZienswijzeWijze.MONDELING
    if mondeling and not gehoord_door.strip():
        errors.setdefault("gehoord_door", []).append(_("Vul in wie het gesprek voerde."))
    for field, message in bp.zienswijze_problemen(
        wijze, cautie=cautie, nederlands_voldoende=nederlands_voldoende, tolk=tolk
    ):
        errors.setdefault(field, []).append(_(message))
    _raise(errors)
    rapport.stage = ProcedureStage.ZIENSWIJZE
    rapport.zienswijze_op = op
    rapport.zienswijze_wijze = wijze
    rapport.zienswijze_inhoud = inhoud.strip()
    rapport.gehoord_door = gehoord_door.strip() if mondeling else ""
    rapport.cautie = cautie if mondeling else False
    rapport.nederlands_voldoende = nederlands_voldoende if mondeling else True
    rapport.tolk = tolk.strip() if mondeling else ""
    rapport.save()
    return rapport


def close_procedure(zaak: Handhavingszaak, new: ProcedureState) -> None:
    """Mark the procedure as ended with the case: the fine taken (BESLOTEN) or no fine
    (GESTOPT). Nothing when the case has no rapport or it already ended."""
    rapport = rapport_of(zaak)
    if rapport is None or not bp.can_transition(rapport.stage, new):
        return
    rapport.stage = new.value
    rapport.save()


def procedure_deadlines(zaak: Handhavingszaak) -> list[tuple[str, date]]:
    """The open terms of the procedure, as (what, last day): the zienswijze term while it
    runs, and the beslistermijn of thirteen weeks after the rapport (Awb art. 5:51)."""
    rapport = rapport_of(zaak)
    if rapport is None or rapport.stage not in {s.value for s in bp.PROCEDURE_OPEN}:
        return []
    if rapport.stage == ProcedureStage.RAPPORT and not bp.zienswijze_termijn_verstreken(
        rapport.zienswijze_termijn_einde, _today()
    ):
        return [(_(ZIENSWIJZE_LOOPT), rapport.zienswijze_termijn_einde)]
    gegeven = rapport.stage == ProcedureStage.ZIENSWIJZE
    what = ZIENSWIJZE_GEGEVEN if gegeven else ZIENSWIJZE_VERSTREKEN
    return [(_(what), bp.beslistermijn_einde(rapport.rapport_op))]


ZIENSWIJZE_LOOPT = gettext_noop("Zienswijzetermijn loopt (Awb art. 5:53)")
ZIENSWIJZE_GEGEVEN = gettext_noop(
    "Zienswijze gegeven: boetebesluit nemen binnen 13 weken na het rapport (Awb art. 5:51)"
)
ZIENSWIJZE_VERSTREKEN = gettext_noop(
    "Zienswijzetermijn verstreken: boetebesluit nemen binnen 13 weken na het rapport (Awb "
    "art. 5:51)"
)


def klaar_voor_besluit(zaak: Handhavingszaak, today: date) -> bool:
    """The zienswijze was given or its term passed, and no decision yet: the werkvoorraad
    shows the case until the boetebesluit is taken or the case is closed."""
    rapport = rapport_of(zaak)
    return (
        rapport is not None
        and rapport.stage in {s.value for s in bp.PROCEDURE_OPEN}
        and procedure_grond(zaak, today).mogelijk
    )
