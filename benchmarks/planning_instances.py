"""Seeded generator of realistic random planning instances for benchmarks and tests.

Two sizes from PLANNING.md: a *region* (a group of small towns, Achterhoek-like: 400
newcomers / 150 volunteers, 400 participants / 250 sessions a week) and a *city* (one
town of neighbourhoods: 3,000 / 1,000 and 3,000 / 1,500). Language mixes follow the
main groups of statushouders (Syrian, Eritrean, Ukrainian, Afghan, Turkish, Somali);
volunteers all speak Dutch and often English. Weekly programmes have language lessons
as busy blocks, routes B1 / Z / O, and an activity offer from the social domain.

Usage: ``python benchmarks/planning_instances.py {matching,week} {region,city} [--seed N]
[-o FILE]`` writes one instance as JSON; the functions are imported by planning_bench.py.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from typing import Any

SIZES: dict[str, dict[str, int]] = {
    "region": {"newcomers": 400, "volunteers": 150, "participants": 400, "sessions": 250},
    "city": {"newcomers": 3000, "volunteers": 1000, "participants": 3000, "sessions": 1500},
}

# (name, lat, lon, weight): towns of a rural region; neighbourhoods of a city.
REGION_PLACES = [
    ("Doetinchem", 51.965, 6.289, 5), ("Winterswijk", 51.972, 6.720, 3),
    ("Aalten", 51.925, 6.581, 2), ("Groenlo", 52.042, 6.616, 1),
    ("Lichtenvoorde", 51.987, 6.567, 2), ("Borculo", 52.116, 6.521, 1),
    ("Eibergen", 52.100, 6.648, 1), ("Zelhem", 52.006, 6.350, 1),
    ("Ulft", 51.893, 6.380, 1), ("'s-Heerenberg", 51.876, 6.250, 1),
]
CITY_PLACES = [
    ("Centrum", 52.091, 5.120, 2), ("Overvecht", 52.116, 5.110, 4),
    ("Kanaleneiland", 52.073, 5.097, 4), ("Zuilen", 52.108, 5.090, 3),
    ("Lunetten", 52.065, 5.140, 2), ("Leidsche Rijn", 52.095, 5.050, 3),
    ("Vleuten", 52.105, 5.010, 1), ("Hoograven", 52.075, 5.125, 2),
    ("Noordoost", 52.100, 5.140, 2), ("Oost", 52.085, 5.150, 1),
]

NEWCOMER_GROUPS = [  # (weight, core languages, {extra language: probability})
    (30, ["ar"], {"en": 0.35, "ku": 0.1}),
    (18, ["ti"], {"ar": 0.3, "en": 0.2, "am": 0.2}),
    (14, ["uk", "ru"], {"en": 0.45}),
    (12, ["fa"], {"ps": 0.3, "en": 0.2}),
    (10, ["tr"], {"ku": 0.3, "en": 0.2}),
    (8, ["so"], {"ar": 0.3, "en": 0.25}),
    (8, ["ar"], {"fr": 0.3, "en": 0.2}),
]
VOLUNTEER_LANGUAGES = {"en": 0.7, "de": 0.2, "fr": 0.12, "ar": 0.08, "tr": 0.05, "fa": 0.03,
                       "uk": 0.03, "ru": 0.04, "ti": 0.02, "so": 0.01, "ku": 0.02}
INTERESTS = ["koken", "fietsen", "wandelen", "voetbal", "muziek", "tuinieren", "lezen",
             "handwerken", "schaken", "fotografie", "zwemmen", "knutselen", "natuur",
             "techniek", "dansen"]
DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
PARTS = ["ochtend", "middag", "avond"]

THEMES = ["taal", "sociaal netwerk", "gezondheid", "werk", "participatie", "financiën",
          "digitale vaardigheden", "opvoeding", "knm", "mobiliteit"]
# (activity, themes, possible minutes, routes, typical start hours)
ACTIVITIES = [
    ("kletsplek", ["taal", "sociaal netwerk"], [90, 120], ["B1", "Z", "O"], [10, 13, 19]),
    ("taalcafé", ["taal"], [90], ["B1", "Z"], [13, 19]),
    ("sportinstuif", ["gezondheid", "sociaal netwerk"], [60, 90], ["B1", "Z", "O"], [15, 19]),
    ("wandelgroep", ["gezondheid"], [60, 90], ["B1", "Z"], [10, 14]),
    ("zwemles", ["gezondheid", "participatie"], [60], ["B1", "Z", "O"], [9, 16, 19]),
    ("fietsles", ["mobiliteit", "participatie"], [90, 120], ["B1", "Z"], [10, 14]),
    ("vrijwilligerswerk kringloop", ["werk", "participatie"], [180, 240], ["B1", "Z"],
     [9, 13]),
    ("werkfit-training", ["werk"], [120, 180], ["B1", "Z"], [9, 13]),
    ("sollicitatietraining", ["werk", "digitale vaardigheden"], [120], ["B1"], [13, 19]),
    ("budgetcursus", ["financiën"], [90, 120], ["B1", "Z", "O"], [10, 13, 19]),
    ("oudercafé", ["opvoeding", "sociaal netwerk"], [90], ["B1", "Z", "O"], [9, 13]),
    ("KNM-workshop", ["knm", "participatie"], [120, 180], ["B1", "Z"], [9, 13]),
    ("computerles", ["digitale vaardigheden"], [90, 120], ["B1", "Z", "O"], [10, 14, 19]),
    ("buurttuin", ["participatie", "gezondheid", "sociaal netwerk"], [120, 150],
     ["B1", "Z"], [10, 14]),
    ("koken met buren", ["sociaal netwerk", "gezondheid"], [150], ["B1", "Z", "O"], [17]),
    ("huiswerkbegeleiding", ["taal", "participatie"], [90], ["O"], [15, 16]),
    ("taalmaatje-uur", ["taal", "sociaal netwerk"], [60], ["Z"], [10, 14]),
    ("geldzaken-spreekuur", ["financiën", "knm"], [60], ["B1", "Z", "O"], [9, 13, 16]),
]
ROUTES = [("B1", 55), ("Z", 30), ("O", 15)]


def _places(kind: str) -> list[tuple[str, float, float, int]]:
    return REGION_PLACES if kind == "region" else CITY_PLACES


def _near(rng: random.Random, lat: float, lon: float, sigma_km: float) -> tuple[float, float]:
    """A point scattered around a centre, sigma in km (1° lat ≈ 111 km)."""
    dlat = rng.gauss(0, sigma_km) / 111.2
    dlon = rng.gauss(0, sigma_km) / (111.2 * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def _place(rng: random.Random, kind: str) -> tuple[str, float, float]:
    places = _places(kind)
    name, lat, lon, _ = rng.choices(places, weights=[p[3] for p in places])[0]
    return name, lat, lon


def _slots(rng: random.Random, low: int, high: int, evening_bias: float) -> list[str]:
    weights = []
    slots = []
    for d in DAYS:
        for part in PARTS:
            weekend = d in ("za", "zo")
            w = 1.0 + (evening_bias if part == "avond" or weekend else 0.0)
            if d == "zo":
                w *= 0.5
            slots.append(f"{d}-{part}")
            weights.append(w)
    chosen: list[str] = []
    for _ in range(rng.randint(low, high)):
        slot = rng.choices(slots, weights=weights)[0]
        if slot not in chosen:
            chosen.append(slot)
    return chosen


def matching_instance(size: str = "region", seed: int = 1, newcomers: int | None = None,
                      volunteers: int | None = None) -> dict[str, Any]:
    """A maatje-matching instance of the given size ('region' or 'city')."""
    rng = random.Random(f"matching-{size}-{seed}")
    n_new = newcomers if newcomers is not None else SIZES[size]["newcomers"]
    n_vol = volunteers if volunteers is not None else SIZES[size]["volunteers"]
    sigma = 2.5 if size == "region" else 1.2
    out_new = []
    for i in range(n_new):
        group = rng.choices(NEWCOMER_GROUPS, weights=[g[0] for g in NEWCOMER_GROUPS])[0]
        langs = list(group[1]) + [lang for lang, p in group[2].items() if rng.random() < p]
        if rng.random() < 0.15:  # some have learnt enough Dutch for a maatje in Dutch
            langs.append("nl")
        gender = rng.choices(["m", "v", "x"], weights=[52, 47, 1])[0]
        wants = None
        if gender == "v" and rng.random() < 0.45:
            wants = "v"
        elif gender == "m" and rng.random() < 0.1:
            wants = "m"
        _, lat, lon = _place(rng, size)
        lat, lon = _near(rng, lat, lon, sigma)
        out_new.append({
            "id": f"n{i + 1}", "languages": langs, "gender": gender, "wants_gender": wants,
            "lat": lat, "lon": lon,
            "interests": rng.sample(INTERESTS, rng.randint(1, 4)),
            "availability": _slots(rng, 2, 7, 0.3),
        })
    out_vol = []
    for j in range(n_vol):
        langs = ["nl"] + [lang for lang, p in VOLUNTEER_LANGUAGES.items() if rng.random() < p]
        gender = rng.choices(["m", "v", "x"], weights=[33, 66, 1])[0]
        wants = "v" if gender == "v" and rng.random() < 0.2 else None
        _, lat, lon = _place(rng, size)
        lat, lon = _near(rng, lat, lon, sigma)
        max_km = rng.choice([5, 10, 10, 15, 20, 25] if size == "region" else [2, 3, 5, 5, 8, 10])
        out_vol.append({
            "id": f"v{j + 1}", "languages": langs, "gender": gender, "wants_gender": wants,
            "lat": lat, "lon": lon,
            "interests": rng.sample(INTERESTS, rng.randint(1, 5)),
            "availability": _slots(rng, 1, 5, 1.5),
            "capacity": rng.choices([1, 2, 3], weights=[60, 30, 10])[0],
            "max_km": max_km,
        })
    return {"newcomers": out_new, "volunteers": out_vol}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _window(day: str, start: int, end: int, what: str | None = None) -> dict[str, str]:
    w = {"day": day, "start": _hhmm(start), "end": _hhmm(end)}
    if what:
        w["what"] = what
    return w


def week_instance(size: str = "region", seed: int = 1, participants: int | None = None,
                  sessions: int | None = None) -> dict[str, Any]:
    """An integraal-weekprogramma instance of the given size ('region' or 'city')."""
    rng = random.Random(f"week-{size}-{seed}")
    n_part = participants if participants is not None else SIZES[size]["participants"]
    n_sess = sessions if sessions is not None else SIZES[size]["sessions"]
    places = [p[0] for p in _places(size)]
    out_sess = []
    for k in range(n_sess):
        name, themes, lengths, routes, starts = rng.choice(ACTIVITIES)
        place = rng.choice(places)
        day = rng.choices(DAYS, weights=[10, 10, 10, 10, 9, 3, 0.5])[0]
        start = rng.choice(starts) * 60 + rng.choice([0, 0, 15, 30, 30, 45])
        minutes = rng.choice(lengths)
        end = min(start + minutes, 22 * 60)
        out_sess.append({
            "id": f"s{k + 1}", "activity": f"{name} {place}", "themes": list(themes),
            "day": day, "start": _hhmm(start), "end": _hhmm(end),
            "capacity": rng.choice([6, 8, 10, 12, 12, 15, 20]),
            "routes": [r for r in routes if rng.random() < 0.9] or [routes[0]],
        })
    out_part = []
    for i in range(n_part):
        route = rng.choices([r for r, _ in ROUTES], weights=[w for _, w in ROUTES])[0]
        days = sorted(rng.sample(DAYS[:5], rng.randint(3, 5)), key=DAYS.index)
        if rng.random() < 0.15:
            days.append("za")
        available, busy = [], []
        lesson_days = set(rng.sample(days, min(len(days), 3 if route == "B1" else 2)))
        for d in days:
            pattern = rng.choices(["dag", "ochtend", "middag", "dag+avond"],
                                  weights=[50, 15, 20, 15])[0]
            if pattern == "ochtend":
                available.append(_window(d, 510, 750))
            elif pattern == "middag":
                available.append(_window(d, 750, 1020))
            elif pattern == "dag":
                available.append(_window(d, 510, 1020))
            else:
                available.append(_window(d, 510, 1020))
                available.append(_window(d, 1110, 1290))
            if route == "O" and d in DAYS[:5]:
                busy.append(_window(d, 510, 900, "school"))
            elif d in lesson_days:
                start = rng.choice([540, 540, 780])
                busy.append(_window(d, start, start + 180, "taalles"))
            if rng.random() < 0.2:
                busy.append(_window(d, 885, 930, "kinderen ophalen"))
        target = {"B1": [4, 6, 8], "Z": [8, 10, 12, 16], "O": [2, 3, 4]}[route]
        out_part.append({
            "id": f"p{i + 1}", "route": route, "hours_target": float(rng.choice(target)),
            "max_hours_per_day": rng.choice([3.0, 3.5, 4.0, 5.0, 6.0]),
            "themes_needed": rng.sample(THEMES, rng.randint(2, 4)),
            "available": available, "busy": busy,
        })
    return {"participants": out_part, "sessions": out_sess,
            "travel_minutes": 20 if size == "region" else 15}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("problem", choices=["matching", "week"])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output")
    args = parser.parse_args(argv)
    make = matching_instance if args.problem == "matching" else week_instance
    text = json.dumps(make(args.size, args.seed), ensure_ascii=False, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
