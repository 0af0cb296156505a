"""Dagtekening and bekendmaking (issue 18, point 2): the terms run from the day after the
bekendmaking, never from the dagtekening, and an earlier dagtekening needs a reason."""

from datetime import date

import pytest

from regie.rules import handhaving as hh
from regie.rules.bekendmaking import (
    TERMIJN_NA_VERZENDING,
    Wijze,
    bekendmaking_problems,
    dagtekening_problems,
)
from regie.rules.deadlines import bezwaartermijn_einde

TODAY = date(2026, 12, 5)


def test_a_dagtekening_of_today_needs_no_reason():
    assert dagtekening_problems(TODAY, TODAY) == []


def test_a_dagtekening_before_today_needs_a_reason():
    [problem] = dagtekening_problems(date(2026, 10, 7), TODAY)
    assert "Geef aan waarom" in problem
    assert dagtekening_problems(date(2026, 10, 7), TODAY, "   ") != []
    assert dagtekening_problems(date(2026, 10, 7), TODAY, "Besluit genomen op 7 oktober.") == []
    # Yesterday is in the past too.
    assert dagtekening_problems(date(2026, 12, 4), TODAY) != []


def test_a_dagtekening_in_the_future_is_refused_even_with_a_reason():
    [problem] = dagtekening_problems(date(2026, 12, 6), TODAY, "reden")
    assert "toekomst" in problem


def test_a_bekendmaking_lies_between_the_dagtekening_and_today():
    assert bekendmaking_problems(TODAY, date(2026, 10, 7), TODAY) == []
    assert bekendmaking_problems(date(2026, 10, 7), date(2026, 10, 7), TODAY) == []
    [before] = bekendmaking_problems(date(2026, 10, 6), date(2026, 10, 7), TODAY)
    assert "vóór de dagtekening (7 oktober 2026)" in before
    [future] = bekendmaking_problems(date(2026, 12, 6), date(2026, 10, 7), TODAY)
    assert "toekomst" in future


def test_the_ways_of_bekendmaking():
    assert {w.value for w in Wijze} == {"post", "digitaal", "uitgereikt"}
    assert str(Wijze.UITGEREIKT.label) == "persoonlijk uitgereikt"
    assert TERMIJN_NA_VERZENDING == "zes weken na de dag na verzending van deze brief"


def test_the_issue_case_counts_from_the_bekendmaking_not_the_dagtekening():
    # A PIP set on 5 December 2026 with dagtekening 7 October: counted from the dagtekening
    # the bezwaartermijn would end on 18 November 2026, already past.
    assert bezwaartermijn_einde(date(2026, 10, 7)) == date(2026, 11, 18)
    # Sent on 5 December: the term starts 6 December and ends six weeks later, Saturday
    # 16 January 2027, moved to Monday 18 January by the Algemene termijnenwet.
    assert bezwaartermijn_einde(TODAY) == date(2027, 1, 18)


def test_a_bezwaar_46_days_after_the_dagtekening_but_30_after_bekendmaking_is_timely():
    dagtekening, bekendmaking = date(2026, 10, 7), date(2026, 10, 23)
    ontvangen = date(2026, 11, 22)
    assert (ontvangen - dagtekening).days == 46 and (ontvangen - bekendmaking).days == 30
    t = hh.bezwaar_tijdigheid(bekendmaking, ontvangen)
    assert t.tijdig and t.eerste_dag == date(2026, 10, 24)
    # Counted from the dagtekening it would have been late (the old behaviour).
    assert not hh.bezwaar_tijdigheid(dagtekening, ontvangen).tijdig


def test_the_term_starts_the_day_after_bekendmaking():
    # Sent on Monday 2 November 2026: day one is 3 November, the last day Monday 14
    # December; a bezwaar received that day is in time, the next day not.
    assert hh.bezwaar_tijdigheid(date(2026, 11, 2), date(2026, 12, 14)).tijdig
    assert not hh.bezwaar_tijdigheid(date(2026, 11, 2), date(2026, 12, 15)).tijdig


@pytest.mark.parametrize(
    ("bekendmaking", "laatste"),
    [
        # Six weeks after Friday 13 November 2026 is Christmas Day; Boxing Day and Sunday
        # follow: the term runs to Monday 28 December.
        (date(2026, 11, 13), date(2026, 12, 28)),
        # Six weeks after 12 February 2027 is Good Friday (26 March); then the weekend and
        # Easter Monday (29 March): the term runs to Tuesday 30 March.
        (date(2027, 2, 12), date(2027, 3, 30)),
        # Ends on a Saturday: to Monday.
        (date(2026, 11, 7), date(2026, 12, 21)),
    ],
)
def test_the_bezwaartermijn_gets_the_atw(bekendmaking, laatste):
    t = hh.bezwaar_tijdigheid(bekendmaking, laatste)
    assert t.laatste_dag == laatste and t.verschoven and t.tijdig


def test_a_besluit_not_yet_made_known_cannot_make_a_bezwaar_late():
    t = hh.bezwaar_tijdigheid(None, date(2027, 6, 1))
    assert t.tijdig and not t.bekendgemaakt and t.laatste_dag is None
    assert not t.tijdig_door_post
    # The beslistermijn then counts (conservatively) from the receipt.
    assert hh.beslistermijn_basis(None, date(2027, 6, 1)) == date(2027, 6, 1)
    assert hh.beslistermijn_basis(date(2026, 11, 2), date(2026, 12, 1)) == date(2026, 12, 14)
