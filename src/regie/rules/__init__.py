"""The pure rules core of Regie: deadlines, calendars, leerroutes and fines.

Plain Python with no Django and no third-party imports, so it is tested fast and
exhaustively and can be reused. Every figure lives once in :mod:`regie.rules.figures` with
its legal source ('law'), or as the municipality's policy ('local'), or as 'check' when only
secondary sources were found. Functions that depend on a 'local' or 'check' figure take it
as a parameter defaulting to the table value, so a municipality's setting can be passed in.

Modules: ``calendar`` (feestdagen, Algemene termijnenwet), ``deadlines`` (PIP,
inburgeringstermijn, bezwaar, beslistermijn), ``leerroute`` (advice, changes, hour norms),
``fines`` (art. 22 and 23 boetes and their cap), ``figures`` (the data table).
"""

from regie.rules.calendar import (
    GELIJKGESTELDE_DAGEN,
    atw_verlenging,
    easter_sunday,
    feestdagen,
    gelijkgestelde_dagen_bekend,
    is_algemeen_erkende_feestdag,
    is_werkdag,
    koningsdag,
    volgende_werkdag,
)
from regie.rules.deadlines import (
    add_months,
    beslistermijn_bezwaar_einde,
    bezwaar_tijdig,
    bezwaartermijn_einde,
    inburgeringstermijn,
    period_last_day,
    pip_deadline,
    pip_deadline_for,
    pip_deadline_local,
    pip_deadline_na_informatie_derde,
    pip_deadline_na_verhuizing,
    pip_target_local,
    termijn_einde,
    termijn_na,
    termijn_verlengd,
)
from regie.rules.figures import FIGURES, Figure, configurable_figures, figure, figure_value
from regie.rules.fines import (
    Verwijtbaarheid,
    boete_art22,
    boete_art23,
    boete_binnen_maximum,
    boetes_cap,
    boetes_cap_remaining,
)
from regie.rules.leerroute import (
    Leerroute,
    LeerrouteAdvies,
    Opleidingsniveau,
    ZRouteNorm,
    advise_leerroute,
    afschalen_a2_mogelijk,
    leerroute_change_allowed,
    leerroute_change_deadline,
    map_verplicht,
    z_route_norm,
)

__all__ = [
    "FIGURES",
    "GELIJKGESTELDE_DAGEN",
    "Figure",
    "Leerroute",
    "LeerrouteAdvies",
    "Opleidingsniveau",
    "Verwijtbaarheid",
    "ZRouteNorm",
    "add_months",
    "advise_leerroute",
    "afschalen_a2_mogelijk",
    "atw_verlenging",
    "beslistermijn_bezwaar_einde",
    "bezwaar_tijdig",
    "bezwaartermijn_einde",
    "boete_art22",
    "boete_art23",
    "boete_binnen_maximum",
    "boetes_cap",
    "boetes_cap_remaining",
    "configurable_figures",
    "easter_sunday",
    "feestdagen",
    "figure",
    "figure_value",
    "gelijkgestelde_dagen_bekend",
    "inburgeringstermijn",
    "is_algemeen_erkende_feestdag",
    "is_werkdag",
    "koningsdag",
    "leerroute_change_allowed",
    "leerroute_change_deadline",
    "map_verplicht",
    "period_last_day",
    "pip_deadline",
    "pip_deadline_for",
    "pip_deadline_local",
    "pip_deadline_na_informatie_derde",
    "pip_deadline_na_verhuizing",
    "pip_target_local",
    "termijn_einde",
    "termijn_na",
    "termijn_verlengd",
    "volgende_werkdag",
    "z_route_norm",
]
