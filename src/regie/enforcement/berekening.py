"""The steps of a fine calculation as data, shown in the reader's language.

A step is ``{"code": ..., "params": {...}, "bedrag": "250.00"}``; its sentence is a
translatable msgid chosen by the code and filled in when shown, so an English page shows
English and a Dutch page or letter shows Dutch, whatever language the user who imposed the
fine had. Dates in the parameters are ISO strings, amounts decimal strings; both are
formatted when shown (euros always Dutch: "€ 1.234,50").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

TEKSTEN = {
    "art22": gettext_lazy("Boete brede intake (Besluit inburgering 2021 art. 7.1 lid 1)"),
    "basis": gettext_lazy("Basisbedrag (Besluit art. 7.1 lid 2)"),
    "herhaling": gettext_lazy(
        "Eerdere onherroepelijke boetes (art. 23) binnen 12 maanden vóór %(dag)s: %(n)s, "
        "dus %(n)s× verdubbeld, ten hoogste € 800 (lid 3)"
    ),
    "herhaling_welke": gettext_lazy("Meegeteld: %(zaken)s"),
    "herhaling_geen": gettext_lazy(
        "Geen eerdere onherroepelijke boetes (art. 23) binnen 12 maanden vóór %(dag)s: "
        "niet verhoogd (lid 3)"
    ),
    "verwijtbaarheid": gettext_lazy("%(pct)s %% wegens %(graad)s (lid 4)"),
    "plafond": gettext_lazy("Al opgelegde boetes van het college; plafond %(cap)s (lid 5)"),
    "maximum": gettext_lazy("Ten hoogste op te leggen"),
}

EURO = Decimal("0.01")


def euro(amount: Decimal) -> str:
    """'€ 1.234,50' — Dutch notation for letters and pages, in every UI language."""
    whole, cents = f"{amount.quantize(EURO):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"€ {groups},{cents}"


GRADEN = {
    "opzet": gettext_lazy("opzet"),
    "grove_schuld": gettext_lazy("grove schuld"),
    "overig": gettext_lazy("geen opzet of grove schuld"),
    "verminderd": gettext_lazy("verminderde verwijtbaarheid"),
}


def stap(code: str, bedrag: Decimal, **params) -> dict:
    """One step as stored: dates and amounts as strings, so it fits a JSONField."""
    stored = {
        key: value.isoformat() if isinstance(value, date) else str(value)
        for key, value in params.items()
    }
    return {"code": code, "params": stored, "bedrag": str(bedrag)}


def _param(key: str, value: str):
    if key == "dag":
        return date_format(date.fromisoformat(value), "j F Y")
    if key == "cap":
        return euro(Decimal(value))
    if key == "graad":
        return GRADEN[value]
    return value


def regel(step: dict) -> tuple[str, str]:
    """(sentence, amount) of a stored step in the active language."""
    params = {key: _param(key, value) for key, value in step.get("params", {}).items()}
    text = str(TEKSTEN[step["code"]])
    return (text % params if params else text, euro(Decimal(step["bedrag"])))


def regels(stappen: list[dict], legacy_text: str = "") -> list[tuple[str, str]]:
    """The rows to show: from the stored steps, or from the old plain-text calculation of
    fines imposed before the steps were stored (shown as written, in Dutch)."""
    if stappen:
        return [regel(step) for step in stappen]
    return [tuple(line.rsplit(": ", 1)) for line in legacy_text.splitlines() if ": " in line]
