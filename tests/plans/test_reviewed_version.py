"""Issue 17, deliverable 5: a PIP vaststelling covers exactly the version the colleague
opened. The vaststellen form carries a fingerprint of the content as rendered; when the
drafter changed the concept in between, nothing is set and the colleague is told why."""

import datetime as dt
import re

from django.urls import reverse

from regie.plans import services
from regie.plans.models import Beschikking, PIPDoel, VersieStatus
from tests.plans.conftest import draft
from tests.plans.test_vaststelling import concept_post

CHANGED = "Het PIP is gewijzigd nadat u het opende; bekijk de nieuwe inhoud en stel het dan vast."


def _open(client, person, versie):
    page = client.get(reverse("pip_versie", args=[person.pk, versie.nummer])).content.decode()
    match = re.search(r'name="fingerprint" value="([0-9a-f]{64})"', page)
    assert match, "the vaststellen form carries the fingerprint of what is shown"
    return page, match.group(1)


def _vaststellen(client, person, versie, fingerprint):
    return client.post(
        reverse("pip_vaststellen", args=[person.pk, versie.nummer]),
        {"fingerprint": fingerprint},
        follow=True,
    )


def test_a_goal_edited_after_the_colleague_opened_the_page_is_not_set(
    person, km, colleague, world, client_for
):
    versie = draft(person, km, aanbieder=world.aanbieder)
    client = client_for(colleague)
    _page, seen = _open(client, person, versie)

    goal = PIPDoel.objects.get(versie=versie)  # the drafter edits a goal in between
    goal.omschrijving = "Binnen drie maanden zelfstandig boodschappen doen."
    goal.save()

    response = _vaststellen(client, person, versie, seen)
    assert CHANGED in response.content.decode()
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT
    assert not Beschikking.objects.exists()

    # Back on the version page the new text is shown; setting that content works.
    page, seen_now = _open(client, person, versie)
    assert "Binnen drie maanden zelfstandig boodschappen doen." in page
    assert seen_now != seen
    response = _vaststellen(client, person, versie, seen_now)
    assert "Het PIP (versie 1) is vastgesteld." in response.content.decode()
    versie.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD
    assert versie.vastgesteld_door == colleague


def test_a_concept_saved_again_through_the_form_in_between_is_not_set(
    person, km, colleague, world, client_for
):
    versie = draft(person, km, aanbieder=world.aanbieder)
    _page, seen = _open(client_for(colleague), person, versie)
    drafter = client_for(km)  # the drafter raises the hours and adds a goal
    assert (
        drafter.post(
            reverse("pip_concept", args=[person.pk]),
            concept_post(world, versie=versie, lesuren_per_week="14"),
        ).status_code
        == 302
    )
    response = _vaststellen(client_for(colleague), person, versie, seen)
    assert CHANGED in response.content.decode()
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_a_post_without_the_fingerprint_is_refused(person, km, colleague, world, client_for):
    versie = draft(person, km, aanbieder=world.aanbieder)
    response = _vaststellen(client_for(colleague), person, versie, "")
    assert CHANGED in response.content.decode()
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_the_fingerprint_covers_the_content_not_the_bookkeeping(person, km, world):
    versie = draft(person, km, aanbieder=world.aanbieder)
    before = services.fingerprint(versie)
    versie.aangeboden_op = versie.opgesteld_op = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    versie.save()
    assert services.fingerprint(versie) == before

    for field, value in [
        ("leerroute", "z"),
        ("duur_maanden", 30),
        ("lesuren_per_week", 12),
        ("route_toelichting", "Een andere motivering."),
        ("dagtekening", dt.date(2026, 11, 2)),
    ]:
        old = getattr(versie, field)
        setattr(versie, field, value)
        assert services.fingerprint(versie) != before, field
        setattr(versie, field, old)
    assert services.fingerprint(versie) == before

    PIPDoel.objects.create(versie=versie, levensgebied="wonen", omschrijving="Huur regelen.")
    assert services.fingerprint(versie) != before
