"""The burgerservicenummer (BSN) check: nine digits passing the 11-proef.

The 11-proef for a BSN (Wet algemene bepalingen burgerservicenummer; Logius'
specification): with digits d1..d9, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by
11. A BSN of eight digits is written with a leading zero. 000000000 is not a BSN.
"""


_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def check_digit(first_eight: str) -> int | None:
    """The ninth digit that makes ``first_eight`` a BSN by the 11-proef, or None when
    there is none (the remainder would be 10)."""
    total = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True))
    return total % 11 if total % 11 < 10 else None


def bsn_in_sequence(n: int, start: int) -> str:
    """The n-th valid BSN of a deterministic sequence beginning at the eight digits
    ``start`` (for generated and test data); distinct for every n."""
    for k in range(10):
        prefix = f"{start + n * 10 + k:08d}"
        digit = check_digit(prefix)
        if digit is not None:
            return prefix + str(digit)
    raise AssertionError("unreachable: some k in 0..9 gives a check digit below 10")


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
