"""The demo's guidance data: partners per theme, checklists, referrals under consent,
volunteers (one with an expired VOG, left out of matching with a reason), matches."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.core.models import User
from regie.guidance import services
from regie.guidance.models import (
    ChecklistItem,
    Match,
    Partner,
    PartnerTheme,
    Referral,
    Volunteer,
)


@pytest.mark.django_db
def test_demo_guidance():
    call_command("demo")
    assert set(PartnerTheme.objects.values_list("theme", flat=True)) == {
        "wonen",
        "leren_werken",
        "financien",
        "gezondheid",
        "sociaal_netwerk",
    }
    assert Partner.objects.filter(organisation__name="GGNet").exists()
    # Every status on the page: geregeld, mee bezig, niet van toepassing (and nog te doen,
    # the points without an item).
    assert set(ChecklistItem.objects.values_list("status", flat=True)) == {
        "geregeld",
        "bezig",
        "nvt",
    }
    partners = set(Referral.objects.values_list("partner__organisation__name", flat=True))
    assert {"GGNet", "Taalhuis Oost Achterhoek", "Leefstijlcoach"} <= partners
    for referral in Referral.objects.select_related("consent"):
        assert set(referral.shared) <= set(referral.consent.scope)
        assert referral.consent.given_on <= referral.referred_on
        assert referral.consent.partner_id == referral.partner_id
    assert Volunteer.objects.count() == 10
    assert Match.objects.active().count() >= 3
    coordinator = User.objects.get(username="coordinator")
    build = services.build_instance(coordinator, timezone.localdate())
    excluded = {v.full_name: reason for v, reason in build.excluded_volunteers}
    assert list(excluded) == ["Wim Te Brake"] and "VOG" in excluded["Wim Te Brake"]
    run = services.run_matching(coordinator)
    assert run.optimal and run.matched_count > 0
