"""Pages do a constant number of queries whatever the caseload."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.roles import Role
from regie.people.models import Inburgeraar
from tests.factories import InburgeraarFactory, valid_bsn


def add_persons(world, n, start):
    km = world.users[Role.KLANTMANAGER]
    Inburgeraar.objects.bulk_create(
        [
            Inburgeraar(
                first_name=f"P{start + i}",
                last_name="Test",
                search_name=f"p{start + i} test",
                bsn=valid_bsn(50000 + start + i),
                date_of_birth=dt.date(1990, 1, 1),
                gender="m",
                municipality=world.municipality,
                doelgroep="asielmigrant",
                kennisgeving_date=dt.date.today() - dt.timedelta(days=60 + i % 30),
                klantmanager=km,
                status="intake" if i % 2 else "aangemeld",
            )
            for i in range(n)
        ]
    )


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "params"),
    [("person_list", {}), ("person_list", {"q": "test", "status": "intake"}), ("home", {})],
)
def test_constant_queries_for_10_and_500_persons(world, client_for, url_name, params):
    client = client_for(world.users[Role.KLANTMANAGER])
    add_persons(world, 10, 0)
    count_queries(client, reverse(url_name), params)  # first use may create defaults
    small = count_queries(client, reverse(url_name), params)
    add_persons(world, 490, 10)
    large = count_queries(client, reverse(url_name), params)
    assert small == large
    # Every app contributes its werkvoorraad sections; the sum stays bounded.
    assert large <= 45


def test_person_file_is_constant_whatever_its_history(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("person_detail", args=[world.person.pk])
    count_queries(client, url)  # first use may create defaults (e.g. the guidance checklist)
    # A table the person has no rows in is not read at all (regie.core.presence): start
    # with some history, so that what is compared is one change against thirty.
    world.person.phone = "0612345999"
    world.person.save()
    InburgeraarFactory(municipality=world.municipality, household=None)
    first = count_queries(client, url)
    for i in range(30):
        world.person.phone = f"0612345{i:03d}"
        world.person.save()
        InburgeraarFactory(municipality=world.municipality, household=None)
    assert count_queries(client, url) == first
