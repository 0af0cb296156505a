"""Integraal weekprogramma: hand-made instances with a known optimum."""

from __future__ import annotations

import pytest

from regie.planning.errors import InstanceError
from regie.planning.io import parse_week
from regie.planning.week import check_week, clash_cliques, greedy_week, solve_week

from .test_support import example_week, participant, schedule, session, week

LIMIT = 10  # seconds; every instance here is proven optimal in milliseconds


def _solve(instance):
    out = solve_week(instance, time_limit_s=LIMIT)
    assert check_week(instance, out) == []
    assert out["optimal"] is True
    assert out["bound"] == out["objective"]
    return out


def test_planning_md_example_worked_out():
    """PLANNING.md §2's example: s1 (13:00–14:30) fits after taalles (until 12:00, plus 15
    minutes travel) inside 08:30–17:00 and covers 'sociaal netwerk'; no session offers
    'gezondheid'. Objective: 10 × 1 theme + min(8, 1.5) hours = 11.5."""
    instance = example_week()
    out = _solve(instance)
    assert out == {
        "schedules": [{
            "participant": "p1", "sessions": ["s1"], "hours": 1.5,
            "themes_covered": ["sociaal netwerk"], "themes_missing": ["gezondheid"],
            "missing_reason": {"gezondheid": "geen sessie met dit thema in het aanbod"},
        }],
        "objective": 11.5, "bound": 11.5, "optimal": True,
    }
    assert greedy_week(instance) == out


def test_travel_gap_to_busy_block_exactly_at_boundary():
    busy = [{"day": "ma", "start": "09:00", "end": "12:00", "what": "taalles"}]
    ok = week([participant("p1", busy=busy, themes_needed=["werk"])],
              [session("s1", "12:15", "13:00", themes=["werk"])])
    assert schedule(_solve(ok), "p1")["sessions"] == ["s1"]
    too_close = week([participant("p1", busy=busy, themes_needed=["werk"])],
                     [session("s1", "12:14", "13:00", themes=["werk"])])
    out = _solve(too_close)
    assert schedule(out, "p1")["sessions"] == []
    assert schedule(out, "p1")["missing_reason"] == {"werk": "botst met taalles"}
    # the gap counts before a busy block too
    before = week([participant("p1", busy=busy)], [session("s1", "08:00", "08:46")])
    assert schedule(_solve(before), "p1")["sessions"] == []


def test_travel_gap_between_sessions_exactly_at_boundary():
    ok = week([participant("p1")], [session("s1", "10:00", "11:00"),
                                     session("s2", "11:15", "12:00")])
    out = _solve(ok)
    assert schedule(out, "p1")["sessions"] == ["s1", "s2"]
    assert out["objective"] == 1.75
    close = week([participant("p1")], [session("s1", "10:00", "11:00"),
                                        session("s2", "11:14", "12:00")])
    out = _solve(close)
    assert schedule(out, "p1")["sessions"] == ["s1"]  # the longer one: 1 h against 46 min
    assert out["objective"] == 1.0
    zero = week([participant("p1")], [session("s1", "10:00", "11:00"),
                                       session("s2", "11:00", "12:00")], travel=0)
    assert schedule(_solve(zero), "p1")["sessions"] == ["s1", "s2"]


def test_max_hours_per_day():
    instance = week(
        [participant("p1", max_hours_per_day=2.0)],
        [session("s1", "09:00", "10:00"), session("s2", "10:30", "11:30"),
         session("s3", "12:00", "13:00"), session("s4", "09:00", "10:00", day="di")],
    )
    instance["participants"][0]["available"].append(
        {"day": "di", "start": "08:00", "end": "12:00"})
    out = _solve(instance)
    chosen = schedule(out, "p1")["sessions"]
    assert len([s for s in chosen if s != "s4"]) == 2 and "s4" in chosen
    assert out["objective"] == 3.0


