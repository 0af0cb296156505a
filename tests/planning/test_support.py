"""Builders for small planning instances shared by the planning tests (no tests here)."""

from __future__ import annotations

import copy
from typing import Any

EXAMPLE_MATCHING: dict[str, Any] = {
    "newcomers": [
        {"id": "n1", "languages": ["ar", "en"], "gender": "v", "wants_gender": "v",
         "lat": 51.97, "lon": 6.72, "interests": ["koken", "fietsen"],
         "availability": ["ma-avond", "za-ochtend"]}
    ],
    "volunteers": [
        {"id": "v1", "languages": ["nl", "ar"], "gender": "v", "wants_gender": None,
         "lat": 51.96, "lon": 6.70, "interests": ["koken"], "availability": ["ma-avond"],
         "capacity": 2, "max_km": 10}
    ],
}

EXAMPLE_WEEK: dict[str, Any] = {
    "participants": [
        {"id": "p1", "route": "Z", "hours_target": 8.0, "max_hours_per_day": 4.0,
         "themes_needed": ["gezondheid", "sociaal netwerk"],
         "available": [{"day": "ma", "start": "08:30", "end": "17:00"}],
         "busy": [{"day": "ma", "start": "09:00", "end": "12:00", "what": "taalles"}]}
    ],
    "sessions": [
        {"id": "s1", "activity": "kletsplek", "themes": ["taal", "sociaal netwerk"],
         "day": "ma", "start": "13:00", "end": "14:30", "capacity": 12, "routes": ["Z", "B1"]}
    ],
    "travel_minutes": 15,
}


def example_matching() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE_MATCHING)


def example_week() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE_WEEK)


def newcomer(nid: str, **over: Any) -> dict[str, Any]:
    base = {"id": nid, "languages": ["ar"], "gender": "m", "wants_gender": None,
            "lat": 52.0, "lon": 5.0, "interests": [], "availability": ["ma-avond"]}
    base.update(over)
    return base


def volunteer(vid: str, **over: Any) -> dict[str, Any]:
    base = {"id": vid, "languages": ["nl", "ar"], "gender": "v", "wants_gender": None,
            "lat": 52.0, "lon": 5.0, "interests": [], "availability": ["ma-avond"],
            "capacity": 1, "max_km": 10}
    base.update(over)
    return base


def participant(pid: str, **over: Any) -> dict[str, Any]:
    base = {"id": pid, "route": "B1", "hours_target": 8.0, "max_hours_per_day": 8.0,
            "themes_needed": [], "available": [{"day": "ma", "start": "08:00", "end": "22:00"}],
            "busy": []}
    base.update(over)
    return base


def session(sid: str, start: str, end: str, **over: Any) -> dict[str, Any]:
    base = {"id": sid, "activity": f"activiteit {sid}", "themes": [], "day": "ma",
            "start": start, "end": end, "capacity": 10, "routes": ["B1", "Z"]}
    base.update(over)
    return base


def week(participants: list[dict[str, Any]], sessions: list[dict[str, Any]],
         travel: int = 15) -> dict[str, Any]:
    return {"participants": participants, "sessions": sessions, "travel_minutes": travel}


def schedule(output: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(s for s in output["schedules"] if s["participant"] == pid)
