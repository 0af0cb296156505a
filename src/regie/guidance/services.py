"""Decisions of maatschappelijke begeleiding: the checklist of a household, the consent
rule before a referral, the partner register, volunteers and the VOG rule, building the
matching instance (PLANNING.md §1) from the database, storing the solver's proposal and
confirming or rejecting it pair by pair, and the coverage figures.

Views stay thin and call these; pure rules live in regie.guidance.rules and the solver in
regie.planning.matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import served_municipality_ids
from regie.core.models import AuditAction, Municipality
from regie.core.presence import only_if_present
from regie.core.roles import Permission
from regie.guidance import rules
from regie.guidance.models import (
    ChecklistItem,
    ChecklistItemType,
    ChecklistStatus,
    Consent,
    GuidanceSettings,
    Match,
    MatchingRun,
    MatchMeeting,
    PairStatus,
    Partner,
    PartnerTheme,
    ProposedPair,
    Referral,
    ReferralOutcome,
    RunStatus,
    ShareCategory,
    UnmatchedNewcomer,
    Volunteer,
)
from regie.people.models import Inburgeraar
from regie.planning.io import readable_reason
from regie.planning.matching import solve_matching
from regie.rules.category import permits_where
from regie.rules.lifecycle import TERMINAL

# --------------------------------------------------------------------------- settings

# Approximate centres for a geocode-free location (no address lookup is possible here):
# a newcomer or volunteer without coordinates is placed at the centre of their
# municipality. CBS code -> (lat, lon).
MUNICIPALITY_CENTRES: dict[str, tuple[float, float]] = {
    "GM0294": (51.9717, 6.7197),  # Winterswijk
    "GM0197": (51.9254, 6.5806),  # Aalten
    "GM1859": (52.0680, 6.5070),  # Berkelland
    "GM0222": (51.9650, 6.2900),  # Doetinchem
    "GM1586": (51.9550, 6.4640),  # Oost Gelre
}


def centre_of(municipality: Municipality) -> tuple[float, float] | None:
    return MUNICIPALITY_CENTRES.get(municipality.cbs_code)


def vog_max_age(municipality_id: int, cache: dict[int, int] | None = None) -> int:
    if cache is not None and municipality_id in cache:
        return cache[municipality_id]
    value = (
        GuidanceSettings.objects.filter(municipality_id=municipality_id)
        .values_list("vog_max_age_years", flat=True)
        .first()
    )
    return value or rules.DEFAULT_VOG_MAX_AGE_YEARS


def vog_limits(municipality_ids) -> dict[int, int]:
    """The VOG maximum age per municipality in one query (default where unset)."""
    found = dict(
        GuidanceSettings.objects.filter(municipality_id__in=list(municipality_ids)).values_list(
            "municipality_id", "vog_max_age_years"
        )
    )
    return {m: found.get(m, rules.DEFAULT_VOG_MAX_AGE_YEARS) for m in municipality_ids}


# --------------------------------------------------------------------------- checklist

# The default checklist (seed §3.8: huisarts, tandarts, kinderopvang, huurcontract; plus
# what every new household in the Netherlands arranges). Municipalities adapt it.
DEFAULT_CHECKLIST: tuple[tuple[str, str, int | None], ...] = (
    ("huurcontract", "Huurcontract getekend", 1),
    ("bankrekening", "Bankrekening geopend", 2),
    ("zorgverzekering", "Zorgverzekering afgesloten", 2),
    ("energiecontract", "Energiecontract afgesloten", 2),
    ("digid", "DigiD aangevraagd", 4),
    ("huisarts", "Ingeschreven bij een huisarts", 4),
    ("tandarts", "Ingeschreven bij een tandarts", 8),
    ("kinderopvang_school", "Kinderopvang of school geregeld", 6),
    ("toeslagen", "Zorg- en huurtoeslag aangevraagd", 6),
)


def default_checklist_types(municipality_id: int) -> list[ChecklistItemType]:
    """The default checklist as unsaved rows, for municipalities that have none yet."""
    return [
        ChecklistItemType(
            municipality_id=municipality_id,
            code=code,
            name=name,
            order=10 * (i + 1),
            due_weeks=weeks,
        )
        for i, (code, name, weeks) in enumerate(DEFAULT_CHECKLIST)
    ]


def checklist_types(municipality: Municipality, *, include_inactive=False):
    """The municipality's checklist point types; the defaults are created on first use."""
    types = ChecklistItemType.objects.filter(municipality=municipality).order_by("order", "name")
    found = list(types.all())  # one query once the defaults exist
    if not found:
        ChecklistItemType.objects.bulk_create(
            default_checklist_types(municipality.pk), ignore_conflicts=True
        )
        found = list(types.all())
    return found if include_inactive else [t for t in found if t.active]


