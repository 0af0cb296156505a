"""Dagtekening and bekendmaking of a besluit (Awb art. 3:40, 3:41, 6:8).

A besluit has two dates that are easily confused:

- the **dagtekening**: the date printed on the letter (the day the college took it);
- the **bekendmaking**: the day it is sent to or handed over to the person (Awb art. 3:41
  lid 1), with how (post, e-mail or the Berichtenbox, handed over in person). A besluit
  takes effect only once made known (art. 3:40).

Every term that runs "after bekendmaking" starts the day after it: bezwaar (Awb art. 6:7,
6:8), beroep (the same) and payment of a fine (art. 4:87). So none of them can be computed
before the besluit has been sent. A letter made before sending therefore never prints such
a date: it says "zes weken na de dag na verzending" (:data:`TERMIJN_NA_VERZENDING`), and
the real last day is shown to staff once the bekendmaking is recorded.

A dagtekening is normally today; an earlier one (a decision taken earlier and written
down now) needs a recorded reason (:func:`dagtekening_problems`), and none is ever in the
future. A bekendmaking cannot lie before the dagtekening or in the future
(:func:`bekendmaking_problems`).

All dates are plain ``datetime.date`` values; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from regie.rules.phrases import Phrase, gettext_noop


class Wijze(StrEnum):
    """How a besluit was made known (Awb art. 3:41 lid 1: toezending of uitreiking)."""

    POST = "post"
    DIGITAAL = "digitaal"  # e-mail or the Berichtenbox (Awb art. 2:14)
    UITGEREIKT = "uitgereikt"

    @property
    def label(self) -> Phrase:
        return Phrase(WIJZE_LABELS[self])


WIJZE_LABELS = {
    Wijze.POST: gettext_noop("per post verzonden"),
    Wijze.DIGITAAL: gettext_noop("per e-mail of Berichtenbox verzonden"),
    Wijze.UITGEREIKT: gettext_noop("persoonlijk uitgereikt"),
}

# What a letter made before sending says instead of a date (see the module docstring).
TERMIJN_NA_VERZENDING = gettext_noop("zes weken na de dag na verzending van deze brief")


def dagtekening_problems(dagtekening: date, today: date, reden: str = "") -> list[Phrase]:
    """Dutch errors for a dagtekening: never in the future; before ``today`` only with a
    reason (a decision taken earlier and written down now), which the caller stores."""
    if dagtekening > today:
        return [Phrase(gettext_noop("De dagtekening kan niet in de toekomst liggen."))]
    if dagtekening < today and not reden.strip():
        return [
            Phrase(
                gettext_noop(
                    "De dagtekening ligt vóór vandaag. Geef aan waarom het besluit een eerdere "
                    "datum krijgt."
                )
            )
        ]
    return []


def bekendmaking_problems(
    bekendgemaakt_op: date, dagtekening: date | None, today: date
) -> list[Phrase]:
    """Dutch errors for a bekendmaking: not in the future, not before the dagtekening."""
    problems: list[Phrase] = []
    if bekendgemaakt_op > today:
        problems.append(
            Phrase(gettext_noop("De datum van verzending kan niet in de toekomst liggen."))
        )
    if dagtekening is not None and bekendgemaakt_op < dagtekening:
        problems.append(
            Phrase(
                gettext_noop(
                    "De datum van verzending kan niet vóór de dagtekening (%(dag)s) liggen."
                ),
                dag=dagtekening,
            )
        )
    return problems
