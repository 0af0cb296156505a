"""The person's inburgeringstermijn and DUO's decisions as pure rules (regie.rules.termijn)."""

import datetime as dt

from regie.rules import termijn as t
from regie.rules.figures import figure

D = dt.date


def test_start_on_the_day_after_the_first_pip():
    folded = t.fold([t.start_wijziging(D(2026, 3, 16))])
    assert (folded.start, folded.einde) == (D(2026, 3, 17), D(2029, 3, 16))
    assert not folded.verlengd


def test_a_taken_over_termijn_does_not_restart_with_the_new_pip():
    # The case: moved in, the new municipality sets the PIP on 2026-12-05.
    overname = t.Wijziging("overgenomen", D(2024, 3, 2), D(2027, 3, 1), D(2024, 3, 2), "x")
    folded = t.fold([overname, t.start_wijziging(D(2026, 12, 5))])
    assert (folded.start, folded.einde) == (D(2024, 3, 2), D(2027, 3, 1))
    assert [w.soort for w in folded.wijzigingen] == ["overgenomen"]
    assert folded.wijzigingen[0].artikel == "Wet inburgering 2021 art. 11 lid 3 onder b"


def test_an_extension_moves_the_end_and_keeps_the_original():
    start = t.start_wijziging(D(2026, 3, 16))
    verlengd = t.Wijziging("verlengd", D(2029, 3, 17), D(2029, 9, 16), bron="DUO 1")
    folded = t.fold([verlengd, start])
    assert folded.einde == D(2029, 9, 16)
    assert folded.oorspronkelijk_einde == D(2029, 3, 16)
    assert folded.verlengd
    assert "art. 12" in folded.wijzigingen[-1].artikel


def test_no_termijn_without_a_start():
    assert t.fold([t.Wijziging("verlengd", D(2029, 3, 17), D(2029, 9, 16))]) is None


def test_extension_request_from_six_months_before_the_end():
    assert figure("verlenging_aanvraag_vanaf_maanden_voor_einde").source.endswith("4.5 lid 1")
    assert t.verlenging_aanvraag_vanaf(D(2027, 3, 1)) == D(2026, 9, 2)
    assert t.verlenging_aanvraag_vanaf(D(2029, 3, 16)) == D(2028, 9, 17)
    # A termijn ending on 31 August: six months before 1 September is 1 March.
    assert t.verlenging_aanvraag_vanaf(D(2027, 8, 31)) == D(2027, 3, 1)


def test_report_of_no_aanbod_is_a_check_figure():
    fig = figure("melding_geen_aanbod_weken")
    assert fig.status == "check" and "9.3 lid 2" in fig.source
    assert t.melding_geen_aanbod_op(D(2026, 3, 17)) == D(2026, 5, 26)
    assert t.melding_geen_aanbod_op(D(2026, 3, 17), weken=4) == D(2026, 4, 14)


def test_parts_of_each_route():
    assert t.Onderdeel.MAP not in t.onderdelen_van_route("onderwijs")
    assert t.Onderdeel.Z_PARTICIPATIE in t.onderdelen_van_route("z", asiel=True)
    assert t.Onderdeel.Z_PARTICIPATIE not in t.onderdelen_van_route("z", asiel=False)
    assert t.onderdelen_van_route(None) == frozenset(t.Onderdeel)


def test_a_partial_vrijstelling_removes_its_parts_and_a_full_ontheffing_everything():
    map_vrij = t.OnderdelenBesluit("vrijstelling", False, frozenset({"map"}), D(2026, 6, 1))
    parts = t.geldende_onderdelen("b1", [map_vrij])
    assert t.Onderdeel.MAP not in parts and t.Onderdeel.PVT in parts
    # Not yet in force on the day asked about.
    assert t.Onderdeel.MAP in t.geldende_onderdelen("b1", [map_vrij], on=D(2026, 5, 31))
    volledig = t.OnderdelenBesluit("ontheffing", True, frozenset(), D(2026, 6, 1))
    assert t.geldende_onderdelen("b1", [volledig]) == frozenset()
    assert t.plicht_beeindigd([volledig])
    assert not t.plicht_beeindigd([map_vrij])
    # An extension is not about parts.
    verlenging = t.OnderdelenBesluit("verlenging", True)
    assert t.geldende_onderdelen("b1", [verlenging]) == t.onderdelen_van_route("b1")


def test_partial_ontheffing_at_most_three_language_parts_never_pvt_or_map():
    assert t.gedeeltelijke_ontheffing_fout(["lezen", "schrijven", "spreken"]) == ""
    assert t.gedeeltelijke_ontheffing_fout(["knm"]) == ""
    assert t.gedeeltelijke_ontheffing_fout(["z_participatie"]) == ""
    assert (
        t.gedeeltelijke_ontheffing_fout(["lezen", "luisteren", "schrijven", "spreken"])
        == "taal_alle_vier"
    )
    assert t.gedeeltelijke_ontheffing_fout(["pvt"]) == "pvt_map"
    assert t.gedeeltelijke_ontheffing_fout([]) == "leeg"
