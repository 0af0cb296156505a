"""The clock of a test run: run the whole suite as if it were another day.

Regie reads "today" only through ``django.utils.timezone`` (see docs/time.md). A test that
needs a particular day sets it itself with the ``travel`` fixture (time-machine); every
other test must hold on any day. To prove that, the suite can run with the clock moved:

    REGIE_TEST_NOW=2027-12-31T16:30 .venv/bin/pytest -q      # or: pytest --now=...

The moved clock ticks on from that moment (Europe/Amsterdam when no offset is given), for
Django, the database values Regie writes and everything else in the test process. The
browser's own clock is not moved: Regie's pages compute their dates on the server.
``make test-dates`` runs the suite at the days that stress the calendar.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse_moment(text: str) -> datetime:
    """'2028-02-29' or '2028-02-29T00:30' (Amsterdam time) or with an explicit offset."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        if len(text) <= 10:  # a day alone: the middle of a working day
            moment = moment.replace(hour=10)
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def pytest_addoption(parser):
    parser.addoption(
        "--now",
        default=os.environ.get("REGIE_TEST_NOW", ""),
        help="run the suite as if it were this moment (YYYY-MM-DD[THH:MM]), "
        "Europe/Amsterdam; also REGIE_TEST_NOW",
    )


_traveller: time_machine.travel | None = None


def pytest_configure(config):
    global _traveller
    text = config.getoption("--now")
    if not text:
        return
    _traveller = time_machine.travel(parse_moment(text), tick=True)
    _traveller.start()


def pytest_unconfigure(config):
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


def pytest_report_header(config):
    text = config.getoption("--now")
    if text:
        return f"clock moved: the suite runs as if it were {parse_moment(text).isoformat()}"
    return None


@pytest.fixture
def travel():
    """Set "today" for one test: ``travel("2026-09-15")`` (10:00 Amsterdam) or with a
    time. The clock ticks on from there; the test's end puts it back."""
    started: list[time_machine.travel] = []

    def to(when: str, *, tick: bool = True):
        traveller = time_machine.travel(parse_moment(when), tick=tick)
        traveller.start()
        started.append(traveller)
        return traveller

    yield to
    for traveller in reversed(started):
        traveller.stop()
