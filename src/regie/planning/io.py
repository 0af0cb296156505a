"""Reading and validating the JSON planning instances described in PLANNING.md.

Both solvers work on the typed records built here instead of raw dicts, so every check on
the input lives in one place: required fields, types, value ranges, "HH:MM" times, the day
names ``ma di wo do vr za zo`` and duplicate ids. Anything malformed or unknown raises an
``InstanceError`` whose ``field`` is the path of the offending value, e.g.
``newcomers[3].lat`` or ``participants[0].available[1].end``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from regie.planning.errors import InstanceError

DAYS: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")
# Availability slots for matching are "<dag>-<dagdeel>"; a typo such as "ma-avnd" would
# silently never match anyone, so the parts of the day are validated too.
DAYPARTS: tuple[str, ...] = ("ochtend", "middag", "avond")
GENDERS: tuple[str, ...] = ("m", "v", "x")

_TIME_RE = re.compile(r"^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Newcomer:
    """A statushouder looking for a maatje."""

    id: str
    languages: tuple[str, ...]
    gender: str
    wants_gender: str | None
    lat: float
    lon: float
    interests: tuple[str, ...]
    availability: tuple[str, ...]


@dataclass(frozen=True)
class Volunteer:
    """A volunteer who can be maatje for up to ``capacity`` newcomers."""

    id: str
    languages: tuple[str, ...]
    gender: str
    wants_gender: str | None
    lat: float
    lon: float
    interests: tuple[str, ...]
    availability: tuple[str, ...]
    capacity: int
    max_km: float


@dataclass(frozen=True)
class MatchingInstance:
    """A parsed maatje-matching instance (PLANNING.md §1)."""

    newcomers: tuple[Newcomer, ...]
    volunteers: tuple[Volunteer, ...]


@dataclass(frozen=True)
class Window:
    """A time block on one day, in minutes since midnight; ``what`` only for busy blocks."""

    day: str
    start: int
    end: int
    what: str = ""
    activity: str = ""  # busy blocks only: the activity this block is a session of


@dataclass(frozen=True)
class Participant:
    """An inburgeraar whose weekly programme is planned."""

    id: str
    route: str
    hours_target: float
    max_hours_per_day: float
    themes_needed: tuple[str, ...]
    available: tuple[Window, ...]
    busy: tuple[Window, ...]
    hours_max: float | None = None  # hard upper bound on chosen hours (an addition)


@dataclass(frozen=True)
class Session:
    """One session of an activity in the week."""

    id: str
    activity: str
    themes: tuple[str, ...]
    day: str
    start: int
    end: int
    capacity: int
    routes: tuple[str, ...]
    times_per_week: int = 1  # how often one participant may attend the activity (addition)

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class WeekInstance:
    """A parsed integraal-weekprogramma instance (PLANNING.md §2)."""

    participants: tuple[Participant, ...]
    sessions: tuple[Session, ...]
    travel_minutes: int


# --------------------------------------------------------------------------- field readers


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(path, "moet een JSON-object zijn")
    return value


def _fields(
    obj: dict[str, Any], path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> None:
    """Reject missing and unknown keys, so a misspelt field never goes unnoticed."""
    for key in obj:
        if key not in required and key not in optional:
            raise InstanceError(_join(path, str(key)), "onbekend veld")
    for key in required:
        if key not in obj:
            raise InstanceError(_join(path, key), "verplicht veld ontbreekt")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _str(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InstanceError(path, "moet een niet-lege tekst zijn")
    return value


def _str_list(value: Any, path: str) -> tuple[str, ...]:
    """A list of non-empty strings; duplicates are dropped because every rule uses sets."""
    if not isinstance(value, list):
        raise InstanceError(path, "moet een lijst van teksten zijn")
    seen: dict[str, None] = {}
    for i, item in enumerate(value):
        seen[_str(item, f"{path}[{i}]")] = None
    return tuple(seen)


def _number(value: Any, path: str, low: float | None = None, high: float | None = None) -> float:
    # bool is a subclass of int in Python, but `true` is never a sensible number here.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InstanceError(path, "moet een getal zijn")
    number = float(value)
    if not math.isfinite(number):
        raise InstanceError(path, "moet een eindig getal zijn")
    if low is not None and number < low:
        raise InstanceError(path, f"moet minstens {low:g} zijn")
    if high is not None and number > high:
        raise InstanceError(path, f"mag hoogstens {high:g} zijn")
    return number


def _int(value: Any, path: str, low: int = 0) -> int:
    if isinstance(value, bool):
        raise InstanceError(path, "moet een geheel getal zijn")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise InstanceError(path, "moet een geheel getal zijn")
    if value < low:
        raise InstanceError(path, f"moet minstens {low} zijn")
    return value


def _gender(value: Any, path: str, nullable: bool) -> str | None:
    if value is None and nullable:
        return None
    if value not in GENDERS:
        allowed = '"m", "v", "x"' + (" of null" if nullable else "")
        raise InstanceError(path, f"moet {allowed} zijn, niet {value!r}")
    return value


def _day(value: Any, path: str) -> str:
    if value not in DAYS:
        raise InstanceError(path, f"moet een dag zijn ({' '.join(DAYS)}), niet {value!r}")
    return value


def parse_time(value: Any, path: str) -> int:
    """Minutes since midnight for an "HH:MM" string (00:00 .. 24:00)."""
    if not isinstance(value, str):
        raise InstanceError(path, 'moet een tijd "HH:MM" zijn')
    match = _TIME_RE.match(value)
    if not match:
        raise InstanceError(path, f'moet een tijd "HH:MM" zijn, niet {value!r}')
    if value == "24:00":
        return 24 * 60
    return int(match.group(1)) * 60 + int(match.group(2))


def format_time(minutes: int) -> str:
    """The "HH:MM" string for minutes since midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _slots(value: Any, path: str) -> tuple[str, ...]:
    slots = _str_list(value, path)
    for i, slot in enumerate(slots):
        day, _, part = slot.partition("-")
        if day not in DAYS or part not in DAYPARTS:
            raise InstanceError(
                f"{path}[{i}]",
                f"moet dag-dagdeel zijn zoals 'ma-avond' (dagdelen: {', '.join(DAYPARTS)}),"
                f" niet {slot!r}",
            )
    return slots


