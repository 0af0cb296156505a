"""Error type for malformed planning instances.

Every problem found while reading an instance is reported as an ``InstanceError`` that
names the offending field by its path (for example ``newcomers[3].lat``), so that a
coordinator or the CLI can point at exactly what to fix.
"""

from __future__ import annotations


class InstanceError(ValueError):
    """A planning instance is malformed; ``field`` is the path of the offending field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")
