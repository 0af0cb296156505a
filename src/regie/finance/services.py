"""The decisions of the finance app: recording an ontzorging and its items, running
payments safely, and putting the budget and forecast together. Views stay thin and call
these; the arithmetic lives in ``regie.rules.ontzorging`` and ``regie.rules.budget``.

Every change runs in a transaction and raises ``ValidationError`` with a Dutch message
when it cannot be done, so nothing is half-saved.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import served_municipality_ids
from regie.core.formatting import datum
from regie.core.models import AuditAction, Municipality
from regie.core.roles import Permission
from regie.finance import sepa
from regie.finance.models import (
    LEERROUTE_LABELS,
    OPEN_RUN,
    BetaalPost,
    Betaalregel,
    Betaalrekening,
    Betaalrun,
    Contract,
    ContractSoort,
    CorrectieStatus,
    Financiering,
    FinancieringSoort,
    FundingAllocation,
    Ontzorging,
    OntzorgingStatus,
    PostSoort,
    RunStatus,
    Scenario,
    Uitkering,
    UitkeringCorrectie,
    Verlenging,
)
from regie.people.models import Inburgeraar
from regie.rules import budget as budget_rules
from regie.rules import ontzorging as rules
from regie.rules import target2
from regie.rules.ontzorging import VerlengingGrondslag

# --- ontzorging ------------------------------------------------------------------------

# The four fixed costs of Participatiewet art. 56a (also added by migration 0002).
DEFAULT_SOORTEN = (
    ("Huur", 10),
    ("Energie (gas en elektriciteit)", 20),
    ("Water", 30),
    ("Zorgverzekering (premie)", 40),
)


def default_soorten() -> dict[str, PostSoort]:
    """The statutory kinds of fixed costs, made if a flushed database lacks them."""
    return {
        naam: PostSoort.objects.get_or_create(
            municipality=None, naam=naam, defaults={"volgorde": volgorde, "wettelijk": True}
        )[0]
        for naam, volgorde in DEFAULT_SOORTEN
    }


def ontzorging_of(person: Inburgeraar) -> Ontzorging | None:
    return Ontzorging.objects.filter(inburgeraar=person).first()


def eligibility_problem(person: Inburgeraar) -> str | None:
    """Participatiewet art. 56a: an inburgeringsplichtige under the Wi 2021 with an asylum
    permit for a fixed period, on bijstand (regie.rules.category: not the Wi 2013
    ondertussengroep, not a family member on a regular permit). The bijstand is confirmed
    by the beschikking."""
    if not person.rechtspositie.ontzorging:
        return _(
            "Financiële ontzorging geldt alleen voor een inburgeringsplichtige onder de Wet "
            "inburgering 2021 met een asielvergunning voor bepaalde tijd en bijstand "
            "(Participatiewet art. 56a). Deze inburgeraar heeft: %(permit)s, %(regime)s."
        ) % {
            "permit": person.get_verblijfsvergunning_display(),
            "regime": person.get_regime_display(),
        }
    return None


@transaction.atomic
def start_ontzorging(person: Inburgeraar, ontzorging: Ontzorging, benefit: Decimal, user):
    """Record a new ontzorging: the end date follows from the start (six months,
    Participatiewet art. 56a), the first benefit amount from the start date."""
    problem = eligibility_problem(person)
    if problem:
        raise ValidationError(problem)
    if ontzorging_of(person) is not None:
        raise ValidationError(_("Deze inburgeraar heeft al een financiële ontzorging."))
    ontzorging.inburgeraar = person
    ontzorging.end_date = rules.ontzorging_einde(ontzorging.start_date)
    ontzorging.save()
    Uitkering.objects.create(
        ontzorging=ontzorging,
        bedrag=benefit,
        geldig_vanaf=ontzorging.start_date,
        toelichting=_("Bij de start van de ontzorging"),
        door=user.username,
    )
    return ontzorging


@transaction.atomic
def extend(
    ontzorging: Ontzorging,
    new_end: date,
    reason: str,
    user,
    *,
    grondslag: str | None,
    grondslag_op: date | None,
    kenmerk: str = "",
) -> Verlenging:
    """Extend beyond the six months of Pw art. 56a on a besluit under Pw art. 57 or the
    person's consent to voluntary budget management (``rules.VerlengingGrondslag``), with
    a reason (local policy: until the person is self-reliant); dated."""
    if not ontzorging.is_active:
        raise ValidationError(_("Een beëindigde ontzorging kan niet worden verlengd."))
    problems = rules.extension_problem(
        ontzorging.end_date,
        new_end,
        reason,
        grondslag=grondslag,
        grondslag_op=grondslag_op,
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError({field: _(text) for field, text in problems.items()})
    verlenging = Verlenging.objects.create(
        ontzorging=ontzorging,
        vorige_einde=ontzorging.end_date,
        nieuwe_einde=new_end,
        reden=reason.strip(),
        grondslag=grondslag,
        grondslag_op=grondslag_op,
        kenmerk=kenmerk.strip(),
        door=user.username,
    )
    ontzorging.end_date = new_end
    ontzorging.save()
    return verlenging


@transaction.atomic
def set_benefit(ontzorging: Ontzorging, amount: Decimal, valid_from: date, note: str, user):
    if amount is None or amount <= 0:
        raise ValidationError(_("Het bedrag moet groter zijn dan nul."))
    if ontzorging.uitkeringen.filter(geldig_vanaf=valid_from).exists():
        raise ValidationError(
            _(
                "Er is al een uitkeringsbedrag vanaf deze datum. Was dat bedrag verkeerd? "
                "Gebruik dan 'Corrigeren' bij de uitkeringsbedragen; een collega bevestigt "
                "de correctie."
            )
        )
    return Uitkering.objects.create(
        ontzorging=ontzorging,
        bedrag=amount,
        geldig_vanaf=valid_from,
        toelichting=note,
        door=user.username,
    )


@transaction.atomic
def request_benefit_correction(
    uitkering: Uitkering, amount: Decimal, reason: str, user
) -> UitkeringCorrectie:
    """A benefit amount typed wrongly is corrected from the same date — but only once a
    colleague confirms it (four eyes, :func:`decide_benefit_correction`)."""
    if not reason.strip():
        raise ValidationError({"reden": _("Geef de reden van de correctie op.")})
    if amount is None or amount <= 0:
        raise ValidationError({"nieuw_bedrag": _("Het bedrag moet groter zijn dan nul.")})
    if amount == uitkering.bedrag:
        raise ValidationError(
            {"nieuw_bedrag": _("Dit is het bedrag dat er al staat; er valt niets te corrigeren.")}
        )
    if uitkering.correcties.filter(status=CorrectieStatus.OPEN).exists():
        raise ValidationError(_("Er wacht al een correctie van dit bedrag op bevestiging."))
    return UitkeringCorrectie.objects.create(
        uitkering=uitkering,
        oud_bedrag=uitkering.bedrag,
        nieuw_bedrag=amount,
        reden=reason.strip(),
        aangevraagd_door=user,
    )


@transaction.atomic
def decide_benefit_correction(correction: UitkeringCorrectie, user, confirm: bool):
    """The second person confirms (the amount changes, in the field history and audit
    log) or rejects the correction. Never the one who asked for it."""
    correction = UitkeringCorrectie.objects.select_for_update().get(pk=correction.pk)
    if correction.status != CorrectieStatus.OPEN:
        raise ValidationError(_("Over deze correctie is al beslist."))
    if correction.aangevraagd_door_id == user.pk:
        raise ValidationError(
            _("U hebt deze correctie zelf ingevoerd; een collega moet hem bevestigen (vier ogen).")
        )
    correction.status = CorrectieStatus.BEVESTIGD if confirm else CorrectieStatus.AFGEWEZEN
    correction.beoordeeld_door = user
    correction.beoordeeld_op = timezone.now()
    correction.save()
    if confirm:
        uitkering = correction.uitkering
        uitkering.bedrag = correction.nieuw_bedrag
        uitkering.toelichting = (
            _("Gecorrigeerd: %(reden)s") % {"reden": correction.reden}
        )[:200]
        uitkering.save()
    audit.log(
        AuditAction.UPDATE,
        obj=correction,
        inburgeraar_id=correction.uitkering.ontzorging.inburgeraar_id,
        object_type="uitkeringcorrectie",
        description=(
            f"correctie uitkering vanaf {correction.uitkering.geldig_vanaf:%d-%m-%Y} "
            f"{correction.oud_bedrag} -> {correction.nieuw_bedrag} "
            f"{'bevestigd' if confirm else 'afgewezen'}: {correction.reden}"
        ),
    )
    return correction


@transaction.atomic
def correct_post(post: BetaalPost, corrected: BetaalPost, reason: str, user) -> BetaalPost:
    """An item typed wrongly is corrected from its own start date (amount, creditor,
    IBAN, kenmerk), with a reason. Only before anything is paid from it; the corrected
    item must be checked again by a colleague before a run pays it (four eyes)."""
    if not reason.strip():
        raise ValidationError({"reden": _("Geef de reden van de correctie op.")})
    lines = list(post.regels.active().select_related("run"))
    if lines:
        raise ValidationError(
            _(
                "Deze post staat al in een betaalrun (%(runs)s). Een betaalde post corrigeert "
                "u niet; wijzig hem vanaf de eerste maand die nog niet is betaald, of "
                "annuleer eerst de run die nog niet is geëxporteerd."
            )
            % {"runs": ", ".join(sorted({line.run.msg_id for line in lines}))}
        )
    fields = ("register", "crediteur", "iban", "bic", "bedrag", "frequentie", "kenmerk")
    changed = [name for name in fields if getattr(post, name) != getattr(corrected, name)]
    if not changed:
        raise ValidationError(_("Er is niets veranderd; er valt niets te corrigeren."))
    for name in fields:
        setattr(post, name, getattr(corrected, name))
    post.aangemaakt_door = user
    post.gecontroleerd_door = None
    post.gecontroleerd_op = None
    _check_post(post)
    post.save()
    audit.log(
        AuditAction.UPDATE,
        obj=post,
        inburgeraar_id=post.ontzorging.inburgeraar_id,
        object_type="betaalpost",
        description=f"post gecorrigeerd ({', '.join(changed)}): {reason.strip()}",
    )
    return post


def overlap_problem(post: BetaalPost) -> str | None:
    """The same cost (kind and creditor account) may be paid by only one item at a time."""
    others = BetaalPost.objects.filter(
        ontzorging=post.ontzorging_id, soort=post.soort_id, iban=post.iban
    ).exclude(pk=post.pk)
    for other in others:
        if rules.periods_overlap(
            post.geldig_vanaf, post.geldig_tot, other.geldig_vanaf, other.geldig_tot
        ):
            return _(
                "Er is al een post %(soort)s aan %(crediteur)s die geldt van %(van)s "
                "tot %(tot)s. Perioden van dezelfde post mogen elkaar niet overlappen; "
                "gebruik 'wijzigen' om het bedrag per een datum aan te passen."
            ) % {
                "soort": other.soort,
                "crediteur": other.crediteur,
                "van": date_format(other.geldig_vanaf, "j F Y"),
                "tot": date_format(other.geldig_tot, "j F Y")
                if other.geldig_tot
                else _("het einde"),
            }
    return None


def _check_post(post: BetaalPost) -> None:
    ontzorging = post.ontzorging
    if post.geldig_vanaf > ontzorging.end_date:
        raise ValidationError({"geldig_vanaf": _("De post begint na het einde van de ontzorging.")})
    problem = overlap_problem(post)
    if problem:
        raise ValidationError(problem)


@transaction.atomic
def add_post(post: BetaalPost, user) -> BetaalPost:
    if not post.ontzorging.is_active:
        raise ValidationError(_("De ontzorging is beëindigd; er kunnen geen posten meer bij."))
    post.aangemaakt_door = user
    post.gecontroleerd_door = None
    post.gecontroleerd_op = None
    _check_post(post)
    post.save()
    return post


def paid_months(post: BetaalPost) -> list[date]:
    return list(post.regels.active().order_by("periode").values_list("periode", flat=True))


@transaction.atomic
def change_post(post: BetaalPost, successor: BetaalPost, user) -> BetaalPost:
    """A change from a month on: the item ends the day before and a successor (to be
    checked again) takes over. The old amount stays in the history."""
    start = successor.geldig_vanaf
    if start.day != 1:
        raise ValidationError(
            {"geldig_vanaf": _("Een wijziging gaat in op de eerste van een maand.")}
        )
    if start <= post.geldig_vanaf:
        raise ValidationError(
            {"geldig_vanaf": _("De wijziging moet ingaan na de begindatum van de post.")}
        )
    if post.geldig_tot is not None and start > post.geldig_tot:
        raise ValidationError({"geldig_vanaf": _("De post is dan al beëindigd.")})
    if hasattr(post, "opvolger"):
        raise ValidationError(_("Deze post is al gewijzigd; wijzig de nieuwste versie."))
    if any(month >= start for month in paid_months(post)):
        raise ValidationError(
            {
                "geldig_vanaf": _(
                    "Voor die maand is deze post al betaald. Laat de wijziging ingaan vanaf "
                    "de eerste maand die nog niet is betaald."
                )
            }
        )
    successor.geldig_tot = successor.geldig_tot or post.geldig_tot
    post.geldig_tot = start - timedelta(days=1)
    post.save()
    successor.ontzorging = post.ontzorging
    successor.soort = post.soort
    successor.vervangt = post
    successor.aangemaakt_door = user
    _check_post(successor)
    successor.save()
    return successor


@transaction.atomic
def end_post(post: BetaalPost, until: date) -> BetaalPost:
    if until < post.geldig_vanaf:
        raise ValidationError(_("De einddatum ligt vóór de begindatum van de post."))
    if any(month > until for month in paid_months(post)):
        raise ValidationError(_("Na die datum is de post al betaald; kies een latere einddatum."))
    post.geldig_tot = until
    post.save()
    return post


@transaction.atomic
def check_post(post: BetaalPost, user) -> BetaalPost:
    """Four eyes on an item: someone other than its author checks creditor, IBAN and
    amount before any run pays it."""
    if not user.can(Permission.PAYMENT_APPROVE):
        raise ValidationError(_("U mag posten niet controleren."))
    if post.aangemaakt_door_id == user.pk:
        raise ValidationError(
            _("U hebt deze post zelf ingevoerd; een collega moet hem controleren (vier ogen).")
        )
    if post.is_checked:
        return post
    post.gecontroleerd_door = user
    post.gecontroleerd_op = timezone.now()
    post.save()
    return post


def paid_lines_for(ontzorging: Ontzorging, user, limit: int = 24):
    """The latest payments made for the person (lines of exported runs)."""
    return list(
        Betaalregel.objects.for_user(user)
        .filter(post__ontzorging=ontzorging, vervallen=False, run__status=RunStatus.GEEXPORTEERD)
        .select_related("post__soort", "run")
        .order_by("-periode", "post__soort__volgorde", "id")[:limit]
    )


def item_terms(post: BetaalPost) -> rules.ItemTerms:
    return rules.ItemTerms(post.frequentie, post.geldig_vanaf, post.geldig_tot, post.bedrag)


def overview(ontzorging: Ontzorging, posts=None, benefits=None) -> list[rules.MonthOverview]:
    """Benefit, paid on behalf and leefgeld for every month of the ontzorging."""
    posts = list(ontzorging.posten.all()) if posts is None else posts
    benefits = list(ontzorging.uitkeringen.all()) if benefits is None else benefits
    return rules.monthly_overview(
        rules.months_between(ontzorging.start_date, ontzorging.end_date),
        [(b.geldig_vanaf, b.bedrag) for b in benefits],
        [item_terms(p) for p in posts],
        ontzorging_start=ontzorging.start_date,
        ontzorging_end=ontzorging.end_date,
    )


def month_row(rows: list[rules.MonthOverview], day: date) -> rules.MonthOverview | None:
    month = rules.month_start(day)
    return next((row for row in rows if row.month == month), None)


@transaction.atomic
def save_afbouw(ontzorging: Ontzorging, *, handover: date | None, note: str) -> Ontzorging:
    """Save the end checklist; with a handover date the person manages their own money
    from then on (status beëindigd). The handover needs the whole checklist."""
    if handover is not None:
        if not ontzorging.checklist_complete():
            raise ValidationError(
                _("Vink eerst alle punten van de eindchecklist aan voordat u overdraagt.")
            )
        if handover < ontzorging.start_date:
            raise ValidationError(_("De overdracht kan niet vóór de start van de ontzorging."))
        ontzorging.status = OntzorgingStatus.BEEINDIGD
        ontzorging.overdracht_op = handover
        # The end is a besluit: dated the day it is decided, sent afterwards.
        if ontzorging.einde_dagtekening is None:
            ontzorging.einde_dagtekening = timezone.localdate()
    ontzorging.overdracht_toelichting = note
    ontzorging.save()
    return ontzorging


# --- bekendmaking of the ontzorging's besluiten ------------------------------------------

BESLUIT_START = "start"
BESLUIT_EINDE = "einde"


def besluiten(ontzorging: Ontzorging, verlengingen=None) -> list[dict]:
    """The besluiten of an ontzorging that are sent to the person, in order: the start
    (Pw art. 56a), each extension on a Pw art. 57 besluit, the end with the handover. Each
    with its dagtekening, bekendmaking and the last day for bezwaar once it is sent."""
    found = [
        _besluit(
            BESLUIT_START,
            _("Beschikking ontzorging (Participatiewet art. 56a)"),
            ontzorging.beschikking_datum,
            ontzorging.bekendgemaakt_op,
            ontzorging.get_bekendmaking_wijze_display(),
        )
    ]
    for v in ontzorging.verlengingen.all() if verlengingen is None else verlengingen:
        if v.is_besluit and v.grondslag_op:
            found.append(
                _besluit(
                    f"verlenging-{v.pk}",
                    _("Besluit verlenging tot %(dag)s (Participatiewet art. 57)")
                    % {"dag": datum(v.nieuwe_einde)},
                    v.grondslag_op,
                    v.bekendgemaakt_op,
                    v.get_bekendmaking_wijze_display(),
                )
            )
    if ontzorging.einde_dagtekening:
        found.append(
            _besluit(
                BESLUIT_EINDE,
                _("Besluit einde ontzorging, overdracht naar zelfbeheer op %(dag)s")
                % {"dag": datum(ontzorging.overdracht_op)},
                ontzorging.einde_dagtekening,
                ontzorging.einde_bekendgemaakt_op,
                ontzorging.get_einde_bekendmaking_wijze_display(),
            )
        )
    return found


def _besluit(key, label, dagtekening, bekendgemaakt_op, wijze) -> dict:
    from regie.rules.deadlines import bezwaartermijn_einde

    return {
        "key": key,
        "label": label,
        "dagtekening": dagtekening,
        "bekendgemaakt_op": bekendgemaakt_op,
        "wijze": wijze,
        "bezwaar_einde": bezwaartermijn_einde(bekendgemaakt_op) if bekendgemaakt_op else None,
    }


@transaction.atomic
def record_bekendmaking(ontzorging: Ontzorging, besluit: str, user, op: date, wijze: str):
    """'Verzonden / uitgereikt' for one of the ontzorging's besluiten (``besluit``: 'start',
    'einde' or 'verlenging-<id>'); validated, saved and audit-logged by
    regie.core.bekendmaking. Raises ValidationError (Dutch) for an unknown besluit."""
    from regie.core import bekendmaking as core_bekendmaking

    unknown = ValidationError({"bekendgemaakt_op": [_("Dit besluit bestaat niet.")]})
    if besluit == BESLUIT_START:
        core_bekendmaking.record(
            ontzorging,
            op=op,
            wijze=wijze,
            dagtekening=ontzorging.beschikking_datum,
            user=user,
            what="beschikking ontzorging",
        )
    elif besluit == BESLUIT_EINDE:
        if ontzorging.einde_dagtekening is None:
            raise unknown
        core_bekendmaking.record(
            ontzorging,
            op=op,
            wijze=wijze,
            dagtekening=ontzorging.einde_dagtekening,
            user=user,
            field="einde_bekendgemaakt_op",
            wijze_field="einde_bekendmaking_wijze",
            what="besluit einde ontzorging",
        )
    elif besluit.startswith("verlenging-") and besluit.removeprefix("verlenging-").isdigit():
        verlenging = ontzorging.verlengingen.filter(
            pk=int(besluit.removeprefix("verlenging-")), grondslag=VerlengingGrondslag.PW57
        ).first()
        if verlenging is None or verlenging.grondslag_op is None:
            raise unknown
        core_bekendmaking.record(
            verlenging,
            op=op,
            wijze=wijze,
            dagtekening=verlenging.grondslag_op,
            user=user,
            what="besluit verlenging ontzorging",
        )
    else:
        raise unknown


# --- payment runs ----------------------------------------------------------------------


def visible_runs(user):
    return Betaalrun.objects.filter(municipality__in=served_municipality_ids(user))


def _month_label(month: date) -> str:
    return date_format(month, "F Y")


def due_posts(municipality: Municipality, month: date, user) -> tuple[list[BetaalPost], int]:
    """(checked items due in ``month`` that no active line pays yet, number of due items
    still waiting for their check). Two queries."""
    month = rules.month_start(month)
    last_day = rules.month_end(month)
    candidates = (
        BetaalPost.objects.for_user(user)
        .filter(
            ontzorging__inburgeraar__municipality=municipality,
            ontzorging__start_date__lte=last_day,
            ontzorging__end_date__gte=month,
            geldig_vanaf__lte=last_day,
        )
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=month))
        .filter(
            Q(ontzorging__overdracht_op__isnull=True) | Q(ontzorging__overdracht_op__gte=last_day)
        )
        .exclude(regels__periode=month, regels__vervallen=False)
        .select_related("ontzorging", "soort")
        .order_by("ontzorging__inburgeraar__last_name", "ontzorging_id", "id")
    )
    due, unchecked = [], 0
    for post in candidates:
        if not rules.is_due(
            post.frequentie,
            post.geldig_vanaf,
            post.geldig_tot,
            month,
            ontzorging_start=post.ontzorging.start_date,
            ontzorging_end=post.ontzorging.end_date,
        ):
            continue
        if post.is_checked:
            due.append(post)
        else:
            unchecked += 1
    return due, unchecked


def execution_date_for(month: date, today: date) -> date:
    """Rent is due at the start of the month: execute on the first TARGET2 business day
    of the month, or on the next one when that has passed (banks do not execute on a T2
    closing day; see ``regie.rules.target2``)."""
    return target2.business_day_on_or_after(max(rules.month_start(month), today))


@dataclass
class RunResult:
    run: Betaalrun | None
    created: bool
    added: int
    unchecked: int
    pending: int = 0  # due items not in the existing open run (added only explicitly)


def betaalregel_for(post: BetaalPost, month: date, run_id: int, inburgeraar_id: int) -> Betaalregel:
    """The payment line that pays ``post`` for ``month`` in run ``run_id`` (not saved): the
    post's amount and creditor, and the EndToEndId that keeps a month from being paid twice."""
    return Betaalregel(
        run_id=run_id,
        post=post,
        inburgeraar_id=inburgeraar_id,
        periode=month,
        bedrag=post.bedrag,
        crediteur=post.crediteur,
        iban=post.iban,
        bic=post.bic,
        kenmerk=post.kenmerk,
        end_to_end_id=rules.end_to_end_id(post.pk, month),
    )


