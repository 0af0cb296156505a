"""Shared fixtures: a small world with one municipality, the organisations working for
it, a user for every role, and one person who is in the scope of the case-work roles."""

import hashlib
from dataclasses import dataclass

import pytest

from regie.core.models import Municipality, Organisation, User
from regie.core.roles import OrganisationType, Role
from regie.people.models import Inburgeraar
from tests.factories import (
    InburgeraarFactory,
    MunicipalityFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    VerwijzingFactory,
)

pytest_plugins = ["tests.browser.fixtures", "tests.clock"]


def _flush_with_audit_purge():
    """PostgreSQL refuses TRUNCATE of the audit log, the field history and the seals
    (migration core 0005) unless the transaction set `regie.audit_purge`, the escape of
    retention jobs. Django's flush, which resets the database after every transactional
    and browser test, truncates all tables in one transaction: in the test process only,
    its statements start with that SET LOCAL. A production `regie flush` stays refused."""
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # no PostgreSQL driver: SQLite has no TRUNCATE
        return
    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        if statements:
            statements = ["SET LOCAL regie.audit_purge = 'on'", *statements]
        return statements

    DatabaseOperations.sql_flush = sql_flush


_flush_with_audit_purge()

PASSWORD = "Correct-horse-battery-9"


@dataclass
class World:
    municipality: Municipality
    other_municipality: Municipality
    uitvoerder: Organisation
    sociaal_team: Organisation
    aanbieder: Organisation
    gemeente: Organisation
    users: dict[Role, User]
    person: Inburgeraar  # in the scope of klantmanager, begeleider, aanbieder, ...
    stranger: Inburgeraar  # in another municipality: nobody here sees them


# Which roles see World.person through their normal scope (no grant).
SEES_PERSON = {
    Role.KLANTMANAGER: True,
    Role.BEGELEIDER: True,
    Role.AANBIEDER: True,
    Role.COORDINATOR: True,
    Role.FINANCIEEL: False,  # World.person has no ontzorging, geldtraining or fine
    Role.JURIST: False,
    Role.REGISSEUR: False,
    Role.BEHEERDER: False,
    Role.JOBCOACH: False,  # World.person has no placement with the jobcoach as coach
}


@pytest.fixture(autouse=True, scope="session")
def same_html_same_pdf():
    """WeasyPrint lays out the same HTML to the same PDF, so within a test process a render
    is kept by its HTML (regie.core.pdf). The demo, with its 27 beschikkingen, is built
    some twenty times per run: two thirds of each build was WeasyPrint laying out the
    letters of the build before. Different HTML (another day, another person) still
    renders anew."""
    from regie.core import pdf

    render = pdf._render
    kept: dict = {}

    def keep(html, variant):
        key = (hashlib.sha256(html.encode()).digest(), variant)
        if key not in kept:
            kept[key] = render(html, variant)
        return kept[key]

    pdf._render = keep
    yield
    pdf._render = render


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids repeat between tests whose data were
    rolled back, so figures kept under one test's ids must not reach the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is the production hasher (settings.py); tests trade it for speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    muni = MunicipalityFactory(name="Winterswijk", cbs_code="GM0294")
    other = MunicipalityFactory(name="Elders", cbs_code="GM0999")
    gemeente = OrganisationFactory(
        name="Gemeente Winterswijk", type=OrganisationType.GEMEENTE, serves=[muni]
    )
    uitvoerder = OrganisationFactory(
        name="Fijnder", type=OrganisationType.UITVOERDER, serves=[muni]
    )
    sociaal = OrganisationFactory(
        name="Sociaal team", type=OrganisationType.SOCIAAL_TEAM, serves=[muni]
    )
    aanbieder = OrganisationFactory(name="Toptaal", type=OrganisationType.AANBIEDER, serves=[muni])
    km_team = TeamFactory(organisation=uitvoerder, name="Team W")
    mb_team = TeamFactory(organisation=sociaal, name="Nieuwkomers")
    org_for = {
        Role.KLANTMANAGER: (uitvoerder, km_team),
        Role.FINANCIEEL: (uitvoerder, km_team),
        Role.BEGELEIDER: (sociaal, mb_team),
        Role.COORDINATOR: (sociaal, None),
        Role.AANBIEDER: (aanbieder, None),
        Role.REGISSEUR: (gemeente, None),
        Role.JURIST: (gemeente, None),
        Role.BEHEERDER: (gemeente, None),
        Role.JOBCOACH: (uitvoerder, None),
    }
    users = {
        role: UserFactory(username=role.value, organisation=org, team=team, roles=[role])
        for role, (org, team) in org_for.items()
    }
    person = InburgeraarFactory(
        municipality=muni,
        klantmanager=users[Role.KLANTMANAGER],
        begeleider=users[Role.BEGELEIDER],
    )
    VerwijzingFactory(inburgeraar=person, aanbieder=aanbieder)
    stranger = InburgeraarFactory(municipality=other)
    return World(muni, other, uitvoerder, sociaal, aanbieder, gemeente, users, person, stranger)


@pytest.fixture
def client_for(client):
    """Log a user in, past the second step when their role requires it."""

    def login(user):
        client.force_login(user)
        if user.requires_two_factor:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return login
