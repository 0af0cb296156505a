"""Participatie en werk: placements are personal data for the inzage export and the
retention job (regie.core.privacy), and move with a municipality export
(regie.core.portability). Werkgevers and plekken belong to the municipality they serve
and move with it; the plekken follow their werkgever."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.work.models import Plaatsing, Plek, Werkgever


def anonymise_work(ids: list[int]) -> int:
    """The free-text reason goes; place, dates and hours stay for the figures."""
    return clear_text(Plaatsing.objects.filter(inburgeraar__in=ids), ["stop_reason"])


def _collect(person):
    return model_records(
        Plaatsing.objects.filter(inburgeraar=person).select_related("plek__werkgever", "job_coach")
    )


register_person_data(
    PersonData(
        key="work.plaatsingen",
        label="Participatie en werk: plaatsingen",
        collect=_collect,
        anonymise=anonymise_work,
        order=75,
        models=(Plaatsing,),
    )
)

register_portable(Werkgever, "municipality", order=85)
register_portable(Plek, "werkgever__municipality", order=86)
register_portable(Plaatsing, "inburgeraar__municipality", order=87)
