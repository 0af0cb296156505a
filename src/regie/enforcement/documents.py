"""Letters and decisions of handhaving and bezwaar as PDF (WeasyPrint), in plain Dutch
(B1), after the approach of regie.plans.documents: versioned templates, the id of the
template version stored with each document, never an edit of a used template.

- schriftelijke waarschuwing (Wi art. 14 lid 1) and boetebesluit (Wi art. 22/23): with the
  bezwaarclausule (Awb art. 3:45, 6:7-6:9);
- beslissing op bezwaar (Awb art. 7:11-7:12): with the beroepsclausule instead (six weeks
  to the rechtbank, Awb art. 6:7, 8:1).

Bekendmaking (Awb art. 3:41, 6:8): every letter here is made when the decision is taken,
before it is sent. So since waarschuwing-2026.3, boetebesluit-2026.3 and
beslissing-op-bezwaar-2026.2 no letter prints a last day for bezwaar, beroep or payment:
it states "zes weken na de dag na verzending van deze brief". The bekendmaking of a
boetebesluit is recorded on the case (``services.make_known``, with the way) and starts the
bezwaar- and betaaltermijn, which the staff pages show from then on. (The older templates
assumed sending on the dagtekening and printed dates counted from it.)
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from regie import rules
from regie.core.pdf import html_to_pdf
from regie.enforcement.berekening import euro, regels
from regie.enforcement.models import Bezwaar, Brief, BriefSoort, Grondslag, Handhavingszaak
from regie.rules import betalingskenmerk, fines
from regie.rules import boeteprocedure as bp
from regie.rules import handhaving as hh

# (kind, template version id) -> template file. The last version of each kind is used.
# 2026.2 (waarschuwing, boetebesluit): only text fields meant for the letter are printed
# (never the internal omschrijving or the note on culpability); the waarschuwing says the
# obligation, the appointment with day, time and place, the term, the next step and whom
# to call; the boetebesluit the IBAN, betalingskenmerk, how to pay and how to ask for a
# betalingsregeling.
TEMPLATES = {
    "waarschuwing-2026.1": "enforcement/brieven/waarschuwing-2026.1.html",
    "waarschuwing-2026.2": "enforcement/brieven/waarschuwing-2026.2.html",
    "boetebesluit-2026.1": "enforcement/brieven/boetebesluit-2026.1.html",
    "boetebesluit-2026.2": "enforcement/brieven/boetebesluit-2026.2.html",
    "beslissing-op-bezwaar-2026.1": "enforcement/brieven/beslissing-2026.1.html",
    # 2026.3 / 2026.2: terms "zes weken na de dag na verzending" instead of a date.
    "waarschuwing-2026.3": "enforcement/brieven/waarschuwing-2026.3.html",
    "boetebesluit-2026.3": "enforcement/brieven/boetebesluit-2026.3.html",
    "beslissing-op-bezwaar-2026.2": "enforcement/brieven/beslissing-2026.2.html",
    # 2026.4: an art. 22 fine names the oproepen for the brede intake (Wi art. 14 lid 1).
    "boetebesluit-2026.4": "enforcement/brieven/boetebesluit-2026.4.html",
    # 2026.3: also the bezwaar against a schriftelijke waarschuwing (art. 22). 2026.4
    # (waarschuwing): the bezwaarclausule only for art. 22, where the waarschuwing is a
    # besluit; the art. 23 waarschuwing says it is none (docs/handhaving.md).
    "beslissing-op-bezwaar-2026.3": "enforcement/brieven/beslissing-2026.3.html",
    "waarschuwing-2026.4": "enforcement/brieven/waarschuwing-2026.4.html",
    # The rapport with the voornemen and the invitation for a zienswijze (Awb 5:48-5:53).
    "boeterapport-2026.1": "enforcement/brieven/boeterapport-2026.1.html",
}
CURRENT = {
    BriefSoort.WAARSCHUWING: "waarschuwing-2026.4",
    BriefSoort.BOETEBESLUIT: "boetebesluit-2026.4",
    BriefSoort.BESLISSING_OP_BEZWAAR: "beslissing-op-bezwaar-2026.3",
    BriefSoort.BOETERAPPORT: "boeterapport-2026.1",
}

def _person_context(person) -> dict:
    return {"person": person, "municipality": person.municipality}


def _contact(zaak: Handhavingszaak) -> dict:
    return {"contact_naam": zaak.contact_naam, "contact_telefoon": zaak.contact_telefoon}


def waarschuwing_context(zaak: Handhavingszaak) -> dict:
    return {
        **_person_context(zaak.inburgeraar),
        **_contact(zaak),
        "zaak": zaak,
        "dagtekening": zaak.waarschuwing_op,
        "kenmerk": zaak.kenmerk,
        "art22": zaak.grondslag == Grondslag.ART22,
        "bezwaar_einde": rules.bezwaartermijn_einde(zaak.waarschuwing_op),
        "boete_art22": rules.boete_art22(),
        "boete_art23_basis": fines.BOETE_ART23_BASIS,
        "boete_art23_max": fines.BOETE_ART23_MAX,
    }


def iban_leesbaar(iban: str) -> str:
    """'NL93 BNGH 0285 0528 71', as printed on a letter."""
    compact = iban.replace(" ", "").upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def boetebesluit_context(zaak: Handhavingszaak) -> dict:
    from regie.enforcement.services import betaalrekening, wi14_oproepen

    rekening = betaalrekening(zaak.inburgeraar.municipality)
    return {
        **_person_context(zaak.inburgeraar),
        **_contact(zaak),
        "zaak": zaak,
        "dagtekening": zaak.boetebesluit_op,
        "kenmerk": zaak.kenmerk,
        "art22": zaak.grondslag == Grondslag.ART22,
        "bedrag": euro(zaak.bedrag),
        "berekening": regels(zaak.berekening_stappen, zaak.berekening),
        "bezwaar_einde": rules.bezwaartermijn_einde(zaak.boetebesluit_op),
        # The letter is sent on its dagtekening (see the module docstring): six weeks from
        # then, extended by the Algemene termijnenwet (Awb art. 4:87).
        "betaal_einde": hh.betaaltermijn_einde(zaak.boetebesluit_op),
        "iban": iban_leesbaar(rekening.iban) if rekening else "",
        "rekening_naam": rekening.naam if rekening else "",
        "betalingskenmerk": betalingskenmerk.leesbaar(zaak.betalingskenmerk or ""),
        "oproepen": wi14_oproepen(zaak),
    }


def beslissing_context(bezwaar: Bezwaar) -> dict:
    from regie.enforcement.services import gehoord

    return {
        **_person_context(bezwaar.inburgeraar),
        "bezwaar": bezwaar,
        "dagtekening": bezwaar.beslist_op,
        "kenmerk": bezwaar.kenmerk,
        "gehoord": gehoord(bezwaar),
        "hoorzitting": next(
            (h for h in bezwaar.hoorzittingen.all() if h.stage == "gehouden"), None
        ),
        "beroep_einde": hh.beroepstermijn_einde(bezwaar.beslist_op),
        **_rechtbank(bezwaar.inburgeraar.municipality),
    }


def _rechtbank(municipality) -> dict:
    """The rechtbank named in the beroepsclausule (Awb art. 8:7 lid 1). A letter that
    would say only 'de rechtbank' is never made."""
    from regie.enforcement.services.bezwaar import rechtbank_problem

    problem = rechtbank_problem(municipality)
    if problem:
        raise ValidationError(problem)
    return {
        "rechtbank_naam": municipality.rechtbank_naam.strip(),
        "rechtbank_postadres": municipality.rechtbank_postadres.strip(),
    }


def boeterapport_context(zaak: Handhavingszaak) -> dict:
    """The rapport sent to the person (Awb art. 5:53): the facts, when, who drew it up,
    the voornemen with the highest possible fine, the last day for a zienswijze and how
    to give it (in writing, or in a conversation with an interpreter), and the cautie."""
    rapport = zaak.boeterapport
    person = zaak.inburgeraar
    return {
        **_person_context(person),
        **_contact(zaak),
        "zaak": zaak,
        "rapport": rapport,
        "dagtekening": rapport.rapport_op,
        "kenmerk": zaak.kenmerk,
        "boete_art23_basis": fines.BOETE_ART23_BASIS,
        "boete_art23_max": fines.BOETE_ART23_MAX,
        "tolk_taal": person.interpreter_language if person.interpreter_needed else "",
        "beslist_uiterlijk": bp.beslistermijn_einde(rapport.rapport_op),
    }


CONTEXT = {
    BriefSoort.WAARSCHUWING: waarschuwing_context,
    BriefSoort.BOETEBESLUIT: boetebesluit_context,
    BriefSoort.BESLISSING_OP_BEZWAAR: beslissing_context,
    BriefSoort.BOETERAPPORT: boeterapport_context,
}


def render_html(obj, soort: str, template_versie: str | None = None) -> tuple[str, dict]:
    soort = BriefSoort(soort)
    # A Dutch legal document, whatever language the user's UI is in.
    with translation.override("nl"):
        context = CONTEXT[soort](obj)
        context["template_versie"] = template_versie or CURRENT[soort]
        html = render_to_string(TEMPLATES[context["template_versie"]], context)
    return html, context


def render_pdf(html: str) -> bytes:
    return html_to_pdf(html)


def make_letter(obj, soort: str, dagtekening_reden: str = "") -> Brief:
    """Make and store the letter of ``soort`` for a Handhavingszaak or a Bezwaar
    (``dagtekening_reden``: why its dagtekening lies before today, if it does)."""
    html, context = render_html(obj, soort)
    pdf = render_pdf(html)
    is_bezwaar = isinstance(obj, Bezwaar)
    return Brief.objects.create(
        inburgeraar_id=obj.inburgeraar_id,
        handhaving=None if is_bezwaar else obj,
        bezwaar=obj if is_bezwaar else None,
        soort=soort,
        template_versie=context["template_versie"],
        dagtekening=context["dagtekening"],
        dagtekening_reden=dagtekening_reden.strip(),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
