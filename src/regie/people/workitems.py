"""The registry's contributions to the werkvoorraad and the caseload deadlines: the PIP
deadline of persons without a PIP, the intake queue, and new asielmigranten for the
begeleider. Registered in PeopleConfig.ready()."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie import rules
from regie.core.access import caseload_q, compiled_query, served_municipality_ids
from regie.core.extensions import (
    Deadline,
    PersonSection,
    WorkItem,
    WorkSection,
    deadline_provider,
    person_section,
    werkvoorraad_provider,
)
from regie.core.localrules import local_value, local_values
from regie.core.presence import person_presence
from regie.core.roles import FieldGroup, Role
from regie.core.urlfmt import reverse_row
from regie.people.models import Inburgeraar, VerwijzingStatus
from regie.people.termijn import overgenomen_ids, termijnen_for
from regie.rules import deadlines
from regie.rules import termijn as rules_termijn
from regie.rules.lifecycle import Regime, Status

# The werkvoorraad shows PIPs due within this many days (and every overdue one).
PIP_DUE_WINDOW_DAYS = 14
_WITHOUT_PIP = (Status.AANGEMELD, Status.INTAKE)

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("correctie", "people.Correctie")
person_presence("fieldchange", "core.FieldChange", "inburgeraar_id")
person_presence("healthnote", "people.HealthNote")
person_presence("termijnwijziging", "people.Termijnwijziging")


HOUSING_WEEKS = "pip_termijn_na_huisvesting_weken"


def _pip_dates_needed(person: Inburgeraar) -> bool:
    return person.regime == Regime.WI2021 and person.status in _WITHOUT_PIP


def pip_deadline(
    person: Inburgeraar,
    housing_weeks: dict[int, int] | None = None,
    movers: set[int] | None = None,
) -> date | None:
    """The statutory PIP deadline (Besluit inburgering 2021 art. 5.3), whatever the
    municipality's local target (see :func:`pip_target`): a person without a housing date
    (a gezinsmigrant) keeps it too. ``housing_weeks`` is accepted for the callers that
    pass it.

    A person who moved in with a running termijn (``movers``, from
    :func:`regie.people.termijn.overgenomen_ids`; looked up when not given) gets the new
    PIP 10 weeks after registration here (art. 5.3 lid 3), the registration date entered
    at the overdracht import (``brp_date``)."""
    if not _pip_dates_needed(person):
        return None
    if movers is None:
        movers = overgenomen_ids([person.pk])
    if person.pk in movers and person.brp_date:
        return rules.pip_deadline_na_verhuizing(person.brp_date)
    if not person.kennisgeving_date:
        return None
    return rules.pip_deadline_for(person.kennisgeving_date, person.brp_date)


def pip_target(
    person: Inburgeraar,
    housing_weeks: dict[int, int] | None = None,
    movers: set[int] | None = None,
) -> date | None:
    """The municipality's local target "PIP within N weeks after housing" (lokaal beleid,
    a beleidsregel beside the statutory deadline), counted with the Atw; None when the
    municipality has none, the person has no housing date, moved in with a running termijn,
    or it would not fall before the statutory deadline (it is never shown past it). Needs
    person.municipality loaded; ``housing_weeks`` ({municipality id: weeks}, from
    :func:`housing_weeks_for`) saves a query per municipality when deciding for many."""
    if not _pip_dates_needed(person) or not person.municipality.pip_deadline_from_housing:
        return None
    if person.pk in (movers if movers is not None else overgenomen_ids([person.pk])):
        return None
    if not person.kennisgeving_date:
        return None
    return rules.pip_target_local(
        person.kennisgeving_date,
        person.brp_date,
        person.housing_date,
        True,
        local_weeks=housing_weeks_of(person, housing_weeks),
    )


def housing_weeks_of(person: Inburgeraar, housing_weeks: dict[int, int] | None = None) -> int:
    """The municipality's weeks for the local target, kept within 1 to the statutory ten
    (a value stored before that was validated cannot lift the target past the law)."""
    weeks = (
        housing_weeks[person.municipality_id]
        if housing_weeks and person.municipality_id in housing_weeks
        else local_value(person.municipality, HOUSING_WEEKS)
    )
    return min(max(int(weeks), 1), deadlines.PIP_TERMIJN_WEKEN)


def pip_target_label(weeks: int) -> str:
    return _("PIP vaststellen: lokaal streven (%(weeks)s weken na huisvesting)") % {"weeks": weeks}


def housing_weeks_for(persons) -> dict[int, int]:
    """The local PIP term from housing of every municipality among ``persons`` that counts
    from housing, in one query."""
    municipalities = {
        p.municipality_id: p.municipality
        for p in persons
        if p.municipality.pip_deadline_from_housing
    }
    if len(municipalities) == 1:
        # One municipality (a person's file, most caseload pages): its local rules are
        # read once per request with the others (regie.core.localrules, per-request memo).
        ((pk, municipality),) = municipalities.items()
        return {pk: local_value(municipality, HOUSING_WEEKS)}
    return local_values(HOUSING_WEEKS, municipalities)


@deadline_provider
def pip_deadlines(user, persons: list) -> dict[int, list[Deadline]]:
    """The PIP deadline is a registry fact about the person: every role that sees the
    person sees it, with the municipality's local target beside it where it has one."""
    found = {}
    weeks = housing_weeks_for(persons)
    movers = overgenomen_ids([p.pk for p in persons if p.status in _WITHOUT_PIP])
    for person in persons:
        due = pip_deadline(person, weeks, movers)
        if due:
            found[person.pk] = [Deadline(_("PIP vaststellen"), due)]
        target = pip_target(person, weeks, movers)
        if target:
            found.setdefault(person.pk, []).append(
                Deadline(pip_target_label(housing_weeks_of(person, weeks)), target)
            )
    return found