def checklist_subject(person: Inburgeraar) -> dict:
    """A household's checklist is shared by its members; a person alone has their own."""
    if person.household_id:
        return {"household_id": person.household_id}
    return {"inburgeraar_id": person.pk}


def guidance_start(person: Inburgeraar) -> date | None:
    """Start of guidance: housing in the municipality, else the DUO kennisgeving."""
    return person.housing_date or person.kennisgeving_date


@dataclass
class ChecklistRow:
    item_type: ChecklistItemType
    item: ChecklistItem | None
    due: date | None

    @property
    def status(self) -> str:
        return self.item.status if self.item else ChecklistStatus.OPEN

    @property
    def status_label(self) -> str:
        return str(dict(ChecklistStatus.choices)[self.status])

    @property
    def done(self) -> bool:
        return self.item is not None and self.item.is_done

    def overdue(self, today: date) -> bool:
        return not self.done and self.due is not None and self.due < today


def default_due(item_type: ChecklistItemType, start: date | None) -> date | None:
    if start is None or item_type.due_weeks is None:
        return None
    return start + timedelta(weeks=item_type.due_weeks)


def checklist_for(person: Inburgeraar) -> list[ChecklistRow]:
    """Every active point of the municipality's checklist with the household's state."""
    types = checklist_types(person.municipality)
    subject = checklist_subject(person)
    rows = only_if_present(
        ChecklistItem.objects.filter(**subject),
        person,
        "checklist_household" if "household_id" in subject else "checklist_person",
    )
    items = {i.item_type_id: i for i in rows}
    start = guidance_start(person)
    rows = []
    for item_type in types:
        item = items.get(item_type.pk)
        due = item.due_date if item and item.due_date else default_due(item_type, start)
        rows.append(ChecklistRow(item_type, item, due))
    return rows


def checklist_progress(rows: list[ChecklistRow]) -> tuple[int, int]:
    return sum(1 for r in rows if r.done), len(rows)


def checklist_problems(status: str, due: date | None, done: date | None, today: date) -> dict:
    """Field errors of one checklist row (Dutch), empty when it may be saved."""
    errors = {}
    if status == ChecklistStatus.GEREGELD and not done:
        errors["done_date"] = _("Vul de datum in waarop dit is geregeld.")
    if done and status != ChecklistStatus.GEREGELD:
        errors["done_date"] = _("Een datum 'geregeld op' hoort alleen bij de status Geregeld.")
    if done and done > today:
        errors["done_date"] = _("De datum 'geregeld op' kan niet in de toekomst liggen.")
    return errors


def save_checklist(person: Inburgeraar, rows: list[dict], username: str) -> int:
    """Store the checklist rows (each {'item_type', 'status', 'due_date', 'done_date',
    'note'}); returns the number of changed items. Callers validate first."""
    subject = checklist_subject(person)
    existing = {i.item_type_id: i for i in ChecklistItem.objects.filter(**subject)}
    changed = 0
    with transaction.atomic():
        for row in rows:
            item = existing.get(row["item_type"].pk) or ChecklistItem(
                item_type=row["item_type"], **subject
            )
            values = {k: row.get(k) for k in ("status", "due_date", "done_date")}
            values["note"] = row.get("note") or ""
            if item.pk and all(getattr(item, k) == v for k, v in values.items()):
                continue
            if (
                not item.pk
                and values["status"] == ChecklistStatus.OPEN
                and not (values["due_date"] or values["note"])
            ):
                continue  # an untouched row stays implicit
            for key, value in values.items():
                setattr(item, key, value)
            item.updated_by = username
            item.save()
            changed += 1
    return changed


