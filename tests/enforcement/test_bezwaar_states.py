"""The transition tables of the bezwaar procedure's steps (bezwaar_states), walked in
full: every pair is either allowed by the table or refused."""

import pytest

from regie.enforcement import bezwaar_states as bs
from regie.enforcement.states import can_transition

TABLES = {
    "opschorting": (
        bs.OPSCHORTING_TRANSITIONS,
        {("loopt", "hersteld"), ("loopt", "verstreken")},
    ),
    "commissie": (bs.COMMISSIE_TRANSITIONS, {("aangekondigd", "advies")}),
    "ingebrekestelling": (
        bs.INGEBREKESTELLING_TRANSITIONS,
        {("ontvangen", "vastgesteld")},
    ),
    "voorziening": (
        bs.VOORZIENING_TRANSITIONS,
        {("verzocht", "toegewezen"), ("verzocht", "afgewezen"), ("verzocht", "ingetrokken")},
    ),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_pair(name):
    table, allowed = TABLES[name]
    states = list(table)
    assert set(states) == set(type(states[0]))  # every state has a row
    for a in states:
        for b in states:
            assert can_transition(table, a, b) == ((a.value, b.value) in allowed), (a, b)