def _person_url(person) -> str:
    return reverse_row("person_detail", person.pk)


@compiled_query
def _pip_candidates(user, horizon: date):
    return (
        Inburgeraar.objects.for_user(user)
        .filter(status__in=list(_WITHOUT_PIP), regime=Regime.WI2021)
        .filter(caseload_q(user))
        .filter(Q(kennisgeving_date__lte=horizon) | Q(housing_date__lte=horizon))
        .select_related("municipality")
        .order_by("kennisgeving_date", "pk")[:500]
    )


@compiled_query
def _intake_queue(user):
    return (
        Inburgeraar.objects.for_user(user)
        .filter(status=Status.AANGEMELD, klantmanager__isnull=True)
        .order_by("kennisgeving_date")[:50]
    )


@werkvoorraad_provider
def klantmanager_work(user, today: date):
    if not user.has_role(Role.KLANTMANAGER):
        return []
    scoped = Inburgeraar.objects.for_user(user)
    # Prefilter in SQL on the earliest possible deadline (the statutory ten weeks, or a
    # shorter local term from housing); decide exactly with the rule.
    weeks = local_values(HOUSING_WEEKS, served_municipality_ids(user))
    shortest = min([deadlines.PIP_TERMIJN_WEKEN, *weeks.values()])
    horizon = today + timedelta(days=PIP_DUE_WINDOW_DAYS) - timedelta(weeks=shortest)
    due = []
    candidates = list(_pip_candidates(user, horizon))
    movers = overgenomen_ids([p.pk for p in candidates])
    for person in candidates:
        deadline = pip_deadline(person, weeks, movers)
        if deadline and (deadline - today).days <= PIP_DUE_WINDOW_DAYS:
            due.append(WorkItem(person, _("PIP vaststellen"), deadline, _person_url(person)))
        # The local target beside it (never past the statutory deadline).
        target = pip_target(person, weeks, movers)
        if target and (target - today).days <= PIP_DUE_WINDOW_DAYS:
            label = pip_target_label(housing_weeks_of(person, weeks))
            due.append(WorkItem(person, label, target, _person_url(person)))
    due.sort(key=lambda item: item.due)
    queue = _intake_queue(user)
    return [
        WorkSection(
            "pip_due",
            _("PIP binnen 14 dagen of te laat"),
            due,
            _("Geen PIP's die binnen 14 dagen moeten worden vastgesteld."),
            order=10,
        ),
        *termijn_sections(user, today, scoped),
        WorkSection(
            "intake_queue",
            _("Nieuwe aanmeldingen zonder klantmanager"),
            [WorkItem(p, _("Klantmanager toewijzen"), None, _person_url(p)) for p in queue],
            _("Er wachten geen nieuwe aanmeldingen."),
            order=20,
        ),
    ]


@werkvoorraad_provider
def begeleider_work(user, today: date):
    if not user.has_role(Role.BEGELEIDER):
        return []
    new = (
        Inburgeraar.objects.for_user(user)
        .filter(status__in=list(_WITHOUT_PIP), doelgroep="asielmigrant")
        .order_by("-kennisgeving_date")[:50]
    )
    return [
        WorkSection(
            "guided_new",
            _("Nieuwe asielmigranten in begeleiding"),
            [
                WorkItem(p, _("Eerste gesprek en praktische begeleiding"), None, _person_url(p))
                for p in new
            ],
            _("Geen nieuwe asielmigranten."),
            order=30,
        )
    ]


