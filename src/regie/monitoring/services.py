"""The dashboard, cohort, process and borging views as tables: one structure the pages,
the charts and the exports (CSV/XLSX, with small-cell suppression) all render."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regie.enforcement.models import HandhavingStage
from regie.exchange.models import ExamenOnderdeel, ExamenUitslag
from regie.finance.models import FinancieringSoort
from regie.monitoring import figures as f
from regie.monitoring import queries as q
from regie.people.models import Doelgroep, StatusChoice
from regie.plans.models import LeerrouteChoice
from regie.work.models import BijstandUitstroom, UitstroomSoort


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    # Columns holding counts of persons: suppressed when the table leaves the municipality.
    count_columns: tuple[int, ...] = ()
    chart_column: int | None = None  # which column the bar chart shows
    unavailable: str = ""  # why the figure is not yet available (shown instead of zeros)
    note: str = ""

    @property
    def chart(self):
        if self.chart_column is None or self.unavailable or not self.rows:
            return []
        drawn = f.bars([(r[0], _number(r[self.chart_column])) for r in self.rows])
        # Nothing above zero: no chart of empty bars; the table says it.
        return drawn if any(bar.width for bar in drawn) else []

    def suppressed(self) -> Table:
        rows = [
            [f.suppress(v) if i in self.count_columns else v for i, v in enumerate(r)]
            for r in self.rows
        ]
        return Table(
            self.key,
            self.title,
            self.headers,
            rows,
            self.count_columns,
            None,
            self.unavailable,
            self.note,
        )


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) else 0


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or _("onbekend")))


def _days(value) -> str:
    return "—" if value is None else value


def _note_data_errors(table: Table, steps: list[tuple[str, f.Duration]]) -> None:
    """Name the steps where some persons' dates run backwards (a data error: left out of
    the figures and the chart). Without counts, so the note may leave the municipality."""
    wrong = [label for label, d in steps if d.errors]
    if wrong:
        table.note = " ".join(
            filter(
                None,
                [
                    table.note,
                    _(
                        "Gegevensfout bij %(stappen)s: bij sommige personen ligt de einddatum "
                        "vóór de begindatum. Zij tellen hier niet mee; controleer de datums in "
                        "hun dossier."
                    )
                    % {"stappen": ", ".join(wrong)},
                ],
            )
        )


def dashboard_tables(filters: q.Filters, today: date) -> list[Table]:
    rows = q.person_rows(filters)
    tables = []

    inflow = Table(
        "instroom",
        _("Instroom per maand (naar datum kennisgeving)"),
        [_("Maand")] + [str(label) for _, label in Doelgroep.choices] + [_("Totaal")],
        count_columns=tuple(range(1, len(Doelgroep.choices) + 2)),
        chart_column=len(Doelgroep.choices) + 1,
    )
    for month, by_group, total in f.inflow_by_month(rows):
        inflow.rows.append([month] + [by_group.get(v, 0) for v, _l in Doelgroep.choices] + [total])
    if not inflow.rows:
        inflow.unavailable = _("Er zijn nog geen inburgeraars met een kennisgeving geregistreerd.")
    tables.append(inflow)

    times = f.lead_times(rows)
    within, with_pip = f.pip_on_time(rows)
    lead = Table(
        "doorlooptijden",
        _("Doorlooptijden vanaf de kennisgeving (dagen)"),
        [_("Stap"), _("Aantal personen"), _("Gemiddeld"), _("Mediaan")],
        count_columns=(1,),
        chart_column=2,
    )
    steps = (
        (_("Tot start brede intake"), times["intake_start"]),
        (_("Tot afronding brede intake"), times["intake_complete"]),
        (_("Tot vaststelling PIP (dagtekening)"), times["pip"]),
    )
    for label, d in steps:
        lead.rows.append([str(label), d.n, _days(d.mean), _days(d.median)])
    _note_data_errors(lead, [(str(label), d) for label, d in steps])
    if not any(times[k].n for k in times):
        lead.unavailable = _("Er is nog geen brede intake gestart of PIP vastgesteld.")
    tables.append(lead)

    pip = Table(
        "pip_tijdig",
        _("PIP's vastgesteld binnen de PIP-termijn"),
        [_("Uitkomst"), _("Aantal"), _("Aandeel (%)")],
        count_columns=(1,),
        chart_column=1,
    )
    if with_pip:
        pip.rows = [
            [_("Binnen de termijn"), within, f.share(within, with_pip)],
            [_("Later"), with_pip - within, f.share(with_pip - within, with_pip)],
            [_("Nog geen PIP, termijn verstreken"), f.overdue_pips(rows, today), "—"],
        ]
    else:
        pip.unavailable = _("Er is nog geen PIP vastgesteld.")
    pip.note = _(
        "De termijn is dezelfde als in de werkvoorraad: 10 weken na de kennisgeving of de "
        "latere inschrijving in de BRP (Besluit inburgering 2021 art. 5.3), of 10 weken na "
        "de huisvesting in gemeenten die de termijn daarvan laten tellen (lokaal beleid)."
    )
    tables.append(pip)

    routes = f.count_by([r for r in rows if r.leerroute], "leerroute")
    route_table = Table(
        "leerroutes",
        _("Verdeling over de leerroutes (laatst vastgestelde PIP)"),
        [_("Leerroute"), _("Aantal"), _("Aandeel (%)")],
        count_columns=(1,),
        chart_column=1,
    )
    total_routes = sum(routes.values())
    for value, label in LeerrouteChoice.choices:
        if value in routes:
            route_table.rows.append(
                [str(label), routes[value], f.share(routes[value], total_routes)]
            )
    if not routes:
        route_table.unavailable = _("Er is nog geen PIP met een leerroute vastgesteld.")
    tables.append(route_table)

    hours = q.hours(filters)
    exams = q.exam_results(filters)
    progress = Table(
        "voortgang",
        _("Voortgang: lesuren en examens"),
        [_("Onderdeel"), _("Waarde")],
        chart_column=None,
    )
    if hours["offered"] or hours["attended"]:
        progress.rows += [
            [_("Lesuren aangeboden"), hours["offered"]],
            [_("Lesuren aanwezig"), hours["attended"]],
            [
                _("Aanwezigheid (%)"),
                f.share(float(hours["attended"]), float(hours["offered"])) or "—",
            ],
        ]
    exam_table = Table(
        "examens",
        _("Examenresultaten per onderdeel"),
        [_("Onderdeel"), str(ExamenUitslag.BEHAALD.label), str(ExamenUitslag.NIET_BEHAALD.label)],
        count_columns=(1, 2),
        chart_column=1,
    )
    by_part: dict[str, dict] = {}
    for e in exams:
        by_part.setdefault(e["onderdeel"], {})[e["uitslag"]] = e["n"]
    for value, label in ExamenOnderdeel.choices:
        if value in by_part:
            exam_table.rows.append(
                [
                    str(label),
                    by_part[value].get(ExamenUitslag.BEHAALD, 0),
                    by_part[value].get(ExamenUitslag.NIET_BEHAALD, 0),
                ]
            )
    if not progress.rows:
        progress.unavailable = _("De aanbieders hebben nog geen lesuren gemeld.")
    if not exam_table.rows:
        exam_table.unavailable = _("Er zijn nog geen examenresultaten gemeld.")
    tables += [progress, exam_table]

    pvt = sum(1 for r in rows if r.pvt_signed)
    map_done = sum(1 for r in rows if r.map_done)
    with_maatje, wanting = f.maatje_coverage(rows)
    in_activity = sum(1 for r in rows if r.in_activity)
    participation = Table(
        "participatie",
        _("Participatie: PVT, MAP, maatjes en activiteiten"),
        [_("Onderdeel"), _("Aantal"), _("Van"), _("Aandeel (%)")],
        count_columns=(1, 2),
        chart_column=1,
        rows=[
            [_("Participatieverklaring ondertekend"), pvt, len(rows), f.share(pvt, len(rows))],
            [_("MAP afgerond (eindgesprek)"), map_done, len(rows), f.share(map_done, len(rows))],
            [
                _("Maatje gekoppeld (van wie er een wil)"),
                with_maatje,
                wanting,
                f.share(with_maatje, wanting),
            ],
            [
                _("Deelname aan een activiteit"),
                in_activity,
                len(rows),
                f.share(in_activity, len(rows)),
            ],
        ],
    )
    if not rows:
        participation.unavailable = _("Er zijn nog geen inburgeraars in deze selectie.")
    tables.append(participation)

    ontz = q.ontzorging(filters)
    ontz_table = Table(
        "ontzorging",
        _("Financiële ontzorging"),
        [_("Stand"), _("Aantal")],
        count_columns=(1,),
        chart_column=1,
        rows=[
            [_("Actief"), ontz["active"]],
            [_("Beëindigd op de oorspronkelijke einddatum"), ontz["ended_on_time"]],
            [_("Beëindigd na verlenging"), ontz["ended_after_extension"]],
            [_("Ooit verlengd"), ontz["extended"]],
        ],
    )
    if not ontz["total"]:
        ontz_table.unavailable = _("Er is nog geen ontzorging geregistreerd.")
    tables.append(ontz_table)

    hh = q.handhaving(filters)
    hh_table = Table(
        "handhaving",
        _("Handhaving en bezwaar"),
        [_("Onderdeel"), _("Aantal")],
        count_columns=(1,),
        chart_column=1,
    )
    for value, label in HandhavingStage.choices:
        if value in hh["by_stage"]:
            hh_table.rows.append(
                [_("Handhavingszaken: %(stage)s") % {"stage": label}, hh["by_stage"][value]]
            )
    hh_table.rows += [
        [_("Bezwaren"), hh["bezwaren"]["total"]],
        [_("Waarvan te laat ingediend"), hh["bezwaren"]["te_laat"]],
    ]
    if not hh["cases"] and not hh["bezwaren"]["total"]:
        hh_table.unavailable = _("Er zijn nog geen handhavingszaken of bezwaren.")
    tables.append(hh_table)

    status = Table(
        "status",
        _("Inburgeraars per status"),
        [_("Status"), _("Aantal")],
        count_columns=(1,),
        chart_column=1,
    )
    counts = f.count_by(rows, "status")
    for value, label in StatusChoice.choices:
        if value in counts:
            status.rows.append([str(label), counts[value]])
    if not rows:
        status.unavailable = _("Er zijn nog geen inburgeraars in deze selectie.")
    tables.append(status)
    return tables


def not_available() -> list[tuple[str, str]]:
    """Figures the issue asks for whose process Regie does not (yet) record. Outflow to
    work, education and out of bijstand is recorded since issue 20 (the cohort view)."""
    return []


OUTFLOW_TABLES = (
    (
        "uitstroom_werk",
        _("Uitstroom naar betaald werk"),
        ((UitstroomSoort.BETAALD_WERK, _("Betaald werk")),),
    ),
    (
        "uitstroom_onderwijs",
        _("Uitstroom naar onderwijs"),
        ((UitstroomSoort.ONDERWIJS, _("Onderwijs")),),
    ),
    (
        "uitstroom_bijstand",
        _("Uitstroom uit de bijstand"),
        (
            (f"{UitstroomSoort.UIT_BIJSTAND}:{BijstandUitstroom.VOLLEDIG}", _("Volledig")),
            (f"{UitstroomSoort.UIT_BIJSTAND}:{BijstandUitstroom.GEDEELTELIJK}", _("Gedeeltelijk")),
        ),
    ),
)


def outflow_tables(filters: q.Filters, today: date) -> list[Table]:
    """Outflow measured at 6, 12, 24 and 36 months after the first vastgestelde PIP, per
    cohort (year of the kennisgeving) and leerroute, from the recorded uitstroom."""
    rows = q.outflow_rows(filters)
    keys = tuple(k for _key, _title, cols in OUTFLOW_TABLES for k, _l in cols)
    cells = f.outflow_cells(rows, keys, today)
    tables = []
    for key, title, cols in OUTFLOW_TABLES:
        table = Table(
            key,
            title,
            [_("Cohort"), _("Leerroute"), _("Gemeten na"), _("Gemeten personen")]
            + [str(label) for _k, label in cols],
            count_columns=tuple(range(3, 4 + len(cols))),
            note=_(
                "Gemeten na de dagtekening van het eerste vastgestelde PIP; 'gemeten personen' "
                "zijn zij van wie het PIP op vandaag minstens zo lang geleden is. Telt wie "
                "op dat moment uitstroom heeft vastgelegd (ook als die eerder begon)."
            ),
        )
        for cell in cells:
            table.rows.append(
                [
                    str(cell.cohort),
                    _label(LeerrouteChoice.choices, cell.leerroute),
                    _("%(n)s maanden") % {"n": cell.months},
                    cell.measured,
                ]
                + [cell.counts[k] for k, _l in cols]
            )
        if not rows:
            table.unavailable = _("Er is nog geen PIP vastgesteld in deze selectie.")
        elif not any(cell.measured for cell in cells):
            table.unavailable = _(
                "Nog niemand in deze selectie heeft zijn PIP 6 maanden of langer geleden."
            )
        tables.append(table)
    return tables


def work_route_table(filters: q.Filters) -> Table:
    """Placements (per status and soort of place) and outflow (persons) per leerroute of the
    latest vastgestelde PIP (issue 20, point 5). Counts, suppressed in exports like every
    count; three queries, or one from the monitoring facts."""
    from regie.work import outcomes

    columns = outcomes.headers()
    table = Table(
        "werk_per_leerroute",
        _("Participatie en uitstroom per leerroute"),
        [_("Leerroute"), _("Personen met een PIP")] + [label for _g, _k, label in columns],
        count_columns=tuple(range(1, 2 + len(columns))),
        note=_(
            "Plaatsingen: aantal plaatsingen (ook beëindigde); uitstroom: aantal personen "
            "met die uitstroom. Leerroute van de laatste vastgestelde PIP-versie."
        ),
    )
    if filters.from_facts:
        from regie.monitoring import facts

        counts = facts.work_route_counts(filters)
    else:
        counts = outcomes.monitoring_counts(q.person_ids(filters))
    for row in counts:
        table.rows.append(
            [_label(LeerrouteChoice.choices, row.leerroute), row.persons] + outcomes.values(row)
        )
    if not table.rows:
        table.unavailable = _("Er is nog geen PIP vastgesteld in deze selectie.")
    return table


def cohort_tables(filters: q.Filters, today: date | None = None) -> list[Table]:
    if filters.from_facts:
        from regie.monitoring import facts

        cohorts = facts.cohorts(filters)
    else:
        cohorts = f.cohorts(q.person_rows(filters))
    tables = []
    for group, label in (
        (Doelgroep.ASIELMIGRANT, _("Asielmigranten")),
        (Doelgroep.GEZINSMIGRANT, _("Gezinsmigranten")),
        (Doelgroep.OVERIGE, _("Overige migranten")),
    ):
        table = Table(
            f"cohort_{group}",
            _("Cohorten %(group)s, naar jaar van start inburgeringsplicht") % {"group": label},
            [
                _("Cohort"),
                _("Inburgeringsplichtigen"),
                _("PIP vastgesteld"),
                _("PIP binnen de termijn"),
                str(LeerrouteChoice.B1.label),
                str(LeerrouteChoice.ONDERWIJS.label),
                str(LeerrouteChoice.Z.label),
                _("PVT ondertekend"),
                _("MAP afgerond"),
                str(StatusChoice.AFGEROND.label),
                str(StatusChoice.ONTHEFFING.label),
                str(StatusChoice.VERTROKKEN.label),
            ],
            count_columns=tuple(range(1, 12)),
            chart_column=1,
        )
        for c in (c for c in cohorts if c.doelgroep == group):
            table.rows.append(
                [str(c.year), c.persons, c.pip, c.pip_within]
                + [c.leerroutes.get(v, 0) for v, _l in LeerrouteChoice.choices]
                + [c.pvt, c.map]
                + [
                    c.statuses.get(s, 0)
                    for s in (
                        StatusChoice.AFGEROND,
                        StatusChoice.ONTHEFFING,
                        StatusChoice.VERTROKKEN,
                    )
                ]
            )
        if not table.rows:
            table.unavailable = _(
                "Er zijn nog geen inburgeraars in deze doelgroep met een kennisgeving."
            )
        tables.append(table)
    if today is not None:
        tables.extend(outflow_tables(filters, today))
        tables.append(work_route_table(filters))
    return tables


def process_tables(filters: q.Filters, today: date) -> list[Table]:
    rows = q.person_rows(filters)
    stages = Table(
        "fasen",
        _("Duur per fase (dagen)"),
        [_("Fase"), _("Aantal personen"), _("Gemiddeld"), _("Mediaan")],
        count_columns=(1,),
        chart_column=3,
    )
    stage_durations: list[tuple[str, f.Duration]] = []
    for label, start, end in (
        (_("Kennisgeving tot start brede intake"), "kennisgeving", "intake_started"),
        (_("Brede intake (start tot afronding)"), "intake_started", "intake_completed"),
        (_("Afronding brede intake tot PIP"), "intake_completed", "pip_dagtekening"),
    ):
        d = f.duration(rows, start, end)
        stages.rows.append([str(label), d.n, _days(d.mean), _days(d.median)])
        stage_durations.append((str(label), d))
    _note_data_errors(stages, stage_durations)
    if not any(r[1] for r in stages.rows):
        stages.unavailable = _("Er is nog geen brede intake gestart.")
    waiting = Table(
        "wachtend",
        _("Waar personen nu wachten"),
        [_("Wachtend op"), _("Aantal"), _("Waarvan PIP-termijn verstreken")],
        count_columns=(1, 2),
        chart_column=1,
    )
    no_intake = [
        r
        for r in rows
        if r.kennisgeving and r.intake_started is None and r.status not in f.CLOSED_STATUSES
    ]
    in_intake = [
        r
        for r in rows
        if r.intake_started and r.intake_completed is None and r.status not in f.CLOSED_STATUSES
    ]
    no_pip = [
        r
        for r in rows
        if r.intake_completed and r.pip_dagtekening is None and r.status not in f.CLOSED_STATUSES
    ]
    waiting.rows = [
        [_("Start brede intake"), len(no_intake), f.overdue_pips(no_intake, today)],
        [_("Afronding brede intake"), len(in_intake), f.overdue_pips(in_intake, today)],
        [_("Vaststelling PIP"), len(no_pip), f.overdue_pips(no_pip, today)],
    ]
    aanbieders = Table(
        "aanbieders",
        _("Per aanbieder (contractmanagement)"),
        [
            _("Aanbieder"),
            _("Trajecten"),
            _("Uren aangeboden"),
            _("Uren aanwezig"),
            _("Aanwezigheid (%)"),
            _("Examens behaald"),
            _("Examens niet behaald"),
            _("Voortijdig gestopt"),
            _("Naar andere aanbieder"),
        ],
        count_columns=(1, 5, 6, 7, 8),
        chart_column=4,
    )
    for a in q.per_aanbieder(filters):
        aanbieders.rows.append(
            [
                a["aanbieder"],
                a["trajects"],
                a["offered"],
                a["attended"],
                f.share(float(a["attended"]), float(a["offered"])) or "—",
                a["passed"],
                a["failed"],
                a["dropout"],
                a["moved_on"],
            ]
        )
    if not aanbieders.rows:
        aanbieders.unavailable = _("Er zijn nog geen verwijzingen naar aanbieders.")
    aanbieders.note = _(
        "Leerroutewijzigingen (vastgestelde PIP-versies met een andere leerroute): %(n)s personen."
    ) % {"n": q.route_changes(filters)}
    return [stages, waiting, aanbieders]


def borging_tables(filters: q.Filters) -> list[Table]:
    data = q.borging(filters)
    participation = Table(
        "borging_deelname",
        _("Deelname en financiering per activiteit en jaar"),
        [
            _("Activiteit"),
            _("Jaar"),
            _("Deelnemers"),
            _("Uren aanwezig"),
            _("Toegewezen financiering (euro)"),
            _("Per deelnemer (euro)"),
        ],
        count_columns=(2,),
        chart_column=2,
        rows=[
            [
                p["activity"],
                p["year"],
                p["persons"],
                p["hours"],
                p["allocated"],
                (p["allocated"] / p["persons"]).quantize(Decimal("0.01"))
                if p["persons"] and p["allocated"]
                else "—",
            ]
            for p in data["participation"]
        ],
    )
    if not participation.rows:
        participation.unavailable = _(
            "Er is nog geen aanwezigheid bij activiteiten of toegewezen financiering geregistreerd."
        )
    participation.note = _(
        "Deelnemers: personen die in dat jaar minstens één keer aanwezig waren. Toegewezen "
        "financiering: wat op de budgetpagina uit een financieringsbron van dat jaar aan de "
        "activiteit is toegewezen."
    )
    funding = Table(
        "borging_financiering",
        _("Financiering per jaar en bron"),
        [
            _("Jaar"),
            _("Bron"),
            _("Bedrag (euro)"),
            _("Toegewezen aan activiteiten (euro)"),
            _("Niet toegewezen (euro)"),
        ],
        chart_column=2,
        rows=[
            [
                str(r["jaar"]),
                _label(FinancieringSoort.choices, r["soort"]),
                r["bedrag"],
                r["allocated"],
                r["unallocated"],
            ]
            for r in data["funding"]
        ],
    )
    if not funding.rows:
        funding.unavailable = _("Er is nog geen financiering vastgelegd.")
    return [participation, funding]


# ------------------------------------------------------------------ figures kept per stand

# A wide view (read from the monitoring facts, facts.resolve) shows the figures of one stand
# of the facts. Computing them takes one to two seconds over 100,000 persons, so they are
# computed once per stand, view, filters, language and day and kept: the key holds the
# stand (Filters.facts_version), so the first request after a rebuild computes them anew,
# and the hourly rebuild computes the unfiltered views of every wide organisation ahead
# (warm_wide_views). Narrow views are always computed live.
FIGURES_KEPT_SECONDS = 2 * 60 * 60

VIEW_TABLES = {
    "dashboard": lambda filters, today: dashboard_tables(filters, today),
    "cohorten": lambda filters, today: cohort_tables(filters, today),
    "proces": lambda filters, today: process_tables(filters, today),
    "borging": lambda filters, today: borging_tables(filters),
}


def _figures_key(view: str, filters: q.Filters, today: date) -> str:
    # The figures do not depend on the order of the municipalities.
    same = dataclasses.replace(filters, municipality_ids=tuple(sorted(filters.municipality_ids)))
    raw = repr((view, get_language(), today.isoformat(), same))
    return "regie:monitoring:" + hashlib.sha256(raw.encode()).hexdigest()


def tables_for(view: str, filters: q.Filters, today: date) -> list[Table]:
    """The tables of a monitoring view; a wide view's kept per stand of the facts."""
    make = VIEW_TABLES.get(view, VIEW_TABLES["dashboard"])
    if not filters.from_facts or not filters.facts_version:
        return make(filters, today)
    key = _figures_key(view, filters, today)
    tables = cache.get(key)
    if tables is None:
        tables = make(filters, today)
        cache.set(key, tables, FIGURES_KEPT_SECONDS)
    return tables


def warm_wide_views(today: date, languages=("nl",)) -> int:
    """Compute ahead the unfiltered views of every organisation whose view is wide (after a
    rebuild of the facts), so its regisseur's first request does not wait. Returns the
    number of views computed."""
    from django.utils import translation

    from regie.core.models import Organisation
    from regie.monitoring import facts
    from regie.monitoring.forms import FilterForm

    done = 0
    served: dict[tuple[int, ...], None] = {}
    for org in Organisation.objects.prefetch_related("serves"):
        ids = tuple(sorted(m.pk for m in org.serves.all()))
        if len(ids) > facts.LIVE_UP_TO_MUNICIPALITIES:
            served[ids] = None
    for ids in served:
        filters, stand = facts.resolve(FilterForm(None, list(ids)).filters())
        if stand is None:
            continue
        for language in languages:
            with translation.override(language):
                for view in VIEW_TABLES:
                    tables_for(view, filters, today)
                    done += 1
    return done
