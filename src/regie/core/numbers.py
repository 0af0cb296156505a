"""Whole numbers that users type: ids and years in query strings, ids in API bodies and
paths, ids in uploaded files. ``str.isdigit()`` is not the test: it accepts "²" (which
``int()`` refuses) and digits of other scripts, and ``int()`` refuses more than 4,300
digits; each gave a 500 (issue 17, found by tests/security/test_fuzz_ui.py)."""

MAX_ID = 2**53  # larger ids do not exist; refusing them keeps every database happy


def whole_number(value, maximum: int = MAX_ID) -> int | None:
    """``value`` as an int when it is ASCII digits only and at most ``maximum``, else None."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if number <= maximum else None
