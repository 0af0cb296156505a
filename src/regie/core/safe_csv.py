"""CSV cells that spreadsheet programs will not execute as formulas (CSV injection).

A cell that starts with = + - @, a tab or a carriage return is prefixed with an
apostrophe, as OWASP advises; numbers stay numbers."""

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]
