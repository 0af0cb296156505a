"""Financiële ontzorging's personal data for the inzage export and the retention job
(regie.core.privacy).

Not registered for a municipality export (regie.core.portability): payment posts refer
to national post types (no municipality) and payment lines to payment runs whose SEPA
files cover many persons; how those move needs a decision first.
"""

from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.finance.models import (
    BetaalPost,
    Betaalregel,
    GeldtrainingDeelname,
    Ontzorging,
    Uitkering,
    Verlenging,
)
from regie.rules.retention import RecordType

PAYMENT_TEXT = ["crediteur", "iban", "bic", "kenmerk"]


def anonymise_finance(ids: list[int]) -> int:
    """Creditors, account numbers, payment references and free text go; amounts, dates,
    periods and statuses stay for the accounts and the figures."""
    changed = clear_text(Ontzorging.objects.filter(inburgeraar__in=ids), ["overdracht_toelichting"])
    changed += clear_text(Verlenging.objects.filter(ontzorging__inburgeraar__in=ids), ["reden"])
    changed += clear_text(
        Uitkering.objects.filter(ontzorging__inburgeraar__in=ids), ["toelichting"]
    )
    changed += clear_text(BetaalPost.objects.filter(ontzorging__inburgeraar__in=ids), PAYMENT_TEXT)
    changed += clear_text(Betaalregel.objects.filter(inburgeraar__in=ids), PAYMENT_TEXT)
    return changed


def _collect(person):
    return (
        model_records(Ontzorging.objects.filter(inburgeraar=person))
        + model_records(Verlenging.objects.filter(ontzorging__inburgeraar=person))
        + model_records(Uitkering.objects.filter(ontzorging__inburgeraar=person))
        + model_records(
            BetaalPost.objects.filter(ontzorging__inburgeraar=person).select_related(
                "ontzorging", "soort", "vervangt", "aangemaakt_door", "gecontroleerd_door"
            )
        )
        + model_records(
            Betaalregel.objects.filter(inburgeraar=person).select_related("run", "post")
        )
    )


register_person_data(
    PersonData(
        key="finance.ontzorging",
        label="Financiële ontzorging en betalingen",
        collect=_collect,
        anonymise=anonymise_finance,
        record_type=RecordType.FINANCIEEL,
        order=50,
        models=(Ontzorging, Verlenging, Uitkering, BetaalPost, Betaalregel),
    )
)
register_person_data(
    PersonData(
        key="finance.geldtraining",
        label="Geldtraining",
        collect=lambda person: model_records(
            GeldtrainingDeelname.objects.filter(inburgeraar=person).select_related("training")
        ),
        anonymise=lambda ids: clear_text(
            GeldtrainingDeelname.objects.filter(inburgeraar__in=ids), ["toelichting"]
        ),
        order=51,
        models=(GeldtrainingDeelname,),
    )
)
