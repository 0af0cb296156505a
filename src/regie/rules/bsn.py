"""The burgerservicenummer (BSN) check: nine digits passing the 11-proef.

The 11-proef for a BSN (Wet algemene bepalingen burgerservicenummer; Logius'
specification): with digits d1..d9, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by
11. A BSN of eight digits is written with a leading zero. 000000000 is not a BSN.
"""


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes; pad an eight-digit number with a leading zero."""
    digits = "".join(ch for ch in str(value) if ch not in " .-")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid_bsn(value: str) -> bool:
    digits = normalise_bsn(value)
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    if digits == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0
