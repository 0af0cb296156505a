"""The browser fixtures live in tests/browser/fixtures.py, loaded for the whole suite by
tests/conftest.py; the helpers are re-exported here for older imports."""

from tests.browser.fixtures import AXE, WCAG_TAGS, axe_violations  # noqa: F401
