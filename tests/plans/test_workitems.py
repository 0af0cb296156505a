"""The PIP in shared pages: the four-eyes queue and due voortgangsgesprekken in the
werkvoorraad, the next voortgangsgesprek as caseload deadline, and the file section; each
with a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.core.extensions import werkvoorraad
from regie.core.roles import Role
from regie.plans.workitems import klantmanager_pip_work, pip_section, voortgang_deadlines
from tests.factories import (
    InburgeraarFactory,
    PIPDoelFactory,
    PIPFactory,
    PIPVersieFactory,
    VoortgangsgesprekFactory,
)
from tests.plans.conftest import draft


def section(sections, key):
    return next(s for s in sections if s.key == key)


def with_pip(world, km, *, dagtekening, weeks=8, held=None, status="in_uitvoering"):
    person = InburgeraarFactory(municipality=world.municipality, klantmanager=km, status=status)
    pip = PIPFactory(inburgeraar=person)
    versie = PIPVersieFactory(
        pip=pip,
        nummer=1,
        vastgesteld=True,
        dagtekening=dagtekening,
        voortgang_frequentie_weken=weeks,
        aanbieder=world.aanbieder,
    )
    PIPDoelFactory(versie=versie)
    if held:
        VoortgangsgesprekFactory(pip=pip, datum=held)
    return person


def test_four_eyes_queue_shows_offered_concepts_to_colleagues_only(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder)
    today = timezone.localdate()
    assert section(klantmanager_pip_work(colleague, today), "pip_vaststellen").items == []
    versie.aangeboden_op = timezone.now()
    versie.save()
    queue = section(klantmanager_pip_work(colleague, today), "pip_vaststellen").items
    assert [item.person for item in queue] == [person]
    assert queue[0].url == reverse("pip_versie", args=[person.pk, versie.nummer])
    assert section(klantmanager_pip_work(km, today), "pip_vaststellen").items == []


def test_voortgang_due_within_14_days_or_overdue(world, km):
    today = timezone.localdate()
    overdue = with_pip(
        world, km, dagtekening=today - dt.timedelta(weeks=20), held=today - dt.timedelta(weeks=10)
    )
    soon = with_pip(world, km, dagtekening=today - dt.timedelta(weeks=7))
    later = with_pip(world, km, dagtekening=today - dt.timedelta(weeks=2))
    finished = with_pip(world, km, dagtekening=today - dt.timedelta(weeks=20), status="afgerond")
    items = section(klantmanager_pip_work(km, today), "voortgang_due").items
    assert [item.person.pk for item in items] == [overdue.pk, soon.pk]
    assert items[0].overdue and items[0].due == today - dt.timedelta(weeks=2)
    assert not items[1].overdue
    assert later.pk not in {i.person.pk for i in items}
    assert finished.pk not in {i.person.pk for i in items}


def test_other_roles_get_no_pip_work(world):
    today = timezone.localdate()
    for role in (Role.BEGELEIDER, Role.AANBIEDER, Role.JURIST, Role.REGISSEUR):
        assert klantmanager_pip_work(world.users[role], today) == []


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


@pytest.mark.parametrize("provider", ["werkvoorraad", "deadlines"])
def test_constant_queries_for_3_and_30_persons(world, km, colleague, provider):
    today = timezone.localdate()

    def add(n):
        for index in range(n):
            person = with_pip(
                world,
                km,
                dagtekening=today - dt.timedelta(weeks=9 + index % 3),
                held=today - dt.timedelta(weeks=8) if index % 2 else None,
            )
            VoortgangsgesprekFactory(
                pip=person.pip, status="gepland", datum=today + dt.timedelta(days=3)
            )
            concept = InburgeraarFactory(
                municipality=world.municipality, klantmanager=km, status="intake"
            )
            draft(concept, km, aanbieder=world.aanbieder, aangeboden_op=timezone.now())

    def run():
        if provider == "werkvoorraad":
            sections = klantmanager_pip_work(colleague, today)
            return sum(len(s.items) for s in sections)
        from regie.people.models import Inburgeraar

        persons = list(Inburgeraar.objects.all())
        return len(voortgang_deadlines(colleague, persons))

    add(3)
    run()  # warm the user's cached roles and municipalities
    few = count_queries(run)
    add(27)
    many = count_queries(run)
    assert run() >= 30
    assert few == many


def test_werkvoorraad_page_shows_pip_sections(world, km, colleague, person, client_for):
    draft(person, km, aanbieder=world.aanbieder, aangeboden_op=timezone.now())
    content = client_for(colleague).get(reverse("home")).content.decode()
    assert "PIP&#x27;s die wachten op vaststelling (vier ogen)" in content or (
        "wachten op vaststelling" in content
    )
    assert person.full_name in content
    assert len([s for s in werkvoorraad(colleague, timezone.localdate())]) >= 2


def test_caseload_list_shows_next_voortgangsgesprek(world, km, client_for):
    today = timezone.localdate()
    person = with_pip(world, km, dagtekening=today - dt.timedelta(weeks=2))
    content = client_for(km).get(reverse("person_list")).content.decode()
    due = today - dt.timedelta(weeks=2) + dt.timedelta(weeks=8)
    assert f"Voortgangsgesprek: {due:%d-%m-%Y}" in content
    assert person.last_name in content


def test_person_section_only_for_pip_view(first_pip, world, rf):
    person = first_pip.pip.inburgeraar
    for role, expected in (
        (Role.KLANTMANAGER, True),
        (Role.BEGELEIDER, True),
        (Role.AANBIEDER, False),
        (Role.COORDINATOR, False),
        (Role.FINANCIEEL, False),
    ):
        request = rf.get("/")
        request.user = world.users[role]
        found = pip_section(request, person)
        assert (found is not None) is expected, role
    request = rf.get("/")
    request.user = world.users[Role.KLANTMANAGER]
    context = pip_section(request, person).context
    assert context["current"] == first_pip
    assert context["termijn"] == (dt.date(2025, 1, 11), dt.date(2028, 1, 10))


def test_person_file_shows_the_pip(first_pip, km, world, client_for):
    person = first_pip.pip.inburgeraar
    content = client_for(km).get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Vastgesteld (versie 1)" in content
    assert reverse("pip_beschikking", args=[person.pk, 1]) in content
    aanbieder_view = client_for(world.users[Role.AANBIEDER]).get(
        reverse("person_detail", args=[person.pk])
    )
    assert "Vastgesteld (versie 1)" not in aanbieder_view.content.decode()


def test_voortgang_deadline_only_for_roles_that_see_the_pip(world, km):
    """Need to know: the next voortgangsgesprek belongs to the PIP; an aanbieder or a
    financieel medewerker does not get it as a caseload deadline."""
    today = timezone.localdate()
    person = with_pip(world, km, dagtekening=today - dt.timedelta(weeks=9))
    assert voortgang_deadlines(km, [person])
    assert voortgang_deadlines(world.users[Role.BEGELEIDER], [person])
    for role in (Role.AANBIEDER, Role.FINANCIEEL, Role.COORDINATOR):
        assert voortgang_deadlines(world.users[role], [person]) == {}
