"""Participatie en werk on shared pages: the "Participatie en werk" section of a person's
file and the werkvoorraad signals: a placement ends soon, a running placement without an
evaluation for a while, and a person in the duaal traject without any participation
activity. The periods are lokaal beleid (rules/figures.py), per municipality."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, Max, OuterRef, Q
from django.utils.translation import gettext as _

from regie.activities.models import Enrolment, Kind
from regie.core import audit
from regie.core.access import caseload_q, compiled_query, served_municipality_ids
from regie.core.audit import AuditAction
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.localrules import local_rules_of
from regie.core.presence import only_if_present, person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.people.models import Inburgeraar, StatusChoice
from regie.rules import work as rules
from regie.rules.figures import int_figure
from regie.work.models import Plaatsing, PlaatsingStatus, Uitstroom

_LIMIT = 50

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("plaatsing", "work.Plaatsing")
person_presence("uitstroom", "work.Uitstroom")


@person_section
def work_section(request, person) -> PersonSection | None:
    user = request.user
    if not user.can(Permission.WORK_VIEW):
        return None
    placements = list(
        only_if_present(
            Plaatsing.objects.for_user(user).filter(inburgeraar=person), person, "plaatsing"
        ).select_related("plek__werkgever", "job_coach")[:20]
    )
    audit.log_each(AuditAction.READ, placements, "plaatsingen op het dossier")
    outflow = list(
        only_if_present(
            Uitstroom.objects.for_user(user).filter(inburgeraar=person), person, "uitstroom"
        )[:20]
    )
    audit.log_each(AuditAction.READ, outflow, "uitstroom op het dossier")
    return PersonSection(
        "work/_section.html",
        {
            "person": person,
            "placements": placements,
            "outflow": outflow,
            "can_manage": user.can(Permission.WORK_MANAGE),
        },
        order=65,
    )


def _mine(user, prefix: str = "inburgeraar__") -> Q:
    """The placements of the user as job coach or of the persons of the user's team."""
    return Q(job_coach=user) | caseload_q(user, prefix)


_FIGURES = (
    "plaatsing_eindigt_signaal_weken",
    "plaatsing_evaluatie_signaal_weken",
    "geen_participatie_signaal_dagen",
)


def _figures(user) -> dict[str, dict[int, int]]:
    """The werkvoorraad's lokaal-beleid periods for each municipality the user serves:
    {figure name: {municipality id: value}}, in one query."""
    ids = set(served_municipality_ids(user))
    values = {name: dict.fromkeys(ids, int_figure(name)) for name in _FIGURES}
    for municipality_id, own in local_rules_of(ids).items():
        for name in _FIGURES:
            if name in own:
                values[name][municipality_id] = int(own[name])
    return values


def _figure(user, name: str) -> dict[int, int]:
    return _figures(user)[name]


def ending_soon(user, today: date, weeks: dict[int, int] | None = None) -> list[WorkItem]:
    """Running placements ending within the municipality's plaatsing_eindigt_signaal_weken,
    of the user as job coach or of the persons of the user's team."""
    if weeks is None:
        weeks = _figure(user, "plaatsing_eindigt_signaal_weken")
    if not weeks:
        return []
    horizon = today + timedelta(weeks=max(weeks.values()))
    placements = [
        p
        for p in _ending_before(user, horizon)
        if p.end <= today + timedelta(weeks=weeks.get(p.inburgeraar.municipality_id, 0))
    ][:_LIMIT]
    return [
        WorkItem(
            p.inburgeraar,
            _("Plaatsing bij %(w)s eindigt") % {"w": p.plek.werkgever.name},
            p.end,
            reverse_row("plaatsing_status", p.inburgeraar_id, p.pk),
        )
        for p in placements
    ]


@compiled_query
def _ending_before(user, horizon: date):
    return (
        Plaatsing.objects.for_user(user)
        .filter(_mine(user), status=PlaatsingStatus.LOPEND, end__isnull=False, end__lte=horizon)
        .select_related("inburgeraar", "plek__werkgever")
        .order_by("end")[: _LIMIT * 2]
    )


