"""Maatschappelijke begeleiding's personal data for the inzage export and the retention
job (regie.core.privacy).

Not registered for a municipality export (regie.core.portability): partners and matching
runs belong to an organisation, not to one municipality, so they cannot be selected per
municipality without a decision on how they move.
"""

from django.db.models import Q

from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.guidance.models import (
    ChecklistItem,
    Consent,
    Match,
    MatchingProfile,
    MatchMeeting,
    ProposedPair,
    Referral,
    UnmatchedNewcomer,
    Volunteer,
)


def anonymise_guidance(ids: list[int]) -> int:
    """Free text goes; themes, outcomes, statuses and dates stay for the figures. The
    matching location (derived from the address) goes with the free text."""
    changed = clear_text(ChecklistItem.objects.filter(inburgeraar__in=ids), ["note"])
    changed += clear_text(Consent.objects.filter(inburgeraar__in=ids), ["purpose", "given_by_name"])
    changed += clear_text(
        Referral.objects.filter(inburgeraar__in=ids), ["reason", "shared_note", "outcome_note"]
    )
    profiles = MatchingProfile.objects.filter(inburgeraar__in=ids)
    changed += clear_text(profiles, ["interests", "note"])
    changed += profiles.filter(Q(lat__isnull=False) | Q(lon__isnull=False)).update(
        lat=None, lon=None
    )
    changed += clear_text(ProposedPair.objects.filter(inburgeraar__in=ids), ["reject_reason"])
    changed += clear_text(Match.objects.filter(inburgeraar__in=ids), ["end_reason"])
    changed += clear_text(MatchMeeting.objects.filter(match__inburgeraar__in=ids), ["note"])
    return changed


def _collect(person):
    checklist = ChecklistItem.objects.filter(inburgeraar=person)
    if person.household_id:
        checklist = ChecklistItem.objects.filter(
            Q(inburgeraar=person) | Q(household_id=person.household_id)
        )
    return (
        model_records(checklist.select_related("household", "inburgeraar", "item_type"))
        + model_records(Consent.objects.filter(inburgeraar=person).select_related("partner"))
        + model_records(
            Referral.objects.filter(inburgeraar=person).select_related("partner", "consent")
        )
        + model_records(MatchingProfile.objects.filter(inburgeraar=person))
        + model_records(
            ProposedPair.objects.filter(inburgeraar=person).select_related("run", "volunteer")
        )
        + model_records(UnmatchedNewcomer.objects.filter(inburgeraar=person).select_related("run"))
        + model_records(
            Match.objects.filter(inburgeraar=person).select_related("volunteer", "proposal")
        )
        + model_records(MatchMeeting.objects.filter(match__inburgeraar=person))
    )


register_person_data(
    PersonData(
        key="guidance.begeleiding",
        label="Maatschappelijke begeleiding: checklist, toestemmingen, doorverwijzingen, maatje",
        collect=_collect,
        anonymise=anonymise_guidance,
        order=40,
        # Volunteer holds the volunteer's own data, not the inburgeraar's: it is listed
        # here for completeness; its name appears in the person's matches.
        models=(
            ChecklistItem,
            Consent,
            Referral,
            MatchingProfile,
            ProposedPair,
            UnmatchedNewcomer,
            Match,
            MatchMeeting,
            Volunteer,
        ),
    )
)
