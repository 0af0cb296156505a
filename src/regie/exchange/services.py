"""The referral flow and what taalaanbieders report, used alike by the portal pages, the
REST API and the bulk upload. Views and API views stay thin: every decision is here, each
raising ValidationError with Dutch messages (per field where there is one).

- Verwijzing: the klantmanager refers with the route and intensity of the PIP in force;
  the aanbieder accepts with a start date or rejects with a reason, and ends the traject.
- Reports: hours offered/attended per month, absence, progress per skill, exam results,
  the afschaalverzoek (Wi 2021 art. 17 lid 3: at least 600 lesuren NT2) decided by the
  klantmanager.
- Signals for the klantmanager: attendance below the municipality's threshold, new exam
  results, afschaalverzoeken waiting (see workitems.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from regie import rules
from regie.core import audit
from regie.core.formatting import datum
from regie.core.localrules import local_values
from regie.core.models import AuditAction, Organisation
from regie.core.roles import OrganisationType
from regie.exchange.models import (
    MAX_UREN_PER_MAAND,
    AfschaalStatus,
    Afschaalverzoek,
    Lesuren,
)
from regie.people.models import (
    EindeReden,
    Inburgeraar,
    Verwijzing,
    VerwijzingStatus,
)
from regie.people.services import change_status
from regie.rules.leerroute import AFSCHALEN_A2_MIN_CURSUSUREN
from regie.rules.lifecycle import TERMINAL, Regime, Status, can_transition

# How far ahead an aanbieder may set a start date.
MAX_START_AHEAD_DAYS = 366
THRESHOLD_FIGURE = "aanwezigheid_signaal_procent"


# --- verwijzing --------------------------------------------------------------------------


def contracted_aanbieders(person: Inburgeraar):
    return Organisation.objects.filter(
        type=OrganisationType.AANBIEDER, serves=person.municipality_id
    ).order_by("name")


@dataclass(frozen=True)
class RouteFromPIP:
    leerroute: str
    nummer: int | None
    duur_maanden: int | None
    lesuren_per_week: Decimal | None
    aanbieder_id: int | None


def route_from_pip(person: Inburgeraar) -> RouteFromPIP | None:
    """The leerroute and intensity of the vastgestelde PIP version in force, if any."""
    from regie.plans import services as plans

    versie = plans.current_versie(plans.pip_of(person))
    if versie is None:
        return None
    return RouteFromPIP(
        versie.leerroute,
        versie.nummer,
        versie.duur_maanden,
        versie.lesuren_per_week,
        versie.aanbieder_id,
    )


@transaction.atomic
def create_verwijzing(person: Inburgeraar, aanbieder: Organisation, user, toelichting: str = ""):
    """Refer ``person`` to ``aanbieder`` with the PIP's route and intensity."""
    if Status(person.status) in TERMINAL:
        raise ValidationError(_("Het traject van deze inburgeraar is afgesloten."))
    if not contracted_aanbieders(person).filter(pk=aanbieder.pk).exists():
        raise ValidationError(
            {
                "aanbieder": _("%(org)s is geen aanbieder die voor de gemeente %(muni)s werkt.")
                % {"org": aanbieder, "muni": person.municipality}
            }
        )
    route = route_from_pip(person)
    if route is None and person.regime == Regime.WI2021:
        raise ValidationError(
            _("Stel eerst het PIP vast: de verwijzing neemt de leerroute en intensiteit over.")
        )
    if Verwijzing.objects.active().filter(inburgeraar=person, aanbieder=aanbieder).exists():
        raise ValidationError(
            {
                "aanbieder": _(
                    "Deze inburgeraar heeft al een lopende verwijzing naar deze aanbieder."
                )
            }
        )
    return Verwijzing.objects.create(
        inburgeraar=person,
        aanbieder=aanbieder,
        status=VerwijzingStatus.AANGEVRAAGD,
        leerroute=route.leerroute if route else "",
        pip_versie_nummer=route.nummer if route else None,
        duur_maanden=route.duur_maanden if route else None,
        lesuren_per_week=route.lesuren_per_week if route else None,
        toelichting=toelichting.strip(),
        verwezen_door=user,
    )


def _require_status(verwijzing: Verwijzing, status: str, message: str) -> None:
    if verwijzing.status != status:
        raise ValidationError(message)


