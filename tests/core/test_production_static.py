"""A real page with the production settings (issue 17, point 9; issue 16, point 1).

DEBUG off, ``collectstatic`` into a fresh STATIC_ROOT with the manifest storage
(CompressedManifestStaticFilesStorage, the default when DEBUG is off), whitenoise serving
from STATIC_ROOT without the finders. Settings are read once per process, so this runs in
a subprocess with the environment a production install has; the subprocess migrates an
SQLite database in a temporary folder, collects the static files, logs a klantmanager in
and reports what the pages and their static files answered. Before STATICFILES_DIRS every
page here answered 500 ("Missing staticfiles manifest entry")."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, re, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)

from tests.factories import (
    InburgeraarFactory, MunicipalityFactory, OrganisationFactory, UserFactory,
)
muni = MunicipalityFactory(name="Winterswijk", cbs_code="GM0294")
user = UserFactory(
    username="klantmanager", organisation=OrganisationFactory(serves=[muni]),
    roles=["klantmanager"],
)
person = InburgeraarFactory(municipality=muni, klantmanager=user, last_name="Haile")

report = {
    "debug": settings.DEBUG,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "use_finders": settings.WHITENOISE_USE_FINDERS,
    "pages": {},
    "static": {},
}
client = Client()


def visit(path):
    response = client.get(path, secure=True)
    html = response.content.decode()
    report["pages"][path] = {
        "status": response.status_code,
        "static": sorted(set(re.findall(r'/static/[^"\s]+', html))),
        "has_name": "Haile" in html,
    }
    for url in report["pages"][path]["static"]:
        if url not in report["static"]:
            asset = client.get(url, secure=True)
            body = b"".join(asset.streaming_content) if asset.streaming else asset.content
            report["static"][url] = {
                "status": asset.status_code,
                "type": asset.headers.get("Content-Type", ""),
                "bytes": len(body),
                "cache": asset.headers.get("Cache-Control", ""),
            }


visit("/inloggen/")
client.force_login(user)
for path in ("/", "/inburgeraars/", f"/inburgeraars/{person.pk}/"):
    visit(path)
print("REPORT" + json.dumps(report))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    data = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "STATIC_MANIFEST", "STATIC_ROOT", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="regie.settings",
        DEBUG="0",
        SECRET_KEY="production-test-key-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        REGIE_DATA_DIR=str(data),
        STATIC_ROOT=str(data / "static"),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("REPORT"))
    return json.loads(line.removeprefix("REPORT")), data


def test_production_settings_are_what_a_server_runs(production):
    report, data = production
    assert report["debug"] is False
    assert report["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert report["use_finders"] is False  # only what collectstatic wrote is served
    assert (data / "static" / "staticfiles.json").exists()


@pytest.mark.parametrize("path", ["/inloggen/", "/", "/inburgeraars/", "person"])
def test_pages_answer_200_with_hashed_static_names(production, path):
    report, _ = production
    if path == "person":
        path = next(p for p in report["pages"] if re.fullmatch(r"/inburgeraars/\d+/", p))
        assert report["pages"][path]["has_name"]  # the logged-in file page, not a redirect
    page = report["pages"][path]
    assert page["status"] == 200, page
    names = " ".join(page["static"])
    for stem, ext in (
        ("regie/regie", "css"),
        ("vendor/utrecht-components", "css"),
        ("vendor/htmx.min", "js"),
        ("regie/regie", "js"),
    ):
        assert re.search(rf"/static/{re.escape(stem)}\.[0-9a-f]{{12}}\.{ext}", names), (
            stem,
            page["static"],
        )


def test_whitenoise_serves_every_hashed_file_the_pages_reference(production):
    report, _ = production
    assert len(report["static"]) >= 4
    for url, asset in report["static"].items():
        assert asset["status"] == 200, (url, asset)
        assert asset["bytes"] > 0, url
        kind = "text/css" if url.endswith(".css") else "javascript"
        assert kind in asset["type"], (url, asset)
        # Hashed names never change content: browsers may keep them for a year.
        assert "max-age=315360000" in asset["cache"] or "immutable" in asset["cache"], asset
