"""A wide monitoring view's figures are computed once per stand of the facts and kept
(monitoring.services.tables_for): the same request again reads no figures; a rebuild of
the facts (a new stand) computes them anew; the hourly rebuild computes the unfiltered
wide views ahead, so the regisseur's first request does not wait."""

import dataclasses
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from regie.core.models import Municipality, Organisation, RoleAssignment, User
from regie.core.roles import OrganisationType, Role
from regie.monitoring import facts, services
from regie.monitoring.queries import Filters
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def wide(world):
    extra = [
        Municipality.objects.create(name=f"Gemeente {i}", cbs_code=f"GM{7000 + i}")
        for i in range(facts.LIVE_UP_TO_MUNICIPALITIES)
    ]
    for i, municipality in enumerate(extra):
        InburgeraarFactory(municipality=municipality, kennisgeving_date=dt.date(2026, 1 + i, 5))
    org = Organisation.objects.create(name="Provincie", type=OrganisationType.GEMEENTE)
    org.serves.set([world.municipality, *extra])
    user = User.objects.create_user("provincie", organisation=org)
    RoleAssignment.objects.create(user=user, role=Role.REGISSEUR)
    return Filters(municipality_ids=(world.municipality.pk, *(m.pk for m in extra))), user


def test_the_figures_of_a_stand_are_kept_until_the_next_stand(wide, travel):
    filters, _user = wide
    travel("2027-03-01T09:15", tick=False)
    facts.rebuild()
    resolved, _stand = facts.resolve(filters)
    first = services.tables_for("dashboard", resolved, TODAY)
    assert first == services.dashboard_tables(resolved, TODAY)

    # A new person: the stand's figures do not change until the facts are rebuilt ...
    InburgeraarFactory(
        municipality=Municipality.objects.get(pk=filters.municipality_ids[1]),
        kennisgeving_date=dt.date(2027, 2, 1),
    )
    with CaptureQueriesContext(connection) as queries:
        again = services.tables_for("dashboard", resolved, TODAY)
    assert again == first and len(queries) == 0
    # ... in whatever order the municipalities come.
    turned = dataclasses.replace(resolved, municipality_ids=resolved.municipality_ids[::-1])
    with CaptureQueriesContext(connection) as queries:
        assert services.tables_for("dashboard", turned, TODAY) == first
    assert len(queries) == 0

    # ... and the next rebuild's stand shows the person.
    travel("2027-03-01T10:15", tick=False)
    facts.rebuild()
    newer, _stand = facts.resolve(filters)
    assert newer.facts_version != resolved.facts_version
    fresh = services.tables_for("dashboard", newer, TODAY)
    assert fresh != first
    assert fresh == services.dashboard_tables(newer, TODAY)


def test_narrow_views_are_never_kept(world):
    narrow = Filters(municipality_ids=(world.municipality.pk,))
    services.tables_for("dashboard", narrow, TODAY)
    with CaptureQueriesContext(connection) as queries:
        services.tables_for("dashboard", narrow, TODAY)
    assert len(queries) > 0


@pytest.mark.parametrize(
    ("name", "view"),
    [
        ("monitoring_dashboard", "dashboard"),
        ("monitoring_cohorts", "cohorten"),
        ("monitoring_process", "proces"),
        ("monitoring_borging", "borging"),
    ],
)
def test_the_hourly_rebuild_computes_the_wide_pages_ahead(
    wide, client_for, travel, name, view
):
    from django.core.management import call_command

    travel("2027-03-01T09:15", tick=False)
    _filters, user = wide
    client = client_for(user)
    out = io.StringIO()
    call_command("monitoring-facts", stdout=out)
    assert "overzichten vooraf berekend: 4 in" in out.getvalue()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(name)).content.decode()
    assert "Stand van de cijfers: 1 maart 2027, 09:15." in page
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "monitoring_personfact" not in read and "monitoring_enrolmentyearfact" not in read
    # The page shows the figures of that stand (computed now, they are the same).
    resolved, _stand = facts.resolve(_filters)
    for table in services.VIEW_TABLES[view](resolved, dt.date(2027, 3, 1)):
        assert escape(str(table.title)) in page
