"""When a fine may be imposed (Wi 2021 art. 22, 23) and which cap period a day lies in
(Besluit art. 7.1 lid 5): regie.rules.handhaving.boete_mogelijk and boeteperiode, around
their edges."""

from datetime import date

from regie.rules import handhaving as hh

EINDE = date(2026, 12, 31)  # the new term after the waarschuwing runs up to and including


def test_art22_not_on_the_day_of_the_warning_nor_on_the_last_day_of_its_term():
    for day in (date(2026, 12, 1), EINDE):
        mogelijk, reden, vanaf = hh.boete_mogelijk(
            "art22", day, gewaarschuwd=True, nieuwe_termijn_einde=EINDE
        )
        assert not mogelijk
        assert reden == hh.REDEN_TERMIJN_LOOPT
        assert vanaf == date(2027, 1, 1)


def test_art22_from_the_day_after_the_warning_term():
    assert tuple(
        hh.boete_mogelijk("art22", date(2027, 1, 1), gewaarschuwd=True, nieuwe_termijn_einde=EINDE)
    ) == (True, "", None)


def test_art22_never_without_a_warning():
    mogelijk, reden, vanaf = hh.boete_mogelijk("art22", date(2027, 1, 1))
    assert (mogelijk, reden, vanaf) == (False, hh.REDEN_GEEN_WAARSCHUWING, None)


START, TERMIJN_EINDE = date(2025, 1, 2), date(2028, 1, 1)


def art23(day, **kw):
    kw.setdefault("termijn_start", START)
    kw.setdefault("termijn_einde", TERMIJN_EINDE)
    return hh.boete_mogelijk("art23", day, **kw)


def test_art23_within_the_termijn_up_to_its_last_day():
    assert art23(START).mogelijk
    assert art23(TERMIJN_EINDE).mogelijk
    after = art23(date(2028, 1, 2))
    assert not after.mogelijk and after.reden == hh.REDEN_TERMIJN_VOORBIJ
    assert after.einde == TERMIJN_EINDE and after.vanaf is None


def test_art23_before_the_termijn_starts_says_from_when():
    before = art23(date(2025, 1, 1))
    assert (before.mogelijk, before.reden, before.vanaf) == (False, hh.REDEN_GEEN_TERMIJN, START)
    assert art23(date(2026, 1, 1), termijn_start=None, termijn_einde=None).reden == (
        hh.REDEN_GEEN_TERMIJN
    )


def test_art23_scope_pip_and_ontheffing():
    day = date(2026, 6, 1)
    assert art23(day, art23_in_bereik=False).reden == hh.REDEN_ART23_BUITEN_BEREIK
    assert art23(day, gedrag_in_pip=False).reden == hh.REDEN_NIET_IN_PIP
    assert art23(day, ontheffing=True).reden == hh.REDEN_ONTHEFFING
    assert (
        hh.boete_mogelijk(
            "art22",
            date(2027, 1, 1),
            gewaarschuwd=True,
            nieuwe_termijn_einde=EINDE,
            ontheffing=True,
        ).reden
        == hh.REDEN_ONTHEFFING
    )


def test_nieuwe_termijn_maanden():
    assert hh.nieuwe_termijn_maanden(date(2028, 1, 2), date(2028, 7, 1)) == 6
    assert hh.nieuwe_termijn_maanden(date(2028, 1, 2), date(2029, 1, 1)) == 12
    assert hh.nieuwe_termijn_maanden(date(2028, 1, 2), date(2029, 7, 1)) == 18
    assert hh.nieuwe_termijn_maanden(date(2028, 1, 2), date(2030, 1, 1)) == 24


def test_boeteperiode_termijn_then_duo_new_term():
    nieuw = [(date(2028, 1, 2), date(2029, 1, 1))]  # a year after the termijn
    in_termijn = hh.boeteperiode(TERMIJN_EINDE, START, date(2029, 1, 1), nieuw)
    assert in_termijn == hh.Boeteperiode(START, TERMIJN_EINDE, None)
    in_nieuw = hh.boeteperiode(date(2028, 1, 2), START, date(2029, 1, 1), nieuw)
    assert in_nieuw == hh.Boeteperiode(date(2028, 1, 2), date(2029, 1, 1), 12)
    assert hh.boeteperiode(date(2029, 1, 2), START, date(2029, 1, 1), nieuw) is None
    assert hh.boeteperiode(date(2028, 1, 2), START, TERMIJN_EINDE) is None