# --------------------------------------------------------------------------- partners


def partners_for(user):
    return (
        Partner.objects.for_user(user)
        .select_related("organisation")
        .prefetch_related("themes")
        .order_by("organisation__name")
    )


def set_partner_themes(partner: Partner, themes: list[str]) -> None:
    PartnerTheme.objects.filter(partner=partner).exclude(theme__in=themes).delete()
    have = set(PartnerTheme.objects.filter(partner=partner).values_list("theme", flat=True))
    PartnerTheme.objects.bulk_create(
        [PartnerTheme(partner=partner, theme=t) for t in themes if t not in have]
    )


def referral_counts(partner_ids: list[int], today: date) -> dict[int, dict[str, int]]:
    """Per partner: referrals in total, open, with an overdue follow-up, and closed
    successfully; counts only (no persons), one query."""
    rows = (
        Referral.objects.filter(partner_id__in=partner_ids)
        .values("partner_id")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=~Q(outcome__in=_closed())),
            overdue=Count("id", filter=~Q(outcome__in=_closed()) & Q(follow_up_on__lt=today)),
            done=Count("id", filter=Q(outcome=ReferralOutcome.AFGEROND)),
            last_year=Count("id", filter=Q(referred_on__gte=today - timedelta(days=365))),
        )
    )
    empty = {"total": 0, "open": 0, "overdue": 0, "done": 0, "last_year": 0}
    found = {r["partner_id"]: {k: r[k] for k in empty} for r in rows}
    return {pk: found.get(pk, dict(empty)) for pk in partner_ids}


def _closed():
    from regie.guidance.models import CLOSED_OUTCOMES

    return [o.value for o in CLOSED_OUTCOMES]


# --------------------------------------------------------------------------- consent, referrals


class ReferralRefused(ValidationError):
    """A referral that may not be made; the message says why, in Dutch."""


def record_consent(
    person: Inburgeraar,
    partner: Partner,
    *,
    scope: list[str],
    purpose: str,
    given_on: date,
    given_by: str,
    given_by_name: str = "",
    form: str,
    valid_until: date | None,
    username: str,
) -> Consent:
    if not scope:
        raise ValidationError({"scope": _("Kies ten minste één soort gegevens.")})
    if valid_until and valid_until < given_on:
        raise ValidationError(
            {"valid_until": _("'Geldig tot en met' ligt vóór de datum van de toestemming.")}
        )
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("De datum van de toestemming ligt in de toekomst.")})
    if given_by == "vertegenwoordiger" and not given_by_name.strip():
        raise ValidationError({"given_by_name": _("Vul de naam van de vertegenwoordiger in.")})
    return Consent.objects.create(
        inburgeraar=person,
        partner=partner,
        scope=[c for c in ShareCategory.values if c in scope],
        purpose=purpose,
        given_on=given_on,
        given_by=given_by,
        given_by_name=given_by_name,
        form=form,
        valid_until=valid_until,
        recorded_by=username,
    )


def withdraw_consent(consent: Consent, on: date) -> Consent:
    if consent.withdrawn_on:
        return consent
    consent.withdrawn_on = on
    consent.save()
    return consent


def valid_consent(person: Inburgeraar, partner: Partner, shared: list[str], on: date):
    """The most recent consent of ``person`` for ``partner`` that is valid on ``on`` and
    covers everything in ``shared``, or None."""
    for consent in Consent.objects.filter(inburgeraar=person, partner=partner).order_by(
        "-given_on", "-id"
    ):
        if consent.valid_on(on) and set(shared) <= set(consent.scope):
            return consent
    return None


