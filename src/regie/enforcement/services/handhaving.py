"""Handhaving: the signal that opens a case, and the schriftelijke waarschuwing (Wi art. 14
lid 2) with its letter.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core.bekendmaking import dagtekening_errors
from regie.enforcement.models import (
    GRONDSLAG_VAN_BRON,
    Brief,
    Grondslag,
    HandhavingStage,
    Handhavingszaak,
    Signaalbron,
)
from regie.enforcement.services.common import (
    _d,
    _move,
    _not_future,
    _raise,
    _today,
)
from regie.enforcement.states import (
    HANDHAVING_TRANSITIONS,
    HandhavingState,
)
from regie.people.models import Inburgeraar
from regie.rules.category import Art23Grond
from regie.rules.lifecycle import Regime

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


def wi14_oproepen(zaak: Handhavingszaak, user=None) -> list:
    """The oproepen for the brede intake (Wi 2021 art. 14 lid 1; regie.intake) of an art. 22
    case: its factual basis, in order. Withdrawn oproepen do not count; none for art. 23.
    Scoped to ``user`` when given (the case page), unscoped for the letter. One query."""
    if zaak.grondslag != Grondslag.ART22:
        return []
    from regie.intake.models import IntakeOproep

    queryset = IntakeOproep.objects.for_user(user) if user is not None else IntakeOproep.objects
    return list(
        queryset.filter(inburgeraar_id=zaak.inburgeraar_id)
        .counted()
        .defer("pdf")
        .order_by("volgnummer", "id")
    )


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
    if (
        bron == Signaalbron.AANWEZIGHEID
        and Art23Grond.LEERROUTE_INTENSITEIT not in person.rechtspositie.art23
    ):
        errors.setdefault("bron", []).append(
            _(
                "Een boete voor de lessen kan alleen als de gemeente de intensiteit van de "
                "leerroute vaststelt (Wet inburgering 2021 art. 15 lid 2 en 23). Deze "
                "inburgeraar regelt en betaalt de leerroute zelf (art. 19)."
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
    dagtekening_reden: str = "",
) -> Brief:
    """The schriftelijke waarschuwing with a new invitation and a new term (Wi art. 14
    lid 2); its letter is made and stored. The letter's texts come from the arguments meant
    for it (``brief_*``, place, time, contact), never from the internal omschrijving; when
    left empty the letter uses the default text for the signal. A dagtekening before today
    needs ``dagtekening_reden`` (regie.rules.bekendmaking), stored with the letter."""
    errors: dict[str, list] = {}
    _not_future(waarschuwing_op, "waarschuwing_op", errors, _("De datum van de waarschuwing"))
    if waarschuwing_op < _today():
        for message in dagtekening_errors(waarschuwing_op, dagtekening_reden):
            errors.setdefault("dagtekening_reden", []).append(message)
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

    return make_letter(
        zaak, "waarschuwing", dagtekening_reden if waarschuwing_op < _today() else ""
    )


def betaalrekening(municipality):
    """The municipality's account for paying a fine: the Betaalrekening of regie.finance,
    read only (one account per gemeente, kept by the functioneel beheerder). None when
    it has not been set."""
    from regie.finance.models import Betaalrekening

    return Betaalrekening.objects.filter(municipality=municipality).first()
