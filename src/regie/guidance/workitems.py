"""Guidance's contributions to shared pages: the coördinator's werkvoorraad (newcomers
without a maatje, proposals to review), the begeleider's (checklist points past their
date, referral follow-ups due) and the guidance section of a person's file. Each provider
does a constant number of queries whatever the caseload."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.core.access import guided_q
from regie.core.extensions import (
    PersonSection,
    WorkItem,
    WorkSection,
    person_section,
    werkvoorraad_provider,
)
from regie.core.formatting import datum
from regie.core.presence import only_if_present, person_presence
from regie.core.roles import Permission, Role
from regie.core.urlfmt import reverse_row
from regie.guidance import services
from regie.guidance.models import (
    ChecklistItem,
    ChecklistItemType,
    Match,
    PairStatus,
    ProposedPair,
    Referral,
)
from regie.people.models import Inburgeraar

# Referral follow-ups due within this many days (and every overdue one) are shown.
FOLLOW_UP_WINDOW_DAYS = 7
_LIMIT = 100

# Tables of the file that are often empty for a person (regie.core.presence).
person_presence("referral", "guidance.Referral")
person_presence("match", "guidance.Match")
person_presence("checklist_person", "guidance.ChecklistItem", "inburgeraar_id")
person_presence("checklist_household", "guidance.ChecklistItem", "household_id", "household_id")


@werkvoorraad_provider
def coordinator_work(user, today: date):
    """The coördinator: proposals to judge and newcomers without a maatje. A begeleider
    (MAATJE_LINK without MATCHING_RUN): the newcomers they guide without a maatje, each
    linking to the page where they pick one (seed §3.8)."""
    runs = user.can(Permission.MATCHING_RUN)
    if not (runs or user.can(Permission.MAATJE_LINK)):
        return []
    waiting = list(
        services.unmatched_newcomers(user)
        .only("pk", "first_name", "last_name", "housing_date", "kennisgeving_date")
        .order_by("housing_date", "kennisgeving_date", "pk")[:_LIMIT]
    )
    matching_url = reverse("matching_home")
    without = WorkSection(
        "without_maatje",
        _("Nieuwkomers zonder maatje"),
        [
            WorkItem(
                p,
                _("Maatje zoeken (in begeleiding sinds %(d)s)")
                % {"d": datum(services.guidance_start(p))}
                if services.guidance_start(p)
                else _("Maatje zoeken"),
                None,
                matching_url if runs else reverse_row("maatje_link", p.pk),
            )
            for p in waiting
        ],
        _("Iedere nieuwkomer in begeleiding heeft een maatje."),
        order=36,
    )
    if not runs:
        return [without]
    pairs = list(
        ProposedPair.objects.for_user(user)
        .filter(status=PairStatus.OPEN, run__organisation=user.organisation_id)
        .select_related("inburgeraar", "volunteer")
        .order_by("run_id", "-score")[:_LIMIT]
    )
    return [
        WorkSection(
            "maatje_proposals",
            _("Maatjesvoorstellen om te beoordelen"),
            [
                WorkItem(
                    p.inburgeraar,
                    _("Voorstel: maatje %(v)s (score %(s)s)") % {"v": p.volunteer, "s": p.score},
                    None,
                    reverse_row("matching_run_detail", p.run_id),
                )
                for p in pairs
            ],
            _("Er wachten geen voorstellen op uw beoordeling."),
            order=35,
        ),
        without,
    ]


def overdue_checklists(user, today: date) -> list[WorkItem]:
    """One item per household (or single person) of the begeleider's team with checklist
    points past their date: explicit dates and the municipality's streeftermijnen."""
    persons = list(
        services.in_guidance(Inburgeraar.objects.for_user(user))
        .filter(guided_q(user))
        .only(
            "pk",
            "first_name",
            "last_name",
            "household_id",
            "municipality_id",
            "housing_date",
            "kennisgeving_date",
        )
        .order_by("pk")[: _LIMIT * 3]
    )
    if not persons:
        return []
    households = {p.household_id for p in persons if p.household_id}
    singles = {p.pk for p in persons if not p.household_id}
    items: dict[tuple, dict[int, ChecklistItem]] = {}
    for item in ChecklistItem.objects.filter(
        Q(household__in=households) | Q(inburgeraar__in=singles)
    ):
        key = ("h", item.household_id) if item.household_id else ("p", item.inburgeraar_id)
        items.setdefault(key, {})[item.item_type_id] = item
    types: dict[int, list[ChecklistItemType]] = {}
    for item_type in ChecklistItemType.objects.filter(
        municipality__in={p.municipality_id for p in persons}, active=True
    ).order_by("order", "name"):
        types.setdefault(item_type.municipality_id, []).append(item_type)
    for municipality_id in {p.municipality_id for p in persons} - set(types):
        # Not configured yet: the defaults apply (created on first use of the checklist).
        types[municipality_id] = services.default_checklist_types(municipality_id)
    found, seen = [], set()
    for person in persons:
        key = ("h", person.household_id) if person.household_id else ("p", person.pk)
        if key in seen:
            continue
        seen.add(key)
        start = services.guidance_start(person)
        late = []
        for item_type in types.get(person.municipality_id, []):
            item = items.get(key, {}).get(item_type.pk)
            if item is not None and item.is_done:
                continue
            due = (
                item.due_date if item and item.due_date else services.default_due(item_type, start)
            )
            if due and due < today:
                late.append((due, item_type.name))
        if late:
            late.sort()
            names = ", ".join(name for _, name in late[:3])
            more = len(late) - 3
            what = _("Checklist: %(names)s") % {"names": names}
            if more > 0:
                what += " " + _("(en %(n)s meer)") % {"n": more}
            found.append(
                WorkItem(person, what, late[0][0], reverse_row("guidance_detail", person.pk))
            )
    found.sort(key=lambda item: item.due)
    return found[:_LIMIT]


