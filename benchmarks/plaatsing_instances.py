"""Seeded instances of matching people to places (docs/planning.md §3) for the benchmark:
a *region* (the Achterhoek towns of planning_instances.py: 400 persons, 120 plekken) and
a *city* (Utrecht-like neighbourhoods: 3,000 persons, 900 plekken).

Persons: Dutch level mostly geen–A2 (a cohort in its first two years), lessons on two or
three weekdays, bike and public transport, experience in one sector for 60 %, a wish for
45 %. Plekken: required level none/A1/A2/B1, two or three fixed days or in overleg (30 %),
1–4 seats, one or two sectors. Deterministic per seed."""

from __future__ import annotations

import random
from typing import Any

from planning_instances import _near, _place

from regie.rules.plaatsing_matching import SECTORS

PLAATSING_SIZES = {"region": (400, 120), "city": (3000, 900)}
WORDS = {sector: stems[0] for sector, stems in SECTORS.items()}
DAYS = ["ma", "di", "wo", "do", "vr"]
LEVELS, LEVEL_WEIGHTS = ["geen", "A0", "A1", "A2", "B1"], [10, 25, 35, 22, 8]


def plaatsing_instance(size: str = "region", seed: int = 1) -> dict[str, Any]:
    rng = random.Random(f"plaatsing-{size}-{seed}")
    n_persons, n_places = PLAATSING_SIZES[size]
    sectors = sorted(SECTORS)
    persons = []
    for i in range(n_persons):
        _, lat, lon = _place(rng, size)
        lat, lon = _near(rng, lat, lon, 2.0)
        experience = [f"werkte in {WORDS[rng.choice(sectors)]}"] if rng.random() < 0.6 else []
        wishes = [f"wil {WORDS[rng.choice(sectors)]}"] if rng.random() < 0.45 else []
        persons.append(
            {
                "id": f"p{i}",
                "dutch_level": rng.choices(LEVELS, LEVEL_WEIGHTS)[0],
                "lat": lat,
                "lon": lon,
                "lesson_days": sorted(rng.sample(DAYS, rng.choice([2, 2, 3])), key=DAYS.index),
                "modes": ["fiets", "ov"] if rng.random() < 0.8 else ["ov"],
                "experience": experience,
                "wishes": wishes,
            }
        )
    places = []
    for j in range(n_places):
        _, lat, lon = _place(rng, size)
        lat, lon = _near(rng, lat, lon, 3.0)
        days = (
            []
            if rng.random() < 0.3
            else sorted(rng.sample(DAYS, rng.choice([2, 3])), key=DAYS.index)
        )
        places.append(
            {
                "id": f"w{j}",
                "required_level": rng.choices(["", "A1", "A2", "B1"], [30, 35, 25, 10])[0],
                "lat": lat,
                "lon": lon,
                "days": days,
                "capacity": rng.choice([1, 1, 2, 3, 4]),
                "sectors": sorted(set(rng.sample(sectors, rng.choice([1, 1, 2])))),
            }
        )
    return {"persons": persons, "places": places, "max_travel_minutes": 45, "level_gap": 1}
