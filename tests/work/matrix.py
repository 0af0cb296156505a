"""URLs of the work app for the role x URL matrix (tests/core/test_access_matrix.py): a
werkgever serving world.municipality with a plek, and a placement of world.person."""

from datetime import date

from django.urls import reverse

from regie.core.roles import Role
from regie.work.models import (
    Plaatsing,
    PlaatsingMatchingRun,
    PlaatsingStatus,
    Plek,
    PlekSoort,
    Uitstroom,
    Werkgever,
)

WORK_PERSON_PAGES = {
    "plaatsing_add",
    "plaatsing_status",
    "evaluatie_add",
    "uitstroom_add",
    "api-plaatsing-detail",
    "api-uitstroom-detail",
}
WORK_POST_ONLY: set[str] = {"plaatsing_matching_start", "plaatsing_matching_decide"}
WORK_NAMES = WORK_PERSON_PAGES | {
    "werkgever_list",
    "werkgever_create",
    "werkgever_detail",
    "werkgever_edit",
    "plek_create",
    "plek_edit",
    "api-plaatsing-list",
    "api-uitstroom-list",
    "plaatsing_matching",
    "plaatsing_matching_start",
    "plaatsing_matching_run",
    "plaatsing_matching_decide",
    "portal_werk",
}


def make_plek(municipality, capacity=2, name="Zorgcentrum De Hofstede") -> Plek:
    werkgever = Werkgever.objects.create(municipality=municipality, name=name, sector="Zorg")
    return Plek.objects.create(
        werkgever=werkgever,
        title="Gastvrouw restaurant",
        soort=PlekSoort.WERKERVARING,
        language_level="A2",
        hours_per_week=16,
        capacity=capacity,
    )


def work_url(name, world) -> str:
    plek = make_plek(world.municipality)
    plaatsing = Plaatsing.objects.create(
        inburgeraar=world.person,
        plek=plek,
        start=date(2026, 9, 1),
        hours_per_week=16,
        status=PlaatsingStatus.LOPEND,
    )
    person = world.person.pk
    uitstroom = Uitstroom.objects.create(
        inburgeraar=world.person, soort="verhuizing", datum=date(2026, 12, 1)
    )
    args = {
        "api-plaatsing-detail": [plaatsing.pk],
        "api-uitstroom-detail": [uitstroom.pk],
        "werkgever_detail": [plek.werkgever_id],
        "werkgever_edit": [plek.werkgever_id],
        "plek_create": [plek.werkgever_id],
        "plek_edit": [plek.werkgever_id, plek.pk],
        "plaatsing_status": [person, plaatsing.pk],
        "evaluatie_add": [person, plaatsing.pk],
        "plaatsing_matching_run": [
            PlaatsingMatchingRun.objects.create(
                organisation=world.users[Role.KLANTMANAGER].organisation,
                municipality=world.municipality,
            ).pk
        ],
        "plaatsing_matching_decide": [1, 1],  # POST only: a GET is refused before the lookup
    }
    if name in args:
        return reverse(name, args=args[name])
    if name in WORK_PERSON_PAGES:
        return reverse(name, args=[person])
    return reverse(name)
