"""Filters for the handhaving and bezwaar pages: amounts and figures in Dutch notation
("€ 1.234,50", "12,5"), the same on the pages as in the letters, whatever the UI
language."""

from decimal import Decimal, InvalidOperation

from django import template

from regie.enforcement.berekening import euro as _euro

register = template.Library()


@register.filter
def euro(value) -> str:
    """'€ 1.234,50'; None or '' gives a dash."""
    if value is None or value == "":
        return "—"
    try:
        return _euro(Decimal(value))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


@register.filter
def getal(value, decimals: int = 1) -> str:
    """A number with a decimal comma and at most ``decimals`` decimals: 12.5 -> '12,5',
    12.0 -> '12'."""
    if value is None or value == "":
        return "—"
    try:
        amount = round(Decimal(str(value)), int(decimals))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    text = f"{amount:,.{int(decimals)}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text
