"""The person's legal category (rechtspositie): what follows from the residence permit and
the regime, derived once, with the article beside each fact.

Wet inburgering 2021 (Wi), as in force on 2025-10-21:

- art. 13 lid 1: the college provides maatschappelijke begeleiding to the
  inburgeringsplichtige with (a) an asylum permit for a fixed period, or (b) a regular
  permit for a fixed period as a family member of the holder of an asylum permit. The
  Besluit calls both 'asielstatushouders' (Besluit art. 1.1).
- art. 15 lid 1: for EVERY inburgeringsplichtige the college sets in the PIP the leerroute
  (a), the ondersteuning en begeleiding (b) and the intensity of the PVT and the MAP (c);
  art. 15 lid 2: the intensity of the leerroute only for an art. 13 lid 1 person.
- art. 16 lid 1: the college offers an art. 13 lid 1 person a course or education for the
  leerroute in time (the inburgeringsvoorziening, paid by the college).
- art. 19-20: the other regular permit holders ('gezinsmigranten en overige migranten',
  Besluit art. 1.1) arrange and pay the leerroute themselves, with a DUO loan.
- art. 23: the college fines not cooperating with the ondersteuning (15 lid 1 b), not
  meeting the PVT/MAP intensity (15 lid 1 c) or the leerroute intensity set under 15 lid 2.
- Besluit art. 3.14 lid 2-3: Z-route 800 cursusuren for all, plus 800 participation hours
  for asielstatushouders.
- Participatiewet art. 56a: financiële ontzorging for an inburgeringsplichtige under the
  Wi 2021 with an asylum permit for a fixed period (not the family member on a regular
  permit) who receives bijstand.

A person under the Wet inburgering 2013 (ondertussengroep) or without inburgeringsplicht
gets none of the Wi 2021 facts: no PIP, no college-set route, no art. 23 fine, no
ontzorging under art. 56a. Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from regie.rules.leerroute import Leerroute, ZRouteNorm, z_route_norm
from regie.rules.lifecycle import Regime
from regie.rules.phrases import Phrase, gettext_noop


class Verblijfsvergunning(StrEnum):
    """The residence permit, as far as the Wi 2021 distinguishes it."""

    ASIEL = "asiel"  # asiel bepaalde tijd (Vw 2000 art. 28); Wi 13 lid 1 onder a
    GEZIN_ASIEL = "gezin_asiel"  # regulier, gezinslid van een asielstatushouder; Wi 13 lid 1 b
    GEZIN = "gezin"  # regulier voor gezinsmigratie (Vw 2000 art. 14); Wi 19
    OVERIG = "overig"  # any other permit; Wi 19 when regular and inburgeringsplichtig


VERBLIJFSVERGUNNING_LABELS = {
    Verblijfsvergunning.ASIEL: gettext_noop("Asiel bepaalde tijd (asielstatushouder)"),
    Verblijfsvergunning.GEZIN_ASIEL: gettext_noop(
        "Regulier, als gezinslid van een asielstatushouder"
    ),
    Verblijfsvergunning.GEZIN: gettext_noop("Regulier, gezinsmigratie"),
    Verblijfsvergunning.OVERIG: gettext_noop("Overig"),
}

# What an existing record without a recorded permit is taken to have: the permit its
# doelgroep implies (the data migration and the fallback for imports use this).
PERMIT_FOR_DOELGROEP = {
    "asielmigrant": Verblijfsvergunning.ASIEL,
    "gezinsmigrant": Verblijfsvergunning.GEZIN,
    "overige": Verblijfsvergunning.OVERIG,
}

# Wi 2021 art. 13 lid 1: the permits that make a person an 'asielstatushouder' in the sense
# of the Besluit (art. 1.1).
ART13_PERMITS = frozenset({Verblijfsvergunning.ASIEL, Verblijfsvergunning.GEZIN_ASIEL})


class Art23Grond(StrEnum):
    """What an art. 23 fine can be about: each only when the PIP sets it."""

    ONDERSTEUNING = "ondersteuning"  # Wi 15 lid 1 onder b
    PVT_INTENSITEIT = "pvt"  # Wi 15 lid 1 onder c
    MAP_INTENSITEIT = "map"  # Wi 15 lid 1 onder c
    LEERROUTE_INTENSITEIT = "leerroute"  # Wi 15 lid 2 (only art. 13 lid 1 persons)


@dataclass(frozen=True)
class Rechtspositie:
    """What follows from one permit under one regime. Each flag names its article in the
    field comment; :attr:`reasons` are the same facts as Dutch sentences for the file."""

    verblijfsvergunning: Verblijfsvergunning
    regime: Regime
    wi2021: bool  # Wi 2021 art. 3: brede intake and PIP (art. 14, 15)
    inburgeringsvoorzieningen: bool  # Wi 13 lid 1, 16 lid 1: the college offers and pays
    zelfbetaler: bool  # Wi 19-20: the person arranges and pays the leerroute (DUO loan)
    leerroute_intensiteit_door_college: bool  # Wi 15 lid 2
    maatschappelijke_begeleiding: bool  # Wi 13 lid 1-3; Besluit 5.1
    ontzorging: bool  # Participatiewet art. 56a (given bijstand)
    z_route_norm: ZRouteNorm | None  # Besluit 3.14 lid 2 (asielstatushouders) / lid 3
    art23: frozenset[Art23Grond]  # Wi 23 lid 1: what the college can fine
    reasons: tuple[Phrase, ...] = field(default=(), compare=False)
    # Apart from the other reasons: only roles that see the ontzorging are told about it.
    ontzorging_reason: Phrase | None = field(default=None, compare=False)


@cache
def rechtspositie(verblijfsvergunning: str, regime: str) -> Rechtspositie:
    """Derive the legal category of a person from the permit and the regime (a pure
    function of two values, so computed once per pair)."""
    permit = Verblijfsvergunning(verblijfsvergunning)
    regime = Regime(regime)
    if regime != Regime.WI2021:
        if regime == Regime.WI2013:
            why = gettext_noop(
                "Valt onder de Wet inburgering 2013 (ondertussengroep): geen PIP, leerroute, "
                "boete of ontzorging op grond van de Wet inburgering 2021."
            )
        else:
            why = gettext_noop(
                "Geen inburgeringsplicht: deelname is vrijwillig; de Wet inburgering 2021 "
                "geeft geen plichten, voorzieningen of boetes."
            )
        return Rechtspositie(
            verblijfsvergunning=permit,
            regime=regime,
            wi2021=False,
            inburgeringsvoorzieningen=False,
            zelfbetaler=False,
            leerroute_intensiteit_door_college=False,
            maatschappelijke_begeleiding=False,
            ontzorging=False,
            z_route_norm=None,
            art23=frozenset(),
            reasons=(Phrase(why),),
        )
    art13 = permit in ART13_PERMITS
    ontzorging = permit == Verblijfsvergunning.ASIEL
    art23 = {Art23Grond.ONDERSTEUNING, Art23Grond.PVT_INTENSITEIT, Art23Grond.MAP_INTENSITEIT}
    if art13:
        art23.add(Art23Grond.LEERROUTE_INTENSITEIT)
    reasons: list[Phrase] = []
    if art13:
        reasons.append(
            Phrase(
                gettext_noop(
                    "De gemeente biedt de leerroute aan en betaalt die, en stelt de intensiteit "
                    "vast (Wet inburgering 2021 art. 13 lid 1, 15 lid 2 en 16 lid 1)."
                )
            )
        )
        reasons.append(
            Phrase(
                gettext_noop(
                    "Recht op maatschappelijke begeleiding (Wet inburgering 2021 art. 13)."
                )
            )
        )
    else:
        reasons.append(
            Phrase(
                gettext_noop(
                    "Regelt en betaalt de leerroute zelf, eventueel met een lening van DUO "
                    "(Wet inburgering 2021 art. 19 en 20). De gemeente stelt geen lesuren vast "
                    "en kiest geen aanbieder."
                )
            )
        )
    norm = z_route_norm(art13)
    reasons.append(
        Phrase(
            gettext_noop(
                "Norm Z-route: %(cursus)s cursusuren en %(participatie)s uren participatie "
                "(Besluit inburgering 2021 art. 3.14)."
            ),
            cursus=norm.cursusuren,
            participatie=norm.participatie_uren,
        )
    )
    ontzorging_reason = (
        Phrase(gettext_noop("Financiële ontzorging bij bijstand (Participatiewet art. 56a)."))
        if ontzorging
        else Phrase(
            gettext_noop(
                "Geen financiële ontzorging: die geldt alleen bij een asielvergunning voor "
                "bepaalde tijd (Participatiewet art. 56a)."
            )
        )
    )
    reasons.append(
        Phrase(
            gettext_noop(
                "Boete van de gemeente (Wet inburgering 2021 art. 23) mogelijk voor de "
                "ondersteuning, de intensiteit van PVT en MAP en de intensiteit van de "
                "leerroute, voor zover het PIP die vaststelt."
            )
        )
        if art13
        else Phrase(
            gettext_noop(
                "Boete van de gemeente (Wet inburgering 2021 art. 23) alleen mogelijk voor de "
                "ondersteuning en de intensiteit van PVT en MAP, niet voor lessen."
            )
        )
    )
    return Rechtspositie(
        verblijfsvergunning=permit,
        regime=regime,
        wi2021=True,
        inburgeringsvoorzieningen=art13,
        zelfbetaler=not art13,
        leerroute_intensiteit_door_college=art13,
        maatschappelijke_begeleiding=art13,
        ontzorging=ontzorging,
        z_route_norm=norm,
        art23=frozenset(art23),
        reasons=tuple(reasons),
        ontzorging_reason=ontzorging_reason,
    )


def permits_where(predicate, regime: str = Regime.WI2021) -> list[str]:
    """The permit values for which ``predicate(rechtspositie)`` holds under ``regime``:
    for database filters that must agree with :func:`rechtspositie`."""
    return [p.value for p in Verblijfsvergunning if predicate(rechtspositie(p, regime))]


# --- what a PIP must contain (Wi 2021 art. 15 lid 1-2; Besluit art. 5.3 lid 4) ----------


class Onderdeel(StrEnum):
    """The parts of the inburgeringsplicht (Wi 2021 art. 6 lid 1). DUO may exempt a person
    from a part (ontheffing, vrijstelling); a part that no longer applies needs no place in
    the PIP."""

    PVT = "pvt"  # art. 6 lid 1 onder a
    MAP = "map"  # art. 6 lid 1 onder b
    LEERROUTE = "leerroute"  # art. 6 lid 1 onder c (the inburgeringsexamen or a route)


ALLE_ONDERDELEN = frozenset(Onderdeel)


class PIPElement(StrEnum):
    """An element that a PIP must contain before vaststelling."""

    LEERROUTE = "leerroute"  # Wi 15 lid 1 onder a
    ONDERSTEUNING = "ondersteuning"  # Wi 15 lid 1 onder b
    PVT_INTENSITEIT = "pvt_intensiteit"  # Wi 15 lid 1 onder c
    MAP_INTENSITEIT = "map_intensiteit"  # Wi 15 lid 1 onder c; not in the onderwijsroute
    LEERROUTE_INTENSITEIT = "leerroute_intensiteit"  # Wi 15 lid 2 (art. 13 lid 1 persons)
    AANBIEDER = "aanbieder"  # Wi 16 lid 1: the college offers the course
    VOORTGANGSGESPREKKEN = "voortgangsgesprekken"  # Besluit 5.3 lid 4: the number


PIP_ELEMENT_LABELS = {
    PIPElement.LEERROUTE: gettext_noop("de leerroute (Wet inburgering 2021 art. 15 lid 1 onder a)"),
    PIPElement.ONDERSTEUNING: gettext_noop(
        "de ondersteuning en begeleiding (art. 15 lid 1 onder b)"
    ),
    PIPElement.PVT_INTENSITEIT: gettext_noop(
        "de intensiteit van het PVT in uren (art. 15 lid 1 onder c)"
    ),
    PIPElement.MAP_INTENSITEIT: gettext_noop(
        "de intensiteit van de MAP in uren (art. 15 lid 1 onder c)"
    ),
    PIPElement.LEERROUTE_INTENSITEIT: gettext_noop(
        "de duur en de lesuren per week van de leerroute (art. 15 lid 2)"
    ),
    PIPElement.AANBIEDER: gettext_noop("de gecontracteerde aanbieder (art. 16 lid 1)"),
    PIPElement.VOORTGANGSGESPREKKEN: gettext_noop(
        "het aantal voortgangsgesprekken (Besluit inburgering 2021 art. 5.3 lid 4)"
    ),
}


def pip_vereisten(
    positie: Rechtspositie,
    route: Leerroute | str | None,
    onderdelen: Iterable[Onderdeel | str] = ALLE_ONDERDELEN,
) -> tuple[PIPElement, ...]:
    """The elements the PIP of a person in ``positie`` must contain, in letter order.

    ``onderdelen`` are the parts of the inburgeringsplicht that still apply (default: all;
    a DUO ontheffing or vrijstelling can take parts away). The ondersteuning and the number
    of voortgangsgesprekken are always required; the PVT intensity only while the PVT
    applies; the MAP intensity only while the MAP applies and not in the onderwijsroute
    (Wi art. 8 lid 3); the leerroute while that part applies, and its intensity and
    aanbieder only where the college sets and offers it (art. 13 lid 1 persons)."""
    if not positie.wi2021:
        return ()
    still = {Onderdeel(o) for o in onderdelen}
    route = Leerroute(route) if route else None
    needed: list[PIPElement] = []
    if Onderdeel.LEERROUTE in still:
        needed.append(PIPElement.LEERROUTE)
    needed.append(PIPElement.ONDERSTEUNING)
    if Onderdeel.PVT in still:
        needed.append(PIPElement.PVT_INTENSITEIT)
    if Onderdeel.MAP in still and route != Leerroute.ONDERWIJS:
        needed.append(PIPElement.MAP_INTENSITEIT)
    if Onderdeel.LEERROUTE in still and positie.leerroute_intensiteit_door_college:
        needed.append(PIPElement.LEERROUTE_INTENSITEIT)
        needed.append(PIPElement.AANBIEDER)
    needed.append(PIPElement.VOORTGANGSGESPREKKEN)
    return tuple(needed)


def missing_pip_elements(
    required: Iterable[PIPElement], present: Iterable[PIPElement]
) -> list[PIPElement]:
    """The required elements that are not present, in the order required."""
    have = set(present)
    return [element for element in required if element not in have]


def missing_message(missing: list[PIPElement]) -> Phrase | None:
    """One Dutch sentence listing what the PIP still lacks, or None when nothing does."""
    if not missing:
        return None
    return Phrase(
        gettext_noop("Het PIP kan nog niet worden vastgesteld. Vul eerst in: %(missing)s."),
        missing=tuple(Phrase(PIP_ELEMENT_LABELS[m]) for m in missing),
    )


def art23_gronden_in_pip(
    positie: Rechtspositie,
    *,
    ondersteuning: bool,
    pvt: bool,
    map_: bool,
    leerroute_intensiteit: bool,
) -> frozenset[Art23Grond]:
    """What an art. 23 fine may be about for this PIP: what the law allows for this person
    AND what the PIP actually sets. A letter warns of a fine for these and nothing else."""
    contained = {
        Art23Grond.ONDERSTEUNING: ondersteuning,
        Art23Grond.PVT_INTENSITEIT: pvt,
        Art23Grond.MAP_INTENSITEIT: map_,
        Art23Grond.LEERROUTE_INTENSITEIT: leerroute_intensiteit,
    }
    return frozenset(grond for grond in positie.art23 if contained[grond])
