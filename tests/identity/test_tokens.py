"""The checks on what comes back from the provider, with real tokens from the real
provider (no browser: the provider's pages are driven with requests): a provider
configured with another issuer is refused, a callback cannot be replayed, and the
Dutch message and the audit log say what happened."""

import re
from urllib.parse import urlsplit

import pytest
import requests

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from tests.identity.conftest import make_provider

pytestmark = pytest.mark.django_db(transaction=True)

ACCOUNT = {
    "password": "pw",
    "claims": {"email": "k.smit@fijnder.example", "roles": ["regie-km"]},
}


def provider_round_trip(client, host, start_url, login="karin", password="pw"):  # noqa: S107
    """Regie's start page -> the provider's login page -> back: the callback path."""
    response = client.get(start_url, HTTP_HOST=host)
    assert response.status_code == 302
    browser = requests.Session()
    url = response["Location"]
    for _ in range(10):
        answer = browser.get(url, allow_redirects=False, timeout=10)
        if answer.status_code not in (302, 303):
            break
        url = requests.compat.urljoin(url, answer.headers["Location"])
    found = re.search(r'action="([^"]+)"', answer.text)
    assert found, (answer.status_code, answer.text[:500])
    action = found.group(1)
    answer = browser.post(
        requests.compat.urljoin(url, action),
        data={"login": login, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    url = requests.compat.urljoin(url, answer.headers["Location"])
    for _ in range(10):
        if f"//{host}/" in url:
            parts = urlsplit(url)
            return f"{parts.path}?{parts.query}"
        answer = browser.get(url, allow_redirects=False, timeout=10)
        url = requests.compat.urljoin(url, answer.headers["Location"])
    raise AssertionError("the provider did not send the browser back")


@pytest.fixture
def host(live_server):
    return urlsplit(live_server.url).netloc


def test_a_real_token_logs_in_once_and_its_callback_cannot_be_replayed(
    client, world, oidc_server, host
):
    make_provider(oidc_server, world.uitvoerder, {"regie-km": Role.KLANTMANAGER})
    oidc_server.set_accounts({"karin": ACCOUNT})
    callback = provider_round_trip(client, host, "/inloggen/via/fijnder/")
    response = client.get(callback, HTTP_HOST=host)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/", HTTP_HOST=host).status_code == 200

    client.logout()
    again = client.get(callback, HTTP_HOST=host, follow=True)
    assert "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw." in (
        again.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_an_id_token_from_another_issuer_is_refused(client, world, oidc_server, host):
    provider = make_provider(oidc_server, world.uitvoerder, {"regie-km": Role.KLANTMANAGER})
    provider.issuer = "https://login.elders.example"
    provider.save()
    oidc_server.set_accounts({"karin": ACCOUNT})
    callback = provider_round_trip(client, host, "/inloggen/via/fijnder/")
    response = client.get(callback, HTTP_HOST=host, follow=True)
    assert "Inloggen via Fijnder is niet gelukt. Probeer het opnieuw." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED,
        description="inloggen via fijnder mislukt: SuspiciousOperation",
    ).exists()


def test_a_wrong_client_secret_is_refused(client, world, oidc_server, host):
    provider = make_provider(oidc_server, world.uitvoerder, {"regie-km": Role.KLANTMANAGER})
    provider.client_secret = "niet-het-goede-secret"
    provider.save()
    oidc_server.set_accounts({"karin": ACCOUNT})
    callback = provider_round_trip(client, host, "/inloggen/via/fijnder/")
    response = client.get(callback, HTTP_HOST=host, follow=True)
    assert "Inloggen via Fijnder is niet gelukt." in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED, description__startswith="inloggen via fijnder mislukt"
    ).exists()