def _require_account(municipality: Municipality) -> None:
    if not Betaalrekening.objects.filter(municipality=municipality).exists():
        raise ValidationError(
            _(
                "Voor %(gemeente)s is nog geen betaalrekening ingesteld; de functioneel "
                "beheerder stelt die in bij de financiële instellingen."
            )
            % {"gemeente": municipality}
        )


def _insert_lines(run: Betaalrun, due: list[BetaalPost], month: date) -> int:
    """Insert lines for ``due``; the database's unique constraint on (item, month) of
    active lines refuses a double payment even from concurrent runs. Returns the number
    added."""
    lines = [betaalregel_for(post, month, run.pk, post.ontzorging.inburgeraar_id) for post in due]
    before = run_totals(run)[0]
    try:
        with transaction.atomic():
            Betaalregel.objects.bulk_create(lines)
    except IntegrityError:
        # Another run took some of these items meanwhile: keep only what is free.
        Betaalregel.objects.bulk_create(lines, ignore_conflicts=True)
    return run_totals(run)[0] - before


def create_run(municipality: Municipality, month: date, user, today: date | None = None):
    """Make the run of ``month`` with the items due then — or, when an open run of that
    month exists, return it *unchanged* with the number of new due items (``pending``):
    a prepared run never changes silently; adding them is the explicit step
    :func:`add_posts_to_run`.

    A month whose earlier run was already exported gets a catch-up run (``inhaalrun``)
    for what is still unpaid. Idempotent and safe: an interrupted run leaves nothing
    behind (one transaction), and the unique constraint on (item, month) of active lines
    refuses a double payment even from concurrent runs.
    """
    today = today or timezone.localdate()
    month = rules.month_start(month)
    _require_account(municipality)
    with transaction.atomic():
        due, unchecked = due_posts(municipality, month, user)
        run = (
            Betaalrun.objects.select_for_update()
            .filter(municipality=municipality, periode=month, status__in=OPEN_RUN)
            .first()
        )
        if run is not None:
            if run.status != RunStatus.CONCEPT and due:
                raise ValidationError(
                    _(
                        "De run van %(maand)s is al goedgekeurd. Exporteer of annuleer die "
                        "eerst; daarna kunt u de %(n)s nieuwe posten in een inhaalrun zetten."
                    )
                    % {"maand": _month_label(month), "n": len(due)}
                )
            return RunResult(run, False, 0, unchecked, pending=len(due))
        if not due:
            message = _(
                "Er zijn geen gecontroleerde posten die in %(maand)s nog betaald moeten "
                "worden. Er is geen betaalrun gemaakt."
            ) % {"maand": _month_label(month)}
            if unchecked:
                message += " " + _(
                    "%(n)s post(en) wachten nog op controle door een tweede medewerker."
                ) % {"n": unchecked}
            raise ValidationError(message)
        earlier = Betaalrun.objects.filter(municipality=municipality, periode=month)
        number = earlier.count()
        catch_up = earlier.filter(status=RunStatus.GEEXPORTEERD).exists()
        run = Betaalrun.objects.create(
            municipality=municipality,
            periode=month,
            msg_id=f"REGIE-{municipality.cbs_code}-{month:%Y%m}-{number + 1}",
            uitvoeringsdatum=execution_date_for(month, today),
            voorbereid_door=user,
            inhaalrun=catch_up,
        )
        added = _insert_lines(run, due, month)
        kind = "inhaalrun" if catch_up else "betaalrun"
        audit.log(
            AuditAction.CREATE,
            obj=run,
            object_type="betaalrun",
            description=f"{kind} {run.msg_id}: {added} posten geselecteerd voor {month:%m-%Y}",
        )
        return RunResult(run, True, added, unchecked)


