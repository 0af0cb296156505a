"""What may run in the background. A domain app declares each kind in its ``jobs.py``:

    @job_kind("monitoring_export", Permission.FIGURES_VIEW, label=..., retry_safe=True)
    def monitoring_export(ctx: JobContext) -> JobResult: ...

The function gets the job's parameters, the user who started it (run with that user's
scope: every query goes through ``for_user(ctx.user)`` or the user's served
municipalities, as in the page) and ``ctx.progress(percent, step)``. It returns the file
to offer for download, or raises ``JobError`` with a Dutch message for the user. A kind
that changes data does so in one transaction, so a failure leaves nothing half done.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from regie.core.roles import Permission


class JobError(Exception):
    """A failure the user should read (Dutch, no internals). ``problems`` lists every
    problem found (each bad row of an import), shown on the job's page under the error."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


@dataclass
class JobResult:
    """A file to download, or (``link``) the page where the result is."""

    content: bytes = b""
    filename: str = ""
    content_type: str = ""
    summary: str = ""
    link: str = ""
    link_text: str = ""


@dataclass
class JobContext:
    user: object
    params: dict
    report: Callable[[int, str], None] = field(repr=False)

    def progress(self, percent: float, step: str = "") -> None:
        self.report(max(0, min(99, int(percent))), step)

    @contextlib.contextmanager
    def ticking(self, start: float, end: float, seconds: float, step: str):
        """For work that cannot report itself (a solver with a time limit): move the bar
        from ``start`` towards ``end`` as the expected ``seconds`` pass."""
        stop = threading.Event()
        began = time.monotonic()

        def tick():
            from django.db import connection

            try:
                while not stop.wait(1.0):
                    share = min(1.0, (time.monotonic() - began) / max(seconds, 1))
                    self.progress(start + (end - start) * share, step)
            finally:
                connection.close()

        self.progress(start, step)
        thread = threading.Thread(target=tick, name="job-progress", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=5)


@dataclass(frozen=True)
class JobKind:
    kind: str
    permission: Permission
    label: Callable[[dict], str]
    run: Callable[[JobContext], JobResult]
    # Safe to run again after a passing fault (reads only, or writes in one transaction
    # that either happened entirely or not at all).
    retry_safe: bool = True
    # Run the kind and mark the job done in one transaction: what the kind changes (DUO
    # meldingen marked as reported) is committed only together with the file that
    # reports it. Its progress is then seen only at the end.
    atomic: bool = False


KINDS: dict[str, JobKind] = {}


def job_kind(
    kind: str, permission: Permission, *, label, retry_safe: bool = True, atomic: bool = False
):
    def decorator(run):
        KINDS[kind] = JobKind(kind, permission, label, run, retry_safe, atomic)
        return run

    return decorator


def get(kind: str) -> JobKind | None:
    return KINDS.get(kind)
