"""The rapport and zienswijze before an art. 23 fine (Boeterapport) in the inzage export,
the retention job and a municipality export, beside regie.enforcement.privacy."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.enforcement.models import Boeterapport

RAPPORT_TEXT = ["feiten", "verplichting", "zienswijze_inhoud", "tolk", "gehoord_door"]


def anonymise_boeterapport(ids: list[int]) -> int:
    """Free text goes; stages and dates stay."""
    return clear_text(Boeterapport.objects.filter(zaak__inburgeraar__in=ids), RAPPORT_TEXT)


def _collect(person):
    return model_records(
        Boeterapport.objects.filter(zaak__inburgeraar=person).select_related("zaak")
    )


register_person_data(
    PersonData(
        key="enforcement.boeterapport",
        label="Rapport en zienswijze voor een boete",
        collect=_collect,
        anonymise=anonymise_boeterapport,
        order=61,
        models=(Boeterapport,),
    )
)

register_portable(Boeterapport, "zaak__inburgeraar__municipality", order=65)
