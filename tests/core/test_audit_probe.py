"""`make lint` runs pip-audit only when its vulnerability service answers, and says so
plainly when it does not (scripts/audit_probe.py; docs/operations.md)."""

import io
import json
import urllib.error
from pathlib import Path

from scripts import audit_probe

ROOT = Path(__file__).resolve().parents[2]


def answer(payload):
    def urlopen(request, timeout):
        assert timeout == audit_probe.TIMEOUT
        return io.BytesIO(json.dumps(payload).encode())

    return urlopen


def test_the_probe_asks_about_the_locked_django(monkeypatch):
    version = audit_probe.locked_version(ROOT / "requirements.lock")
    asked = []

    def urlopen(request, timeout):
        asked.append(request.full_url)
        return io.BytesIO(b'{"info": {}, "vulnerabilities": []}')

    monkeypatch.setattr(audit_probe.urllib.request, "urlopen", urlopen)
    assert audit_probe.probe("pypi", version) is None
    assert asked == [f"https://pypi.org/pypi/Django/{version}/json"]


def test_no_answer_is_never_read_as_reachable(monkeypatch):
    def unreachable(request, timeout):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(audit_probe.urllib.request, "urlopen", unreachable)
    assert audit_probe.probe("osv", "5.2") == (
        "https://api.osv.dev/v1/query not reachable (Name or service not known)"
    )

    def not_found(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)

    monkeypatch.setattr(audit_probe.urllib.request, "urlopen", not_found)
    assert audit_probe.probe("pypi", "5.2").endswith("answered HTTP 404")
    # A mirror answering something else than the JSON API does not count either.
    monkeypatch.setattr(audit_probe.urllib.request, "urlopen", answer({"info": {}}))
    assert audit_probe.probe("pypi", "5.2").endswith("answered without a vulnerabilities list")
    monkeypatch.setattr(audit_probe.urllib.request, "urlopen", answer({}))
    assert audit_probe.probe("osv", "5.2") is None


def test_lint_runs_the_audit_when_it_can():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "audit-if-reachable" in lint
    rule = makefile.split("\naudit-if-reachable:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/audit_probe.py" in rule and "$(MAKE) --no-print-directory audit" in rule
    assert "SKIPPED, NOTHING CHECKED" in rule and "AUDIT_REQUIRED" in rule