def referral_follow_ups(user, today: date) -> list[WorkItem]:
    horizon = today + timedelta(days=FOLLOW_UP_WINDOW_DAYS)
    mine = (
        Q(inburgeraar__begeleider__team=user.team_id)
        if user.team_id
        else Q(inburgeraar__begeleider=user)
    )
    referrals = (
        Referral.objects.for_user(user)
        .open()
        .filter(mine, follow_up_on__lte=horizon)
        .select_related("inburgeraar", "partner__organisation")
        .order_by("follow_up_on")[:_LIMIT]
    )
    return [
        WorkItem(
            r.inburgeraar,
            _("Nabellen over verwijzing naar %(p)s") % {"p": r.partner.organisation.name},
            r.follow_up_on,
            reverse_row("referral_edit", r.inburgeraar_id, r.pk),
        )
        for r in referrals
    ]


@werkvoorraad_provider
def begeleider_guidance_work(user, today: date):
    if not user.has_role(Role.BEGELEIDER):
        return []
    return [
        WorkSection(
            "checklist_overdue",
            _("Praktische zaken over datum"),
            overdue_checklists(user, today),
            _("Geen checklistpunten over datum."),
            order=32,
        ),
        WorkSection(
            "referral_follow_up",
            _("Doorverwijzingen: nabellen binnen 7 dagen of te laat"),
            referral_follow_ups(user, today),
            _("Geen vervolgafspraken van doorverwijzingen."),
            order=33,
        ),
    ]


@person_section
def guidance_section(request, person) -> PersonSection | None:
    user = request.user
    if not user.can(Permission.GUIDANCE_VIEW):
        return None
    rows = services.checklist_for(person)
    done, total = services.checklist_progress(rows)
    from django.utils import timezone

    today = timezone.localdate()
    referrals = list(
        only_if_present(
            Referral.objects.for_user(user).filter(inburgeraar=person), person, "referral"
        ).select_related("partner__organisation")[:10]
    )
    match = (
        only_if_present(
            Match.objects.for_user(user).active().filter(inburgeraar=person), person, "match"
        )
        .select_related("volunteer")
        .first()
    )
    return PersonSection(
        "guidance/_section.html",
        {
            "person": person,
            "rows": rows,
            "done": done,
            "total": total,
            "overdue": [r for r in rows if r.overdue(today)],
            "referrals": referrals,
            "match": match,
            "applies": person.rechtspositie.maatschappelijke_begeleiding
            or bool(person.begeleider_id),
        },
        order=40,
    )
