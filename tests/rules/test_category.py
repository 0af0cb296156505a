"""The legal category (issue 18, points 3 and 4): each permit × regime gives the facts the
Wet inburgering 2021, the Besluit and Participatiewet art. 56a attach to it, and a PIP must
contain what Wi art. 15 lid 1-2 asks for this person."""

import pytest

from regie.rules.category import (
    ALLE_ONDERDELEN,
    Art23Grond,
    Onderdeel,
    PIPElement,
    art23_gronden_in_pip,
    missing_message,
    missing_pip_elements,
    permits_where,
    pip_vereisten,
    rechtspositie,
)
from regie.rules.leerroute import Leerroute

OND, P, M, L = (
    Art23Grond.ONDERSTEUNING,
    Art23Grond.PVT_INTENSITEIT,
    Art23Grond.MAP_INTENSITEIT,
    Art23Grond.LEERROUTE_INTENSITEIT,
)

# permit, regime -> voorzieningen (Wi 13/16), zelfbetaler (Wi 19), intensiteit door college
# (Wi 15 lid 2), begeleiding (Wi 13), ontzorging (Pw 56a), Z-route norm (Besluit 3.14),
# art. 23 grounds.
TABLE = [
    ("asiel", "wi2021", True, False, True, True, True, (800, 800), {OND, P, M, L}),
    ("gezin_asiel", "wi2021", True, False, True, True, False, (800, 800), {OND, P, M, L}),
    ("gezin", "wi2021", False, True, False, False, False, (800, 0), {OND, P, M}),
    ("overig", "wi2021", False, True, False, False, False, (800, 0), {OND, P, M}),
    ("asiel", "wi2013", False, False, False, False, False, None, set()),
    ("gezin_asiel", "wi2013", False, False, False, False, False, None, set()),
    ("gezin", "wi2013", False, False, False, False, False, None, set()),
    ("overig", "wi2013", False, False, False, False, False, None, set()),
    ("asiel", "oudkomer", False, False, False, False, False, None, set()),
    ("gezin_asiel", "oudkomer", False, False, False, False, False, None, set()),
    ("gezin", "oudkomer", False, False, False, False, False, None, set()),
    ("overig", "oudkomer", False, False, False, False, False, None, set()),
]


@pytest.mark.parametrize("permit,regime,voorz,zelf,intens,begeleiding,ontzorging,norm,art23", TABLE)
def test_each_permit_and_regime(
    permit, regime, voorz, zelf, intens, begeleiding, ontzorging, norm, art23
):
    facts = rechtspositie(permit, regime)
    assert facts.inburgeringsvoorzieningen is voorz
    assert facts.zelfbetaler is zelf
    assert facts.leerroute_intensiteit_door_college is intens
    assert facts.maatschappelijke_begeleiding is begeleiding
    assert facts.ontzorging is ontzorging
    got_norm = facts.z_route_norm
    assert (None if got_norm is None else (got_norm.cursusuren, got_norm.participatie_uren)) == norm
    assert facts.art23 == frozenset(art23)
    assert facts.wi2021 is (regime == "wi2021")
    assert facts.reasons  # every category explains itself


def test_reasons_name_the_articles():
    text = " ".join(rechtspositie("gezin", "wi2021").reasons)
    assert "art. 19" in text and "niet voor lessen" in text
    asiel_familie = rechtspositie("gezin_asiel", "wi2021")
    assert "art. 13" in " ".join(asiel_familie.reasons)
    assert asiel_familie.ontzorging_reason.startswith("Geen financiële ontzorging")
    assert "Participatiewet art. 56a" in asiel_familie.ontzorging_reason


def test_permits_where_agrees_with_the_rule():
    assert permits_where(lambda r: r.maatschappelijke_begeleiding) == ["asiel", "gezin_asiel"]
    assert permits_where(lambda r: r.ontzorging) == ["asiel"]
    assert permits_where(lambda r: r.ontzorging, "wi2013") == []


def test_pip_vereisten_college_route():
    asiel = rechtspositie("asiel", "wi2021")
    assert pip_vereisten(asiel, Leerroute.B1) == (
        PIPElement.LEERROUTE,
        PIPElement.ONDERSTEUNING,
        PIPElement.PVT_INTENSITEIT,
        PIPElement.MAP_INTENSITEIT,
        PIPElement.LEERROUTE_INTENSITEIT,
        PIPElement.AANBIEDER,
        PIPElement.VOORTGANGSGESPREKKEN,
    )
    # No MAP in the onderwijsroute (Wi art. 8 lid 3).
    assert PIPElement.MAP_INTENSITEIT not in pip_vereisten(asiel, Leerroute.ONDERWIJS)


def test_pip_vereisten_selfpayer_has_no_lessons_or_aanbieder():
    gezin = rechtspositie("gezin", "wi2021")
    assert pip_vereisten(gezin, "z") == (
        PIPElement.LEERROUTE,
        PIPElement.ONDERSTEUNING,
        PIPElement.PVT_INTENSITEIT,
        PIPElement.MAP_INTENSITEIT,
        PIPElement.VOORTGANGSGESPREKKEN,
    )


def test_pip_vereisten_follow_the_parts_that_still_apply():
    asiel = rechtspositie("asiel", "wi2021")
    only_pvt = pip_vereisten(asiel, "b1", onderdelen={Onderdeel.PVT})
    assert only_pvt == (
        PIPElement.ONDERSTEUNING,
        PIPElement.PVT_INTENSITEIT,
        PIPElement.VOORTGANGSGESPREKKEN,
    )
    no_map = pip_vereisten(asiel, "b1", onderdelen=ALLE_ONDERDELEN - {Onderdeel.MAP})
    assert PIPElement.MAP_INTENSITEIT not in no_map and PIPElement.AANBIEDER in no_map
    assert pip_vereisten(rechtspositie("asiel", "wi2013"), "b1") == ()


def test_missing_message_lists_every_missing_element():
    required = pip_vereisten(rechtspositie("asiel", "wi2021"), "b1")
    present = set(required) - {PIPElement.ONDERSTEUNING, PIPElement.MAP_INTENSITEIT}
    missing = missing_pip_elements(required, present)
    assert missing == [PIPElement.ONDERSTEUNING, PIPElement.MAP_INTENSITEIT]
    message = missing_message(missing)
    assert message == (
        "Het PIP kan nog niet worden vastgesteld. Vul eerst in: de ondersteuning en begeleiding "
        "(art. 15 lid 1 onder b); de intensiteit van de MAP in uren (art. 15 lid 1 onder c)."
    )
    assert missing_message([]) is None


def test_art23_only_for_what_the_law_allows_and_the_pip_contains():
    everything = dict(ondersteuning=True, pvt=True, map_=True, leerroute_intensiteit=True)
    assert art23_gronden_in_pip(rechtspositie("gezin", "wi2021"), **everything) == {OND, P, M}
    assert art23_gronden_in_pip(rechtspositie("asiel", "wi2021"), **everything) == {OND, P, M, L}
    assert art23_gronden_in_pip(
        rechtspositie("asiel", "wi2021"),
        ondersteuning=True,
        pvt=True,
        map_=False,
        leerroute_intensiteit=False,
    ) == {OND, P}
    assert art23_gronden_in_pip(rechtspositie("asiel", "wi2013"), **everything) == set()
