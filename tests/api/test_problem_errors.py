"""Every API error is problem+json (issue 17, 8; schemathesis found HTML and plain
answers outside the contract): walk every operation in docs/openapi.yaml with a few wrong
requests (no credentials, wrong ids, wrong methods, wrong content types, bad bodies, bad
paging, an unacceptable Accept) and check every 4xx is ``application/problem+json`` with
a Dutch title, and nothing answers 5xx."""

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from regie.core.roles import Role
from regie.people.models import Verwijzing
from regie.plans.models import PIP
from regie.work.models import Plaatsing, Uitstroom
from tests.work.matrix import make_plek

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [(path, item) for path, item in SPEC["paths"].items()]
RESOURCE_RECORD = {
    "afschaalverzoeken": "api-afschaalverzoek",
    "afwezigheden": "api-afwezigheid",
    "examenresultaten": "api-examenresultaat",
    "lesuren": "api-lesuren",
    "voortgangsmetingen": "api-voortgangsmeting",
}
DUTCH_TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet acceptabel.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
}


def _ids(pair) -> dict[str, int]:
    """A real id per resource, so a wrong request is wrong for its own reason."""
    ids = {name: pair.records[basename] for name, basename in RESOURCE_RECORD.items()}
    ids["inburgeraars"] = pair.person.pk
    ids["pips"] = PIP.objects.filter(inburgeraar=pair.person).first().pk
    ids["verwijzingen"] = Verwijzing.objects.filter(inburgeraar=pair.person).first().pk
    plek = make_plek(pair.person.municipality)
    ids["plaatsingen"] = Plaatsing.objects.create(
        inburgeraar=pair.person, plek=plek, start=date(2026, 9, 1), hours_per_week=8
    ).pk
    ids["uitstroom"] = Uitstroom.objects.create(
        inburgeraar=pair.person, soort="verhuizing", datum=date(2026, 12, 1)
    ).pk
    return ids


def _url(path: str, ids: dict[str, int], id_value=None) -> str:
    resource = path.split("/")[3]
    return path.replace("{id}", str(id_value if id_value is not None else ids[resource]))


def _wrong_requests(path: str, item: dict, ids: dict[str, int]):
    """(label, method, url, kwargs) for the wrong requests of one path."""
    url = _url(path, ids)
    for method in METHODS:
        if method not in item:
            yield "method not allowed", method, url, {}
    if "{id}" in path:
        for bad in ("0.5", "abc", "-1", "9" * 30, "%00"):
            method = next(m for m in METHODS if m in item)
            yield f"id {bad}", method, _url(path, ids, bad), {}
    for method in METHODS:
        if method not in item:
            continue
        yield "unacceptable Accept", method, url, {"HTTP_ACCEPT": "application/xml"}
        if method == "get" and "{id}" not in path:
            for size in ("abc", "0", "100000", "-5"):
                yield f"pageSize {size}", "get", f"{url}?pageSize={size}", {}
        body = item[method].get("requestBody")
        if not body:
            continue
        content = body["content"]
        multipart = "multipart/form-data" in content and "application/json" not in content
        yield "text body", method, url, {"data": "hallo", "content_type": "text/plain"}
        yield "broken JSON", method, url, {"data": "{", "content_type": "application/json"}
        yield "JSON list", method, url, {"data": "[1, 2]", "content_type": "application/json"}
        deep = "[" * 2000 + "]" * 2000
        yield "deep JSON", method, url, {"data": deep, "content_type": "application/json"}
        yield (
            "form body",
            method,
            url,
            {"data": "a=1", "content_type": "application/x-www-form-urlencoded"},
        )
        yield (
            "XML body",
            method,
            url,
            {"data": "<a/>", "content_type": "application/xml"},
        )
        if multipart:
            yield "multipart without file", method, url, {"data": {"x": "1"}, "format": "multipart"}
            yield (
                "multipart with a broken file",
                method,
                url,
                {
                    "data": {"bestand": _file("uren.xlsx", b"PK not a workbook")},
                    "format": "multipart",
                },
            )
        else:
            yield "multipart body", method, url, {"data": {"x": "1"}, "format": "multipart"}
            yield "empty JSON object", method, url, {"data": {}, "format": "json"}