def referral_refusal(user, person, partner, shared: list[str], on: date) -> str | None:
    """Why this referral may not be made, in Dutch, or None. The consent rule: nothing
    is shared with a partner without the person's recorded, valid consent covering it."""
    if not shared:
        return _("Kies wat u met de partner deelt (ten minste naam en contactgegevens).")
    if not partner.accepts_referrals or not partner.active:
        return _("%(partner)s neemt geen verwijzingen aan.") % {"partner": partner.name}
    if ShareCategory.GEZONDHEID in shared and not user.can(Permission.HEALTH_VIEW):
        return _(
            "Gezondheidsgegevens (bijzonder persoonsgegeven) mag alleen delen wie ze mag inzien."
        )
    if on > timezone.localdate():
        return _("De datum van de verwijzing ligt in de toekomst.")
    if valid_consent(person, partner, shared, on) is None:
        labels = dict(ShareCategory.choices)
        return _(
            "Verwijzing geweigerd: er is geen geldige toestemming van %(person)s om "
            "%(what)s te delen met %(partner)s. Leg eerst de toestemming vast."
        ) % {
            "person": person.full_name,
            "what": ", ".join(str(labels[c]).lower() for c in shared),
            "partner": partner.name,
        }
    return None


def create_referral(
    user,
    person: Inburgeraar,
    partner: Partner,
    *,
    theme: str,
    reason: str,
    shared: list[str],
    shared_note: str,
    referred_on: date,
    follow_up_on: date | None,
) -> Referral:
    """Save a referral, or raise ReferralRefused (nothing saved) when the consent rule or
    the health rule forbids it."""
    shared = [c for c in ShareCategory.values if c in shared]
    refusal = referral_refusal(user, person, partner, shared, referred_on)
    if refusal:
        raise ReferralRefused(refusal)
    if follow_up_on and follow_up_on < referred_on:
        raise ValidationError(
            {"follow_up_on": _("De vervolgafspraak ligt vóór de datum van de verwijzing.")}
        )
    with transaction.atomic():
        consent = valid_consent(person, partner, shared, referred_on)
        return Referral.objects.create(
            inburgeraar=person,
            partner=partner,
            consent=consent,
            theme=theme,
            reason=reason,
            shared=shared,
            shared_note=shared_note,
            referred_on=referred_on,
            referred_by=user.username,
            follow_up_on=follow_up_on,
        )


def update_referral(
    referral: Referral, *, follow_up_on, outcome: str, outcome_note: str, today: date
) -> Referral:
    if follow_up_on and follow_up_on < referral.referred_on:
        raise ValidationError(
            {"follow_up_on": _("De vervolgafspraak ligt vóór de datum van de verwijzing.")}
        )
    referral.follow_up_on = follow_up_on
    referral.outcome = outcome
    referral.outcome_note = outcome_note
    if not referral.is_open and not referral.closed_on:
        referral.closed_on = today
    if referral.is_open:
        referral.closed_on = None
    referral.save()
    return referral


# --------------------------------------------------------------------------- maatjes


def in_guidance(queryset):
    """Persons in maatschappelijke begeleiding: a permit that gives it (Wi 2021 art. 13 lid
    1: asielstatushouders and family members of asylum holders, whatever the regime the
    municipality serves them under), a begeleider, file still open."""
    permits = permits_where(lambda r: r.maatschappelijke_begeleiding)
    return queryset.filter(verblijfsvergunning__in=permits, begeleider__isnull=False).exclude(
        status__in=[s.value for s in TERMINAL]
    )


def unmatched_newcomers(user):
    """Newcomers in the user's scope in guidance, wanting a maatje, with no active match."""
    active = Match.objects.active().values("inburgeraar_id")
    return (
        in_guidance(Inburgeraar.objects.for_user(user))
        .exclude(pk__in=active)
        .exclude(matching_profile__wants_maatje=False)
    )


def volunteers_with_load(user):
    """The user's volunteers with the number of active matches, in one query."""
    return Volunteer.objects.for_user(user).annotate(
        load=Count("matches", filter=Q(matches__end_date__isnull=True))
    )


@dataclass
class InstanceBuild:
    instance: dict
    newcomers: dict[str, Inburgeraar] = field(default_factory=dict)
    volunteers: dict[str, Volunteer] = field(default_factory=dict)
    skipped_newcomers: list[tuple[Inburgeraar, str]] = field(default_factory=list)
    excluded_volunteers: list[tuple[Volunteer, str]] = field(default_factory=list)


def newcomer_id(person_pk: int) -> str:
    return f"n{person_pk}"


def volunteer_id(volunteer_pk: int) -> str:
    return f"v{volunteer_pk}"


