"""Imports of exchange files, all or nothing, with a report of every row.

Each import validates every row first; when any row is bad nothing is written and the
report names each bad row with its messages. Otherwise all rows are applied in one
transaction. Re-importing the same file changes nothing (idempotent): rows that match
what is stored are reported as 'ongewijzigd'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import served_municipality_ids
from regie.core.models import AuditAction, Municipality
from regie.core.numbers import whole_number
from regie.exchange import services
from regie.exchange.adapters.base import ImportReport, RawRow, RowResult
from regie.exchange.models import ImportRun
from regie.people.models import Doelgroep, Gender, Inburgeraar
from regie.rules.bsn import is_valid_bsn, normalise_bsn


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {m}" for field, errs in exc.message_dict.items() for m in errs]
    return list(exc.messages)


def _record_run(kind, report: ImportReport, filename, user=None, municipality=None) -> ImportRun:
    return ImportRun.objects.create(
        kind=kind,
        filename=(filename or "")[:200],
        municipality=municipality,
        organisation_id=getattr(user, "organisation_id", None),
        username=getattr(user, "username", "") or audit.current_actor().username,
        ok=report.applied,
        rows=len(report.results),
        created=report.count("nieuw"),
        updated=report.count("gewijzigd"),
        unchanged=report.count("ongewijzigd"),
        errors=len(report.errors),
    )


# --- lesuren (bulk upload by an aanbieder) ------------------------------------------------


def import_lesuren(user, rows: list[RawRow], filename: str = "") -> ImportReport:
    """Hours per person per month, from a taalaanbieder's file (docs/exchange.md)."""
    report = ImportReport()
    allowed = {p.pk: p for p in services.referred_persons(user)}
    seen: dict[tuple[int, date], int] = {}
    parsed = []
    for row in rows:
        result = RowResult(row.number, "fout", row.values.get("inburgeraar", ""))
        values = row.values
        person = None
        raw_id = values.get("inburgeraar", "")
        if whole_number(raw_id) not in allowed:
            # The same words whether the person does not exist or is not referred to the
            # aanbieder: the file must not disclose who exists.
            result.messages.append(
                _("inburgeraar: onbekend of niet naar uw organisatie verwezen (%(id)s).")
                % {"id": raw_id or "leeg"}
            )
        else:
            person = allowed[int(raw_id)]
        fields = {}
        for name, parser in (
            ("maand", services.parse_maand),
            ("uren_aangeboden", services.parse_uren),
            ("uren_aanwezig", services.parse_uren),
        ):
            try:
                fields[name] = parser(values.get(name, ""))
            except ValidationError as exc:
                result.messages += [f"{name}: {m}" for m in exc.messages]
        if len(fields) == 3:
            for field, message in services.lesuren_problems(
                fields["maand"], fields["uren_aangeboden"], fields["uren_aanwezig"]
            ).items():
                result.messages.append(f"{field}: {message}")
        if person is not None and "maand" in fields:
            key = (person.pk, fields["maand"])
            if key in seen:
                result.messages.append(
                    _("Dubbel: dezelfde inburgeraar en maand staan ook in rij %(rij)s.")
                    % {"rij": seen[key]}
                )
            else:
                seen[key] = row.number
        if not result.messages:
            result.action = "geldig"
            parsed.append((result, person, fields))
        report.results.append(result)
    if not rows:
        report.file_error = _("Het bestand bevat geen rijen.")
    if report.ok:
        with transaction.atomic():
            for result, person, fields in parsed:
                _record, result.action = services.register_lesuren(
                    user,
                    person,
                    fields["maand"],
                    fields["uren_aangeboden"],
                    fields["uren_aanwezig"],
                )
            report.applied = True
    _record_run(ImportRun.Kind.LESUREN, report, filename, user)
    return report


# --- DUO signals --------------------------------------------------------------------------

SOORTEN = ("nieuw", "correctie")
DOELGROEPEN = {d.value for d in Doelgroep}
GESLACHTEN = {g.value for g in Gender}
# Fields a DUO signal sets on the person: signal column → model field.
SIGNAL_FIELDS = {
    "voornamen": "first_name",
    "achternaam": "last_name",
    "geboortedatum": "date_of_birth",
    "geslacht": "gender",
    "nationaliteit": "nationality",
    "doelgroep": "doelgroep",
    "kennisgeving_datum": "kennisgeving_date",
}


def _parse_date(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return timezone.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("Geen geldige datum; schrijf JJJJ-MM-DD."))


@dataclass
class _Signal:
    result: RowResult
    municipality: Municipality
    bsn: str
    soort: str
    fields: dict