def test_session_longer_than_day_limit_is_never_chosen():
    instance = week([participant("p1", max_hours_per_day=1.5, themes_needed=["werk"])],
                    [session("s1", "09:00", "11:00", themes=["werk"])])
    out = _solve(instance)
    assert schedule(out, "p1")["missing_reason"] == {
        "werk": "sessies duren langer dan max 1,5 uur per dag"}


def test_activity_at_most_once_per_week():
    instance = week(
        [participant("p1", themes_needed=["taal"], available=[
            {"day": "ma", "start": "08:00", "end": "22:00"},
            {"day": "di", "start": "08:00", "end": "22:00"}])],
        [session("s1", "09:00", "10:00", activity="kletsplek", themes=["taal"]),
         session("s2", "09:00", "11:00", day="di", activity="kletsplek", themes=["taal"])],
    )
    out = _solve(instance)
    assert schedule(out, "p1")["sessions"] == ["s2"]
    assert out["objective"] == 12.0  # 10 for taal + 2 hours


def test_hours_above_target_earn_nothing():
    instance = week(
        [participant("p1", hours_target=1.0, themes_needed=["werk"])],
        [session("s1", "09:00", "11:00", themes=["werk"]), session("s2", "13:00", "15:00")],
    )
    out = _solve(instance)
    sched = schedule(out, "p1")
    assert sched["themes_covered"] == ["werk"]
    # s2 adds hours above the target, which earn nothing: 10 + min(1, hours) = 11
    assert out["objective"] == 11.0
    assert sched["hours"] in (2.0, 4.0)


def test_theme_outweighs_hours():
    instance = week(
        [participant("p1", themes_needed=["gezondheid"], max_hours_per_day=3.0)],
        [session("s1", "09:00", "12:00"),
         session("s2", "10:00", "11:00", themes=["gezondheid"])],
    )
    out = _solve(instance)
    assert schedule(out, "p1")["sessions"] == ["s2"]
    assert out["objective"] == 11.0


def test_capacity_sends_the_flexible_participant_elsewhere():
    # p1 and p2 both need 'werk'; s1 has one seat; only p2 can also attend s2 (Tuesday).
    # The optimum covers both; greedy in input order gives s1 to p1 - and then s2 to p2.
    # Swapping the order of the participants shows greedy's weakness.
    both_days = [{"day": "ma", "start": "08:00", "end": "22:00"},
                 {"day": "di", "start": "08:00", "end": "22:00"}]
    instance = week(
        [participant("p2", themes_needed=["werk"], available=both_days),
         participant("p1", themes_needed=["werk"])],
        [session("s1", "09:00", "10:00", themes=["werk"], capacity=1),
         session("s2", "09:00", "10:00", day="di", themes=["werk"], capacity=1)],
    )
    out = _solve(instance)
    assert schedule(out, "p1")["sessions"] == ["s1"]
    assert schedule(out, "p2")["sessions"] == ["s2"]
    assert out["objective"] == 22.0
    greedy = greedy_week(instance)
    assert check_week(instance, greedy) == []
    assert greedy["objective"] <= out["objective"]


def test_full_session_reason():
    instance = week(
        [participant("p1", themes_needed=["werk"]), participant("p2", themes_needed=["werk"])],
        [session("s1", "09:00", "10:00", themes=["werk"], capacity=1)],
    )
    out = _solve(instance)
    assert out["objective"] == 11.0
    loser = next(s for s in out["schedules"] if not s["sessions"])
    assert loser["missing_reason"] == {"werk": "alle sessies vol"}


def test_route_and_availability_reasons():
    instance = week(
        [participant("p1", route="O", themes_needed=["werk"]),
         participant("p2", themes_needed=["opvoeding"],
                     available=[{"day": "ma", "start": "08:00", "end": "09:30"}])],
        [session("s1", "09:00", "10:00", themes=["werk"], routes=["B1", "Z"]),
         session("s2", "09:00", "10:00", themes=["opvoeding"])],
    )
    out = _solve(instance)
    assert schedule(out, "p1")["missing_reason"] == {
        "werk": "route past niet (sessies met dit thema zijn voor route B1, Z)"}
    assert schedule(out, "p2")["missing_reason"] == {
        "opvoeding": "geen sessie binnen beschikbaarheid"}
    assert out["objective"] == 0.0


