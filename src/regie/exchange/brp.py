"""What Regie does with the BRP (docs/brp.md): fill the registration form of a person
from the BRP (the klantmanager confirms), and the check that finds moves out of the
municipality, deaths and new addresses and puts them in the werkvoorraad.

Every question to the BRP is a processing of personal data: it is audit-logged with the
processing activity of the register (``brp-bevraging``, ``brp-controle``) and the span it
sent in ``traceparent``, so the gateway's protocollering and Regie's log can be matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.models import AuditAction, Municipality
from regie.exchange.adapters import brp as _brp_adapter  # noqa: F401  (registers it)
from regie.exchange.adapters.base import adapter
from regie.exchange.adapters.brp import FIELDS, MAX_BSN, BrpError
from regie.exchange.models import (
    BrpKoppeling,
    BrpSignaal,
    BrpSignaalSoort,
    BrpSignaalStatus,
)
from regie.people.models import Inburgeraar
from regie.rules.lifecycle import Status

VARIANT = "haal-centraal"
# The persons the check looks at: those the municipality still works for.
CHECKED_STATUSES = (
    Status.AANGEMELD,
    Status.INTAKE,
    Status.PIP_VASTGESTELD,
    Status.IN_UITVOERING,
)
GENDERS = {"M": "m", "V": "v", "O": "x"}


def koppeling_for(municipality: Municipality | None) -> BrpKoppeling | None:
    if municipality is None:
        return None
    return BrpKoppeling.objects.filter(municipality=municipality, actief=True).first()


def _ask(koppeling: BrpKoppeling, bsns: list[str], doel: str) -> tuple[list[dict], str]:
    """One question; returns the persons and the span id sent in traceparent."""
    span = audit.new_span_id()
    personen = adapter("brp", VARIANT).raadpleeg(
        koppeling, bsns, doel, audit.current_trace().traceparent(span)
    )
    return personen, span


# --- reading the answer ------------------------------------------------------------------
def datum_van(value: dict | None) -> date | None:
    """A full date of the spec's AbstractDatum; None for an unknown or partial one."""
    if isinstance(value, dict) and value.get("type") == "Datum" and value.get("datum"):
        try:
            return date.fromisoformat(value["datum"])
        except ValueError:
            return None
    return None


def langformaat(value: dict | None) -> str:
    return value.get("langFormaat", "") if isinstance(value, dict) else ""


def _omschrijving(value) -> str:
    return value.get("omschrijving", "") if isinstance(value, dict) else ""


def _naam(naam: dict | None) -> tuple[str, str]:
    naam = naam or {}
    achternaam = " ".join(
        p for p in (naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "")) if p
    )
    return naam.get("voornamen", ""), achternaam


def adres_van(persoon: dict) -> dict[str, str]:
    """street, house_number, postcode, city of a Dutch address; {} otherwise."""
    plaats = persoon.get("verblijfplaats") or {}
    if plaats.get("type") != "Adres":
        return {}
    adres = plaats.get("verblijfadres") or {}
    nummer = "".join(
        str(p)
        for p in (
            adres.get("huisnummer", ""),
            adres.get("huisletter", ""),
            "-" + adres["huisnummertoevoeging"] if adres.get("huisnummertoevoeging") else "",
        )
    )
    return {
        "street": adres.get("officieleStraatnaam") or adres.get("korteStraatnaam", ""),
        "house_number": nummer,
        "postcode": adres.get("postcode", ""),
        "city": adres.get("woonplaats", ""),
    }


def gemeentecode(persoon: dict) -> str:
    """The CBS code (GM0294) of the municipality of registration; '' when unknown."""
    code = (persoon.get("gemeenteVanInschrijving") or {}).get("code", "")
    return f"GM{code}" if len(code) == 4 and code.isdigit() else ""


@dataclass
class BrpGegevens:
    """What the BRP said about one person, as initial values of the registration form and
    as lines for the klantmanager to check."""

    bsn: str
    initial: dict = field(default_factory=dict)
    regels: list[tuple[str, str]] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)


