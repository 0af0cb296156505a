"""regie.core.formrenderer writes a <select> in Python: character for character what
Django's templates write (select.html, select_option.html, attrs.html), for hand-made
edge cases, every choice field of every model of Regie in Dutch and English, and the
filter forms of the monitoring and the caseload search as the pages render them."""

import pytest
from django import forms
from django.apps import apps
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe

from regie.core.formrenderer import Renderer, render_select

DJANGO = DjangoTemplates()
OURS = Renderer()


def _assert_same(form, attrs=None):
    compared = 0
    for name in form.fields:
        bound = form[name]
        if not isinstance(bound.field.widget, forms.Select):
            continue
        widget = bound.field.widget
        context = widget.get_context(bound.html_name, bound.value(), dict(attrs or {}))
        expected = DJANGO.render(widget.template_name, context)
        assert OURS.render(widget.template_name, context) == expected, name
        compared += 1
    return compared


class Edge(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "A")], required=False)
    escaped = forms.ChoiceField(
        choices=[('x"&<y>', 'Label & <b>"quoted"</b>'), ("Groep <1>", [("g1", "G1")])]
    )
    safe_label = forms.ChoiceField(choices=[("s", mark_safe("<em>veilig</em>"))])
    numbers = forms.TypedChoiceField(choices=[(1, 1234567), (2, 2.5)], coerce=int)
    many = forms.MultipleChoiceField(choices=[(i, f"Optie {i}") for i in range(30)])
    grouped = forms.ChoiceField(
        choices=[("Noord", [("1", "Groningen"), ("2", "Assen")]), ("Zuid", [("3", "Maastricht")])]
    )
    flag = forms.NullBooleanField(widget=forms.NullBooleanSelect)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_edge_cases_render_as_django_renders_them(language):
    data = {"escaped": 'x"&<y>', "numbers": "1", "many": ["3", "7"], "grouped": "2"}
    with translation.override(language):
        for form in (Edge(), Edge(data)):
            assert _assert_same(form) == 7
            assert _assert_same(form, {"class": "c", "required": True, "disabled": False}) == 7
            assert _assert_same(form, {"aria-describedby": mark_safe("a&b"), "data-x": 3}) == 7


def test_a_bound_field_renders_through_our_renderer():
    form = Edge({"plain": "a"})
    html = str(form["plain"])
    assert html == (
        '<select name="plain" id="id_plain">\n  <option value="">—</option>\n\n'
        '  <option value="a" selected>A</option>\n\n</select>'
    )


def test_an_option_with_its_own_template_is_left_to_django():
    widget = forms.Select(choices=[("a", "A")])
    widget.option_template_name = "django/forms/widgets/input_option.html"
    context = widget.get_context("x", "a", {})
    assert render_select(context["widget"]) is None
    assert OURS.render(widget.template_name, context) == DJANGO.render(
        widget.template_name, context
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_choice_field_of_every_model(language):
    """Every model field with choices (Regie's TextChoices: lazy Dutch labels, accents,
    quotes, ampersands), each value selected in turn."""
    compared = 0
    with translation.override(language):
        for model in apps.get_models():
            if not model.__module__.startswith("regie."):
                continue
            for field in model._meta.get_fields():
                choices = getattr(field, "choices", None)
                if not choices or not getattr(field, "concrete", False):
                    continue
                widget = forms.Select(choices=[("", "---------"), *choices])
                for value, _label in [("", ""), *choices][:12]:
                    context = widget.get_context(field.name, value, {"class": "utrecht-select"})
                    assert OURS.render(widget.template_name, context) == DJANGO.render(
                        widget.template_name, context
                    ), (model.__name__, field.name, value)
                    compared += 1
    assert compared > 200


@pytest.mark.django_db
def test_the_pages_filter_forms(world):
    from regie.core.models import Municipality
    from regie.monitoring.forms import FilterForm
    from regie.people.forms import SearchForm

    ids = list(Municipality.objects.values_list("pk", flat=True))
    assert _assert_same(FilterForm({"gemeente": str(ids[0]), "doelgroep": "asielmigrant"}, ids))
    assert _assert_same(FilterForm(None, ids))
    assert _assert_same(SearchForm({"status": "aangemeld", "sort": "name"})) >= 2
