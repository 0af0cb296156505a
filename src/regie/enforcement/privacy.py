"""Handhaving, bezwaar and beroep: personal data for the inzage export and the retention
job (regie.core.privacy), and the models for a municipality export
(regie.core.portability)."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, destroy, model_records, register_person_data
from regie.enforcement.models import (
    Bankafschrift,
    Beroep,
    Betaling,
    Bezwaar,
    Brief,
    Handhavingszaak,
    Hoorzitting,
    InningVerzoek,
    Invordering,
)

ZAAK_TEXT = [
    "omschrijving",
    "verwijtbaarheid_toelichting",
    "brief_toelichting",
    "brief_wat_gebeurd",
    "brief_opdracht",
    "afspraak_locatie",
    "matiging_reden",
    "berekening",
    "afsluit_reden",
]
BEZWAAR_TEXT = ["gronden", "verschoonbaar_reden", "advies", "verdaging_reden", "motivering"]


def anonymise_enforcement(ids: list[int]) -> int:
    """Free text goes; grounds, stages, outcomes, amounts and dates stay for the figures.
    The letters (PDFs with name, BSN and address) are destroyed."""
    changed = clear_text(Handhavingszaak.objects.filter(inburgeraar__in=ids), ZAAK_TEXT)
    changed += clear_text(Bezwaar.objects.filter(inburgeraar__in=ids), BEZWAAR_TEXT)
    changed += clear_text(
        Hoorzitting.objects.filter(bezwaar__inburgeraar__in=ids), ["aanwezigen", "verslag"]
    )
    changed += clear_text(Beroep.objects.filter(bezwaar__inburgeraar__in=ids), ["toelichting"])
    changed += destroy(Brief.objects.filter(inburgeraar__in=ids))
    changed += clear_text(
        InningVerzoek.objects.filter(handhaving__inburgeraar__in=ids), ["verzoek", "reden"]
    )
    return changed


def _collect(person):
    return (
        model_records(
            Handhavingszaak.objects.filter(inburgeraar=person).select_related(
                "vorige_zaak", "behandelaar"
            )
        )
        + model_records(
            Bezwaar.objects.filter(inburgeraar=person).select_related(
                "pip_versie",
                "handhaving",
                "advies_door",
                "beslist_door",
                "nieuwe_pip_versie",
                "geregistreerd_door",
            )
        )
        + model_records(Hoorzitting.objects.filter(bezwaar__inburgeraar=person))
        + model_records(
            Beroep.objects.filter(bezwaar__inburgeraar=person).select_related(
                "bezwaar", "hoger_beroep_van"
            )
        )
        + model_records(
            Brief.objects.filter(inburgeraar=person)
            .select_related("handhaving", "bezwaar")
            .defer("pdf"),
            exclude=("pdf",),
        )
        # Collecting the fine (issue 19): payments from the bank, aanmaning/dwangbevel,
        # requests for a betalingsregeling or kwijtschelding.
        + model_records(
            Betaling.objects.filter(handhaving__inburgeraar=person).select_related(
                "handhaving", "bankafschrift"
            )
        )
        + model_records(
            Invordering.objects.filter(handhaving__inburgeraar=person).select_related(
                "handhaving"
            )
        )
        + model_records(
            InningVerzoek.objects.filter(handhaving__inburgeraar=person).select_related(
                "handhaving", "beslist_door"
            )
        )
    )


register_person_data(
    PersonData(
        key="enforcement.handhaving",
        label="Handhaving, bezwaar en beroep",
        collect=_collect,
        anonymise=anonymise_enforcement,
        order=60,
        models=(
            Handhavingszaak,
            Bezwaar,
            Hoorzitting,
            Beroep,
            Brief,
            Betaling,
            Invordering,
            InningVerzoek,
        ),
    )
)

register_portable(Handhavingszaak, "inburgeraar__municipality", order=60)
register_portable(Bezwaar, "inburgeraar__municipality", order=61)
register_portable(Hoorzitting, "bezwaar__inburgeraar__municipality", order=62)
register_portable(Beroep, "bezwaar__inburgeraar__municipality", order=63)
register_portable(Brief, "inburgeraar__municipality", order=64)
register_portable(Bankafschrift, "municipality", order=65)
register_portable(Betaling, "handhaving__inburgeraar__municipality", order=66)
register_portable(Invordering, "handhaving__inburgeraar__municipality", order=67)
register_portable(InningVerzoek, "handhaving__inburgeraar__municipality", order=68)