@dataclass(frozen=True)
class Arrears:
    """Checked items of a month whose run was already exported, still unpaid."""

    municipality: Municipality
    month: date
    count: int
    open_run_id: int | None  # a catch-up run already being prepared


def arrears(user, today: date, months_back: int = 12) -> list[Arrears]:
    """Per municipality and month (up to ``months_back`` months ago, to this month): the
    checked items due then that no active line pays although that month's run was
    exported — an ontzorging or item recorded after the run. Three queries."""
    first = rules.add_months(rules.month_start(today), -months_back)
    last = rules.month_start(today)
    runs = list(
        visible_runs(user)
        .filter(periode__gte=first, periode__lte=last)
        .exclude(status=RunStatus.GEANNULEERD)
        .select_related("municipality")
        .values_list("municipality_id", "periode", "status", "pk")
    )
    exported = {(m, p) for m, p, status, _pk in runs if status == RunStatus.GEEXPORTEERD}
    if not exported:
        return []
    open_runs = {(m, p): pk for m, p, status, pk in runs if status in OPEN_RUN}
    municipalities = {m for m, _p in exported}
    posts = list(
        BetaalPost.objects.for_user(user)
        .filter(
            ontzorging__inburgeraar__municipality__in=municipalities,
            gecontroleerd_op__isnull=False,
            geldig_vanaf__lte=rules.month_end(last),
            ontzorging__end_date__gte=first,
        )
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=first))
        .select_related("ontzorging__inburgeraar")
    )
    paid = set(
        Betaalregel.objects.filter(post__in=[p.pk for p in posts], vervallen=False)
        .filter(periode__gte=first)
        .values_list("post_id", "periode")
    )
    counts: dict[tuple[int, date], int] = defaultdict(int)
    for post in posts:
        o = post.ontzorging
        municipality_id = o.inburgeraar.municipality_id
        for month in rules.months_between(max(first, post.geldig_vanaf), last):
            if (municipality_id, month) not in exported or (post.pk, month) in paid:
                continue
            if o.overdracht_op is not None and o.overdracht_op < rules.month_end(month):
                continue
            if rules.is_due(
                post.frequentie,
                post.geldig_vanaf,
                post.geldig_tot,
                month,
                ontzorging_start=o.start_date,
                ontzorging_end=o.end_date,
            ):
                counts[(municipality_id, month)] += 1
    names = Municipality.objects.in_bulk(list({m for m, _p in counts}))
    return [
        Arrears(names[m], month, n, open_runs.get((m, month)))
        for (m, month), n in sorted(counts.items(), key=lambda item: (item[0][1], item[0][0]))
    ]


