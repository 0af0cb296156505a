"""What an operator expects of a release (issue 22 deliverable 5): the licence, the
security policy, publiccode.yml and a lock file that covers every dependency."""

import re
import runpy
import tomllib
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_licence_is_the_full_eupl_1_2_text():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert pyproject()["license"] == "EUPL-1.2"
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in text
    # All fifteen articles and the appendix of compatible licences.
    for number in range(1, 16):
        assert re.search(rf"^{number}\. \w", text, re.MULTILINE), number
    assert "Appendix" in text and "Compatible Licences" in text


def test_security_policy_says_how_to_report():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for heading in ("Supported versions", "Reporting a vulnerability", "What to expect"):
        assert f"## {heading}" in text


def test_publiccode_yml_has_the_required_keys_and_the_release_version():
    code = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    assert code["publiccodeYmlVersion"] == "0.4"
    for key in (
        "name", "url", "softwareVersion", "releaseDate", "platforms", "categories",
        "developmentStatus", "softwareType", "description", "legal", "maintenance",
        "localisation",
    ):
        assert key in code, key
    assert code["softwareVersion"] == pyproject()["version"]
    date.fromisoformat(str(code["releaseDate"]))
    assert code["platforms"] == ["web"]
    assert code["softwareType"] == "standalone/web"
    assert code["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert code["legal"]["license"] == "EUPL-1.2"
    assert code["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert code["maintenance"]["contacts"][0]["name"]
    assert code["localisation"]["availableLanguages"] == ["nl", "en"]
    assert {d["name"] for d in code["dependsOn"]["open"]} >= {"PostgreSQL", "Redis"}
    for language in ("nl", "en"):
        description = code["description"][language]
        assert description["shortDescription"] and len(description["shortDescription"]) <= 150
        assert len(description["longDescription"]) >= 150
        assert description["features"]


def test_the_lock_file_pins_every_dependency_of_regie_and_its_tests():
    """make install/install-test install with -c requirements.lock: a dependency missing
    from it would float. Rewrite it with make lock."""
    lock_lines = (ROOT / "requirements.lock").read_text().splitlines()
    pinned = {line.split("==")[0].lower() for line in lock_lines if "==" in line}
    closure = runpy.run_path(str(ROOT / "scripts" / "lock_requirements.py"))["closure"]
    needed = closure("regie", ("test",))
    assert set(needed) - {name.replace("_", "-").replace(".", "-") for name in pinned} == set()
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.+!-]+", line) for line in lock_lines
               if line and not line.startswith("#"))
