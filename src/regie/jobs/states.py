"""The life of a job, as an enum with its transition table (tests/jobs/test_states.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Bezig")
    DONE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


# A running job goes back to the queue when the worker retries it after a passing fault
# (a locked database, a lost connection); done and failed are final.
TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    JobState.QUEUED: frozenset({JobState.RUNNING, JobState.FAILED}),
    JobState.RUNNING: frozenset({JobState.DONE, JobState.FAILED, JobState.QUEUED}),
    JobState.DONE: frozenset(),
    JobState.FAILED: frozenset(),
}

ACTIVE = (JobState.QUEUED, JobState.RUNNING)


class TransitionError(ValueError):
    pass


def check_transition(current: str, new: str) -> None:
    if JobState(new) not in TRANSITIONS[JobState(current)]:
        raise TransitionError(f"{current} -> {new}")