def pending_posts(run: Betaalrun, user) -> int:
    """The due, checked items of the run's month that the open run does not hold yet."""
    if run.status != RunStatus.CONCEPT:
        return 0
    return len(due_posts(run.municipality, run.periode, user)[0])


@transaction.atomic
def add_posts_to_run(run: Betaalrun, user) -> int:
    """The explicit step that adds the new due items to an open concept run. Whoever does
    it has changed the run and can no longer approve it (four eyes)."""
    run = Betaalrun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.CONCEPT:
        raise ValidationError(_("Alleen aan een conceptrun kunnen posten worden toegevoegd."))
    due, _unchecked = due_posts(run.municipality, run.periode, user)
    if not due:
        return 0
    added = _insert_lines(run, due, run.periode)
    if added:
        run.gewijzigd_door.add(user)
        audit.log(
            AuditAction.UPDATE,
            obj=run,
            object_type="betaalrun",
            description=f"betaalrun {run.msg_id}: {added} posten toegevoegd",
        )
    return added


def lines_hash(run: Betaalrun) -> str:
    """A fingerprint of exactly what is paid: every active line's id, amount and IBAN.
    The approve form carries the hash of the lines it showed; approval is refused when
    the lines differ by then."""
    rows = run.regels.active().order_by("id").values_list("id", "bedrag", "iban")
    text = "\n".join(f"{pk}|{amount:.2f}|{iban}" for pk, amount, iban in rows)
    return hashlib.sha256(text.encode()).hexdigest()


