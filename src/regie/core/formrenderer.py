"""The form renderer: Django's own, except that a ``<select>`` is written in Python.

Django renders a select through a template for the select and one include per option
(and one more per option for its attributes). The monitoring filters offer every
municipality an organisation serves (200 for a national regisseur) and the caseload
search its statuses and doelgroepen: those includes were a good part of the page's CPU
(docs/performance.md). ``render_select`` writes exactly what Django's templates write
(``django/forms/widgets/select.html``, ``select_option.html``, ``attrs.html``: the same
characters, the same escaping; tests/core/test_formrenderer.py compares them for every
select of every form of Regie and for hand-made edge cases). Any other template, and a
select whose options use another template, is rendered by Django as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# What ``{{ value }}`` does in a template (localize, then escape), with the defaults of a
# template context; only read.
_CONTEXT = Context(autoescape=True)

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _v(value) -> str:
    """``{{ value }}``."""
    return render_value_in_context(value, _CONTEXT)


def _s(value) -> str:
    """``{{ value|stringformat:'s' }}`` (a safe value stays unescaped, as the filter keeps
    it safe)."""
    return conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """attrs.html: `` name="value"`` per attribute, `` name`` for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_v(name)}")
        else:
            out.append(f' {_v(name)}="{_s(value)}"')
    return "".join(out)


def render_select(widget: dict) -> str | None:
    """The select of a widget context as select.html renders it (stripped, as the renderer
    returns it), or None when an option has its own template."""
    parts = [f'<select name="{_v(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_v(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None
            parts.append(
                f'\n  <option value="{_s(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_v(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class Renderer(DjangoTemplates):
    """settings.FORM_RENDERER."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every value in it is escaped above
        return super().render(template_name, context, request=request)
