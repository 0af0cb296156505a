"""Collecting fines in the werkvoorraad of the klantmanager (issue 19): an aanmaning or a
dwangbevel that is due, a regeling that was not kept, and requests for a
betalingsregeling or kwijtschelding awaiting a decision. A constant number of queries."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from regie.core.access import caseload_q, compiled_query
from regie.core.extensions import WorkItem, WorkSection, werkvoorraad_provider
from regie.core.roles import Permission
from regie.enforcement.models import Handhavingszaak, VerzoekStage
from regie.enforcement.services import inning
from regie.enforcement.services.procedure import suspended_case_ids
from regie.enforcement.states import HandhavingState
from regie.enforcement.workitems import MAX_ITEMS, _hh_url


@compiled_query
def _announced_cases(user):
    return (
        Handhavingszaak.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"), stage=HandhavingState.BEKENDGEMAAKT)
        .select_related("inburgeraar", "invordering")
        .prefetch_related("betalingen", "inning_verzoeken")
        .order_by("bekendgemaakt_op", "id")[:MAX_ITEMS]
    )


def to_collect(user, today: date) -> list[WorkItem]:
    cases = list(_announced_cases(user))
    # Fines a voorlopige voorziening suspends (Awb 8:81), for all cases in one query.
    suspended = suspended_case_ids([z.pk for z in cases], today)
    items = []
    for zaak in cases:
        for verzoek in zaak.inning_verzoeken.all():
            if verzoek.stage == VerzoekStage.AANGEVRAAGD:
                items.append(
                    WorkItem(
                        zaak.inburgeraar,
                        _("%(soort)s gevraagd (%(k)s): beslissen")
                        % {"soort": verzoek.get_soort_display(), "k": zaak.kenmerk},
                        verzoek.ontvangen_op,
                        _hh_url(zaak),
                    )
                )
        stap = inning.volgende_stap(zaak, today, suspended)
        if stap is not None and stap.vanaf <= today:
            items.append(WorkItem(zaak.inburgeraar, stap.label, stap.vanaf, _hh_url(zaak)))
    items.sort(key=lambda item: item.due)
    return items


@werkvoorraad_provider
def inning_work(user, today: date):
    if not user.can(Permission.HANDHAVING_CHANGE):
        return []
    return [
        WorkSection(
            "handhaving_inning",
            _("Boetes innen: aanmaning, dwangbevel, verzoeken"),
            to_collect(user, today),
            _("Geen boetes die op een aanmaning, dwangbevel of beslissing wachten."),
            order=43,
        )
    ]
