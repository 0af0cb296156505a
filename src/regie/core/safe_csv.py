"""CSV cells that spreadsheet programs will not execute as formulas (CSV injection).

A cell that starts with = + - @, a tab or a carriage return is prefixed with an
apostrophe, as OWASP advises; numbers stay numbers. ``dutch_row`` also writes numbers with a
decimal comma ("2932,2"), as Dutch Excel reads a ";"-separated file; such files start
with a UTF-8 byte order mark (``BOM``) so Excel knows the encoding."""

from decimal import Decimal

BOM = "\ufeff"

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    if isinstance(value, int | float | Decimal):
        return value
    text = "" if value is None else str(value)
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]


def dutch_row(values) -> list:
    """A safe row for a Dutch spreadsheet: numbers with a decimal comma."""
    from regie.core.formatting import csv_getal

    return [csv_getal(v) for v in safe_row(values)]
