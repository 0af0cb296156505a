"""The beschikking of a PIP version as a PDF (WeasyPrint), in plain Dutch (B1).

Templates are versioned: each generated beschikking records the id of the template version
that made it, and an old template stays in TEMPLATES as long as documents made with it may
need explaining. A text change to the letter means a new entry here, never an edit of a
template that has been used.

Bekendmaking: the bezwaartermijn starts the day after the decision is made known (Awb art.
6:8), not after its dagtekening. The beschikking is made at vaststelling, before it is
sent, so since template 2026.2 it prints no last day for bezwaar but "zes weken na de dag
na verzending van deze brief"; the day and way of sending are recorded afterwards
(``services.record_bekendmaking``) and the staff pages show the last day from then on.
Template 2026.1 (used until this change) assumed the letter was sent on its dagtekening and
printed ``rules.bezwaartermijn_einde(dagtekening)``; a copy made with it again prints the
same.
"""

from __future__ import annotations

import hashlib
import logging
from itertools import groupby
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from regie import rules
from regie.plans.models import Beschikking, Levensgebied, PIPVersie, VersieStatus

# Template version id -> template file. The last entry is used for new beschikkingen.
TEMPLATES = {
    "pip-beschikking-2026.1": "plans/beschikking/2026.1.html",
    "pip-beschikking-2026.2": "plans/beschikking/2026.2.html",
}
CURRENT_TEMPLATE = "pip-beschikking-2026.2"
# Templates that print a last day for bezwaar counted from the dagtekening.
DATED_TEMPLATES = frozenset({"pip-beschikking-2026.1"})

# WeasyPrint reports every layout step at INFO; keep the application log readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


# What stands in the place of health goals in a copy for a role that may not see them: the
# same table, so the reader knows something was left out and why.
HEALTH_LEFT_OUT = SimpleNamespace(
    omschrijving="Weggelaten in dit exemplaar: doelen over gezondheid zijn bijzondere "
    "persoonsgegevens (AVG art. 9) die uw rol niet inziet.",
    wie="—",
    streefdatum=None,
)


def beschikking_context(
    versie: PIPVersie, *, hide_health: bool = False, template_versie: str = CURRENT_TEMPLATE
) -> dict:
    pip = versie.pip
    person = pip.inburgeraar
    first = (
        pip.versies.filter(status=VersieStatus.VASTGESTELD)
        .order_by("nummer")
        .values_list("dagtekening", flat=True)
        .first()
    )
    termijn_start, termijn_einde = rules.inburgeringstermijn(first)
    # Only the old template assumed sending on the dagtekening; the current one prints no
    # bekendmaking or last day (see the module docstring).
    bekendmaking = versie.dagtekening if template_versie in DATED_TEMPLATES else None
    order = {value: index for index, value in enumerate(Levensgebied.values)}
    goals = sorted(versie.doelen.all(), key=lambda g: (order[g.levensgebied], g.pk))
    by_area = [
        (
            Levensgebied(area).label,
            [HEALTH_LEFT_OUT] if hide_health and area == Levensgebied.GEZONDHEID else list(items),
        )
        for area, items in groupby(goals, key=lambda g: g.levensgebied)
    ]
    route = versie.route
    return {
        "versie": versie,
        "person": person,
        "municipality": person.municipality,
        "route": route,
        "route_label": versie.get_leerroute_display(),
        "map_verplicht": rules.map_verplicht(route),
        "goals_by_area": by_area,
        "termijn_start": termijn_start,
        "termijn_einde": termijn_einde,
        "first_dagtekening": first,
        "is_first": not pip.versies.filter(
            status=VersieStatus.VASTGESTELD, nummer__lt=versie.nummer
        ).exists(),
        "bekendmaking": bekendmaking,
        "bezwaar_einde": rules.bezwaartermijn_einde(bekendmaking) if bekendmaking else None,
    }


def render_html(
    versie: PIPVersie, template_versie: str = CURRENT_TEMPLATE, *, hide_health: bool = False
) -> tuple[str, dict]:
    context = beschikking_context(versie, hide_health=hide_health, template_versie=template_versie)
    # The beschikking is a Dutch legal document, whatever language the user's UI is in.
    with translation.override("nl"):
        html = render_to_string(TEMPLATES[template_versie], context)
    return html, context


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def redacted_copy(beschikking: Beschikking) -> bytes:
    """The beschikking as a role without HEALTH_VIEW may read it: the same template and
    dates as the stored document, with the health goals replaced by a note. Made on request,
    never stored: the stored PDF stays the one the person received."""
    html, _context = render_html(beschikking.versie, beschikking.template_versie, hide_health=True)
    return render_pdf(html)


def make_beschikking(versie: PIPVersie) -> Beschikking:
    """Make and store the beschikking of a vastgestelde version."""
    if versie.status != VersieStatus.VASTGESTELD or versie.dagtekening is None:
        raise ValueError("only a vastgestelde version with a dagtekening has a beschikking")
    html, context = render_html(versie)
    pdf = render_pdf(html)
    return Beschikking.objects.create(
        versie=versie,
        template_versie=CURRENT_TEMPLATE,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        bekendmaking=context["bekendmaking"],
        bezwaar_einde=context["bezwaar_einde"],
        termijn_start=context["termijn_start"],
        termijn_einde=context["termijn_einde"],
    )
