"""What every step of handhaving, bezwaar and beroep shares: today, Dutch dates, collecting
and raising field errors, and moving a stage through its transition table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.enforcement.states import (
    can_transition,
)

# Working agreement, not law: the uitvoerder's advice is due this many days before the
# beslistermijn ends, so the jurist has time to decide.
ADVIES_MARGE_DAGEN = 14

EURO = Decimal("0.01")


def _d(day: date) -> str:
    return date_format(day, "j F Y")


def _today() -> date:
    return timezone.localdate()


def _not_future(day: date | None, field_name: str, errors: dict, what: str) -> None:
    if day is not None and day > _today():
        errors.setdefault(field_name, []).append(
            _("%(what)s kan niet in de toekomst liggen.") % {"what": what}
        )


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _move(obj, table, new: str, labels) -> None:
    if not can_transition(table, obj.stage, new):
        raise ValidationError(
            _("Van '%(old)s' naar '%(new)s' is geen toegestane stap.")
            % {"old": labels(obj.stage).label, "new": labels(new).label}
        )
    obj.stage = new
