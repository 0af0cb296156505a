"""Matching people to places (issue 20, point 3): build the instance of docs/planning.md
§3 from the app's data, solve it optimally (regie.planning.plaatsing), store the proposal,
and confirm or decline each proposed pair.

Who takes part: the persons of the user's scope in one municipality with PIP vastgesteld
or in uitvoering and no running or proposed placement; the active plekken of the
municipality's active werkgevers with a free seat (running and proposed placements take
one). The data per person, in a constant number of queries:

- Dutch level: the latest completed brede intake (``dutch_level``);
- experience: the intake's werkervaring and diploma's; wishes: the intake's
  mogelijkheden tot arbeidsparticipatie and the MAP (beroepenoriëntatie: the parts
  recorded in the MAP hours and the eindgesprek);
- lesson days: the weekdays of the lesson groups (taalles) the person is enrolled in now;
- location: the matching profile's coordinates, else the municipality's centre.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.activities.models import Enrolment, Kind, MapTraject, MapUren
from regie.core import audit
from regie.core.audit import AuditAction
from regie.core.models import LocalRule, Municipality
from regie.guidance.models import MatchingProfile
from regie.guidance.services import centre_of
from regie.intake.models import BredeIntake, IntakeStatus
from regie.people.models import Inburgeraar, StatusChoice
from regie.planning.io import readable_reason
from regie.planning.plaatsing import greedy_plaatsing, solve_plaatsing
from regie.rules import plaatsing_matching as pm
from regie.rules import work as rules
from regie.rules.figures import int_figure
from regie.work import services
from regie.work.models import (
    MatchingRunStatus,
    NietGeplaatst,
    Plaatsing,
    PlaatsingMatchingRun,
    PlaatsingStatus,
    PlaatsingVoorstel,
    Plek,
    VoorstelStatus,
)

IN_TRAJECT = (StatusChoice.PIP_VASTGESTELD, StatusChoice.IN_UITVOERING)
# Placements that make a person ineligible and take a seat of a plek for the matching.
TAKEN = (PlaatsingStatus.LOPEND, PlaatsingStatus.VOORGESTELD)
FIGURES = ("plaatsing_max_reistijd_minuten", "plaatsing_taalniveau_marge")
_LEVEL = {"geen": "geen", "a0": "A0", "a1": "A1", "a2": "A2", "b1": "B1"}
_DAY_CODES = pm.DAYS  # weekday 0 = maandag, as activities.Weekday


class MatchingRefused(ValidationError):
    pass


def matching_figures(municipality_id: int) -> dict[str, int]:
    """The municipality's maximum travel time and level margin (lokaal beleid)."""
    values = {name: int_figure(name) for name in FIGURES}
    for name, value in LocalRule.objects.filter(
        municipality=municipality_id, name__in=FIGURES
    ).values_list("name", "value"):
        values[name] = int(value)
    return values


def eligible_persons(user, municipality_id: int):
    """Persons of the user's scope in the duaal traject without a running or proposed
    placement."""
    taken = Plaatsing.objects.filter(inburgeraar=OuterRef("pk"), status__in=TAKEN)
    return (
        Inburgeraar.objects.for_user(user)
        .filter(municipality=municipality_id, status__in=IN_TRAJECT)
        .exclude(Exists(taken))
    )


def open_places(municipality_id: int):
    """The municipality's active plekken with the seats taken by running or proposed
    placements."""
    return (
        Plek.objects.filter(
            active=True, werkgever__active=True, werkgever__municipality=municipality_id
        )
        .select_related("werkgever")
        .annotate(taken=Count("plaatsingen", filter=Q(plaatsingen__status__in=TAKEN)))
        .order_by("pk")
    )


def person_id(pk: int) -> str:
    return f"p{pk}"


def place_id(pk: int) -> str:
    return f"w{pk}"


@dataclass
class InstanceBuild:
    instance: dict
    persons: dict[str, Inburgeraar] = field(default_factory=dict)
    places: dict[str, Plek] = field(default_factory=dict)
    excluded_places: list[tuple[Plek, str]] = field(default_factory=list)


