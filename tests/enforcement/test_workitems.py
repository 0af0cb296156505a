"""Handhaving and bezwaar in the werkvoorraad, the caseload deadlines and the person's
file: the right items for the klantmanager and the jurist, constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.roles import Role
from regie.enforcement import services
from regie.enforcement.workitems import enforcement_deadlines, enforcement_work
from regie.people.models import Inburgeraar
from tests.enforcement.conftest import TODAY, advised, give_pip, no_show_case, register
from tests.factories import InburgeraarFactory, LeerbaarheidstoetsFactory

pytestmark = pytest.mark.django_db


def section(sections, key):
    return next(s for s in sections if s.key == key)


def test_klantmanager_sees_signals_terms_and_bezwaren_to_prepare(pip_person, km, world):
    other = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
    LeerbaarheidstoetsFactory(inburgeraar=other, no_show=True, date=TODAY())
    zaak = no_show_case(pip_person, km)
    services.send_warning(zaak, TODAY(), TODAY() + dt.timedelta(days=5))
    register(pip_person, km)
    sections = enforcement_work(km, TODAY())
    signals = section(sections, "handhaving_signalen").items
    assert [i.person for i in signals] == [other]
    assert signals[0].url == reverse("handhaving_create", args=[other.pk])
    terms = section(sections, "handhaving_termijnen").items
    assert [(i.person, i.due) for i in terms] == [(pip_person, TODAY() + dt.timedelta(days=5))]
    prepare = section(sections, "bezwaar_voorbereiden").items
    assert len(prepare) == 1 and "advies opstellen" in prepare[0].what
    assert {s.key for s in sections}.isdisjoint({"bezwaar_beslissen"})


def test_jurist_sees_bezwaren_with_beslistermijn_and_hearings(pip_person, km, jurist):
    bezwaar = advised(pip_person, km)
    services.plan_hearing(bezwaar, TODAY() + dt.timedelta(days=3))
    sections = enforcement_work(jurist, TODAY())
    decide = section(sections, "bezwaar_beslissen").items
    assert decide[0].due == services.beslistermijn(bezwaar)
    assert "beslissen" in decide[0].what
    assert section(sections, "bezwaar_hoorzittingen").items[0].due == TODAY() + dt.timedelta(days=3)
    assert not any(s.key.startswith("handhaving") for s in sections)


def test_overdue_beslistermijn_is_overdue(world, km, jurist):
    give_pip(world.person, world.aanbieder, TODAY() - dt.timedelta(days=150))
    register(world.person, km, ontvangen=TODAY() - dt.timedelta(days=140))
    item = section(enforcement_work(jurist, TODAY()), "bezwaar_beslissen").items[0]
    assert item.overdue


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_werkvoorraad_and_deadlines_query_counts_constant(world, km, jurist):
    def add_cases(n):
        for _ in range(n):
            person = InburgeraarFactory(
                municipality=world.municipality, klantmanager=km, status="in_uitvoering"
            )
            give_pip(person, world.aanbieder, TODAY() - dt.timedelta(days=20))
            bezwaar = advised(person, km)
            services.plan_hearing(bezwaar, TODAY() + dt.timedelta(days=2))
            no_show_case(person, km)

    add_cases(1)
    persons = list(Inburgeraar.objects.all())
    enforcement_work(km, TODAY()), enforcement_work(jurist, TODAY())  # warm per-user caches
    few = (
        _count(lambda: enforcement_work(km, TODAY())),
        _count(lambda: enforcement_work(jurist, TODAY())),
        _count(lambda: enforcement_deadlines(km, persons)),
    )
    add_cases(4)
    persons = list(Inburgeraar.objects.all())
    many = (
        _count(lambda: enforcement_work(km, TODAY())),
        _count(lambda: enforcement_work(jurist, TODAY())),
        _count(lambda: enforcement_deadlines(km, persons)),
    )
    assert few == many
    assert len(enforcement_deadlines(km, persons)) == 5


def test_person_section_lists_cases_and_running_terms(pip_person, km, client_for):
    bezwaar = register(pip_person, km)
    page = client_for(km).get(reverse("person_detail", args=[pip_person.pk])).content.decode()
    assert "Handhaving, bezwaar en beroep" in page
    assert bezwaar.kenmerk in page
    assert "Beslistermijn bezwaar (Awb art. 7:10)" in page
    assert reverse("bezwaar_create", args=[pip_person.pk]) in page


@pytest.mark.parametrize(
    "role", [Role.AANBIEDER, Role.BEGELEIDER, Role.COORDINATOR, Role.FINANCIEEL]
)
def test_enforcement_terms_stay_with_the_roles_that_see_enforcement(
    pip_person, km, world, client_for, role
):
    """Need to know: a handhaving term must not reach the caseload list or the person's
    file header of a role without HANDHAVING_VIEW (it would tell an aanbieder that a fine
    procedure runs)."""
    zaak = no_show_case(pip_person, km)
    services.send_warning(zaak, TODAY(), TODAY() + dt.timedelta(days=5))
    term = "Nieuwe termijn na waarschuwing"
    assert term in client_for(km).get(reverse("person_list")).content.decode()
    client = client_for(world.users[role])
    for url in (reverse("person_list"), reverse("person_detail", args=[pip_person.pk])):
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert term not in response.content.decode(), (role, url)
