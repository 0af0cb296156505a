"""The person's inburgeringstermijn: one record of its start, end and every change, and
DUO's decisions that move it or end the obligation.

Every deadline, letter and list reads the termijn through :func:`termijn_of` (one person)
or :func:`termijnen_for` (a page of persons, in two queries). The arithmetic is in
:mod:`regie.rules.termijn`; this module reads and writes the records:

- the first vastgestelde PIP starts it (Wi 2021 art. 11 lid 1): :func:`start_na_eerste_pip`,
  called by the vaststelling. For older data without that record the first PIP's
  dagtekening is read instead (same result);
- the overdracht import takes it over from the previous municipality (art. 11 lid 3 onder
  b): :func:`overnemen`; the first PIP in the new municipality then does not restart it;
- DUO's extension or new term moves its end, its ontheffing or vrijstelling ends the
  obligation or removes parts: :func:`duo_besluit_vastleggen`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.memo import per_request
from regie.core.presence import has_rows
from regie.people.models import (
    DuoBesluit,
    DuoBesluitSoort,
    Inburgeraar,
    TermijnSoort,
    Termijnwijziging,
)
from regie.rules import termijn as rules_termijn
from regie.rules.lifecycle import TERMINAL, Status
from regie.rules.termijn import OnderdelenBesluit, Termijn, Wijziging


def _d(day: date) -> str:
    return date_format(day, "j F Y")


def _wijziging(row: Termijnwijziging) -> Wijziging:
    return Wijziging(row.soort, row.ingang, row.einde, row.start, row.bron)


def _first_dagtekeningen(person_ids) -> dict[int, date]:
    from django.db.models import Min, QuerySet

    from regie.plans.models import PIPVersie, VersieStatus
    from regie.plans.versions import vastgestelde_versies

    if not isinstance(person_ids, QuerySet):
        # A page of persons: the rows the file's other sections read too (per request).
        first: dict[int, date] = {}
        for row in vastgestelde_versies(tuple(person_ids)):
            if row.dagtekening is not None and (
                row.person_id not in first or row.dagtekening < first[row.person_id]
            ):
                first[row.person_id] = row.dagtekening
        return first
    rows = (
        PIPVersie.objects.filter(pip__inburgeraar__in=person_ids, status=VersieStatus.VASTGESTELD)
        .values_list("pip__inburgeraar_id")
        .annotate(first=Min("dagtekening"))
        .order_by()
    )
    return {pid: day for pid, day in rows if day is not None}


def termijn_from(rows, first_dagtekening: date | None) -> Termijn | None:
    """The termijn from already loaded Termijnwijziging rows and the first PIP's
    dagtekening (for prefetched pages, e.g. the API)."""
    ws = [_wijziging(row) for row in rows]
    if first_dagtekening is not None and not any(
        w.soort in (TermijnSoort.START, TermijnSoort.OVERGENOMEN) for w in ws
    ):
        ws.append(rules_termijn.start_wijziging(first_dagtekening, _("eerste PIP")))
    return rules_termijn.fold(ws)


def termijnen_for(persons) -> dict[int, Termijn]:
    """The termijn of many persons (ids or a queryset), in two queries; persons whose
    termijn has not started are left out."""
    rows: dict[int, list[Wijziging]] = defaultdict(list)
    wanted = persons
    if isinstance(persons, list | tuple):
        # Ids whose file showed no Termijnwijziging at all are not asked (regie.core.presence).
        wanted = [p for p in persons if not isinstance(p, int) or has_rows(p, "termijnwijziging")]
    # Plain rows, not model instances: a team's whole running caseload passes here.
    for person_id, soort, ingang, einde, start, bron in (
        Termijnwijziging.objects.filter(inburgeraar__in=wanted)
        .order_by("ingang", "pk")
        .values_list("inburgeraar_id", "soort", "ingang", "einde", "start", "bron")
    ):
        rows[person_id].append(Wijziging(soort, ingang, einde, start, bron))
    started = {
        pid
        for pid, ws in rows.items()
        if any(w.soort in (TermijnSoort.START, TermijnSoort.OVERGENOMEN) for w in ws)
    }
    missing = (
        persons.exclude(pk__in=started)
        if hasattr(persons, "exclude")
        else [p for p in persons if p not in started]
    )
    bron = _("eerste PIP")
    for pid, day in _first_dagtekeningen(missing).items():
        rows[pid].append(rules_termijn.start_wijziging(day, bron))
    found = {}
    for pid, ws in rows.items():
        folded = rules_termijn.fold(ws)
        if folded is not None:
            found[pid] = folded
    return found


def termijn_of(person: Inburgeraar) -> Termijn | None:
    """The person's inburgeringstermijn with its history, or None before it started."""
    return termijn_of_id(person.pk)


@per_request
def termijn_of_id(person_id: int) -> Termijn | None:
    """``termijn_of`` by the person's id: once per page (the file's termijn and PIP
    sections both show it; regie.core.memo), the Termijn is immutable."""
    return termijnen_for([person_id]).get(person_id)