# --- the inburgeringstermijn (issue 18) -------------------------------------------------

_RUNNING = (Status.PIP_VASTGESTELD, Status.IN_UITVOERING)
GEEN_AANBOD_WEKEN = "melding_geen_aanbod_weken"


def termijn_sections(user, today: date, scoped) -> list[WorkSection]:
    """When a request to extend the termijn could be relevant (from six months before its
    end, Besluit inburgering 2021 art. 4.5 lid 1), and when the college must tell DUO that
    no inburgeringsaanbod was made (Besluit art. 9.3 lid 2 onder b; the moment is a
    configurable 'check' figure). For the user's (team's) caseload, in a constant number
    of queries."""
    mine = caseload_q(user)
    caseload = scoped.filter(mine, status__in=list(_RUNNING), regime=Regime.WI2021)
    termijnen = termijnen_for(caseload.values("pk"))
    verlenging: list[tuple[int, date]] = []
    for person_id, termijn in termijnen.items():
        if rules_termijn.verlenging_aanvraag_vanaf(termijn.einde) <= today <= termijn.einde:
            verlenging.append((person_id, termijn.einde))
    # Asielstatushouders (Wi art. 13 lid 1, 16 lid 1) without an accepted traject.
    weeks = local_values(GEEN_AANBOD_WEKEN, served_municipality_ids(user))
    zonder_aanbod = (
        caseload.filter(doelgroep="asielmigrant", pk__in=list(termijnen))
        .exclude(
            verwijzingen__status__in=[VerwijzingStatus.GEACCEPTEERD, VerwijzingStatus.BEEINDIGD]
        )
        .values_list("pk", "municipality_id")
    )
    geen_aanbod: list[tuple[int, date]] = []
    horizon = today + timedelta(days=PIP_DUE_WINDOW_DAYS)
    for person_id, municipality_id in zonder_aanbod:
        due = rules_termijn.melding_geen_aanbod_op(
            termijnen[person_id].start,
            weken=int(weeks.get(municipality_id, rules_termijn.MELDING_GEEN_AANBOD_WEKEN)),
        )
        if due <= horizon:
            geen_aanbod.append((person_id, due))
    ids = {pid for pid, _due in verlenging + geen_aanbod}
    persons = (
        Inburgeraar.objects.only("pk", "first_name", "last_name").in_bulk(list(ids)) if ids else {}
    )

    def items(rows, what) -> list[WorkItem]:
        found = [
            WorkItem(persons[pid], what(day), day, reverse_row("termijn_detail", pid))
            for pid, day in rows
            if pid in persons
        ]
        return sorted(found, key=lambda item: item.due)

    return [
        WorkSection(
            "termijn_verlenging",
            _("Inburgeringstermijn eindigt binnen zes maanden: verlenging kan worden aangevraagd"),
            items(
                verlenging,
                lambda day: (
                    _(
                        "Termijn eindigt op %(dag)s; de inburgeraar kan DUO om verlenging vragen "
                        "(Besluit inburgering 2021 art. 4.5)"
                    )
                    % {"dag": date_format(day, "j F Y")}
                ),
            ),
            _("Geen termijnen die binnen zes maanden eindigen."),
            order=27,
        ),
        WorkSection(
            "geen_aanbod",
            _("Geen inburgeringsaanbod: melden aan DUO"),
            items(
                geen_aanbod,
                lambda day: _(
                    "Nog geen traject bij een aanbieder geaccepteerd; meld DUO dat het "
                    "inburgeringsaanbod uitblijft (Besluit inburgering 2021 art. 9.3 lid 2)"
                ),
            ),
            _("Geen inburgeraars zonder inburgeringsaanbod."),
            order=28,
        ),
    ]


@person_section
def termijn_section(request, person) -> PersonSection | None:
    """The person's inburgeringstermijn with its history (start, takeover, DUO's
    extensions), for every role that sees the case part of the file."""
    if not request.user.sees(FieldGroup.CASE) or person.regime != Regime.WI2021:
        return None
    from regie.people.termijn import termijn_of

    termijn = termijn_of(person)
    return PersonSection(
        "people/_termijn_section.html",
        {
            "person": person,
            "termijn": termijn,
            "wijzigingen": list(reversed(termijn.wijzigingen)) if termijn else [],
            "aanvraag_vanaf": rules_termijn.verlenging_aanvraag_vanaf(termijn.einde)
            if termijn
            else None,
        },
        order=19,
    )
