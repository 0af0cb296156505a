"""Validation of planning instances: every malformed field is named by its path."""

from __future__ import annotations

import pytest

from regie.planning.errors import InstanceError
from regie.planning.io import format_time, parse_matching, parse_time, parse_week

from .test_support import example_matching, example_week


def _error(parse, instance) -> InstanceError:
    with pytest.raises(InstanceError) as info:
        parse(instance)
    return info.value


def test_examples_parse():
    m = parse_matching(example_matching())
    assert m.newcomers[0].languages == ("ar", "en")
    w = parse_week(example_week())
    assert w.sessions[0].start == 13 * 60
    assert w.participants[0].busy[0].what == "taalles"


@pytest.mark.parametrize("text,minutes", [("00:00", 0), ("08:30", 510), ("23:59", 1439),
                                          ("24:00", 1440)])
def test_parse_time(text, minutes):
    assert parse_time(text, "x") == minutes
    assert format_time(minutes) == text


@pytest.mark.parametrize("text", ["8:30", "24:01", "12:60", "1230", "", "ma", None, 830])
def test_parse_time_rejects(text):
    with pytest.raises(InstanceError) as info:
        parse_time(text, "sessions[0].start")
    assert info.value.field == "sessions[0].start"


@pytest.mark.parametrize("mutate,field", [
    (lambda i: i["newcomers"][0].update(lat="51.9"), "newcomers[0].lat"),
    (lambda i: i["newcomers"][0].update(lat=91), "newcomers[0].lat"),
    (lambda i: i["newcomers"][0].update(lon=True), "newcomers[0].lon"),
    (lambda i: i["newcomers"][0].pop("gender"), "newcomers[0].gender"),
    (lambda i: i["newcomers"][0].update(gender="f"), "newcomers[0].gender"),
    (lambda i: i["newcomers"][0].update(wants_gender="any"), "newcomers[0].wants_gender"),
    (lambda i: i["newcomers"][0].update(languages="ar"), "newcomers[0].languages"),
    (lambda i: i["newcomers"][0].update(languages=["ar", 3]), "newcomers[0].languages[1]"),
    (lambda i: i["newcomers"][0].update(availability=["ma-avnd"]),
     "newcomers[0].availability[0]"),
    (lambda i: i["newcomers"][0].update(availability=["mo-avond"]),
     "newcomers[0].availability[0]"),
    (lambda i: i["newcomers"][0].update(colour="blue"), "newcomers[0].colour"),
    (lambda i: i["volunteers"][0].update(capacity=1.5), "volunteers[0].capacity"),
    (lambda i: i["volunteers"][0].update(capacity=-1), "volunteers[0].capacity"),
    (lambda i: i["volunteers"][0].update(max_km=-3), "volunteers[0].max_km"),
    (lambda i: i["volunteers"][0].pop("max_km"), "volunteers[0].max_km"),
    (lambda i: i["volunteers"].append(dict(i["volunteers"][0])), "volunteers[1].id"),
    (lambda i: i.update(extra=1), "extra"),
    (lambda i: i.pop("volunteers"), "volunteers"),
    (lambda i: i.update(newcomers={}), "newcomers"),
    (lambda i: i["newcomers"].__setitem__(0, "n1"), "newcomers[0]"),
])
def test_matching_errors_name_the_field(mutate, field):
    instance = example_matching()
    mutate(instance)
    error = _error(parse_matching, instance)
    assert error.field == field
    assert str(error).startswith(field + ": ")


@pytest.mark.parametrize("mutate,field", [
    (lambda i: i["participants"][0].update(route=""), "participants[0].route"),
    (lambda i: i["participants"][0].update(hours_target="8"), "participants[0].hours_target"),
    (lambda i: i["participants"][0].update(max_hours_per_day=25),
     "participants[0].max_hours_per_day"),
    (lambda i: i["participants"][0]["available"][0].update(day="mon"),
     "participants[0].available[0].day"),
    (lambda i: i["participants"][0]["available"][0].update(end="08:00"),
     "participants[0].available[0].end"),
    (lambda i: i["participants"][0]["available"][0].update(what="x"),
     "participants[0].available[0].what"),
    (lambda i: i["participants"][0]["busy"][0].update(start="9:00"),
     "participants[0].busy[0].start"),
    (lambda i: i["participants"][0]["busy"][0].update(what=""), "participants[0].busy[0].what"),
    (lambda i: i["sessions"][0].update(day="zaterdag"), "sessions[0].day"),
    (lambda i: i["sessions"][0].update(end="13:00"), "sessions[0].end"),
    (lambda i: i["sessions"][0].update(capacity=None), "sessions[0].capacity"),
    (lambda i: i["sessions"][0].update(routes=[None]), "sessions[0].routes[0]"),
    (lambda i: i["sessions"][0].pop("activity"), "sessions[0].activity"),
    (lambda i: i["sessions"].append(dict(i["sessions"][0])), "sessions[1].id"),
    (lambda i: i.update(travel_minutes=-5), "travel_minutes"),
    (lambda i: i.update(travel_minutes="15"), "travel_minutes"),
    (lambda i: i.pop("travel_minutes"), "travel_minutes"),
])
def test_week_errors_name_the_field(mutate, field):
    instance = example_week()
    mutate(instance)
    error = _error(parse_week, instance)
    assert error.field == field


def test_root_must_be_object():
    assert _error(parse_week, []).field == "instance"
    assert _error(parse_matching, "x").field == "instance"


def test_busy_what_is_optional_and_duplicates_are_dropped():
    instance = example_week()
    del instance["participants"][0]["busy"][0]["what"]
    instance["participants"][0]["themes_needed"] = ["gezondheid", "gezondheid"]
    w = parse_week(instance)
    assert w.participants[0].busy[0].what == "afspraak"
    assert w.participants[0].themes_needed == ("gezondheid",)
