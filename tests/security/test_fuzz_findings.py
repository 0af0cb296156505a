"""Issue 17, deliverable 8: the 500s the fuzz tests (test_fuzz_ui.py, test_fuzz_api.py)
found, each pinned. All came from ``str.isdigit()``: it accepts "²" (which ``int()``
refuses) and ``int()`` refuses more than 4,300 digits."""

import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from regie.api.models import ApiToken
from regie.core.numbers import MAX_ID, whole_number
from regie.core.roles import Role
from regie.exchange.adapters.base import adapter
from regie.exchange.imports import import_lesuren
from regie.exchange.models import Lesuren
from tests.api.conftest import make_reports

HUGE = "9" * 5000
ODD = ["²", "١٢", HUGE, "-1", "1.0", " 1", ""]


def test_whole_number_takes_ascii_digits_up_to_the_maximum():
    assert whole_number("12") == 12
    assert whole_number(12) == 12
    assert whole_number(str(MAX_ID)) == MAX_ID
    assert whole_number(str(MAX_ID + 1)) is None
    assert whole_number("2026", maximum=9999) == 2026
    assert whole_number("10000", maximum=9999) is None
    for value in [*ODD, None, True, "1e3", "0x10"]:
        assert whole_number(value) is None, value


@pytest.mark.parametrize("value", ["²", HUGE])
def test_portal_paging_with_an_odd_boundary(world, client_for, value):
    client = client_for(world.users[Role.AANBIEDER])
    for key in ("na", "voor", "pagina"):
        response = client.get(reverse("portal_home"), {key: value})
        assert response.status_code == 200, key
        assert "Deelnemers" in response.content.decode()


@pytest.mark.parametrize("value", ["²", HUGE])
def test_payment_runs_with_an_odd_gemeente(world, client_for, value):
    client = client_for(world.users[Role.FINANCIEEL])
    response = client.get(reverse("betaalrun_list"), {"gemeente": value})
    assert response.status_code == 200
    assert "Betaalruns" in response.content.decode()


@pytest.mark.parametrize("value", ["²", HUGE, "99999999999", "0"])
def test_budget_and_forecast_with_an_odd_year(world, client_for, travel, value):
    travel("2026-10-10")
    client = client_for(world.users[Role.REGISSEUR])
    for name in ("budget_overview", "budget_xlsx"):
        response = client.get(reverse(name), {"jaar": value})
        assert response.status_code == 200, name
    page = client.get(reverse("budget_overview"), {"jaar": value})
    assert "2026" in page.content.decode()


@pytest.fixture
def token_client(settings):
    settings.REGIE_RATE_LIMIT_API = (0, 60)

    def make(user):
        _token, raw = ApiToken.issue(user, "test")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make


def test_api_retrieve_with_an_odd_id_is_a_404_problem(world, token_client):
    make_reports(world.person, world.aanbieder)
    client = token_client(world.users[Role.AANBIEDER])
    for value in ["²", HUGE]:
        response = client.get(f"/api/v1/lesuren/{value}")
        assert response.status_code == 404, value
        assert response["Content-Type"] == "application/problem+json"


def test_api_page_size_with_thousands_of_digits_is_a_400_problem(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = client.get("/api/v1/inburgeraars", {"pageSize": HUGE})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "pageSize"


@pytest.mark.parametrize("value", ["²", HUGE])
def test_api_body_with_an_odd_person_id_is_a_400_problem(world, token_client, value):
    make_reports(world.person, world.aanbieder)
    before = Lesuren.objects.count()
    body = {"inburgeraar": value, "maand": "2025-03-01", "urenAangeboden": "4"}
    body["urenAanwezig"] = "3"
    response = token_client(world.users[Role.AANBIEDER]).post(
        reverse("api-lesuren-list"), body, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["inburgeraar"]
    assert Lesuren.objects.count() == before


@pytest.mark.parametrize("value", ["²", HUGE])
def test_uploaded_hours_with_an_odd_person_id_report_the_row(world, value):
    text = f"inburgeraar;maand;uren_aangeboden;uren_aanwezig\n{value};2025-01;40;36\n"
    rows = adapter("lesuren").read_lesuren(io.BytesIO(text.encode()), "uren.csv")
    report = import_lesuren(world.users[Role.AANBIEDER], rows)
    assert not report.applied
    [row] = report.errors
    assert "onbekend of niet naar uw organisatie verwezen" in " ".join(row.messages)
    assert not Lesuren.objects.exists()


def test_a_post_to_an_unknown_api_path_with_a_session_is_a_404_problem(world):
    """Schemathesis: Django's HTML 403 (CSRF) page instead of the API's 404 problem+json."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.KLANTMANAGER])
    response = client.post("/api/v1/verwijzingen/0.5/accepteren", {"startdatum": "2026-01-01"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
