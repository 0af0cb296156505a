"""A real OpenID provider for the login tests: panva's certified ``oidc-provider`` (npm,
tests/oidc/) run by node on a free port, with Regie's live test server as its client.
Skips only when node is missing; CI has node (``make install-test`` runs npm ci)."""

import json
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from time_machine import escape_hatch

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc"
CLIENT_ID = "regie-test"
CLIENT_SECRET = "regie-test-secret-not-for-production"
# Node with oidc-provider starts in about half a second on a quiet machine.
START_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clock_offset_ms() -> int:
    if not escape_hatch.is_travelling():
        return 0
    return round((time.time() - escape_hatch.time.time()) * 1000)


@dataclass
class OpenIDProvider:
    issuer: str
    accounts_file: Path

    def set_accounts(self, accounts: dict) -> None:
        """``{login: {"password": ..., "claims": {...}}}``; read at every login."""
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")

    def discovery(self) -> dict:
        return requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=5).json()


@pytest.fixture(scope="session")
def oidc_server(live_server, tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the OpenID provider of these tests runs on node")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("tests/oidc/node_modules is missing and npm is not installed")
        subprocess.run(  # noqa: S603 - fixed arguments
            [npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=PROVIDER_DIR, check=True
        )
    # Two tries: a free port can be taken between _free_port() and node's listen(), and a
    # machine busy with the rest of the suite may need longer than a quiet one to start node.
    failures = []
    for _attempt in range(2):
        try:
            server, process, log = _start_provider(node, live_server, tmp_path_factory)
            break
        except _NotStarted as why:
            failures.append(str(why))
    else:
        pytest.fail("the OpenID provider did not start:\n" + "\n---\n".join(failures))
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


class _NotStarted(Exception):
    """The provider did not answer; the message says why, with its output."""


def _start_provider(node, live_server, tmp_path_factory):
    """Start node on a free port and wait until it answers: (OpenIDProvider, process, log).
    Raises _NotStarted, with the process stopped, when it does not."""
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("oidc")
    accounts = folder / "accounts.json"
    accounts.write_text("{}", encoding="utf-8")
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "issuer": issuer,
                "port": port,
                "accounts": str(accounts),
                # The suite's clock may be moved (tests/clock.py): the provider follows.
                "clock_offset_ms": _clock_offset_ms(),
                "clients": [
                    {
                        "client_id": CLIENT_ID,
                        "client_secret": CLIENT_SECRET,
                        "redirect_uris": [f"{live_server.url}/inloggen/oidc/terug/"],
                        "post_logout_redirect_uris": [f"{live_server.url}/inloggen/"],
                        "token_endpoint_auth_method": "client_secret_post",
                        "grant_types": ["authorization_code"],
                        "response_types": ["code"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [node, str(PROVIDER_DIR / "provider.mjs"), str(config)],
        cwd=PROVIDER_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    started = time.monotonic()
    while True:
        try:
            requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5)
            return OpenIDProvider(issuer, accounts), process, log
        except requests.RequestException:
            waited = time.monotonic() - started
            if process.poll() is None and waited < START_TIMEOUT_S:
                time.sleep(0.2)
                continue
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
            why = f"no answer on port {port} after {START_TIMEOUT_S} s; stopped"
        else:
            why = f"node exited with code {process.returncode} after {waited:.1f} s"
        log.flush()
        output = (folder / "provider.log").read_text(encoding="utf-8")[-2000:]
        log.close()
        raise _NotStarted(f"{why}; its output: {output or '(none)'}")


def make_provider(server: OpenIDProvider, organisation, mapping: dict[str, str], **extra):
    """An IdentityProvider in Regie for ``organisation``, with the endpoints the real
    provider publishes (its discovery document)."""
    from regie.identity.models import IdentityProvider, RoleMapping

    found = server.discovery()
    provider = IdentityProvider(
        organisation=organisation,
        slug=extra.pop("slug", "fijnder"),
        issuer=found["issuer"],
        client_id=CLIENT_ID,
        authorization_endpoint=found["authorization_endpoint"],
        token_endpoint=found["token_endpoint"],
        userinfo_endpoint=found["userinfo_endpoint"],
        jwks_uri=found["jwks_uri"],
        end_session_endpoint=found.get("end_session_endpoint", ""),
        scopes="openid email profile roles",
        mfa_acr_values="urn:regie:test:mfa",
        **extra,
    )
    provider.client_secret = CLIENT_SECRET
    provider.save()
    provider.approved_municipalities.set(organisation.serves.all())
    for value, role in mapping.items():
        RoleMapping.objects.create(provider=provider, claim_value=value, role=role)
    return provider
