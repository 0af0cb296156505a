"""Numbers for charts (issue 24): never localised, never negative, and the bar geometry
never scales by a negative maximum."""

from django.template import Context, Template
from django.utils import translation

from regie.core.templatetags.regie_format import svg
from regie.monitoring.figures import Duration, bars


def test_svg_numbers_are_the_same_in_dutch_and_english():
    template = Template("{% load regie_format %}{{ y|svg }} {{ y|floatformat:1 }}")
    with translation.override("nl"):
        assert template.render(Context({"y": 260.0})) == "260 260,0"
        assert template.render(Context({"y": 12.34})) == "12.3 12,3"
    with translation.override("en"):
        assert template.render(Context({"y": 260.0})) == "260 260.0"


def test_svg_never_prints_a_negative_or_unparsable_length():
    assert [svg(v) for v in (-35, 0, "x", None, float("nan"), float("inf"), 1234.56)] == [
        "0", "0", "0", "0", "0", "0", "1234.6"
    ]


def test_bars_scale_to_the_largest_positive_figure():
    drawn = bars([("a", -35), ("b", 10), ("c", None), ("d", 5)])
    assert [b.width for b in drawn] == [0, 300, 0, 150]
    # All negative (a column of data errors): no bar at all, never a huge one.
    assert [b.width for b in bars([("a", -35), ("b", -100)])] == [0, 0]


def test_a_duration_that_runs_backwards_is_a_data_error_not_a_figure():
    d = Duration.of([10, 20, -35, None])
    assert (d.n, d.mean, d.median, d.errors) == (2, 15.0, 15.0, 1)
    assert Duration.of([-1]) == Duration(0, None, None, 1)
