"""Querysets compiled once per user and day (regie.core.access.compiled_query): the SQL is
reused, the rows never are; a change of the user's roles, team, served municipalities,
day or inputs compiles anew; anything done to the queryset compiles as usual."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse
from django.utils import timezone, translation

from regie.core import access
from regie.core.access import caseload_q, compiled_query
from regie.core.compiled import freeze, thaw
from regie.core.models import RoleAssignment
from regie.core.roles import Role
from regie.people.models import Inburgeraar
from regie.rules.lifecycle import Status
from tests.factories import (
    BredeIntakeFactory,
    InburgeraarFactory,
    MunicipalityFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _empty_store():
    access._compiled.clear()
    yield
    access._compiled.clear()


@compiled_query
def _caseload(user, since: date):
    """Persons of the user's (team's) caseload registered since ``since``, with their
    municipality (a join), newest first."""
    return (
        Inburgeraar.objects.for_user(user)
        .filter(caseload_q(user), kennisgeving_date__gte=since)
        .select_related("municipality")
        .order_by("-kennisgeving_date", "pk")
    )


def _compiles(fn):
    """What ``fn()`` returns, and how often Django compiled a query meanwhile."""
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as spy:
        result = fn()
    return result, spy.call_count


def _names(rows) -> list[str]:
    return [p.last_name for p in rows]


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


def _person(world, km, last_name: str, days_ago: int):
    return InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=km,
        last_name=last_name,
        kennisgeving_date=timezone.localdate() - timedelta(days=days_ago),
    )


def test_the_second_request_runs_the_same_sql_without_compiling_it(world, km):
    _person(world, km, "Amrani", 3)
    since = timezone.localdate() - timedelta(days=30)
    first, compiled_first = _compiles(lambda: list(_caseload(km, since)))
    assert compiled_first >= 1
    second, compiled_second = _compiles(lambda: list(_caseload(km, since)))
    assert compiled_second == 0
    assert _names(second) == _names(first) == ["Amrani"]
    assert second[0].municipality.name == world.municipality.name  # the join's model too


def test_rows_are_read_afresh_every_time(world, km):
    since = timezone.localdate() - timedelta(days=30)
    _person(world, km, "Amrani", 3)
    assert _names(_caseload(km, since)) == ["Amrani"]
    _person(world, km, "Bakr", 1)
    assert _names(_caseload(km, since)) == ["Bakr", "Amrani"]
    Inburgeraar.objects.filter(last_name="Amrani").update(status=Status.VERTROKKEN)
    Inburgeraar.objects.filter(last_name="Bakr").delete()
    assert _names(_caseload(km, since)) == ["Amrani"]


def test_another_input_another_day_or_another_user_compiles_anew(world, km):
    _person(world, km, "Amrani", 10)
    today = timezone.localdate()
    assert _names(_caseload(km, today - timedelta(days=30))) == ["Amrani"]
    assert _names(_caseload(km, today - timedelta(days=5))) == []
    colleague = UserFactory(
        username="collega", organisation=km.organisation, team=None, roles=[Role.KLANTMANAGER]
    )
    # Not in the colleague's caseload: no team, and the person is km's.
    assert _names(_caseload(colleague, today - timedelta(days=30))) == []
    with translation.override("en"):
        assert _names(_caseload(km, today - timedelta(days=30))) == ["Amrani"]
    assert len(access._compiled) == 4
    with mock.patch("django.utils.timezone.localdate", return_value=today + timedelta(days=1)):
        _, compiled = _compiles(lambda: list(_caseload(km, today - timedelta(days=30))))
    assert compiled >= 1  # the next day: compiled again (the scope's grants carry the day)


def test_a_role_taken_away_or_a_municipality_no_longer_served_counts_at_once(world, km):
    _person(world, km, "Amrani", 3)
    since = timezone.localdate() - timedelta(days=30)
    assert _names(_caseload(km, since)) == ["Amrani"]
    RoleAssignment.objects.filter(user=km).delete()
    km.__dict__["roles"] = frozenset()
    assert _names(_caseload(km, since)) == []
    km.__dict__["roles"] = frozenset({Role.KLANTMANAGER})
    km._served_municipality_ids = [MunicipalityFactory().pk]
    assert _names(_caseload(km, since)) == []  # the person's municipality is not served


def test_a_filter_slice_or_count_on_it_compiles_as_usual_and_is_right(world, km):
    _person(world, km, "Amrani", 3)
    _person(world, km, "Bakr", 1)
    since = timezone.localdate() - timedelta(days=30)
    list(_caseload(km, since))
    queryset = _caseload(km, since)
    assert queryset.count() == 2
    assert _names(queryset.filter(last_name="Amrani")) == ["Amrani"]
    assert _names(queryset[:1]) == ["Bakr"]
    assert list(queryset.values_list("last_name", flat=True)) == ["Bakr", "Amrani"]
    assert queryset.exists()
    assert Inburgeraar.objects.filter(pk__in=_caseload(km, since).values("pk")).count() == 2
    # ... and the shared query itself was left as it was.
    assert _names(_caseload(km, since)) == ["Bakr", "Amrani"]


def test_values_and_values_list_querysets_are_reused_too(world, km):
    _person(world, km, "Amrani", 3)
    frozen = freeze(Inburgeraar.objects.filter(last_name="Amrani").values_list("pk", "last_name"))
    rows, compiled = _compiles(lambda: list(thaw(frozen)))
    assert compiled == 0
    assert [name for _pk, name in rows] == ["Amrani"]
    frozen = freeze(Inburgeraar.objects.filter(last_name="Amrani").values("last_name"))
    assert list(thaw(frozen)) == [{"last_name": "Amrani"}]


def test_a_queryset_that_selects_nothing_is_not_kept(world, km):
    assert freeze(Inburgeraar.objects.filter(pk__in=[])) is None

    @compiled_query
    def nothing(user):
        return Inburgeraar.objects.filter(pk__in=[])

    assert list(nothing(km)) == []
    assert len(access._compiled) == 0


def test_an_evaluated_queryset_cannot_be_frozen(world):
    queryset = Inburgeraar.objects.all()
    list(queryset)
    with pytest.raises(ValueError):
        freeze(queryset)


def test_the_store_keeps_the_most_recently_used(world, km, monkeypatch):
    monkeypatch.setattr(access._compiled, "size", 2)
    today = timezone.localdate()
    for days in (1, 2, 3):
        list(_caseload(km, today - timedelta(days=days)))
    assert len(access._compiled) == 2
    assert [key[-1] for key in access._compiled.keys_in_use_order()] == [
        (today - timedelta(days=2),),
        (today - timedelta(days=3),),
    ]


def test_the_user_of_a_session_is_read_every_request_with_sql_compiled_once(world, client_for):
    user = world.users[Role.KLANTMANAGER]
    client = client_for(user)
    assert client.get(reverse("home")).status_code == 200
    compiled: list[str] = []
    real = SQLCompiler.as_sql

    def spy(self, *args, **kwargs):
        sql, params = real(self, *args, **kwargs)
        compiled.append(sql)
        return sql, params

    with mock.patch.object(SQLCompiler, "as_sql", spy):
        assert client.get(reverse("home")).status_code == 200
    assert compiled  # the page compiled its other queries
    assert not any('"core_user"."password"' in sql for sql in compiled)
    # ... and the row is read afresh: a blocked account is out at the next request.
    user.is_active = False
    user.save()
    assert client.get(reverse("home")).status_code == 302


def test_the_werkvoorraad_shows_a_change_at_the_next_request(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    person = InburgeraarFactory(
        municipality=world.municipality, klantmanager=km, last_name="Zeynalova"
    )

    def to_plan() -> str:
        response = client.get(reverse("home"))
        rows = {section.key: html for section, html, _more in response.context["section_rows"]}
        return rows.get("intake_to_plan", "")

    assert "Zeynalova" in to_plan()
    assert "Zeynalova" in to_plan()  # the second request: the same, from compiled SQL
    BredeIntakeFactory(inburgeraar=person)
    assert "Zeynalova" not in to_plan()
