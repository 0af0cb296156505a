"""Decisions about placements: the status transitions and the capacity of a place. Thin
wrappers around the pure rules in regie.rules.work, raising Dutch ValidationErrors."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.activities.models import Activity, Enrolment, Kind, Session
from regie.core.models import Organisation
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


def placement_blocks(person_ids, week_start: date) -> dict[int, list[Enrolment]]:
    """The running placements with fixed days and times in the week from ``week_start``,
    as unsaved enrolments of unsaved sessions: the weekprogramma (activities.services)
    treats them like any other fixed block (occupied for the solver, counted in the week's
    hours, shown in the schedule). One query; nothing is ever saved."""
    week_end = week_start + timedelta(days=6)
    blocks: dict[int, list[Enrolment]] = defaultdict(list)
    placements = (
        Plaatsing.objects.filter(
            inburgeraar__in=person_ids,
            status__in=sorted(rules.OCCUPYING),
            start__lte=week_end,
            start_time__isnull=False,
            end_time__isnull=False,
        )
        .exclude(end__lt=week_start)
        .select_related("plek__werkgever")
    )
    for plaatsing in placements:
        plek = plaatsing.plek
        activity = Activity(
            name=_("%(soort)s: %(plek)s") % {"soort": plek.get_soort_display(), "plek": plek.title},
            kind=Kind.ACTIVITEIT,
            themes=[],
            organiser=Organisation(name=plek.werkgever.name),
            location=", ".join(filter(None, [plek.werkgever.address, plek.werkgever.place])),
        )
        for weekday in sorted(set(plaatsing.weekdays)):
            day = week_start + timedelta(days=(weekday - week_start.weekday()) % 7)
            if day < plaatsing.start or (plaatsing.end and day > plaatsing.end):
                continue
            session = Session(
                pk=-(plaatsing.pk * 10 + weekday),  # never saved; sorts beside real sessions
                activity=activity,
                weekday=weekday,
                start=plaatsing.start_time,
                end=plaatsing.end_time,
                valid_from=plaatsing.start,
                valid_until=plaatsing.end,
            )
            blocks[plaatsing.inburgeraar_id].append(
                Enrolment(
                    inburgeraar_id=plaatsing.inburgeraar_id,
                    session=session,
                    start_date=plaatsing.start,
                    end_date=plaatsing.end,
                )
            )
    return blocks