def gegevens_voor_registratie(persoon: dict, municipalities) -> BrpGegevens:
    bsn = persoon.get("burgerservicenummer", "")
    result = BrpGegevens(bsn=bsn)
    voornamen, achternaam = _naam(persoon.get("naam"))
    initial = {"bsn": bsn, "first_name": voornamen, "last_name": achternaam}
    geboorte = persoon.get("geboorte") or {}
    if born := datum_van(geboorte.get("datum")):
        initial["date_of_birth"] = born
    elif geboorte.get("datum"):
        result.meldingen.append(
            _("De geboortedatum is in de BRP niet volledig bekend (%(d)s): vul hem zelf in.")
            % {"d": langformaat(geboorte.get("datum"))}
        )
    geslacht = (persoon.get("geslacht") or {}).get("code", "")
    if geslacht in GENDERS:
        initial["gender"] = GENDERS[geslacht]
    nationaliteiten = [
        _omschrijving(n.get("nationaliteit")) or _omschrijving({"omschrijving": n.get("type")})
        for n in persoon.get("nationaliteiten") or []
    ]
    if nationaliteiten:
        initial["nationality"] = ", ".join(n for n in nationaliteiten if n)[:60]
    initial.update(adres_van(persoon))
    code = gemeentecode(persoon)
    municipality = next((m for m in municipalities if m.cbs_code == code), None)
    if municipality is not None:
        initial["municipality"] = municipality.pk
        inschrijving = datum_van(persoon.get("datumInschrijvingInGemeente"))
        if inschrijving:
            initial["brp_date"] = inschrijving
        else:
            result.meldingen.append(
                _(
                    "De datum van inschrijving in de gemeente is niet volledig bekend: vul hem "
                    "zelf in."
                )
            )
    else:
        result.meldingen.append(
            _(
                "De persoon staat in de BRP ingeschreven in %(g)s, niet in een gemeente waarvoor "
                "u werkt. De datum van inschrijving is niet overgenomen."
            )
            % {"g": _omschrijving(persoon.get("gemeenteVanInschrijving")) or code or "?"}
        )
    result.initial = initial
    titel = persoon.get("verblijfstitel") or {}
    if titel:
        result.regels.append(
            (
                _("Verblijfstitel"),
                " ".join(
                    p
                    for p in (
                        _omschrijving(titel.get("aanduiding")),
                        _("sinds %(d)s") % {"d": langformaat(titel.get("datumIngang"))}
                        if titel.get("datumIngang")
                        else "",
                    )
                    if p
                ),
            )
        )
    for partner in persoon.get("partners") or []:
        result.regels.append((_("Partner"), " ".join(_naam(partner.get("naam"))).strip()))
    for kind in persoon.get("kinderen") or []:
        born = langformaat((kind.get("geboorte") or {}).get("datum"))
        name = " ".join(_naam(kind.get("naam"))).strip()
        result.regels.append((_("Kind"), f"{name} ({born})" if born else name))
    if persoon.get("overlijden"):
        result.meldingen.append(_("Volgens de BRP is deze persoon overleden."))
    return result


def ophalen_voor_registratie(municipality: Municipality, bsn: str, municipalities) -> BrpGegevens:
    """Ask the BRP of ``municipality`` for the person with ``bsn`` (purpose: registration).
    Raises BrpError with the Dutch message when the BRP does not answer or does not know
    the BSN. The question is logged whether or not it succeeds."""
    koppeling = koppeling_for(municipality)
    if koppeling is None:
        raise BrpError(_("Deze gemeente heeft geen BRP-koppeling. Vul de gegevens zelf in."))
    status = "fout"
    span = audit.new_span_id()
    try:
        personen = adapter("brp", VARIANT).raadpleeg(
            koppeling, [bsn], "registratie", audit.current_trace().traceparent(span)
        )
        status = "gevonden" if personen else "niet gevonden"
    except BrpError as exc:
        status = f"fout {exc.status or ''}".strip()
        raise
    finally:
        audit.log(
            AuditAction.READ,
            object_type="brp",
            description=(
                f"BRP-bevraging {municipality.cbs_code} (registratie, "
                f"{len(FIELDS['registratie'])} velden): {status}"
            ),
            activity="brp-bevraging",
            span_id=span,
            subject=audit.subject_ref(bsn),
        )
    if not personen:
        raise BrpError(_("De BRP kent geen persoon met dit BSN."), 404)
    return gegevens_voor_registratie(personen[0], municipalities)


