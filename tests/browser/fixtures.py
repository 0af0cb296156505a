"""Playwright driving Debian's Chromium (/usr/bin/chromium), with axe-core for WCAG.

A pytest plugin (see tests/conftest.py), so browser tests of every app can use the
``browser`` and ``page`` fixtures and ``axe_violations``."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
# fixtures in the same thread are safe here (no concurrent access).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("REGIE_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "assets" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REGIE_SKIP_BROWSER") == "1":
            pytest.skip("REGIE_SKIP_BROWSER=1 and no Chromium")
        pytest.fail(f"No Chromium at {CHROMIUM}: run 'make browser' (Debian chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds on the current page."""
    # Evaluated through the DevTools protocol: the Content-Security-Policy forbids inline
    # script tags, and rightly so.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


class ConsoleErrors:
    """What the browser complained about while drawing: SVG attributes it could not parse
    ("Expected length, "260,0"") or would not accept ("A negative value is not valid")."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", self.on_console)

    def on_console(self, message):
        if message.type in ("error", "warning"):
            self.messages.append(message.text)

    def about_drawing(self) -> list[str]:
        words = ("attribute", "Expected", "negative value", "<rect>", "<line>", "<text>")
        return [m for m in self.messages if any(w in m for w in words)]


def chart_geometry(page) -> list[dict]:
    """Per chart on the page: its accessible name and the size of every bar and line the
    browser really drew, and any SVG attribute that is negative or not a plain number."""
    return page.evaluate(
        """() => [...document.querySelectorAll('svg.regie-chart')].map(svg => {
            const bad = [];
            for (const el of svg.querySelectorAll('rect, line, text')) {
                for (const name of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height']) {
                    const v = el.getAttribute(name);
                    if (v !== null && !/^[0-9]+(\\.[0-9]+)?$/.test(v)) bad.push(`${name}="${v}"`);
                }
            }
            const box = el => { const b = el.getBBox(); return {w: b.width, h: b.height}; };
            return {
                name: svg.getAttribute('aria-label')
                    || svg.querySelector('title')?.textContent || '',
                svg: box(svg),
                bars: [...svg.querySelectorAll(':scope > rect')].map(box),
                lines: [...svg.querySelectorAll(':scope > line')].map(box),
                bad,
            };
        })"""
    )
