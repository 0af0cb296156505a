"""The bekendmaking of a besluit, shared by every app that produces one (PIP versions,
letters of handhaving and bezwaar): the choices for how it was made known, and the one
place that validates and records it. The rules are in :mod:`regie.rules.bekendmaking`.

A besluit is recorded as sent ("Verzonden / uitgereikt") once, with the day and the way;
every term that runs from bekendmaking (bezwaar, beroep, payment) counts from that day.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core import audit
from regie.core.models import AuditAction
from regie.rules import bekendmaking as rules_bekendmaking
from regie.rules.bekendmaking import Wijze


class BekendmakingWijze(models.TextChoices):
    """How a besluit was made known (Awb art. 3:41 lid 1: toezending of uitreiking)."""

    POST = Wijze.POST.value, _("Per post verzonden")
    DIGITAAL = Wijze.DIGITAAL.value, _("Per e-mail of Berichtenbox verzonden")
    UITGEREIKT = Wijze.UITGEREIKT.value, _("Persoonlijk uitgereikt")


def translated_problems(problems) -> list[str]:
    from django.utils.translation import gettext

    return [
        gettext(p.msgid) % {k: _render(v) for k, v in p.params.items()}
        if p.params
        else gettext(p.msgid)
        for p in problems
    ]


def _render(value):
    if isinstance(value, date):
        from django.utils.formats import date_format

        return date_format(value, "j F Y")
    return value


def dagtekening_errors(dagtekening: date, reden: str = "") -> list[str]:
    """Dutch (active language) errors for a dagtekening chosen by a user: none in the
    future, one before today only with a reason."""
    return translated_problems(
        rules_bekendmaking.dagtekening_problems(dagtekening, timezone.localdate(), reden)
    )


def record(
    obj,
    *,
    op: date,
    wijze: str,
    dagtekening: date | None,
    user=None,
    field: str = "bekendgemaakt_op",
    wijze_field: str = "bekendmaking_wijze",
    what: str = "",
) -> None:
    """Record on ``obj`` that its besluit was sent or handed over on ``op`` in ``wijze``:
    validated (not in the future, not before the dagtekening, once only), saved (its
    TrackedModel history records the fields) and audit-logged with a description. Raises
    ValidationError with Dutch messages under the key 'bekendgemaakt_op'."""
    errors = translated_problems(
        rules_bekendmaking.bekendmaking_problems(op, dagtekening, timezone.localdate())
    )
    if getattr(obj, field) is not None:
        errors.append(str(_("De verzending van dit besluit is al vastgelegd.")))
    if wijze not in BekendmakingWijze.values:
        raise ValidationError({"wijze": [str(_("Kies hoe het besluit is bekendgemaakt."))]})
    if errors:
        raise ValidationError({"bekendgemaakt_op": errors})
    setattr(obj, field, op)
    setattr(obj, wijze_field, wijze)
    if hasattr(obj, "bekendmaking_door_id") and user is not None:
        obj.bekendmaking_door = user
    obj.save()
    audit.log(
        AuditAction.UPDATE,
        obj=obj,
        inburgeraar_id=obj.audit_person_id(),
        description=f"verzonden/uitgereikt {what}: {op.isoformat()} ({wijze})".replace("  ", " "),
    )
