"""The transition tables of handhaving, bezwaar, hoorzitting and beroep, walked whole."""

import itertools

import pytest

from regie.enforcement import states as s

TABLES = [
    (s.HANDHAVING_TRANSITIONS, s.HandhavingState, s.HandhavingState.SIGNAAL),
    (s.BEZWAAR_TRANSITIONS, s.BezwaarState, s.BezwaarState.ONTVANGEN),
    (s.HOORZITTING_TRANSITIONS, s.HoorzittingState, s.HoorzittingState.GEPLAND),
    (s.BEROEP_TRANSITIONS, s.BeroepState, s.BeroepState.INGESTELD),
]


@pytest.mark.parametrize(("table", "enum", "start"), TABLES)
def test_every_state_has_a_row_and_is_reachable(table, enum, start):
    assert set(table) == set(enum)
    seen, todo = {start}, [start]
    while todo:
        for nxt in table[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(enum)


@pytest.mark.parametrize(("table", "enum", "start"), TABLES)
def test_can_transition_follows_the_table(table, enum, start):
    for a, b in itertools.product(enum, enum):
        assert s.can_transition(table, a.value, b.value) is (b in table[a])
        assert not (a == b and s.can_transition(table, a, b))


def test_handhaving_stages():
    t = s.HANDHAVING_TRANSITIONS
    H = s.HandhavingState
    # The stages of the issue: signaal -> waarschuwing -> boetebesluit -> bekendmaking ->
    # betaald / kwijtgescholden.
    assert H.WAARSCHUWING in t[H.SIGNAAL]
    assert H.BOETEBESLUIT in t[H.WAARSCHUWING]
    assert H.BEKENDGEMAAKT in t[H.BOETEBESLUIT]
    assert {H.BETAALD, H.KWIJTGESCHOLDEN} <= t[H.BEKENDGEMAAKT]
    # No payment before the fine is made known, no going back.
    assert H.BETAALD not in t[H.BOETEBESLUIT]
    assert H.SIGNAAL not in set().union(*t.values())
    terminal = {state for state, nxt in t.items() if not nxt}
    assert terminal == {H.KWIJTGESCHOLDEN, H.HERROEPEN, H.GESLOTEN}
    assert s.HANDHAVING_OPEN.isdisjoint(terminal | {H.BETAALD})


def test_bezwaar_stages():
    t = s.BEZWAAR_TRANSITIONS
    B = s.BezwaarState
    # Decided only after the uitvoerder's advice; the jurist can send it back.
    assert B.BESLIST not in t[B.ONTVANGEN]
    assert B.BESLIST in t[B.TER_BESLISSING]
    assert B.ONTVANGEN in t[B.TER_BESLISSING]
    assert t[B.BESLIST] == frozenset() and t[B.INGETROKKEN] == frozenset()
    assert {
        s.HoorzittingState.GEHOUDEN,
        s.HoorzittingState.NIET_VERSCHENEN,
    } == s.HOORZITTING_GEHOORD
