"""The oproepen for the brede intake (Wet inburgering 2021 art. 14 lid 1-2). Pure Python.

- The college calls the person up for the brede intake with a term (lid 1).
- A person who did not come gets a written warning with a repeated oproep and a new term
  (lid 1); missing that term can lead to an art. 22 fine.
- After the third oproep the college may complete the intake without the person (lid 2;
  figure ``brede_intake_max_oproepen``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from regie.rules.figures import int_figure

MAX_OPROEPEN = int_figure("brede_intake_max_oproepen")  # Wet inburgering 2021 art. 14 lid 2


class OproepSoort(StrEnum):
    OPROEP = "oproep"  # the first oproep with a term (Wi art. 14 lid 1)
    WAARSCHUWING = "waarschuwing"  # written warning with a repeated oproep (Wi art. 14 lid 1)


def oproep_soort(volgnummer: int) -> OproepSoort:
    """The first oproep is a plain oproep; every later one follows a no-show and so is a
    written warning with a repeated oproep and a new term (Wi art. 14 lid 1)."""
    if volgnummer < 1:
        raise ValueError("volgnummer starts at 1")
    return OproepSoort.OPROEP if volgnummer == 1 else OproepSoort.WAARSCHUWING


def may_complete_without_person(niet_verschenen: int) -> bool:
    """Whether the college may complete the brede intake without the person: after the
    third oproep the person did not come to (Wi art. 14 lid 2)."""
    return niet_verschenen >= MAX_OPROEPEN


def oproep_overdue(termijn_einde: date, today: date) -> bool:
    """The term runs through its last day: overdue only from the day after."""
    return today > termijn_einde
