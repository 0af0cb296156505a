"""The integraal weekprogramma: the instance built from the database, proposals that never
break a hard constraint, adjustments, confirmation into enrolments, PDF and iCalendar."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from regie.activities import documents, services
from regie.activities.models import (
    Availability,
    Enrolment,
    ProgrammeStatus,
    Session,
    WeekProgramme,
)
from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from regie.planning import check_week
from tests.activities.conftest import enrol_in_lesson, give_pip
from tests.factories import ActivityFactory, InburgeraarFactory, SessionFactory
from tests.jobs.inline import post_and_run

MONDAY = services.next_monday(dt.date.today())


def params(person, **kw):
    base = {
        "route": "z",
        "themes": ["gezondheid", "sociaal_netwerk"],
        # The whole week: the lesson fixture's 6 hours and up to 4 hours of activities.
        "hours_target": Decimal(10),
        "max_hours_per_day": Decimal(4),
    }
    return services.PlanParams(**{**base, **kw})


def test_instance_from_the_database(world, pip_z, menukaart, lesson):
    Availability.objects.create(
        inburgeraar=world.person, weekday=0, start=dt.time(8, 30), end=dt.time(17, 0)
    )
    facts = services.plan_facts([world.person])[world.person.pk]
    assert facts.route == "z" and facts.themes == ["gezondheid", "sociaal_netwerk"]
    inst = services.build_instance([world.person], {world.person.pk: params(world.person)}, MONDAY)
    (participant,) = inst.data["participants"]
    assert participant["route"] == "z|asielmigrant"
    assert participant["available"] == [{"day": "ma", "start": "08:30", "end": "17:00"}]
    assert sorted(b["day"] for b in participant["busy"]) == ["ma", "wo"]
    assert {s["activity"] for s in inst.data["sessions"]} == {
        "Kletsplek",
        "GGD-workshop",
        "Sportles",
    }
    assert inst.data["travel_minutes"] == services.TRAVEL_MINUTES
    assert not inst.assumed_availability


def test_instance_queries_do_not_grow_with_the_group(world, menukaart, django_assert_num_queries):
    few = [InburgeraarFactory(municipality=world.municipality) for _ in range(2)]
    many = few + [InburgeraarFactory(municipality=world.municipality) for _ in range(8)]
    for person in many:
        SessionFactory.create  # noqa: B018 - keep factories imported for readability
        Enrolment.objects.create(inburgeraar=person, session=menukaart.sport_wo, start_date=MONDAY)
        Availability.objects.create(
            inburgeraar=person, weekday=1, start=dt.time(9), end=dt.time(17)
        )
    # 6: persons' windows, enrolments, placements (issue 20), referrals, sessions, places.
    with django_assert_num_queries(6) as small:
        services.build_instance(few, {p.pk: params(p) for p in few}, MONDAY)
    with django_assert_num_queries(len(small.captured_queries)):
        services.build_instance(many, {p.pk: params(p) for p in many}, MONDAY)


def test_a_proposal_covers_the_pip_goals_around_the_lessons(world, pip_z, menukaart, lesson):
    km = world.users[Role.KLANTMANAGER]
    (programme,) = services.propose(
        [world.person], {world.person.pk: params(world.person)}, MONDAY, km, time_limit_s=5
    )
    chosen = set(programme.items.values_list("session_id", flat=True))
    # Sport on Wednesday 9:00 clashes with the lesson; kletsplek and GGD cover both goals.
    assert chosen == {menukaart.kletsplek_ma.pk, menukaart.ggd_di.pk}
    assert programme.result["themes_covered"] == ["gezondheid", "sociaal_netwerk"]
    assert programme.result["themes_missing"] == []
    assert programme.status == ProgrammeStatus.CONCEPT


def test_capacity_is_shared_in_a_group_proposal(world, menukaart):
    persons = [InburgeraarFactory(municipality=world.municipality) for _ in range(3)]
    programmes = services.propose(
        persons,
        {p.pk: params(p, themes=["gezondheid"]) for p in persons},
        MONDAY,
        None,
        time_limit_s=5,
    )
    assert len({p.batch for p in programmes}) == 1
    in_ggd = sum(p.items.filter(session=menukaart.ggd_di).count() for p in programmes)
    assert in_ggd == 1  # one place
    for programme in programmes:
        _, problems = services.evaluate(
            programme, list(programme.items.values_list("session_id", flat=True))
        )
        assert problems == []


class TestNeverBreaksAHardConstraint(TestCase):
    """Random menukaarten, lessons and availability built in the database: the stored
    proposals satisfy every hard constraint of the solver's own checker."""

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        sessions=st.lists(
            st.tuples(
                st.integers(0, 4),  # weekday
                st.integers(16, 34),  # start, half hours
                st.integers(1, 5),  # length, half hours
                st.integers(0, 2),  # capacity
                st.sampled_from([["gezondheid"], ["taal", "sociaal_netwerk"], ["financien"]]),
            ),
            min_size=1,
            max_size=8,
        ),
        windows=st.lists(
            st.tuples(st.integers(0, 4), st.integers(16, 24), st.integers(4, 16)), max_size=3
        ),
        group=st.integers(1, 3),
        max_day=st.sampled_from([Decimal(1), Decimal("2.5"), Decimal(4)]),
    )
    def test_random(self, sessions, windows, group, max_day):
        from tests.factories import MunicipalityFactory

        muni = MunicipalityFactory()
        lesson = ActivityFactory(lesson=True, municipality=muni)
        SessionFactory(activity=lesson, weekday=1, start=dt.time(9), end=dt.time(12))
        for weekday, start, length, capacity, themes in sessions:
            activity = ActivityFactory(municipality=muni, themes=themes)
            begin = dt.time(start // 2, 30 * (start % 2))
            finish_minutes = start * 30 + length * 30
            SessionFactory(
                activity=activity,
                weekday=weekday,
                start=begin,
                end=dt.time(finish_minutes // 60, finish_minutes % 60),
                capacity=max(capacity, 1),
            )
            if capacity == 0:  # a full session: someone else holds its only place
                Enrolment.objects.create(
                    inburgeraar=InburgeraarFactory(municipality=muni),
                    session=Session.objects.latest("pk"),
                    start_date=MONDAY,
                )
        persons = [InburgeraarFactory(municipality=muni) for _ in range(group)]
        for person in persons:
            enrol_in_lesson(person, lesson)
            for weekday, start, length in windows:
                end = min(start + length, 47)
                Availability.objects.create(
                    inburgeraar=person,
                    weekday=weekday,
                    start=dt.time(start // 2, 30 * (start % 2)),
                    end=dt.time(end // 2, 30 * (end % 2)),
                )
        plan = {
            p.pk: params(p, themes=["gezondheid", "taal", "financien"], max_hours_per_day=max_day)
            for p in persons
        }
        programmes = services.propose(persons, plan, MONDAY, None, time_limit_s=2)
        inst = services.build_instance(persons, plan, MONDAY)
        schedules = []
        for programme in programmes:
            keys = [f"s{pk}" for pk in programme.items.values_list("session_id", flat=True)]
            schedules.append(
                {
                    "participant": f"p{programme.inburgeraar_id}",
                    "sessions": keys,
                    **{
                        k: programme.result[k]
                        for k in ("hours", "themes_covered", "themes_missing")
                    },
                    "missing_reason": programme.result["missing_reason"],
                }
            )
        # The solver's target is what the week's target leaves after the lessons.
        budget = {p["id"]: p["hours_target"] for p in inst.data["participants"]}
        total = sum(
            10 * len(s["themes_covered"]) + min(budget[s["participant"]], s["hours"])
            for s in schedules
        )
        output = {"schedules": schedules, "objective": total, "bound": total, "optimal": False}
        problems = [p for p in check_week(inst.data, output) if "objective" not in p]
        assert problems == []


def test_adjusting_refuses_a_clash_and_keeps_the_concept(world, pip_z, menukaart, lesson):
    (programme,) = services.propose(
        [world.person], {world.person.pk: params(world.person)}, MONDAY, None, time_limit_s=5
    )
    before = set(programme.items.values_list("session_id", flat=True))
    with pytest.raises(ValidationError) as error:
        services.adjust(programme, add=menukaart.sport_wo.pk)  # during the Wednesday lesson
    assert "botst met Toptaal Z-groep" in " ".join(error.value.messages)
    assert set(programme.items.values_list("session_id", flat=True)) == before
    services.adjust(programme, remove=menukaart.ggd_di.pk)
    programme.refresh_from_db()
    assert programme.result["themes_missing"] == ["gezondheid"]
    assert programme.result["adjusted"] is True


def test_confirm_turns_the_programme_into_enrolments_and_replaces_the_old_one(
    world, pip_z, menukaart, lesson
):
    km = world.users[Role.KLANTMANAGER]
    (first,) = services.propose(
        [world.person], {world.person.pk: params(world.person)}, MONDAY, km, time_limit_s=5
    )
    services.confirm(first, km)
    first.refresh_from_db()
    assert first.status == ProgrammeStatus.BEVESTIGD and first.confirmed_by == km
    made = Enrolment.objects.filter(programme=first)
    assert {e.session_id for e in made} == {menukaart.kletsplek_ma.pk, menukaart.ggd_di.pk}
    assert all(e.start_date == MONDAY and e.end_date is None for e in made)

    later = MONDAY + dt.timedelta(weeks=4)
    (second,) = services.propose(
        [world.person], {world.person.pk: params(world.person)}, later, km, time_limit_s=5
    )
    # The person's own places from the first programme are free again for the second.
    assert set(second.items.values_list("session_id", flat=True)) == {
        menukaart.kletsplek_ma.pk,
        menukaart.ggd_di.pk,
    }
    services.confirm(second, km)
    first.refresh_from_db()
    assert first.status == ProgrammeStatus.VERVANGEN
    assert {e.end_date for e in Enrolment.objects.filter(programme=first)} == {
        later - dt.timedelta(days=1)
    }
    with pytest.raises(ValidationError):
        services.confirm(second, km)  # only once


def test_confirm_refuses_when_the_last_place_was_taken_meanwhile(world, pip_z, menukaart, lesson):
    (programme,) = services.propose(
        [world.person], {world.person.pk: params(world.person)}, MONDAY, None, time_limit_s=5
    )
    Enrolment.objects.create(
        inburgeraar=InburgeraarFactory(municipality=world.municipality),
        session=menukaart.ggd_di,
        start_date=MONDAY,
    )
    with pytest.raises(ValidationError):
        services.confirm(programme, None)
    assert not Enrolment.objects.filter(programme=programme).exists()
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.CONCEPT


@pytest.fixture
def confirmed(world, pip_z, menukaart, lesson):
    (programme,) = services.propose(
        [world.person], {world.person.pk: params(world.person)}, MONDAY, None, time_limit_s=5
    )
    services.confirm(programme, None)
    return programme


def test_pdf_is_one_page_in_plain_dutch(world, confirmed):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents.schedule_pdf(confirmed)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in (
        "Mijn weekprogramma",
        "Maandag",
        "Dinsdag",
        "Woensdag",
        "Kletsplek",
        "GGD-workshop",
        "Toptaal Z-groep",
        "13:30 – 15:00",
        "Les",
        "Activiteit",
    ):
        assert expected in text
    assert world.person.bsn not in text
    assert reader.metadata.title.startswith("Weekprogramma van")


def test_ics_has_weekly_events_in_amsterdam(world, confirmed):
    from icalendar import Calendar

    cal = Calendar.from_ical(documents.schedule_ics(confirmed))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Kletsplek", "GGD-workshop", "Toptaal Z-groep"}
    kletsplek = events["Kletsplek"]
    start = kletsplek.decoded("dtstart")
    assert start == dt.datetime.combine(MONDAY, dt.time(13, 30), tzinfo=documents.AMSTERDAM)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert kletsplek["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert kletsplek["rrule"]["FREQ"] == ["WEEKLY"] and kletsplek["rrule"]["BYDAY"] == ["MO"]
    assert kletsplek.decoded("dtend").time() == dt.time(15, 0)
    assert len(list(cal.walk("VTIMEZONE"))) == 1
    # Two lesson blocks, both in one event name: Monday and Wednesday.
    lesson_days = sorted(
        e["rrule"]["BYDAY"][0] for e in cal.walk("VEVENT") if str(e["summary"]) == "Toptaal Z-groep"
    )
    assert lesson_days == ["MO", "WE"]


def test_ics_until_is_utc_at_the_sessions_last_day(world, confirmed, menukaart):
    from icalendar import Calendar

    menukaart.kletsplek_ma.valid_until = MONDAY + dt.timedelta(weeks=10)
    menukaart.kletsplek_ma.save()
    cal = Calendar.from_ical(documents.schedule_ics(confirmed))
    (kletsplek,) = [e for e in cal.walk("VEVENT") if str(e["summary"]) == "Kletsplek"]
    (until,) = kletsplek["rrule"]["UNTIL"]
    assert until.tzinfo is not None and until.utcoffset() == dt.timedelta(0)
    assert until.date() == MONDAY + dt.timedelta(weeks=10)


def test_views_generate_adjust_confirm_and_download(world, pip_z, menukaart, lesson, client_for):
    client = client_for(world.users[Role.BEGELEIDER])
    url = reverse("weekprogramme_new", args=[world.person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="z" checked' in page.content.decode() or "selected" in page.content.decode()
    bad = client.post(
        url,
        {
            "route": "z",
            "hours_target": "0",
            "max_hours_per_day": "4",
            "valid_from": MONDAY.isoformat(),
        },
    )
    assert bad.status_code == 200 and "Het formulier is niet opgeslagen" in bad.content.decode()
    assert not WeekProgramme.objects.exists()
    response = client.post(
        url,
        {
            "route": "z",
            "themes": ["gezondheid", "sociaal_netwerk"],
            "hours_target": "10",
            "max_hours_per_day": "4",
            "valid_from": MONDAY.isoformat(),
        },
    )
    programme = WeekProgramme.objects.get()
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Kletsplek" in detail and "Weekprogramma bevestigen" in detail
    clash = client.post(
        reverse("weekprogramme_adjust", args=[world.person.pk, programme.pk]),
        {"session": menukaart.sport_wo.pk},
        follow=True,
    )
    assert "Kies een sessie" in clash.content.decode()  # not offered: it clashes
    client.post(reverse("weekprogramme_confirm", args=[world.person.pk, programme.pk]))
    assert Enrolment.objects.filter(programme=programme).count() == 2
    pdf = client.get(reverse("weekprogramme_pdf", args=[world.person.pk, programme.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert world.person.last_name not in pdf["Content-Disposition"]
    ics = client.get(reverse("weekprogramme_ics", args=[world.person.pk, programme.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.DOWNLOAD, inburgeraar_id=world.person.pk
        ).count()
        == 2
    )


def test_group_proposal_from_a_lesson_group(world, pip_z, menukaart, lesson, client_for):
    from regie.people.services import change_status

    other = InburgeraarFactory(
        municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER]
    )
    give_pip(other, world.aanbieder)
    enrol_in_lesson(other, lesson)
    for person in (world.person, other):
        for status in ("intake", "pip_vastgesteld"):
            change_status(person, status)
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("weekprogramme_group")
    listing = client.get(url, {"lesgroep": lesson.pk}).content.decode()
    assert other.full_name in listing
    # The solver runs as a background job; its page links to the proposals.
    page = post_and_run(
        client, url, {"persons": [world.person.pk, other.pk], "valid_from": MONDAY.isoformat()}
    ).content.decode()
    assert "Weekprogramma&#x27;s voor 2 inburgeraars" in page
    assert "2 voorstellen gemaakt." in page
    batch = list(set(WeekProgramme.objects.values_list("batch", flat=True)))
    assert len(batch) == 1
    assert f"{url}?batch={batch[0]}" in page
    assert "Bekijk en bevestig de voorstellen" in page
    client.post(url, {"action": "confirm", "batch": str(batch[0])})
    assert set(WeekProgramme.objects.values_list("status", flat=True)) == {"bevestigd"}
    # GGD has one place: only one of them got it.
    assert Enrolment.objects.filter(session=menukaart.ggd_di).count() == 1