def evaluation_overdue(user, today: date, weeks: dict[int, int] | None = None) -> list[WorkItem]:
    """Running placements whose last evaluation (or start) is longer ago than the
    municipality's plaatsing_evaluatie_signaal_weken."""
    if weeks is None:
        weeks = _figure(user, "plaatsing_evaluatie_signaal_weken")
    if not weeks:
        return []
    oldest = today - timedelta(weeks=min(weeks.values()))
    items = []
    for p in _not_evaluated_since(user, oldest):
        due = rules.evaluation_due(
            p.last, p.start, weeks.get(p.inburgeraar.municipality_id, min(weeks.values()))
        )
        if due <= today:
            items.append(
                WorkItem(
                    p.inburgeraar,
                    _("Evaluatie van de plaatsing bij %(w)s") % {"w": p.plek.werkgever.name},
                    due,
                    reverse_row("evaluatie_add", p.inburgeraar_id, p.pk),
                )
            )
    return items[:_LIMIT]


@compiled_query
def _not_evaluated_since(user, oldest: date):
    return (
        Plaatsing.objects.for_user(user)
        .filter(_mine(user), status=PlaatsingStatus.LOPEND, start__lte=oldest)
        .annotate(last=Max("evaluaties__datum"))
        .filter(Q(last__isnull=True) | Q(last__lte=oldest))
        .select_related("inburgeraar", "plek__werkgever")
        .order_by("start")[: _LIMIT * 2]
    )


_IN_TRAJECT = (StatusChoice.PIP_VASTGESTELD, StatusChoice.IN_UITVOERING)


def without_participation(user, today: date, days: dict[int, int] | None = None) -> list[WorkItem]:
    """Persons of the user (klantmanager or team) in the duaal traject (PIP vastgesteld or
    in uitvoering) who for geen_participatie_signaal_dagen have had no placement (running,
    or ended within that period) and no participation activity (a menukaart activity, not
    a lesson), and no recorded outflow. Two queries."""
    if days is None:
        days = _figure(user, "geen_participatie_signaal_dagen")
    if not days:
        return []
    since = today - timedelta(days=min(days.values()))
    persons = _without_participation_since(user, since)
    return [
        WorkItem(
            person,
            _("Geen werkplek, stage, vrijwilligerswerk of activiteit"),
            None,
            reverse_row("plaatsing_add", person.pk),
        )
        for person in persons
    ]


@compiled_query
def _without_participation_since(user, since: date):
    placement = Plaatsing.objects.filter(inburgeraar=OuterRef("pk")).filter(
        Q(status=PlaatsingStatus.LOPEND) | Q(status=PlaatsingStatus.VOORGESTELD) | Q(end__gte=since)
    )
    activity = Enrolment.objects.filter(
        inburgeraar=OuterRef("pk"), session__activity__kind=Kind.ACTIVITEIT
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
    return (
        Inburgeraar.objects.for_user(user)
        .filter(caseload_q(user), status__in=_IN_TRAJECT)
        .exclude(Exists(placement))
        .exclude(Exists(activity))
        .exclude(Exists(Uitstroom.objects.filter(inburgeraar=OuterRef("pk"))))
        .order_by("pk")[:_LIMIT]
    )


@werkvoorraad_provider
def work_work(user, today: date):
    if not user.can(Permission.WORK_MANAGE):
        return []
    figures = _figures(user)
    weeks = figures["plaatsing_eindigt_signaal_weken"]
    sections = [
        WorkSection(
            "placement_ending",
            _("Plaatsingen die binnen %(n)s weken eindigen")
            % {"n": max(weeks.values(), default=0)},
            ending_soon(user, today, weeks),
            _("Geen plaatsingen die binnenkort eindigen."),
            order=47,
        ),
        WorkSection(
            "placement_evaluation",
            _("Plaatsingen zonder recente evaluatie"),
            evaluation_overdue(user, today, figures["plaatsing_evaluatie_signaal_weken"]),
            _("Alle lopende plaatsingen zijn recent geëvalueerd."),
            order=48,
        ),
    ]
    if user.has_role(Role.KLANTMANAGER):
        # About the klantmanager's (team's) caseload; a jobcoach has none of their own.
        sections.append(
            WorkSection(
                "no_participation",
                _("Inburgeraars zonder participatie"),
                without_participation(user, today, figures["geen_participatie_signaal_dagen"]),
                _("Iedereen in uitvoering heeft een plaatsing of activiteit."),
                order=49,
            )
        )
    return sections
