"""Letters of the bezwaar procedure beside the decision (template
``bezwaar-mededeling-2026.1``): the request to repair an omission (Awb 6:6, 7:10 lid 2), the
notice of verdaging (7:10 lid 3 and 5), of further postponement with consent (lid 4 and 5)
and of the advisory commission (7:13). Plain Dutch (B1), the facts of the case only."""

from __future__ import annotations

import hashlib

from django.template.loader import render_to_string
from django.utils import translation

from regie.enforcement.documents import render_pdf
from regie.enforcement.models import Bezwaar, Brief, BriefSoort

TEMPLATE_VERSIE = "bezwaar-mededeling-2026.1"
TEMPLATE = "enforcement/brieven/bezwaar-mededeling-2026.1.html"

ONDERWERP = {
    BriefSoort.HERSTELVERZOEK: "Er ontbreekt iets in uw bezwaar",
    BriefSoort.VERDAGING: "Wij beslissen later op uw bezwaar",
    BriefSoort.UITSTEL: "Wij beslissen later op uw bezwaar",
    BriefSoort.ADVIESCOMMISSIE: "Een commissie adviseert over uw bezwaar",
}
GRONDSLAG = {
    BriefSoort.HERSTELVERZOEK: "Algemene wet bestuursrecht, artikel 6:6 en 7:10 lid 2.",
    BriefSoort.VERDAGING: "Algemene wet bestuursrecht, artikel 7:10 lid 3 en lid 5.",
    BriefSoort.UITSTEL: "Algemene wet bestuursrecht, artikel 7:10 lid 4 en lid 5.",
    BriefSoort.ADVIESCOMMISSIE: "Algemene wet bestuursrecht, artikel 7:13 en 7:10 lid 1.",
}


def _besluit(bezwaar: Bezwaar) -> str:
    if bezwaar.pip_versie_id:
        return f"over uw PIP (versie {bezwaar.pip_versie.nummer})"
    return f"over een boete (kenmerk {bezwaar.handhaving.kenmerk})"


def render_html(bezwaar: Bezwaar, soort: str, stap, dagtekening, user) -> str:
    from regie.enforcement.services import beslistermijn

    soort = BriefSoort(soort)
    with translation.override("nl"):
        context = {
            "person": bezwaar.inburgeraar,
            "municipality": bezwaar.inburgeraar.municipality,
            "bezwaar": bezwaar,
            "stap": stap,
            "soort": soort.value,
            "kenmerk": bezwaar.kenmerk,
            "dagtekening": dagtekening,
            "besluit": _besluit(bezwaar),
            "beslistermijn": beslistermijn(bezwaar),
            "onderwerp": ONDERWERP[soort],
            "grondslag": GRONDSLAG[soort],
            "ondertekenaar": (str(user) if user is not None else ""),
            "template_versie": TEMPLATE_VERSIE,
        }
        return render_to_string(TEMPLATE, context)


def make_notice(bezwaar: Bezwaar, soort: str, dagtekening, user=None, stap=None) -> Brief:
    """Make and store the notice of ``soort`` for ``bezwaar``."""
    pdf = render_pdf(render_html(bezwaar, soort, stap, dagtekening, user))
    return Brief.objects.create(
        inburgeraar_id=bezwaar.inburgeraar_id,
        bezwaar=bezwaar,
        soort=soort,
        template_versie=TEMPLATE_VERSIE,
        dagtekening=dagtekening,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
