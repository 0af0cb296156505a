"""Issue 17 M6: "Recent ingezien door" shows only roles a viewer may know of. That the jurist
opened a file reveals a bezwaar or handhaving procedure; an aanbieder must not see it."""

from django.urls import reverse

from regie.core import audit
from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from regie.core.viewers import may_know_of, recent_views_for


def _jurist_and_begeleider_looked(world):
    for role in (Role.JURIST, Role.BEGELEIDER):
        audit.log(
            AuditAction.READ,
            obj=world.person,
            inburgeraar_id=world.person.pk,
            description="persoonsdossier",
            who=audit.actor_for(world.users[role]),
        )


def _panel(html: str) -> str:
    return html.split('id="ingezien"', 1)[1]


def test_an_aanbieder_does_not_see_that_the_jurist_looked(world, client_for):
    _jurist_and_begeleider_looked(world)
    page = client_for(world.users[Role.AANBIEDER]).get(
        reverse("person_detail", args=[world.person.pk])
    )
    panel = _panel(page.content.decode())
    assert "Jurist" not in panel
    assert ">jurist<" not in panel
    assert "Een medewerker van de gemeente" in panel
    # the begeleider's look is no secret to the aanbieder
    assert "Maatschappelijk begeleider" in panel
    assert ">begeleider<" in panel


def test_the_klantmanager_still_sees_the_jurist(world, client_for):
    _jurist_and_begeleider_looked(world)
    page = client_for(world.users[Role.KLANTMANAGER]).get(
        reverse("person_detail", args=[world.person.pk])
    )
    panel = _panel(page.content.decode())
    assert ">jurist<" in panel
    assert "Jurist" in panel
    assert "Gemeente Winterswijk" in panel
    assert "Een medewerker van de gemeente" not in panel


def test_who_may_know_of_the_jurist_follows_the_procedure_permissions(world):
    # Written out so a change to roles.py shows up here as a diff.
    expected = {
        Role.KLANTMANAGER: True,
        Role.JURIST: True,
        Role.BEGELEIDER: False,
        Role.AANBIEDER: False,
        Role.COORDINATOR: False,
        Role.FINANCIEEL: False,
        Role.REGISSEUR: False,
        Role.BEHEERDER: False,
        Role.JOBCOACH: False,
    }
    assert {r: may_know_of(world.users[r], Role.JURIST) for r in Role} == expected


def test_a_jurist_sees_the_jurist_and_an_entry_of_several_roles_is_masked_whole(world):
    _jurist_and_begeleider_looked(world)
    events = AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action=AuditAction.READ)
    shown = recent_views_for(world.users[Role.JURIST], events)
    assert {v.username for v in shown} == {"jurist", "begeleider"}

    class Row:  # an audit row of someone holding both roles
        at = events[0].at
        username = "km-jurist"
        roles = "jurist,klantmanager"
        organisation = "Gemeente Winterswijk"

    [masked] = recent_views_for(world.users[Role.COORDINATOR], [Row()])
    assert masked.masked and masked.username == "Een medewerker van de gemeente"
    assert masked.roles == "" and masked.organisation == ""
