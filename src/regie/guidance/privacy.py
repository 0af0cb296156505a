"""Maatschappelijke begeleiding's personal data for the inzage export and the retention
job (regie.core.privacy), and the models of a municipality export (regie.core.portability).

How the data moves with a municipality export:

- records bound to a person of the municipality move with the person: checklist items
  (selected through their municipality's checklist point types, so household checklists
  come along), consents, referrals, matching profiles, proposed pairs, unmatched
  newcomers, matches and meetings;
- the municipality's own settings, checklist point types and volunteers move with it.
  Settings and checklist point types are matched on import by municipality (and code):
  a target that already created its default checklist keeps it and the items refer to it;
- partners belong to an organisation that serves several municipalities: a partner
  travels as a shared record, only when the municipality's consents or referrals use it,
  with its themes and contacts; on import it is matched by its organisation (by name) and
  reused unchanged when the target's partner register has it, created otherwise;
- a matching run covers every newcomer of an organisation, in several municipalities: it
  travels as a shared record when the municipality's proposals refer to it, matched by
  organisation and run time. Its list of excluded volunteers (names of volunteers of
  other municipalities) is not exported (``omit``; the export and import say so);
- a volunteer of another municipality (a maatje across the border) travels with the match
  as a shared record, matched by organisation, municipality, name and creation time; the
  municipality must exist on the target.
"""

from django.db.models import Q

from regie.core.portability import register_portable
from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
from regie.guidance.models import (
    ChecklistItem,
    ChecklistItemType,
    Consent,
    GuidanceSettings,
    Match,
    MatchingProfile,
    MatchingRun,
    MatchMeeting,
    Partner,
    PartnerContact,
    PartnerTheme,
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

PERSON = "inburgeraar__municipality"
register_portable(GuidanceSettings, "municipality", order=40, natural_key=("municipality",))
register_portable(ChecklistItemType, "municipality", order=41, natural_key=("municipality", "code"))
register_portable(ChecklistItem, "item_type__municipality", order=42)
register_portable(Partner, None, order=43, natural_key=("organisation",))
register_portable(PartnerTheme, None, order=44, natural_key=("partner", "theme"), follows="partner")
register_portable(
    PartnerContact, None, order=44, natural_key=("partner", "name"), follows="partner"
)
register_portable(Consent, PERSON, order=45)
register_portable(Referral, PERSON, order=46)
register_portable(
    Volunteer,
    "municipality",
    order=45,
    natural_key=("organisation", "municipality", "first_name", "last_name", "created_at"),
)
register_portable(MatchingProfile, PERSON, order=45)
register_portable(
    MatchingRun,
    None,
    order=45,
    natural_key=("organisation", "run_at"),
    omit=("excluded_volunteers",),
)
register_portable(ProposedPair, PERSON, order=47)
register_portable(UnmatchedNewcomer, PERSON, order=47)
register_portable(Match, PERSON, order=48)
register_portable(MatchMeeting, "match__inburgeraar__municipality", order=49)
