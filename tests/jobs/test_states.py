"""The job's states and their transition table."""

import pytest

from regie.jobs.states import TRANSITIONS, JobState, TransitionError, check_transition

ALLOWED = {
    (JobState.QUEUED, JobState.RUNNING),
    (JobState.QUEUED, JobState.FAILED),  # the broker could not be reached
    (JobState.RUNNING, JobState.DONE),
    (JobState.RUNNING, JobState.FAILED),
    (JobState.RUNNING, JobState.QUEUED),  # a passing fault: retried with back-off
}


@pytest.mark.parametrize("current", list(JobState))
@pytest.mark.parametrize("new", list(JobState))
def test_every_transition_is_allowed_or_refused_as_the_table_says(current, new):
    if (current, new) in ALLOWED:
        check_transition(current, new)
    else:
        with pytest.raises(TransitionError):
            check_transition(current, new)


def test_done_and_failed_are_final():
    assert TRANSITIONS[JobState.DONE] == frozenset()
    assert TRANSITIONS[JobState.FAILED] == frozenset()


def test_the_states_read_in_dutch():
    assert [s.label for s in JobState] == ["In de wachtrij", "Bezig", "Klaar", "Mislukt"]
