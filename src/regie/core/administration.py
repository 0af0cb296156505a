"""What a functioneel beheerder may administer: the municipalities their own organisation
serves, and nothing beyond (issue 17, H1 and M1; docs/security.md).

A beheerder may create or change an account only when every municipality that account
could reach (its organisation's ``serves``) is one of their own. An account of a shared
uitvoerder that also works for another municipality is refused with a message naming the
municipality whose beheerder must be involved; a pending-change flow with a second
beheerder (four eyes) is not built yet ('Known limits').

The audit log is scoped the same way (``audit_scope_q``, used by the page and the CSV).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from regie.core.access import served_municipality_ids
from regie.core.extensions import person_model
from regie.core.models import Municipality, Organisation, User


def own_municipality_ids(user) -> set[int]:
    return set(served_municipality_ids(user))


def municipalities_beyond(user, organisation: Organisation | None) -> list[Municipality]:
    """The municipalities ``organisation`` works for that ``user``'s organisation does not."""
    if organisation is None:
        return []
    return list(organisation.serves.exclude(pk__in=own_municipality_ids(user)).order_by("name"))


def refusal(organisation: Organisation, beyond: list[Municipality]) -> str:
    names = ", ".join(m.name for m in beyond)
    return _(
        "%(organisation)s werkt ook voor %(municipalities)s: een beheerder die ook voor "
        "%(municipalities)s werkt moet dit account aanmaken of wijzigen."
    ) % {"organisation": organisation.name, "municipalities": names}


def may_administer(user, organisation: Organisation | None) -> bool:
    return organisation is not None and not municipalities_beyond(user, organisation)


def audit_scope_q(user) -> Q:
    """The audit events ``user`` (a beheerder) may read: events about persons of their
    municipalities; person-less events of accounts of organisations serving them; and
    events of no account and no person (failed logins with unknown names, system jobs),
    which belong to no municipality and are what a beheerder watches for attacks."""
    own = served_municipality_ids(user)
    persons = person_model().objects.filter(municipality__in=own).values("pk")
    accounts = User.objects.filter(organisation__serves__in=own).values("pk")
    return (
        Q(inburgeraar_id__in=persons)
        | Q(inburgeraar_id__isnull=True, user_id_copy__in=accounts)
        | Q(inburgeraar_id__isnull=True, user_id_copy__isnull=True)
    )
