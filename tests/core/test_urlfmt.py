"""row_url gives what reverse gives (the werkvoorraad links each row with it)."""

import pytest
from django.urls import reverse

from regie.core.urlfmt import row_url


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("person_detail", [1]),
        ("person_detail", [123456]),
        ("pip_versie", [42, 3]),
        ("intake_detail", [7]),
        ("termijn_detail", [918273645]),
    ],
)
def test_row_url_equals_reverse(name, args):
    assert row_url(name)(*args) == reverse(name, args=args)


def test_row_url_many_rows_and_non_int_arguments():
    url = row_url("person_detail")
    assert [url(pk) for pk in range(1, 30)] == [
        reverse("person_detail", args=[pk]) for pk in range(1, 30)
    ]
    assert url("5") == reverse("person_detail", args=["5"])


def test_row_url_respects_the_script_prefix():
    from django.urls import get_script_prefix, set_script_prefix

    old = get_script_prefix()
    set_script_prefix("/regie/")
    try:
        assert row_url("person_detail")(9) == "/regie/inburgeraars/9/"
    finally:
        set_script_prefix(old)
