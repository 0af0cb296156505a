"""Reports of aanbieders, DUO messages and transfers between municipalities: personal
data for the inzage export and the retention job (regie.core.privacy), and the models for
a municipality export (regie.core.portability)."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.exchange.models import (
    Afschaalverzoek,
    Afwezigheid,
    BrpSignaal,
    DuoMelding,
    Examenresultaat,
    Lesuren,
    Overdracht,
    Voortgangsmeting,
)


def anonymise_exchange(ids: list[int]) -> int:
    """Free text goes, and so does the copy of the file received from another
    municipality; hours, levels, results, dates and statuses stay for the figures."""
    changed = clear_text(Afwezigheid.objects.filter(inburgeraar__in=ids), ["toelichting"])
    changed += clear_text(Voortgangsmeting.objects.filter(inburgeraar__in=ids), ["toelichting"])
    changed += clear_text(
        Afschaalverzoek.objects.filter(inburgeraar__in=ids), ["motivering", "besluit_toelichting"]
    )
    changed += clear_text(DuoMelding.objects.filter(inburgeraar__in=ids), ["toelichting"])
    # A BRP signal's description may name the new address.
    changed += clear_text(BrpSignaal.objects.filter(inburgeraar__in=ids), ["omschrijving"])
    changed += Overdracht.objects.filter(inburgeraar__in=ids).exclude(inhoud={}).update(inhoud={})
    return changed


def _collect(person):
    return (
        model_records(Lesuren.objects.filter(inburgeraar=person).select_related("aanbieder"))
        + model_records(Afwezigheid.objects.filter(inburgeraar=person).select_related("aanbieder"))
        + model_records(
            Voortgangsmeting.objects.filter(inburgeraar=person).select_related("aanbieder")
        )
        + model_records(
            Examenresultaat.objects.filter(inburgeraar=person).select_related("aanbieder")
        )
        + model_records(
            Afschaalverzoek.objects.filter(inburgeraar=person).select_related(
                "aanbieder", "besloten_door"
            )
        )
        + model_records(DuoMelding.objects.filter(inburgeraar=person))
        + model_records(Overdracht.objects.filter(inburgeraar=person))
        + model_records(BrpSignaal.objects.filter(inburgeraar=person))
    )


MODELS = (
    Lesuren,
    Afwezigheid,
    Voortgangsmeting,
    Examenresultaat,
    Afschaalverzoek,
    DuoMelding,
    Overdracht,
    BrpSignaal,
)

register_person_data(
    PersonData(
        key="exchange.rapportages",
        label="Rapportages van aanbieders, DUO-meldingen, overdrachten en BRP-signalen",
        collect=_collect,
        anonymise=anonymise_exchange,
        order=80,
        models=MODELS,
    )
)

for offset, model in enumerate(MODELS):
    register_portable(model, "inburgeraar__municipality", order=90 + offset)
