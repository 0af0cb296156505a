"""Two aanbieders, each with a referred person and one report of every kind, and API
clients that authenticate with a token as a system user of an organisation."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from regie.api.models import ApiToken
from regie.core.models import Organisation, User
from regie.core.roles import OrganisationType, Role
from regie.people.models import Inburgeraar
from tests.factories import (
    AfschaalverzoekFactory,
    AfwezigheidFactory,
    ExamenresultaatFactory,
    InburgeraarFactory,
    LesurenFactory,
    OrganisationFactory,
    PIPFactory,
    PIPVersieFactory,
    UserFactory,
    VerwijzingFactory,
    VoortgangsmetingFactory,
)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.REGIE_RATE_LIMIT_API = (0, 60)
    cache.clear()


@dataclass
class Pair:
    """An aanbieder with its system user and the persons referred to it."""

    org: Organisation
    user: User
    person: Inburgeraar  # referred to this aanbieder only
    records: dict  # resource basename -> object id of this aanbieder's reports


def make_reports(person, org, onderdeel="schrijven") -> dict:
    common = {"inburgeraar": person, "aanbieder": org}
    return {
        "api-lesuren": LesurenFactory(**common).pk,
        "api-afwezigheid": AfwezigheidFactory(**common).pk,
        "api-voortgangsmeting": VoortgangsmetingFactory(**common).pk,
        "api-examenresultaat": ExamenresultaatFactory(**common).pk,
        "api-afschaalverzoek": AfschaalverzoekFactory(**common, onderdeel=onderdeel).pk,
    }


@pytest.fixture
def pairs(world):
    """world.aanbieder (Toptaal) and a second aanbieder (Interbeek), each with its own
    referred person; plus a shared person referred to both, with reports from both."""
    second = OrganisationFactory(
        name="Interbeek", type=OrganisationType.AANBIEDER, serves=[world.municipality]
    )
    result = {}
    for org in (world.aanbieder, second):
        user = UserFactory(
            username=f"systeem-{org.name.lower()}", organisation=org, roles=[Role.AANBIEDER]
        )
        person = InburgeraarFactory(
            municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER]
        )
        VerwijzingFactory(inburgeraar=person, aanbieder=org)
        pip = PIPFactory(inburgeraar=person)
        PIPVersieFactory(pip=pip, nummer=1, vastgesteld=True, aanbieder=org)
        result[org.name] = Pair(org, user, person, make_reports(person, org))
    shared = InburgeraarFactory(
        municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER]
    )
    shared_records = {}
    for org, onderdeel in ((world.aanbieder, "lezen"), (second, "spreken")):
        VerwijzingFactory(inburgeraar=shared, aanbieder=org)
        shared_records[org.name] = make_reports(shared, org, onderdeel)
    return result, shared, shared_records


@pytest.fixture
def token_client():
    def make(user, scopes=""):
        _token, raw = ApiToken.issue(user, "test", scopes=scopes)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make
