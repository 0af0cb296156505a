"""Numbers as a Dutch reader expects them, in one place for pages, letters and exports.

``getal(2932.2)`` is "2.932,2", ``uren(11.5)`` is "11,5 uur", ``euro(1912.5)`` is
"€ 1.912,50"; in English the separators swap ("2,932.2"). Precision is what a person
needs: amounts of money in cents, hours and shares to one decimal, counts whole; trailing
zeros after the comma are dropped except for money ("12 uur", not "12,0 uur").
``csv_getal`` writes a number for a Dutch spreadsheet: decimal comma, no thousands dot.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from regie.rules.phrases import Phrase


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _dutch() -> bool:
    return (translation.get_language() or "nl").startswith("nl")


def _format(number: Decimal, decimals: int, keep_zeros: bool) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{abs(number):,.{decimals}f}"
    if not keep_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    if _dutch():
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    sign = "−" if number < 0 else ""
    return sign + text


def getal(value, decimals: int = 1) -> str:
    """A count or measure: "2.932,2", "41", "0,5"; not a number comes back as text."""
    number = _decimal(value)
    if number is None:
        return "—" if value is None or value == "" else str(value)
    return _format(number, int(decimals), keep_zeros=False)


def uren(value) -> str:
    """Hours: "11,5 uur", "1 uur"."""
    number = _decimal(value)
    if number is None:
        return "—"
    return _("%(n)s uur") % {"n": _format(number, 1, keep_zeros=False)}


def euro(value, decimals: int = 2) -> str:
    """Money: "€ 1.912,50", "−€ 12,00"."""
    number = _decimal(value)
    if number is None:
        return "—"
    text = _format(number, int(decimals), keep_zeros=True)
    sign = "−" if text.startswith("−") else ""
    return f"{sign}€ {text.removeprefix('−')}"


def procent(value) -> str:
    """A percentage already in 0..100: "69,5%"."""
    number = _decimal(value)
    if number is None:
        return "—"
    return f"{_format(number, 1, keep_zeros=False)}%"


def csv_getal(value):
    """A number for a Dutch CSV (";" separated): "2932,2"; text and None pass unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, int):
        return value
    number = _decimal(value)
    if number is None:
        return ""
    if number.as_tuple().exponent < -2:  # sums of floats: cents are precise enough
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def leerroute_label(value) -> str:
    """A leerroute key ("b1", "onderwijs", "z") as its label ("B1-route", …); empty: "—"."""
    if not value:
        return "—"
    from regie.rules.leerroute import LEERROUTE_LABELS, Leerroute

    try:
        return _(LEERROUTE_LABELS[Leerroute(str(value))])
    except ValueError:
        return str(value)


def datum(value) -> str:
    """A day in full, as a letter or a page writes it: '6 december 2026' (English: the
    same order, 'December' spelt out)."""
    from django.utils.formats import date_format

    return date_format(value, "j F Y") if value else ""


def maand(value) -> str:
    """A month in words: 'maart 2027'."""
    from django.utils.formats import date_format

    return date_format(value, "F Y") if value else ""


# --- sentences from regie.rules ------------------------------------------------------


def _render(value) -> str:
    """A rules phrase (or parameter) in the active language: msgids through gettext, dates
    in full ('6 december 2026'), lists joined with '; '."""
    if isinstance(value, Phrase):
        params = {key: _render(v) for key, v in value.params.items()}
        text = gettext(value.msgid)
        return text % params if params else text
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return "; ".join(_render(v) for v in value)
    return str(value)


_render_lazy = lazy(_render, str)


def translated(value):
    """A sentence from ``regie.rules`` shown in the language active when it is rendered
    (lazy, so a page in English shows it in English); plain strings pass unchanged."""
    return _render_lazy(value) if isinstance(value, Phrase) else value
