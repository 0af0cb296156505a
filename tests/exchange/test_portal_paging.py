"""The aanbieder portal pages its participants by (last name, id): every participant once,
forwards and backwards, a constant number of queries whatever the size, a name search and
filters, and no error on a wrong or foreign boundary."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.roles import Role
from regie.exchange import views
from regie.people.models import Inburgeraar, Verwijzing
from tests.factories import InburgeraarFactory, LesurenFactory, OrganisationFactory

PERSON = re.compile(r'href="/aanbieder/deelnemers/(\d+)/"')
NEXT = re.compile(r'rel="next" href="\?([^"]*)"')
PREVIOUS = re.compile(r'rel="prev" href="\?([^"]*)"')
NAMES = ("Ahmadi", "Bakker", "Ahmadi", "Yilmaz", "de Vries", "Haile", "Ahmadi", "Noori")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PORTAL_PAGE_SIZE", 3)


def add_participants(world, count, start=0):
    made = []
    for i in range(start, start + count):
        person = InburgeraarFactory(
            municipality=world.municipality, last_name=NAMES[i % len(NAMES)], first_name=f"P{i}"
        )
        Verwijzing.objects.create(
            inburgeraar=person, aanbieder=world.aanbieder, status="geaccepteerd"
        )
        made.append(person)
    return made


def page_url(query=""):
    return reverse("portal_home") + (f"?{query}" if query else "")


def ids_on(html):
    return [int(pk) for pk in PERSON.findall(html)]


def expected_order(world):
    persons = Inburgeraar.objects.filter(
        verwijzingen__aanbieder=world.aanbieder, verwijzingen__status="geaccepteerd"
    )
    return list(persons.order_by("last_name", "id").values_list("pk", flat=True))


def test_paging_shows_every_participant_exactly_once(world, client_for, small_pages):
    add_participants(world, 10)
    # Not participants: referred to someone else, or not yet accepted.
    other = OrganisationFactory(name="Elders", type="aanbieder", serves=[world.municipality])
    Verwijzing.objects.create(
        inburgeraar=InburgeraarFactory(municipality=world.municipality), aanbieder=other
    )
    Verwijzing.objects.create(
        inburgeraar=InburgeraarFactory(municipality=world.municipality),
        aanbieder=world.aanbieder,
        status="aangevraagd",
    )
    client = client_for(world.users[Role.AANBIEDER])
    expected = expected_order(world)
    assert len(expected) == 11  # the world's person and ten more

    seen, query, numbers = [], "", []
    while True:
        html = client.get(page_url(query)).content.decode()
        assert 'aria-label="Paginering deelnemers"' in html
        numbers.append(int(re.search(r'aria-current="page">Pagina (\d+)<', html).group(1)))
        seen.extend(ids_on(html))
        found = NEXT.search(html)
        if not found:
            break
        query = found.group(1).replace("&amp;", "&")
    assert seen == expected
    assert numbers == [1, 2, 3, 4]

    backwards = []
    while True:
        found = PREVIOUS.search(html)
        if not found:
            break
        html = client.get(page_url(found.group(1).replace("&amp;", "&"))).content.decode()
        backwards = ids_on(html) + backwards
    # Back on the first page, which is marked so and has no previous link.
    assert 'aria-current="page">Pagina 1<' in html
    assert backwards + seen[-2:] == expected


def test_the_number_of_queries_does_not_grow(world, client_for, small_pages):
    client = client_for(world.users[Role.AANBIEDER])
    add_participants(world, 5)

    def counts():
        first = client.get(page_url()).content.decode()
        query = NEXT.search(first).group(1).replace("&amp;", "&")
        result = []
        for url in (
            page_url(),
            page_url(query),
            page_url("q=ahmadi"),
            page_url(f"gemeente={world.municipality.pk}&zonder_lesuren=on"),
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    few = counts()
    add_participants(world, 30, start=5)
    for person in Inburgeraar.objects.all()[:20]:
        LesurenFactory(inburgeraar=person, aanbieder=world.aanbieder, maand=dt.date(2026, 1, 1))
    assert counts() == few


def test_search_and_filters(world, client_for):
    made = add_participants(world, 4)  # Ahmadi, Bakker, Ahmadi, Yilmaz
    today = dt.date.today().replace(day=1)
    last_month = (today - dt.timedelta(days=1)).replace(day=1)
    LesurenFactory(inburgeraar=made[0], aanbieder=world.aanbieder, maand=last_month)
    client = client_for(world.users[Role.AANBIEDER])

    found = ids_on(client.get(page_url("q=AHMADI")).content.decode())
    assert sorted(found) == sorted([made[0].pk, made[2].pk])
    both = ids_on(client.get(page_url("q=p2 ahmadi")).content.decode())
    assert both == [made[2].pk]
    html = client.get(page_url("zonder_lesuren=on")).content.decode()
    assert made[0].pk not in ids_on(html) and made[1].pk in ids_on(html)
    assert "Alleen deelnemers zonder lesuren over" in html
    none = client.get(page_url("q=niemand")).content.decode()
    assert "Geen deelnemers gevonden" in none
    # A referral in a municipality the aanbieder does not serve gives no participant, and
    # that municipality cannot be chosen in the filter.
    Verwijzing.objects.create(
        inburgeraar=world.stranger, aanbieder=world.aanbieder, status="geaccepteerd"
    )
    elsewhere = client.get(page_url(f"gemeente={world.other_municipality.pk}"))
    assert elsewhere.status_code == 200
    assert world.stranger.pk not in ids_on(elsewhere.content.decode())
    assert world.other_municipality.name not in elsewhere.content.decode()
    here = ids_on(client.get(page_url(f"gemeente={world.municipality.pk}")).content.decode())
    assert len(here) == 5 and world.stranger.pk not in here


@pytest.mark.parametrize("query", ["na=abc", "voor=-1", "na=99999999999999999999", "pagina=x"])
def test_a_wrong_boundary_shows_the_first_page(world, client_for, query):
    client = client_for(world.users[Role.AANBIEDER])
    response = client.get(page_url(query))
    assert response.status_code == 200
    assert ids_on(response.content.decode()) == [world.person.pk]


def test_a_foreign_boundary_reveals_nothing(world, client_for, small_pages):
    """The boundary of a person outside the aanbieder's participants is ignored: the page
    does not show where that person's name would fall."""
    add_participants(world, 6)
    client = client_for(world.users[Role.AANBIEDER])
    first = ids_on(client.get(page_url()).content.decode())
    for pk in (world.stranger.pk, world.stranger.pk + 1000):
        assert ids_on(client.get(page_url(f"na={pk}&pagina=5")).content.decode()) == first
