"""Placements in the weekprogramma (issue 20 point 2): a running placement with fixed days
and times is a fixed block beside the lessons: occupied for the solver, counted in the
week's hours and shown in the schedule; a proposed or ended one is not."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from regie.activities import services
from regie.core.roles import Role
from regie.work.models import Plaatsing, PlaatsingStatus
from tests.work.matrix import make_plek

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _today(travel):
    travel("2026-12-06")


def params():
    return services.PlanParams(
        route="z",
        themes=["gezondheid", "sociaal_netwerk"],
        hours_target=Decimal(14),
        max_hours_per_day=Decimal(4),
    )


def placement(world, status=PlaatsingStatus.LOPEND, **kw):
    return Plaatsing.objects.create(
        inburgeraar=world.person,
        plek=make_plek(world.municipality),
        start=kw.pop("start", dt.date(2026, 11, 1)),
        end=kw.pop("end", dt.date(2027, 5, 1)),
        hours_per_week=4,
        weekdays=[1],  # dinsdag
        start_time=dt.time(12, 0),
        end_time=dt.time(16, 0),
        status=status,
    )


@pytest.mark.django_db
def test_placement_is_an_occupied_block_and_counts_in_the_hours(world, pip_z, menukaart, lesson):
    placement(world)
    instance = services.build_instance([world.person], {world.person.pk: params()}, MONDAY)
    (participant,) = instance.data["participants"]
    assert {
        "day": "di",
        "start": "12:00",
        "end": "16:00",
        "what": "Werkervaringsplek: Gastvrouw restaurant",
        "activity": "Werkervaringsplek: Gastvrouw restaurant",
    } in participant["busy"]
    # 14 hours: 6 of lessons and 4 of the placement are fixed, 4 left for activities.
    assert participant["hours_target"] == 4.0
    km = world.users[Role.KLANTMANAGER]
    (programme,) = services.propose(
        [world.person], {world.person.pk: params()}, MONDAY, km, time_limit_s=5
    )
    chosen = set(programme.items.values_list("session_id", flat=True))
    # The GGD workshop on Tuesday 13:30 falls in the placement: not chosen.
    assert menukaart.ggd_di.pk not in chosen
    overview = services.week_overview(programme)
    names = [(e.activity.name, e.session.get_weekday_display(), e.fixed) for e in overview.entries]
    assert ("Werkervaringsplek: Gastvrouw restaurant", "dinsdag", True) in names
    assert overview.other_fixed_hours == 4


@pytest.mark.django_db
def test_weekprogramma_page_shows_the_placement(world, pip_z, menukaart, lesson, client_for):
    placement(world)
    km = world.users[Role.KLANTMANAGER]
    (programme,) = services.propose(
        [world.person], {world.person.pk: params()}, MONDAY, km, time_limit_s=5
    )
    client = client_for(km)
    page = client.get(
        reverse("weekprogramme_detail", args=[world.person.pk, programme.pk])
    ).content.decode()
    assert "Werkervaringsplek: Gastvrouw restaurant" in page
    assert "12:00" in page and "16:00" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status,start,end",
    [
        (PlaatsingStatus.VOORGESTELD, dt.date(2026, 11, 1), None),
        (PlaatsingStatus.AFGEROND, dt.date(2026, 1, 1), dt.date(2026, 6, 1)),
        (PlaatsingStatus.LOPEND, dt.date(2026, 12, 9), None),  # starts after Tuesday
    ],
)
def test_no_block_when_not_running_that_day(world, pip_z, status, start, end):
    placement(world, status=status, start=start, end=end)
    instance = services.build_instance([world.person], {world.person.pk: params()}, MONDAY)
    (participant,) = instance.data["participants"]
    assert not [b for b in participant["busy"] if b["day"] == "di"]