def approve_problem(run: Betaalrun, user) -> str | None:
    """Why ``user`` may not approve ``run`` (four eyes), or None."""
    if run.voorbereid_door_id == user.pk:
        return _(
            "U hebt deze run zelf voorbereid; een collega die hem niet voorbereidde of "
            "wijzigde moet hem goedkeuren (vier ogen)."
        )
    if run.gewijzigd_door.filter(pk=user.pk).exists():
        return _(
            "U hebt posten aan deze run toegevoegd; een collega die hem niet voorbereidde of "
            "wijzigde moet hem goedkeuren (vier ogen)."
        )
    return None


def run_totals(run: Betaalrun) -> tuple[int, Decimal]:
    row = run.regels.active().aggregate(n=Count("id"), total=Sum("bedrag"))
    return row["n"], row["total"] or Decimal("0")


def run_lines(run: Betaalrun, user):
    return (
        Betaalregel.objects.for_user(user)
        .filter(run=run)
        .select_related("inburgeraar", "post__soort")
        .order_by("inburgeraar__last_name", "inburgeraar_id", "post__soort__volgorde", "id")
    )


@transaction.atomic
def approve_run(run: Betaalrun, user, shown_hash: str | None = None) -> Betaalrun:
    """Approve exactly the lines the approver saw: ``shown_hash`` is the
    :func:`lines_hash` the approve form displayed (None only for callers that show no
    page, such as the demo)."""
    run = Betaalrun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.CONCEPT:
        raise ValidationError(_("Alleen een conceptrun kan worden goedgekeurd."))
    problem = approve_problem(run, user)
    if problem:
        raise ValidationError(problem)
    if run_totals(run)[0] == 0:
        raise ValidationError(_("Deze betaalrun bevat geen posten; er valt niets goed te keuren."))
    current = lines_hash(run)
    if shown_hash is not None and shown_hash != current:
        raise ValidationError(
            _(
                "De betalingen van deze run zijn veranderd sinds u de pagina opende. Bekijk "
                "de run opnieuw en keur daarna goed."
            )
        )
    run.goedgekeurd_hash = current
    run.status = RunStatus.GOEDGEKEURD
    run.goedgekeurd_door = user
    run.goedgekeurd_op = timezone.now()
    run.save()
    audit.log(
        AuditAction.UPDATE,
        obj=run,
        object_type="betaalrun",
        description=f"betaalrun {run.msg_id} goedgekeurd",
    )
    return run


