"""Handhaving, bezwaar and beroep (issue 11)."""
