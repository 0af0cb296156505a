"""Issue 17, deliverable 8: no 500 on a hostile query string. Every query parameter a UI
page reads (found in the source by tests/security/get_parameters.py, so a new one fails
``test_every_query_key_a_view_reads_is_fuzzed`` until it is listed here) is requested by a
role that may open the page, with hypothesis-generated values: huge and negative numbers,
non-UUIDs, days that do not exist, unicode digits, NUL bytes, very long strings, repeated
keys and unknown keys. Bounded and derandomised, so CI sees the same cases every run;
REGIE_FUZZ_EXAMPLES raises the bound for a longer run by hand."""

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.core.access import PUBLIC, access_rule
from regie.core.roles import Role
from tests.core.test_access_matrix import (
    OTHER_USERS_PAGES,
    all_patterns,
    expected_status,
    url_for,
)
from tests.security.get_parameters import Found, query_keys_in_source, scan_source

AUDIT_FILTER = ["persoon", "inburgeraar", "username", "action", "date_from", "date_to"]
MONITORING_FILTER = ["gemeente", "cohort", "doelgroep", "leerroute", "aanbieder", "vanaf", "tot"]
PERSON_SEARCH = ["q", "status", "doelgroep", "regime", "mine", "sort", "page"]

# URL name -> the query keys its view reads.
QUERY_KEYS: dict[str, list[str]] = {
    "login": ["next"],
    "two_factor_verify": ["next"],
    "user_list": ["page"],
    "audit_log": [*AUDIT_FILTER, "page"],
    "audit_export": AUDIT_FILTER,
    "audit_export_xlsx": AUDIT_FILTER,
    "person_list": PERSON_SEARCH,
    "activity_list": ["thema", "route"],
    "timetable_list": ["thema", "route"],
    "person_enrol": ["activiteit"],
    "attendance_register": ["datum"],
    "weekprogramme_group": ["lesgroep", "batch"],
    "portal_home": ["q", "gemeente", "zonder_lesuren", "na", "voor", "pagina"],
    "betaalrun_list": ["gemeente", "maand"],
    "budget_overview": ["gemeente", "jaar"],
    "budget_xlsx": ["gemeente", "jaar"],
    "prognose": ["gemeente"],
    "prognose_xlsx": ["gemeente"],
    "finance_settings": ["gemeente"],
    "crediteuren": ["gemeente"],
    "financiering_add": ["gemeente"],
    "guidance_settings": ["gemeente"],
    "handhaving_figures": ["gemeente", "van", "tot"],
    "monitoring_dashboard": MONITORING_FILTER,
    "monitoring_cohorts": MONITORING_FILTER,
    "monitoring_process": MONITORING_FILTER,
    "monitoring_borging": MONITORING_FILTER,
    "monitoring_export": [*MONITORING_FILTER, "overzicht", "formaat"],
    "werkgever_list": ["soort"],
    # What the progress page's live region last said (regie.jobs.views.job_detail).
    "job_detail": ["gemeld"],
    "identity_provider_list": ["page"],
    "oidc_start": ["next"],
    "oidc_authentication_callback": ["state", "code", "error"],
}

HOSTILE = [
    "",
    "0",
    "-1",
    "1e9",
    "1.5",
    "9" * 30,
    "99999999999",
    str(2**63),
    "²",
    "١٢٣",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "2026-1",
    "2026-02",
    "geen-uuid",
    "12345678-1234-1234-1234-12345678901Z",
    "\x00",
    "1\x00",
    "a\x00b",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    "../../etc/passwd",
    "https://evil.example/phish",
    "//evil.example",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "NaN",
    "inf",
    "true",
    "x" * 10_000,
    "ß" * 3_000,
    "9" * 5_000,
]
# Valid-looking values, so the fuzz reaches the code behind the form checks too.
PLAUSIBLE = ["1", "2026-10-10", "2026-10", "2026", "on", "xlsx", "csv", "cohorten", "proces"]
PLAUSIBLE += ["-kennisgeving", "status", "asiel", "B1", "taal", "dashboard", "2"]