def _window(value: Any, path: str, busy: bool) -> Window:
    obj = _obj(value, path)
    _fields(obj, path, ("day", "start", "end"), ("what", "activity") if busy else ())
    day = _day(obj["day"], f"{path}.day")
    start = parse_time(obj["start"], f"{path}.start")
    end = parse_time(obj["end"], f"{path}.end")
    if end <= start:
        raise InstanceError(f"{path}.end", "moet later zijn dan start")
    what = _str(obj["what"], f"{path}.what") if busy and "what" in obj else ""
    activity = _str(obj["activity"], f"{path}.activity") if busy and "activity" in obj else ""
    # A busy block without a description still needs a name in Dutch reasons.
    return Window(day, start, end, what or ("afspraak" if busy else ""), activity)


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(path, "moet een lijst zijn")
    return value


def _unique_ids(items: list[Any], path: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise InstanceError(f"{path}[{i}].id", f"dubbele id {item.id!r}")
        seen.add(item.id)


# --------------------------------------------------------------------------- instances

_PERSON_FIELDS = ("id", "languages", "gender", "wants_gender", "lat", "lon", "interests",
                  "availability")


def _person(obj: dict[str, Any], path: str) -> dict[str, Any]:
    return {
        "id": _str(obj["id"], f"{path}.id"),
        "languages": _str_list(obj["languages"], f"{path}.languages"),
        "gender": _gender(obj["gender"], f"{path}.gender", nullable=False),
        "wants_gender": _gender(obj["wants_gender"], f"{path}.wants_gender", nullable=True),
        "lat": _number(obj["lat"], f"{path}.lat", -90.0, 90.0),
        "lon": _number(obj["lon"], f"{path}.lon", -180.0, 180.0),
        "interests": _str_list(obj["interests"], f"{path}.interests"),
        "availability": _slots(obj["availability"], f"{path}.availability"),
    }


def parse_matching(instance: Any) -> MatchingInstance:
    """Validate a maatje-matching instance and return its typed form."""
    root = _obj(instance, "instance")
    _fields(root, "", ("newcomers", "volunteers"))
    newcomers = []
    for i, raw in enumerate(_list(root["newcomers"], "newcomers")):
        path = f"newcomers[{i}]"
        obj = _obj(raw, path)
        _fields(obj, path, _PERSON_FIELDS)
        newcomers.append(Newcomer(**_person(obj, path)))
    volunteers = []
    for i, raw in enumerate(_list(root["volunteers"], "volunteers")):
        path = f"volunteers[{i}]"
        obj = _obj(raw, path)
        _fields(obj, path, _PERSON_FIELDS + ("capacity", "max_km"))
        volunteers.append(
            Volunteer(
                **_person(obj, path),
                capacity=_int(obj["capacity"], f"{path}.capacity"),
                max_km=_number(obj["max_km"], f"{path}.max_km", 0.0),
            )
        )
    _unique_ids(newcomers, "newcomers")
    _unique_ids(volunteers, "volunteers")
    return MatchingInstance(tuple(newcomers), tuple(volunteers))


def parse_week(instance: Any) -> WeekInstance:
    """Validate an integraal-weekprogramma instance and return its typed form."""
    root = _obj(instance, "instance")
    _fields(root, "", ("participants", "sessions", "travel_minutes"))
    participants = []
    for i, raw in enumerate(_list(root["participants"], "participants")):
        path = f"participants[{i}]"
        obj = _obj(raw, path)
        _fields(obj, path, ("id", "route", "hours_target", "max_hours_per_day",
                            "themes_needed", "available", "busy"), ("hours_max",))
        participants.append(
            Participant(
                id=_str(obj["id"], f"{path}.id"),
                route=_str(obj["route"], f"{path}.route"),
                hours_target=_number(obj["hours_target"], f"{path}.hours_target", 0.0, 168.0),
                max_hours_per_day=_number(
                    obj["max_hours_per_day"], f"{path}.max_hours_per_day", 0.0, 24.0
                ),
                themes_needed=_str_list(obj["themes_needed"], f"{path}.themes_needed"),
                available=tuple(
                    _window(w, f"{path}.available[{j}]", busy=False)
                    for j, w in enumerate(_list(obj["available"], f"{path}.available"))
                ),
                busy=tuple(
                    _window(w, f"{path}.busy[{j}]", busy=True)
                    for j, w in enumerate(_list(obj["busy"], f"{path}.busy"))
                ),
                hours_max=(
                    None
                    if obj.get("hours_max") is None
                    else _number(obj["hours_max"], f"{path}.hours_max", 0.0, 168.0)
                ),
            )
        )
    sessions = []
    times: dict[str, int] = {}
    for i, raw in enumerate(_list(root["sessions"], "sessions")):
        path = f"sessions[{i}]"
        obj = _obj(raw, path)
        _fields(obj, path, ("id", "activity", "themes", "day", "start", "end", "capacity",
                            "routes"), ("times_per_week",))
        start = parse_time(obj["start"], f"{path}.start")
        end = parse_time(obj["end"], f"{path}.end")
        if end <= start:
            raise InstanceError(f"{path}.end", "moet later zijn dan start")
        sessions.append(
            Session(
                id=_str(obj["id"], f"{path}.id"),
                activity=_str(obj["activity"], f"{path}.activity"),
                themes=_str_list(obj["themes"], f"{path}.themes"),
                day=_day(obj["day"], f"{path}.day"),
                start=start,
                end=end,
                capacity=_int(obj["capacity"], f"{path}.capacity"),
                routes=_str_list(obj["routes"], f"{path}.routes"),
                times_per_week=_int(obj.get("times_per_week", 1), f"{path}.times_per_week", 1),
            )
        )
        first = times.setdefault(sessions[-1].activity, sessions[-1].times_per_week)
        if first != sessions[-1].times_per_week:
            raise InstanceError(
                f"{path}.times_per_week",
                f"verschilt van andere sessies van activiteit {sessions[-1].activity!r} ({first})",
            )
    _unique_ids(participants, "participants")
    _unique_ids(sessions, "sessions")
    travel = _int(root["travel_minutes"], "travel_minutes")
    if travel > 24 * 60:
        raise InstanceError("travel_minutes", "mag hoogstens 1440 zijn")
    return WeekInstance(tuple(participants), tuple(sessions), travel)


_INSTANCE_REF = {prefix: re.compile(rf"\b{prefix}\d+\b") for prefix in ("v", "w")}


def readable_reason(reason: str, names: dict[str, str], prefix: str) -> str:
    """A solver's reason with the instance ids it names (``v12`` for a volunteer, ``w12``
    for a plek) replaced by the names a user knows; an unknown id stays as it is."""
    return _INSTANCE_REF[prefix].sub(lambda m: names.get(m.group(0), m.group(0)), reason)
