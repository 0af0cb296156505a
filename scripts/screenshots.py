"""Screenshots of Regie's pages as a role really sees them (docs/screenshots.md).

    python scripts/screenshots.py --role regisseur [--url /monitoring/ ...] [--out DIR]

Logs in as the demo account ``--role`` (password DEMO_PASSWORD or Regie-demo-2026) on a
running server (``--base``, default http://127.0.0.1:8765), then opens every ``--url`` or,
without one, the werkvoorraad, every link of the main menu and the first person file of
the caseload. Each page is saved twice, at 1366×768 and at 390 px wide (the full page), as
``DIR/<role>-<page>-<width>.png``. The script also lists what a person would stumble over:
requests for styles, scripts or fonts that fail, and elements wider than the window
(horizontal overflow) — printed per page.

The beheerder must give a two-factor code: ``--code 123456``, or the script asks
``regie demo --code`` (DEBUG only) with the same environment.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("REGIE_CHROMIUM", "/usr/bin/chromium")
WIDTHS = ((1366, 768), (390, 844))
ASSET_TYPES = {"stylesheet", "script", "font"}

# Elements that stick out of the window, unless they sit in a box that scrolls sideways
# inside the window (a table scrolling inside its card is the intended layout).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      const inside = p.getBoundingClientRect().right <= width + 1;
      if ((o === 'auto' || o === 'scroll') && inside) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && !scrolls(el)) {
      const cls = el.className ? '.' + String(el.className).split(' ')[0] : '';
      out.push(el.tagName.toLowerCase() + cls + ' right=' + Math.round(r.right));
    }
  }
  return [...new Set(out)].slice(0, 8);
}"""


def demo_code() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "django", "demo", "--code", "--settings=regie.settings"],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.search(r"\b(\d{6})\b", result.stdout).group(1)


def login(page, base: str, role: str, password: str, code: str | None) -> None:
    page.goto(urljoin(base, "/inloggen/"))
    page.get_by_label("Gebruikersnaam").fill(role)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/inloggen/code/" in page.url:
        page.get_by_label("Code").fill(code or demo_code())
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state()
    if "/inloggen/" in page.url:
        raise SystemExit(f"Inloggen als {role} is mislukt ({page.url}).")


def pages_of(page, base: str) -> list[str]:
    """The werkvoorraad, each menu link and the first person file of the caseload."""
    page.goto(urljoin(base, "/"))
    urls = ["/"] + [link.get_attribute("href") for link in page.locator("nav.regie-nav a").all()]
    urls = list(dict.fromkeys(u for u in urls if u))
    if "/inburgeraars/" in urls:
        page.goto(urljoin(base, "/inburgeraars/"))
        first = page.locator("main table a[href^='/inburgeraars/']").first
        if first.count():
            urls.append(first.get_attribute("href"))
    return urls


def slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", required=True, help="demo user name, e.g. regisseur")
    parser.add_argument("--url", action="append", default=[], help="path to open (repeat)")
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "Regie-demo-2026"))
    parser.add_argument("--code", help="two-factor code (beheerder)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 768})
        page = context.new_page()
        failures: list[str] = []
        page.on(
            "response",
            lambda r: (
                r.request.resource_type in ASSET_TYPES
                and r.status >= 400
                and failures.append(f"{r.status} {r.url}")
            ),
        )
        page.on(
            "requestfailed",
            lambda r: r.resource_type in ASSET_TYPES and failures.append(f"failed {r.url}"),
        )
        login(page, args.base, args.role, args.password, args.code)
        for url in args.url or pages_of(page, args.base):
            for width, height in WIDTHS:
                failures.clear()
                page.set_viewport_size({"width": width, "height": height})
                page.goto(urljoin(args.base, url))
                page.wait_for_load_state("networkidle")
                path = out / f"{args.role}-{slug(url)}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                overflow = page.evaluate(OVERFLOW_JS)
                notes = failures + [f"breder dan het venster: {o}" for o in overflow]
                print(f"{path}  {url}" + "".join(f"\n    ! {n}" for n in notes))
        browser.close()


if __name__ == "__main__":
    main()
