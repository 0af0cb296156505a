"""The activities app's contributions to shared pages: attendance below the municipality's
threshold and due PVT/MAP steps in the klantmanager's werkvoorraad, and the section
'Activiteiten en voortgang' of the person's file. Each does a constant number of queries
(one per distinct municipality for its local threshold or norm)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.activities import progress, services
from regie.activities.models import (
    Attendance,
    DagdeelStatus,
    MapTraject,
    ProgrammeStatus,
    PvtTraject,
    WeekProgramme,
)
from regie.core.access import caseload_q, compiled_query
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.presence import has_rows, only_if_present, person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.people.models import Inburgeraar

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("enrolment", "activities.Enrolment")
person_presence("pvt", "activities.PvtTraject")
person_presence("map", "activities.MapTraject")
person_presence("weekprogramme", "activities.WeekProgramme")


class _PerMunicipality:
    """A local value per municipality, asked once per municipality (not per person), by the
    person's municipality id (the municipality itself need not be loaded)."""

    def __init__(self, name: str):
        self.name = name
        self.cache: dict[int, object] = {}

    def __call__(self, person):
        from regie.core.localrules import local_values

        pk = person.municipality_id
        if pk not in self.cache:
            self.cache[pk] = local_values(self.name, [pk])[pk]
        return self.cache[pk]


def _activities_url(person_id: int) -> str:
    return reverse_row("person_activities", person_id)


def lowest_attendance_first(stands: list) -> list:
    """The werkvoorraad shows the top of each section: the lowest attendance first, then
    the most no-shows; a stand without registered hours last."""
    return sorted(stands, key=lambda s: (s.rate is None, s.rate or 0, -s.no_shows))


def low_attendance_items(user, today: date) -> list[WorkItem]:
    since = services.attendance_window_start(today)
    attendances = Attendance.objects.for_user(user).filter(
        caseload_q(user, "enrolment__inburgeraar__")
    )
    stands = services.attendance_stands(attendances, since)
    ids = {s.person_id for s in stands}
    if not ids:
        return []
    persons = {
        p.pk: p
        for p in Inburgeraar.objects.filter(pk__in=ids).only(
            "pk", "first_name", "last_name", "municipality"
        )
    }
    threshold = _PerMunicipality("aanwezigheid_signaal_procent")
    items = []
    for stand in lowest_attendance_first(stands):
        person = persons[stand.person_id]
        limit = int(threshold(person))
        if progress.attendance_signal(
            stand.present_hours, stand.registered_hours, stand.registrations, limit
        ):
            items.append(
                WorkItem(
                    person,
                    _(
                        "Aanwezigheid %(rate)s%% bij %(what)s (onder %(limit)s%%, "
                        "%(n)s keer niet verschenen)"
                    )
                    % {
                        "rate": stand.rate,
                        "what": stand.activity_name,
                        "limit": limit,
                        "n": stand.no_shows,
                    },
                    None,
                    _activities_url(person.pk),
                )
            )
    return items


@compiled_query
def _open_pvt(user):
    return (
        PvtTraject.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"))
        .filter(Q(signed_on__isnull=True) | Q(duo_reported_on__isnull=True))
        .annotate(
            attended=Count("dagdelen", filter=Q(dagdelen__status=DagdeelStatus.AANWEZIG)),
        )
        .select_related("inburgeraar")
        .order_by("inburgeraar__last_name")[:200]
    )


@compiled_query
def _map_without_eindgesprek(user):
    return (
        MapTraject.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"), eindgesprek_on__isnull=True)
        .annotate(hours=Sum("uren__hours"))
        .filter(hours__gt=0)
        .select_related("inburgeraar")
        .order_by("inburgeraar__last_name")[:200]
    )


def pvt_map_items(user) -> list[WorkItem]:
    items = []
    for traject in _open_pvt(user):
        url = reverse_row("pvt_edit", traject.inburgeraar_id)
        if traject.signed_on is None and traject.attended >= progress.PVT_DAGDELEN:
            items.append(
                WorkItem(
                    traject.inburgeraar, _("PVT afgerond: verklaring laten ondertekenen"), None, url
                )
            )
        elif traject.signed_on is not None:
            items.append(
                WorkItem(traject.inburgeraar, _("PVT: ondertekening melden aan DUO"), None, url)
            )
    norm = _PerMunicipality("map_uren")
    for traject in _map_without_eindgesprek(user):
        if progress.map_eindgesprek_due(
            traject.hours or Decimal(0), Decimal(norm(traject.inburgeraar)), None
        ):
            items.append(
                WorkItem(
                    traject.inburgeraar,
                    _("MAP: eindgesprek voeren (%(h)s uur gevolgd)")
                    % {
                        "h": progress.Bar(
                            "map", traject.hours, norm(traject.inburgeraar)
                        ).value_text
                    },
                    None,
                    reverse_row("map_edit", traject.inburgeraar_id),
                )
            )
    return items


@werkvoorraad_provider
def klantmanager_activities(user, today: date):
    if not user.has_role(Role.KLANTMANAGER):
        return []
    return [
        WorkSection(
            "low_attendance",
            _("Aanwezigheid onder de drempel"),
            low_attendance_items(user, today),
            _("Niemand in uw caseload zit onder de drempel voor aanwezigheid."),
            order=40,
        ),
        WorkSection(
            "pvt_map",
            _("PVT en MAP"),
            pvt_map_items(user),
            _("Geen PVT- of MAP-stappen te doen."),
            order=45,
        ),
    ]


@person_section
def activities_section(request, person):
    user = request.user
    if not user.can(Permission.ACTIVITIES_VIEW):
        return None
    from regie.activities.views import _restricted, person_enrolments

    today = timezone.localdate()
    restricted = _restricted(user)
    attendances = Attendance.objects.for_user(user).filter(enrolment__inburgeraar=person)
    if restricted:
        attendances = attendances.filter(
            enrolment__session__activity__organiser=user.organisation_id
        )
    enrolments = list(
        only_if_present(person_enrolments(user, person), person, "enrolment").filter(
            end_date__isnull=True
        )[:20]
    )
    since = services.attendance_window_start(today)
    # Attendance is registered on an enrolment: without one there is none to count.
    if not has_rows(person, "enrolment"):
        stands, progress = [], None if restricted else services.person_progress(person)
    elif restricted:  # an aanbieder: its own activities' stands, no progress
        stands, progress = services.attendance_stands(attendances, since), None
    else:  # the stands and the hours for the progress in one read
        stands, hours = services.person_attendance(attendances, since)
        progress = services.person_progress(person, hours=hours)
    context = {
        "person": person,
        "restricted": restricted,
        "enrolments": enrolments,
        "stands": stands,
        "threshold": services.threshold_for(person.municipality),
        "progress": progress,
        "programme": None
        if restricted
        else only_if_present(
            WeekProgramme.objects.for_user(user).filter(inburgeraar=person),
            person,
            "weekprogramme",
        )
        .filter(status__in=[ProgrammeStatus.BEVESTIGD, ProgrammeStatus.CONCEPT])
        .order_by("-created_at")
        .first(),
        "can_plan": user.can(Permission.WEEKPROGRAMME_PLAN),
        "can_register": user.can(Permission.PVT_MAP_REGISTER),
    }
    return PersonSection("activities/_section.html", context, order=60)