def _dutch(detail: str) -> bool:
    english = ("Unsupported", "Invalid", "Malformed", "not found", "JSON parse error")
    return bool(detail) and not any(word in detail for word in english)


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _problems(client, requests):
    """The wrong requests that answered outside the contract."""
    outside = []
    seen = set()
    for label, method, url, kwargs in requests:
        response = getattr(client, method)(url, **kwargs)
        status = response.status_code
        seen.add(status)
        where = f"{method.upper()} {url} ({label}): {status}"
        if status >= 500:
            outside.append(f"{where} server error")
            continue
        if status < 400:
            continue
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith("application/problem+json"):
            outside.append(f"{where} {content_type}")
            continue
        problem = json.loads(response.content)
        if problem.get("status") != status or problem.get("title") != DUTCH_TITLES.get(status):
            outside.append(f"{where} {problem}")
        elif status in (400, 415) and not _dutch(problem.get("detail", "")):
            outside.append(f"{where} not Dutch: {problem.get('detail')}")
    return outside, seen


@pytest.fixture
def callers(pairs, world, token_client):
    (by_org, _shared, _records) = pairs
    pair = by_org["Toptaal"]
    return pair, {
        "aanbieder": token_client(pair.user),
        "klantmanager": token_client(world.users[Role.KLANTMANAGER]),
    }


def test_every_operation_answers_problem_json_to_wrong_requests(callers):
    pair, clients = callers
    ids = _ids(pair)
    outside, seen = [], set()
    for name, client in clients.items():
        for path, item in OPERATIONS:
            found, statuses = _problems(client, _wrong_requests(path, item, ids))
            outside += [f"{name}: {line}" for line in found]
            seen |= statuses
    assert outside == []
    # The walk reached each kind of error it means to check.
    assert {400, 403, 404, 405, 406, 415} <= seen


def test_without_credentials_every_operation_is_a_problem(callers):
    pair, _ = callers
    ids = _ids(pair)
    anonymous = APIClient()
    outside = []
    for path, item in OPERATIONS:
        for method in METHODS:
            if method in item:
                response = getattr(anonymous, method)(_url(path, ids))
                content_type = response.headers.get("Content-Type", "")
                if response.status_code not in (401, 403) or not content_type.startswith(
                    "application/problem+json"
                ):
                    outside.append(f"{method} {path}: {response.status_code} {content_type}")
    assert outside == []


def test_a_session_post_without_csrf_is_a_problem(callers, world):
    pair, _ = callers
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users[Role.KLANTMANAGER])
    response = browser.post("/api/v1/lesuren", data="{}", content_type="application/json")
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "path", ["/api/v1/inburgeraars/0.5", "/api/v1/onbekend", "/api/", "/api/v2/x"]
)
def test_unknown_api_paths_are_problems(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert json.loads(response.content)["title"] == "Niet gevonden."


def test_the_api_rate_limit_answers_a_problem(client, db, settings):
    settings.REGIE_RATE_LIMIT_API = (1, 60)
    cache.clear()
    client.get("/api/v1/inburgeraars", HTTP_AUTHORIZATION="Token x")
    response = client.get("/api/v1/inburgeraars", HTTP_AUTHORIZATION="Token x")
    cache.clear()
    assert response.status_code == 429
    assert response.headers["Content-Type"].startswith("application/problem+json")
    problem = json.loads(response.content)
    assert problem["title"] == "Te veel verzoeken." and problem["status"] == 429
    assert response["Retry-After"] == "60"


def test_the_upload_report_of_a_refused_file_is_a_problem_with_the_rows(callers):
    pair, clients = callers
    response = clients["aanbieder"].post(
        "/api/v1/lesuren/upload",
        {"bestand": _file("uren.csv", b"inburgeraar;maand\n")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert body["status"] == 400 and body["toegepast"] is False
    assert "Kolommen ontbreken" in body["bestandsfout"]
