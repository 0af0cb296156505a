"""The intake's contributions to shared pages: the klantmanager's werkvoorraad (brede
intakes to plan, toets no-shows needing a new invitation) and the section on the person's
file. Registered in IntakeConfig.ready(). The werkvoorraad does a constant number of
queries whatever the caseload."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import caseload_q, compiled_query
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.memo import per_request
from regie.core.presence import has_rows, person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.intake import services
from regie.intake.models import (
    BredeIntake,
    IntakeOproep,
    Leerbaarheidstoets,
    OproepStatus,
    ToetsStatus,
)
from regie.people.models import Inburgeraar, TermijnSoort, Termijnwijziging
from regie.people.workitems import housing_weeks_for, pip_deadline
from regie.rules.lifecycle import TERMINAL, Regime, Status
from regie.rules.oproepen import oproep_overdue

MAX_ITEMS = 200

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("intakegesprek", "intake.IntakeGesprek", "intake__inburgeraar")
person_presence("toets", "intake.Leerbaarheidstoets")


def intakes_to_plan(user) -> list[Inburgeraar]:
    """Persons in status 'aangemeld', assigned to the user or their team, without a
    started brede intake (the obligation of the Wet inburgering 2021)."""
    return list(_intakes_to_plan(user))


@compiled_query
def _intakes_to_plan(user):
    started = BredeIntake.objects.filter(inburgeraar=OuterRef("pk"))
    # A person with an open oproep appears under the oproepen instead.
    called_up = IntakeOproep.objects.filter(inburgeraar=OuterRef("pk"), status=OproepStatus.OPEN)
    overgenomen = Termijnwijziging.objects.filter(
        inburgeraar=OuterRef("pk"), soort=TermijnSoort.OVERGENOMEN
    )
    return (
        Inburgeraar.objects.for_user(user)
        .filter(caseload_q(user), status=Status.AANGEMELD, regime=Regime.WI2021)
        .filter(~Exists(started), ~Exists(called_up))
        # A mover's PIP is due 10 weeks after registration here (Besluit art. 5.3 lid 3).
        .annotate(termijn_overgenomen=Exists(overgenomen))
        .select_related("municipality")
        .order_by("kennisgeving_date", "id")[:MAX_ITEMS]
    )


@per_request
def toets_no_shows_to_invite(user) -> list[Inburgeraar]:
    """Persons whose most recent toets record is a no-show: they need a new invitation.
    Each carries ``toets_no_show_count``."""
    return list(_toets_no_shows(user))


@compiled_query
def _toets_no_shows(user):
    toetsen = Leerbaarheidstoets.objects.filter(inburgeraar=OuterRef("pk"))
    latest_status = toetsen.order_by("-created_at", "-id").values("status")[:1]
    no_show_count = (
        toetsen.filter(status=ToetsStatus.NIET_VERSCHENEN)
        .values("inburgeraar")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return (
        Inburgeraar.objects.for_user(user)
        .filter(caseload_q(user))
        .exclude(status__in=[s.value for s in TERMINAL])
        .annotate(
            toets_latest_status=Subquery(latest_status),
            toets_no_show_count=Subquery(no_show_count),
        )
        .filter(toets_latest_status=ToetsStatus.NIET_VERSCHENEN)
        .order_by("last_name", "first_name", "id")[:MAX_ITEMS]
    )


def open_oproepen(user) -> list[IntakeOproep]:
    """Open oproepen for the brede intake of persons assigned to the user or their team,
    the earliest term first (one query)."""
    return list(_open_oproepen(user))


@compiled_query
def _open_oproepen(user):
    persons = Inburgeraar.objects.for_user(user).filter(caseload_q(user))
    return (
        IntakeOproep.objects.for_user(user)
        .filter(status=OproepStatus.OPEN, inburgeraar__in=persons)
        .select_related("inburgeraar")
        .defer("pdf")
        .order_by("termijn_einde", "id")[:MAX_ITEMS]
    )


def oproep_work_item(oproep: IntakeOproep, today: date) -> WorkItem:
    """An open oproep with its term as the deadline: before the end 'wacht op de afspraak',
    from the day after 'verwerk: verschenen of niet' (the term runs through its last day)."""
    if oproep_overdue(oproep.termijn_einde, today):
        label = _(
            "Oproep %(n)s brede intake: termijn verstreken, leg vast of de inburgeraar "
            "is verschenen"
        ) % {"n": oproep.volgnummer}
    else:
        label = _("Oproep %(n)s brede intake: afspraak %(day)s") % {
            "n": oproep.volgnummer,
            "day": date_format(oproep.afspraak_op, "j F Y"),
        }
    return WorkItem(
        oproep.inburgeraar,
        label,
        oproep.termijn_einde,
        reverse_row("intake_detail", oproep.inburgeraar_id) + "#oproepen",
    )


@werkvoorraad_provider
def intake_work(user, today: date):
    if not user.has_role(Role.KLANTMANAGER):
        return []
    persons = intakes_to_plan(user)
    weeks = housing_weeks_for(persons)
    movers = {p.pk for p in persons if p.termijn_overgenomen}
    to_plan = [
        WorkItem(
            person,
            _("Brede intake plannen"),
            pip_deadline(person, weeks, movers),
            reverse_row("intake_gesprek_add", person.pk),
        )
        for person in persons
    ]
    to_plan.sort(key=lambda item: (item.due is None, item.due or today))
    no_shows = [
        WorkItem(
            person,
            _("Nieuwe oproep leerbaarheidstoets (%(n)s× niet verschenen)")
            % {"n": person.toets_no_show_count},
            None,
            reverse_row("toets_plan", person.pk),
        )
        for person in toets_no_shows_to_invite(user)
    ]
    oproepen = [oproep_work_item(o, today) for o in open_oproepen(user)]
    return [
        WorkSection(
            "intake_oproepen",
            _("Oproepen brede intake"),
            oproepen,
            _("Geen open oproepen voor de brede intake."),
            order=14,
        ),
        WorkSection(
            "intake_to_plan",
            _("Brede intake plannen"),
            to_plan,
            _("Geen aanmeldingen in uw caseload die op een brede intake wachten."),
            order=15,
        ),
        WorkSection(
            "toets_no_show",
            _("Leerbaarheidstoets: niet verschenen"),
            no_shows,
            _("Niemand hoeft opnieuw voor de leerbaarheidstoets te worden opgeroepen."),
            order=16,
        ),
    ]


@person_section
def intake_section(request, person):
    """Intake status, gesprekken, toets and route advice on the person's file."""
    user = request.user
    if not user.can(Permission.INTAKE_VIEW):
        return None
    intake = services.latest_intake(person)
    gesprekken = (
        services.gesprekken_of(intake) if intake and has_rows(person, "intakegesprek") else []
    )
    toetsen = services.toetsen_of(person) if has_rows(person, "toets") else []
    if intake is not None:
        audit.log_read(intake, person.pk, "brede intake (dossier)")
    context = {
        "person": person,
        "intake": intake,
        "gesprekken": gesprekken,
        "toetsen": toetsen,
        "advice": services.route_advice(person, intake=intake, toetsen=toetsen),
        "senior_warning": services.senior_begeleider_warning(person, gesprekken),
        "can_change": user.can(Permission.INTAKE_CHANGE),
        "invitations": sum(1 for t in toetsen if t.status != ToetsStatus.ONTHEFFING),
        "no_shows": sum(1 for t in toetsen if t.status == ToetsStatus.NIET_VERSCHENEN),
    }
    return PersonSection("intake/_section.html", context, order=20)
