"""The aanbieder's view of participatie en werk (issue 20, point 5): placements and outflow
of its own participants per leerroute, as counts only. The aanbieder has no access to
placements or outflow of any one person (no WORK_VIEW); counts below 5 show as '<5' so no
count points at one participant (docs/security.md). Counts are not personal data, so the
page writes no audit event (like the monitoring pages)."""

from __future__ import annotations

from django.shortcuts import render

from regie.core.access import requires
from regie.core.roles import Permission
from regie.monitoring.figures import suppress
from regie.plans.models import LeerrouteChoice
from regie.work import outcomes


@requires(Permission.AANBIEDER_REPORT)
def portal_werk(request):
    labels = dict(LeerrouteChoice.choices)
    rows = [
        (
            str(labels.get(row.leerroute, row.leerroute or "—")),
            suppress(row.persons),
            [suppress(v) for v in outcomes.values(row)],
        )
        for row in outcomes.aanbieder_counts(request.user)
    ]
    return render(
        request,
        "work/portal_werk.html",
        {"rows": rows, "headers": [label for _g, _k, label in outcomes.headers()]},
    )
