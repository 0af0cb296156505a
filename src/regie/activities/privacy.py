"""Activities, weekprogramma, PVT and MAP: personal data for the inzage export and the
retention job (regie.core.privacy), and the models for a municipality export
(regie.core.portability; activities and sessions move with the enrolments that refer to
them)."""

from regie.activities.models import (
    Activity,
    Attendance,
    Availability,
    Enrolment,
    MapTraject,
    MapUren,
    PvtDagdeel,
    PvtTraject,
    Session,
    WeekProgramme,
    WeekProgrammeItem,
)
from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data


def anonymise_activities(ids: list[int]) -> int:
    """Free text goes; enrolments, attendance, hours and dates stay for the figures."""
    changed = clear_text(Availability.objects.filter(inburgeraar__in=ids), ["reason"])
    changed += clear_text(MapTraject.objects.filter(inburgeraar__in=ids), ["eindgesprek_notes"])
    changed += clear_text(MapUren.objects.filter(traject__inburgeraar__in=ids), ["description"])
    return changed


def _collect(person):
    return (
        model_records(
            Enrolment.objects.filter(inburgeraar=person).select_related(
                "session__activity", "programme"
            )
        )
        + model_records(
            Attendance.objects.filter(enrolment__inburgeraar=person).select_related(
                "enrolment__session__activity"
            )
        )
        + model_records(Availability.objects.filter(inburgeraar=person))
        + model_records(
            WeekProgramme.objects.filter(inburgeraar=person).select_related(
                "created_by", "confirmed_by"
            )
        )
        + model_records(
            WeekProgrammeItem.objects.filter(programme__inburgeraar=person).select_related(
                "programme", "session__activity"
            )
        )
        + model_records(PvtTraject.objects.filter(inburgeraar=person))
        + model_records(PvtDagdeel.objects.filter(traject__inburgeraar=person))
        + model_records(MapTraject.objects.filter(inburgeraar=person))
        + model_records(MapUren.objects.filter(traject__inburgeraar=person))
    )


register_person_data(
    PersonData(
        key="activities.deelname",
        label="Activiteiten, weekprogramma, PVT en MAP",
        collect=_collect,
        anonymise=anonymise_activities,
        order=70,
        models=(
            Enrolment,
            Attendance,
            Availability,
            WeekProgramme,
            WeekProgrammeItem,
            PvtTraject,
            PvtDagdeel,
            MapTraject,
            MapUren,
        ),
    )
)

register_portable(Activity, "municipality", order=70)
register_portable(Session, "activity__municipality", order=71)
register_portable(WeekProgramme, "inburgeraar__municipality", order=72)
register_portable(WeekProgrammeItem, "programme__inburgeraar__municipality", order=73)
register_portable(Enrolment, "inburgeraar__municipality", order=74)
register_portable(Attendance, "enrolment__inburgeraar__municipality", order=75)
register_portable(Availability, "inburgeraar__municipality", order=76)
register_portable(PvtTraject, "inburgeraar__municipality", order=77)
register_portable(PvtDagdeel, "traject__inburgeraar__municipality", order=78)
register_portable(MapTraject, "inburgeraar__municipality", order=79)
register_portable(MapUren, "traject__inburgeraar__municipality", order=80)
