"""Fixtures for guidance: the begeleider, the coördinator, a partner of the municipality
and a volunteer of the sociaal team, all in the shared ``world``."""

import pytest

from regie.core.roles import OrganisationType, Role
from tests.factories import OrganisationFactory, PartnerFactory, VolunteerFactory


@pytest.fixture
def begeleider(world):
    return world.users[Role.BEGELEIDER]


@pytest.fixture
def coordinator(world):
    return world.users[Role.COORDINATOR]


@pytest.fixture
def partner(world):
    org = OrganisationFactory(
        name="GGNet", type=OrganisationType.PARTNER, serves=[world.municipality]
    )
    return PartnerFactory(organisation=org)


@pytest.fixture
def make_volunteer(world):
    def make(**kwargs):
        kwargs.setdefault("organisation", world.sociaal_team)
        kwargs.setdefault("municipality", world.municipality)
        return VolunteerFactory(**kwargs)

    return make
