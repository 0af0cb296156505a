"""Bewaartermijnen as pure rules (regie.rules.retention)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.rules.retention import (
    TERMS,
    RecordType,
    due_record_types,
    is_due,
    latest_due_start,
    retention_end,
    statutory_maximum,
    term_years,
    validate_overrides,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def test_every_record_type_has_a_term_with_a_source():
    assert set(TERMS) == set(RecordType)
    for term in TERMS.values():
        assert term.source and term.description
        assert term.status in ("law", "check")
        # A figure not found in a primary source says so in its source text.
        assert (term.status == "check") == ("controleer" in term.source)


def test_term_is_the_same_day_years_later():
    assert retention_end(date(2020, 3, 15), 5) == date(2025, 3, 15)
    assert retention_end(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert not is_due(date(2020, 3, 15), 5, date(2025, 3, 14))
    assert is_due(date(2020, 3, 15), 5, date(2025, 3, 15))


def test_an_ongoing_trajectory_is_never_due():
    assert not is_due(None, 0, date(2100, 1, 1))
    assert due_record_types(None, date(2100, 1, 1)) == frozenset()


def test_overrides_and_the_statutory_floor():
    assert term_years(RecordType.DOSSIER, {"dossier": 3}) == 3
    assert term_years(RecordType.GEZONDHEID, {"gezondheid": 0}) == 0
    # The fiscal 7 years is law: a shorter configured term does not shorten it.
    assert term_years(RecordType.FINANCIEEL, {"financieel": 1}) == 7
    assert term_years(RecordType.FINANCIEEL, {"financieel": 10}) == 10
    with pytest.raises(ValueError):
        term_years(RecordType.DOSSIER, {"dossier": -1})


def test_the_file_is_kept_at_most_five_years_after_the_obligation_ends():
    """Besluit inburgering 2021 art. 9.9: at most five years — a ceiling, not a floor."""
    assert statutory_maximum(RecordType.DOSSIER) == 5
    # Health data are part of the file: not longer than the file either.
    assert statutory_maximum(RecordType.GEZONDHEID) == 5
    assert statutory_maximum(RecordType.FINANCIEEL) is None
    assert term_years(RecordType.DOSSIER, {"dossier": 10}) == 5
    assert term_years(RecordType.GEZONDHEID, {"gezondheid": 7}) == 5
    assert term_years(RecordType.DOSSIER, {"dossier": 5}) == 5


def test_a_configuration_the_law_does_not_allow_is_named():
    assert validate_overrides({"dossier": 5, "gezondheid": 2, "financieel": 7}) == []
    problems = validate_overrides(
        {"dossier": 6, "gezondheid": 8, "financieel": 3, "onbekend": 1, "auditlog": -1}
    )
    assert len(problems) == 5
    assert any("dossier=6" in p and "art. 9.9" in p for p in problems)
    assert any("gezondheid=8" in p and "art. 9.9" in p for p in problems)
    assert any("financieel=3" in p and "shorter" in p for p in problems)
    assert any("'onbekend'" in p for p in problems)
    assert any("auditlog=-1" in p for p in problems)


def test_regie_refuses_to_start_with_an_unlawful_term():
    import os
    import subprocess
    import sys

    env = {**os.environ, "RETENTION_YEARS": "dossier=10", "DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; "
            "os.environ['DJANGO_SETTINGS_MODULE']='regie.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "dossier=10" in result.stderr and "art. 9.9" in result.stderr


def test_health_goes_before_the_dossier():
    ended = date(2020, 1, 1)
    assert due_record_types(ended, date(2022, 1, 1)) == {RecordType.GEZONDHEID}
    assert due_record_types(ended, date(2025, 1, 1)) == {RecordType.GEZONDHEID, RecordType.DOSSIER}
    assert RecordType.FINANCIEEL in due_record_types(ended, date(2027, 1, 1))
    # The audit log's term runs per event, not per trajectory.
    assert RecordType.AUDITLOG not in due_record_types(ended, date(2100, 1, 1))


@given(start=days, years=st.integers(0, 30), today=days)
def test_latest_due_start_matches_is_due(start, years, today):
    assert is_due(start, years, today) == (start <= latest_due_start(today, years))


@given(start=days, years=st.integers(0, 30), today=days, later=st.integers(0, 4000))
def test_once_due_always_due(start, years, today, later):
    if is_due(start, years, today):
        assert is_due(start, years, today + timedelta(days=later))


@given(start=days, years=st.integers(0, 30))
def test_never_due_before_the_full_term(start, years):
    end = retention_end(start, years)
    assert end >= start + timedelta(days=365 * years)
    assert not is_due(start, years, end - timedelta(days=1))
