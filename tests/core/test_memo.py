"""Per-request memoisation (regie.core.memo): once per request and arguments, never
across requests, and not at all outside a request."""

import pytest

from regie.core import memo
from regie.core.middleware import AuditContextMiddleware

calls = []


@memo.per_request
def answer(*args):
    calls.append(args)
    return len(calls)


@pytest.fixture(autouse=True)
def reset():
    calls.clear()


def test_outside_a_request_every_call_runs():
    assert answer(1) == 1
    assert answer(1) == 2


def test_within_a_request_once_per_arguments():
    with memo.request_memo():
        assert answer(1, "a") == 1
        assert answer(1, "a") == 1
        assert answer(2, "a") == 2
        assert answer([1, 2]) == 3
        assert answer([1, 2]) == 3
    with memo.request_memo():
        assert answer(1, "a") == 4  # a new request asks again


def test_model_instances_by_primary_key(world):
    with memo.request_memo():
        first = answer(world.person)
        assert answer(world.person) == first
        assert answer(world.municipality) != first


def test_unkeyable_arguments_are_not_memoised():
    with memo.request_memo():
        assert answer({"a": 1}) == 1
        assert answer({"a": 1}) == 2


class _Request:
    def __init__(self, method):
        self.method = method
        self.path = self.path_info = "/"


@pytest.mark.parametrize(("method", "memoised"), [("GET", True), ("POST", False)])
def test_only_get_and_head_requests_are_memoised(method, memoised):
    def view(request):
        return [answer("x"), answer("x")]

    first, second = AuditContextMiddleware(view)(_Request(method))
    assert (first == second) is memoised


# --- the local rules of a request (regie.core.localrules) ---------------------------------


@pytest.mark.django_db
def test_local_rules_are_read_once_per_request_and_anew_in_the_next(
    world, django_assert_num_queries
):
    """Within a request every figure of a municipality comes from one query (the
    werkvoorraad asks six); the next request reads them again, so a changed rule is seen."""
    from regie.core.localrules import local_value, local_values, set_local_value

    muni = world.municipality
    set_local_value(muni, "melding_geen_aanbod_weken", 30, "test")
    outside = {
        name: local_values(name, [muni.pk])
        for name in ("melding_geen_aanbod_weken", "pip_termijn_na_huisvesting_weken")
    }
    with memo.request_memo():
        with django_assert_num_queries(1):
            inside = {
                name: local_values(name, [muni.pk])
                for name in ("melding_geen_aanbod_weken", "pip_termijn_na_huisvesting_weken")
            }
        assert inside == outside
        assert inside["melding_geen_aanbod_weken"] == {muni.pk: 30}
    set_local_value(muni, "melding_geen_aanbod_weken", 31, "test")
    with memo.request_memo():
        assert local_values("melding_geen_aanbod_weken", [muni.pk]) == {muni.pk: 31}
        fresh = type(muni).objects.get(pk=muni.pk)
        with django_assert_num_queries(0):
            assert local_value(fresh, "melding_geen_aanbod_weken") == 31


@pytest.mark.django_db
def test_local_values_outside_a_request_read_each_time(world, django_assert_num_queries):
    from regie.core.localrules import local_values, set_local_value

    muni = world.municipality
    set_local_value(muni, "melding_geen_aanbod_weken", 30, "test")
    with django_assert_num_queries(2):
        assert local_values("melding_geen_aanbod_weken", [muni.pk]) == {muni.pk: 30}
        assert local_values("melding_geen_aanbod_weken", [muni.pk]) == {muni.pk: 30}
