"""Decisions about placements: the status transitions and the capacity of a place. Thin
wrappers around the pure rules in regie.rules.work, raising Dutch ValidationErrors."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.rules import work as rules
from regie.work.models import Plaatsing, PlaatsingStatus, Plek


def running_count(plek: Plek, exclude_pk: int | None = None) -> int:
    qs = Plaatsing.objects.filter(plek=plek).running()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def check_capacity(plek: Plek, exclude_pk: int | None = None) -> None:
    if not rules.fits_capacity(plek.capacity, running_count(plek, exclude_pk)):
        raise ValidationError(
            _("Deze plek is vol: er lopen al %(n)s plaatsingen op %(capacity)s plaatsen.")
            % {"n": running_count(plek, exclude_pk), "capacity": plek.capacity}
        )


def change_status(
    plaatsing: Plaatsing, new: str, on: date | None = None, reason: str = "", reden: str = ""
) -> Plaatsing:
    """Move a placement to ``new``; ending (afgerond or gestopt) sets the end date."""
    if not rules.may_transition(plaatsing.status, new):
        raise ValidationError(
            _("Een plaatsing met status '%(current)s' kan niet naar '%(new)s'.")
            % {
                "current": PlaatsingStatus(plaatsing.status).label,
                "new": PlaatsingStatus(new).label,
            }
        )
    problem = rules.stop_problem(new, reden, reason)
    if problem == "reden":
        raise ValidationError(_("Kies de reden van voortijdig stoppen."))
    if problem == "toelichting":
        raise ValidationError(_("Licht de reden 'Andere reden' toe."))
    with transaction.atomic():
        # Lock the place so two running placements cannot take the last seat together.
        plek = Plek.objects.select_for_update().get(pk=plaatsing.plek_id)
        if new in rules.OCCUPYING:
            check_capacity(plek, exclude_pk=plaatsing.pk)
        plaatsing.status = new
        if new in (PlaatsingStatus.AFGEROND, PlaatsingStatus.GESTOPT):
            plaatsing.end = on or plaatsing.end
            if plaatsing.end and plaatsing.end < plaatsing.start:
                raise ValidationError(_("De einddatum ligt vóór de startdatum."))
        if new in rules.NEEDS_REASON:
            plaatsing.stop_reden = reden
            plaatsing.stop_reason = reason.strip()
        plaatsing.save()
    return plaatsing


def create_plaatsing(plaatsing: Plaatsing) -> Plaatsing:
    with transaction.atomic():
        plek = Plek.objects.select_for_update().get(pk=plaatsing.plek_id)
        if plaatsing.status in rules.OCCUPYING:
            check_capacity(plek)
        plaatsing.save()
    return plaatsing
