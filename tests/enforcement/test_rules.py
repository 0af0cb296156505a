"""The terms of handhaving, bezwaar and beroep with worked examples around weekends and
holidays (Algemene termijnenwet), and the new rules of regie.rules.handhaving. Every
expected date is worked out by hand in the comment beside it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from regie import rules
from regie.rules import handhaving as hh
from regie.rules.fines import Verwijtbaarheid
from regie.rules.handhaving import BezwaarUitkomst as U
from regie.rules.handhaving import HoorAfzienGrond as G


# --- bezwaartermijn (Awb 6:7, 6:8; Atw art. 1) --------------------------------------------
@pytest.mark.parametrize(
    ("bekendmaking", "laatste_dag"),
    [
        # Fri 20 Mar 2026 + 6 weeks = Fri 1 May 2026, a werkdag.
        (date(2026, 3, 20), date(2026, 5, 1)),
        # Sat 21 Mar 2026 + 6 weeks = Sat 2 May -> Mon 4 May (weekend).
        (date(2026, 3, 21), date(2026, 5, 4)),
        # Thu 2 Apr 2026 + 6 weeks = Hemelvaartsdag 14 May; Fri 15 May is equated by KB
        # (gelijkstelling 2026-2028), then the weekend -> Mon 18 May.
        (date(2026, 4, 2), date(2026, 5, 18)),
        # Mon 16 Mar 2026 + 6 weeks = Koningsdag Mon 27 Apr -> Tue 28 Apr.
        (date(2026, 3, 16), date(2026, 4, 28)),
        # Fri 20 Feb 2026 + 6 weeks = Goede Vrijdag 3 Apr (equated, Atw art. 3 lid 2), then
        # Sat, Sun and Tweede Paasdag 6 Apr -> Tue 7 Apr.
        (date(2026, 2, 20), date(2026, 4, 7)),
        # Fri 13 Nov 2026 + 6 weeks = Eerste Kerstdag Fri 25 Dec; Tweede Kerstdag is a
        # Saturday, then Sunday -> Mon 28 Dec.
        (date(2026, 11, 13), date(2026, 12, 28)),
    ],
)
def test_bezwaartermijn_worked_examples(bekendmaking, laatste_dag):
    t = hh.bezwaar_tijdigheid(bekendmaking, laatste_dag)
    assert t.laatste_dag == laatste_dag
    assert t.eerste_dag == bekendmaking + timedelta(days=1)
    assert t.verschoven is (laatste_dag != bekendmaking + timedelta(weeks=6))
    assert t.tijdig


def test_awb_6_9_posted_on_a_moved_last_day():
    # Last day Mon 4 May 2026 (moved from Sat 2 May). Posted on that Monday: in time when
    # received up to and including Mon 11 May, a week after the last day.
    bekendmaking = date(2026, 3, 21)
    assert hh.bezwaar_tijdigheid(bekendmaking, date(2026, 5, 11), date(2026, 5, 4)).tijdig
    assert hh.bezwaar_tijdigheid(bekendmaking, date(2026, 5, 11), date(2026, 5, 4)).tijdig_door_post
    assert not hh.bezwaar_tijdigheid(bekendmaking, date(2026, 5, 12), date(2026, 5, 4)).tijdig
    # Posted on Tuesday 5 May, after the last day: late however fast it arrives.
    assert not hh.bezwaar_tijdigheid(bekendmaking, date(2026, 5, 6), date(2026, 5, 5)).tijdig
    # Received late without a known post date: late.
    assert not hh.bezwaar_tijdigheid(bekendmaking, date(2026, 5, 5)).tijdig
    # Received on the Monday itself, digitally: in time.
    assert hh.bezwaar_tijdigheid(bekendmaking, date(2026, 5, 4)).tijdig


# --- beslistermijn (Awb 7:10) ----------------------------------------------------------
def test_beslistermijn_worked_examples():
    # Bezwaartermijn ends Mon 18 May 2026 (see above). Six weeks from Tue 19 May: Mon 29 Jun.
    einde = rules.bezwaartermijn_einde(date(2026, 4, 2))
    assert rules.beslistermijn_bezwaar_einde(einde) == date(2026, 6, 29)
    # With an advisory committee twelve weeks: Mon 10 Aug 2026.
    assert rules.beslistermijn_bezwaar_einde(einde, adviescommissie=True) == date(2026, 8, 10)
    # Postponed by six weeks from Tue 30 Jun: Mon 10 Aug 2026.
    assert rules.beslistermijn_bezwaar_einde(einde, verdaagd_weken=6) == date(2026, 8, 10)
    # Bekendmaking Fri 2 Oct 2026 -> bezwaartermijn ends Fri 13 Nov -> six weeks later is
    # Eerste Kerstdag Fri 25 Dec -> Mon 28 Dec 2026.
    einde = rules.bezwaartermijn_einde(date(2026, 10, 2))
    assert einde == date(2026, 11, 13)
    assert rules.beslistermijn_bezwaar_einde(einde) == date(2026, 12, 28)
    with pytest.raises(ValueError):
        rules.beslistermijn_bezwaar_einde(einde, verdaagd_weken=7)


# --- payment, beroep, documents in beroep -----------------------------------------------
def test_betaaltermijn_awb_4_87():
    # Bekendmaking Fri 13 Nov 2026 + 6 weeks = Fri 25 Dec (Kerst) -> Mon 28 Dec.
    assert hh.betaaltermijn_einde(date(2026, 11, 13)) == date(2026, 12, 28)
    # Wed 7 Oct 2026 + 6 weeks = Wed 18 Nov, a werkdag.
    assert hh.betaaltermijn_einde(date(2026, 10, 7)) == date(2026, 11, 18)


def test_beroepstermijn_and_hoger_beroep():
    # Beslissing op bezwaar Thu 2 Apr 2026 -> like the bezwaartermijn: Mon 18 May 2026.
    assert hh.beroepstermijn_einde(date(2026, 4, 2)) == date(2026, 5, 18)
    # Uitspraak sent Sat 21 Mar 2026 -> Mon 4 May 2026.
    assert hh.beroepstermijn_einde(date(2026, 3, 21)) == date(2026, 5, 4)


def test_stukken_in_beroep_awb_8_42():
    # Beroepschrift sent Fri 27 Nov 2026 + 4 weeks = Fri 25 Dec -> Mon 28 Dec 2026.
    assert hh.stukken_beroep_einde(date(2026, 11, 27)) == date(2026, 12, 28)
    # Tue 1 Dec 2026 + 4 weeks = Tue 29 Dec, a werkdag.
    assert hh.stukken_beroep_einde(date(2026, 12, 1)) == date(2026, 12, 29)


def test_nadere_termijn_art22_at_most_two_months():
    # Made known Thu 31 Dec 2026: the term starts Fri 1 Jan 2027 and may last up to and
    # including Sun 28 Feb 2027 (a bound the college chooses within: no Atw).
    assert hh.nadere_termijn_art22_uiterlijk(date(2026, 12, 31)) == date(2027, 2, 28)
    # Made known Sat 30 Jan 2027: start Sun 31 Jan, 31 Mar is the anniversary -> 30 Mar.
    assert hh.nadere_termijn_art22_uiterlijk(date(2027, 1, 30)) == date(2027, 3, 30)


# --- art. 23 repeats and amounts --------------------------------------------------------
def test_art23_herhalingen_counts_the_twelve_months_before():
    vastgesteld = date(2026, 6, 15)
    earlier = [
        date(2025, 6, 15),  # exactly twelve months before: counts
        date(2025, 6, 14),  # a day earlier: does not
        date(2026, 6, 15),  # the same day: not an earlier violation
        date(2026, 1, 10),  # counts
    ]
    assert hh.art23_herhalingen(vastgesteld, earlier) == 2


@pytest.mark.parametrize(
    ("prior", "graad", "amount"),
    [
        (0, Verwijtbaarheid.OPZET, "50.00"),
        (0, Verwijtbaarheid.VERMINDERD, "12.50"),
        (1, Verwijtbaarheid.GROVE_SCHULD, "75.00"),  # 100 x 75 %
        (4, Verwijtbaarheid.OVERIG, "400.00"),  # 800 x 50 %
        (9, Verwijtbaarheid.OPZET, "800.00"),  # at most 800
    ],
)
def test_art23_amounts(prior, graad, amount):
    assert rules.boete_art23(prior, graad) == Decimal(amount)


@given(st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31)))
@example(date(2024, 11, 13))
def test_bezwaartermijn_never_ends_on_a_non_werkdag(bekendmaking):
    t = hh.bezwaar_tijdigheid(bekendmaking, bekendmaking)
    assert rules.is_werkdag(t.laatste_dag)
    assert t.laatste_dag >= t.zes_weken_einde
    # The longest run of non-werkdagen: Christmas on a Wednesday, Tweede Kerstdag, a
    # gelijkgestelde Friday (27 December 2024) and the weekend: five days.
    assert (t.laatste_dag - t.zes_weken_einde).days <= 5


def test_bezwaartermijn_over_christmas_2024_runs_to_monday():
    """Six weeks from 13 November 2024 end on Christmas Day; 26 December is Tweede
    Kerstdag, 27 December a gelijkgestelde dag (KB 2023-2025), then the weekend."""
    t = hh.bezwaar_tijdigheid(date(2024, 11, 13), date(2024, 11, 13))
    assert t.zes_weken_einde == date(2024, 12, 25)
    assert t.laatste_dag == date(2024, 12, 30)


# --- hearing (Awb 7:2, 7:3) -------------------------------------------------------------
@pytest.mark.parametrize(
    ("uitkomst", "gehoord", "grond", "allowed"),
    [
        (U.ONGEGROND, True, None, True),
        (U.ONGEGROND, False, None, False),
        (U.GEGROND, False, None, False),
        (U.INGETROKKEN, False, None, True),
        (U.ONGEGROND, False, G.KENNELIJK_ONGEGROND, True),
        (U.GEGROND, False, G.KENNELIJK_ONGEGROND, False),
        (U.NIET_ONTVANKELIJK, False, G.KENNELIJK_NIET_ONTVANKELIJK, True),
        (U.ONGEGROND, False, G.KENNELIJK_NIET_ONTVANKELIJK, False),
        (U.GEGROND, False, G.VOLLEDIG_TEGEMOETGEKOMEN, True),
        (U.ONGEGROND, False, G.VOLLEDIG_TEGEMOETGEKOMEN, False),
        (U.ONGEGROND, False, G.AFSTAND, True),
        (U.GEGROND, False, G.GEEN_REACTIE, True),
    ],
)
def test_hearing_required_unless_a_ground_fits(uitkomst, gehoord, grond, allowed):
    assert hh.horen_afzien_toegestaan(uitkomst, gehoord, grond) is allowed
