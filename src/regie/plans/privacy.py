"""The PIP's personal data for the inzage export and the retention job
(regie.core.privacy), and its models for a municipality export (regie.core.portability)."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, destroy, model_records, register_person_data
from regie.plans.models import (
    PIP,
    Beschikking,
    DoelVoortgang,
    PIPDoel,
    PIPVersie,
    Voortgangsgesprek,
)

VERSIE_TEXT = [
    "route_toelichting",
    "intensiteit_toelichting",
    "pvt_afspraken",
    "map_afspraken",
    "knm_afspraken",
    "randvoorwaarden",
    "ondersteuning",
    "voortgang_afspraken",
    "participatiewet",
    "wijzigingsreden",
]


def anonymise_plans(ids: list[int]) -> int:
    """Free text goes; the route, dates and statuses stay for the figures. The
    beschikking PDFs carry name, BSN and address and are destroyed."""
    changed = clear_text(PIPVersie.objects.filter(pip__inburgeraar__in=ids), VERSIE_TEXT)
    changed += clear_text(
        PIPDoel.objects.filter(versie__pip__inburgeraar__in=ids), ["omschrijving"]
    )
    changed += clear_text(
        Voortgangsgesprek.objects.filter(pip__inburgeraar__in=ids),
        ["deelnemers", "verslag", "plan_wijzigingen"],
    )
    changed += clear_text(
        DoelVoortgang.objects.filter(gesprek__pip__inburgeraar__in=ids), ["toelichting"]
    )
    changed += destroy(Beschikking.objects.filter(versie__pip__inburgeraar__in=ids))
    return changed


def _collect(person):
    return (
        model_records(PIP.objects.filter(inburgeraar=person))
        + model_records(
            PIPVersie.objects.filter(pip__inburgeraar=person).select_related(
                "aanbieder", "opgesteld_door", "vastgesteld_door"
            )
        )
        + model_records(PIPDoel.objects.filter(versie__pip__inburgeraar=person))
        + model_records(
            Beschikking.objects.filter(versie__pip__inburgeraar=person).defer("pdf"),
            exclude=("pdf",),
        )
        + model_records(Voortgangsgesprek.objects.filter(pip__inburgeraar=person))
        + model_records(DoelVoortgang.objects.filter(gesprek__pip__inburgeraar=person))
    )


register_person_data(
    PersonData(
        key="plans.pip",
        label="PIP, beschikkingen en voortgangsgesprekken",
        collect=_collect,
        anonymise=anonymise_plans,
        order=30,
        models=(PIP, PIPVersie, PIPDoel, Beschikking, Voortgangsgesprek, DoelVoortgang),
    )
)

register_portable(PIP, "inburgeraar__municipality", order=30)
register_portable(PIPVersie, "pip__inburgeraar__municipality", order=31)
register_portable(PIPDoel, "versie__pip__inburgeraar__municipality", order=32)
register_portable(Beschikking, "versie__pip__inburgeraar__municipality", order=33)
register_portable(Voortgangsgesprek, "pip__inburgeraar__municipality", order=34)
register_portable(DoelVoortgang, "gesprek__pip__inburgeraar__municipality", order=35)