def is_overgenomen(person: Inburgeraar) -> bool:
    return Termijnwijziging.objects.filter(
        inburgeraar=person, soort=TermijnSoort.OVERGENOMEN
    ).exists()


def overgenomen_ids(person_ids) -> set[int]:
    """Which of these persons took their termijn over from another municipality (one
    query): their next PIP is due 10 weeks after registration here (Besluit art. 5.3 lid 3)."""
    return set(
        Termijnwijziging.objects.filter(
            inburgeraar__in=person_ids, soort=TermijnSoort.OVERGENOMEN
        ).values_list("inburgeraar_id", flat=True)
    )


def start_na_eerste_pip(
    person: Inburgeraar, dagtekening: date, bron: str
) -> Termijnwijziging | None:
    """Record the start of the termijn on the first PIP's dagtekening (Wi art. 11 lid 1),
    unless it already runs (taken over after a move: it does not restart, lid 3)."""
    if Termijnwijziging.objects.filter(
        inburgeraar=person, soort__in=[TermijnSoort.START, TermijnSoort.OVERGENOMEN]
    ).exists():
        return None
    w = rules_termijn.start_wijziging(dagtekening)
    return Termijnwijziging.objects.create(
        inburgeraar=person,
        soort=TermijnSoort.START,
        ingang=w.ingang,
        start=w.start,
        einde=w.einde,
        bron=bron[:200],
    )


def overnemen(person: Inburgeraar, start: date, einde: date, bron: str) -> Termijnwijziging:
    """Take the termijn over from the previous municipality (Wi art. 11 lid 3 onder b)."""
    existing = Termijnwijziging.objects.filter(
        inburgeraar=person, soort=TermijnSoort.OVERGENOMEN, start=start, einde=einde
    ).first()
    if existing is not None:
        return existing
    return Termijnwijziging.objects.create(
        inburgeraar=person,
        soort=TermijnSoort.OVERGENOMEN,
        ingang=start,
        start=start,
        einde=einde,
        bron=bron[:200],
    )


# --- DUO's decisions ---------------------------------------------------------------------


def onderdelen_besluiten(person: Inburgeraar) -> list[OnderdelenBesluit]:
    return [
        OnderdelenBesluit(b.soort, b.volledig, frozenset(b.onderdelen), b.ingang_op)
        for b in DuoBesluit.objects.filter(
            inburgeraar=person,
            soort__in=[DuoBesluitSoort.ONTHEFFING, DuoBesluitSoort.VRIJSTELLING],
        )
    ]


def geldende_onderdelen(person: Inburgeraar, route: str | None, on: date | None = None):
    """The parts of the obligation that still apply to the person in ``route`` after
    DUO's ontheffingen and vrijstellingen (regie.rules.termijn.geldende_onderdelen)."""
    return rules_termijn.geldende_onderdelen(
        route,
        onderdelen_besluiten(person),
        asiel=person.doelgroep == "asielmigrant",
        on=on,
    )


ONTHEFFING_FOUTEN = {
    "leeg": gettext_lazy("Kies de onderdelen waarvoor de gedeeltelijke ontheffing geldt."),
    "taal_alle_vier": gettext_lazy(
        "Een gedeeltelijke ontheffing geldt voor hoogstens drie van de vier taalonderdelen "
        "(Besluit inburgering 2021 art. 2.7 lid 3). Is het een volledige ontheffing?"
    ),
    "pvt_map": gettext_lazy(
        "Voor de PVT en de MAP bestaat geen gedeeltelijke ontheffing (Besluit inburgering "
        "2021 art. 2.7 lid 3)."
    ),
}


