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
