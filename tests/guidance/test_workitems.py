"""The werkvoorraad of the coördinator and the begeleider, the person-file section, and
coverage figures: right content, constant queries whatever the caseload."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.core.extensions import werkvoorraad
from regie.core.roles import Role
from regie.guidance import services
from regie.guidance.models import ChecklistItem
from tests.factories import (
    ConsentFactory,
    InburgeraarFactory,
    MatchFactory,
    MatchingProfileFactory,
    ReferralFactory,
)


def _section(user, key):
    today = timezone.localdate()
    return next(s for s in werkvoorraad(user, today) if s.key == key)


def guided(world, **kwargs):
    return InburgeraarFactory(
        municipality=world.municipality, begeleider=world.users[Role.BEGELEIDER], **kwargs
    )


def test_coordinator_sees_newcomers_without_maatje_and_proposals(
    world, coordinator, make_volunteer
):
    matched = guided(world)
    MatchFactory(inburgeraar=matched, volunteer=make_volunteer())
    MatchingProfileFactory(inburgeraar=world.person)
    world.person.languages = "ar"
    world.person.save()
    make_volunteer()
    waiting = _section(coordinator, "without_maatje")
    assert [i.person.pk for i in waiting.items] == [world.person.pk]
    services.run_matching(coordinator)
    proposals = _section(coordinator, "maatje_proposals")
    assert [i.person.pk for i in proposals.items] == [world.person.pk]
    assert "score" in proposals.items[0].what


def test_begeleider_sees_overdue_checklist_and_follow_ups(world, begeleider, partner):
    today = timezone.localdate()
    world.person.housing_date = today - dt.timedelta(weeks=10)
    world.person.save()
    types = {t.code: t for t in services.checklist_types(world.municipality)}
    for code in types:
        if code != "tandarts":  # tandarts: 8 weeks, so overdue
            ChecklistItem.objects.create(
                inburgeraar=world.person,
                item_type=types[code],
                status="geregeld",
                done_date=today,
            )
    items = _section(begeleider, "checklist_overdue").items
    assert len(items) == 1 and "tandarts" in items[0].what
    assert items[0].due == world.person.housing_date + dt.timedelta(weeks=8)

    consent = ConsentFactory(inburgeraar=world.person, partner=partner)
    ReferralFactory(consent=consent, follow_up_on=today + dt.timedelta(days=3))
    ReferralFactory(consent=consent, follow_up_on=today + dt.timedelta(days=30))
    ReferralFactory(consent=consent, follow_up_on=today - dt.timedelta(days=1), outcome="afgerond")
    follow = _section(begeleider, "referral_follow_up").items
    assert len(follow) == 1 and "GGNet" in follow[0].what


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_werkvoorraad_queries_are_constant(world, begeleider, coordinator, partner, make_volunteer):
    today = timezone.localdate()
    for user in (begeleider, coordinator):
        werkvoorraad(user, today)  # warm the user's caches
    before = {u.pk: _count(lambda u=u: werkvoorraad(u, today)) for u in (begeleider, coordinator)}
    for i in range(8):
        person = guided(world, housing_date=today - dt.timedelta(weeks=20 + i))
        MatchingProfileFactory(inburgeraar=person)
        consent = ConsentFactory(inburgeraar=person, partner=partner)
        ReferralFactory(consent=consent, follow_up_on=today)
        if i % 2:
            MatchFactory(inburgeraar=person, volunteer=make_volunteer())
    services.run_matching(coordinator)
    after = {u.pk: _count(lambda u=u: werkvoorraad(u, today)) for u in (begeleider, coordinator)}
    assert after == before
    assert len(_section(begeleider, "checklist_overdue").items) == 9


def test_person_section_for_guidance_roles_only(world, client_for, make_volunteer):
    MatchFactory(inburgeraar=world.person, volunteer=make_volunteer(first_name="Gerrit"))
    url = reverse("person_detail", args=[world.person.pk])
    for role in (Role.BEGELEIDER, Role.KLANTMANAGER):
        page = client_for(world.users[role]).get(url).content.decode()
        assert "Maatschappelijke begeleiding" in page and "Gerrit" in page
    page = client_for(world.users[Role.COORDINATOR]).get(url).content.decode()
    assert "begeleiding-sectie" not in page


def test_coverage_figures(world, make_volunteer):
    today = timezone.localdate()
    a = guided(world, housing_date=today - dt.timedelta(days=100))
    guided(world)
    guided(world, gezinsmigrant=True)  # not in the population
    MatchFactory(
        inburgeraar=a, volunteer=make_volunteer(), start_date=today - dt.timedelta(days=40)
    )
    (figures,) = services.coverage_figures([world.municipality.pk])
    # world.person, a and the other guided asielmigrant.
    assert (figures.coverage.newcomers, figures.coverage.with_maatje) == (3, 1)
    assert figures.time_to_match.median_days == 60.0


def test_overview_shows_counts_not_persons(world, partner, client_for):
    from regie.guidance.models import PartnerTheme

    PartnerTheme.objects.create(partner=partner, theme="gezondheid")
    ReferralFactory(consent=ConsentFactory(inburgeraar=world.person, partner=partner))
    page = (
        client_for(world.users[Role.REGISSEUR])
        .get(reverse("collaboration_overview"))
        .content.decode()
    )
    assert "GGNet" in page and "Dekking" in page
    assert world.person.last_name not in page


def test_partner_detail_lists_referrals_only_for_guidance_roles(world, partner, client_for):
    ReferralFactory(consent=ConsentFactory(inburgeraar=world.person, partner=partner))
    url = reverse("partner_detail", args=[partner.pk])
    assert (
        world.person.last_name in client_for(world.users[Role.BEGELEIDER]).get(url).content.decode()
    )
    page = client_for(world.users[Role.COORDINATOR]).get(url).content.decode()
    assert world.person.last_name not in page


def test_partner_register_edit(world, client_for):
    from regie.core.roles import OrganisationType
    from regie.guidance.models import Partner
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(
        name="Taalhuis", type=OrganisationType.PARTNER, serves=[world.municipality]
    )
    client = client_for(world.users[Role.REGISSEUR])
    response = client.post(
        reverse("partner_create"),
        {
            "organisation": org.pk,
            "themes": ["leren_werken", "sociaal_netwerk"],
            "offer": "Taalmaatjes",
            "accepts_referrals": "on",
            "active": "on",
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get(organisation=org)
    assert partner.theme_values() == ["leren_werken", "sociaal_netwerk"]
    page = client.get(reverse("partner_list")).content.decode()
    assert page.count("Taalhuis") == 2  # under both themes
    client.post(
        reverse("partner_edit", args=[partner.pk]),
        {"themes": ["leren_werken"], "offer": "x", "active": "on"},
    )
    assert partner.theme_values() == ["leren_werken"]
