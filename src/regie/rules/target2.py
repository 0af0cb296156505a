"""The TARGET2 (T2) calendar: the days on which euro payments are settled.

Source: European Central Bank, "TARGET2 / T2 closing days" — T2 is open every day except
Saturdays and Sundays, New Year's Day (1 January), Good Friday, Easter Monday, Labour Day
(1 May), Christmas Day (25 December) and 26 December
(https://www.ecb.europa.eu/paym/target/t2/html/index.en.html; Guideline ECB/2022/8,
Annex I). Banks do not execute SEPA credit transfers on a closing day, so a payment file
must never ask for one as the requested execution date (pain.001 ReqdExctnDt).

Dutch national holidays (Koningsdag, Hemelvaartsdag, ...) are *not* T2 closing days.
"""

from __future__ import annotations

from datetime import date, timedelta

from regie.rules.calendar import easter_sunday

SOURCE = "ECB, TARGET2/T2-sluitingsdagen (Guideline ECB/2022/8, bijlage I)"

_ONE_DAY = timedelta(days=1)


def closing_days(year: int) -> dict[date, str]:
    """The T2 closing days of ``year`` that fall on a weekday or weekend, date -> name."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + _ONE_DAY: "Tweede Paasdag",
        date(year, 5, 1): "1 mei (Dag van de Arbeid)",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


def is_closing_day(day: date) -> bool:
    """True when T2 is closed: a Saturday, Sunday or one of the :func:`closing_days`."""
    return day.weekday() >= 5 or day in closing_days(day.year)


def is_business_day(day: date) -> bool:
    return not is_closing_day(day)


def business_day_on_or_after(day: date) -> date:
    """``day`` itself when T2 is open, else the next day it is."""
    while is_closing_day(day):
        day += _ONE_DAY
    return day
