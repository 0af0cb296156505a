"""The brede intake's personal data for the inzage export and the retention job
(regie.core.privacy), and its models for a municipality export (regie.core.portability)."""

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, destroy, model_records, register_person_data
from regie.intake.models import (
    BredeIntake,
    IntakeGesprek,
    IntakeGezondheid,
    IntakeOproep,
    Leerbaarheidstoets,
)
from regie.rules.retention import RecordType

INTAKE_TEXT = [
    "housing",
    "finances",
    "diplomas",
    "work_experience",
    "languages",
    "work_options",
    "social_network",
    "self_reliance",
    "partner_notes",
    "childcare_notes",
]


def anonymise_intake(ids: list[int]) -> int:
    changed = clear_text(BredeIntake.objects.filter(inburgeraar__in=ids), INTAKE_TEXT)
    changed += clear_text(
        IntakeGesprek.objects.filter(intake__inburgeraar__in=ids),
        ["notes", "other_participants", "interpreter_language"],
    )
    changed += clear_text(Leerbaarheidstoets.objects.filter(inburgeraar__in=ids), ["outcome"])
    changed += clear_text(IntakeOproep.objects.filter(inburgeraar__in=ids), ["locatie"])
    # The letters carry name and address: the PDFs go.
    changed += IntakeOproep.objects.filter(inburgeraar__in=ids).exclude(pdf=None).update(pdf=None)
    return changed


register_person_data(
    PersonData(
        key="intake.brede_intake",
        label="Brede intake en leerbaarheidstoets",
        collect=lambda person: (
            model_records(BredeIntake.objects.filter(inburgeraar=person))
            + model_records(IntakeGesprek.objects.filter(intake__inburgeraar=person))
            + model_records(
                Leerbaarheidstoets.objects.filter(inburgeraar=person).select_related(
                    "toetsbegeleider"
                )
            )
            + model_records(
                IntakeOproep.objects.filter(inburgeraar=person), exclude=("search_name", "pdf")
            )
        ),
        anonymise=anonymise_intake,
        order=20,
        models=(BredeIntake, IntakeGesprek, Leerbaarheidstoets, IntakeOproep),
    )
)
register_person_data(
    PersonData(
        key="intake.gezondheid",
        label="Gezondheid (brede intake)",
        collect=lambda person: model_records(
            IntakeGezondheid.objects.filter(intake__inburgeraar=person)
        ),
        anonymise=lambda ids: destroy(IntakeGezondheid.objects.filter(intake__inburgeraar__in=ids)),
        record_type=RecordType.GEZONDHEID,
        order=21,
        models=(IntakeGezondheid,),
    )
)

register_portable(BredeIntake, "inburgeraar__municipality", order=20)
register_portable(IntakeGezondheid, "intake__inburgeraar__municipality", order=21)
register_portable(IntakeGesprek, "intake__inburgeraar__municipality", order=22)
register_portable(Leerbaarheidstoets, "inburgeraar__municipality", order=23)
register_portable(IntakeOproep, "inburgeraar__municipality", order=24)
