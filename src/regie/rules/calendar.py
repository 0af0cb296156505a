"""Dutch statutory calendar: algemeen erkende feestdagen and the Algemene termijnenwet.

Algemene termijnenwet (Atw, BWBR0002448):

- art. 1 lid 1: a statutory term that ends on a Saturday, Sunday or algemeen erkende
  feestdag runs on up to and including the next day that is none of these;
- art. 1 lid 2: not for terms counted backwards from a moment or event;
- art. 2: a term of at least three days is extended, where needed, so that it contains at
  least two days that are not a Saturday, Sunday or algemeen erkende feestdag;
- art. 3 lid 1: the algemeen erkende feestdagen are Nieuwjaarsdag, tweede Paasdag, tweede
  Pinksterdag, both Kerstdagen, Hemelvaartsdag, the day on which the King's birthday is
  celebrated (Koningsdag) and 5 mei (every year);
- art. 3 lid 2: Goede Vrijdag is equated with them;
- art. 3 lid 3: further days are equated by royal decree, published in the Staatscourant
  (:data:`GELIJKGESTELDE_DAGEN`, a data table a jurist extends);
- art. 4 onder a: the Atw does not apply to terms of more than 90 days, more than twelve
  weeks, more than three months, or expressed in years;
- art. 5: it applies likewise to terms set in an algemene maatregel van bestuur (so to the
  PIP term of the Besluit inburgering 2021).

Eerste Paasdag and Eerste Pinksterdag are not named in art. 3 (they are Sundays anyway), so
:func:`is_algemeen_erkende_feestdag` returns False for them; :func:`is_werkdag` is False
because they are Sundays.

Koningsdag: since 2014 the King's birthday is celebrated on 27 April, or on 26 April when
27 April is a Sunday. This module supports years from :data:`MIN_YEAR` (2014) on and
raises ``ValueError`` for earlier dates (Koninginnedag rules and the pre-2017 equated days
are not modelled).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

MIN_YEAR = 2014  # first year of Koningsdag on 27 April (26 April if a Sunday)

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday = 0 ... Sunday = 6
_SUNDAY = 6

# Days equated with an algemeen erkende feestdag by royal decree (Atw art. 3 lid 3).
# One line per day: (date, source). Only decrees whose content was confirmed are listed.
# TO EXTEND: add each day of a new 'Besluit gelijkstelling ... met een algemeen erkende
# feestdag' (published roughly every three years in the Staatscourant) and add its years
# to GELIJKGESTELDE_DAGEN_JAREN. Not listed (not verified here): the decree for
# 2020-2022 (secondary sources name vrijdag 27 mei 2022, the day after Hemelvaartsdag).
_KB_2017_2019 = "KB van 31 oktober 2016, Stcrt. 2016, 58653 (Atw art. 3 lid 3)"
_KB_2023_2025 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 "
    "en 30 mei 2025 met een algemeen erkende feestdag (Atw art. 3 lid 3)"
)
_KB_2026_2028 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en "
    "26 mei 2028 met een algemeen erkende feestdag (Atw art. 3 lid 3)"
)
GELIJKGESTELDE_DAGEN: tuple[tuple[date, str], ...] = (
    (date(2017, 4, 28), _KB_2017_2019),  # vrijdag na Koningsdag
    (date(2017, 5, 26), _KB_2017_2019),  # vrijdag na Hemelvaartsdag
    (date(2018, 5, 11), _KB_2017_2019),  # vrijdag na Hemelvaartsdag
    (date(2018, 12, 24), _KB_2017_2019),  # maandag voor Eerste Kerstdag
    (date(2018, 12, 31), _KB_2017_2019),  # maandag voor Nieuwjaarsdag
    (date(2019, 5, 31), _KB_2017_2019),  # vrijdag na Hemelvaartsdag
    (date(2019, 12, 27), _KB_2017_2019),  # vrijdag na Tweede Kerstdag
    (date(2023, 4, 28), _KB_2023_2025),  # vrijdag na Koningsdag
    (date(2023, 5, 19), _KB_2023_2025),  # vrijdag na Hemelvaartsdag
    (date(2024, 5, 10), _KB_2023_2025),  # vrijdag na Hemelvaartsdag
    (date(2024, 12, 27), _KB_2023_2025),  # vrijdag na Tweede Kerstdag
    (date(2025, 5, 30), _KB_2023_2025),  # vrijdag na Hemelvaartsdag
    (date(2026, 1, 2), _KB_2026_2028),  # vrijdag na Nieuwjaarsdag
    (date(2026, 5, 15), _KB_2026_2028),  # vrijdag na Hemelvaartsdag
    (date(2027, 5, 7), _KB_2026_2028),  # vrijdag na Hemelvaartsdag
    (date(2028, 4, 28), _KB_2026_2028),  # vrijdag na Koningsdag
    (date(2028, 5, 26), _KB_2026_2028),  # vrijdag na Hemelvaartsdag
)

# The years whose gelijkstellingsbesluit is in the table above. In other years (2014-2016,
# 2020-2022, and after 2028) the calendar may miss an equated day (typically the Friday
# after Hemelvaartsdag): a deadline in such a year should carry a warning for the user
# (see gelijkgestelde_dagen_bekend()).
GELIJKGESTELDE_DAGEN_JAREN: frozenset[int] = frozenset((*range(2017, 2020), *range(2023, 2029)))


def _check_year(year: int) -> None:
    if year < MIN_YEAR:
        raise ValueError(
            f"year {year} is before {MIN_YEAR}: the holiday rules for earlier years "
            "(Koninginnedag, older equated days) are not modelled"
        )


def easter_sunday(year: int) -> date:
    """Eerste Paasdag (Western Easter) by the anonymous Gregorian algorithm (Meeus/Jones/
    Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day0 = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day0 + 1)


