"""docs/performance.md cannot drift from the code: its table "Queries per page" is compared
with the queries every page of benchmarks/pages_bench.py does on generated data (the
counts do not depend on the size: a test per app asserts that; here the documented figure
is checked)."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from regie.core.models import User
from regie.demo.scale import ScaleBuilder

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Queries per page"


def documented_counts() -> dict[str, int]:
    text = DOC.read_text(encoding="utf-8")
    assert SECTION in text, f"docs/performance.md has no section '{SECTION}'"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return {name: int(n) for name, n in re.findall(r"^\| ([^|]+?) \| (\d+) \|", section, re.M)}


def pages_bench():
    spec = importlib.util.spec_from_file_location(
        "pages_bench", ROOT / "benchmarks" / "pages_bench.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_documented_query_counts_are_the_codes():
    ScaleBuilder(300).build()
    measured = {}
    clients: dict[str, Client] = {}
    for name, username, url in pages_bench().pages():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        clients[username].get(url)  # warm up, as the benchmark does
        with CaptureQueriesContext(connection) as ctx:
            response = clients[username].get(url)
        assert response.status_code == 200, url
        measured[name] = len(ctx.captured_queries)
    assert documented_counts() == measured, (
        "update the table 'Queries per page' in docs/performance.md (and say what changed)"
    )
