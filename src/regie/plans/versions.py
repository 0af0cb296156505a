"""The vastgestelde PIP versions of persons as plain rows, read once per request: a
person's file asks for them three times (the voortgang, the termijn's first dagtekening,
the activities' plan facts), and within one GET request they are the same rows."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from regie.core.memo import per_request


class VersieRow(NamedTuple):
    person_id: int
    pip_id: int
    versie_id: int
    nummer: int
    dagtekening: date | None
    voortgang_frequentie_weken: int | None
    leerroute: str


@per_request
def vastgestelde_versies(person_ids: tuple[int, ...]) -> list[VersieRow]:
    """The vastgestelde versions of these persons, in the order of their PIP and number.
    One query (within a request: once per set of persons)."""
    from regie.plans.models import PIPVersie, VersieStatus

    return [
        VersieRow(*row)
        for row in PIPVersie.objects.filter(
            pip__inburgeraar__in=list(person_ids), status=VersieStatus.VASTGESTELD
        )
        .order_by("pip_id", "nummer")
        .values_list(
            "pip__inburgeraar_id",
            "pip_id",
            "id",
            "nummer",
            "dagtekening",
            "voortgang_frequentie_weken",
            "leerroute",
        )
    ]
