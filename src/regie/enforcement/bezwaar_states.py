"""The stages of the steps around a bezwaar that the Awb adds to the decision itself:
suspension for repair of an omission (Awb art. 7:10 lid 2), further postponement with
consent (lid 4), the advisory commission (7:13), the ingebrekestelling with its dwangsom
(4:17-4:18) and the voorlopige voorziening (8:81). Pure Python; tests walk every table."""

from __future__ import annotations

from enum import StrEnum


class OpschortingState(StrEnum):
    LOOPT = "loopt"  # the indiener was asked to repair; the beslistermijn stands still
    HERSTELD = "hersteld"  # repaired: the term runs again
    VERSTREKEN = "verstreken"  # the hersteltermijn passed unused: the term runs again


OPSCHORTING_TRANSITIONS: dict[OpschortingState, frozenset[OpschortingState]] = {
    OpschortingState.LOOPT: frozenset({OpschortingState.HERSTELD, OpschortingState.VERSTREKEN}),
    OpschortingState.HERSTELD: frozenset(),
    OpschortingState.VERSTREKEN: frozenset(),
}


class CommissieState(StrEnum):
    AANGEKONDIGD = "aangekondigd"  # the indiener was told a commission advises (7:13)
    ADVIES = "advies"  # the commission gave its advice


COMMISSIE_TRANSITIONS: dict[CommissieState, frozenset[CommissieState]] = {
    CommissieState.AANGEKONDIGD: frozenset({CommissieState.ADVIES}),
    CommissieState.ADVIES: frozenset(),
}


class IngebrekestellingState(StrEnum):
    ONTVANGEN = "ontvangen"  # received after the beslistermijn: the dwangsom may run
    VASTGESTELD = "vastgesteld"  # the college set the dwangsom by beschikking (4:18)


INGEBREKESTELLING_TRANSITIONS: dict[IngebrekestellingState, frozenset[IngebrekestellingState]] = {
    IngebrekestellingState.ONTVANGEN: frozenset({IngebrekestellingState.VASTGESTELD}),
    IngebrekestellingState.VASTGESTELD: frozenset(),
}


class VoorzieningState(StrEnum):
    VERZOCHT = "verzocht"  # a request to the voorzieningenrechter is pending
    TOEGEWEZEN = "toegewezen"
    AFGEWEZEN = "afgewezen"
    INGETROKKEN = "ingetrokken"


VOORZIENING_TRANSITIONS: dict[VoorzieningState, frozenset[VoorzieningState]] = {
    VoorzieningState.VERZOCHT: frozenset(
        {VoorzieningState.TOEGEWEZEN, VoorzieningState.AFGEWEZEN, VoorzieningState.INGETROKKEN}
    ),
    VoorzieningState.TOEGEWEZEN: frozenset(),
    VoorzieningState.AFGEWEZEN: frozenset(),
    VoorzieningState.INGETROKKEN: frozenset(),
}