def _validate_signal(row: RawRow, munis: dict[str, Municipality]) -> _Signal | RowResult:
    values = row.values
    bsn = normalise_bsn(values.get("bsn", ""))
    key = f"***{bsn[-3:]}" if len(bsn) >= 3 else ""  # never the whole BSN in a report
    result = RowResult(row.number, "fout", values.get("signaal_id") or key)
    problems = result.messages
    soort = values.get("soort", "").lower()
    if soort not in SOORTEN:
        problems.append(_("soort: moet 'nieuw' of 'correctie' zijn."))
    if not is_valid_bsn(bsn):
        problems.append(_("bsn: geen geldig BSN (9 cijfers en de elfproef)."))
    code = values.get("gemeentecode", "").upper()
    municipality = munis.get(code)
    if municipality is None:
        problems.append(
            _("gemeentecode: %(code)s is geen gemeente waarvoor u werkt.")
            % {"code": code or "leeg"}
        )
    fields = {}
    for column, name in SIGNAL_FIELDS.items():
        raw = values.get(column, "").strip()
        if column in ("geboortedatum", "kennisgeving_datum"):
            if not raw:
                if column == "geboortedatum":
                    problems.append(_("geboortedatum: verplicht."))
                continue
            try:
                fields[name] = _parse_date(raw)
            except ValidationError as exc:
                problems += [f"{column}: {m}" for m in exc.messages]
                continue
            if fields[name] > timezone.localdate():
                problems.append(f"{column}: " + _("ligt in de toekomst."))
        elif column == "geslacht":
            raw = raw.lower()[:1] if raw else "x"
            if raw not in GESLACHTEN:
                problems.append(_("geslacht: m, v of x."))
            fields[name] = raw
        elif column == "doelgroep":
            raw = raw.lower() or "overige"
            if raw not in DOELGROEPEN:
                problems.append(_("doelgroep: asielmigrant, gezinsmigrant of overige."))
            fields[name] = raw
        elif column in ("voornamen", "achternaam"):
            if column == "achternaam" and not raw:
                problems.append(_("achternaam: verplicht."))
            if len(raw) > 100:
                problems.append(f"{column}: " + _("te lang (hooguit 100 tekens)."))
            fields[name] = raw
        else:
            fields[name] = raw[:60]
    if problems:
        return result
    result.action = "geldig"
    return _Signal(result, municipality, bsn, soort, fields)


