"""Consent before a referral: nothing is shared with a partner without the person's
recorded, valid consent covering what is shared; health data only by roles that may see
it. Refusals are in Dutch and save nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.core.models import AuditEvent
from regie.guidance import services
from regie.guidance.models import Consent, Referral
from tests.factories import ConsentFactory, PartnerFactory


def _refer(user, person, partner, shared=("contact",), on=None):
    return services.create_referral(
        user,
        person,
        partner,
        theme="gezondheid",
        reason="Slaapproblemen",
        shared=list(shared),
        shared_note="",
        referred_on=on or timezone.localdate(),
        follow_up_on=None,
    )


def test_referral_without_consent_is_refused(world, begeleider, partner):
    with pytest.raises(services.ReferralRefused, match="geen geldige toestemming"):
        _refer(begeleider, world.person, partner)
    assert not Referral.objects.exists()


def test_consent_for_another_partner_does_not_count(world, begeleider, partner):
    other = PartnerFactory(organisation__serves=[world.municipality])
    ConsentFactory(inburgeraar=world.person, partner=other)
    with pytest.raises(services.ReferralRefused):
        _refer(begeleider, world.person, partner)


def test_consent_must_cover_what_is_shared(world, begeleider, partner):
    ConsentFactory(inburgeraar=world.person, partner=partner, scope=["contact"])
    with pytest.raises(services.ReferralRefused, match="gezondheid"):
        _refer(begeleider, world.person, partner, shared=["contact", "gezondheid"])
    referral = _refer(begeleider, world.person, partner, shared=["contact"])
    assert referral.consent.partner == partner


def test_withdrawn_or_expired_consent_is_refused(world, begeleider, partner):
    today = timezone.localdate()
    consent = ConsentFactory(inburgeraar=world.person, partner=partner)
    services.withdraw_consent(consent, today)
    with pytest.raises(services.ReferralRefused):
        _refer(begeleider, world.person, partner)
    ConsentFactory(
        inburgeraar=world.person, partner=partner, valid_until=today - dt.timedelta(days=1)
    )
    with pytest.raises(services.ReferralRefused):
        _refer(begeleider, world.person, partner)


def test_consent_given_after_the_referral_date_does_not_count(world, begeleider, partner):
    today = timezone.localdate()
    ConsentFactory(inburgeraar=world.person, partner=partner, given_on=today)
    with pytest.raises(services.ReferralRefused):
        _refer(begeleider, world.person, partner, on=today - dt.timedelta(days=3))


def test_health_data_only_by_roles_that_may_see_it(world, coordinator, begeleider, partner):
    ConsentFactory(inburgeraar=world.person, partner=partner, scope=["contact", "gezondheid"])
    with pytest.raises(services.ReferralRefused, match="Gezondheidsgegevens"):
        _refer(coordinator, world.person, partner, shared=["contact", "gezondheid"])
    assert _refer(begeleider, world.person, partner, shared=["contact", "gezondheid"]).pk


def test_view_refuses_without_consent_and_saves_nothing(world, begeleider, partner, client_for):
    client = client_for(begeleider)
    url = reverse("referral_add", args=[world.person.pk])
    data = {
        "partner": partner.pk,
        "theme": "gezondheid",
        "reason": "Slaapproblemen",
        "shared": ["contact", "situatie"],
        "referred_on": timezone.localdate().isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Verwijzing geweigerd" in response.content.decode()
    assert not Referral.objects.exists()

    consent_url = reverse("consent_add", args=[world.person.pk])
    response = client.post(
        consent_url,
        {
            "partner": partner.pk,
            "scope": ["contact", "situatie"],
            "purpose": "Aanmelding",
            "given_on": timezone.localdate().isoformat(),
            "given_by": "zelf",
            "form": "schriftelijk",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.recorded_by == begeleider.username
    response = client.post(url, data)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent == consent
    assert AuditEvent.objects.filter(
        object_type="referral", inburgeraar_id=world.person.pk, action="create"
    ).exists()


def test_consent_form_errors_are_dutch(world, begeleider, partner, client_for):
    client = client_for(begeleider)
    response = client.post(
        reverse("consent_add", args=[world.person.pk]),
        {
            "partner": partner.pk,
            "scope": ["contact"],
            "purpose": "Aanmelding",
            "given_on": timezone.localdate().isoformat(),
            "given_by": "vertegenwoordiger",
            "form": "mondeling",
        },
    )
    assert response.status_code == 200
    assert "Vul de naam van de vertegenwoordiger in." in response.content.decode()
    assert not Consent.objects.exists()


def test_follow_up_and_outcome(world, begeleider, partner, client_for):
    ConsentFactory(inburgeraar=world.person, partner=partner)
    referral = _refer(begeleider, world.person, partner)
    client = client_for(begeleider)
    url = reverse("referral_edit", args=[world.person.pk, referral.pk])
    bad = client.post(
        url,
        {
            "follow_up_on": (referral.referred_on - dt.timedelta(days=1)).isoformat(),
            "outcome": "open",
        },
    )
    assert "vóór de datum van de verwijzing" in bad.content.decode()
    referral.refresh_from_db()
    assert referral.follow_up_on is None
    ok = client.post(url, {"outcome": "afgerond", "outcome_note": "Gestart."})
    assert ok.status_code == 302
    referral.refresh_from_db()
    assert referral.closed_on == timezone.localdate()
    assert not referral.is_open


def test_referrals_are_scoped(world, begeleider, partner, client_for):
    ConsentFactory(inburgeraar=world.stranger, partner=partner)
    stranger_referral = _refer(begeleider, world.stranger, partner)
    assert not Referral.objects.for_user(begeleider).filter(pk=stranger_referral.pk).exists()
    client = client_for(begeleider)
    url = reverse("referral_edit", args=[world.stranger.pk, stranger_referral.pk])
    assert client.get(url).status_code == 404
