"""Letters of collecting a fine (issue 19): aanmaning (Awb art. 4:112), dwangbevel (art.
4:114) and the decisions on a betalingsregeling or kwijtschelding. Same approach as
:mod:`regie.enforcement.documents` (versioned templates in the app, the version stored with
each letter, never an edit of a used template, always in Dutch, plain language B1, only
facts of the case and never internal notes), in its own module so the letters of the other
handhaving steps stay as they are.

The aanmaning and dwangbevel are sent on their dagtekening (the form says so); their
terms are printed as dates: two weeks after the day of sending for the aanmaning.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from regie.enforcement.berekening import euro
from regie.enforcement.documents import _contact, _person_context, iban_leesbaar, render_pdf
from regie.enforcement.models import Brief, Handhavingszaak, InningVerzoek
from regie.rules import betalingskenmerk
from regie.rules import handhaving as hh
from regie.rules import inning as rules

TEMPLATES = {
    "aanmaning-2026.1": "enforcement/brieven/aanmaning-2026.1.html",
    "dwangbevel-2026.1": "enforcement/brieven/dwangbevel-2026.1.html",
    "betalingsregeling-2026.1": "enforcement/brieven/betalingsregeling-2026.1.html",
    "kwijtschelding-2026.1": "enforcement/brieven/kwijtschelding-2026.1.html",
}
CURRENT = {
    "aanmaning": "aanmaning-2026.1",
    "dwangbevel": "dwangbevel-2026.1",
    "betalingsregeling": "betalingsregeling-2026.1",
    "kwijtschelding": "kwijtschelding-2026.1",
}


def context(
    zaak: Handhavingszaak, soort: str, dagtekening: date, verzoek: InningVerzoek | None = None
) -> dict:
    from regie.enforcement.services import betaalrekening
    from regie.enforcement.services.inning import invordering_of, stand

    rekening = betaalrekening(zaak.inburgeraar.municipality)
    s = stand(zaak)
    inv = invordering_of(zaak)
    return {
        **_person_context(zaak.inburgeraar),
        **_contact(zaak),
        "zaak": zaak,
        "soort": soort,
        "dagtekening": dagtekening,
        "kenmerk": zaak.kenmerk,
        "boete": euro(zaak.bedrag),
        "betaald": euro(s.betaald),
        "open": euro(s.open),
        "is_betaald": s.betaald > 0,
        "niets_open": s.open <= 0,
        "aanmaningskosten": euro(inv.aanmaningskosten) if inv else euro(0),
        "heeft_aanmaningskosten": bool(inv and inv.aanmaningskosten),
        "dwangbevel_kosten": euro(inv.dwangbevel_kosten) if inv else euro(0),
        "heeft_dwangbevel_kosten": bool(inv and inv.dwangbevel_kosten),
        "invordering": inv,
        "betaal_einde": hh.betaaltermijn_einde(zaak.bekendgemaakt_op)
        if zaak.bekendgemaakt_op
        else None,
        "aanmaning_einde": rules.aanmaning_termijn_einde(dagtekening),
        "aanmaning_einde_van_aanmaning": rules.aanmaning_termijn_einde(inv.aanmaning_op)
        if inv and inv.aanmaning_op
        else None,
        "verzet_weken": rules.VERZET_DWANGBEVEL_WEKEN,
        "iban": iban_leesbaar(rekening.iban) if rekening else "",
        "rekening_naam": rekening.naam if rekening else "",
        "betalingskenmerk": betalingskenmerk.leesbaar(zaak.betalingskenmerk or ""),
        "verzoek": verzoek,
        "termijnen": [
            (date.fromisoformat(d), euro(Decimal(a)))
            for d, a in (verzoek.termijnen if verzoek else [])
        ],
        "kwijtgescholden": euro(verzoek.bedrag) if verzoek and verzoek.bedrag else "",
    }


def render_html(zaak, soort: str, dagtekening: date, verzoek=None) -> tuple[str, dict]:
    with translation.override("nl"):
        ctx = context(zaak, soort, dagtekening, verzoek)
        ctx["template_versie"] = CURRENT[soort]
        html = render_to_string(TEMPLATES[ctx["template_versie"]], ctx)
    return html, ctx


def make(zaak: Handhavingszaak, soort: str, dagtekening: date, verzoek=None) -> Brief:
    """Make and store the letter ``soort`` of collecting ``zaak``'s fine."""
    html, ctx = render_html(zaak, soort, dagtekening, verzoek)
    pdf = render_pdf(html)
    return Brief.objects.create(
        inburgeraar_id=zaak.inburgeraar_id,
        handhaving=zaak,
        soort=soort,
        template_versie=ctx["template_versie"],
        dagtekening=dagtekening,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        # Sent on its dagtekening (the form says so): its terms count from that day.
        bekendgemaakt_op=dagtekening,
        bekendmaking_wijze="post",
    )