def values(world) -> st.SearchStrategy[str]:
    ids = [world.municipality.pk, world.other_municipality.pk, world.person.pk]
    ids += [world.stranger.pk, world.aanbieder.pk, world.users[Role.KLANTMANAGER].pk]
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(PLAUSIBLE + [str(i) for i in ids]),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.dates().map(lambda d: d.isoformat()),
        st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", fullmatch=True),
        st.text(st.characters(codec="utf-8"), max_size=30),
    )


def query(keys, value) -> st.SearchStrategy[dict]:
    """Some of ``keys`` (and now and then an unknown one), each once or repeated."""
    names = st.sampled_from([*keys, "onbekend"])
    return st.dictionaries(names, st.lists(value, min_size=1, max_size=3), max_size=len(keys) + 1)


def _pattern(name):
    return next(p for _, p in all_patterns() if p.name == name)


def role_for(name):
    """The first role that may open the page (None: a public page, asked anonymously); for
    a POST-only view (starting a job) the first that may use it."""
    rule = access_rule(_pattern(name).callback)
    if rule == PUBLIC:
        return None
    return next(r for r in Role if expected_status(name, rule, r) in (200, 405))


def _view_owner(pattern) -> tuple[str, str]:
    view = getattr(pattern.callback, "view_class", pattern.callback)
    return view.__module__, view.__name__


def test_every_query_key_a_view_reads_is_fuzzed():
    found = query_keys_in_source()
    assert found.unknown == [], "request.GET used in a way the scan does not recognise"
    urls_of: dict[tuple[str, str], list[str]] = {}
    for _, pattern in all_patterns():
        if pattern.name:
            urls_of.setdefault(_view_owner(pattern), []).append(pattern.name)
    missing = []
    for (module, function), keys in found.keys.items():
        if (module, function) in urls_of:  # a view: each of its URLs fuzzes every key
            for name in urls_of[(module, function)]:
                missing += [(name, k) for k in sorted(keys - set(QUERY_KEYS.get(name, [])))]
        else:  # a helper of the module's views: at least one of them fuzzes each key
            listed = {
                key
                for owner, names in urls_of.items()
                if owner[0] == module
                for name in names
                for key in QUERY_KEYS.get(name, [])
            }
            missing += [(f"{module}.{function}", k) for k in sorted(keys - listed)]
    assert missing == [], "add these to QUERY_KEYS"


def test_the_scan_finds_each_way_of_reading_the_query_string():
    source = """
def helper(request, name):
    return request.GET.get(name, "")

def view(request):
    if request.GET:
        form = SearchForm(request.GET or None)
    a = request.GET.get("a")
    b = request.GET["b"]
    c = request.GET.getlist("c")
    helper(request, "d")
    return request.GET.urlencode()

def sneaky(request):
    return "e" in request.GET, request.GET.items(), helper(request, key)
"""
    found = Found()
    scan_source(source, "regie.people.views", "x.py", found)
    assert found.keys == {
        ("regie.people.views", "view"): {"a", "b", "c", "d", *PERSON_SEARCH} - {"page"}
    }
    assert found.unknown == ["x.py:15", "x.py:15", "x.py:15"]  # "in", .items(), a variable key


def test_every_fuzzed_url_exists_and_has_a_role():
    for name in QUERY_KEYS:
        assert _pattern(name)
    assert role_for("person_list") == Role.KLANTMANAGER
    assert role_for("login") is None


FUZZ = settings(
    max_examples=int(os.environ.get("REGIE_FUZZ_EXAMPLES", 12)),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def page(world, client_for, name):
    """The page's URL and a client logged in as a role that may open it, made once per
    test rather than once per example."""
    if name in OTHER_USERS_PAGES:  # a job's page: fuzzed as the user who started it
        from regie.core.models import User

        url = url_for(name, world)
        return url, client_for(User.objects.get(username="eigenaar"))
    role = role_for(name)
    return url_for(name, world), client_for(world.users[role]) if role else Client()


@pytest.mark.parametrize("name", sorted(QUERY_KEYS))
@FUZZ
@given(data=st.data())
def test_no_server_error_on_a_hostile_query_string(world, page, name, data):
    url, client = page
    params = data.draw(query(QUERY_KEYS[name], values(world)), label="query")
    response = client.get(url, params)
    assert response.status_code < 500, (url, params)
