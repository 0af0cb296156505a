"""The practical checklist per household: defaults per municipality on first use, shared
by the members of a household, status and dates validated, nothing half-saved."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from regie.guidance import services
from regie.guidance.models import ChecklistItem, ChecklistItemType
from regie.people.models import Household
from tests.factories import InburgeraarFactory


def test_defaults_are_seeded_once_per_municipality(world):
    first = services.checklist_types(world.municipality)
    assert [t.code for t in first][:2] == ["huurcontract", "bankrekening"]
    assert {"huisarts", "tandarts", "kinderopvang_school", "digid"} <= {t.code for t in first}
    services.checklist_types(world.municipality)
    assert ChecklistItemType.objects.filter(municipality=world.municipality).count() == len(first)
    assert not ChecklistItemType.objects.filter(municipality=world.other_municipality).exists()


def test_inactive_points_are_hidden(world):
    huisarts = next(t for t in services.checklist_types(world.municipality) if t.code == "huisarts")
    huisarts.active = False
    huisarts.save()
    assert "huisarts" not in {r.item_type.code for r in services.checklist_for(world.person)}


def _post_rows(person, overrides):
    rows = services.checklist_for(person)
    data = {}
    for row in rows:
        prefix = f"t{row.item_type.pk}"
        values = {"status": "open", "due_date": "", "done_date": "", "note": ""}
        values.update(overrides.get(row.item_type.code, {}))
        data.update({f"{prefix}-{k}": v for k, v in values.items()})
    return data


def test_household_members_share_one_checklist(world, begeleider, client_for):
    house = Household.objects.create(name="Huishouden Haddad", municipality=world.municipality)
    world.person.household = house
    world.person.save()
    partner = InburgeraarFactory(
        municipality=world.municipality, household=house, begeleider=begeleider
    )
    today = timezone.localdate().isoformat()
    response = client_for(begeleider).post(
        reverse("checklist_edit", args=[world.person.pk]),
        _post_rows(world.person, {"huisarts": {"status": "geregeld", "done_date": today}}),
    )
    assert response.status_code == 302
    item = ChecklistItem.objects.get()
    assert item.household == house and item.inburgeraar is None
    assert item.updated_by == begeleider.username
    rows = {r.item_type.code: r for r in services.checklist_for(partner)}
    assert rows["huisarts"].done


def test_invalid_row_saves_nothing(world, begeleider, client_for):
    today = timezone.localdate()
    data = _post_rows(
        world.person,
        {
            "huisarts": {"status": "geregeld", "done_date": today.isoformat()},
            "tandarts": {"status": "geregeld"},  # no date: refused
            "digid": {"status": "bezig", "done_date": (today + dt.timedelta(days=2)).isoformat()},
        },
    )
    response = client_for(begeleider).post(reverse("checklist_edit", args=[world.person.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul de datum in waarop dit is geregeld." in page
    assert "De datum &#x27;geregeld op&#x27; kan niet in de toekomst liggen." in page
    assert not ChecklistItem.objects.exists()


def test_default_due_dates_follow_housing(world):
    world.person.housing_date = dt.date(2026, 1, 5)
    world.person.save()
    rows = {r.item_type.code: r for r in services.checklist_for(world.person)}
    assert rows["huisarts"].due == dt.date(2026, 2, 2)  # 4 weeks
    assert rows["huisarts"].overdue(dt.date(2026, 2, 3))
    assert not rows["huisarts"].overdue(dt.date(2026, 2, 2))


def test_only_the_begeleider_changes_the_checklist(world, client_for):
    from regie.core.roles import Role

    km = world.users[Role.KLANTMANAGER]
    assert client_for(km).get(reverse("guidance_detail", args=[world.person.pk])).status_code == 200
    assert client_for(km).get(reverse("checklist_edit", args=[world.person.pk])).status_code == 403


def test_settings_page_adds_a_point(world, client_for):
    from regie.core.roles import Role

    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("guidance_settings")
    response = client.post(
        f"{url}?gemeente={world.municipality.pk}",
        {"form": "new", "new-name": "Bibliotheekpas", "new-order": 200, "new-active": "on"},
    )
    assert response.status_code == 302
    added = ChecklistItemType.objects.get(municipality=world.municipality, name="Bibliotheekpas")
    assert added.code == "bibliotheekpas"
    response = client.post(
        f"{url}?gemeente={world.municipality.pk}", {"form": "settings", "s-vog_max_age_years": 0}
    )
    assert response.status_code == 200
    assert services.vog_max_age(world.municipality.pk) == 3