@transaction.atomic
def export_run(run: Betaalrun, user, now: datetime | None = None) -> Betaalrun:
    """Make the SEPA file of an approved run (once: exporting again returns the same)."""
    run = Betaalrun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.GEEXPORTEERD:
        return run
    if run.status != RunStatus.GOEDGEKEURD:
        raise ValidationError(_("Alleen een goedgekeurde run kan worden geëxporteerd."))
    lines = list(run.regels.active().order_by("id"))
    if not lines:
        raise ValidationError(_("Deze betaalrun bevat geen posten; er is niets te exporteren."))
    if run.goedgekeurd_hash and run.goedgekeurd_hash != lines_hash(run):
        raise ValidationError(
            _("De betalingen zijn veranderd na de goedkeuring; annuleer de run en begin opnieuw.")
        )
    account = Betaalrekening.objects.get(municipality=run.municipality_id)
    xml = sepa.credit_transfer_xml(
        msg_id=run.msg_id,
        created=timezone.localtime(now or timezone.now()),
        initiating_party=account.naam,
        debtor=sepa.Debtor(account.naam, account.iban, account.bic),
        execution_date=run.uitvoeringsdatum,
        transfers=[
            sepa.Transfer(
                end_to_end_id=line.end_to_end_id,
                amount=line.bedrag,
                creditor=line.crediteur,
                iban=line.iban,
                bic=line.bic,
                remittance=f"{line.kenmerk} {line.periode:%m-%Y}",
            )
            for line in lines
        ],
    )
    run.sepa_xml = xml
    run.sepa_sha256 = hashlib.sha256(xml).hexdigest()
    run.status = RunStatus.GEEXPORTEERD
    run.geexporteerd_door = user
    run.geexporteerd_op = now or timezone.now()
    run.save()
    audit.log(
        AuditAction.EXPORT,
        obj=run,
        object_type="betaalrun",
        description=f"SEPA-bestand {run.msg_id}: {len(lines)} betalingen",
    )
    return run


