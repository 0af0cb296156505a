"""The beschikking of a PIP version as a PDF (WeasyPrint), in plain Dutch (B1).

Templates are versioned: each generated beschikking records the id of the template version
that made it, and an old template stays in TEMPLATES as long as documents made with it may
need explaining. A text change to the letter means a new entry here, never an edit of a
template that has been used.

Bekendmaking: the bezwaartermijn starts the day after the decision is made known (Awb art.
6:8), not after its dagtekening. The beschikking is made at vaststelling, before it is
sent, so since template 2026.3 it prints no last day for bezwaar but "zes weken na de dag
na verzending van deze brief"; the day and way of sending are recorded afterwards
(``services.record_bekendmaking``) and the staff pages show the last day from then on.
Templates 2026.1 and 2026.2 assumed the letter was sent on its dagtekening and printed
``rules.bezwaartermijn_einde(dagtekening)``; a copy made with them again prints the same.
"""

from __future__ import annotations

import hashlib
from itertools import groupby
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from regie import rules
from regie.core.pdf import html_to_pdf
from regie.plans.models import Beschikking, Levensgebied, PIPVersie, VersieStatus
from regie.rules.category import Art23Grond

# Template version id -> template file. The last entry is used for new beschikkingen.
TEMPLATES = {
    "pip-beschikking-2026.1": "plans/beschikking/2026.1.html",
    # 2026.2 (issue 18): the person's termijn (taken over after a move, moved by DUO), the
    # self-payer's route, PVT/MAP hours, the number of voortgangsgesprekken, fines only for
    # what this PIP contains.
    "pip-beschikking-2026.2": "plans/beschikking/2026.2.html",
    # 2026.3 (issue 18, point 2): no last day for bezwaar; "zes weken na de dag na
    # verzending van deze brief" (the letter is made before it is sent).
    "pip-beschikking-2026.3": "plans/beschikking/2026.3.html",
    # 2026.4 (issue 20): the duaal traject, the participation goals and hours a week.
    "pip-beschikking-2026.4": "plans/beschikking/2026.4.html",
}
CURRENT_TEMPLATE = "pip-beschikking-2026.4"
# Templates that print a last day for bezwaar counted from the dagtekening.
DATED_TEMPLATES = frozenset({"pip-beschikking-2026.1", "pip-beschikking-2026.2"})

# What an art. 23 fine can be about, as the letter says it (plain Dutch, never translated:
# the beschikking is a Dutch legal document). Only the grounds the law allows for this
# person AND this PIP contains are named (plans.services.art23_gronden).
BOETE_ZINNEN = {
    Art23Grond.ONDERSTEUNING: "niet meewerkt aan de hulp en begeleiding in dit plan",
    Art23Grond.PVT_INTENSITEIT: "niet de uren van het PVT volgt",
    Art23Grond.MAP_INTENSITEIT: "niet de uren van de MAP volgt",
    Art23Grond.LEERROUTE_INTENSITEIT: "niet naar de lessen van uw leerroute gaat",
}


# The participation goals of the duaal traject (plans.ParticipatieDoel) as the letter says
# them, in plain Dutch (B1), never translated. "%(uren)s": the hours a week of the PIP.
PARTICIPATIE_ZINNEN = {
    "werkfit": "U werkt eraan om klaar te zijn voor werk: op tijd komen, afspraken nakomen "
    "en samenwerken.",
    "plaatsing": "U gaat naar een werkervaringsplek, een stage of vrijwilligerswerk.",
    "plaatsing_uren": "U gaat naar een werkervaringsplek, een stage of vrijwilligerswerk, "
    "%(uren)s uur per week.",
    "diploma": "U haalt een diploma of certificaat voor werk.",
    "baan": "U zoekt betaald werk. Wij helpen u daarbij.",
    "uren": "U besteedt %(uren)s uur per week aan werk of meedoen.",
}


def participatie_zinnen(doelen, uren: int | None) -> list[str]:
    """The sentences for the participation goals, in the order of ParticipatieDoel; the
    hours a week go with the placement goal, or stand alone when there is none."""
    from regie.plans.models import ParticipatieDoel

    zinnen = []
    for doel in ParticipatieDoel.values:
        if doel not in (doelen or []):
            continue
        if doel == ParticipatieDoel.PLAATSING and uren:
            zinnen.append(PARTICIPATIE_ZINNEN["plaatsing_uren"] % {"uren": uren})
        else:
            zinnen.append(PARTICIPATIE_ZINNEN[doel])
    if uren and ParticipatieDoel.PLAATSING not in (doelen or []):
        zinnen.append(PARTICIPATIE_ZINNEN["uren"] % {"uren": uren})
    return zinnen


def boete_over(gronden) -> str:
    """The grounds as one Dutch phrase: 'a, b of c' (empty when there are none)."""
    parts = [BOETE_ZINNEN[grond] for grond in Art23Grond if grond in gronden]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " of " + parts[-1]


# WeasyPrint reports every layout step at INFO; keep the application log readable.


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
    # The person's termijn, not one computed from this PIP: after a move it was taken over
    # (Wi 2021 art. 11 lid 3 onder b) and DUO may have extended it (art. 12).
    from regie.people.termijn import termijn_of
    from regie.rules import termijn as rules_termijn

    termijn = termijn_of(person)
    if termijn is None:  # a version not yet vastgesteld (a preview)
        termijn = rules_termijn.fold([rules_termijn.start_wijziging(first or versie.dagtekening)])
    termijn_start, termijn_einde = termijn.start, termijn.einde
    # Only the old templates assumed sending on the dagtekening; the current one prints no
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
    from regie.plans.services import art23_gronden

    return {
        "zelfbetaler": person.rechtspositie.zelfbetaler,
        "boete_over": boete_over(art23_gronden(versie, person)),
        "participatie_zinnen": participatie_zinnen(
            versie.participatie_doelen, versie.participatie_uren_per_week
        ),
        "versie": versie,
        "person": person,
        "municipality": person.municipality,
        "route": route,
        "route_label": versie.get_leerroute_display(),
        "map_verplicht": rules.map_verplicht(route),
        "goals_by_area": by_area,
        "termijn_start": termijn_start,
        "termijn_einde": termijn_einde,
        "termijn_verlengd": termijn.verlengd,
        "termijn_overgenomen": any(w.soort == "overgenomen" for w in termijn.wijzigingen),
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
    return html_to_pdf(html)


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
