"""Tests for regie.rules.figures and for the purity of the rules core."""

import ast
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import regie.rules as rules
from regie.rules import deadlines, fines, leerroute
from regie.rules.figures import (
    FIGURES,
    POLICIES,
    Figure,
    bound_value,
    configurable_figures,
    figure,
    figure_value,
    int_figure,
    money_figure,
)

RULES_DIR = Path(rules.__file__).parent
# The modules of the rules core covered here (lifecycle.py and bsn.py belong to others).
CORE_MODULES = ("__init__", "calendar", "deadlines", "figures", "fines", "leerroute")
CORE_PATHS = [RULES_DIR / f"{name}.py" for name in CORE_MODULES]


def test_every_figure_has_a_source_and_a_valid_status():
    for f in FIGURES:
        assert f.name and f.unit and f.source.strip(), f
        assert f.status in ("law", "local", "check")
        assert f.configurable == (f.status != "law"), f
        assert isinstance(f.value, int | Decimal)


def test_names_are_unique_and_found():
    names = [f.name for f in FIGURES]
    assert len(names) == len(set(names))
    for f in FIGURES:
        assert figure(f.name) is f
        assert figure_value(f.name) == f.value


def test_unknown_figure_is_a_key_error():
    with pytest.raises(KeyError, match="no_such_figure"):
        figure("no_such_figure")


def test_money_is_decimal_and_hours_are_int():
    assert money_figure("boete_art22") == Decimal("250")
    assert int_figure("pvt_min_uren") == 12
    with pytest.raises(TypeError):
        money_figure("pvt_min_uren")
    with pytest.raises(TypeError):
        int_figure("boete_art22")


def test_every_local_figure_says_what_room_it_takes_beside_the_law():
    # Issue 18 (7): a local figure is a beleidsregel; it says whether it shortens a
    # statutory term, adds a target beside it, limits a discretion (Awb 4:84) or is a check.
    policies = {f.name: f.policy for f in FIGURES if f.status == "local"}
    assert set(policies.values()) <= set(POLICIES)
    assert policies["pip_termijn_na_huisvesting_weken"] == "naast"
    assert policies["leerroute_wijzigingen_max"] == "beleidsregel"
    assert policies["onderwijsroute_max_leeftijd"] == "beleidsregel"
    assert all(not f.policy for f in FIGURES if f.status != "local")
    # The local PIP target may not exceed the statutory ten weeks.
    assert figure("pip_termijn_na_huisvesting_weken").bound == "pip_termijn_weken"
    assert bound_value(figure("pip_termijn_na_huisvesting_weken")) == 10
    for f in FIGURES:
        if f.bound:
            assert figure(f.bound).status == "law"
            assert f.value <= figure(f.bound).value


def test_a_local_figure_without_a_policy_is_refused():
    with pytest.raises(ValueError, match="needs a policy"):
        Figure("x", 1, "weken", "local", "lokaal beleid", True)
    with pytest.raises(ValueError, match="only a 'local' figure"):
        Figure("x", 1, "weken", "law", "Awb", False, policy="naast")


def test_local_and_check_figures_are_the_configurable_ones():
    configurable = {f.name: f.status for f in configurable_figures()}
    assert configurable == {
        "pip_termijn_na_huisvesting_weken": "local",
        "ontzorging_afbouw_signaal_weken": "local",
        "uitkering_plausibel_max": "local",
        "toegang_max_dagen": "local",
        "vaste_last_plausibel_max": "local",
        "leerroute_wijzigingen_max": "local",
        "onderwijsroute_max_leeftijd": "local",
        "senior_begeleider_eerste_gesprek_asiel": "local",
        "aanwezigheid_signaal_procent": "local",
        "boete_zienswijze_termijn_weken": "local",
        "invordering_aanmaningskosten": "local",
        "invordering_dwangbevel_kosten": "local",
        "betalingsregeling_max_termijnen": "local",
        "plaatsing_eindigt_signaal_weken": "local",
        "plaatsing_evaluatie_signaal_weken": "local",
        "geen_participatie_signaal_dagen": "local",
        "plaatsing_max_reistijd_minuten": "local",
        "plaatsing_taalniveau_marge": "local",
        "map_uren": "check",
        "melding_geen_aanbod_weken": "check",
    }


@pytest.mark.parametrize(
    ("name", "value", "source_part"),
    [
        ("pip_termijn_weken", 10, "art. 5.3 lid 1"),
        ("inburgeringstermijn_jaren", 3, "art. 11"),
        ("z_route_cursusuren", 800, "art. 3.14"),
        ("z_route_participatie_uren_asiel", 800, "art. 3.14"),
        ("pvt_min_uren", 12, "art. 3.1"),
        ("afschalen_a2_min_cursusuren", 600, "art. 5.5"),
        ("map_uren", 40, "controleren"),
        ("boete_art23_max", Decimal("800"), "art. 7.1 lid 3"),
        ("boetes_college_max_termijn", Decimal("2400"), "art. 7.1 lid 5"),
        ("bezwaartermijn_weken", 6, "6:7"),
        ("leerroute_wijziging_termijn_maanden", 18, "art. 5.4"),
        ("onderwijsroute_max_leeftijd", 30, "lokaal beleid"),
    ],
)
def test_key_figures(name, value, source_part):
    f = figure(name)
    assert f.value == value
    assert source_part in f.source


def test_law_figures_cannot_be_made_configurable():
    with pytest.raises(ValueError):
        Figure("x", 1, "uren", "law", "Wet", True)
    with pytest.raises(ValueError):
        Figure("x", 1, "uren", "local", "seed", False)
    with pytest.raises(ValueError):
        Figure("x", 1, "uren", "maybe", "seed", True)  # type: ignore[arg-type]


def test_modules_take_their_numbers_from_the_table():
    pairs = [
        (deadlines, "PIP_TERMIJN_WEKEN", "pip_termijn_weken"),
        (deadlines, "BEZWAARTERMIJN_WEKEN", "bezwaartermijn_weken"),
        (leerroute, "MAP_UREN", "map_uren"),
        (leerroute, "ONDERWIJSROUTE_MAX_LEEFTIJD", "onderwijsroute_max_leeftijd"),
        (fines, "BOETE_ART22", "boete_art22"),
        (fines, "BOETES_COLLEGE_MAX_TERMIJN", "boetes_college_max_termijn"),
    ]
    for module, constant, name in pairs:
        assert getattr(module, constant) == figure_value(name), constant


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_rules_core_imports_only_the_standard_library():
    for path in CORE_PATHS:
        for module in _imported_modules(path):
            top = module.split(".")[0]
            allowed = top in sys.stdlib_module_names or top == "__future__"
            allowed = allowed or module.startswith("regie.rules")
            assert allowed, f"{path.name} imports {module}"


def test_every_module_has_a_docstring():
    for path in CORE_PATHS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name} has no module docstring"


def test_public_api_is_exported():
    for name in (
        "pip_deadline",
        "pip_deadline_local",
        "pip_deadline_for",
        "inburgeringstermijn",
        "bezwaartermijn_einde",
        "is_algemeen_erkende_feestdag",
        "volgende_werkdag",
        "termijn_einde",
        "beslistermijn_bezwaar_einde",
        "Leerroute",
        "advise_leerroute",
        "leerroute_change_allowed",
        "boete_art22",
        "boete_art23",
        "boetes_cap_remaining",
        "Verwijtbaarheid",
        "figure",
        "FIGURES",
    ):
        assert name in rules.__all__
        assert getattr(rules, name) is not None