def test_session_must_fit_in_one_window():
    # 09:00-11:00 spans two adjacent windows but lies wholly inside neither.
    instance = week(
        [participant("p1", available=[{"day": "ma", "start": "08:00", "end": "10:00"},
                                      {"day": "ma", "start": "10:00", "end": "12:00"}])],
        [session("s1", "09:00", "11:00")],
    )
    assert schedule(_solve(instance), "p1")["sessions"] == []


def test_fractional_target_is_exact():
    instance = week([participant("p1", hours_target=1.25)],
                    [session("s1", "09:00", "10:00"), session("s2", "10:15", "11:00")])
    out = _solve(instance)
    assert out["objective"] == 1.25


def test_clash_cliques_are_maximal():
    instance = week([participant("p1")], [
        session("a", "09:00", "10:00"), session("b", "09:30", "10:30"),
        session("c", "10:10", "11:00"), session("d", "11:10", "12:00"),
    ])
    # With 15 minutes travel a, b and c all clash (a ends 10:00 + 15 > 10:10), and c and d
    # clash (11:00 + 15 > 11:10); without travel only a-b and b-c overlap.
    sessions = list(parse_week(instance).sessions)
    assert sorted(clash_cliques(sessions, 15)) == [[0, 1, 2], [2, 3]]
    assert sorted(clash_cliques(sessions, 0)) == [[0, 1], [1, 2]]


def test_empty_instance():
    out = solve_week({"participants": [], "sessions": [], "travel_minutes": 0})
    assert out == {"schedules": [], "objective": 0.0, "bound": 0.0, "optimal": True}


def test_malformed_input_raises_instance_error():
    instance = example_week()
    instance["sessions"][0]["day"] = "maandag"
    with pytest.raises(InstanceError, match=r"sessions\[0\]\.day"):
        solve_week(instance)


def test_checker_finds_violations():
    instance = week(
        [participant("p1", max_hours_per_day=1.0,
                     busy=[{"day": "ma", "start": "12:00", "end": "13:00", "what": "werk"}])],
        [session("s1", "09:00", "10:00", capacity=0, activity="x"),
         session("s2", "10:05", "10:45", activity="x"),
         session("s3", "12:30", "13:00", routes=["Z"])],
    )
    bad = {"schedules": [{"participant": "p1", "sessions": ["s1", "s2", "s3"], "hours": 2.17,
                          "themes_covered": [], "themes_missing": [], "missing_reason": {}}],
           "objective": 2.17, "bound": 1.0, "optimal": True}
    problems = "\n".join(check_week(instance, bad))
    for expected in ("capaciteit 0", "activiteit x meer dan eens", "s1 en s2 botsen",
                     "route B1 niet toegestaan", "botst met werk", "uur op ma", "bound"):
        assert expected in problems


# --- docs/planning.md's additions: hours_max, times_per_week, busy blocks of an activity ---


def test_hours_max_is_a_hard_bound_even_for_themes():
    """Themes are worth 10 hours each, but never past hours_max: a person who can do 1,5
    hours a week gets one of two one-hour theme sessions, not both."""
    instance = week([participant("p1", hours_target=1.5, hours_max=1.5,
                                 themes_needed=["werk", "sport"])],
                    [session("s1", "10:00", "11:00", themes=["werk"]),
                     session("s2", "13:00", "14:00", themes=["sport"])])
    out = _solve(instance)
    chosen = schedule(out, "p1")
    assert len(chosen["sessions"]) == 1 and chosen["hours"] == 1.0
    assert out["objective"] == 11.0
    (reason,) = chosen["missing_reason"].values()
    assert "hoogstens 1,5 uur per week bereikt" in reason
    # Without hours_max (PLANNING.md as written) both are taken: 2 hours over the target.
    del instance["participants"][0]["hours_max"]
    assert schedule(_solve(instance), "p1")["hours"] == 2.0