def import_duo_signals(rows: list[RawRow], user=None, filename: str = "") -> ImportReport:
    """Create or update aangemelde inburgeraars from DUO signals (docs/exchange.md).

    A 'nieuw' signal creates the person (status aangemeld) or, when the BSN is already
    registered in that municipality, updates what differs. A 'correctie' updates an
    existing person and is an error for an unknown BSN. Without ``user`` (the command
    line) every municipality is allowed."""
    munis_qs = Municipality.objects.all()
    if user is not None:
        munis_qs = munis_qs.filter(pk__in=served_municipality_ids(user))
    munis = {m.cbs_code.upper(): m for m in munis_qs}
    report = ImportReport()
    valid: list[_Signal] = []
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        checked = _validate_signal(row, munis)
        if isinstance(checked, RowResult):
            report.results.append(checked)
            continue
        key = (checked.municipality.pk, checked.bsn)
        if key in seen:
            checked.result.messages.append(
                _("Dubbel: hetzelfde BSN staat ook in rij %(rij)s.") % {"rij": seen[key]}
            )
        else:
            seen[key] = row.number
        report.results.append(checked.result)
        valid.append(checked)
    existing = {
        (p.municipality_id, p.bsn): p
        for p in Inburgeraar.objects.filter(bsn__in=[s.bsn for s in valid])
    }
    for signal in valid:
        person = existing.get((signal.municipality.pk, signal.bsn))
        if signal.soort == "correctie" and person is None:
            signal.result.messages.append(
                _("correctie voor een BSN dat in deze gemeente niet is ingeschreven.")
            )
        if person is None and not signal.result.messages:
            candidate = Inburgeraar(
                municipality=signal.municipality, bsn=signal.bsn, **signal.fields
            )
            try:
                candidate.full_clean(
                    exclude=["search_name"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as exc:
                signal.result.messages += _messages(exc)
    for signal in valid:
        if signal.result.messages:
            signal.result.action = "fout"
    if not rows:
        report.file_error = _("Het bestand bevat geen signalen.")
    if report.ok:
        with transaction.atomic():
            for signal in valid:
                person = existing.get((signal.municipality.pk, signal.bsn))
                signal.result.action = _apply_signal(signal, person)
            report.applied = True
    run = _record_run(ImportRun.Kind.DUO_SIGNALEN, report, filename, user)
    audit.log(
        AuditAction.CREATE,
        object_type="importrun",
        description=f"DUO-signalen {filename}: {run.created} nieuw, {run.updated} gewijzigd, "
        f"{run.unchanged} ongewijzigd, {run.errors} fout",
        avg_relevant=report.applied,
    )
    return report


def _apply_signal(signal: _Signal, person: Inburgeraar | None) -> str:
    if person is None:
        person = Inburgeraar(municipality=signal.municipality, bsn=signal.bsn, **signal.fields)
        person.save()
        signal.result.messages.append(_("Aangemeld als nieuwe inburgeraar."))
        return "nieuw"
    changed = []
    for name, value in signal.fields.items():
        if name in ("first_name", "nationality") and not value:
            continue  # an empty optional column does not erase what is known
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if not changed:
        return "ongewijzigd"
    person.save()
    signal.result.messages.append(_("Gewijzigd: %(velden)s") % {"velden": ", ".join(changed)})
    return "gewijzigd"


# --- DUO's answer to the meldingen (terugmelding) -------------------------------------------

TERUGMELDING_BEVESTIGD = "bevestigd"


def import_duo_terugmelding(rows: list[RawRow], user, filename: str = "") -> ImportReport:
    """DUO's answer to a melding file (docs/exchange.md): each row names a reported melding
    (the export's kenmerk, soort, bsn, datum, sleutel) and DUO's ``resultaat``. With
    'bevestigd' the melding moves gemeld -> bevestigd; one already bevestigd is
    'ongewijzigd'. A row that names no reported melding of the user's municipalities, a
    repeated row, or another resultaat (DUO did not accept it: handle it in the Portaal
    Inburgering) is an error, and then nothing is confirmed (all or nothing)."""
    from regie.exchange.models import DuoMelding, DuoMeldingStatus

    report = ImportReport()
    if not rows:
        report.file_error = _("Het bestand bevat geen meldingen.")
    wanted: list[tuple[RowResult, tuple]] = []
    for row in rows:
        values = row.values
        bsn = normalise_bsn(values.get("bsn", ""))
        sleutel = values.get("sleutel", "").strip()
        key = f"{values.get('soort', '').strip()} ***{bsn[-3:]}" if len(bsn) >= 3 else ""
        result = RowResult(row.number, "fout", key)
        report.results.append(result)
        resultaat = values.get("resultaat", "").strip().lower()
        if resultaat != TERUGMELDING_BEVESTIGD:
            result.messages.append(
                _(
                    "resultaat: '%(r)s'. Alleen bevestigde meldingen worden ingelezen. Handel "
                    "deze melding af in het Portaal Inburgering en haal de rij uit het bestand."
                )
                % {"r": resultaat or _("leeg")}
            )
        if not is_valid_bsn(bsn):
            result.messages.append(_("bsn: geen geldig BSN (9 cijfers en de elfproef)."))
        try:
            datum = _parse_date(values.get("datum", "").strip())
        except ValidationError as exc:
            result.messages += [f"datum: {m}" for m in exc.messages]
            datum = None
        if not result.messages:
            wanted.append(
                (
                    result,
                    (
                        values.get("kenmerk", "").strip(),
                        values.get("soort", "").strip(),
                        bsn,
                        datum,
                        sleutel,
                    ),
                )
            )
    candidates = (
        DuoMelding.objects.for_user(user)
        .filter(
            inburgeraar__municipality_id__in=served_municipality_ids(user),
            export_kenmerk__in={k[0] for _r, k in wanted},
        )
        .select_related("inburgeraar")
    )
    by_key = {
        (m.export_kenmerk, m.soort, m.inburgeraar.bsn, m.datum, m.sleutel): m for m in candidates
    }
    seen: dict[int, int] = {}
    matched: list[tuple[RowResult, DuoMelding]] = []
    for result, key in wanted:
        melding = by_key.get(key)
        if melding is None or melding.status == DuoMeldingStatus.TE_MELDEN:
            result.messages.append(
                _(
                    "Geen melding gevonden met dit kenmerk, deze soort, dit BSN, deze datum en "
                    "deze sleutel die aan DUO is gemeld door een gemeente waarvoor u werkt."
                )
            )
        elif melding.pk in seen:
            result.messages.append(
                _("Dubbel: dezelfde melding staat ook in rij %(rij)s.") % {"rij": seen[melding.pk]}
            )
        else:
            seen[melding.pk] = result.number
            result.action = "geldig"
            matched.append((result, melding))
    if report.ok:
        with transaction.atomic():
            from regie.exchange.exports import mark_bevestigd

            for result, melding in matched:
                if melding.status == DuoMeldingStatus.BEVESTIGD:
                    result.action = "ongewijzigd"
                else:
                    result.action = "gewijzigd"
            mark_bevestigd([m for _r, m in matched], user)
            report.applied = True
    else:
        for result in report.results:
            if result.messages:
                result.action = "fout"
    run = _record_run(ImportRun.Kind.DUO_TERUGMELDING, report, filename, user)
    audit.log(
        AuditAction.UPDATE,
        object_type="importrun",
        description=f"DUO-terugmelding {filename}: {run.updated} bevestigd, "
        f"{run.unchanged} ongewijzigd, {run.errors} fout",
        avg_relevant=report.applied,
    )
    return report
