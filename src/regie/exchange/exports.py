"""Exports to DUO and CBS, and the hand-over of a person's file to a new municipality.

- DUO meldingen: the facts the college reports to DUO (Besluit inburgering 2021 art. 9.2
  lid 2, 9.3 lid 2): the PIP's dagtekening, the leerroute and its changes, the intensity,
  attendance per month, PVT and MAP completion (without the MAP report DUO may fine the
  person, Wi 24), no inburgeringsaanbod, and the culpable overruns of the termijn. One
  DuoMelding per fact, te_melden -> gemeld -> bevestigd. They are
  gathered from providers (other apps register one with ``@duo_melding_provider``) and from
  the meldingen recorded by hand, written by the DUO adapter, and marked as exported so a
  melding is never sent twice.
- CBS: one record per inburgeraar of the municipality for the Statistiek Wet inburgering.
- Overdracht: the file of a person who moves (JSON, regie-overdracht/1); the new
  municipality imports it as an aangemelde person and makes a new PIP with the same
  leerroute (Besluit art. 5.3 lid 3).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.models import AuditAction, Municipality
from regie.exchange import services
from regie.exchange.adapters import file as _file_adapters  # noqa: F401  (registers them)
from regie.exchange.adapters.base import ExportFile, ImportReport, RowResult, adapter
from regie.exchange.models import (
    AfschaalStatus,
    Afschaalverzoek,
    DuoMelding,
    DuoMeldingSoort,
    DuoMeldingStatus,
    Examenresultaat,
    ImportRun,
    Lesuren,
)
from regie.people.models import Inburgeraar, StatusChoice
from regie.rules.lifecycle import Status, can_transition

# A provider returns unsaved DuoMelding objects (inburgeraar, soort, datum, toelichting,
# bron) for a municipality; existing ones are skipped by the unique constraint.
MeldingProvider = Callable[[Municipality], list[DuoMelding]]
_providers: list[MeldingProvider] = []


def duo_melding_provider(fn: MeldingProvider) -> MeldingProvider:
    if fn not in _providers:
        _providers.append(fn)
    return fn


@duo_melding_provider
def pvt_signings(municipality: Municipality) -> list[DuoMelding]:
    """Signed participatieverklaringen recorded by regie.activities, when installed."""
    from django.apps import apps

    if not apps.is_installed("regie.activities"):
        return []
    try:
        traject = apps.get_model("activities", "PvtTraject")
    except LookupError:
        return []
    names = {f.name for f in traject._meta.get_fields()}
    if "signed_on" not in names:
        return []
    rows = traject.objects.filter(
        inburgeraar__municipality=municipality, signed_on__isnull=False
    ).values_list("inburgeraar_id", "signed_on")
    return [
        DuoMelding(
            inburgeraar_id=pid,
            soort=DuoMeldingSoort.PVT_ONDERTEKEND,
            datum=signed,
            bron="activities",
        )
        for pid, signed in rows
    ]


def _uren(value) -> str:
    """Hours as DUO reads them in a file: "12", "4.5"."""
    return format(Decimal(value).normalize(), "f") if value is not None else ""


@duo_melding_provider
def pip_facts(municipality: Municipality) -> list[DuoMelding]:
    """Per vastgestelde PIP version with a dagtekening: the PIP date; the leerroute (the
    first) or its change; the intensity (lesuren per week, PVT and MAP hours) when it
    differs from the version before (Besluit art. 9.2 lid 2)."""
    from regie.plans.models import PIPVersie, VersieStatus

    rows = (
        PIPVersie.objects.filter(
            pip__inburgeraar__municipality=municipality,
            status=VersieStatus.VASTGESTELD,
            dagtekening__isnull=False,
        )
        .order_by("pip__inburgeraar_id", "dagtekening", "nummer")
        .values_list(
            "pip__inburgeraar_id",
            "nummer",
            "dagtekening",
            "leerroute",
            "lesuren_per_week",
            "pvt_uren",
            "map_uren",
        )
    )
    found: list[DuoMelding] = []
    last_route: dict[int, str] = {}
    last_intensity: dict[int, str] = {}
    for pid, nummer, dag, route, per_week, pvt, map_ in rows:
        sleutel = f"pip-versie-{nummer}"

        def fact(soort, waarde, pid=pid, dag=dag, sleutel=sleutel):
            found.append(
                DuoMelding(
                    inburgeraar_id=pid,
                    soort=soort,
                    datum=dag,
                    sleutel=sleutel,
                    waarde=waarde,
                    bron="plans",
                )
            )

        fact(DuoMeldingSoort.PIP_VASTGESTELD, dag.isoformat())
        if route and route != last_route.get(pid):
            if pid in last_route:
                fact(DuoMeldingSoort.LEERROUTE_GEWIJZIGD, f"{last_route[pid]} > {route}")
            else:
                fact(DuoMeldingSoort.LEERROUTE, route)
            last_route[pid] = route
        parts = []
        if per_week is not None:
            parts.append(f"lesuren_per_week={_uren(per_week)}")
        if pvt is not None:
            parts.append(f"pvt_uren={_uren(pvt)}")
        if map_ is not None:
            parts.append(f"map_uren={_uren(map_)}")
        intensity = "; ".join(parts)
        if intensity and intensity != last_intensity.get(pid):
            fact(DuoMeldingSoort.INTENSITEIT, intensity)
            last_intensity[pid] = intensity
    return found


@duo_melding_provider
def attendance(municipality: Municipality) -> list[DuoMelding]:
    """Lesuren offered and attended per person per finished month, all aanbieders
    together (Besluit art. 9.2 lid 2). The current month is reported once it is over."""
    this_month = timezone.localdate().replace(day=1)
    rows = (
        Lesuren.objects.filter(inburgeraar__municipality=municipality, maand__lt=this_month)
        .values("inburgeraar_id", "maand")
        .annotate(aangeboden=Sum("uren_aangeboden"), aanwezig=Sum("uren_aanwezig"))
        .order_by("inburgeraar_id", "maand")
    )
    return [
        DuoMelding(
            inburgeraar_id=row["inburgeraar_id"],
            soort=DuoMeldingSoort.AANWEZIGHEID,
            datum=row["maand"],
            sleutel=f"{row['maand']:%Y-%m}",
            waarde=f"aangeboden={_uren(row['aangeboden'])}; aanwezig={_uren(row['aanwezig'])}",
            bron="lesuren",
        )
        for row in rows
    ]


@duo_melding_provider
def map_completions(municipality: Municipality) -> list[DuoMelding]:
    """The MAP completed: the eindgesprek held (Besluit art. 3.2, 9.2 lid 2). Without this
    report DUO may fine the person (Wi 2021 art. 24)."""
    from django.apps import apps

    if not apps.is_installed("regie.activities"):
        return []
    traject = apps.get_model("activities", "MapTraject")
    rows = traject.objects.filter(
        inburgeraar__municipality=municipality, eindgesprek_on__isnull=False
    ).values_list("inburgeraar_id", "eindgesprek_on")
    return [
        DuoMelding(
            inburgeraar_id=pid,
            soort=DuoMeldingSoort.MAP_AFGEROND,
            datum=held,
            bron="activities",
        )
        for pid, held in rows
    ]


@duo_melding_provider
def geen_aanbod(municipality: Municipality) -> list[DuoMelding]:
    """No inburgeringsaanbod made to an asielstatushouder by the configured moment after
    the start of the termijn (Besluit art. 9.3 lid 2 onder b; the people werkvoorraad
    announces it beforehand)."""
    from regie.core.localrules import local_value
    from regie.people.models import VerwijzingStatus
    from regie.people.termijn import termijnen_for
    from regie.rules import termijn as rules_termijn
    from regie.rules.lifecycle import Regime

    today = timezone.localdate()
    weken = int(local_value(municipality, "melding_geen_aanbod_weken"))
    persons = Inburgeraar.objects.filter(
        municipality=municipality,
        doelgroep="asielmigrant",
        regime=Regime.WI2021,
        status__in=[Status.PIP_VASTGESTELD, Status.IN_UITVOERING],
    ).exclude(verwijzingen__status__in=[VerwijzingStatus.GEACCEPTEERD, VerwijzingStatus.BEEINDIGD])
    found = []
    for pid, termijn in termijnen_for(persons.values("pk")).items():
        due = rules_termijn.melding_geen_aanbod_op(termijn.start, weken=weken)
        if due <= today:
            found.append(
                DuoMelding(
                    inburgeraar_id=pid, soort=DuoMeldingSoort.GEEN_AANBOD, datum=due, bron="people"
                )
            )
    return found


def gather_meldingen(municipality: Municipality) -> int:
    """Store the providers' meldingen not yet known; returns how many were added. A fact
    already stored (whatever its state) is never added again."""
    known = set(
        DuoMelding.objects.filter(inburgeraar__municipality=municipality).values_list(
            "inburgeraar_id", "soort", "datum", "sleutel"
        )
    )
    new = []
    for provider in _providers:
        for melding in provider(municipality):
            key = (melding.inburgeraar_id, melding.soort, melding.datum, melding.sleutel)
            if key not in known:
                known.add(key)
                new.append(melding)
    for melding in new:
        melding.save()
    return len(new)


@transaction.atomic
def record_overschrijding(person: Inburgeraar, datum: date, toelichting: str) -> DuoMelding:
    """The college found that the person culpably overran the termijn: to be reported."""
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum kan niet in de toekomst liggen.")})
    if not toelichting.strip():
        raise ValidationError(
            {"toelichting": _("Licht toe waarom de overschrijding verwijtbaar is.")}
        )
    if DuoMelding.objects.filter(
        inburgeraar=person, soort=DuoMeldingSoort.VERWIJTBARE_OVERSCHRIJDING, datum=datum
    ).exists():
        raise ValidationError({"datum": _("Deze melding bestaat al.")})
    return DuoMelding.objects.create(
        inburgeraar=person,
        soort=DuoMeldingSoort.VERWIJTBARE_OVERSCHRIJDING,
        datum=datum,
        toelichting=toelichting.strip(),
        bron="klantmanager",
    )


@transaction.atomic
def export_duo_meldingen(
    municipality: Municipality, fmt: str = "csv", variant: str = "bestand"
) -> tuple[ExportFile, int]:
    """Write every open melding of the municipality and mark them exported. Returns the
    file and the number of meldingen in it (0: an empty file, nothing marked)."""
    gather_meldingen(municipality)
    open_ = list(
        DuoMelding.objects.open()
        .filter(inburgeraar__municipality=municipality)
        .select_related("inburgeraar")
        .order_by("datum", "id")
    )
    kenmerk = f"{municipality.cbs_code}-{timezone.now():%Y%m%d%H%M%S}"
    records = [
        {
            "soort": m.soort,
            "bsn": m.inburgeraar.bsn,
            "gemeentecode": municipality.cbs_code,
            "datum": m.datum,
            "sleutel": m.sleutel,
            "waarde": m.waarde,
            "toelichting": m.toelichting,
        }
        for m in open_
    ]
    export = adapter("duo", variant).write_meldingen(records, kenmerk, fmt)
    now = timezone.now()
    username = audit.current_actor().username
    for melding in open_:
        melding.move(DuoMeldingStatus.GEMELD)
        melding.geexporteerd_op = now
        melding.export_kenmerk = kenmerk
        melding.gemeld_door = username
        melding.save()
    audit.log(
        AuditAction.EXPORT,
        object_type="duomelding",
        description=f"DUO-meldingen {kenmerk}: {len(open_)}",
    )
    return export, len(open_)


def export_cbs(municipality: Municipality, variant: str = "bestand") -> ExportFile:
    """One record per inburgeraar of the municipality (Statistiek Wet inburgering)."""
    from regie.plans.models import PIPVersie, VersieStatus

    persons = list(
        Inburgeraar.objects.filter(municipality=municipality)
        .order_by("pk")
        .only("pk", "bsn", "doelgroep", "regime", "status", "kennisgeving_date")
    )
    first_pip: dict[int, tuple] = {}
    for pid, dag, route in (
        PIPVersie.objects.filter(
            pip__inburgeraar__municipality=municipality, status=VersieStatus.VASTGESTELD
        )
        .order_by("nummer")
        .values_list("pip__inburgeraar_id", "dagtekening", "leerroute")
    ):
        first_pip.setdefault(pid, (dag, route))
        first_pip[pid] = (first_pip[pid][0], route)  # first dagtekening, current route
    kenmerk = f"{municipality.cbs_code}-{timezone.localdate():%Y%m%d}"
    records = [
        {
            "gemeentecode": municipality.cbs_code,
            "bsn": p.bsn,
            "doelgroep": p.doelgroep,
            "regime": p.regime,
            "status": p.status,
            "datum_kennisgeving": p.kennisgeving_date,
            "datum_pip": first_pip.get(p.pk, (None, ""))[0],
            "leerroute": first_pip.get(p.pk, (None, ""))[1],
        }
        for p in persons
    ]
    with audit.processing("statistiek-cbs"):
        audit.log(
            AuditAction.EXPORT,
            object_type="inburgeraar",
            description=f"CBS-levering {kenmerk}: {len(records)} inburgeraars",
        )
        # One processing per person too, so each person's processing log shows it.
        audit.log_each(AuditAction.EXPORT, persons, f"CBS-levering {kenmerk}")
    return adapter("cbs", variant).write_statistiek(records, kenmerk)


# --- overdracht ---------------------------------------------------------------------------

DOSSIER_FORMAT = "regie-overdracht/1"
PERSON_FIELDS = (
    "bsn",
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "nationality",
    "languages",
    "interpreter_needed",
    "interpreter_language",
    "doelgroep",
    "verblijfsvergunning",
    "regime",
    "kennisgeving_date",
)


def build_dossier(person: Inburgeraar) -> dict:
    """What the new municipality needs (no health data: that needs its own legal basis
    and the person's consent, and is not handed over by file)."""
    from regie.plans import services as plans

    pip = plans.pip_of(person)
    current = plans.current_versie(pip)
    termijn = plans.termijn(pip)
    return {
        "formaat": DOSSIER_FORMAT,
        "kenmerk": uuid.uuid4().hex[:12],
        "van_gemeente": person.municipality.cbs_code,
        "aangemaakt_op": timezone.now().isoformat(timespec="seconds"),
        "inburgeraar": {f: getattr(person, f) for f in PERSON_FIELDS},
        "status": person.status,
        "pip": None
        if current is None
        else {
            "leerroute": current.leerroute,
            "versie": current.nummer,
            "dagtekening_eerste_pip": plans.first_dagtekening(pip),
            "termijn_start": termijn[0] if termijn else None,
            "termijn_einde": termijn[1] if termijn else None,
            "duur_maanden": current.duur_maanden,
            "lesuren_per_week": current.lesuren_per_week,
        },
        "lesuren_nt2_gevolgd": services.nt2_lesuren(person.pk),
        "examenresultaten": [
            {"datum": r.datum, "onderdeel": r.onderdeel, "niveau": r.niveau, "uitslag": r.uitslag}
            for r in Examenresultaat.objects.filter(inburgeraar=person).order_by("datum")
        ],
        "afgeschaald_naar_a2": sorted(
            Afschaalverzoek.objects.filter(
                inburgeraar=person, status=AfschaalStatus.TOEGEKEND
            ).values_list("onderdeel", flat=True)
        ),
    }


@transaction.atomic
def export_dossier(person: Inburgeraar, mark_vertrokken: bool, variant="bestand") -> ExportFile:
    dossier = build_dossier(person)
    export = adapter("overdracht", variant).write_dossier(dossier)
    audit.log(
        AuditAction.EXPORT,
        obj=person,
        inburgeraar_id=person.pk,
        description=f"overdrachtsdossier {dossier['kenmerk']}",
        activity="overdracht",
    )
    if mark_vertrokken and can_transition(Status(person.status), Status.VERTROKKEN, person.regime):
        from regie.people.services import change_status

        change_status(
            person,
            Status.VERTROKKEN,
            _("Verhuisd; dossier overgedragen (kenmerk %(k)s).") % {"k": dossier["kenmerk"]},
        )
        from regie.exchange.brp import close_moves

        close_moves(person, audit.current_actor().username)
    return export


def _date_or_none(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _hours(value):
    try:
        return services.parse_uren(value) if value not in (None, "") else 0
    except ValidationError:
        from decimal import Decimal

        try:
            return Decimal(str(value)).quantize(Decimal("0.1"))
        except Exception:
            return 0


def import_dossier(
    dossier: dict, municipality: Municipality, filename="", *, inschrijving_op: date | None = None
) -> ImportReport:
    """Register the person in ``municipality`` as aangemeld, keeping the leerroute for
    the new PIP in the overdracht record. Importing the same file twice changes nothing.

    ``inschrijving_op`` is the day of registration in the BRP of this municipality, as the
    klantmanager entered it (never the day of the import): it becomes ``brp_date`` and
    starts the 10 weeks for the new PIP (Besluit art. 5.3 lid 3). The termijn of the
    previous municipality is taken over: it does not restart (Wi 2021 art. 11 lid 3 onder b)."""
    from regie.exchange.models import Overdracht
    from regie.people import termijn as person_termijn

    report = ImportReport()
    result = RowResult(1, "fout")
    report.results.append(result)
    data = dossier.get("inburgeraar") or {}
    values = {f: data.get(f) for f in PERSON_FIELDS}
    for name in ("date_of_birth", "kennisgeving_date"):
        if values.get(name) and _date_or_none(values[name]) is None:
            result.messages.append(f"{name}: " + _("geen geldige datum."))
        values[name] = _date_or_none(values.get(name))
    if result.messages:
        values["date_of_birth"] = None
    result.key = f"***{str(values.get('bsn') or '')[-3:]}"
    person = Inburgeraar(
        municipality=municipality, **{k: v for k, v in values.items() if v is not None}
    )
    person.status = StatusChoice.AANGEMELD
    try:
        if not result.messages:
            person.full_clean(
                exclude=["search_name"], validate_unique=False, validate_constraints=False
            )
    except ValidationError as exc:
        result.messages += [f"{k}: {m}" for k, ms in exc.message_dict.items() for m in ms]
    kenmerk = str(dossier.get("kenmerk", ""))[:40]
    if not kenmerk:
        result.messages.append(_("kenmerk: ontbreekt."))
    pip = dossier.get("pip") or {}
    if not result.messages:
        existing = Inburgeraar.objects.filter(municipality=municipality, bsn=person.bsn).first()
        with transaction.atomic():
            if existing is None:
                person.brp_date = inschrijving_op
                person.save()
                result.action = "nieuw"
            else:
                person = existing
                result.action = "ongewijzigd"
            _record, created = Overdracht.objects.get_or_create(
                inburgeraar=person,
                kenmerk=kenmerk,
                defaults={
                    "van_gemeente": str(dossier.get("van_gemeente", ""))[:6],
                    "leerroute": str(pip.get("leerroute") or "")[:12],
                    "termijn_einde": _date_or_none(pip.get("termijn_einde")),
                    "lesuren_nt2_gevolgd": _hours(dossier.get("lesuren_nt2_gevolgd")),
                    "inhoud": dossier,
                },
            )
            start = _date_or_none(pip.get("termijn_start"))
            einde = _date_or_none(pip.get("termijn_einde"))
            first = _date_or_none(pip.get("dagtekening_eerste_pip"))
            if first and not start:
                start = first + timedelta(days=1)
            if start and einde and start <= einde:
                person_termijn.overnemen(
                    person,
                    start,
                    einde,
                    _("overdracht %(kenmerk)s van gemeente %(gemeente)s")
                    % {"kenmerk": kenmerk, "gemeente": str(dossier.get("van_gemeente", ""))[:6]},
                )
            if created and result.action == "ongewijzigd":
                result.action = "gewijzigd"
            report.applied = True
        result.messages.append(
            _("Maak een nieuw PIP met dezelfde leerroute (%(route)s).")
            % {"route": pip.get("leerroute") or _("geen PIP")}
        )
    _record_import = ImportRun.objects.create(
        kind=ImportRun.Kind.OVERDRACHT,
        filename=filename[:200],
        municipality=municipality,
        username=audit.current_actor().username,
        ok=report.applied,
        rows=1,
        created=report.count("nieuw"),
        updated=report.count("gewijzigd"),
        unchanged=report.count("ongewijzigd"),
        errors=len(report.errors),
    )
    return report


@transaction.atomic
def mark_gemeld_in_portaal(meldingen, user) -> int:
    """The klantmanager reported these facts by hand in DUO's Portaal Inburgering (no
    machine link yet). Only te_melden ones move; returns how many."""
    now = timezone.now()
    moved = []
    for melding in meldingen:
        if melding.status != DuoMeldingStatus.TE_MELDEN:
            continue
        melding.move(DuoMeldingStatus.GEMELD)
        melding.geexporteerd_op = now
        melding.export_kenmerk = "portaal"
        melding.gemeld_door = user.username
        melding.save()
        moved.append(melding)
    if moved:
        audit.log_each(AuditAction.UPDATE, moved, "Gemeld aan DUO via het Portaal Inburgering")
    return len(moved)


@transaction.atomic
def mark_bevestigd(meldingen, user) -> int:
    """DUO confirmed these reported facts (its answer, or the klantmanager saw them in
    the portal). Only gemeld ones move; returns how many."""
    now = timezone.now()
    moved = []
    for melding in meldingen:
        if melding.status != DuoMeldingStatus.GEMELD:
            continue
        melding.move(DuoMeldingStatus.BEVESTIGD)
        melding.bevestigd_op = now
        melding.bevestigd_door = user.username
        melding.save()
        moved.append(melding)
    if moved:
        audit.log_each(AuditAction.UPDATE, moved, "Melding bevestigd door DUO")
    return len(moved)