@transaction.atomic
def cancel_run(run: Betaalrun, user, reason: str) -> Betaalrun:
    """Cancel before export: the lines lapse, so their items can be paid by a new run."""
    run = Betaalrun.objects.select_for_update().get(pk=run.pk)
    if not run.is_open:
        raise ValidationError(
            _("Een geëxporteerde of al geannuleerde run kan niet worden geannuleerd.")
        )
    if not reason.strip():
        raise ValidationError(_("Geef de reden van de annulering op."))
    run.regels.update(vervallen=True)
    run.status = RunStatus.GEANNULEERD
    run.geannuleerd_door = user
    run.geannuleerd_op = timezone.now()
    run.annuleringsreden = reason.strip()[:300]
    run.save()
    audit.log(
        AuditAction.UPDATE,
        obj=run,
        object_type="betaalrun",
        description=f"betaalrun {run.msg_id} geannuleerd: {run.annuleringsreden}",
    )
    return run


# --- budget ----------------------------------------------------------------------------


@dataclass
class ContractLine:
    contract: Contract
    trajecten: int | None
    committed: Decimal
    realised: Decimal


@dataclass
class FundingBlock:
    soort: str
    label: str
    funding: Decimal
    description: str = ""
    lines: list[ContractLine] = field(default_factory=list)
    funding_id: int | None = None  # the Financiering, when the stream is recorded
    allocations: list = field(default_factory=list)  # FundingAllocation, by activity

    @property
    def allocated(self) -> Decimal:
        return budget_rules.money(sum((a.amount for a in self.allocations), Decimal(0)))

    @property
    def unallocated(self) -> Decimal:
        """The part of the stream not allocated to an activity (seed §4.3)."""
        return budget_rules.money(self.funding - self.allocated)

    @property
    def committed(self) -> Decimal:
        return budget_rules.money(sum((line.committed for line in self.lines), Decimal(0)))

    @property
    def realised(self) -> Decimal:
        return budget_rules.money(sum((line.realised for line in self.lines), Decimal(0)))

    @property
    def remainder(self) -> Decimal:
        return budget_rules.remainder([self.funding], [line.committed for line in self.lines])


@dataclass(frozen=True)
class Traject:
    route: str
    aanbieder_id: int | None
    start: date
    months: int


def trajecten(municipality: Municipality) -> list[Traject]:
    """The leerroute trajectories of the municipality's inburgeraars, from the PIPs: the
    route and aanbieder of the latest vastgestelde version, started on the dagtekening of
    the first. Read-only, one query."""
    from regie.plans.models import PIPVersie, VersieStatus

    rows = (
        PIPVersie.objects.filter(
            pip__inburgeraar__municipality=municipality, status=VersieStatus.VASTGESTELD
        )
        .exclude(dagtekening=None)
        .order_by("pip_id", "nummer")
        .values_list("pip_id", "leerroute", "aanbieder_id", "dagtekening", "duur_maanden")
    )
    by_pip: dict[int, Traject] = {}
    for pip_id, route, aanbieder, dagtekening, months in rows:
        first = by_pip.get(pip_id)
        start = first.start if first else dagtekening
        by_pip[pip_id] = Traject(route, aanbieder, start, months or 12)
    return list(by_pip.values())


def budget_for(municipality: Municipality, year: int, today: date | None = None):
    """The budget of a year per funding stream: funding, its allocations to activities,
    contracts with their commitments and realised costs, and the remainder — all
    computed. Four queries.

    A per-traject contract of year Y commits, for every traject of its route (and
    aanbieder) running in Y, the part of the price that falls in Y (the price spread
    evenly over the traject's months); realised is the part of those months already begun.
    """
    today = today or timezone.localdate()
    funding = {
        f.soort: f for f in Financiering.objects.filter(municipality=municipality, jaar=year)
    }
    contracts = list(
        Contract.objects.filter(municipality=municipality, jaar=year).select_related("organisatie")
    )
    route_contracts = [c for c in contracts if c.per_traject]
    running = []
    if route_contracts:
        running = [
            t
            for t in trajecten(municipality)
            if budget_rules.traject_months_in_year(t.start.year, t.start.month, t.months, year)
        ]
    blocks: dict[str, FundingBlock] = {}
    for soort in FinancieringSoort:
        stream = funding.get(soort.value)
        if stream is None and not any(c.ten_laste_van == soort.value for c in contracts):
            continue
        blocks[soort.value] = FundingBlock(
            soort.value,
            str(soort.label),
            stream.bedrag if stream else Decimal(0),
            stream.omschrijving if stream else "",
            funding_id=stream.pk if stream else None,
        )
    for allocation in (
        FundingAllocation.objects.filter(funding__in=[f.pk for f in funding.values()])
        .select_related("activity__municipality")
        .order_by("activity__name", "pk")
    ):
        soort = next(k for k, f in funding.items() if f.pk == allocation.funding_id)
        blocks[soort].allocations.append(allocation)
    for contract in contracts:
        if contract.per_traject:
            mine = [t for t in running if _contract_covers(contract, t, route_contracts)]
            price = contract.prijs_per_traject
            committed = realised = Decimal(0)
            for t in mine:
                committed += price * budget_rules.traject_share_in_year(
                    t.start.year, t.start.month, t.months, year
                )
                begun = min(
                    t.months,
                    budget_rules.months_elapsed(
                        t.start.year, t.start.month, today.year, today.month
                    ),
                )
                realised += (
                    price
                    * budget_rules.traject_months_in_year(t.start.year, t.start.month, begun, year)
                    / Decimal(t.months)
                    if begun
                    else Decimal(0)
                )
            line = ContractLine(
                contract, len(mine), budget_rules.money(committed), budget_rules.money(realised)
            )
        else:
            line = ContractLine(contract, None, contract.bedrag, contract.gerealiseerd)
        blocks[contract.ten_laste_van].lines.append(line)
    return list(blocks.values())


