"""HTML to PDF, the one place Regie calls WeasyPrint: letters, beschikkingen, the payment
run's list, the week schedule and the AVG inzage all come through ``html_to_pdf``."""

from __future__ import annotations

import logging

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str, *, variant: str | None = None) -> bytes:
    """The PDF of ``html`` (a whole document with its own CSS). ``variant`` asks WeasyPrint
    for a PDF profile such as ``"pdf/ua-1"`` (tagged, for screen readers)."""
    return _render(html, variant)


def _render(html: str, variant: str | None) -> bytes:
    # Looked up at call time, so the test suite can keep renders of the same HTML
    # (tests/conftest.py: the demo is built some twenty times per run).
    from weasyprint import HTML

    if variant:
        return HTML(string=html).write_pdf(pdf_variant=variant)
    return HTML(string=html).write_pdf()
