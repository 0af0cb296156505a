"""Figures of handhaving and bezwaar for the regisseur: counts per municipality, no names.

Part of :mod:`regie.enforcement.services`; import it from there."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum

from regie import rules
from regie.enforcement.models import (
    Beroep,
    BeroepStage,
    Bezwaar,
    HandhavingStage,
    Handhavingszaak,
    Uitkomst,
)
from regie.enforcement.services.common import (
    _today,
)
from regie.enforcement.states import (
    BEZWAAR_OPEN,
)
from regie.rules import handhaving as hh

# --- figures for the regisseur -----------------------------------------------------------


@dataclass
class MuniFigures:
    name: str
    zaken: int = 0
    per_fase: dict = field(default_factory=dict)
    boetes: int = 0
    boetes_bedrag: Decimal = Decimal(0)
    bezwaren: int = 0
    uitkomsten: dict = field(default_factory=dict)
    beslist: int = 0
    gemiddelde_dagen: float | None = None
    te_laat_beslist: int = 0
    open_over_termijn: int = 0
    beroepen: int = 0
    beroep_uitkomsten: dict = field(default_factory=dict)


def figures(municipality_ids: list[int], start: date, end: date) -> list[MuniFigures]:
    """Counts, outcomes, average duration and overdue cases per municipality for the period
    [start, end]. Figures only: no names. A fixed number of queries."""
    from regie.core.models import Municipality

    today = _today()
    munis = {
        m.pk: MuniFigures(m.name)
        for m in Municipality.objects.filter(pk__in=municipality_ids).order_by("name")
    }
    zaken = Handhavingszaak.objects.filter(inburgeraar__municipality__in=list(munis))
    for muni, stage, n in (
        zaken.filter(signaal_op__range=(start, end))
        .values_list("inburgeraar__municipality", "stage")
        .annotate(n=Count("id"))
        .order_by()
    ):
        row = munis[muni]
        row.zaken += n
        row.per_fase[HandhavingStage(stage).label] = n
    for muni, n, total in (
        zaken.filter(boetebesluit_op__range=(start, end))
        .values("inburgeraar__municipality")
        .annotate(n=Count("id"), total=Sum("bedrag"))
        .values_list("inburgeraar__municipality", "n", "total")
        .order_by()
    ):
        munis[muni].boetes = n
        munis[muni].boetes_bedrag = total or Decimal(0)
    bezwaren = Bezwaar.objects.filter(inburgeraar__municipality__in=list(munis))
    for muni, n in (
        bezwaren.filter(ontvangen_op__range=(start, end))
        .values_list("inburgeraar__municipality")
        .annotate(n=Count("id"))
        .order_by()
    ):
        munis[muni].bezwaren = n
    durations: dict[int, list[int]] = defaultdict(list)
    for muni, uitkomst, ontvangen, beslist, bekend, commissie, weken in bezwaren.filter(
        beslist_op__range=(start, end)
    ).values_list(
        "inburgeraar__municipality",
        "uitkomst",
        "ontvangen_op",
        "beslist_op",
        "besluit_bekendgemaakt_op",
        "adviescommissie",
        "verdaagd_weken",
    ):
        row = munis[muni]
        label = Uitkomst(uitkomst).label if uitkomst else "—"
        row.uitkomsten[label] = row.uitkomsten.get(label, 0) + 1
        if uitkomst != Uitkomst.INGETROKKEN:
            row.beslist += 1
            durations[muni].append((beslist - ontvangen).days)
            termijn = rules.beslistermijn_bezwaar_einde(
                hh.beslistermijn_basis(bekend, ontvangen), commissie, weken
            )
            if beslist > termijn:
                row.te_laat_beslist += 1
    for muni, values in durations.items():
        munis[muni].gemiddelde_dagen = round(sum(values) / len(values), 1)
    for muni, bekend, ontvangen, commissie, weken in bezwaren.filter(
        stage__in=[s.value for s in BEZWAAR_OPEN]
    ).values_list(
        "inburgeraar__municipality",
        "besluit_bekendgemaakt_op",
        "ontvangen_op",
        "adviescommissie",
        "verdaagd_weken",
    ):
        termijn = rules.beslistermijn_bezwaar_einde(
            hh.beslistermijn_basis(bekend, ontvangen), commissie, weken
        )
        if termijn < today:
            munis[muni].open_over_termijn += 1
    for muni, uitkomst, stage in (
        Beroep.objects.filter(
            bezwaar__inburgeraar__municipality__in=list(munis),
            ingesteld_op__range=(start, end),
        )
        .values_list("bezwaar__inburgeraar__municipality", "uitkomst", "stage")
        .order_by()
    ):
        row = munis[muni]
        row.beroepen += 1
        label = BeroepStage(stage).label if not uitkomst else Uitkomst(uitkomst).label
        row.beroep_uitkomsten[label] = row.beroep_uitkomsten.get(label, 0) + 1
    return list(munis.values())
