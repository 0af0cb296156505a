"""Participatie en werk on shared pages: the "Participatie en werk" section of a person's
file and the werkvoorraad signal "plaatsing eindigt binnen 4 weken"."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.audit import AuditAction
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.roles import Permission
from regie.rules import work as rules
from regie.work.models import Plaatsing, PlaatsingStatus

_LIMIT = 50


@person_section
def work_section(request, person) -> PersonSection | None:
    user = request.user
    if not user.can(Permission.WORK_VIEW):
        return None
    placements = list(
        Plaatsing.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("plek__werkgever", "job_coach")[:20]
    )
    audit.log_each(AuditAction.READ, placements, "plaatsingen op het dossier")
    return PersonSection(
        "work/_section.html",
        {
            "person": person,
            "placements": placements,
            "can_manage": user.can(Permission.WORK_MANAGE),
        },
        order=65,
    )


def ending_soon(user, today: date) -> list[WorkItem]:
    """Running placements ending within ENDING_SOON_WEEKS of the user as job coach or of
    the persons of the user's team."""
    horizon = today + timedelta(weeks=rules.ENDING_SOON_WEEKS)
    mine = Q(job_coach=user) | (
        Q(inburgeraar__klantmanager__team=user.team_id)
        if user.team_id
        else Q(inburgeraar__klantmanager=user)
    )
    placements = (
        Plaatsing.objects.for_user(user)
        .filter(mine, status=PlaatsingStatus.LOPEND, end__isnull=False, end__lte=horizon)
        .select_related("inburgeraar", "plek__werkgever")
        .order_by("end")[:_LIMIT]
    )
    return [
        WorkItem(
            p.inburgeraar,
            _("Plaatsing bij %(w)s eindigt") % {"w": p.plek.werkgever.name},
            p.end,
            reverse("plaatsing_status", args=[p.inburgeraar_id, p.pk]),
        )
        for p in placements
    ]


@werkvoorraad_provider
def work_work(user, today: date):
    if not user.can(Permission.WORK_MANAGE):
        return []
    return [
        WorkSection(
            "placement_ending",
            _("Plaatsingen die binnen 4 weken eindigen"),
            ending_soon(user, today),
            _("Geen plaatsingen die binnenkort eindigen."),
            order=47,
        )
    ]
