"""What the registry holds about a person, for the inzage export and the retention job
(regie.core.privacy), and which of its models move with a municipality
(regie.core.portability)."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad, TruncYear

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, destroy, model_records, register_person_data
from regie.people.models import (
    AccessGrant,
    Correctie,
    DuoBesluit,
    HealthNote,
    Household,
    Inburgeraar,
    StatusChange,
    Termijnwijziging,
    Verwijzing,
)
from regie.rules.retention import RecordType

ANONYMOUS_NAME = "Geanonimiseerd"


def is_anonymised(person: Inburgeraar) -> bool:
    # Real BSNs are nine digits; an anonymised person's is X + the record number.
    return person.bsn.startswith("X")


def anonymise_persons(ids: list[int]) -> int:
    """Names, BSN, contact, address, household and language details go; what the figures
    count (municipality, doelgroep, verblijfsvergunning, regime, status, gender, the dates of
    the trajectory and the year of birth) stays."""
    persons = Inburgeraar.objects.filter(pk__in=ids).exclude(bsn__startswith="X")
    household_ids = set(persons.exclude(household=None).values_list("household_id", flat=True))
    changed = persons.update(
        first_name=ANONYMOUS_NAME,
        last_name="",
        search_name=ANONYMOUS_NAME.lower(),
        bsn=Concat(Value("X"), LPad(Cast("pk", CharField()), 8, Value("0"))),
        date_of_birth=TruncYear("date_of_birth"),
        nationality="",
        languages="",
        interpreter_language="",
        phone="",
        email="",
        street="",
        house_number="",
        postcode="",
        city="",
        household=None,
        household_role="",
    )
    # A household that no longer has members carries only a family name: destroy it.
    changed += destroy(Household.objects.filter(pk__in=household_ids, members=None))
    changed += clear_text(StatusChange.objects.filter(inburgeraar__in=ids), ["reason"])
    changed += clear_text(
        Verwijzing.objects.filter(inburgeraar__in=ids), ["toelichting", "afwijzingsreden"]
    )
    changed += destroy(AccessGrant.objects.filter(inburgeraar__in=ids))
    return changed


def _person(person):
    return model_records(
        Inburgeraar.objects.filter(pk=person.pk).select_related(
            "municipality", "klantmanager", "begeleider", "household"
        )
    )


register_person_data(
    PersonData(
        key="people.inburgeraar",
        label="Persoonsgegevens en traject",
        collect=_person,
        anonymise=anonymise_persons,
        order=10,
        models=(Inburgeraar, Household, AccessGrant),
    )
)
register_person_data(
    PersonData(
        key="people.status",
        label="Statusgeschiedenis",
        collect=lambda person: model_records(StatusChange.objects.filter(inburgeraar=person)),
        order=11,
        models=(StatusChange,),
    )
)
register_person_data(
    PersonData(
        key="people.correctie",
        label="Correcties van registratiegegevens en huishouden",
        collect=lambda person: model_records(Correctie.objects.filter(inburgeraar=person)),
        anonymise=lambda ids: clear_text(
            Correctie.objects.filter(inburgeraar__in=ids), ["reason", "summary"]
        ),
        order=11,
        models=(Correctie,),
    )
)
register_person_data(
    PersonData(
        key="people.verwijzing",
        label="Verwijzingen naar aanbieders",
        collect=lambda person: model_records(
            Verwijzing.objects.filter(inburgeraar=person).select_related("aanbieder")
        ),
        order=12,
        models=(Verwijzing,),
    )
)
register_person_data(
    PersonData(
        key="people.gezondheid",
        label="Gezondheid (notities)",
        collect=lambda person: model_records(HealthNote.objects.filter(inburgeraar=person)),
        anonymise=lambda ids: destroy(HealthNote.objects.filter(inburgeraar__in=ids)),
        record_type=RecordType.GEZONDHEID,
        order=13,
        models=(HealthNote,),
    )
)

register_person_data(
    PersonData(
        key="people.termijn",
        label="Inburgeringstermijn en besluiten van DUO",
        collect=lambda person: model_records(
            DuoBesluit.objects.filter(inburgeraar=person).defer("advies_document"),
            exclude=("advies_document",),
        )
        + model_records(Termijnwijziging.objects.filter(inburgeraar=person)),
        anonymise=lambda ids: clear_text(
            DuoBesluit.objects.filter(inburgeraar__in=ids), ["toelichting"]
        )
        + DuoBesluit.objects.filter(inburgeraar__in=ids)
        .exclude(advies_document=None)
        .update(advies_document=None),
        order=12,
        models=(DuoBesluit, Termijnwijziging),
    )
)

register_portable(Household, "municipality", order=10)
register_portable(Inburgeraar, "municipality", order=11)
register_portable(StatusChange, "inburgeraar__municipality", order=12)
register_portable(Correctie, "inburgeraar__municipality", order=12)
register_portable(Verwijzing, "inburgeraar__municipality", order=13)
register_portable(HealthNote, "inburgeraar__municipality", order=14)
register_portable(DuoBesluit, "inburgeraar__municipality", order=13)
register_portable(Termijnwijziging, "inburgeraar__municipality", order=14)
