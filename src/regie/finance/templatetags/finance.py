"""Template filters for amounts of money: ``{{ amount|euro }}`` gives € 1.234,56 in Dutch
and € 1,234.56 in English; None gives a dash."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def euro(value, decimals: int = 2) -> str:
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    text = f"{abs(amount):,.{int(decimals)}f}"
    if (translation.get_language() or "nl").startswith("nl"):
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    sign = "−" if amount < 0 else ""
    return f"{sign}€ {text}"


@register.filter
def pct(value) -> str:
    """A share (0..1) as a whole percentage."""
    try:
        return f"{Decimal(value) * 100:.0f}%"
    except (InvalidOperation, TypeError, ValueError):
        return "—"
