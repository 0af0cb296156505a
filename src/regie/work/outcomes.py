"""Placements and outflow per leerroute, as counts (issue 20, point 5): for the regisseur's
monitoring (cohort page and its exports, persons of the filtered municipalities, leerroute
of the latest vastgestelde PIP version) and for the aanbieder (its own participants: the
persons with an accepted referral to it, leerroute of that referral).

Counts only, never a name: placements per status and per soort of place, and the persons
with each kind of outflow. ``per_route`` is the pure count, tested by hand-computed rows;
the query functions read three lists whatever the number of persons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from regie.people.models import Verwijzing, VerwijzingStatus
from regie.plans.models import LeerrouteChoice, PIPVersie, VersieStatus
from regie.work.models import Plaatsing, PlaatsingStatus, PlekSoort, Uitstroom, UitstroomSoort

# The kinds of outflow counted per route (the others, moving and the end of the plicht, say
# nothing about work).
OUTFLOW_KINDS = (UitstroomSoort.BETAALD_WERK, UitstroomSoort.ONDERWIJS, UitstroomSoort.UIT_BIJSTAND)


@dataclass
class RouteCounts:
    leerroute: str
    persons: int = 0
    by_status: dict[str, int] = field(default_factory=dict)  # placements
    by_soort: dict[str, int] = field(default_factory=dict)  # placements
    outflow: dict[str, int] = field(default_factory=dict)  # persons


def per_route(
    routes: dict[int, str],
    placements: Iterable[tuple[int, str, str]],
    outflow: Iterable[tuple[int, str]],
) -> list[RouteCounts]:
    """``routes``: person -> leerroute; ``placements``: (person, status, soort of place);
    ``outflow``: (person, soort). Placements and outflow of persons not in ``routes`` are
    not counted; a person with two outflows of one kind counts once. One row per leerroute
    (in the order of LeerrouteChoice, then any other route), only routes with persons."""
    rows: dict[str, RouteCounts] = {}
    for route in routes.values():
        row = rows.setdefault(route, RouteCounts(route))
        row.persons += 1
    for person, status, soort in placements:
        route = routes.get(person)
        if route is None:
            continue
        row = rows[route]
        row.by_status[status] = row.by_status.get(status, 0) + 1
        row.by_soort[soort] = row.by_soort.get(soort, 0) + 1
    seen = set()
    for person, soort in outflow:
        route = routes.get(person)
        if route is None or (person, soort) in seen:
            continue
        seen.add((person, soort))
        rows[route].outflow[soort] = rows[route].outflow.get(soort, 0) + 1
    return sorted_routes(rows.values())


def sorted_routes(rows: Iterable[RouteCounts]) -> list[RouteCounts]:
    """In the order of LeerrouteChoice, then any other route."""
    order = {value: i for i, value in enumerate(LeerrouteChoice.values)}
    return sorted(rows, key=lambda r: (order.get(r.leerroute, len(order)), r.leerroute))


def _placements_and_outflow(person_ids) -> tuple[list, list]:
    placements = list(
        Plaatsing.objects.filter(inburgeraar__in=person_ids)
        .values_list("inburgeraar_id", "status", "plek__soort")
        .order_by()
    )
    outflow = list(
        Uitstroom.objects.filter(inburgeraar__in=person_ids, soort__in=OUTFLOW_KINDS)
        .values_list("inburgeraar_id", "soort")
        .order_by()
        .distinct()
    )
    return placements, outflow


def monitoring_counts(person_ids) -> list[RouteCounts]:
    """The filtered persons (a subquery of ids) with a vastgestelde PIP, by the leerroute of
    their latest vastgestelde version. Three queries."""
    routes: dict[int, tuple[int, str]] = {}
    for person, nummer, route in (
        PIPVersie.objects.filter(pip__inburgeraar__in=person_ids, status=VersieStatus.VASTGESTELD)
        .values_list("pip__inburgeraar", "nummer", "leerroute")
        .order_by()
    ):
        if person not in routes or nummer > routes[person][0]:
            routes[person] = (nummer, route or "")
    placements, outflow = _placements_and_outflow(person_ids)
    return per_route({p: r for p, (_n, r) in routes.items()}, placements, outflow)


def aanbieder_counts(user) -> list[RouteCounts]:
    """The aanbieder's own participants (accepted referrals to the user's organisation, in
    the user's scope), by the leerroute of the referral. Three queries."""
    referrals = (
        Verwijzing.objects.for_user(user)
        .filter(aanbieder_id=user.organisation_id, status=VerwijzingStatus.GEACCEPTEERD)
        .order_by()
    )
    routes = dict(referrals.values_list("inburgeraar_id", "leerroute"))
    placements, outflow = _placements_and_outflow(referrals.values("inburgeraar_id"))
    return per_route(routes, placements, outflow)


def headers() -> list[tuple[str, str, str]]:
    """(group, key, column title) of the count columns, in order: placements per status, per
    soort of place, persons per outflow kind."""
    from django.utils.translation import gettext as _

    return (
        [
            ("status", s.value, _("Plaatsingen: %(label)s") % {"label": s.label})
            for s in PlaatsingStatus
        ]
        + [("soort", s.value, _("Op plek: %(label)s") % {"label": s.label}) for s in PlekSoort]
        + [
            ("outflow", s.value, _("Uitstroom: %(label)s") % {"label": s.label})
            for s in OUTFLOW_KINDS
        ]
    )


def values(row: RouteCounts) -> list[int]:
    groups = {"status": row.by_status, "soort": row.by_soort, "outflow": row.outflow}
    return [groups[group].get(key, 0) for group, key, _label in headers()]
