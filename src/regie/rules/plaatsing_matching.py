"""Matching people to places (issue 20, point 3): which plek fits which inburgeraar, how
well, and why. Pure functions, no Django; the solver (regie.planning.plaatsing) and the app
(regie.work.matching) both use them, so a proposal's score and reasons are the same
wherever they are computed.

Hard constraints (a pair is *allowed* only when all hold):

- the person's Dutch level is at most ``level_gap`` levels below the plek's required
  level (lokaal beleid, figure ``plaatsing_taalniveau_marge``);
- the estimated travel time is at most ``max_travel_minutes`` (lokaal beleid, figure
  ``plaatsing_max_reistijd_minuten``);
- the plek's fixed days do not fall on the person's lesson days; a plek without fixed
  days ("in overleg") needs at least one working day without lessons;
- the plek has a free seat (checked per plek by the solver: capacity).

Score of an allowed pair, higher is better (each weight is lokaal beleid):
``BASE`` + language + travel + experience + wish, see :func:`assess`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
WORKDAYS = ("ma", "di", "wo", "do", "vr")
_DAY_WORDS = {
    "ma": "ma", "maandag": "ma", "di": "di", "dinsdag": "di", "wo": "wo", "woensdag": "wo",
    "do": "do", "donderdag": "do", "vr": "vr", "vrijdag": "vr", "za": "za", "zaterdag": "za",
    "zo": "zo", "zondag": "zo",
}  # fmt: skip

# Dutch levels in order; '' is unknown (no intake), read as the lowest.
LEVELS = ("geen", "A0", "A1", "A2", "B1", "B2")
LEVEL_LABELS = {"geen": "geen Nederlands", "A0": "onder A1"}

# --- figures (lokaal beleid; the two hard limits are configurable per municipality in
# rules/figures.py and passed in by the app) -------------------------------------------
MAX_TRAVEL_MINUTES = 45  # lokaal beleid: plaatsing_max_reistijd_minuten
LEVEL_GAP = 1  # lokaal beleid: plaatsing_taalniveau_marge (levels below the requirement)

# Travel-time estimate from the straight-line distance (no route planner in Regie).
DETOUR_FACTOR = 1.3  # lokaal beleid: road distance ≈ 1.3 × straight line in the Achterhoek
BIKE_KMH = 15.0  # lokaal beleid: a calm cycling pace for a new cyclist
OV_KMH = 25.0  # lokaal beleid: average speed of bus and regional train incl. stops
OV_EXTRA_MINUTES = 12  # lokaal beleid: walking to the stop and waiting
MODES = ("fiets", "ov")
_MODE_WORDS = {"fiets": "fietsen", "ov": "met bus of trein"}

# Score weights (lokaal beleid: what the job coaches of Fijnder find most important).
BASE = 10.0  # every placement counts: place as many persons as possible first
LEVEL_MEETS = 3.0  # the level meets the requirement (or there is none)
LEVEL_STEP_PENALTY = 2.0  # per level below the requirement (within the allowed gap)
TRAVEL_MAX_POINTS = 3.0  # 3 × (1 − minutes / max minutes)
EXPERIENCE_POINTS = 4.0  # earlier work or a diploma in the sector of the plek
WISH_POINTS = 3.0  # the person's wish (intake, MAP beroepenoriëntatie) names the sector

# Sectors and the word stems that point to them (a word starting with a stem counts).
SECTORS: dict[str, tuple[str, ...]] = {
    "zorg": ("zorg", "verpleeg", "verzorg", "ziekenhuis", "ouderen", "helpende", "thuiszorg"),
    "horeca": ("kok", "keuken", "restaurant", "horeca", "koken", "gastvrouw", "gastheer",
               "bakker", "catering", "hotel"),
    "techniek": ("techniek", "technisch", "monteur", "metaal", "lassen", "lasser", "elektr",
                 "productie", "fabriek", "machine", "automonteur"),
    "bouw": ("bouw", "klus", "timmer", "schilder", "metsel", "stukadoor", "loodgieter"),
    "groen": ("boer", "landbouw", "tuin", "groen", "hovenier", "akker", "veehouder"),
    "logistiek": ("magazijn", "chauffeur", "logistiek", "transport", "heftruck", "bezorg"),
    "detailhandel": ("winkel", "supermarkt", "vakkenvul", "kassa", "verkoop", "verkoper"),
    "administratie": ("administrat", "kantoor", "boekhoud", "secretar"),
    "onderwijs": ("docent", "leraar", "lerares", "onderwijs", "school", "kinderopvang"),
    "schoonmaak": ("schoonma", "huishoud"),
    "kapper": ("kapper", "kapsalon", "schoonheid"),
    "buurtwerk": ("vrijwillig", "buurt", "ouderen"),
}  # fmt: skip


_RANK = {level: i for i, level in enumerate(LEVELS)}


def level_rank(level: str) -> int:
    """0 for 'geen' or unknown, up to 5 for B2."""
    return _RANK.get(level, 0)


def level_label(level: str) -> str:
    if not level:
        return "onbekend"
    return LEVEL_LABELS.get(level, level)


def parse_days(text: str) -> list[str]:
    """The weekdays named in a plek's free text ('ma, wo, vr', 'di en do', 'ma t/m do',
    'woensdag'), in week order; [] when none are named (days in overleg)."""
    words = [w for w in re.split(r"[^a-z/]+", text.lower()) if w]
    found: set[str] = set()
    i = 0
    while i < len(words):
        day = _DAY_WORDS.get(words[i])
        if (
            day
            and i + 2 < len(words)
            and words[i + 1] in ("t/m", "tot")
            and words[i + 2] in (_DAY_WORDS)
        ):
            a, b = DAYS.index(day), DAYS.index(_DAY_WORDS[words[i + 2]])
            found.update(DAYS[a : b + 1])
            i += 3
            continue
        if day:
            found.add(day)
        i += 1
    return [d for d in DAYS if d in found]


def sectors_in(texts: Iterable[str]) -> set[str]:
    """The sectors a text names (by word stems)."""
    found: set[str] = set()
    for text in texts:
        found |= _text_sectors(text)
    return found


@lru_cache(maxsize=65536)
def _text_sectors(text: str) -> frozenset[str]:
    found = set()
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        for sector, stems in SECTORS.items():
            if any(word.startswith(stem) for stem in stems):
                found.add(sector)
    return frozenset(found)


def travel_minutes(km: float, modes: Sequence[str] = MODES) -> tuple[int, str]:
    """Estimated door-to-door minutes over ``km`` straight-line km with the quickest of
    the person's modes: (minutes, mode). Rounded up to whole minutes."""
    road = km * DETOUR_FACTOR
    options = []
    if "fiets" in modes:
        options.append((math.ceil(road / BIKE_KMH * 60 - 1e-9), "fiets"))
    if "ov" in modes:
        options.append((math.ceil(road / OV_KMH * 60 + OV_EXTRA_MINUTES - 1e-9), "ov"))
    if not options:
        return (math.ceil(road / 5.0 * 60 - 1e-9), "lopen")
    return min(options)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _days_text(days: Sequence[str]) -> str:
    days = list(days)
    return days[0] if len(days) == 1 else ", ".join(days[:-1]) + " en " + days[-1]