# --- the check ---------------------------------------------------------------------------
def signalen_voor(person: Inburgeraar, persoon: dict) -> list[tuple[str, str, str]]:
    """(soort, sleutel, omschrijving) of what changed, a pure function of the person as
    Regie knows them and the BRP's answer."""
    found = []
    overlijden = persoon.get("overlijden")
    if overlijden:
        when = langformaat(overlijden.get("datum")) or "?"
        found.append(
            (
                BrpSignaalSoort.OVERLEDEN,
                when,
                _("Overleden op %(d)s volgens de BRP") % {"d": when},
            )
        )
        return found
    code = gemeentecode(persoon)
    if code and code != person.municipality.cbs_code:
        naam = _omschrijving(persoon.get("gemeenteVanInschrijving")) or code
        found.append(
            (
                BrpSignaalSoort.VERHUISD,
                code,
                _("Ingeschreven in %(g)s volgens de BRP: draag het dossier over") % {"g": naam},
            )
        )
        return found
    adres = adres_van(persoon)
    # Only an address that differs from the one on file; a file without an address gets
    # no signal for every person (the klantmanager fills it in from the registration).
    if adres and person.postcode:
        known = (person.postcode.replace(" ", "").upper(), person.house_number.replace(" ", ""))
        new = (adres["postcode"].replace(" ", "").upper(), adres["house_number"])
        if known != new:
            text = f"{adres['street']} {adres['house_number']}, {adres['postcode']} {adres['city']}"
            found.append(
                (
                    BrpSignaalSoort.NIEUW_ADRES,
                    f"{new[0]} {new[1]}"[:120],
                    _("Nieuw adres volgens de BRP: %(a)s") % {"a": text.strip()},
                )
            )
    return found


@dataclass
class CheckResult:
    gemeente: str
    gevraagd: int = 0
    signalen: int = 0
    fout: str = ""


def controle(municipality: Municipality, today: date) -> CheckResult:
    """Ask the BRP about every person the municipality works for (MAX_BSN at a time) and
    record a BrpSignaal per new fact. Idempotent: a fact found before is not added again."""
    result = CheckResult(municipality.cbs_code)
    koppeling = koppeling_for(municipality)
    if koppeling is None:
        result.fout = "geen actieve BRP-koppeling"
        return result
    persons = list(
        Inburgeraar.objects.filter(municipality=municipality, status__in=CHECKED_STATUSES)
        .select_related("municipality")
        .order_by("pk")
    )
    with audit.processing("brp-controle"):
        for start in range(0, len(persons), MAX_BSN):
            batch = persons[start : start + MAX_BSN]
            try:
                personen, span = _ask(koppeling, [p.bsn for p in batch], "controle")
            except BrpError as exc:
                result.fout = str(exc)
                return result
            result.gevraagd += len(batch)
            by_bsn = {p.get("burgerservicenummer"): p for p in personen}
            for person in batch:
                audit.log(
                    AuditAction.READ,
                    obj=person,
                    inburgeraar_id=person.pk,
                    object_type="brp",
                    description="BRP-controle (verhuizing, overlijden, adres)",
                    span_id=span,
                )
                persoon = by_bsn.get(person.bsn)
                if persoon is None:
                    continue
                for soort, sleutel, omschrijving in signalen_voor(person, persoon):
                    result.signalen += _record(person, soort, sleutel, omschrijving, today)
    return result


def _record(person, soort, sleutel, omschrijving, today) -> int:
    if BrpSignaal.objects.filter(inburgeraar=person, soort=soort, sleutel=sleutel).exists():
        return 0
    try:
        with transaction.atomic():
            BrpSignaal.objects.create(
                inburgeraar=person,
                soort=soort,
                sleutel=sleutel,
                omschrijving=omschrijving[:300],
                gevonden_op=today,
            )
    except IntegrityError:  # a concurrent run recorded it
        return 0
    return 1


def afhandelen(signaal: BrpSignaal, username: str) -> None:
    signaal.move(BrpSignaalStatus.AFGEHANDELD)
    signaal.afgehandeld_door = username
    signaal.save()


def close_moves(person: Inburgeraar, username: str) -> None:
    """The overdracht is made: the move signals of the person are dealt with."""
    for signaal in BrpSignaal.objects.filter(
        inburgeraar=person, soort=BrpSignaalSoort.VERHUISD, status=BrpSignaalStatus.OPEN
    ):
        afhandelen(signaal, username)