def test_hours_max_zero_plans_nothing_and_says_why():
    instance = week([participant("p1", hours_max=0, themes_needed=["werk"])],
                    [session("s1", "10:00", "11:00", themes=["werk"])])
    chosen = schedule(_solve(instance), "p1")
    assert chosen["sessions"] == []
    assert chosen["missing_reason"] == {
        "werk": "sessies duren langer dan hoogstens 0 uur per week"}


def test_times_per_week_allows_a_second_session_only_when_meant():
    sessions = [session("s1", "10:00", "11:00", activity="kletsplek", themes=["taal"]),
                session("s2", "10:00", "11:00", day="do", activity="kletsplek")]
    person = participant("p1", available=[{"day": "ma", "start": "08:00", "end": "22:00"},
                                          {"day": "do", "start": "08:00", "end": "22:00"}])
    once = _solve(week([person], sessions))
    assert len(schedule(once, "p1")["sessions"]) == 1
    for s in sessions:
        s["times_per_week"] = 2
    twice = _solve(week([person], sessions))
    assert schedule(twice, "p1")["sessions"] == ["s1", "s2"]


def test_a_busy_block_of_an_activity_counts_towards_its_times():
    """An enrolment outside the plan (kletsplek on Monday) is passed as a busy block with
    its activity: the solver does not add the Thursday kletsplek as well."""
    busy = [{"day": "ma", "start": "10:00", "end": "11:00", "what": "Kletsplek",
             "activity": "kletsplek"}]
    person = participant("p1", busy=busy, themes_needed=["taal"],
                         available=[{"day": "do", "start": "08:00", "end": "22:00"}])
    instance = week([person], [session("s2", "10:00", "11:00", day="do", activity="kletsplek",
                                       themes=["taal"])])
    chosen = schedule(_solve(instance), "p1")
    assert chosen["sessions"] == []
    assert chosen["missing_reason"] == {"taal": "al ingeschreven voor kletsplek"}
    instance["sessions"][0]["times_per_week"] = 2
    assert schedule(_solve(instance), "p1")["sessions"] == ["s2"]


def test_checker_finds_the_additions_violated():
    busy = [{"day": "ma", "start": "08:00", "end": "09:00", "activity": "x"}]
    instance = week([participant("p1", hours_max=1.0, busy=busy)],
                    [session("s1", "10:00", "11:00", activity="x"),
                     session("s2", "12:00", "12:30", activity="y")])
    bad = {"schedules": [{"participant": "p1", "sessions": ["s1", "s2"], "hours": 1.5,
                          "themes_covered": [], "themes_missing": [], "missing_reason": {}}],
           "objective": 1.5, "bound": 1.5, "optimal": False}
    problems = "\n".join(check_week(instance, bad))
    assert "activiteit x meer dan eens per week" in problems
    assert "1,5 uur in de week, hoogstens 1" in problems


def test_additions_are_validated():
    instance = week([participant("p1", hours_max=200)], [])
    with pytest.raises(InstanceError, match=r"participants\[0\]\.hours_max"):
        parse_week(instance)
    instance = week([participant("p1")],
                    [session("s1", "10:00", "11:00", activity="x", times_per_week=2),
                     session("s2", "12:00", "13:00", activity="x")])
    with pytest.raises(InstanceError, match=r"sessions\[1\]\.times_per_week: verschilt"):
        parse_week(instance)
    instance["sessions"][1]["times_per_week"] = 0
    with pytest.raises(InstanceError, match=r"sessions\[1\]\.times_per_week"):
        parse_week(instance)
    instance = week([participant("p1", busy=[{"day": "ma", "start": "08:00", "end": "09:00",
                                              "activity": ""}])], [])
    with pytest.raises(InstanceError, match=r"busy\[0\]\.activity"):
        parse_week(instance)
