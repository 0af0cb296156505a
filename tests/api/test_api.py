"""The API's behaviour: tokens and sessions, problem+json errors with field details,
the referral flow, registering hours, the afschaalverzoek rule, paging with a constant
number of queries, and the audit log of reads."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from regie.api.models import ApiToken
from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from regie.exchange.models import Afschaalverzoek, Lesuren
from regie.people.models import Verwijzing
from tests.factories import (
    InburgeraarFactory,
    LesurenFactory,
    PIPFactory,
    PIPVersieFactory,
    VerwijzingFactory,
)


@pytest.fixture
def aanbieder(world):
    return world.users[Role.AANBIEDER]


def test_without_credentials_401_problem(world):
    response = APIClient().get(reverse("api-inburgeraar-list"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert "Token" in response["WWW-Authenticate"]


def test_wrong_revoked_or_expired_token_is_refused(world, aanbieder, token_client):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token abcdef12.nonsense")
    assert client.get(reverse("api-inburgeraar-list")).status_code == 401
    token, raw = ApiToken.issue(aanbieder, "t")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(reverse("api-inburgeraar-list")).status_code == 200
    token.expires_on = dt.date(2000, 1, 1)
    token.save()
    assert client.get(reverse("api-inburgeraar-list")).status_code == 401
    assert ApiToken.objects.filter(token_hash__contains=raw.split(".")[1]).count() == 0


def test_token_scopes_narrow_permissions(world, aanbieder, token_client):
    client = token_client(aanbieder, scopes="people.view")
    assert client.get(reverse("api-lesuren-list")).status_code == 200
    response = client.post(
        reverse("api-lesuren-list"),
        {
            "inburgeraar": world.person.pk,
            "maand": "2025-01-01",
            "urenAangeboden": 8,
            "urenAanwezig": 8,
        },
        format="json",
    )
    assert response.status_code == 403


def test_session_users_use_the_api_with_csrf(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    assert client.get(reverse("api-inburgeraar-list")).status_code == 200


def test_problem_json_names_every_bad_field(world, aanbieder, token_client):
    response = token_client(aanbieder).post(
        reverse("api-lesuren-list"),
        {"inburgeraar": world.person.pk, "maand": "geen datum", "urenAangeboden": -1},
        format="json",
    )
    assert response.status_code == 400
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert problem["status"] == 400 and problem["title"]
    names = {p["name"] for p in problem["invalidParams"]}
    assert names == {"maand", "urenAangeboden", "urenAanwezig"}


def test_hours_registered_then_corrected(world, aanbieder, token_client):
    client = token_client(aanbieder)
    body = {
        "inburgeraar": world.person.pk,
        "maand": "2025-03-17",
        "urenAangeboden": "40",
        "urenAanwezig": "30",
    }
    first = client.post(reverse("api-lesuren-list"), body, format="json")
    assert first.status_code == 201
    assert first.json()["maand"] == "2025-03-01"
    assert first.json()["aanwezigheidProcent"] == 75
    again = client.post(reverse("api-lesuren-list"), {**body, "urenAanwezig": "36"}, format="json")
    assert again.status_code == 200
    assert Lesuren.objects.get().uren_aanwezig == Decimal(36)
    too_many = client.post(
        reverse("api-lesuren-list"), {**body, "urenAanwezig": "41"}, format="json"
    )
    assert too_many.status_code == 400
    assert too_many.json()["invalidParams"][0]["name"] == "urenAanwezig"
    assert Lesuren.objects.get().uren_aanwezig == Decimal(36)


def test_afschalen_needs_600_lesuren(world, aanbieder, token_client):
    client = token_client(aanbieder)
    body = {
        "inburgeraar": world.person.pk,
        "onderdeel": "schrijven",
        "motivering": "Doet erg zijn best.",
    }
    LesurenFactory(
        inburgeraar=world.person, aanbieder=world.aanbieder, uren_aangeboden=200, uren_aanwezig=199
    )
    refused = client.post(reverse("api-afschaalverzoek-list"), body, format="json")
    assert refused.status_code == 400
    assert "600" in refused.json()["invalidParams"][0]["reason"]
    assert not Afschaalverzoek.objects.exists()
    LesurenFactory(
        inburgeraar=world.person, aanbieder=world.aanbieder, uren_aangeboden=200, uren_aanwezig=200
    )
    refused = client.post(reverse("api-afschaalverzoek-list"), body, format="json")
    assert refused.status_code == 400  # 399 hours
    for _ in range(2):
        LesurenFactory(
            inburgeraar=world.person,
            aanbieder=world.aanbieder,
            uren_aangeboden=200,
            uren_aanwezig=200,
        )
    accepted = client.post(reverse("api-afschaalverzoek-list"), body, format="json")
    assert accepted.status_code == 201, accepted.json()
    assert Decimal(accepted.json()["lesurenBijIndienen"]) == Decimal(799)
    assert accepted.json()["status"] == "ingediend"


@freeze_time("2026-11-20")
def test_referral_flow_through_the_api(world, aanbieder, token_client):
    km = world.users[Role.KLANTMANAGER]
    person = InburgeraarFactory(
        municipality=world.municipality, klantmanager=km, status="pip_vastgesteld"
    )
    pip = PIPFactory(inburgeraar=person)
    PIPVersieFactory(
        pip=pip, nummer=1, vastgesteld=True, aanbieder=world.aanbieder, lesuren_per_week=12
    )
    created = token_client(km).post(
        reverse("api-verwijzing-list"),
        {
            "inburgeraar": person.pk,
            "aanbieder": world.aanbieder.pk,
            "toelichting": "Maandag en woensdag.",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["status"], data["leerroute"], data["lesurenPerWeek"]) == (
        "aangevraagd",
        "b1",
        "12.0",
    )
    # The aanbieder now sees the person, and answers.
    client = token_client(aanbieder)
    assert client.get(reverse("api-inburgeraar-detail", args=[person.pk])).status_code == 200
    missing = client.post(
        reverse("api-verwijzing-accepteren", args=[data["id"]]), {}, format="json"
    )
    assert missing.status_code == 400
    assert missing.json()["invalidParams"][0]["name"] == "startdatum"
    ok = client.post(
        reverse("api-verwijzing-accepteren", args=[data["id"]]),
        {"startdatum": "2026-12-01"},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "geaccepteerd"
    person.refresh_from_db()
    assert person.status == "in_uitvoering"
    twice = client.post(
        reverse("api-verwijzing-afwijzen", args=[data["id"]]), {"reden": "vol"}, format="json"
    )
    assert twice.status_code == 400
    # The klantmanager may not answer for the aanbieder.
    refused = token_client(km).post(
        reverse("api-verwijzing-beeindigen", args=[data["id"]]),
        {"einddatum": "2026-11-20", "reden": "afgerond"},
        format="json",
    )
    assert refused.status_code == 403


def test_referral_needs_a_vastgesteld_pip(world, token_client):
    km = world.users[Role.KLANTMANAGER]
    person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
    response = token_client(km).post(
        reverse("api-verwijzing-list"),
        {"inburgeraar": person.pk, "aanbieder": world.aanbieder.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "PIP" in response.json()["invalidParams"][0]["reason"]
    assert not Verwijzing.objects.filter(inburgeraar=person).exists()


def _referred(world, n):
    for _ in range(n):
        person = InburgeraarFactory(municipality=world.municipality)
        VerwijzingFactory(inburgeraar=person, aanbieder=world.aanbieder)
        LesurenFactory(inburgeraar=person, aanbieder=world.aanbieder)


@pytest.mark.parametrize(
    "name", ["api-inburgeraar-list", "api-verwijzing-list", "api-lesuren-list"]
)
def test_lists_use_a_constant_number_of_queries(
    world, aanbieder, token_client, django_assert_max_num_queries, name
):
    client = token_client(aanbieder)
    _referred(world, 2)
    client.get(reverse(name))  # warm up (last_used_at)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    _referred(world, 25)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.json()["count"] >= 27
    assert len(many) == len(few)


def test_paging(world, aanbieder, token_client):
    _referred(world, 5)
    response = token_client(aanbieder).get(
        reverse("api-inburgeraar-list"), {"pageSize": 2, "page": 2}
    )
    body = response.json()
    assert len(body["results"]) == 2 and body["count"] == 6
    assert body["next"] and body["previous"]
    beyond = token_client(aanbieder).get(reverse("api-inburgeraar-list"), {"page": 99})
    assert beyond.status_code == 404
    assert beyond["Content-Type"] == "application/problem+json"


def test_reads_are_audit_logged_as_the_token_user(world, aanbieder, token_client):
    token_client(aanbieder).get(reverse("api-inburgeraar-detail", args=[world.person.pk]))
    event = AuditEvent.objects.filter(
        action=AuditAction.READ, inburgeraar_id=world.person.pk
    ).first()
    assert event is not None
    assert event.username == aanbieder.username
    assert "api-inburgeraar-detail" in event.route
    token_client(aanbieder).get(reverse("api-lesuren-list"))


def test_writes_are_audit_logged(world, aanbieder, token_client):
    token_client(aanbieder).post(
        reverse("api-afwezigheid-list"),
        {"inburgeraar": world.person.pk, "datum": "2025-01-06", "uren": "3", "reden": "ziek"},
        format="json",
    )
    event = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="afwezigheid").get()
    assert event.username == aanbieder.username


@pytest.mark.parametrize("depth", [40, 1100, 100_000])
def test_deeply_nested_json_is_a_400_problem(world, aanbieder, token_client, depth):
    """Issue 17, finding 10: a body nested 1,100 deep was a 500 (RecursionError)."""
    body = "[" * depth + "]" * depth
    before = Lesuren.objects.count()
    response = token_client(aanbieder).post(
        reverse("api-lesuren-list"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert "te diep genest" in problem["detail"]
    assert Lesuren.objects.count() == before


def test_an_invalid_page_size_is_a_400_problem(world, client_for):
    """Issue 17, point 8: not silently the default."""
    client = client_for(world.users[Role.KLANTMANAGER])
    for value in ("abc", "0", "201", "-5", "²"):
        response = client.get("/api/v1/inburgeraars", {"pageSize": value})
        assert response.status_code == 400, value
        assert response["Content-Type"] == "application/problem+json"
        [param] = response.json()["invalidParams"]
        assert param["name"] == "pageSize"
        assert "van 1 tot en met 200" in param["reason"]
    assert client.get("/api/v1/inburgeraars", {"pageSize": "2"}).status_code == 200


def test_an_unknown_api_path_is_a_404_problem(world, client_for):
    """Issue 17, point 8: an id like 0.5 gave the HTML 404 page of the web interface."""
    client = client_for(world.users[Role.KLANTMANAGER])
    for path in ("/api/v1/inburgeraars/0.5", "/api/v1/bestaat-niet"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404 and response.json()["instance"] == path
