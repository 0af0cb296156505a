"""URLs of the guidance app for the role x URL matrix (tests/core/test_access_matrix.py):
a partner serving world.municipality with a contact, a consent and referral of
world.person, a volunteer of the sociaal team with a match and a stored proposal."""

from django.urls import reverse

from regie.core.roles import OrganisationType
from regie.guidance.models import MatchingRun, PartnerContact, ProposedPair
from tests.factories import (
    MatchFactory,
    OrganisationFactory,
    PartnerFactory,
    ReferralFactory,
    VolunteerFactory,
)

GUIDANCE_PERSON_PAGES = {
    "guidance_detail",
    "checklist_edit",
    "consent_add",
    "consent_withdraw",
    "referral_add",
    "referral_edit",
    "profile_edit",
    "matching_profile_edit",
    "match_detail",
    "maatje_link",
}
GUIDANCE_POST_ONLY = {"consent_withdraw", "matching_run", "pair_decide", "partner_contact_delete"}
GUIDANCE_NAMES = GUIDANCE_PERSON_PAGES | {
    "partner_list",
    "partner_create",
    "partner_detail",
    "partner_edit",
    "partner_contact_delete",
    "collaboration_overview",
    "volunteer_list",
    "volunteer_create",
    "volunteer_edit",
    "matching_home",
    "matching_run",
    "matching_run_detail",
    "pair_decide",
    "guidance_settings",
}


def guidance_url(name, world) -> str:
    org = OrganisationFactory(type=OrganisationType.PARTNER, serves=[world.municipality])
    partner = PartnerFactory(organisation=org)
    contact = PartnerContact.objects.create(partner=partner, name="E. Kok")
    referral = ReferralFactory(consent__inburgeraar=world.person, consent__partner=partner)
    volunteer = VolunteerFactory(organisation=world.sociaal_team, municipality=world.municipality)
    match = MatchFactory(inburgeraar=world.person, volunteer=volunteer)
    run = MatchingRun.objects.create(organisation=world.sociaal_team)
    pair = ProposedPair.objects.create(
        run=run, inburgeraar=world.person, volunteer=volunteer, score=12.0
    )
    person = world.person.pk
    args = {
        "consent_withdraw": [person, referral.consent.pk],
        "referral_edit": [person, referral.pk],
        "match_detail": [match.pk],
        "partner_detail": [partner.pk],
        "partner_edit": [partner.pk],
        "partner_contact_delete": [partner.pk, contact.pk],
        "volunteer_edit": [volunteer.pk],
        "matching_run_detail": [run.pk],
        "pair_decide": [run.pk, pair.pk],
    }
    if name in args:
        return reverse(name, args=args[name])
    if name in GUIDANCE_PERSON_PAGES:
        return reverse(name, args=[person])
    return reverse(name)