def _contract_covers(contract: Contract, traject: Traject, route_contracts) -> bool:
    if traject.route != contract.leerroute:
        return False
    if contract.organisatie_id is not None:
        return contract.organisatie_id == traject.aanbieder_id
    # A route contract without organisation takes the trajecten of aanbieders that have no
    # contract of their own for that route.
    return not any(
        c.organisatie_id == traject.aanbieder_id and c.leerroute == traject.route
        for c in route_contracts
    )


def budget_years(municipality: Municipality) -> list[int]:
    years = set(
        Financiering.objects.filter(municipality=municipality).values_list("jaar", flat=True)
    ) | set(Contract.objects.filter(municipality=municipality).values_list("jaar", flat=True))
    return sorted(years)


# --- forecast --------------------------------------------------------------------------

# Funding and costs that recur every year; invoeringskosten and the bestemmingsreserve
# are one-off and stay out of the forecast, as do the uitvoerder's incidental costs.
RECURRING_FUNDING = (FinancieringSoort.INTEGRATIE_UITKERING, FinancieringSoort.SPUK)
PER_PERSON_CONTRACTS = (
    ContractSoort.PVT,
    ContractSoort.MAP,
    ContractSoort.TOLKEN,
    ContractSoort.BEGELEIDING,
)


def route_months(municipality: Municipality) -> dict[str, int]:
    """The average duration per leerroute in the municipality's PIPs, else the default."""
    durations: dict[str, list[int]] = defaultdict(list)
    for traject in trajecten(municipality):
        durations[traject.route].append(traject.months)
    return {
        route: round(sum(durations[route]) / len(durations[route]))
        if durations.get(route)
        else default
        for route, default in budget_rules.DEFAULT_ROUTE_MONTHS.items()
    }


def forecast_input(
    scenario: Scenario, contracts, funding, months: dict[str, int] | None = None
) -> budget_rules.ForecastInput:
    """The forecast's inputs from the scenario and the prices and funding of its price
    year. Per-traject prices are averaged over the aanbieders of a route; the fixed
    voorzieningen (PVT, MAP, tolken, begeleiding) become a cost per inburgeraar by dividing
    by the scenario's expected inflow."""
    prices: dict[str, list[Decimal]] = defaultdict(list)
    per_person = Decimal(0)
    fixed = Decimal(0)
    for contract in contracts:
        if contract.per_traject:
            prices[contract.leerroute].append(contract.prijs_per_traject)
        elif contract.soort in PER_PERSON_CONTRACTS:
            per_person += contract.bedrag
        elif contract.soort == ContractSoort.UITVOERING_STRUCTUREEL:
            fixed += contract.bedrag
    yearly_funding = sum((f.bedrag for f in funding if f.soort in RECURRING_FUNDING), Decimal(0))
    years = range(scenario.eerste_jaar, scenario.eerste_jaar + scenario.aantal_jaren)
    return budget_rules.ForecastInput(
        years=list(years),
        inflow=scenario.instroom,
        inflow_factor=Decimal(scenario.instroom_factor_pct) / 100,
        route_mix={
            "onderwijs": Decimal(scenario.aandeel_onderwijs_pct) / 100,
            "b1": Decimal(scenario.aandeel_b1_pct) / 100,
            "z": Decimal(scenario.aandeel_z_pct) / 100,
        },
        price_per_traject={
            route: budget_rules.money(sum(values, Decimal(0)) / len(values))
            for route, values in prices.items()
        },
        cost_per_person=budget_rules.money(per_person / scenario.instroom)
        if scenario.instroom
        else Decimal(0),
        fixed_costs=fixed,
        funding=dict.fromkeys(years, yearly_funding),
        route_months=months or budget_rules.DEFAULT_ROUTE_MONTHS,
    )


@dataclass
class ScenarioForecast:
    scenario: Scenario
    rows: list[budget_rules.ForecastYear]
    problem: str = ""

    @property
    def totals(self):
        return budget_rules.totals(self.rows)


def forecasts(municipality: Municipality) -> list[ScenarioForecast]:
    """Every scenario of the municipality with its projection. Four queries."""
    scenarios = list(Scenario.objects.filter(municipality=municipality))
    months = route_months(municipality) if scenarios else None
    years = {s.prijsjaar for s in scenarios}
    contracts = defaultdict(list)
    for contract in Contract.objects.filter(municipality=municipality, jaar__in=years):
        contracts[contract.jaar].append(contract)
    funding = defaultdict(list)
    for stream in Financiering.objects.filter(municipality=municipality, jaar__in=years):
        funding[stream.jaar].append(stream)
    result = []
    for scenario in scenarios:
        data = forecast_input(
            scenario, contracts[scenario.prijsjaar], funding[scenario.prijsjaar], months
        )
        try:
            result.append(ScenarioForecast(scenario, budget_rules.forecast(data)))
        except budget_rules.MissingPrices as error:
            # The routes by their names in the page's language, not the rule's codes.
            missing = _(
                "Er ontbreken prijzen per traject in %(jaar)s voor een leerroute met een aandeel "
                "in dit scenario (%(detail)s)."
            ) % {
                "jaar": scenario.prijsjaar,
                "detail": ", ".join(str(LEERROUTE_LABELS[route]) for route in error.routes),
            }
            result.append(ScenarioForecast(scenario, [], missing))
        except ValueError as error:
            result.append(ScenarioForecast(scenario, [], str(error)))
    return result


def municipalities_for(user) -> list[Municipality]:
    return list(Municipality.objects.filter(pk__in=served_municipality_ids(user)))


def chosen_municipality(user, value) -> Municipality | None:
    options = municipalities_for(user)
    for municipality in options:
        if str(municipality.pk) == str(value):
            return municipality
    return options[0] if options else None