@transaction.atomic
def accept_verwijzing(verwijzing: Verwijzing, user, start_date: date | None) -> Verwijzing:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    _require_status(
        verwijzing, VerwijzingStatus.AANGEVRAAGD, _("Deze verwijzing is al beantwoord.")
    )
    today = timezone.localdate()
    if start_date is None:
        raise ValidationError({"start_date": _("Vul de startdatum in.")})
    if start_date < verwijzing.created_at.date() - timedelta(days=31):
        raise ValidationError(
            {"start_date": _("De startdatum ligt te ver vóór de datum van de verwijzing.")}
        )
    if start_date > today + timedelta(days=MAX_START_AHEAD_DAYS):
        raise ValidationError({"start_date": _("De startdatum ligt meer dan een jaar vooruit.")})
    verwijzing.status = VerwijzingStatus.GEACCEPTEERD
    verwijzing.start_date = start_date
    verwijzing.beantwoord_door = user
    verwijzing.beantwoord_op = timezone.now()
    verwijzing.save()
    person = verwijzing.inburgeraar
    if person.status == Status.PIP_VASTGESTELD and can_transition(
        Status(person.status), Status.IN_UITVOERING, person.regime
    ):
        change_status(
            person,
            Status.IN_UITVOERING,
            _("Leerroute bij %(org)s, start %(dag)s.")
            % {"org": verwijzing.aanbieder, "dag": datum(start_date)},
        )
    return verwijzing


@transaction.atomic
def reject_verwijzing(verwijzing: Verwijzing, user, reden: str) -> Verwijzing:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    _require_status(
        verwijzing, VerwijzingStatus.AANGEVRAAGD, _("Deze verwijzing is al beantwoord.")
    )
    if not (reden or "").strip():
        raise ValidationError({"afwijzingsreden": _("Geef aan waarom u de verwijzing afwijst.")})
    verwijzing.status = VerwijzingStatus.AFGEWEZEN
    verwijzing.afwijzingsreden = reden.strip()
    verwijzing.beantwoord_door = user
    verwijzing.beantwoord_op = timezone.now()
    verwijzing.save()
    return verwijzing


@transaction.atomic
def end_traject(verwijzing: Verwijzing, user, end_date: date | None, reden: str) -> Verwijzing:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    _require_status(
        verwijzing,
        VerwijzingStatus.GEACCEPTEERD,
        _("Alleen een lopend (geaccepteerd) traject kan worden beëindigd."),
    )
    errors = {}
    if end_date is None:
        errors["end_date"] = _("Vul de einddatum in.")
    elif end_date > timezone.localdate():
        errors["end_date"] = _("De einddatum kan niet in de toekomst liggen.")
    elif verwijzing.start_date and end_date < verwijzing.start_date:
        errors["end_date"] = _("De einddatum ligt vóór de startdatum.")
    if reden not in EindeReden.values:
        errors["einde_reden"] = _("Kies de reden waarom het traject eindigt.")
    if errors:
        raise ValidationError(errors)
    verwijzing.status = VerwijzingStatus.BEEINDIGD
    verwijzing.end_date = end_date
    verwijzing.einde_reden = reden
    verwijzing.save()
    return verwijzing


# --- what an aanbieder may report on ------------------------------------------------------


def referred_persons(user):
    """The persons ``user``'s organisation has an accepted referral for, within the user's
    scope: the only persons an aanbieder may report on."""
    accepted = Verwijzing.objects.filter(
        aanbieder_id=user.organisation_id, status=VerwijzingStatus.GEACCEPTEERD
    ).values("inburgeraar_id")
    return Inburgeraar.objects.for_user(user).filter(pk__in=accepted)


