"""How a person or a household is named in a dropdown, so that people with the same name
can be told apart: "Sara Al-Ahdal (12-03-1990, nr 1043)", "Huishouden Ahmadi (Kerkstraat
4, nr 17)". Every form field choosing a person or a household uses these
(``label_from_instance``); households come from ``with_address`` so the label costs no
query per option."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _


def person_label(person) -> str:
    """'Sara Al-Ahdal (12-03-1990, nr 1043)'."""
    born = f"{person.date_of_birth:%d-%m-%Y}" if person.date_of_birth else "—"
    return _("%(name)s (%(born)s, nr %(nr)s)") % {
        "name": person.full_name,
        "born": born,
        "nr": person.pk,
    }


def household_label(household) -> str:
    """'Huishouden Ahmadi (Kerkstraat 4, nr 17)'; without a known address only the number."""
    street = getattr(household, "label_street", "") or ""
    number = getattr(household, "label_house_number", "") or ""
    address = f"{street} {number}".strip()
    if address:
        return _("%(name)s (%(address)s, nr %(nr)s)") % {
            "name": household.name,
            "address": address,
            "nr": household.pk,
        }
    return _("%(name)s (nr %(nr)s)") % {"name": household.name, "nr": household.pk}


def with_address(households):
    """Households annotated with the address of their first registered member, for
    ``household_label``: one query for the whole dropdown."""
    from regie.people.models import Inburgeraar

    members = Inburgeraar.objects.filter(household=OuterRef("pk")).exclude(street="").order_by("pk")
    return households.annotate(
        label_street=Subquery(members.values("street")[:1]),
        label_house_number=Subquery(members.values("house_number")[:1]),
    )
