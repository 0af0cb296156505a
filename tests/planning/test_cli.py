"""The `plan` command line: JSON in and out, exit status 2 with the field on bad input."""

from __future__ import annotations

import json

import pytest

from regie.planning.cli import main

from .test_support import example_matching, example_week


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("problem,instance", [("matching", example_matching()),
                                              ("week", example_week())])
def test_solves_to_stdout(tmp_path, capsys, problem, instance):
    path = _write(tmp_path, "in.json", instance)
    assert main([problem, path, "--time-limit", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["optimal"] is True


def test_writes_output_file_and_greedy(tmp_path, capsys):
    path = _write(tmp_path, "in.json", example_week())
    target = tmp_path / "out.json"
    assert main(["week", path, "-o", str(target), "--greedy"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["objective"] == 11.5


@pytest.mark.parametrize("problem,instance,field", [
    ("matching", {"newcomers": [{"id": "n1"}], "volunteers": []}, "newcomers[0].languages"),
    ("week", {**example_week(), "travel_minutes": "kwartier"}, "travel_minutes"),
    ("week", example_matching(), "newcomers"),
])
def test_malformed_instance_exit_2_names_field(tmp_path, capsys, problem, instance, field):
    path = _write(tmp_path, "in.json", instance)
    assert main([problem, path]) == 2
    err = capsys.readouterr().err
    assert field in err


def test_bad_time_names_field(tmp_path, capsys):
    instance = example_week()
    instance["sessions"][0]["start"] = "1300"
    assert main(["week", _write(tmp_path, "in.json", instance)]) == 2
    assert "sessions[0].start" in capsys.readouterr().err


def test_missing_file_and_invalid_json(tmp_path, capsys):
    assert main(["week", str(tmp_path / "nope.json")]) == 2
    assert "kan" in capsys.readouterr().err
    assert main(["matching", _write(tmp_path, "bad.json", "{nope")]) == 2
    assert "geen geldige JSON" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["route"], ["week"], ["week", "x.json", "--time-limit",
                                                             "lang"]])
def test_usage_errors_exit_2(capsys, argv):
    assert main(argv) == 2
    assert "usage" in capsys.readouterr().err


def test_non_positive_time_limit(tmp_path, capsys):
    assert main(["week", _write(tmp_path, "in.json", example_week()), "--time-limit", "0"]) == 2
    assert "--time-limit" in capsys.readouterr().err