def _snippet(text: str, limit: int = 80) -> str:
    first = re.split(r"(?<=[.;])\s", text.strip())[0].rstrip(".;")
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


@dataclass
class Person:
    id: str
    dutch_level: str  # one of LEVELS or '' (unknown)
    lat: float
    lon: float
    lesson_days: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=lambda: list(MODES))
    experience: list[str] = field(default_factory=list)  # intake: werkervaring, diploma's
    wishes: list[str] = field(default_factory=list)  # intake, MAP beroepenoriëntatie

    def __post_init__(self):
        # Derived once, so the solver's pair loop does no text or list work.
        self.rank = level_rank(self.dutch_level)
        self.lesson_set = frozenset(self.lesson_days)
        self.experience_sectors = frozenset(sectors_in(self.experience))
        self.wish_sectors = frozenset(sectors_in(self.wishes))


@dataclass
class Place:
    id: str
    required_level: str  # one of LEVELS or '' (no requirement)
    lat: float
    lon: float
    days: list[str] = field(default_factory=list)  # [] = in overleg
    capacity: int = 1
    sectors: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.rank = level_rank(self.required_level)
        self.sector_set = frozenset(self.sectors)


@dataclass
class Assessment:
    """A pair's verdict: ``allowed`` with ``score`` and ``reasons``, or the ``blocked``
    reason (the first hard constraint that fails) and its ``code``."""

    allowed: bool
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    blocked: str = ""
    code: str = ""  # 'taal', 'reistijd', 'dagen'
    minutes: int = 0