def build_instance(user, today: date) -> InstanceBuild:
    """The PLANNING.md §1 instance for all unmatched newcomers of the user's scope and the
    volunteers of their organisation, in a constant number of queries.

    Left out, each with a reason: newcomers without any location (no profile and no
    known municipality centre); volunteers without a valid VOG (lokaal beleid: not older
    than the municipality's limit), inactive ones, and those whose capacity is taken."""
    build = InstanceBuild(instance={"newcomers": [], "volunteers": []})
    persons = list(
        unmatched_newcomers(user).select_related("matching_profile", "municipality").order_by("pk")
    )
    for person in persons:
        profile = getattr(person, "matching_profile", None)
        location = _location(profile, person.municipality)
        if location is None:
            build.skipped_newcomers.append(
                (person, "geen locatie bekend: vul het matchingprofiel in")
            )
            continue
        nid = newcomer_id(person.pk)
        build.newcomers[nid] = person
        build.instance["newcomers"].append(
            {
                "id": nid,
                "languages": rules.split_codes(person.languages),
                "gender": person.gender,
                "wants_gender": (profile.wants_gender or None) if profile else None,
                "lat": location[0],
                "lon": location[1],
                "interests": rules.split_codes(profile.interests) if profile else [],
                "availability": rules.clean_slots(profile.availability) if profile else [],
            }
        )
    volunteers = list(volunteers_with_load(user).select_related("municipality").order_by("pk"))
    limits = vog_limits({v.municipality_id for v in volunteers})
    for volunteer in volunteers:
        reason = volunteer_exclusion(volunteer, today, limits[volunteer.municipality_id])
        location = _location(volunteer, volunteer.municipality)
        if reason is None and location is None:
            reason = "geen locatie bekend"
        if reason:
            build.excluded_volunteers.append((volunteer, reason))
            continue
        vid = volunteer_id(volunteer.pk)
        build.volunteers[vid] = volunteer
        build.instance["volunteers"].append(
            {
                "id": vid,
                "languages": volunteer.language_list(),
                "gender": volunteer.gender,
                "wants_gender": volunteer.wants_gender or None,
                "lat": location[0],
                "lon": location[1],
                "interests": volunteer.interest_list(),
                "availability": rules.clean_slots(volunteer.availability),
                "capacity": volunteer.capacity - volunteer.load,
                "max_km": float(volunteer.max_km),
            }
        )
    return build


def volunteer_exclusion(volunteer: Volunteer, today: date, vog_years: int) -> str | None:
    """Why a volunteer does not enter a matching instance today, or None."""
    if not volunteer.active:
        return "niet actief"
    problem = rules.vog_problem(volunteer.vog_date, today, vog_years)
    if problem:
        return problem
    load = getattr(volunteer, "load", None)
    if load is not None and load >= volunteer.capacity:
        return f"capaciteit bereikt ({load} van {volunteer.capacity} nieuwkomers)"
    return None


def _location(record, municipality) -> tuple[float, float] | None:
    if record is not None and record.lat is not None and record.lon is not None:
        return (record.lat, record.lon)
    return centre_of(municipality)