def _lesson_days(ids: list[int], today: date) -> dict[int, set[str]]:
    days: dict[int, set[str]] = defaultdict(set)
    for pid, weekday, valid_until in (
        Enrolment.objects.filter(
            inburgeraar__in=ids, session__activity__kind=Kind.TAALLES, start_date__lte=today
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("inburgeraar_id", "session__weekday", "session__valid_until")
    ):
        if valid_until is None or valid_until >= today:
            days[pid].add(_DAY_CODES[weekday])
    return days


def build_instance(user, municipality: Municipality, today: date) -> InstanceBuild:
    """The docs/planning.md §3 instance for one municipality, in seven queries."""
    figures = matching_figures(municipality.pk)
    build = InstanceBuild(
        instance={
            "persons": [],
            "places": [],
            "max_travel_minutes": figures["plaatsing_max_reistijd_minuten"],
            "level_gap": figures["plaatsing_taalniveau_marge"],
        }
    )
    persons = list(eligible_persons(user, municipality.pk).order_by("pk"))
    ids = [p.pk for p in persons]
    intakes: dict[int, BredeIntake] = {}
    for intake in BredeIntake.objects.filter(
        inburgeraar__in=ids, status=IntakeStatus.AFGEROND
    ).order_by("inburgeraar_id", "-completed_on", "-id"):
        intakes.setdefault(intake.inburgeraar_id, intake)
    locations = {
        pid: (lat, lon)
        for pid, lat, lon in MatchingProfile.objects.filter(
            inburgeraar__in=ids, lat__isnull=False, lon__isnull=False
        ).values_list("inburgeraar_id", "lat", "lon")
    }
    map_texts: dict[int, list[str]] = defaultdict(list)
    for pid, notes in MapTraject.objects.filter(inburgeraar__in=ids).values_list(
        "inburgeraar_id", "eindgesprek_notes"
    ):
        if notes:
            map_texts[pid].append(notes)
    for pid, description in (
        MapUren.objects.filter(traject__inburgeraar__in=ids)
        .order_by("-date", "-id")
        .values_list("traject__inburgeraar_id", "description")
    ):
        map_texts[pid].append(description)
    lessons = _lesson_days(ids, today)
    centre = centre_of(municipality) or (0.0, 0.0)
    for person in persons:
        intake = intakes.get(person.pk)
        lat, lon = locations.get(person.pk, centre)
        pid = person_id(person.pk)
        build.persons[pid] = person
        build.instance["persons"].append(
            {
                "id": pid,
                "dutch_level": _LEVEL.get(intake.dutch_level, "") if intake else "",
                "lat": lat,
                "lon": lon,
                "lesson_days": [d for d in pm.DAYS if d in lessons.get(person.pk, set())],
                "modes": list(pm.MODES),
                "experience": [t for t in (intake.work_experience, intake.diplomas) if t]
                if intake
                else [],
                "wishes": ([intake.work_options] if intake and intake.work_options else [])
                + map_texts.get(person.pk, []),
            }
        )
    for plek in open_places(municipality.pk):
        free = rules.capacity_left(plek.capacity, plek.taken)
        if free <= 0:
            build.excluded_places.append(
                (
                    plek,
                    _("vol: %(n)s van %(c)s plaatsen bezet")
                    % {"n": plek.taken, "c": plek.capacity},
                )
            )
            continue
        werkgever = plek.werkgever
        lat, lon = (
            (werkgever.lat, werkgever.lon)
            if werkgever.lat is not None and werkgever.lon is not None
            else centre
        )
        wid = place_id(plek.pk)
        build.places[wid] = plek
        build.instance["places"].append(
            {
                "id": wid,
                "required_level": plek.language_level,
                "lat": lat,
                "lon": lon,
                "days": pm.parse_days(plek.days),
                "capacity": free,
                "sectors": sorted(pm.sectors_in([plek.title, werkgever.sector, werkgever.name])),
            }
        )
    return build


def run_matching(user, municipality_id: int, today: date | None = None) -> PlaatsingMatchingRun:
    """Build, solve optimally (and with the greedy baseline, for the record), store the
    proposal for review. Earlier open proposals of the organisation for the municipality
    are superseded. Audit-logged."""
    today = today or timezone.localdate()
    municipality = Municipality.objects.get(pk=municipality_id)
    build = build_instance(user, municipality, today)
    output = solve_plaatsing(build.instance)
    greedy = greedy_plaatsing(build.instance)
    names = {wid: f"{p.title} ({p.werkgever.name})" for wid, p in build.places.items()}
    with transaction.atomic():
        stale = PlaatsingMatchingRun.objects.filter(
            organisation=user.organisation_id,
            municipality=municipality_id,
            status=MatchingRunStatus.OPEN,
        )
        PlaatsingVoorstel.objects.filter(run__in=stale, status=VoorstelStatus.OPEN).update(
            status=VoorstelStatus.VERVALLEN
        )
        stale.update(status=MatchingRunStatus.VERVANGEN)
        run = PlaatsingMatchingRun.objects.create(
            organisation_id=user.organisation_id,
            municipality=municipality,
            run_by=user,
            person_count=len(build.persons),
            place_count=len(build.places),
            placed_count=output["objective"]["placed"],
            total_score=output["objective"]["score"],
            greedy_placed=greedy["objective"]["placed"],
            greedy_score=greedy["objective"]["score"],
            optimal=output["optimal"],
            max_travel_minutes=build.instance["max_travel_minutes"],
            level_gap=build.instance["level_gap"],
            excluded_places=[
                {"plek": p.pk, "name": f"{p.title} ({p.werkgever.name})", "reason": reason}
                for p, reason in build.excluded_places
            ],
            status=MatchingRunStatus.OPEN if output["pairs"] else MatchingRunStatus.AFGEHANDELD,
        )
        PlaatsingVoorstel.objects.bulk_create(
            [
                PlaatsingVoorstel(
                    run=run,
                    inburgeraar=build.persons[p["person"]],
                    plek=build.places[p["place"]],
                    score=p["score"],
                    reasons=p["reasons"],
                )
                for p in output["pairs"]
            ]
        )
        NietGeplaatst.objects.bulk_create(
            [
                NietGeplaatst(
                    run=run,
                    inburgeraar=build.persons[u["person"]],
                    reason=readable_reason(u["reason"], names, "w")[:300],
                )
                for u in output["unplaced"]
            ]
        )
        audit.log(
            AuditAction.CREATE,
            obj=run,
            description=(
                f"plaatsingsvoorstel {municipality.name}: {run.placed_count} van "
                f"{run.person_count} personen op {run.place_count} plekken, score "
                f"{run.total_score} (greedy {run.greedy_placed} / {run.greedy_score})"
            ),
        )
    return run


def _decide(voorstel: PlaatsingVoorstel, status: str, user) -> None:
    voorstel.status = status
    voorstel.decided_by = user
    voorstel.decided_at = timezone.now()
    voorstel.save()
    if not PlaatsingVoorstel.objects.filter(
        run=voorstel.run_id, status=VoorstelStatus.OPEN
    ).exists():
        PlaatsingMatchingRun.objects.filter(
            pk=voorstel.run_id, status=MatchingRunStatus.OPEN
        ).update(status=MatchingRunStatus.AFGEHANDELD)


def confirm(voorstel: PlaatsingVoorstel, user, start: date) -> Plaatsing:
    """The job coach confirms a proposal: a Plaatsing with status voorgesteld on the plek
    (through services.create_plaatsing, under the plek's row lock), if it still holds: the
    proposal is open, the person has no running or proposed placement, the plek is active
    and has a free seat (running and proposed placements counted)."""
    if voorstel.status != VoorstelStatus.OPEN:
        raise MatchingRefused(_("Over dit voorstel is al besloten."))
    today = timezone.localdate()
    if start < today - timedelta(days=30) or start > today + timedelta(days=180):
        raise MatchingRefused(
            _("Kies een startdatum tussen 30 dagen geleden en een half jaar vooruit.")
        )
    with transaction.atomic():
        plek = Plek.objects.select_for_update().select_related("werkgever").get(pk=voorstel.plek_id)
        if not (plek.active and plek.werkgever.active):
            raise MatchingRefused(_("Deze plek is niet meer actief."))
        if Plaatsing.objects.filter(inburgeraar=voorstel.inburgeraar_id, status__in=TAKEN).exists():
            raise MatchingRefused(_("Deze persoon heeft al een lopende of voorgestelde plaatsing."))
        taken = Plaatsing.objects.filter(plek=plek, status__in=TAKEN).count()
        if rules.capacity_left(plek.capacity, taken) <= 0:
            raise MatchingRefused(
                _("Deze plek heeft geen vrije plaats meer: %(n)s van %(c)s bezet.")
                % {"n": taken, "c": plek.capacity}
            )
        plaatsing = services.create_plaatsing(
            Plaatsing(
                inburgeraar_id=voorstel.inburgeraar_id,
                plek=plek,
                start=start,
                hours_per_week=plek.hours_per_week,
                days=plek.days,
                job_coach=user,
                status=PlaatsingStatus.VOORGESTELD,
            )
        )
        voorstel.plaatsing = plaatsing
        _decide(voorstel, VoorstelStatus.BEVESTIGD, user)
        audit.log(
            AuditAction.UPDATE,
            obj=voorstel,
            inburgeraar_id=voorstel.inburgeraar_id,
            description=f"plaatsingsvoorstel bevestigd: plek {plek.pk}, plaatsing {plaatsing.pk}",
        )
    return plaatsing


def decline(voorstel: PlaatsingVoorstel, user, reason: str) -> PlaatsingVoorstel:
    if voorstel.status != VoorstelStatus.OPEN:
        raise MatchingRefused(_("Over dit voorstel is al besloten."))
    if not reason.strip():
        raise MatchingRefused(_("Geef een reden op voor het afwijzen."))
    with transaction.atomic():
        voorstel.reject_reason = reason.strip()[:300]
        _decide(voorstel, VoorstelStatus.AFGEWEZEN, user)
        audit.log(
            AuditAction.UPDATE,
            obj=voorstel,
            inburgeraar_id=voorstel.inburgeraar_id,
            description="plaatsingsvoorstel afgewezen",
        )
    return voorstel
