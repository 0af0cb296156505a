"""The daily werkvoorraad reminder (issue 22): every werkdag a mail to each user whose
werkvoorraad has items due today or newly overdue — counts and links only, never a
person's name; opt-out per user; shown on Beheer → Geplande taken. Fixed days only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from regie.core import extensions
from regie.core.extensions import WorkItem, WorkSection, werkvoorraad
from regie.core.models import AuditAction, AuditEvent
from regie.core.reminders import previous_werkdag, reminder_counts, send_reminders
from regie.core.roles import Role
from regie.jobs import schedule
from regie.jobs.models import ScheduledRun
from regie.rules.calendar import is_werkdag

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def site(settings):
    settings.REGIE_SITE_URL = "https://regie.example.nl"


@pytest.fixture
def km(world):
    user = world.users[Role.KLANTMANAGER]
    user.email = "km@fijnder.example"
    user.first_name = "Karin"
    user.save()
    return user


def fake_provider(dues):
    def provider(user, today):
        if not user.has_role(Role.KLANTMANAGER):
            return []
        return [
            WorkSection(
                "test",
                "Testtermijnen",
                [WorkItem(object(), "iets", due, "/x") for due in dues],
            )
        ]

    return provider


def test_previous_werkdag_skips_weekends_and_feestdagen():
    assert previous_werkdag(date(2026, 11, 17)) == date(2026, 11, 16)
    assert previous_werkdag(MONDAY) == date(2026, 11, 13)  # Friday
    assert previous_werkdag(date(2026, 12, 28)) == date(2026, 12, 24)  # over Christmas


def test_counts_what_falls_due_today_and_what_became_overdue(km, monkeypatch):
    dues = [
        MONDAY,
        MONDAY,
        date(2026, 11, 15),  # Sunday: became overdue over the weekend
        date(2026, 11, 13),  # Friday, the previous werkdag: overdue since today
        date(2026, 11, 12),  # overdue since Friday: told then, not news
        date(2026, 11, 20),  # later
        None,  # no date
    ]
    monkeypatch.setattr(extensions, "_work", [fake_provider(dues)])
    [count] = reminder_counts(km, MONDAY)
    assert (count.title, count.due_today, count.newly_overdue) == ("Testtermijnen", 2, 2)
    monkeypatch.setattr(extensions, "_work", [fake_provider([date(2026, 11, 12), None])])
    assert reminder_counts(km, MONDAY) == []


def pip_due_day(world, km) -> date:
    """The day World.person's PIP must be vastgesteld, as the werkvoorraad shows it."""
    items = [
        item
        for section in werkvoorraad(km, date(2026, 11, 5))  # kennisgeving 1 September
        for item in section.items
        if item.what == "PIP vaststellen"
    ]
    assert [item.person for item in items] == [world.person]
    return items[0].due


def test_the_mail_holds_counts_and_links_and_no_person(world, km):
    day = pip_due_day(world, km)
    counts = reminder_counts(km, day)
    total = sum(c.due_today + c.newly_overdue for c in counts)
    summary = send_reminders(day)
    assert (summary.checked, summary.sent, summary.items) == (1, 1, total)
    [message] = mail.outbox
    assert message.to == ["km@fijnder.example"]
    assert message.subject == (
        f"Regie: {total} taken in uw werkvoorraad vragen vandaag aandacht"
        if total > 1
        else "Regie: 1 taak in uw werkvoorraad vraagt vandaag aandacht"
    )
    assert "Goedemorgen Karin," in message.body
    pip = next(c for c in counts if c.title == "PIP binnen 14 dagen of te laat")
    assert pip.due_today >= 1 and pip.newly_overdue == 0
    due = "1 vervalt vandaag" if pip.due_today == 1 else f"{pip.due_today} vervallen vandaag"
    assert f"- PIP binnen 14 dagen of te laat: {due}" in message.body
    # One line per section with news, each in the mail.
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert len(lines) == len(counts) and all(c.title in message.body for c in counts)
    assert "Bekijk uw werkvoorraad: https://regie.example.nl/" in message.body
    assert "Zet hem uit: https://regie.example.nl/account/herinneringen/" in message.body
    person = world.person
    for secret in (person.first_name, person.last_name, person.bsn, f"/{person.pk}/"):
        assert secret not in message.body and secret not in message.subject
    assert "inburgeraars" not in message.body  # no link to a person's file
    event = AuditEvent.objects.get(description__startswith="herinneringsmail")
    assert event.action == AuditAction.EXPORT and event.inburgeraar_id is None
    assert event.object_id == str(km.pk) and event.username == "regie werkvoorraad-herinnering"

    # The next werkdag the same item is overdue: told once more, as overdue.
    mail.outbox.clear()
    next_day = day + timedelta(days=1)
    while not is_werkdag(next_day):
        next_day += timedelta(days=1)
    send_reminders(next_day)
    late = "1 is nu te laat" if pip.due_today == 1 else f"{pip.due_today} zijn nu te laat"
    assert f"- PIP binnen 14 dagen of te laat: {late}" in mail.outbox[0].body


