"""The intake pages as users: starting, gesprekken, completing, the toets forms, scoping
and special-category data, audit logging of reads."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import PERMISSIONS, Permission, Role
from regie.intake.models import (
    BredeIntake,
    IntakeGesprek,
    IntakeGezondheid,
    Leerbaarheidstoets,
)
from regie.people.models import AccessGrant
from tests.factories import (
    BredeIntakeFactory,
    IntakeGesprekFactory,
    LeerbaarheidstoetsFactory,
    UserFactory,
    geldtraining_for,
)

pytestmark = pytest.mark.django_db

INTAKE_FIELDS = {
    "housing": "Huurwoning",
    "income_source": "bijstand",
    "opleidingsniveau": "secondary",
    "geletterdheid": "latijns",
    "children_count": "0",
}


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


def test_saving_the_intake_form_starts_the_intake(world, km, client_for):
    client = client_for(km)
    url = reverse("intake_edit", args=[world.person.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {**INTAKE_FIELDS, "gezondheid-mental": "Slaapt slecht", "alone_offered_on": "2026-09-01"},
    )
    assert response.status_code == 302
    intake = BredeIntake.objects.get(inburgeraar=world.person)
    assert intake.status == "concept" and intake.housing == "Huurwoning"
    assert intake.health.mental == "Slaapt slecht"
    world.person.refresh_from_db()
    assert world.person.status == "intake"


def test_bad_input_saves_nothing(world, km, client_for):
    client = client_for(km)
    response = client.post(
        reverse("intake_edit", args=[world.person.pk]),
        {
            **INTAKE_FIELDS,
            "childcare_needed": "on",  # without children: refused
            "alone_offered_on": "2999-01-01",  # in the future: refused
            "gezondheid-mental": "Slaapt slecht",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Het formulier is niet opgeslagen" in content
    assert "kan niet in de toekomst liggen" in content
    assert not BredeIntake.objects.exists()
    assert not IntakeGezondheid.objects.exists()
    world.person.refresh_from_db()
    assert world.person.status == "aangemeld"


def test_adding_the_first_gesprek_starts_the_intake_and_warns_without_senior(world, km, client_for):
    client = client_for(km)
    url = reverse("intake_gesprek_add", args=[world.person.pk])
    assert "senior maatschappelijk begeleider" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "date": "2026-09-15",
            "participants": [km.pk, world.users[Role.BEGELEIDER].pk],
            "other_participants": "partner",
            "interpreter_used": "on",
            "interpreter_language": "Arabisch",
            "notes": "Kennismaking",
        },
        follow=True,
    )
    assert response.status_code == 200
    gesprek = IntakeGesprek.objects.get()
    assert set(gesprek.participants.all()) == {km, world.users[Role.BEGELEIDER]}
    assert gesprek.intake.started_on == dt.date(2026, 9, 15)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings and "zonder senior" in warnings[0]


def test_a_gesprek_needs_a_participant_and_the_interpreter_language(world, km, client_for):
    response = client_for(km).post(
        reverse("intake_gesprek_add", args=[world.person.pk]),
        {"date": "2026-09-15", "interpreter_used": "on"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "participants" in form.errors and "interpreter_language" in form.errors
    assert not BredeIntake.objects.exists()


def test_completing_without_the_offer_shows_the_reason(world, km, client_for):
    intake = BredeIntakeFactory(inburgeraar=world.person)
    IntakeGesprekFactory(intake=intake, participants=[km])
    response = client_for(km).post(reverse("intake_complete", args=[world.person.pk]), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "niet afgerond" in text and "art. 5.2 lid 2" in text
    intake.refresh_from_db()
    assert intake.status == "concept"


def test_completing_and_reopening(world, km, client_for):
    intake = BredeIntakeFactory(inburgeraar=world.person, alone_offered_on=dt.date(2026, 9, 1))
    IntakeGesprekFactory(intake=intake, participants=[km])
    LeerbaarheidstoetsFactory(inburgeraar=world.person, taken=True)
    client = client_for(km)
    client.post(reverse("intake_complete", args=[world.person.pk]))
    intake.refresh_from_db()
    assert intake.status == "afgerond" and intake.completed_by == km.username
    page = client.get(reverse("intake_detail", args=[world.person.pk])).content.decode()
    assert "Brede intake heropenen" in page
    client.post(reverse("intake_reopen", args=[world.person.pk]))
    intake.refresh_from_db()
    assert intake.status == "concept"


def test_toets_plan_refuses_an_uncertified_toetsbegeleider(world, km, client_for):
    uncertified = km
    response = client_for(km).post(
        reverse("toets_plan", args=[world.person.pk]),
        {"date": "2026-12-01", "toetsbegeleider": uncertified.pk},
    )
    assert response.status_code == 200
    assert "gecertificeerde toetsbegeleider" in str(response.context["form"].errors)
    assert not Leerbaarheidstoets.objects.exists()


def test_toets_plan_with_a_certified_toetsbegeleider(world, km, client_for):
    certified = UserFactory(
        organisation=world.uitvoerder, roles=[Role.KLANTMANAGER], is_certified_toetsbegeleider=True
    )
    response = client_for(km).post(
        reverse("toets_plan", args=[world.person.pk]),
        {"date": "2026-12-01", "toetsbegeleider": certified.pk},
    )
    assert response.status_code == 302
    assert Leerbaarheidstoets.objects.get().toetsbegeleider == certified


def test_toets_result_form_refuses_an_outcome_for_a_no_show(world, km, client_for):
    toets = LeerbaarheidstoetsFactory(inburgeraar=world.person)
    url = reverse("toets_result", args=[world.person.pk, toets.pk])
    client = client_for(km)
    response = client.post(
        url, {"status": "niet_verschenen", "date": "2026-09-20", "b1_haalbaar": "ja"}
    )
    assert response.status_code == 200
    assert "alleen worden vastgelegd bij een afgenomen toets" in str(
        response.context["form"].errors
    )
    toets.refresh_from_db()
    assert toets.status == "gepland"
    client.post(url, {"status": "niet_verschenen", "date": "2026-09-20", "b1_haalbaar": ""})
    toets.refresh_from_db()
    assert toets.status == "niet_verschenen"


def test_toets_exemption_records_the_ground(world, km, client_for):
    response = client_for(km).post(
        reverse("toets_exemption", args=[world.person.pk]),
        {"exemption_reason": "auditief", "date": "2026-09-20"},
    )
    assert response.status_code == 302
    toets = Leerbaarheidstoets.objects.get()
    assert (toets.status, toets.exemption_reason) == ("ontheffing", "auditief")


def test_intake_page_shows_advice_and_logs_the_reads(world, km, client_for):
    intake = BredeIntakeFactory(
        inburgeraar=world.person, opleidingsniveau="none", geletterdheid="niet"
    )
    IntakeGezondheid.objects.create(intake=intake, physical="Rugklachten")
    response = client_for(km).get(reverse("intake_detail", args=[world.person.pk]))
    content = response.content.decode()
    assert "Zelfredzaamheidsroute" in content and "Rugklachten" in content
    reads = AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action=AuditAction.READ)
    assert {e.object_type for e in reads} >= {"bredeintake", "intakegezondheid"}


def test_person_file_shows_the_intake_section(world, km, client_for):
    intake = BredeIntakeFactory(inburgeraar=world.person)
    IntakeGesprekFactory(intake=intake, participants=[km])
    content = client_for(km).get(reverse("person_detail", args=[world.person.pk])).content
    assert b"Brede intake en leerbaarheidstoets" in content
    assert reverse("intake_detail", args=[world.person.pk]).encode() in content


@pytest.mark.parametrize("role", list(Role))
def test_health_data_of_the_intake_only_for_health_roles(world, role):
    intake = BredeIntakeFactory(inburgeraar=world.person)
    IntakeGezondheid.objects.create(intake=intake, mental="Trauma")
    visible = IntakeGezondheid.objects.for_user(world.users[role]).exists()
    assert visible is (role in PERMISSIONS[Permission.HEALTH_VIEW])


@pytest.mark.parametrize("role", list(Role))
def test_intake_pages_and_section_per_role(world, client_for, role):
    intake = BredeIntakeFactory(inburgeraar=world.person, housing="Woonboot aan de gracht")
    IntakeGezondheid.objects.create(intake=intake, mental="Trauma-ervaring")
    client = client_for(world.users[role])
    detail = client.get(reverse("intake_detail", args=[world.person.pk]))
    file = client.get(reverse("person_detail", args=[world.person.pk]))
    if role in PERMISSIONS[Permission.INTAKE_VIEW]:
        assert detail.status_code == 200
        assert b"Woonboot" in detail.content
        assert (b"Trauma-ervaring" in detail.content) is (
            role in PERMISSIONS[Permission.HEALTH_VIEW]
        )
        assert b"Brede intake en leerbaarheidstoets" in file.content
    else:
        assert detail.status_code == 403
        if file.status_code == 200:
            assert b"Brede intake en leerbaarheidstoets" not in file.content
            assert b"Trauma-ervaring" not in file.content


def test_a_grant_does_not_open_the_intake_to_a_role_without_intake_view(world, client_for):
    jurist = world.users[Role.JURIST]
    AccessGrant.objects.create(
        user=jurist,
        inburgeraar=world.person,
        reason="bezwaar",
        valid_until=dt.date.today() + dt.timedelta(days=5),
    )
    BredeIntakeFactory(inburgeraar=world.person)
    client = client_for(jurist)
    assert client.get(reverse("person_detail", args=[world.person.pk])).status_code == 200
    assert client.get(reverse("intake_detail", args=[world.person.pk])).status_code == 403


def test_a_person_outside_the_scope_is_404(world, km, client_for):
    BredeIntakeFactory(inburgeraar=world.stranger)
    toets = LeerbaarheidstoetsFactory(inburgeraar=world.stranger)
    client = client_for(km)
    for name in ("intake_detail", "intake_edit", "intake_gesprek_add", "toets_detail"):
        assert client.get(reverse(name, args=[world.stranger.pk])).status_code == 404
    assert (
        client.get(reverse("toets_result", args=[world.stranger.pk, toets.pk])).status_code == 404
    )
    # Another person's toets through a visible person's URL is not found either.
    assert client.get(reverse("toets_result", args=[world.person.pk, toets.pk])).status_code == 404


def test_the_begeleider_reads_but_does_not_change(world, client_for):
    client = client_for(world.users[Role.BEGELEIDER])
    assert client.get(reverse("intake_detail", args=[world.person.pk])).status_code == 200
    assert client.get(reverse("intake_edit", args=[world.person.pk])).status_code == 403
    response = client.post(reverse("intake_gesprek_add", args=[world.person.pk]), {})
    assert response.status_code == 403
    assert not BredeIntake.objects.exists()


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.FINANCIEEL, Role.COORDINATOR])
def test_intake_history_stays_out_of_the_timeline_of_other_roles(world, km, client_for, role):
    client = client_for(km)
    url = reverse("intake_edit", args=[world.person.pk])
    client.post(url, {**INTAKE_FIELDS, "housing": "Eerste woning"})
    client.post(url, {**INTAKE_FIELDS, "housing": "Woonwagen bij de camping"})
    assert (
        b"Woonwagen bij de camping"
        in client.get(reverse("person_detail", args=[world.person.pk])).content
    )
    if role == Role.FINANCIEEL:
        geldtraining_for(world.person)  # the financieel medewerker's business
    other = client_for(world.users[role]).get(reverse("person_detail", args=[world.person.pk]))
    assert other.status_code == 200
    assert b"Woonwagen bij de camping" not in other.content
