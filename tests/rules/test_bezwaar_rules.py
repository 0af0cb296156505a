"""The bezwaar's own terms in regie.rules.bezwaar: the dwangsom to the day (Awb art. 4:17
lid 1-3, 4:18), the suspension for repair (7:10 lid 2) and postponement with consent
(lid 4)."""

import datetime as dt
from decimal import Decimal

import pytest

from regie.rules import bezwaar as rb
from regie.rules.deadlines import beslistermijn_bezwaar_einde
from regie.rules.figures import figure

D = dt.date


@pytest.mark.parametrize(
    ("dag", "per_dag", "totaal"),
    [
        (1, "23", "23"),
        (14, "23", "322"),
        (15, "35", "357"),
        (28, "35", "812"),
        (29, "45", "857"),
        (42, "45", "1442"),
        (43, "0", "1442"),
    ],
)
def test_dwangsom_per_day_and_total_at_the_edges(dag, per_dag, totaal):
    assert rb.dwangsom_per_dag(dag) == Decimal(per_dag)
    assert rb.dwangsom_totaal(dag) == Decimal(totaal)


def test_figures_carry_the_article():
    assert figure("dwangsom_dag_1_14").source == "Awb art. 4:17 lid 2"
    assert figure("dwangsom_max_dagen").value == 42
    assert figure("dwangsom_wachttijd_dagen").source == "Awb art. 4:17 lid 3"
    assert figure("dwangsom_vaststelling_weken").source == "Awb art. 4:18"


def test_dwangsom_starts_two_weeks_after_receipt():
    ontvangen = D(2026, 3, 2)
    d = rb.dwangsom(ontvangen, D(2026, 3, 15))
    assert d.eerste_dag == D(2026, 3, 16)
    assert d.dagen == 0 and d.bedrag == 0 and d.loopt
    d = rb.dwangsom(ontvangen, D(2026, 3, 16))
    assert (d.dagen, d.bedrag, d.per_dag_nu) == (1, Decimal("23"), Decimal("23"))


@pytest.mark.parametrize(
    ("dag", "bedrag"),
    [(1, "23"), (14, "322"), (15, "357"), (28, "812"), (29, "857"), (42, "1442"), (43, "1442")],
)
def test_dwangsom_on_day_n(dag, bedrag):
    ontvangen = D(2026, 3, 2)
    eerste = D(2026, 3, 16)
    d = rb.dwangsom(ontvangen, eerste + dt.timedelta(days=dag - 1))
    assert d.dagen == min(dag, 42)
    assert d.bedrag == Decimal(bedrag)
    assert d.laatste_mogelijke_dag == D(2026, 4, 26)
    assert d.loopt == (dag < 42)
    if dag >= 42:
        # Awb 4:18: set within two weeks after the last day owed.
        assert d.vaststellen_uiterlijk == D(2026, 5, 10)


def test_a_decision_stops_the_dwangsom_that_day_does_not_count():
    ontvangen = D(2026, 3, 2)
    # Decision made known on day 15 (30 March): 14 days owed.
    d = rb.dwangsom(ontvangen, D(2026, 4, 20), beslissing_op=D(2026, 3, 30))
    assert d.dagen == 14 and d.bedrag == Decimal("322")
    assert d.gestopt_op == D(2026, 3, 30) and not d.loopt
    assert d.vaststellen_uiterlijk == D(2026, 3, 29) + dt.timedelta(weeks=2)
    # Decided before the first day: nothing owed.
    d = rb.dwangsom(ontvangen, D(2026, 4, 20), beslissing_op=D(2026, 3, 10))
    assert d.dagen == 0 and d.bedrag == 0 and d.vaststellen_uiterlijk is None


def test_ingebrekestelling_counts_only_after_the_term():
    assert rb.ingebrekestelling_te_vroeg(D(2026, 3, 2), D(2026, 3, 2))
    assert not rb.ingebrekestelling_te_vroeg(D(2026, 3, 3), D(2026, 3, 2))


def test_suspension_days():
    # Asked on 2 March, repaired on 10 March: suspended 3..9 March = 7 days.
    assert rb.opgeschorte_dagen(D(2026, 3, 2), D(2026, 3, 10)) == 7
    # Repaired the day after the request: nothing stood still.
    assert rb.opgeschorte_dagen(D(2026, 3, 2), D(2026, 3, 3)) == 0
    assert rb.opgeschorte_dagen(D(2026, 3, 2), D(2026, 3, 2)) == 0
    # Term to 16 March unused: until 17 March, 3..16 = 14 days.
    assert rb.opschorting_einde(None, D(2026, 3, 16)) == D(2026, 3, 17)
    assert rb.opgeschorte_dagen(D(2026, 3, 2), D(2026, 3, 17)) == 14


def test_beslistermijn_moves_with_the_suspension_and_consent():
    basis = D(2026, 3, 2)
    plain = beslistermijn_bezwaar_einde(basis)
    assert rb.beslistermijn_met_opschorting(basis) == plain
    moved = rb.beslistermijn_met_opschorting(basis, opgeschort=7)
    assert moved >= plain + dt.timedelta(days=7)
    assert (moved - plain).days <= 7 + 3  # only moved on to a werkdag
    later = plain + dt.timedelta(days=30)
    assert rb.beslistermijn_met_opschorting(basis, uitgesteld_tot=later) == later
    # Consent to a date before the term changes nothing.
    assert (
        rb.beslistermijn_met_opschorting(basis, uitgesteld_tot=plain - dt.timedelta(days=1))
        == plain
    )
    twaalf = rb.beslistermijn_met_opschorting(basis, adviescommissie=True)
    assert twaalf == beslistermijn_bezwaar_einde(basis, adviescommissie=True)