def run_matching(user, today: date | None = None) -> MatchingRun:
    """Build the instance, solve it optimally and store the proposal for review. Earlier
    open proposals of the organisation are superseded. Audit-logged."""
    today = today or timezone.localdate()
    build = build_instance(user, today)
    output = solve_matching(build.instance)
    names = {vid: v.full_name for vid, v in build.volunteers.items()}
    with transaction.atomic():
        stale = MatchingRun.objects.filter(organisation=user.organisation_id, status=RunStatus.OPEN)
        ProposedPair.objects.filter(run__in=stale, status=PairStatus.OPEN).update(
            status=PairStatus.VERVALLEN
        )
        stale.update(status=RunStatus.VERVANGEN)
        run = MatchingRun.objects.create(
            organisation_id=user.organisation_id,
            run_by=user,
            newcomer_count=len(build.newcomers) + len(build.skipped_newcomers),
            volunteer_count=len(build.volunteers),
            matched_count=output["objective"]["matched"],
            total_score=output["objective"]["score"],
            optimal=output["optimal"],
            excluded_volunteers=[
                {"volunteer": v.pk, "name": v.full_name, "reason": reason}
                for v, reason in build.excluded_volunteers
            ],
            status=RunStatus.OPEN if output["pairs"] else RunStatus.AFGEHANDELD,
        )
        ProposedPair.objects.bulk_create(
            [
                ProposedPair(
                    run=run,
                    inburgeraar=build.newcomers[p["newcomer"]],
                    volunteer=build.volunteers[p["volunteer"]],
                    score=p["score"],
                    reasons=p["reasons"],
                )
                for p in output["pairs"]
            ]
        )
        UnmatchedNewcomer.objects.bulk_create(
            [
                UnmatchedNewcomer(
                    run=run,
                    inburgeraar=build.newcomers[u["newcomer"]],
                    reason=readable_reason(u["reason"], names, "v")[:300],
                )
                for u in output["unmatched"]
            ]
            + [
                UnmatchedNewcomer(run=run, inburgeraar=person, reason=reason)
                for person, reason in build.skipped_newcomers
            ]
        )
        audit.log(
            AuditAction.CREATE,
            obj=run,
            description=(
                f"matchingvoorstel: {run.matched_count} van {run.newcomer_count} nieuwkomers "
                f"gekoppeld, {run.volunteer_count} vrijwilligers, optimaal={run.optimal}"
            ),
        )
    return run


class PairRefused(ValidationError):
    pass


def _check_link(volunteer: Volunteer, start_date: date) -> None:
    """Refuse a link when the volunteer has no room or no valid VOG, or the start date is
    too far ahead."""
    load = Match.objects.active().filter(volunteer=volunteer).count()
    problem = volunteer_exclusion(
        volunteer, start_date, vog_max_age(volunteer.municipality_id)
    ) or (
        _("%(name)s heeft geen plek meer.") % {"name": volunteer.full_name}
        if load >= volunteer.capacity
        else None
    )
    if problem:
        raise PairRefused(_("Koppelen kan niet: %(problem)s.") % {"problem": problem})
    if start_date > timezone.localdate() + timedelta(days=90):
        raise PairRefused(_("De startdatum ligt meer dan 90 dagen in de toekomst."))


def confirm_pair(pair: ProposedPair, user, start_date: date) -> Match:
    """Turn a proposed pair into a Match, if it still holds: the pair is open, the
    newcomer has no active maatje, the volunteer still has room and a valid VOG."""
    if pair.status != PairStatus.OPEN:
        raise PairRefused(_("Over dit paar is al besloten."))
    volunteer = pair.volunteer
    _check_link(volunteer, start_date)
    try:
        with transaction.atomic():
            match = Match.objects.create(
                inburgeraar_id=pair.inburgeraar_id,
                volunteer=volunteer,
                proposal=pair,
                start_date=start_date,
                confirmed_by=user.username,
            )
            _decide(pair, PairStatus.BEVESTIGD, user)
            audit.log(
                AuditAction.UPDATE,
                obj=pair,
                inburgeraar_id=pair.inburgeraar_id,
                description=f"maatje bevestigd: vrijwilliger {volunteer.pk}",
            )
    except IntegrityError as error:
        raise PairRefused(_("Deze nieuwkomer heeft al een actief maatje.")) from error
    return match


def maatje_candidates(user, person: Inburgeraar, today: date) -> list[Volunteer]:
    """The volunteers of the pool (the user's organisation) who can take ``person`` now:
    same municipality, active, a valid VOG and room left; those speaking one of the
    person's languages first, then the least loaded. One query."""
    volunteers = (
        volunteers_with_load(user)
        .filter(municipality=person.municipality_id, active=True)
        .order_by("last_name", "first_name", "pk")
    )
    vog_years = vog_max_age(person.municipality_id)
    spoken = set(rules.split_codes(person.languages))
    fitting = [v for v in volunteers if volunteer_exclusion(v, today, vog_years) is None]
    for volunteer in fitting:
        volunteer.shared_languages = sorted(spoken & set(rules.split_codes(volunteer.languages)))
    return sorted(fitting, key=lambda v: (not v.shared_languages, v.load))


