"""The bezwaar procedure's records (bezwaar_models) in the inzage export, the retention
job (regie.core.privacy) and the municipality export (regie.core.portability)."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.enforcement.bezwaar_models import (
    Commissie,
    Hoorder,
    Ingebrekestelling,
    Opschorting,
    Uitstel,
    VoorlopigeVoorziening,
)

# Free text goes on anonymisation; stages, dates and amounts stay for the figures.
TEXT = {
    Opschorting: ["verzuim"],
    Uitstel: ["instemming_hoe", "reden"],
    Commissie: ["advies"],
    VoorlopigeVoorziening: ["toelichting"],
}
MODELS = (Opschorting, Uitstel, Commissie, Hoorder, Ingebrekestelling, VoorlopigeVoorziening)


def anonymise(ids: list[int]) -> int:
    return sum(
        clear_text(model.objects.filter(bezwaar__inburgeraar__in=ids), fields)
        for model, fields in TEXT.items()
    )


def _collect(person):
    records = []
    for model in MODELS:
        if model is Hoorder:
            qs = Hoorder.objects.filter(hoorzitting__bezwaar__inburgeraar=person).select_related(
                "hoorzitting", "gebruiker"
            )
        else:
            qs = model.objects.filter(bezwaar__inburgeraar=person).select_related("bezwaar")
        records += model_records(qs)
    return records


register_person_data(
    PersonData(
        key="enforcement.bezwaarprocedure",
        label="Bezwaar: herstel, uitstel, commissie, hoorders, dwangsom, voorlopige voorziening",
        collect=_collect,
        anonymise=anonymise,
        order=61,
        models=MODELS,
    )
)

for order, model in enumerate(MODELS, start=65):
    path = (
        "hoorzitting__bezwaar__inburgeraar__municipality"
        if model is Hoorder
        else "bezwaar__inburgeraar__municipality"
    )
    register_portable(model, path, order=order)