def besluit_problems(person: Inburgeraar, data: dict) -> dict[str, list[str]]:
    """Field errors (Dutch) for recording a DUO decision with ``data`` (cleaned form data)."""
    errors: dict[str, list[str]] = defaultdict(list)
    soort = data.get("soort")
    besluit_op, ingang_op = data.get("besluit_op"), data.get("ingang_op")
    onderdelen = data.get("onderdelen") or []
    if (
        besluit_op
        and ingang_op
        and ingang_op < besluit_op
        and soort
        in (
            DuoBesluitSoort.VERLENGING,
            DuoBesluitSoort.NIEUWE_TERMIJN,
        )
    ):
        errors["ingang_op"].append(_("Een verlenging gaat niet in vóór de datum van het besluit."))
    if soort in (DuoBesluitSoort.ONTHEFFING, DuoBesluitSoort.VRIJSTELLING):
        if data.get("volledig") and onderdelen:
            errors["onderdelen"].append(
                _("Kies geen onderdelen bij een volledige ontheffing of vrijstelling.")
            )
        if not data.get("volledig"):
            if soort == DuoBesluitSoort.ONTHEFFING:
                code = rules_termijn.gedeeltelijke_ontheffing_fout(onderdelen)
                if code:
                    errors["onderdelen"].append(str(ONTHEFFING_FOUTEN[code]))
            elif not onderdelen:
                errors["onderdelen"].append(
                    _("Kies de onderdelen waarvoor de gedeeltelijke vrijstelling geldt.")
                )
        if (
            soort == DuoBesluitSoort.ONTHEFFING
            and data.get("volledig")
            and not data.get("advies_document")
        ):
            errors["advies_document"].append(
                _(
                    "Bij een volledige ontheffing hoort het advies van het college (Besluit "
                    "inburgering 2021 art. 2.8 lid 2). Voeg het advies toe als pdf."
                )
            )
        if data.get("nieuwe_einddatum"):
            errors["nieuwe_einddatum"].append(
                _("Een nieuwe einddatum hoort alleen bij een verlenging of een nieuwe termijn.")
            )
    if soort in (DuoBesluitSoort.VERLENGING, DuoBesluitSoort.NIEUWE_TERMIJN):
        nieuw = data.get("nieuwe_einddatum")
        current = termijn_of(person)
        if nieuw is None:
            errors["nieuwe_einddatum"].append(_("Vul de nieuwe einddatum uit het besluit in."))
        elif soort == DuoBesluitSoort.VERLENGING and current is None:
            errors["soort"].append(
                _("De inburgeringstermijn is nog niet begonnen; er is niets te verlengen.")
            )
        elif soort == DuoBesluitSoort.VERLENGING and nieuw <= current.einde:
            errors["nieuwe_einddatum"].append(
                _("Een verlenging eindigt na het huidige einde van de termijn (%(dag)s).")
                % {"dag": _d(current.einde)}
            )
        elif ingang_op and nieuw < ingang_op:
            errors["nieuwe_einddatum"].append(_("De nieuwe einddatum ligt vóór de ingangsdatum."))
        if onderdelen:
            errors["onderdelen"].append(
                _("Een verlenging of nieuwe termijn geldt niet voor losse onderdelen.")
            )
    return dict(errors)


@transaction.atomic
def duo_besluit_vastleggen(person: Inburgeraar, data: dict, user) -> DuoBesluit:
    """Record DUO's decision and move what depends on it: an extension or new term
    changes the termijn; a full ontheffing or vrijstelling ends the obligation (status
    ontheffing / beëindigd). Raises ValidationError (field errors, Dutch) when it cannot."""
    Inburgeraar.objects.select_for_update().filter(pk=person.pk).first()
    errors = besluit_problems(person, data)
    if errors:
        raise ValidationError(errors)
    soort = DuoBesluitSoort(data["soort"])
    termijn_soort = soort in (DuoBesluitSoort.VERLENGING, DuoBesluitSoort.NIEUWE_TERMIJN)
    advies = data.get("advies_document") if soort == DuoBesluitSoort.ONTHEFFING else None
    besluit = DuoBesluit.objects.create(
        inburgeraar=person,
        soort=soort,
        volledig=True if termijn_soort else bool(data.get("volledig")),
        onderdelen=[] if termijn_soort else list(data.get("onderdelen") or []),
        besluit_op=data["besluit_op"],
        ingang_op=data["ingang_op"],
        duo_kenmerk=data["duo_kenmerk"].strip(),
        nieuwe_einddatum=data.get("nieuwe_einddatum") if termijn_soort else None,
        advies_kenmerk=(data.get("advies_kenmerk") or "").strip(),
        advies_op=data.get("advies_op"),
        advies_document=advies["inhoud"] if advies else None,
        advies_bestandsnaam=advies["naam"] if advies else "",
        advies_sha256=hashlib.sha256(advies["inhoud"]).hexdigest() if advies else "",
        toelichting=(data.get("toelichting") or "").strip(),
        vastgelegd_door=getattr(user, "username", ""),
    )
    bron = _("DUO-besluit %(kenmerk)s van %(dag)s") % {
        "kenmerk": besluit.duo_kenmerk,
        "dag": _d(besluit.besluit_op),
    }
    if termijn_soort:
        Termijnwijziging.objects.create(
            inburgeraar=person,
            soort=TermijnSoort.VERLENGD
            if soort == DuoBesluitSoort.VERLENGING
            else TermijnSoort.NIEUWE_TERMIJN,
            ingang=besluit.ingang_op,
            einde=besluit.nieuwe_einddatum,
            bron=bron[:200],
            duo_besluit=besluit,
        )
    elif besluit.volledig and Status(person.status) not in TERMINAL:
        from regie.people.services import change_status

        target = Status.ONTHEFFING if soort == DuoBesluitSoort.ONTHEFFING else Status.BEEINDIGD
        change_status(
            person,
            target,
            _("%(soort)s van de inburgeringsplicht: %(bron)s.")
            % {"soort": besluit.get_soort_display(), "bron": bron},
        )
    # The records are TrackedModels: their creation is audit-logged with the actor.
    return besluit
