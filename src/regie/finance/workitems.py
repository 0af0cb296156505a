"""The finance app's contributions to shared pages: afbouw signals (ontzorging ending
within the local afbouw period, four weeks by default, or ended without handover) for the
klantmanager; runs awaiting approval
and items awaiting their check for the financieel medewerker; and the ontzorging section
of the person's file. Each does a constant number of queries.

No caseload deadline is contributed on purpose: the caseload list is seen by roles that
must not learn that a person is on bijstand (aanbieder, coördinator)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.core.access import caseload_q, compiled_query, served_municipality_ids
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.localrules import local_value, local_values
from regie.core.presence import only_if_present, person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.finance import services
from regie.finance.models import (
    BetaalPost,
    CorrectieStatus,
    DeelnameStatus,
    GeldtrainingDeelname,
    Ontzorging,
    OntzorgingStatus,
    RunStatus,
    UitkeringCorrectie,
    Verlenging,
)
from regie.finance.templatetags.finance import euro
from regie.rules import ontzorging as rules
from regie.rules.ontzorging import VerlengingGrondslag

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("ontzorging", "finance.Ontzorging")
person_presence("geldtraining", "finance.GeldtrainingDeelname")


@dataclass(frozen=True)
class Label:
    """Stands in for a person in a werkvoorraad row about a payment run."""

    full_name: str


def afbouw_items(user, today: date) -> list[WorkItem]:
    # The signal period is local policy: read it for every municipality the user serves
    # (one query), fetch up to the longest, keep each ontzorging within its own.
    weeks = local_values("ontzorging_afbouw_signaal_weken", served_municipality_ids(user))
    default = rules.AFBOUW_SIGNAAL_WEKEN
    horizon = today + timedelta(weeks=max(weeks.values(), default=default))
    ending = _ending_before(user, horizon)
    return [
        WorkItem(
            o.inburgeraar,
            _("Einde ontzorging: eindchecklist en overdracht naar zelfbeheer"),
            o.end_date,
            reverse_row("ontzorging_afbouw", o.inburgeraar_id),
        )
        for o in ending
        if o.end_date <= today + timedelta(weeks=weeks.get(o.inburgeraar.municipality_id, default))
    ]


@compiled_query
def _ending_before(user, horizon: date):
    return (
        Ontzorging.objects.for_user(user)
        .filter(
            caseload_q(user, "inburgeraar__"), status=OntzorgingStatus.ACTIEF, end_date__lte=horizon
        )
        .select_related("inburgeraar")
        .order_by("end_date")[:100]
    )


def unsent_items(user) -> list[WorkItem]:
    """The ontzorging's besluiten (start, Pw art. 57 extension, end) of the caseload not yet
    recorded as sent or handed over: the bezwaartermijn has not started (Awb art. 6:8). Two
    queries."""
    ontzorgingen = list(_unsent(user))
    verlengingen = defaultdict(list)
    for v in Verlenging.objects.filter(ontzorging__in=ontzorgingen).order_by("created_at", "id"):
        verlengingen[v.ontzorging_id].append(v)
    items = []
    for o in ontzorgingen:
        for b in services.besluiten(o, verlengingen[o.pk]):
            if b["bekendgemaakt_op"] is None:
                items.append(
                    WorkItem(
                        o.inburgeraar,
                        _("%(besluit)s: verzending of uitreiking vastleggen")
                        % {"besluit": b["label"]},
                        None,
                        reverse_row("ontzorging_detail", o.inburgeraar_id),
                    )
                )
    return items


@compiled_query
def _unsent(user):
    return (
        Ontzorging.objects.for_user(user)
        .filter(caseload_q(user, "inburgeraar__"))
        .filter(
            Q(bekendgemaakt_op__isnull=True)
            | Q(einde_dagtekening__isnull=False, einde_bekendgemaakt_op__isnull=True)
            | Q(
                verlengingen__grondslag=VerlengingGrondslag.PW57.value,
                verlengingen__grondslag_op__isnull=False,
                verlengingen__bekendgemaakt_op__isnull=True,
            )
        )
        .distinct()
        .select_related("inburgeraar")
        .order_by("beschikking_datum", "pk")[:100]
    )


@werkvoorraad_provider
def klantmanager_finance_work(user, today: date):
    if not user.has_role(Role.KLANTMANAGER):
        return []
    return [
        WorkSection(
            "ontzorging_verzending",
            _("Besluiten over ontzorging om te versturen"),
            unsent_items(user),
            _("Alle besluiten over ontzorging zijn verzonden."),
            order=41,
        ),
        WorkSection(
            "ontzorging_afbouw",
            _("Ontzorging eindigt binnen 4 weken"),
            afbouw_items(user, today),
            _("Geen ontzorgingen die binnen 4 weken eindigen."),
            order=40,
        ),
    ]


def runs_awaiting_approval(user) -> list[WorkItem]:
    runs = (
        services.visible_runs(user)
        .filter(status=RunStatus.CONCEPT)
        .exclude(voorbereid_door=user)
        .exclude(gewijzigd_door=user)
        .select_related("municipality", "voorbereid_door")
        .order_by("periode")[:50]
    )
    return [
        WorkItem(
            Label(f"{run.municipality} – {date_format(run.periode, 'F Y')}"),
            (
                _("Inhaalrun goedkeuren (voorbereid door %(who)s)")
                if run.inhaalrun
                else _("Betaalrun goedkeuren (voorbereid door %(who)s)")
            )
            % {"who": run.voorbereid_door},
            run.uitvoeringsdatum,
            reverse_row("betaalrun_detail", run.pk),
        )
        for run in runs
    ]


def arrears_items(user, today: date) -> list[WorkItem]:
    """Checked items of months whose run was already exported, still unpaid: to be paid
    in a catch-up run (inhaalrun) of that month."""
    items = []
    for row in services.arrears(user, today):
        month = date_format(row.month, "F Y")
        link = (
            reverse_row("betaalrun_detail", row.open_run_id)
            if row.open_run_id
            else f"{reverse('betaalrun_list')}?gemeente={row.municipality.pk}"
            f"&maand={row.month:%Y-%m}"
        )
        items.append(
            WorkItem(
                Label(f"{row.municipality} – {month}"),
                ngettext(
                    "%(n)s achterstallige post: de run van %(maand)s is al geëxporteerd; "
                    "betaal hem in een inhaalrun",
                    "%(n)s achterstallige posten: de run van %(maand)s is al geëxporteerd; "
                    "betaal ze in een inhaalrun",
                    row.count,
                )
                % {"n": row.count, "maand": month},
                row.month,
                link,
            )
        )
    return items


def posts_awaiting_check(user) -> list[WorkItem]:
    posts = (
        BetaalPost.objects.for_user(user)
        .filter(gecontroleerd_op__isnull=True, ontzorging__status=OntzorgingStatus.ACTIEF)
        .exclude(aangemaakt_door=user)
        .select_related("ontzorging__inburgeraar", "soort")
        .order_by("geldig_vanaf")[:100]
    )
    return [
        WorkItem(
            p.ontzorging.inburgeraar,
            _("Vaste last controleren: %(soort)s aan %(crediteur)s")
            % {"soort": p.soort, "crediteur": p.crediteur},
            p.geldig_vanaf,
            reverse_row("ontzorging_detail", p.ontzorging.inburgeraar_id),
        )
        for p in posts
    ]


@werkvoorraad_provider
def financieel_work(user, today: date):
    if not user.can(Permission.PAYMENT_RUN):
        return []
    sections = [
        WorkSection(
            "runs_arrears",
            _("Achterstallige posten"),
            arrears_items(user, today),
            _("Geen achterstallige posten van maanden die al zijn uitbetaald."),
            order=13,
        )
    ]
    if user.can(Permission.PAYMENT_APPROVE):
        sections += [
            WorkSection(
                "runs_approval",
                _("Betaalruns die wachten op uw goedkeuring"),
                runs_awaiting_approval(user),
                _("Geen betaalruns om goed te keuren."),
                order=12,
            ),
            WorkSection(
                "posts_check",
                _("Vaste lasten die wachten op controle"),
                posts_awaiting_check(user),
                _("Geen vaste lasten om te controleren."),
                order=14,
            ),
        ]
    return sections


@compiled_query
def _open_corrections(user):
    return (
        UitkeringCorrectie.objects.for_user(user)
        .filter(status=CorrectieStatus.OPEN)
        .exclude(aangevraagd_door=user)
        .select_related("uitkering__ontzorging__inburgeraar", "aangevraagd_door")
        .order_by("created_at")[:100]
    )


def corrections_awaiting_confirmation(user) -> list[WorkItem]:
    corrections = _open_corrections(user)
    return [
        WorkItem(
            c.uitkering.ontzorging.inburgeraar,
            _("Correctie uitkeringsbedrag bevestigen: %(oud)s wordt %(nieuw)s (door %(who)s)")
            % {
                "oud": euro(c.oud_bedrag),
                "nieuw": euro(c.nieuw_bedrag),
                "who": c.aangevraagd_door,
            },
            c.uitkering.geldig_vanaf,
            reverse_row("ontzorging_detail", c.uitkering.ontzorging.inburgeraar_id),
        )
        for c in corrections
    ]


@werkvoorraad_provider
def correction_work(user, today: date):
    if not user.can(Permission.ONTZORGING_CHANGE):
        return []
    return [
        WorkSection(
            "benefit_corrections",
            _("Correcties van uitkeringsbedragen die wachten op uw bevestiging"),
            corrections_awaiting_confirmation(user),
            _("Geen correcties om te bevestigen."),
            order=15,
        )
    ]


@person_section
def ontzorging_section(request, person) -> PersonSection | None:
    if not request.user.can(Permission.ONTZORGING_VIEW):
        return None
    ontzorging = (
        only_if_present(
            Ontzorging.objects.for_user(request.user).filter(inburgeraar=person),
            person,
            "ontzorging",
        )
        .prefetch_related("posten", "uitkeringen", "verlengingen")
        .first()
    )
    training = (
        only_if_present(
            GeldtrainingDeelname.objects.for_user(request.user).filter(inburgeraar=person),
            person,
            "geldtraining",
        )
        .exclude(status=DeelnameStatus.GESTOPT)
        .first()
    )
    eligible = person.rechtspositie.ontzorging  # Participatiewet art. 56a
    if ontzorging is None and training is None and not eligible:
        return None
    today = timezone.localdate()
    context = {
        "person": person,
        "ontzorging": ontzorging,
        "training": training,
        "eligible": eligible,
    }
    if ontzorging is not None:
        posts = list(ontzorging.posten.all())
        rows = services.overview(ontzorging, posts, list(ontzorging.uitkeringen.all()))
        context.update(
            posts=len(posts),
            this_month=services.month_row(rows, today),
            extended=bool(ontzorging.verlengingen.all()),
            in_afbouw=ontzorging.is_active
            and rules.in_afbouw(
                ontzorging.end_date,
                today,
                local_value(person.municipality, "ontzorging_afbouw_signaal_weken"),
            ),
            overdue=ontzorging.is_active and ontzorging.end_date < today,
        )
    return PersonSection("finance/_section.html", context, order=40)