def link_maatje(person: Inburgeraar, volunteer: Volunteer, user, start_date: date) -> Match:
    """A maatje linked directly for one newcomer (seed §3.8: by the begeleider who guides
    the household, or the coördinator), with the same checks as confirming a proposal."""
    if volunteer.municipality_id != person.municipality_id:
        raise PairRefused(_("Dit maatje woont in een andere gemeente dan de nieuwkomer."))
    _check_link(volunteer, start_date)
    try:
        with transaction.atomic():
            match = Match.objects.create(
                inburgeraar=person,
                volunteer=volunteer,
                start_date=start_date,
                confirmed_by=user.username,
            )
            audit.log(
                AuditAction.CREATE,
                obj=match,
                inburgeraar_id=person.pk,
                description=f"maatje gekoppeld door begeleiding: vrijwilliger {volunteer.pk}",
            )
    except IntegrityError as error:
        raise PairRefused(_("Deze nieuwkomer heeft al een actief maatje.")) from error
    return match


def reject_pair(pair: ProposedPair, user, reason: str) -> ProposedPair:
    if pair.status != PairStatus.OPEN:
        raise PairRefused(_("Over dit paar is al besloten."))
    if not reason.strip():
        raise PairRefused(_("Geef een reden op voor het afwijzen."))
    with transaction.atomic():
        pair.reject_reason = reason.strip()[:200]
        _decide(pair, PairStatus.AFGEWEZEN, user)
        audit.log(
            AuditAction.UPDATE,
            obj=pair,
            inburgeraar_id=pair.inburgeraar_id,
            description="maatjesvoorstel afgewezen",
        )
    return pair


def _decide(pair: ProposedPair, status: str, user) -> None:
    pair.status = status
    pair.decided_by = user.username
    pair.decided_at = timezone.now()
    pair.save()
    if not ProposedPair.objects.filter(run=pair.run_id, status=PairStatus.OPEN).exists():
        MatchingRun.objects.filter(pk=pair.run_id, status=RunStatus.OPEN).update(
            status=RunStatus.AFGEHANDELD
        )


def add_meeting(match: Match, on: date, note: str, username: str) -> MatchMeeting:
    if on < match.start_date:
        raise ValidationError({"date": _("De ontmoeting ligt vóór de start van de koppeling.")})
    if on > timezone.localdate():
        raise ValidationError({"date": _("De ontmoeting ligt in de toekomst.")})
    return MatchMeeting.objects.create(match=match, date=on, note=note, recorded_by=username)


def end_match(match: Match, on: date, reason: str) -> Match:
    if not match.is_active:
        raise ValidationError(_("Deze koppeling is al beëindigd."))
    if on < match.start_date:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    match.end_date = on
    match.end_reason = reason
    match.save()
    return match


def active_match_of(person: Inburgeraar) -> Match | None:
    return Match.objects.active().filter(inburgeraar=person).select_related("volunteer").first()


# --------------------------------------------------------------------------- figures


@dataclass
class MunicipalityFigures:
    municipality: str
    coverage: rules.Coverage
    time_to_match: rules.TimeToMatch


def coverage_figures(municipality_ids: list[int]) -> list[MunicipalityFigures]:
    """Maatje coverage and time to match per municipality: counts only, no persons, in a
    constant number of queries (for the regisseur and the coördinator)."""
    names = dict(Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "name"))
    population = list(
        in_guidance(Inburgeraar.objects.filter(municipality__in=municipality_ids)).values_list(
            "pk", "municipality_id", "housing_date", "kennisgeving_date"
        )
    )
    active = set(Match.objects.active().values_list("inburgeraar_id", flat=True))
    first_match = dict(
        Match.objects.filter(inburgeraar__municipality__in=municipality_ids)
        .values("inburgeraar_id")
        .annotate(first=Min("start_date"))
        .values_list("inburgeraar_id", "first")
    )
    result = []
    for muni_id in sorted(names, key=lambda m: names[m]):
        people = [p for p in population if p[1] == muni_id]
        ids = [p[0] for p in people]
        periods = [(p[2] or p[3], first_match[p[0]]) for p in people if p[0] in first_match]
        result.append(
            MunicipalityFigures(
                names[muni_id], rules.maatje_coverage(ids, active), rules.time_to_match(periods)
            )
        )
    return result


def served_ids(user) -> list[int]:
    return served_municipality_ids(user)
