"""Participatie en werk: placements are personal data for the inzage export and the
retention job (regie.core.privacy), and move with a municipality export
(regie.core.portability). Werkgevers and plekken belong to the municipality they serve
and move with it; the plekken follow their werkgever."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.work.models import Evaluatie, Plaatsing, Plek, Uitstroom, Werkgever


def anonymise_work(ids: list[int]) -> int:
    """The free texts go; place, dates, hours, reasons and outflow facts stay for the
    figures (the monitoring measures outflow at 6 to 36 months after the PIP)."""
    return (
        clear_text(Plaatsing.objects.filter(inburgeraar__in=ids), ["stop_reason"])
        + clear_text(
            Evaluatie.objects.filter(plaatsing__inburgeraar__in=ids),
            ["vaardigheden", "oordeel_werkgever"],
        )
        + clear_text(Uitstroom.objects.filter(inburgeraar__in=ids), ["toelichting"])
    )


def _collect(person):
    return (
        model_records(
            Plaatsing.objects.filter(inburgeraar=person).select_related(
                "plek__werkgever", "job_coach"
            )
        )
        + model_records(Evaluatie.objects.filter(plaatsing__inburgeraar=person))
        + model_records(Uitstroom.objects.filter(inburgeraar=person))
    )


register_person_data(
    PersonData(
        key="work.plaatsingen",
        label="Participatie en werk: plaatsingen",
        collect=_collect,
        anonymise=anonymise_work,
        order=75,
        models=(Plaatsing, Evaluatie, Uitstroom),
    )
)

register_portable(Werkgever, "municipality", order=85)
register_portable(Plek, "werkgever__municipality", order=86)
register_portable(Plaatsing, "inburgeraar__municipality", order=87)
register_portable(Evaluatie, "plaatsing__inburgeraar__municipality", order=88)
register_portable(Uitstroom, "inburgeraar__municipality", order=89)

# Matching people to places: the proposals and the reasons a person was not placed.
from regie.work.matching_models import (  # noqa: E402
    NietGeplaatst,
    PlaatsingMatchingRun,
    PlaatsingVoorstel,
)


def anonymise_matching(ids: list[int]) -> int:
    """The reasons name the person's experience and wishes: they go; scores stay."""
    return clear_text(
        PlaatsingVoorstel.objects.filter(inburgeraar__in=ids), ["reject_reason"]
    ) + PlaatsingVoorstel.objects.filter(inburgeraar__in=ids).exclude(reasons=[]).update(
        reasons=[]
    ) + clear_text(NietGeplaatst.objects.filter(inburgeraar__in=ids), ["reason"])


def _collect_matching(person):
    return model_records(
        PlaatsingVoorstel.objects.filter(inburgeraar=person).select_related("run", "plek")
    ) + model_records(NietGeplaatst.objects.filter(inburgeraar=person).select_related("run"))


register_person_data(
    PersonData(
        key="work.matching",
        label="Participatie en werk: voorstellen voor een plek",
        collect=_collect_matching,
        anonymise=anonymise_matching,
        order=76,
        models=(PlaatsingVoorstel, NietGeplaatst),
    )
)
register_portable(PlaatsingMatchingRun, "municipality", order=90)
register_portable(PlaatsingVoorstel, "inburgeraar__municipality", order=91)
register_portable(NietGeplaatst, "inburgeraar__municipality", order=91)