def reporting_person(user, person_id) -> Inburgeraar | None:
    try:
        return referred_persons(user).get(pk=int(person_id))
    except (Inburgeraar.DoesNotExist, ValueError, TypeError):
        return None


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def parse_maand(value: str) -> date:
    """'2026-03' or '2026-03-01' (any day: the month counts) → date(2026, 3, 1)."""
    text = (value or "").strip()
    for fmt in ("%Y-%m", "%Y-%m-%d", "%m-%Y", "%d-%m-%Y"):
        try:
            return first_of_month(timezone.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    raise ValidationError(_("Geen geldige maand; schrijf bijvoorbeeld 2026-03."))


def parse_uren(value) -> Decimal:
    text = str(value if value is not None else "").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Geen getal.")) from None
    if not number.is_finite():
        raise ValidationError(_("Geen getal."))
    if number < 0:
        raise ValidationError(_("Het aantal uren kan niet negatief zijn."))
    if number > MAX_UREN_PER_MAAND:
        raise ValidationError(
            _("Meer dan %(max)s uur in een maand is niet mogelijk.") % {"max": MAX_UREN_PER_MAAND}
        )
    if number != number.quantize(Decimal("0.1")):
        raise ValidationError(_("Gebruik hooguit één decimaal."))
    return number


def lesuren_problems(maand: date, aangeboden: Decimal, aanwezig: Decimal) -> dict[str, str]:
    problems = {}
    if maand > first_of_month(timezone.localdate()):
        problems["maand"] = _("De maand ligt in de toekomst.")
    if aanwezig > aangeboden:
        problems["uren_aanwezig"] = _(
            "Er kunnen niet meer uren aanwezig zijn dan er zijn aangeboden."
        )
    return problems


@transaction.atomic
def register_lesuren(
    user, person: Inburgeraar, maand: date, aangeboden: Decimal, aanwezig: Decimal
) -> tuple[Lesuren, str]:
    """Register (or correct) one month's hours; returns (record, 'nieuw'|'gewijzigd'|
    'ongewijzigd'). The caller has checked that the person is referred to the user."""
    maand = first_of_month(maand)
    problems = lesuren_problems(maand, aangeboden, aanwezig)
    if problems:
        raise ValidationError(problems)
    record = (
        Lesuren.objects.select_for_update()
        .filter(inburgeraar=person, aanbieder_id=user.organisation_id, maand=maand)
        .first()
    )
    if record is None:
        record = Lesuren.objects.create(
            inburgeraar=person,
            aanbieder_id=user.organisation_id,
            maand=maand,
            uren_aangeboden=aangeboden,
            uren_aanwezig=aanwezig,
            geregistreerd_door=user.username,
        )
        return record, "nieuw"
    if record.uren_aangeboden == aangeboden and record.uren_aanwezig == aanwezig:
        return record, "ongewijzigd"
    record.uren_aangeboden = aangeboden
    record.uren_aanwezig = aanwezig
    record.geregistreerd_door = user.username
    record.save()
    return record, "gewijzigd"


def nt2_lesuren(person_id: int) -> Decimal:
    """Lesuren NT2 followed in total, at every aanbieder (Besluit art. 5.5 lid 1 counts
    all cursusuren)."""
    total = Lesuren.objects.filter(inburgeraar_id=person_id).aggregate(s=Sum("uren_aanwezig"))
    return total["s"] or Decimal(0)


@transaction.atomic
def request_afschalen(user, person: Inburgeraar, onderdeel: str, motivering: str):
    route = current_route(person, user)
    if route and route != "b1":
        raise ValidationError(_("Afschalen naar A2 kan alleen in de B1-route."))
    hours = nt2_lesuren(person.pk)
    possible, why = rules.afschalen_a2_mogelijk(int(hours), bool((motivering or "").strip()))
    if not possible:
        field = "motivering" if hours >= AFSCHALEN_A2_MIN_CURSUSUREN else "onderdeel"
        raise ValidationError({field: why})
    try:
        with transaction.atomic():
            return Afschaalverzoek.objects.create(
                inburgeraar=person,
                aanbieder_id=user.organisation_id,
                onderdeel=onderdeel,
                motivering=motivering.strip(),
                lesuren_bij_indienen=hours,
                geregistreerd_door=user.username,
            )
    except IntegrityError:
        raise ValidationError(
            {
                "onderdeel": _(
                    "Voor dit onderdeel loopt al een afschaalverzoek of is het al toegekend."
                )
            }
        ) from None


def current_route(person: Inburgeraar, user) -> str:
    """The route of the user's organisation's accepted referral (an aanbieder sees its
    referral, not the PIP)."""
    ref = (
        Verwijzing.objects.filter(
            inburgeraar=person,
            aanbieder_id=user.organisation_id,
            status=VerwijzingStatus.GEACCEPTEERD,
        )
        .order_by("-created_at")
        .first()
    )
    return ref.leerroute if ref else ""


@transaction.atomic
def decide_afschalen(verzoek: Afschaalverzoek, user, toekennen: bool, toelichting: str):
    verzoek = Afschaalverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != AfschaalStatus.INGEDIEND:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    if not toekennen and not (toelichting or "").strip():
        raise ValidationError({"besluit_toelichting": _("Motiveer de afwijzing.")})
    verzoek.status = AfschaalStatus.TOEGEKEND if toekennen else AfschaalStatus.AFGEWEZEN
    verzoek.besluit_toelichting = (toelichting or "").strip()
    verzoek.besloten_door = user
    verzoek.besloten_op = timezone.now()
    verzoek.save()
    if toekennen:
        pip_na_afschaling(verzoek, user)
    return verzoek


def pip_na_afschaling(verzoek: Afschaalverzoek, user):
    """A granted afschaling changes the PIP (Besluit inburgering 2021 art. 5.3 lid 6): a new
    PIP version (concept) is opened with the afschaling as its reason, or the open concept
    gets it. A colleague vaststelt it (four eyes); until then the werkvoorraad shows
    'PIP aanpassen na afschaling'. Like every vastgestelde version it is a beschikking open
    to bezwaar."""
    from regie.plans import services as plan_services

    reden = _(
        "Afschaling van %(onderdeel)s naar A2 toegekend op %(dag)s (Wet inburgering 2021 "
        "art. 17 lid 3; Besluit inburgering 2021 art. 5.3 lid 6): het PIP wordt aangepast."
    ) % {
        "onderdeel": verzoek.get_onderdeel_display().lower(),
        "dag": datum(timezone.localdate(verzoek.besloten_op)),
    }
    return plan_services.draft_version(verzoek.inburgeraar, reden, user)


def record_afschaal_bekendmaking(verzoek: Afschaalverzoek, user, op: date, wijze: str):
    """'Verzonden / uitgereikt': the decision on an afschaalverzoek is a besluit open to
    bezwaar; its bezwaartermijn runs from the day after it is sent or handed over (Awb
    art. 6:8). Validated, saved and audit-logged by regie.core.bekendmaking."""
    from regie.core import bekendmaking as core_bekendmaking

    if verzoek.status == AfschaalStatus.INGEDIEND:
        raise ValidationError(
            {"bekendgemaakt_op": [_("Over dit verzoek is nog niet besloten.")]}
        )
    core_bekendmaking.record(
        verzoek,
        op=op,
        wijze=wijze,
        dagtekening=verzoek.dagtekening,
        user=user,
        what="besluit afschaalverzoek",
    )
    return verzoek


def afschalingen_zonder_pip(queryset):
    """Of ``queryset`` (Afschaalverzoek), the granted ones after which no PIP version has
    been vastgesteld yet: the PIP still has to be changed (Besluit 5.3 lid 6)."""
    from regie.plans.models import PIPVersie, VersieStatus

    changed = PIPVersie.objects.filter(
        pip__inburgeraar=OuterRef("inburgeraar"),
        status=VersieStatus.VASTGESTELD,
        vastgesteld_op__gte=OuterRef("besloten_op"),
    )
    return queryset.filter(status=AfschaalStatus.TOEGEKEND).exclude(Exists(changed))


# --- signals for the klantmanager ---------------------------------------------------------


@dataclass(frozen=True)
class Aanwezigheid:
    person_id: int
    maand: date
    aangeboden: Decimal
    aanwezig: Decimal

    @property
    def procent(self) -> int | None:
        if not self.aangeboden:
            return None
        return round(100 * self.aanwezig / self.aangeboden)


def latest_attendance(person_ids, today: date, months: int = 3) -> dict[int, Aanwezigheid]:
    """Per person, the hours of the latest registered month within ``months`` months
    (summed over aanbieders), in one query."""
    since = first_of_month(today - timedelta(days=31 * months))
    rows = (
        Lesuren.objects.filter(inburgeraar_id__in=person_ids, maand__gte=since)
        .values("inburgeraar_id", "maand")
        .annotate(a=Sum("uren_aangeboden"), w=Sum("uren_aanwezig"))
    )
    latest: dict[int, Aanwezigheid] = {}
    for row in rows:
        pid = row["inburgeraar_id"]
        if pid not in latest or row["maand"] > latest[pid].maand:
            latest[pid] = Aanwezigheid(pid, row["maand"], row["a"], row["w"])
    return latest


def below_threshold(
    persons, today: date, limit: int = 2000
) -> list[tuple[Inburgeraar, Aanwezigheid, int]]:
    """Of the first ``limit`` of ``persons`` (a queryset of Inburgeraar, scoped by the
    caller, in its order), those whose latest attendance is below their municipality's
    threshold, loaded with their municipality. Three queries whatever their number: the
    persons enter the attendance query as a subquery, and only those below the threshold
    are loaded."""
    since = first_of_month(today - timedelta(days=31 * 3))
    rows = (
        Lesuren.objects.filter(inburgeraar_id__in=persons.values("pk")[:limit], maand__gte=since)
        .values_list("inburgeraar_id", "inburgeraar__municipality_id", "maand")
        .annotate(a=Sum("uren_aangeboden"), w=Sum("uren_aanwezig"))
        .order_by()
    )
    latest: dict[int, Aanwezigheid] = {}
    municipality: dict[int, int] = {}
    for pid, municipality_id, maand, aangeboden, aanwezig in rows:
        municipality[pid] = municipality_id
        if pid not in latest or maand > latest[pid].maand:
            latest[pid] = Aanwezigheid(pid, maand, aangeboden, aanwezig)
    limits = {
        pk: int(value)
        for pk, value in local_values(THRESHOLD_FIGURE, set(municipality.values())).items()
    }
    below = {
        pid: stand
        for pid, stand in latest.items()
        if stand.procent is not None and stand.procent < limits[municipality[pid]]
    }
    return [
        (person, below[person.pk], limits[person.municipality_id])
        for person in persons.filter(pk__in=list(below)).select_related("municipality")
    ]


def by_person(queryset) -> dict[int, list]:
    grouped = defaultdict(list)
    for obj in queryset:
        grouped[obj.inburgeraar_id].append(obj)
    return grouped


def log_report_read(obj, person_id: int, what: str) -> None:
    audit.log(AuditAction.READ, obj=obj, inburgeraar_id=person_id, description=what)
