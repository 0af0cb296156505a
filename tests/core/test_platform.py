"""Configuration docs, the demo municipality, the language switch, local rules."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from regie.conf import configuration_markdown
from regie.core.localrules import local_value
from regie.core.models import LocalRule, Municipality, User
from regie.core.roles import Role
from regie.people.models import Inburgeraar

ROOT = Path(__file__).resolve().parents[2]


def test_configuration_docs_are_current():
    committed = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == configuration_markdown(), "run: regie configdocs > docs/configuration.md"


def test_settings_read_only_declared_variables():
    import re

    source = (ROOT / "src" / "regie" / "settings.py").read_text()
    used = set(re.findall(r'env(?:_bool|_int|_list)?\("([A-Z_]+)"', source))
    from regie.conf import VARIABLES

    assert used <= {v.name for v in VARIABLES}


@pytest.mark.django_db
def test_demo_builds_a_municipality_with_every_role_and_status(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    for role in Role:
        assert User.objects.filter(role_assignments__role=role).exists(), role
    statuses = set(Inburgeraar.objects.values_list("status", flat=True))
    assert statuses >= {
        "aangemeld",
        "intake",
        "pip_vastgesteld",
        "in_uitvoering",
        "afgerond",
        "ontheffing",
        "vertrokken",
        "beeindigd",
    }
    assert set(Inburgeraar.objects.values_list("regime", flat=True)) == {
        "wi2021",
        "wi2013",
        "oudkomer",
    }
    assert set(Inburgeraar.objects.values_list("doelgroep", flat=True)) >= {
        "asielmigrant",
        "gezinsmigrant",
    }
    assert Inburgeraar.objects.filter(kennisgeving_date__year=2022).count() >= 30
    assert Inburgeraar.objects.exclude(household=None).count() > 0
    assert "klantmanager" in out and "Regie-demo-2026" in out
    # Running it again on a filled database changes nothing.
    count = Inburgeraar.objects.count()
    call_command("demo", "--if-empty")
    assert Inburgeraar.objects.count() == count


# Transactional: PostgreSQL refuses TRUNCATE (flush) inside a transaction that still has
# deferred foreign-key checks pending.
@pytest.mark.django_db(transaction=True)
def test_demo_is_deterministic():
    from regie.demo.data import DemoBuilder

    call_command("demo")
    first = list(Inburgeraar.objects.order_by("id").values_list("first_name", "last_name", "bsn"))
    # Rebuild in an empty database: flush truncates every table (the audit trigger guards
    # row deletes, not TRUNCATE).
    call_command("flush", interactive=False, verbosity=0)
    assert not Inburgeraar.objects.exists()
    DemoBuilder().build()
    second = list(Inburgeraar.objects.order_by("id").values_list("first_name", "last_name", "bsn"))
    assert first == second


def test_language_switch_to_english(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    dutch = client.get(reverse("person_list")).content.decode()
    assert "Inburgeraars" in dutch and 'lang="nl"' in dutch
    client.post(reverse("set_language"), {"language": "en", "next": reverse("person_list")})
    english = client.get(reverse("person_list")).content.decode()
    assert 'lang="en"' in english
    assert "Search by name or BSN" in english


def test_beheerder_sets_a_local_rule(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("municipality_rules", args=[world.municipality.pk])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data["figure_onderwijsroute_max_leeftijd"] = "27"
    data["pip_deadline_from_housing"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    world.municipality.refresh_from_db()
    assert world.municipality.pip_deadline_from_housing
    assert (
        local_value(
            Municipality.objects.get(pk=world.municipality.pk), "onderwijsroute_max_leeftijd"
        )
        == 27
    )
    assert LocalRule.objects.get(name="onderwijsroute_max_leeftijd").changed_by == "beheerder"


def test_bad_local_rule_value_is_refused(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("municipality_rules", args=[world.municipality.pk])
    response = client.post(url, {"figure_onderwijsroute_max_leeftijd": "-3"})
    assert response.status_code == 200
    assert not LocalRule.objects.exists()


def test_user_management_by_beheerder(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    response = client.post(
        reverse("user_create"),
        {
            "username": "nieuwe.km",
            "first_name": "Nieuwe",
            "last_name": "Klantmanager",
            "email": "",
            "organisation": world.uitvoerder.pk,
            "is_active": "on",
            "roles": ["klantmanager"],
            "password": "Een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nieuwe.km")
    assert user.roles == frozenset({Role.KLANTMANAGER})
    weak = client.post(
        reverse("user_create"),
        {
            "username": "zwak",
            "organisation": world.uitvoerder.pk,
            "roles": ["jurist"],
            "password": "kort",
        },
    )
    assert weak.status_code == 200
    assert not User.objects.filter(username="zwak").exists()
