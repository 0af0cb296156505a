"""Issue 17, finding 10: the pages that show persons in a list log which persons they
showed — the caseload search, the werkvoorraad and the aanbieder portal — one event per
person, so each person's trail and AVG inzage say who saw them there."""

from django.urls import reverse
from django.utils import timezone

from regie.core.models import AuditEvent
from regie.core.roles import Role
from tests.factories import InburgeraarFactory


def shown(user, description):
    return set(
        AuditEvent.objects.filter(username=user.username, description=description).values_list(
            "inburgeraar_id", flat=True
        )
    )


def test_search_results_log_each_person_shown(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    other = InburgeraarFactory(
        municipality=world.municipality, klantmanager=km, last_name="Zwartveld"
    )
    client_for(km).get(reverse("person_list"), {"q": world.person.last_name})
    assert world.person.pk in shown(km, "in de zoekresultaten")
    assert other.pk not in shown(km, "in de zoekresultaten")  # not in these results
    assert world.stranger.pk not in shown(km, "in de zoekresultaten")
    # Written in one statement, read back as ordinary events: time, actor, record.
    event = AuditEvent.objects.get(
        description="in de zoekresultaten", inburgeraar_id=world.person.pk
    )
    assert abs((timezone.now() - event.at).total_seconds()) < 60
    assert (event.action, event.object_type, event.object_id) == (
        "search",
        "inburgeraar",
        str(world.person.pk),
    )
    assert event.roles and event.route


def test_the_werkvoorraad_logs_the_persons_on_it(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    waiting = InburgeraarFactory(municipality=world.municipality, klantmanager=None)
    page = client_for(km).get(reverse("home")).content.decode()
    assert waiting.full_name in page  # "Nieuwe aanmeldingen zonder klantmanager"
    assert waiting.pk in shown(km, "in de werkvoorraad")
    assert world.stranger.pk not in shown(km, "in de werkvoorraad")


def test_the_portal_logs_the_participants_it_lists(world, client_for):
    aanbieder = world.users[Role.AANBIEDER]
    page = client_for(aanbieder).get(reverse("portal_home")).content.decode()
    assert world.person.last_name in page
    assert shown(aanbieder, "in het aanbiedersportaal") == {world.person.pk}