def test_opted_out_and_addressless_users_get_nothing(world, km):
    day = pip_due_day(world, km)
    km.reminder_mail = False
    km.save()
    assert send_reminders(day).checked == 0
    km.reminder_mail = True
    km.email = ""
    km.save()
    assert send_reminders(day).checked == 0
    assert mail.outbox == []


def test_nothing_is_sent_on_a_day_off_and_the_next_werkdag_covers_it(km, monkeypatch):
    monkeypatch.setattr(extensions, "_work", [fake_provider([date(2026, 12, 25)])])
    christmas = send_reminders(date(2026, 12, 25))
    assert christmas.werkdag is False and mail.outbox == []
    assert christmas.lines() == [
        "25-12-2026 is geen werkdag: geen herinneringen verstuurd (de volgende werkdag telt "
        "deze dagen mee)."
    ]
    send_reminders(date(2026, 12, 28))
    assert "- Testtermijnen: 1 is nu te laat" in mail.outbox[0].body


def test_the_scheduled_run_is_shown_to_the_beheerder(world, km, client_for, travel):
    day = pip_due_day(world, km)
    travel(f"{day.isoformat()}T07:00")
    assert "werkvoorraad-herinnering" in schedule.beat_schedule()
    total = sum(c.due_today + c.newly_overdue for c in reminder_counts(km, day))
    record = schedule.run("werkvoorraad-herinnering")
    assert record.ok
    assert record.summary.startswith(
        f"{day:%d-%m-%Y}: 1 gebruiker(s) met herinnering aan bekeken, 1 e-mail(s) verstuurd "
        f"over samen {total} item(s)."
    )
    page = client_for(world.users[Role.BEHEERDER]).get(reverse("schedule_overview"))
    text = page.content.decode()
    assert "Herinnering per e-mail: werkvoorraad-items die vandaag vervallen" in text
    assert "elke werkdag om 07:00" in text
    assert "1 e-mail(s) verstuurd" in text
    assert ScheduledRun.objects.get().name == "werkvoorraad-herinnering"


def test_a_failure_for_one_user_is_reported_and_the_others_still_get_theirs(world, km, monkeypatch):
    from tests.factories import UserFactory

    second = UserFactory(
        username="km2", email="km2@fijnder.example", organisation=world.uitvoerder,
        team=km.team, roles=[Role.KLANTMANAGER],
    )  # fmt: skip
    provider = fake_provider([MONDAY])

    def breaks_for_the_first(user, today):
        if user.pk == km.pk:
            raise RuntimeError("kapot")
        return provider(user, today)

    monkeypatch.setattr(extensions, "_work", [breaks_for_the_first])
    summary = send_reminders(MONDAY)
    assert summary.sent == 1 and summary.failed == ["klantmanager"]
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "Mislukt voor 1 gebruiker(s): klantmanager (zie de log)." in summary.lines()


def test_a_user_switches_the_reminder_off_and_on(world, km, client_for):
    client = client_for(km)
    page = client.get(reverse("reminder_settings")).content.decode()
    assert "Nu</strong> aan" in page.replace(":", "")
    response = client.post(reverse("reminder_settings"), {}, follow=True)
    assert "U krijgt geen dagelijkse herinnering per e-mail meer." in response.content.decode()
    km.refresh_from_db()
    assert km.reminder_mail is False
    assert AuditEvent.objects.filter(description="herinneringsmail werkvoorraad uit").exists()
    home = client.get(reverse("home")).content.decode()
    assert "De dagelijkse herinnering per e-mail staat uit." in home
    client.post(reverse("reminder_settings"), {"reminder_mail": "on"})
    km.refresh_from_db()
    assert km.reminder_mail is True


def test_the_setting_page_says_when_there_is_no_address(world, client_for):
    page = client_for(world.users[Role.BEGELEIDER]).get(reverse("reminder_settings"))
    assert "Bij uw account staat geen e-mailadres." in page.content.decode()
