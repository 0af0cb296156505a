"""Template filters of the weekprogramma pages."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def uren(value) -> str:
    """A number of hours as the reader writes it: at most two decimals, no trailing zeros,
    with the language's decimal sign (nl: 11,5 and 6; en: 11.5 and 6)."""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    number = number.normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return formats.number_format(number, use_l10n=True)
