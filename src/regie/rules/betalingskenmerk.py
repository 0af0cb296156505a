"""The betalingskenmerk on a boetebesluit: the number a person types in the
"betalingskenmerk" field of their bank, so the gemeente can match the payment to the fine
without reading a description. Pure Python, no Django.

Format: the Dutch 16-digit betalingskenmerk (the standard of the former acceptgiro, still
checked by Dutch banks in the betalingskenmerk field): one check digit followed by 15
digits. The check digit is 11 minus the weighted sum of the 15 digits modulo 11, with the
weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 repeating from the rightmost digit (powers of 2
modulo 11); a result of 10 is written 1 and 11 is written 0.

Regie's 15 digits: the soort (one digit, :data:`SOORT_BOETE` for a fine), the CBS number
of the gemeente (four digits, GM0294 gives 0294) and the number of the handhavingszaak
(ten digits, zero-padded). So the kenmerk is unique per fine within one installation (the
case number is), stable (it depends on nothing that changes), and says which gemeente's
fine it is when several gemeenten share one installation.
"""

from __future__ import annotations

SOORT_BOETE = 7  # the first digit after the check digit: a boete of the college
_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6, 1)
LENGTH = 16

__all__ = ["LENGTH", "SOORT_BOETE", "betalingskenmerk", "controlecijfer", "geldig", "leesbaar"]


def controlecijfer(digits: str) -> int:
    """The check digit of the 15 ``digits`` after it."""
    if len(digits) != LENGTH - 1 or not digits.isdigit():
        raise ValueError("a betalingskenmerk has 15 digits after its check digit")
    total = sum(int(d) * _WEIGHTS[i % len(_WEIGHTS)] for i, d in enumerate(reversed(digits)))
    check = 11 - total % 11
    return {10: 1, 11: 0}.get(check, check)


def betalingskenmerk(cbs_code: str, zaak_nummer: int, soort: int = SOORT_BOETE) -> str:
    """The 16-digit betalingskenmerk of fine ``zaak_nummer`` of the gemeente ``cbs_code``
    (``GM0294`` or ``0294``)."""
    gemeente = cbs_code.upper().removeprefix("GM")
    if len(gemeente) != 4 or not gemeente.isdigit():
        raise ValueError("a CBS gemeentecode has four digits")
    if not 0 < zaak_nummer < 10**10 or not 0 <= soort <= 9:
        raise ValueError("case number or soort out of range")
    body = f"{soort}{gemeente}{zaak_nummer:010d}"
    return f"{controlecijfer(body)}{body}"


def geldig(kenmerk: str) -> bool:
    """Whether ``kenmerk`` (spaces allowed) is a valid 16-digit betalingskenmerk."""
    digits = kenmerk.replace(" ", "")
    if len(digits) != LENGTH or not digits.isdigit():
        return False
    return int(digits[0]) == controlecijfer(digits[1:])


def leesbaar(kenmerk: str) -> str:
    """In groups of four, as printed on a letter: '7029 4000 0000 0123'."""
    digits = kenmerk.replace(" ", "")
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
