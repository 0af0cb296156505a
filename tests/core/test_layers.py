"""The layers of docs/architecture.md hold in the code: the platform (regie.core) and the
pure core (regie.rules, regie.planning) never import a domain app."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"
DOMAIN_APPS = {
    "people",
    "intake",
    "plans",
    "finance",
    "guidance",
    "activities",
    "enforcement",
    "exchange",
    "monitoring",
    "api",
    "demo",
}


def imported_regie_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "regie" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_the_platform_and_the_pure_core_import_no_domain_app():
    offenders = {}
    for layer in ("core", "rules", "planning"):
        for path in (SRC / layer).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            wrong = imported_regie_apps(path) & DOMAIN_APPS
            if wrong:
                offenders[str(path.relative_to(SRC))] = sorted(wrong)
    assert offenders == {}


def test_the_scan_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from regie.people.models import Inburgeraar\n")
    assert imported_regie_apps(module) == {"people"}
