"""The letters of the oproepen for the brede intake as PDF (WeasyPrint), after the approach
of regie.plans.documents and regie.enforcement.documents: versioned templates in plain
Dutch (B1), the id of the template version stored with each letter, never an edit of a
used template. The letter uses the base layout of the handhaving letters.

- oproep (Wi art. 14 lid 1): the appointment with day, time and place, and the term;
- waarschuwing met herhaalde oproep (Wi art. 14 lid 1): the same, with the written warning
  and what follows when the person does not come (art. 22 fine; after the third oproep the
  intake is completed without the person, lid 2).

An oproep is no besluit (no bezwaarclausule); the letter is made when it is sent.
"""

from __future__ import annotations

import hashlib

from django.template.loader import render_to_string
from django.utils import translation

from regie.core.pdf import html_to_pdf
from regie.rules import boete_art22
from regie.rules.oproepen import MAX_OPROEPEN

TEMPLATES = {
    "oproep-2026.1": "intake/brieven/oproep-2026.1.html",
}
CURRENT = "oproep-2026.1"

def oproep_context(oproep) -> dict:
    person = oproep.inburgeraar
    return {
        "person": person,
        "municipality": person.municipality,
        "oproep": oproep,
        "dagtekening": oproep.dagtekening,
        "kenmerk": oproep.kenmerk,
        "waarschuwing": oproep.soort == "waarschuwing",
        "laatste": oproep.volgnummer >= MAX_OPROEPEN,
        "max_oproepen": MAX_OPROEPEN,
        "boete_art22": boete_art22(),
        "contact_naam": oproep.opgesteld_door,
        "contact_telefoon": "",
    }


def render_html(oproep, template_versie: str | None = None) -> str:
    # A Dutch letter, whatever language the user's UI is in.
    with translation.override("nl"):
        context = oproep_context(oproep)
        context["template_versie"] = template_versie or CURRENT
        return render_to_string(TEMPLATES[context["template_versie"]], context)


def render_pdf(html: str) -> bytes:
    return html_to_pdf(html)


def attach_letter(oproep) -> None:
    """Make the letter of the oproep and store it on the record (not saved here)."""
    html = render_html(oproep)
    pdf = render_pdf(html)
    oproep.template_versie = CURRENT
    oproep.pdf = pdf
    oproep.sha256 = hashlib.sha256(pdf).hexdigest()
