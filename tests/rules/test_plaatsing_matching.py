"""The pure rules of matching people to places: hand-computed scores and reasons, and
each hard constraint at its boundary."""

import pytest

from regie.rules import plaatsing_matching as pm

# Winterswijk centre and a place 1.7646 km away (the maatje example's pair of points).
HOME = (51.97, 6.72)
NEAR = (51.96, 6.70)


def person(**kw):
    base = dict(id="p1", dutch_level="A2", lat=HOME[0], lon=HOME[1], lesson_days=["di", "do"])
    base.update(kw)
    return pm.Person(**base)


def place(**kw):
    base = dict(id="w1", required_level="A1", lat=NEAR[0], lon=NEAR[1], days=["ma", "wo"])
    base.update(kw)
    return pm.Place(**base)


def test_worked_example_score_and_reasons():
    # 1.7646 km × 1.3 = 2.294 km by bike at 15 km/h = 9.18 → 10 min (by ov: 5.5 + 12 → 18).
    a = pm.assess(
        person(experience=["Werkte als kok in Eritrea."], wishes=["Wil in de zorg werken"]),
        place(sectors=["horeca"]),
    )
    assert a.allowed
    assert a.reasons == [
        "Taalniveau A2, plek vraagt A1",
        "10 min fietsen",
        "Past naast de lessen op di en do",
        "Ervaring: Werkte als kok in Eritrea",
    ]
    # 10 base + 3 level + 3 × (1 − 10/45) travel + 4 experience; the wish (zorg) does not fit.
    assert a.score == pytest.approx(10 + 3 + 3 * (1 - 10 / 45) + 4)


def test_wish_from_map_counts_and_one_level_below_is_allowed_with_a_penalty():
    a = pm.assess(
        person(dutch_level="A1", wishes=["Beroepenoriëntatie zorg"]),
        place(required_level="A2", sectors=["zorg"]),
    )
    assert a.allowed
    assert a.reasons[0] == "Taalniveau A1, plek vraagt A2 (1 niveau lager, toegestaan)"
    assert a.reasons[-1] == "Wens: Beroepenoriëntatie zorg"
    assert a.score == pytest.approx(10 + (3 - 2) + 3 * (1 - 10 / 45) + 3)


def test_level_more_than_the_gap_below_is_blocked():
    a = pm.assess(person(dutch_level="A1"), place(required_level="B1"))
    assert (a.allowed, a.code) == (False, "taal")
    assert a.blocked == "Taalniveau A1, plek vraagt B1 (te laag)"
    # With a local margin of 2 levels the same pair is allowed.
    assert pm.assess(person(dutch_level="A1"), place(required_level="B1"), level_gap=2).allowed
    # Unknown level (no intake) is read as no Dutch at all.
    b = pm.assess(person(dutch_level=""), place(required_level="A1"))
    assert b.blocked == "Taalniveau onbekend, plek vraagt A1 (te laag)"
    # No requirement: anyone.
    c = pm.assess(person(dutch_level=""), place(required_level=""))
    assert c.allowed and c.reasons[0] == "Geen taaleis; taalniveau onbekend"


def test_travel_time_boundary():
    # 10 minutes by bike: allowed with a maximum of 10, blocked with 9.
    assert pm.assess(person(), place(), max_travel_minutes=10).allowed
    a = pm.assess(person(), place(), max_travel_minutes=9)
    assert (a.allowed, a.code, a.blocked) == (False, "reistijd", "reistijd 10 min (max 9)")


def test_travel_minutes_takes_the_quickest_mode():
    assert pm.travel_minutes(0.0) == (0, "fiets")
    # 20 km: bike 26 km / 15 = 104 min; ov 26 / 25 × 60 + 12 = 74.4 → 75 min.
    assert pm.travel_minutes(20.0) == (75, "ov")
    assert pm.travel_minutes(20.0, ["fiets"]) == (104, "fiets")
    far = pm.assess(person(lat=52.15, lon=6.72), place())
    assert far.code == "reistijd"


def test_days_clash_with_lessons():
    a = pm.assess(person(lesson_days=["ma", "di"]), place(days=["ma", "wo"]))
    assert (a.allowed, a.code, a.blocked) == (False, "dagen", "botst met de lessen op ma")
    # Days in overleg: fits when a working day is free of lessons.
    b = pm.assess(person(lesson_days=["ma", "di", "wo"]), place(days=[]))
    assert b.allowed and "Dagen in overleg; vrij van lessen: do en vr" in b.reasons
    c = pm.assess(person(lesson_days=list(pm.WORKDAYS)), place(days=[]))
    assert (c.allowed, c.blocked) == (False, "geen werkdag zonder lessen")
    d = pm.assess(person(lesson_days=[]), place())
    assert "Geen vaste lesdagen" in d.reasons


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("ma, wo, vr", ["ma", "wo", "vr"]),
        ("di en do", ["di", "do"]),
        ("ma t/m do", ["ma", "di", "wo", "do"]),
        ("woensdag", ["wo"]),
        ("za en avonden", ["za"]),
        ("in overleg", []),
    ],
)
def test_parse_days(text, days):
    assert pm.parse_days(text) == days


def test_sectors_by_word_stems():
    assert pm.sectors_in(["Chauffeur en monteur."]) == {"logistiek", "techniek"}
    assert pm.sectors_in(["Zorgcentrum", "Verpleeghuizen"]) == {"zorg"}
    assert pm.sectors_in(["Docent wiskunde"]) == {"onderwijs"}
    assert pm.sectors_in(["Geen betaald werk"]) == set()
