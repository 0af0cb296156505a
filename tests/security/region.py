"""The demo's shape for the administration tests (issue 17): Winterswijk and Aalten, each
with its own gemeente, beheerder and regisseur, and Fijnder, the uitvoerder that works for
both, with a team and a klantmanager per municipality."""

import pytest
from django.test import Client
from django.urls import reverse

from regie.core.roles import OrganisationType, Role
from tests.factories import (
    InburgeraarFactory,
    MunicipalityFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

PASSWORD = "Een-lang-wachtwoord-42"


@pytest.fixture
def demo_region(db):
    w = MunicipalityFactory(name="Winterswijk", cbs_code="GM0294")
    a = MunicipalityFactory(name="Aalten", cbs_code="GM0197")
    gem_w = OrganisationFactory(
        name="Gemeente Winterswijk", type=OrganisationType.GEMEENTE, serves=[w]
    )
    gem_a = OrganisationFactory(name="Gemeente Aalten", type=OrganisationType.GEMEENTE, serves=[a])
    fijnder = OrganisationFactory(name="Fijnder", type=OrganisationType.UITVOERDER, serves=[w, a])
    team_w = TeamFactory(organisation=fijnder, name="Team Winterswijk")
    team_w.municipalities.set([w])
    team_a = TeamFactory(organisation=fijnder, name="Team Aalten")
    team_a.municipalities.set([a])
    r = {
        "W": w,
        "A": a,
        "gem_W": gem_w,
        "gem_A": gem_a,
        "fijnder": fijnder,
        "team_W": team_w,
        "team_A": team_a,
        "backoffice_W": TeamFactory(organisation=gem_w, name="Backoffice W"),
        "backoffice_A": TeamFactory(organisation=gem_a, name="Backoffice A"),
        "beheerder_W": UserFactory(
            username="beheerder", organisation=gem_w, roles=[Role.BEHEERDER]
        ),
        "beheerder_A": UserFactory(
            username="beheerder2", organisation=gem_a, roles=[Role.BEHEERDER]
        ),
        "regisseur_W": UserFactory(
            username="regisseur", organisation=gem_w, roles=[Role.REGISSEUR]
        ),
        "regisseur_A": UserFactory(
            username="regisseur2", organisation=gem_a, roles=[Role.REGISSEUR]
        ),
        "km_W": UserFactory(
            username="klantmanager", organisation=fijnder, team=team_w, roles=[Role.KLANTMANAGER]
        ),
        "km_A": UserFactory(
            username="klantmanager2", organisation=fijnder, team=team_a, roles=[Role.KLANTMANAGER]
        ),
    }
    r["person_W"] = InburgeraarFactory(municipality=w, klantmanager=r["km_W"], last_name="Wmans")
    r["person_A"] = InburgeraarFactory(municipality=a, klantmanager=r["km_A"], last_name="Amans")
    return r


def login(user) -> Client:
    """A client of its own per user, past the second step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    if user.requires_two_factor:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def new_account(organisation, team=None, roles=("klantmanager",), username="nieuw"):
    return {
        "username": username,
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": "",
        "organisation": organisation.pk,
        "team": team.pk if team else "",
        "is_active": "on",
        "roles": list(roles),
        "password": PASSWORD,
    }


def can_log_in(username) -> bool:
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    request = RequestFactory().post("/inloggen/")
    return authenticate(request, username=username, password=PASSWORD) is not None


def decide(client, proposal, decision="approve", reason=""):
    return client.post(
        reverse("proposal_decide", args=[proposal.pk]),
        {f"p{proposal.pk}-decision": decision, f"p{proposal.pk}-reason": reason},
        follow=True,
    )