def verdict(
    person: Person,
    place: Place,
    max_travel_minutes: int = MAX_TRAVEL_MINUTES,
    level_gap: int = LEVEL_GAP,
) -> tuple[str, float, int]:
    """The hard constraints and the score without any text (the solver calls this for
    every pair): (blocking code or '' when allowed, score, travel minutes)."""
    below = place.rank - person.rank if place.required_level else 0
    if below > level_gap:
        return "taal", 0.0, 0
    km = haversine_km(person.lat, person.lon, place.lat, place.lon)
    minutes = travel_minutes(km, person.modes)[0]
    if minutes > max_travel_minutes:
        return "reistijd", 0.0, minutes
    if place.days:
        if not person.lesson_set.isdisjoint(place.days):
            return "dagen", 0.0, minutes
    elif person.lesson_set.issuperset(WORKDAYS):
        return "dagen", 0.0, minutes
    score = BASE + LEVEL_MEETS - LEVEL_STEP_PENALTY * max(below, 0)
    score += (
        TRAVEL_MAX_POINTS * (1 - minutes / max_travel_minutes)
        if max_travel_minutes
        else TRAVEL_MAX_POINTS
    )
    if person.experience_sectors & place.sector_set:
        score += EXPERIENCE_POINTS
    if person.wish_sectors & place.sector_set:
        score += WISH_POINTS
    return "", score, minutes


def assess(
    person: Person,
    place: Place,
    *,
    max_travel_minutes: int = MAX_TRAVEL_MINUTES,
    level_gap: int = LEVEL_GAP,
) -> Assessment:
    """Whether ``person`` may be placed on ``place`` and how well it fits (``verdict``),
    with the reasons in plain Dutch for the job coach."""
    code, score, minutes = verdict(person, place, max_travel_minutes, level_gap)
    below = level_rank(place.required_level) - level_rank(person.dutch_level)
    level_text = (
        f"Taalniveau {level_label(person.dutch_level)}, plek vraagt {place.required_level}"
        if place.required_level
        else f"Geen taaleis; taalniveau {level_label(person.dutch_level)}"
    )
    lessons = [d for d in DAYS if d in set(person.lesson_days)]
    if code == "taal":
        return Assessment(False, blocked=f"{level_text} (te laag)", code=code)
    if code == "reistijd":
        return Assessment(
            False,
            blocked=f"reistijd {minutes} min (max {max_travel_minutes})",
            code=code,
            minutes=minutes,
        )
    if code == "dagen":
        clash = [d for d in place.days if d in set(lessons)]
        blocked = (
            f"botst met de lessen op {_days_text(clash)}" if clash else "geen werkdag zonder lessen"
        )
        return Assessment(False, blocked=blocked, code=code, minutes=minutes)
    if place.required_level and below > 0:
        level_text += f" ({below} niveau lager, toegestaan)"
    mode = travel_minutes(haversine_km(person.lat, person.lon, place.lat, place.lon), person.modes)[
        1
    ]
    reasons = [level_text, f"{minutes} min {_MODE_WORDS.get(mode, 'lopen')}"]
    if place.days:
        reasons.append(
            f"Past naast de lessen op {_days_text(lessons)}" if lessons else "Geen vaste lesdagen"
        )
    else:
        free = [d for d in WORKDAYS if d not in set(lessons)]
        reasons.append(f"Dagen in overleg; vrij van lessen: {_days_text(free)}")
    sectors = set(place.sectors)
    for label, texts in (("Ervaring", person.experience), ("Wens", person.wishes)):
        for text in texts:
            if _text_sectors(text) & sectors:
                reasons.append(f"{label}: {_snippet(text)}")
                break
    return Assessment(True, score=score, reasons=reasons, minutes=minutes)
