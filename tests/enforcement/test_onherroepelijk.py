"""Which earlier art. 23 fines raise a new one (Besluit art. 7.1 lid 3): only those
onherroepelijk - no bezwaar, beroep or hoger beroep pending or still possible."""

import datetime as dt
from decimal import Decimal

import pytest

from regie.enforcement import services
from regie.enforcement.models import Beroep, Bezwaar
from regie.rules import handhaving as hh
from tests.enforcement.conftest import TODAY, art23_case, fined_art23

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 1)


def test_onherroepelijk_op_edges():
    einde = dt.date(2026, 5, 12)
    assert not hh.onherroepelijk_op(einde, aanhangig=False, termijn_einden=[einde])
    assert hh.onherroepelijk_op(
        einde + dt.timedelta(days=1), aanhangig=False, termijn_einden=[einde]
    )
    assert not hh.onherroepelijk_op(dt.date(2027, 1, 1), aanhangig=True, termijn_einden=[einde])


def test_a_fine_exactly_12_months_before_counts_a_day_more_does_not():
    assert hh.art23_herhalingen(DAY, [dt.date(2025, 6, 1)]) == 1
    assert hh.art23_herhalingen(DAY, [dt.date(2025, 5, 31)]) == 0


def _earlier_fine_under_appeal(person, km, *, uitspraak_op=None):
    """An art. 23 fine of 200 days ago, bezwaar ongegrond 150 days ago, beroep lodged."""
    person.pip.versies.update(dagtekening=TODAY() - dt.timedelta(days=500))
    earlier = fined_art23(
        person,
        km,
        vastgesteld=TODAY() - dt.timedelta(days=200),
        bekend=TODAY() - dt.timedelta(days=199),
    )
    bezwaar = Bezwaar.objects.create(
        inburgeraar=person,
        handhaving=earlier,
        besluit_bekendgemaakt_op=earlier.bekendgemaakt_op,
        ontvangen_op=TODAY() - dt.timedelta(days=180),
        wijze="digitaal",
        gronden="Niet eens.",
        stage="beslist",
        uitkomst="ongegrond",
        beslist_op=TODAY() - dt.timedelta(days=150),
        beslissing_bekendgemaakt_op=TODAY() - dt.timedelta(days=149),
    )
    Beroep.objects.create(
        bezwaar=bezwaar,
        instantie="rechtbank",
        appellant="inburgeraar",
        ingesteld_op=TODAY() - dt.timedelta(days=120),
        stage="uitspraak" if uitspraak_op else "ingesteld",
        uitspraak_op=uitspraak_op,
        uitkomst="ongegrond" if uitspraak_op else "",
    )
    return earlier


def test_a_fine_under_beroep_does_not_double_the_next(pip_person, km):
    _earlier_fine_under_appeal(pip_person, km)
    zaak = art23_case(pip_person, km, days_ago=1)
    berekening = services.calculate(zaak, TODAY(), "opzet")
    assert berekening.herhalingen == 0 and berekening.wettelijk == Decimal("50.00")


def test_a_beroep_decided_yesterday_still_leaves_hoger_beroep_open(pip_person, km):
    _earlier_fine_under_appeal(pip_person, km, uitspraak_op=TODAY() - dt.timedelta(days=1))
    zaak = art23_case(pip_person, km, days_ago=1)
    assert services.calculate(zaak, TODAY(), "opzet").wettelijk == Decimal("50.00")


def test_after_the_hoger_beroep_term_the_fine_counts(pip_person, km):
    earlier = _earlier_fine_under_appeal(
        pip_person, km, uitspraak_op=TODAY() - dt.timedelta(days=60)
    )
    zaak = art23_case(pip_person, km, days_ago=1)
    berekening = services.calculate(zaak, TODAY(), "opzet")
    assert berekening.herhalingen == 1 and berekening.wettelijk == Decimal("100.00")
    # The page shows which fine counted, with the day its violation was established.
    assert any(
        what.startswith("Meegeteld: " + earlier.kenmerk) for what, _amount in berekening.stappen
    )
