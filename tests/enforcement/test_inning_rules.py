"""The pure rules of collecting a fine (regie.rules.inning): what is paid and open, the
terms of aanmaning, dwangbevel and verzet around their edges, a betalingsregeling's
termijnen and when it is missed, and the transition table."""

from datetime import date
from decimal import Decimal

import pytest

from regie.rules import figures
from regie.rules import handhaving as hh
from regie.rules import inning as rules
from regie.rules.inning import INNING_TRANSITIONS, InningState, Stand

D = Decimal


def test_every_amount_and_term_is_a_figure_with_its_article():
    assert figures.figure("invordering_aanmaning_termijn_weken").source == "Awb art. 4:112 lid 1"
    assert figures.figure("invordering_verzet_dwangbevel_weken").source == "Awb art. 4:118 lid 1"
    kosten = figures.figure("invordering_aanmaningskosten")
    assert kosten.value == D("0") and kosten.status == "local"
    assert "lokaal beleid" in kosten.source and "4:113" in kosten.source
    assert rules.AANMANING_TERMIJN_WEKEN == 2
    assert rules.VERZET_DWANGBEVEL_WEKEN == 6


@pytest.mark.parametrize(
    ("betalingen", "stand", "open_", "te_veel"),
    [
        ([], Stand.OPEN, "50.00", "0"),
        (["20.00"], Stand.DEELS, "30.00", "0"),
        (["20.00", "30.00"], Stand.BETAALD, "0", "0"),
        (["49.99"], Stand.DEELS, "0.01", "0"),
        (["60.00"], Stand.TE_VEEL, "0", "10.00"),
    ],
)
def test_betaalstand_partial_full_over(betalingen, stand, open_, te_veel):
    result = rules.betaalstand(D("50"), [D(b) for b in betalingen])
    assert result.stand == stand
    assert result.open == D(open_)
    assert result.te_veel == D(te_veel)


def test_betaalstand_with_costs_and_kwijtschelding():
    result = rules.betaalstand(D("50"), [D("10")], kosten=D("7"), kwijtgescholden=D("20"))
    assert (result.verschuldigd, result.open) == (D("37.00"), D("27.00"))


def test_aanmaning_from_the_day_after_the_payment_term():
    # Made known on Monday 2 November 2026: six weeks run from 3 November to Monday 14
    # December. On the 14th the person can still pay in time; the aanmaning from the 15th.
    einde = hh.betaaltermijn_einde(date(2026, 11, 2))
    assert einde == date(2026, 12, 14)
    assert rules.aanmaning_mogelijk_vanaf(einde) == date(2026, 12, 15)


def test_aanmaning_term_two_weeks_extended_by_the_algemene_termijnenwet():
    # Sent Tuesday 15 December 2026: two weeks from the 16th end Tuesday 29 December.
    assert rules.aanmaning_termijn_einde(date(2026, 12, 15)) == date(2026, 12, 29)
    # Sent Friday 18 December 2026: the last day would be Friday 1 January 2027
    # (Nieuwjaarsdag), so it moves to Monday 4 January (Atw art. 1).
    assert rules.aanmaning_termijn_einde(date(2026, 12, 18)) == date(2027, 1, 4)
    # The dwangbevel only the day after that last day (Awb art. 4:114).
    assert rules.dwangbevel_mogelijk_vanaf(date(2026, 12, 18)) == date(2027, 1, 5)


def test_verzet_six_weeks_after_betekening():
    assert rules.verzet_termijn_einde(date(2027, 1, 11)) == date(2027, 2, 22)


def test_termijnen_in_whole_cents_last_takes_the_rest():
    rows = rules.termijnen(D("100.00"), 3, date(2027, 1, 31))
    assert rows == [
        (date(2027, 1, 31), D("33.33")),
        (date(2027, 2, 28), D("33.33")),
        (date(2027, 3, 31), D("33.34")),
    ]
    assert sum(a for _d, a in rows) == D("100.00")
    with pytest.raises(ValueError):
        rules.termijnen(D("100"), 0, date(2027, 1, 1))


def test_regeling_missed_only_after_the_termijn_day():
    schema = rules.termijnen(D("60.00"), 3, date(2027, 1, 15))
    # On the day of the first termijn it can still be paid: kept.
    assert rules.regeling_gemist(schema, D("0"), date(2027, 1, 15)) is None
    # The day after, unpaid: missed on the 15th.
    assert rules.regeling_gemist(schema, D("0"), date(2027, 1, 16)) == date(2027, 1, 15)
    # Paid the first termijn: the second is missed only after 15 February.
    assert rules.regeling_gemist(schema, D("20.00"), date(2027, 2, 15)) is None
    assert rules.regeling_gemist(schema, D("20.00"), date(2027, 2, 16)) == date(2027, 2, 15)
    # A partial payment does not keep the regeling.
    assert rules.regeling_gemist(schema, D("19.99"), date(2027, 1, 16)) == date(2027, 1, 15)
    assert rules.regeling_achterstand(schema, D("19.99"), date(2027, 1, 16)) == D("0.01")


def test_transition_table_walks():
    assert set(INNING_TRANSITIONS) == set(InningState)
    # Nothing goes back to the payment term; the endings are final except a revocation.
    for new_states in INNING_TRANSITIONS.values():
        assert InningState.BETAALTERMIJN not in new_states
    assert INNING_TRANSITIONS[InningState.VERVALLEN] == frozenset()
    assert INNING_TRANSITIONS[InningState.BETAALD] == {InningState.VERVALLEN}
    # No dwangbevel without an aanmaning first (Awb art. 4:114).
    for state, new_states in INNING_TRANSITIONS.items():
        if InningState.DWANGBEVEL in new_states:
            assert state == InningState.AANGEMAAND
    # A regeling not kept leads to an aanmaning.
    assert rules.can_move("regeling", "aangemaand")
    assert not rules.can_move("betaaltermijn", "dwangbevel")
    # Every state can be reached from the payment term.
    seen, todo = {InningState.BETAALTERMIJN}, [InningState.BETAALTERMIJN]
    while todo:
        for nxt in INNING_TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(InningState)
