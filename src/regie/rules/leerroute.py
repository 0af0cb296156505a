"""Leerroutes: route advice after the brede intake, route changes, and the hour norms.

The Wet inburgering 2021 knows three leerroutes: the B1-route (art. 7: inburgeringsexamen
at B1 plus KNM), the onderwijsroute (art. 8: a taalschakeltraject towards mbo/hbo/wo) and
the zelfredzaamheidsroute or Z-route (art. 9; content in Besluit art. 3.14). The college
sets the route in the PIP on the basis of the brede intake (art. 15 lid 1 onder a).

:func:`advise_leerroute` is advice for the klantmanager, never a decision: it explains in
plain Dutch which route fits the intake data and why. :func:`leerroute_change_allowed`
checks the statutory and local limits on setting a new route (Wi art. 17 lid 2;
Besluit art. 5.4). Whether a change is warranted (insufficient or greater progress than
expected) remains the college's judgement and must be recorded with reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from regie.rules.deadlines import period_last_day
from regie.rules.figures import int_figure
from regie.rules.phrases import Phrase, gettext_noop

# Figures (values and sources in regie.rules.figures).
LEERROUTE_WIJZIGING_TERMIJN_MAANDEN = int_figure(
    "leerroute_wijziging_termijn_maanden"
)  # Wi 2021 art. 17 lid 2; Besluit art. 5.4 lid 1
LEERROUTE_WIJZIGINGEN_MAX = int_figure("leerroute_wijzigingen_max")  # lokaal beleid, seed §3.2
ONDERWIJSROUTE_MAX_LEEFTIJD = int_figure(
    "onderwijsroute_max_leeftijd"
)  # lokaal beleid, seed bijlage 2 (the law sets no age limit, Wi art. 8)
Z_ROUTE_CURSUSUREN = int_figure("z_route_cursusuren")  # Besluit art. 3.14 lid 2 onder a, lid 3
Z_ROUTE_PARTICIPATIE_UREN_ASIEL = int_figure(
    "z_route_participatie_uren_asiel"
)  # Besluit art. 3.14 lid 2 onder b
PVT_MIN_UREN = int_figure("pvt_min_uren")  # Besluit art. 3.1 lid 3
AFSCHALEN_A2_MIN_CURSUSUREN = int_figure(
    "afschalen_a2_min_cursusuren"
)  # Wi art. 17 lid 3; Besluit art. 5.5 lid 1
MAP_UREN = int_figure("map_uren")  # CHECK: secondary sources only (Besluit art. 3.2 lid 4)


class Leerroute(StrEnum):
    """The three leerroutes of the Wet inburgering 2021 (art. 7, 8, 9)."""

    B1 = "b1"
    ONDERWIJS = "onderwijs"
    Z = "z"

    @property
    def label(self) -> Phrase:
        """Dutch name for the UI."""
        return Phrase(LEERROUTE_LABELS[self])


LEERROUTE_LABELS = {
    Leerroute.B1: gettext_noop("B1-route"),
    Leerroute.ONDERWIJS: gettext_noop("Onderwijsroute"),
    Leerroute.Z: gettext_noop("Zelfredzaamheidsroute (Z-route)"),
}


class Opleidingsniveau(StrEnum):
    """Highest schooling completed (in the country of origin or elsewhere)."""

    NONE = "none"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    MBO = "mbo"
    HBO_WO = "hbo_wo"

    @property
    def label(self) -> Phrase:
        """Dutch name for the UI."""
        return Phrase(_OPLEIDING_LABELS[self])

    @property
    def rank(self) -> int:
        """Order from no schooling (0) to hbo/wo (4)."""
        return list(Opleidingsniveau).index(self)


_OPLEIDING_LABELS = {
    Opleidingsniveau.NONE: gettext_noop("geen of nauwelijks scholing"),
    Opleidingsniveau.PRIMARY: gettext_noop("basisonderwijs"),
    Opleidingsniveau.SECONDARY: gettext_noop("voortgezet onderwijs"),
    Opleidingsniveau.MBO: gettext_noop("mbo of vergelijkbaar"),
    Opleidingsniveau.HBO_WO: gettext_noop("hbo of wo"),
}


@dataclass(frozen=True)
class LeerrouteAdvies:
    """Advice on a leerroute: the route and the reasons, as sentences for a klantmanager
    (Dutch :class:`Phrase` objects that the web layer shows in the active language)."""

    route: Leerroute
    reasons: list[str] = field(default_factory=list)


def advise_leerroute(
    age: int,
    b1_haalbaar: bool | None,
    opleidingsniveau: Opleidingsniveau,
    geletterd: bool,
    wil_opleiding: bool,
    *,
    onderwijsroute_max_age: int | None = ONDERWIJSROUTE_MAX_LEEFTIJD,
) -> LeerrouteAdvies:
    """Advise a leerroute from the brede intake.

    ``age`` in whole years; ``b1_haalbaar`` is the outcome of the leerbaarheidstoets (True:
    B1 reachable within the termijn, False: not, None: exempt (Wi art. 14 lid 6) or not
    taken); ``geletterd``: can read and write in some script; ``wil_opleiding``: the person
    said in the intake they want to follow mbo/hbo/wo (Wi art. 8 lid 1).
    ``onderwijsroute_max_age`` is local policy (default: under 30, seed bijlage 2);
    None means no age limit, as in the law.

    Rules of thumb (the college decides, Wi art. 15):
    - onderwijsroute when the person wants it and has 'een grote kans' of a diploma: the
      toets does not rule B1 out, the person is literate, has at least secondary schooling,
      and is under the local age limit;
    - otherwise the Z-route when the toets says B1 is not reachable, or (without a toets
      result) when the person is not literate or had no more than primary schooling;
    - otherwise the B1-route.
    """
    if age < 0:
        raise ValueError("age must not be negative")
    reasons: list[str] = []
    not_literate = Phrase(gettext_noop("de inburgeraar is (nog) niet geletterd"))

    if b1_haalbaar is True:
        reasons.append(
            Phrase(
                gettext_noop(
                    "De leerbaarheidstoets geeft aan dat B1 binnen de termijn haalbaar is."
                )
            )
        )
    elif b1_haalbaar is False:
        reasons.append(
            Phrase(
                gettext_noop(
                    "De leerbaarheidstoets geeft aan dat B1 binnen de termijn niet haalbaar is."
                )
            )
        )
    else:
        reasons.append(
            Phrase(
                gettext_noop(
                    "Er is geen uitslag van de leerbaarheidstoets (ontheffing of niet afgenomen); "
                    "het advies rust op opleiding en geletterdheid. Stel de haalbaarheid van B1 in "
                    "het gesprek vast."
                )
            )
        )

    if wil_opleiding:
        obstacles: list[Phrase] = []
        if b1_haalbaar is False:
            obstacles.append(
                Phrase(gettext_noop("volgens de leerbaarheidstoets is B1 niet haalbaar"))
            )
        if not geletterd:
            obstacles.append(not_literate)
        if opleidingsniveau.rank < Opleidingsniveau.SECONDARY.rank:
            obstacles.append(
                Phrase(
                    gettext_noop(
                        "de hoogst genoten opleiding is %(opleiding)s, lager dan voortgezet "
                        "onderwijs"
                    ),
                    opleiding=opleidingsniveau.label,
                )
            )
        if onderwijsroute_max_age is not None and age >= onderwijsroute_max_age:
            obstacles.append(
                Phrase(
                    gettext_noop(
                        "de inburgeraar is %(age)s jaar; volgens lokaal beleid is de "
                        "onderwijsroute voor wie jonger is dan %(max)s jaar (de wet kent geen "
                        "leeftijdsgrens)"
                    ),
                    age=age,
                    max=onderwijsroute_max_age,
                )
            )
        if not obstacles:
            reasons.append(
                Phrase(
                    gettext_noop(
                        "De inburgeraar wil een opleiding in het mbo, hbo of wo volgen en heeft "
                        "%(opleiding)s gevolgd: er lijkt een grote kans op een diploma (Wet "
                        "inburgering 2021 art. 8 lid 1). De module Arbeidsmarkt en Participatie "
                        "vervalt in deze route (art. 8 lid 3)."
                    ),
                    opleiding=opleidingsniveau.label,
                )
            )
            return LeerrouteAdvies(Leerroute.ONDERWIJS, reasons)
        reasons.append(
            Phrase(
                gettext_noop(
                    "De inburgeraar wil een opleiding volgen, maar de onderwijsroute wordt niet "
                    "geadviseerd: %(obstacles)s."
                ),
                obstacles=tuple(obstacles),
            )
        )

    if b1_haalbaar is False:
        reasons.append(
            Phrase(
                gettext_noop(
                    "De Z-route past bij wie B1 en de onderwijsroute niet binnen de termijn kan "
                    "halen (Wet inburgering 2021 art. 9 lid 1)."
                )
            )
        )
        return LeerrouteAdvies(Leerroute.Z, reasons)

    if b1_haalbaar is None and (
        not geletterd or opleidingsniveau.rank <= Opleidingsniveau.PRIMARY.rank
    ):
        why = (
            not_literate
            if not geletterd
            else Phrase(
                gettext_noop("de hoogst genoten opleiding is %(opleiding)s"),
                opleiding=opleidingsniveau.label,
            )
        )
        reasons.append(
            Phrase(
                gettext_noop(
                    "Zonder toetsuitslag en omdat %(why)s, wordt de Z-route geadviseerd "
                    "(Wet inburgering 2021 art. 9 lid 1)."
                ),
                why=why,
            )
        )
        return LeerrouteAdvies(Leerroute.Z, reasons)

    if not geletterd:
        reasons.append(
            Phrase(
                gettext_noop(
                    "Let op: de inburgeraar is (nog) niet geletterd; neem alfabetisering op in "
                    "het PIP."
                )
            )
        )
    reasons.append(
        Phrase(
            gettext_noop(
                "De B1-route wordt geadviseerd: examen op B1 in lezen, luisteren, schrijven en "
                "spreken, plus KNM (Wet inburgering 2021 art. 7)."
            )
        )
    )
    return LeerrouteAdvies(Leerroute.B1, reasons)


def leerroute_change_deadline(
    termijn_start: date, *, months: int = LEERROUTE_WIJZIGING_TERMIJN_MAANDEN
) -> date:
    """Last day on which the college may set a new leerroute: anderhalf jaar from the start
    of the inburgeringstermijn (Besluit inburgering 2021 art. 5.4 lid 1). Months term: no
    Atw extension."""
    return period_last_day(termijn_start, months=months)


def law_keeps_change_open(current: Leerroute, new: Leerroute, bijzonder_geval: bool) -> bool:
    """Whether the law itself keeps this change open whatever local policy says: the
    change from onderwijsroute to B1-route (always, Besluit art. 5.4 lid 1), or a change the
    college makes after a non-exempting education ended or in a bijzonder geval (lid 2-3)."""
    return (current == Leerroute.ONDERWIJS and new == Leerroute.B1) or bijzonder_geval


def leerroute_change_allowed(
    current: Leerroute,
    new: Leerroute,
    termijn_start: date,
    on: date,
    changes_so_far: int,
    max_changes: int | None = LEERROUTE_WIJZIGINGEN_MAX,
    *,
    bijzonder_geval: bool = False,
    afwijking_beleidsregel: bool = False,
) -> tuple[bool, str]:
    """Whether the leerroute may be changed from ``current`` to ``new`` on ``on``.

    Law: only within anderhalf jaar from the start of the termijn (Wi art. 17 lid 2;
    Besluit art. 5.4 lid 1), except onderwijsroute -> B1-route, allowed at any time. The
    college may deviate from the time limit after a non-exempting education ended
    (art. 5.4 lid 2) or in a bijzonder geval (lid 3): pass ``bijzonder_geval=True`` and
    record why. The new route is set in a new PIP (Besluit art. 5.3 lid 6).

    Local policy (a beleidsregel, seed §3.2: once): at most ``max_changes`` changes; None
    means no local limit. The cap never blocks what the law keeps open
    (:func:`law_keeps_change_open`), and the klantmanager may deviate from it in a special
    case with a recorded reason (``afwijking_beleidsregel``, Awb art. 4:84).

    Returns (allowed, explanation): the explanation is Dutch and empty when allowed.
    """
    if changes_so_far < 0:
        raise ValueError("changes_so_far must not be negative")
    if current == new:
        return False, Phrase(
            gettext_noop("De nieuwe leerroute is gelijk aan de huidige (%(route)s)."),
            route=current.label,
        )
    problems: list[Phrase] = []
    cap_applies = not law_keeps_change_open(current, new, bijzonder_geval)
    if (
        max_changes is not None
        and changes_so_far >= max_changes
        and cap_applies
        and not afwijking_beleidsregel
    ):
        problems.append(
            Phrase(
                gettext_noop(
                    "Volgens lokaal beleid mag de leerroute ten hoogste %(max)s keer wijzigen; "
                    "dat is al %(so_far)s keer gebeurd. Dit is een beleidsregel: in een "
                    "bijzonder geval kunt u er met een reden van afwijken (Awb art. 4:84)."
                )
                if max_changes == 1
                else gettext_noop(
                    "Volgens lokaal beleid mag de leerroute ten hoogste %(max)s keren "
                    "wijzigen; dat is al %(so_far)s keer gebeurd. Dit is een beleidsregel: in "
                    "een bijzonder geval kunt u er met een reden van afwijken (Awb art. 4:84)."
                ),
                max=max_changes,
                so_far=changes_so_far,
            )
        )
    always_allowed = current == Leerroute.ONDERWIJS and new == Leerroute.B1
    deadline = leerroute_change_deadline(termijn_start)
    if on > deadline and not always_allowed and not bijzonder_geval:
        problems.append(
            Phrase(
                gettext_noop(
                    "De leerroute kan alleen binnen anderhalf jaar na de start van de "
                    "inburgeringstermijn worden gewijzigd (uiterlijk %(deadline)s; Besluit "
                    "inburgering 2021 art. 5.4 lid 1). Alleen de wijziging van onderwijsroute "
                    "naar B1-route kan altijd; afwijken kan na een niet-vrijstellende opleiding "
                    "of in een bijzonder geval (art. 5.4 lid 2-3)."
                ),
                deadline=deadline,
            )
        )
    if len(problems) == 1:
        return False, problems[0]
    if problems:
        return False, Phrase("%(first)s %(second)s", first=problems[0], second=problems[1])
    return True, ""


def map_verplicht(route: Leerroute) -> bool:
    """Whether the module Arbeidsmarkt en Participatie is required: not in the
    onderwijsroute (Wet inburgering 2021 art. 8 lid 3)."""
    return route != Leerroute.ONDERWIJS


@dataclass(frozen=True)
class ZRouteNorm:
    """Hour norms of the Z-route for one person (Besluit inburgering 2021 art. 3.14)."""

    cursusuren: int
    participatie_uren: int


def z_route_norm(asielstatushouder: bool) -> ZRouteNorm:
    """Z-route norm: 800 cursusuren NT2/KNM for everyone (art. 3.14 lid 2 onder a, lid 3),
    plus 800 participation hours for asielstatushouders only (lid 2 onder b). Hours of PVT
    and MAP count towards the participation hours (lid 5); hours in the brede intake may be
    deducted (lid 6); a lower norm for a visual or auditory impairment can follow from a
    ministeriele regeling (lid 8) and is not modelled here."""
    return ZRouteNorm(
        cursusuren=Z_ROUTE_CURSUSUREN,
        participatie_uren=Z_ROUTE_PARTICIPATIE_UREN_ASIEL if asielstatushouder else 0,
    )


def afschalen_a2_mogelijk(nt2_cursusuren: int, voldoende_ingespannen: bool) -> tuple[bool, str]:
    """Whether the college may let (parts of) the B1 language exam be taken at A2: after in
    total 600 cursusuren NT2 at a recognised institution and sufficient effort
    (Wi art. 17 lid 3; Besluit art. 5.5 lid 1). Returns (possible, Dutch explanation)."""
    if nt2_cursusuren < AFSCHALEN_A2_MIN_CURSUSUREN:
        return False, (
            f"Afschalen naar A2 kan pas na {AFSCHALEN_A2_MIN_CURSUSUREN} cursusuren NT2; "
            f"gevolgd: {nt2_cursusuren}."
        )
    if not voldoende_ingespannen:
        return False, (
            "Afschalen naar A2 vraagt dat de inburgeraar zich voldoende heeft ingespannen."
        )
    return True, ""
