"""The PIP's contributions to shared pages: the four-eyes queue and due voortgangsgesprekken
in the klantmanager's werkvoorraad, the next voortgangsgesprek as a caseload deadline, and
the PIP section of the person's file. Each does a constant number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.core.access import caseload_q, compiled_query
from regie.core.extensions import (
    Deadline,
    PersonSection,
    WorkItem,
    WorkSection,
    deadline_provider,
    person_section,
    werkvoorraad_provider,
)
from regie.core.presence import person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.people.models import Inburgeraar
from regie.plans import services
from regie.plans.models import PIPVersie, VersieStatus
from regie.rules.lifecycle import TERMINAL, Regime

# Voortgangsgesprekken due within this many days (and every overdue one) are shown.
VOORTGANG_DUE_WINDOW_DAYS = 14

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("pipdoel", "plans.PIPDoel", "versie__pip__inburgeraar")
person_presence("voortgangsgesprek", "plans.Voortgangsgesprek", "pip__inburgeraar")


def _pip_url(person_id: int) -> str:
    return reverse_row("pip_overview", person_id)


@compiled_query
def _offered_by_others(user):
    return (
        PIPVersie.objects.for_user(user)
        .filter(status=VersieStatus.CONCEPT, aangeboden_op__isnull=False)
        .exclude(opgesteld_door=user)
        .select_related("pip__inburgeraar", "opgesteld_door")
        .order_by("aangeboden_op")[:100]
    )


def four_eyes_queue(user) -> list[WorkItem]:
    """Concepts offered for vaststelling by someone else, for persons the user sees."""
    concepts = _offered_by_others(user)
    return [
        WorkItem(
            v.pip.inburgeraar,
            _("PIP versie %(n)s vaststellen (opgesteld door %(who)s)")
            % {"n": v.nummer, "who": v.opgesteld_door},
            None,
            reverse_row("pip_versie", v.pip.inburgeraar_id, v.nummer),
        )
        for v in concepts
    ]


def voortgang_due_items(user, today: date) -> list[WorkItem]:
    """Voortgangsgesprekken of the user's (team's) caseload due within the window."""
    mine = caseload_q(user)
    caseload = (
        Inburgeraar.objects.for_user(user)
        .filter(mine, status__in=list(services.MONITORED), regime=Regime.WI2021)
        .values("pk")
    )
    horizon = today + timedelta(days=VOORTGANG_DUE_WINDOW_DAYS)
    # The scoped caseload goes into the queries as a subquery; only the persons with a
    # gesprek due are loaded (a team's caseload is some hundreds, the due ones a few dozen).
    due = {
        person_id: stand
        for person_id, stand in services.voortgang_for(caseload).items()
        if stand.due <= horizon
    }
    if not due:
        return []
    persons = Inburgeraar.objects.only("pk", "first_name", "last_name").in_bulk(list(due))
    items = []
    for person_id, stand in due.items():
        if person_id in persons:
            what = _("Voortgangsgesprek")
            if stand.gepland:
                what = _("Voortgangsgesprek (gepland op %(dag)s)") % {
                    "dag": date_format(stand.gepland, "j F Y")
                }
            items.append(
                WorkItem(
                    persons[person_id],
                    what,
                    stand.due,
                    reverse_row("voortgang_list", person_id),
                )
            )
    items.sort(key=lambda item: (item.due, item.person.pk))  # ties: the same order every time
    return items


def unsent_items(user) -> list[WorkItem]:
    """Vastgestelde PIP versions of the user's (team's) caseload not yet recorded as sent
    or handed over: the bezwaartermijn has not started (Awb art. 6:8). Not for a person
    whose trajectory has ended (ontheffing, vertrokken, afgerond, beëindigd): a PIP that no
    longer binds anyone needs no sending. One query."""
    versies = _unsent(user)
    return [
        WorkItem(
            v.pip.inburgeraar,
            _("PIP versie %(n)s: verzending of uitreiking vastleggen") % {"n": v.nummer},
            None,
            reverse_row("pip_versie", v.pip.inburgeraar_id, v.nummer),
        )
        for v in versies
    ]


@compiled_query
def _unsent(user):
    return (
        PIPVersie.objects.for_user(user)
        .filter(
            caseload_q(user, "pip__inburgeraar__"),
            status=VersieStatus.VASTGESTELD,
            bekendgemaakt_op__isnull=True,
        )
        .exclude(pip__inburgeraar__status__in=[str(s) for s in TERMINAL])
        .select_related("pip__inburgeraar")
        .only(
            "nummer",
            "pip__inburgeraar__id",
            "pip__inburgeraar__first_name",
            "pip__inburgeraar__last_name",
        )
        .order_by("dagtekening", "pk")[:100]
    )


@werkvoorraad_provider
def klantmanager_pip_work(user, today: date):
    if not user.has_role(Role.KLANTMANAGER):
        return []
    sections = []
    if user.can(Permission.PIP_VASTSTELLEN):
        sections.append(
            WorkSection(
                "pip_vaststellen",
                _("PIP's die wachten op vaststelling (vier ogen)"),
                four_eyes_queue(user),
                _("Er wachten geen PIP's op uw vaststelling."),
                order=15,
            )
        )
    sections.append(
        WorkSection(
            "pip_verzenden",
            _("Beschikkingen die nog niet als verzonden zijn vastgelegd"),
            unsent_items(user),
            _("Alle vastgestelde PIP's zijn als verzonden of uitgereikt vastgelegd."),
            order=16,
        )
    )
    sections.append(
        WorkSection(
            "voortgang_due",
            _("Voortgangsgesprekken binnen 14 dagen of te laat"),
            voortgang_due_items(user, today),
            _("Geen voortgangsgesprekken die binnen 14 dagen moeten plaatsvinden."),
            order=25,
        )
    )
    return sections


@deadline_provider
def voortgang_deadlines(user, persons: list) -> dict[int, list[Deadline]]:
    """The next voortgangsgesprek, for the roles that see the PIP."""
    if not user.can(Permission.PIP_VIEW):
        return {}
    ids = [p.pk for p in persons if p.status in services.MONITORED]
    if not ids:
        return {}
    return {
        person_id: [Deadline(_("Voortgangsgesprek"), stand.due)]
        for person_id, stand in services.voortgang_for(ids).items()
    }


@person_section
def pip_section(request, person) -> PersonSection | None:
    if not request.user.can(Permission.PIP_VIEW):
        return None
    pip, versies = services.pip_and_versions(person)
    vastgesteld = services.vastgestelde(versies)
    current = vastgesteld[-1] if vastgesteld else None
    concept = next((v for v in versies if v.is_concept), None)
    voortgang = services.voortgang_of(person) if current else None
    return PersonSection(
        "plans/_section.html",
        {
            "person": person,
            "current": current,
            "concept": concept,
            "termijn": services.termijn(pip),
            "voortgang": voortgang,
            "voortgang_overdue": voortgang is not None and voortgang.due < timezone.localdate(),
            "can_draft": request.user.can(Permission.PIP_DRAFT)
            and not services.draft_refusal(person),
            "can_download": request.user.can(Permission.BESCHIKKING_DOWNLOAD),
            "applies": person.regime == Regime.WI2021,
        },
        order=20,
    )
