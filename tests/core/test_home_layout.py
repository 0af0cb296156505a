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
