"""Every object URL tried with another organisation's ids: a person of another
municipality, and a person of the same municipality handled by another uitvoerder and
referred to another aanbieder. Every role gets 403 or 404 (405 where the page does not
take the method), never the data, on GET and POST alike — also when the person in the URL is the
user's own and only the nested object belongs to the other person. The URLs are built by
the role × URL matrix's ``url_for``, so every app's pages are covered as they appear."""

import dataclasses

import pytest
from django.db import transaction
from django.urls import resolve, reverse

from regie.core.access import PUBLIC, access_rule
from regie.core.roles import PERMISSIONS, OrganisationType, Role
from tests.core.test_access_matrix import PERSON_PAGES, all_patterns, url_for
from tests.factories import (
    InburgeraarFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    VerwijzingFactory,
)

MARKER = "Vreemdgegeven"


def _other_people(world):
    """Two persons no role of ``world`` may see. Their names carry MARKER; the URL
    builders add the records each page needs."""
    other_uitvoerder = OrganisationFactory(
        name="Vreemdorg", type=OrganisationType.UITVOERDER, serves=[world.municipality]
    )
    other_km = UserFactory(
        username="vreemde-km",
        organisation=other_uitvoerder,
        team=TeamFactory(organisation=other_uitvoerder, name="Elders"),
        roles=[Role.KLANTMANAGER],
    )
    other_aanbieder = OrganisationFactory(
        name="Vreemdtaal", type=OrganisationType.AANBIEDER, serves=[world.municipality]
    )
    neighbour = InburgeraarFactory(
        municipality=world.municipality, klantmanager=other_km, first_name=MARKER, last_name=MARKER
    )
    VerwijzingFactory(inburgeraar=neighbour, aanbieder=other_aanbieder)
    stranger = world.stranger
    stranger.first_name = stranger.last_name = MARKER
    stranger.save()
    # A referral to world's own aanbieder: in another municipality it still gives no access.
    VerwijzingFactory(inburgeraar=stranger, aanbieder=world.aanbieder)
    return {"neighbour": neighbour, "stranger": stranger}


def _url(name, world, person):
    """The page's URL for ``person`` (None when the app's builder needs records this
    person cannot have, such as a referral to world's aanbieder for the neighbour)."""
    try:
        with transaction.atomic():
            return url_for(name, dataclasses.replace(world, person=person))
    except Exception:  # noqa: BLE001 - a builder that cannot build for this person
        return None


PERSON_NAMES = sorted(
    p.name
    for _, p in all_patterns()
    if p.name in PERSON_PAGES and access_rule(p.callback) not in (None, PUBLIC)
)


def _permitted_roles(name):
    pattern = next(p for _, p in all_patterns() if p.name == name)
    return [role for role in Role if role in PERMISSIONS[access_rule(pattern.callback)]]


def _refused(response, method) -> bool:
    # 405: the page does not take this method at all (a GET on a POST-only page, a POST
    # on an API detail endpoint), so nothing was looked up.
    return response.status_code in (403, 404, 405) and MARKER.encode() not in response.content


@pytest.mark.parametrize("name", PERSON_NAMES)
def test_another_organisations_person(world, client_for, name):
    others = _other_people(world)
    failures = []
    tried = 0
    for label, other in others.items():
        url = _url(name, world, other)
        if url is None:
            continue
        tried += 1
        for role in _permitted_roles(name):
            client = client_for(world.users[role])
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if not _refused(response, method):
                    failures.append((label, role.value, method, response.status_code))
    assert tried, "no URL could be built for another organisation's person"
    assert failures == []


@pytest.mark.parametrize("name", PERSON_NAMES)
def test_own_person_with_another_persons_nested_object(world, client_for, name):
    """/inburgeraars/<mine>/…/<theirs>/: the nested id must be looked up through the
    person in the URL, not on its own."""
    others = _other_people(world)
    url = _url(name, world, others["neighbour"]) or _url(name, world, others["stranger"])
    if url is None:
        pytest.skip("no URL could be built")
    match = resolve(url)
    nested = {k: v for k, v in match.kwargs.items() if k != "pk"}
    if "pk" not in match.kwargs or not nested:
        pytest.skip("no nested object in this URL")
    spliced = reverse(match.view_name, kwargs={**match.kwargs, "pk": world.person.pk})
    failures = []
    for role in _permitted_roles(name):
        client = client_for(world.users[role])
        for method in ("get", "post"):
            response = getattr(client, method)(spliced)
            if MARKER.encode() in response.content or response.status_code >= 500:
                failures.append((role.value, method, response.status_code))
            elif method == "post" and response.status_code in (200, 302):
                # A POST that was accepted must not have touched the other person's data.
                failures.extend(_touched(others["neighbour"], role))
    assert failures == []


def _touched(person, role):
    from regie.core.models import AuditEvent

    changed = AuditEvent.objects.filter(
        inburgeraar_id=person.pk, username=role.value, action__in=["create", "update", "delete"]
    )
    return [(role.value, "changed", e.object_type) for e in changed]


def test_user_and_municipality_pages_with_foreign_ids(world, client_for):
    other_org = OrganisationFactory(name="Vreemdorg", serves=[world.other_municipality])
    other_user = UserFactory(
        username="vreemd", last_name=MARKER, organisation=other_org, roles=[Role.KLANTMANAGER]
    )
    client = client_for(world.users[Role.BEHEERDER])
    assert client.get(reverse("user_edit", args=[other_user.pk])).status_code == 404
    response = client.post(
        reverse("user_edit", args=[other_user.pk]),
        {"username": "overgenomen", "roles": ["beheerder"]},
    )
    assert response.status_code == 404
    other_user.refresh_from_db()
    assert other_user.username == "vreemd"
    assert (
        client.get(reverse("municipality_rules", args=[world.other_municipality.pk])).status_code
        == 404
    )
    assert MARKER.encode() not in client.get(reverse("user_list")).content
