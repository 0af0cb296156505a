"""The werkvoorraad puts what needs doing first: sections with work as cards, the sections
with nothing to do together in one short "Niets te doen" list at the end."""

import re

from django.urls import reverse

from regie.core.roles import Role


def test_empty_sections_are_listed_together_after_the_work(world, client_for):
    content = client_for(world.users[Role.KLANTMANAGER]).get(reverse("home")).content.decode()
    assert 'id="ws-leeg">Niets te doen</h2>' in content
    rest = content.split('id="ws-leeg"')[1]
    # An empty section appears only in the list, with its explanation, not as a card.
    assert "Er wachten geen PIP&#x27;s op uw vaststelling." in rest
    cards = re.findall(r'<section class="regie-card" aria-labelledby="ws-([a-z_]+)"', content)
    assert cards[-1] == "leeg"
    for key in cards[:-1]:
        assert f'<li id="ws-{key}">' not in content


def test_regisseur_is_told_they_see_figures_not_files(world, client_for):
    content = client_for(world.users[Role.REGISSEUR]).get(reverse("home")).content.decode()
    assert "U ziet cijfers per gemeente, geen dossiers van personen." in content
    assert "U hebt toegang tot 0 inburgeraars" not in content


def test_a_long_section_shows_the_first_ten_and_opens_whole(world, client_for):
    """Twelve new registrations wait: the werkvoorraad shows the ten that wait longest
    (and logs only those as read); the section's own page shows all twelve."""
    import datetime as dt

    from regie.core.models import AuditEvent
    from regie.core.views import ROWS_SHOWN
    from tests.factories import InburgeraarFactory

    waiting = [
        InburgeraarFactory(
            municipality=world.municipality,
            klantmanager=None,
            kennisgeving_date=dt.date(2026, 9, 1) + dt.timedelta(days=i),
            last_name=f"Wachtend{i:02d}",
        )
        for i in range(12)
    ]
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    content = client.get(reverse("home")).content.decode()
    card = content.split('aria-labelledby="ws-intake_queue"')[1].split("</section>")[0]
    assert ROWS_SHOWN == 10
    assert '<span class="regie-badge">12</span>' in card
    shown_names = re.findall(r"Wachtend\d\d", card)
    assert shown_names == [f"Wachtend{i:02d}" for i in range(10)]  # longest waiting first
    url = reverse("werkvoorraad_section", args=["intake_queue"])
    assert f'href="{url}"' in card
    assert "De eerste 10 staan hier: alle 12 tonen" in card

    def logged():
        return set(
            AuditEvent.objects.filter(
                username=km.username, description="in de werkvoorraad"
            ).values_list("inburgeraar_id", flat=True)
        )

    assert waiting[9].pk in logged() and waiting[10].pk not in logged()

    page = client.get(url).content.decode()
    assert '<h1 class="utrecht-heading-1">Nieuwe aanmeldingen zonder klantmanager' in page
    assert re.findall(r"Wachtend\d\d", page) == [f"Wachtend{i:02d}" for i in range(12)]
    assert 'href="/static/' in page and "Terug naar de werkvoorraad" in page
    assert {p.pk for p in waiting} <= logged()


def test_a_short_section_has_no_link_and_an_unknown_section_is_not_found(world, client_for):
    from tests.factories import InburgeraarFactory

    for _ in range(3):
        InburgeraarFactory(municipality=world.municipality, klantmanager=None)
    client = client_for(world.users[Role.KLANTMANAGER])
    content = client.get(reverse("home")).content.decode()
    card = content.split('aria-labelledby="ws-intake_queue"')[1].split("</section>")[0]
    assert '<span class="regie-badge">3</span>' in card
    assert reverse("werkvoorraad_section", args=["intake_queue"]) not in card
    section = reverse("werkvoorraad_section", args=["bestaat_niet"])
    assert client.get(section).status_code == 404
    # A section of another role's werkvoorraad is not this user's either.
    section = reverse("werkvoorraad_section", args=["bezwaar_beslissen"])
    assert client.get(section).status_code == 404
