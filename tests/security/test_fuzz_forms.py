"""Issue 17, deliverable 8: the most-used forms never answer 500 on a hostile POST. The
fields are read from the rendered page (inputs, selects with their options, textareas,
formset management fields), so the test follows the form as it changes; each field gets
its current value, one of its options, or a hostile value (tests/security/test_fuzz_ui.py).
The answer is the page again with Dutch form errors (200) or a redirect after saving."""

import os
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.roles import Role
from tests.core.test_access_matrix import url_for
from tests.security.test_fuzz_ui import FUZZ, HOSTILE, PLAUSIBLE, role_for

EXAMPLES = int(os.environ.get("REGIE_FUZZ_EXAMPLES", 10))

# URL name posted to -> (the role that posts it, None: the first role that may open the
# page; the page that shows the form, None: the same URL).
FORMS = {
    "person_create": (Role.KLANTMANAGER, None),
    "person_edit": (Role.KLANTMANAGER, None),
    "intake_edit": (Role.KLANTMANAGER, None),
    "pip_concept": (Role.KLANTMANAGER, None),
    "attendance_register": (None, None),
    "betaalrun_create": (Role.FINANCIEEL, "betaalrun_list"),
    "municipality_rules": (Role.BEHEERDER, None),
    "user_create": (Role.BEHEERDER, None),
}


class FormFields(HTMLParser):
    """The fields of the page's POST forms: name -> (current value, option values)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, tuple[str, list[str]]] = {}
        self._in_post = False
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_post = (a.get("method") or "").lower() == "post"
        if not self._in_post or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            if tag == "option" and self._select:
                self._option(a)
            return
        name = a["name"]
        if tag == "input":
            value = a.get("value") or ""
            if a.get("type") in ("checkbox", "radio"):
                current, options = self.fields.get(name, ("", []))
                checked = value if "checked" in a else current
                self.fields[name] = (checked, [*options, value])
            else:
                self.fields[name] = (value, [])
        elif tag == "textarea":
            self.fields[name] = ("", [])
        elif tag == "select":
            self._select = name
            self.fields[name] = ("", [])

    def _option(self, a):
        current, options = self.fields[self._select]
        value = a.get("value") or ""
        self.fields[self._select] = (value if "selected" in a else current, [*options, value])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_post = False


def form_fields(html: str) -> dict[str, tuple[str, list[str]]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def body(fields) -> st.SearchStrategy[dict]:
    """For each field: its current value, one of its options, or something hostile."""

    def value(current, options):
        return st.one_of(
            st.just(current),
            st.sampled_from(options or [current]),
            st.sampled_from(HOSTILE + PLAUSIBLE),
            st.text(st.characters(codec="utf-8"), max_size=20),
        )

    return st.fixed_dictionaries({name: value(*spec) for name, spec in fields.items()})


@pytest.fixture
def form_page(world, client_for, name, travel):
    travel("2026-10-10")
    role, page_name = FORMS[name]
    client = client_for(world.users[role or role_for(name)])
    url = url_for(name, world)
    page = client.get(url_for(page_name, world) if page_name else url)
    assert page.status_code == 200
    fields = form_fields(page.content.decode())
    assert fields, f"no form fields found on {url}"
    return url, client, fields


def test_the_form_reader_finds_fields_options_and_checked_values():
    html = """<form method="post"><input name="csrfmiddlewaretoken" value="x">
    <input name="a" value="1"><textarea name="b">t</textarea>
    <select name="c"><option value="">-</option><option value="2" selected>2</option></select>
    <input type="checkbox" name="d" value="on" checked></form>
    <form method="get"><input name="q"></form>"""
    assert form_fields(html) == {
        "a": ("1", []),
        "b": ("", []),
        "c": ("2", ["", "2"]),
        "d": ("on", ["on"]),
    }


@pytest.mark.parametrize("name", sorted(FORMS))
@FUZZ
@given(data=st.data())
def test_no_server_error_on_a_hostile_form(form_page, name, data):
    url, client, fields = form_page
    posted = data.draw(body(fields), label="body")
    response = client.post(url, posted)
    assert response.status_code in (200, 302, 400, 403, 404), (url, posted)