def koningsdag(year: int) -> date:
    """Koningsdag: 27 April, or 26 April when 27 April is a Sunday (since 2014)."""
    _check_year(year)
    d = date(year, 4, 27)
    return d - _ONE_DAY if d.weekday() == _SUNDAY else d


@lru_cache(maxsize=256)
def _feestdagen(year: int) -> dict[date, str]:
    _check_year(year)
    easter = easter_sunday(year)
    days: dict[date, str] = {
        date(year, 1, 1): "Nieuwjaarsdag (Atw art. 3 lid 1)",
        easter - timedelta(days=2): "Goede Vrijdag (Atw art. 3 lid 2)",
        easter + timedelta(days=1): "Tweede Paasdag (Atw art. 3 lid 1)",
        koningsdag(year): "Koningsdag (Atw art. 3 lid 1)",
        date(year, 5, 5): "5 mei, Bevrijdingsdag (Atw art. 3 lid 1)",
        easter + timedelta(days=39): "Hemelvaartsdag (Atw art. 3 lid 1)",
        easter + timedelta(days=50): "Tweede Pinksterdag (Atw art. 3 lid 1)",
        date(year, 12, 25): "Eerste Kerstdag (Atw art. 3 lid 1)",
        date(year, 12, 26): "Tweede Kerstdag (Atw art. 3 lid 1)",
    }
    for day, source in GELIJKGESTELDE_DAGEN:
        if day.year == year:
            days.setdefault(day, f"gelijkgestelde dag: {source}")
    return days


def feestdagen(year: int) -> dict[date, str]:
    """All algemeen erkende feestdagen and equated days of ``year``, date -> name and
    source (Atw art. 3)."""
    return dict(sorted(_feestdagen(year).items()))


def is_algemeen_erkende_feestdag(d: date) -> bool:
    """True if ``d`` is an algemeen erkende feestdag or equated with one (Atw art. 3)."""
    return d in _feestdagen(d.year)


def is_weekend(d: date) -> bool:
    """True on Saturday and Sunday."""
    return d.weekday() in (_SATURDAY, _SUNDAY)


def is_werkdag(d: date) -> bool:
    """True if ``d`` is not a Saturday, Sunday or algemeen erkende feestdag (Atw art. 1)."""
    return not is_weekend(d) and not is_algemeen_erkende_feestdag(d)


def volgende_werkdag(d: date) -> date:
    """The first werkdag strictly after ``d``."""
    d += _ONE_DAY
    while not is_werkdag(d):
        d += _ONE_DAY
    return d


def atw_verlenging(einde: date) -> date:
    """Atw art. 1 lid 1: a term ending on a Saturday, Sunday or feestdag runs on up to and
    including the next day that is none of these. A werkdag is returned unchanged."""
    return einde if is_werkdag(einde) else volgende_werkdag(einde)


def werkdagen_tussen(start: date, einde: date) -> int:
    """Number of werkdagen from ``start`` up to and including ``einde``."""
    count = 0
    d = start
    while d <= einde:
        if is_werkdag(d):
            count += 1
        d += _ONE_DAY
    return count


def heeft_werkdagen(start: date, einde: date, minimum: int) -> bool:
    """Whether ``start`` up to and including ``einde`` holds at least ``minimum`` werkdagen:
    :func:`werkdagen_tussen` that stops counting once the minimum is reached (a term of
    ten weeks need not count its fifty werkdagen to know it holds two)."""
    count = 0
    d = start
    while d <= einde and count < minimum:
        if is_werkdag(d):
            count += 1
        d += _ONE_DAY
    return count >= minimum


def gelijkgestelde_dagen_bekend(d: date) -> bool:
    """False when ``d`` lies in a year whose gelijkstellingsbesluit is not in the table, so
    an equated day may be missing. Show a warning beside a deadline in such a year."""
    return d.year in GELIJKGESTELDE_DAGEN_JAREN
