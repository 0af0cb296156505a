"""Financiële ontzorging's personal data for the inzage export and the retention job
(regie.core.privacy), the retention of stored SEPA files, and the models of a
municipality export (regie.core.portability).

How the data moves with a municipality export:

- records bound to a person of the municipality move with the person: ontzorging,
  verlengingen, uitkeringen, betaalposten, payment lines (betaalregels) and money
  training participation;
- the municipality's own records move with it: its payment account, its own kinds of
  fixed costs, its payment runs, money training groups, funding (with its allocations
  to activities), contracts and scenarios. The payment account, own kinds of fixed
  costs and funding streams are matched on import by municipality (and name, or year
  and kind): what the target already configured stays;
- the national kinds of fixed costs (Participatiewet art. 56a, no municipality) are
  shared records: exported when a post uses them, matched on import by name, created
  when the target lacks them;
- a payment run belongs to one municipality (it pays from that municipality's account
  and selects only its posts), so every line of a run is about a person of the
  municipality: the run moves whole, with its totals, berichtkenmerk (msg_id), dates and
  the stored SEPA file when the retention job has not destroyed it yet. A line that does
  not fit (a person of this municipality in another municipality's run, or the reverse)
  cannot lose its run (the reference is required): it is not carried and the export and
  the import list it. A payment run's berichtkenmerk is unique per installation, so the
  same runs cannot be imported twice into one installation: the import stops and saves
  nothing.

Retention of SEPA files: the stored file (``Betaalrun.sepa_xml``) holds the names, IBANs
and payment references of many persons. It is destroyed (set to empty; totals, msg_id,
hash and dates stay) after its own term (``RecordType.SEPABESTAND``, from the day it was
made, regie.rules.retention), and as soon as one person in it is anonymised.
"""

from regie.core.portability import register_portable
from regie.core.privacy import (
    PersonData,
    RecordRetention,
    clear_text,
    model_records,
    register_person_data,
    register_record_retention,
)
from regie.finance.models import (
    BetaalPost,
    Betaalregel,
    Betaalrekening,
    Betaalrun,
    Contract,
    Crediteur,
    Financiering,
    FundingAllocation,
    Geldtraining,
    GeldtrainingDeelname,
    Ontzorging,
    PostSoort,
    Scenario,
    Uitkering,
    UitkeringCorrectie,
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
    changed += clear_text(
        UitkeringCorrectie.objects.filter(uitkering__ontzorging__inburgeraar__in=ids), ["reden"]
    )
    changed += clear_text(BetaalPost.objects.filter(ontzorging__inburgeraar__in=ids), PAYMENT_TEXT)
    changed += clear_text(Betaalregel.objects.filter(inburgeraar__in=ids), PAYMENT_TEXT)
    # The SEPA file of a run repeats the person's creditors and IBANs: it goes too (for
    # every person in the run; the run keeps its lines, totals, msg_id and hash).
    changed += clear_sepa_files(
        Betaalrun.objects.filter(
            pk__in=Betaalregel.objects.filter(inburgeraar__in=ids).values("run_id")
        )
    )
    return changed


def clear_sepa_files(runs) -> int:
    """Destroy the stored SEPA files of these runs; returns how many were destroyed."""
    return runs.filter(sepa_xml__isnull=False).update(sepa_xml=None)


def expired_sepa_files(cutoff, municipality=None):
    """Runs whose SEPA file was made on or before ``cutoff`` and is still stored."""
    runs = Betaalrun.objects.filter(sepa_xml__isnull=False, geexporteerd_op__date__lte=cutoff)
    if municipality is not None:
        runs = runs.filter(municipality=municipality)
    return runs


def _collect(person):
    return (
        model_records(Ontzorging.objects.filter(inburgeraar=person))
        + model_records(Verlenging.objects.filter(ontzorging__inburgeraar=person))
        + model_records(Uitkering.objects.filter(ontzorging__inburgeraar=person))
        + model_records(
            UitkeringCorrectie.objects.filter(uitkering__ontzorging__inburgeraar=person)
        )
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
        models=(Ontzorging, Verlenging, Uitkering, UitkeringCorrectie, BetaalPost, Betaalregel),
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
register_record_retention(
    RecordRetention(
        key="finance.sepabestand",
        label="SEPA-bestanden van betaalruns",
        record_type=RecordType.SEPABESTAND,
        expired=expired_sepa_files,
        destroy=clear_sepa_files,
    )
)

PERSON = "inburgeraar__municipality"
register_portable(PostSoort, "municipality", order=50, natural_key=("municipality", "naam"))
register_portable(Betaalrekening, "municipality", order=50, natural_key=("municipality",))
# The crediteurenregister: a municipality's own creditors move with it; shared ones (no
# municipality) are exported when a post uses them and matched on import by name and IBAN.
register_portable(Crediteur, "municipality", order=50, natural_key=("municipality", "naam", "iban"))
register_portable(Ontzorging, PERSON, order=51)
register_portable(Verlenging, "ontzorging__inburgeraar__municipality", order=52)
register_portable(Uitkering, "ontzorging__inburgeraar__municipality", order=52)
register_portable(BetaalPost, "ontzorging__inburgeraar__municipality", order=53)
register_portable(
    UitkeringCorrectie, "uitkering__ontzorging__inburgeraar__municipality", order=53
)
register_portable(Betaalrun, "municipality", order=54)
register_portable(Betaalregel, PERSON, order=55)
register_portable(Geldtraining, "municipality", order=56)
register_portable(GeldtrainingDeelname, PERSON, order=57)
register_portable(
    Financiering, "municipality", order=58, natural_key=("municipality", "jaar", "soort")
)
register_portable(Contract, "municipality", order=58)
register_portable(Scenario, "municipality", order=58)
# After the activities (order 70-80) it refers to; an allocation to another
# municipality's activity does not move and is reported.
register_portable(FundingAllocation, "funding__municipality", order=81)
