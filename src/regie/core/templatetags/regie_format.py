"""Dutch numbers in templates: ``{% load regie_format %}`` then ``{{ n|getal }}``,
``{{ hours|uren }}``, ``{{ amount|euro }}``, ``{{ share|procent }}``, ``{{ cell|cel }}``
(a table cell that may be a number or text) and ``{{ codes|rollen }}`` (role keys as
labels). The functions live in regie.core.formatting.

Charts are the exception: ``{{ x|svg }}`` writes a coordinate or length for an SVG
attribute as the browser parses it ("260.5", never the Dutch "260,5", which Chromium
rejects so the chart collapses to nothing), whatever the language of the page."""

import math

from django import template

from regie.core import formatting

register = template.Library()

register.filter("getal", formatting.getal)
register.filter("uren", formatting.uren)
register.filter("euro", formatting.euro)
register.filter("procent", formatting.procent)


@register.filter
def cel(value):
    """A figure in a table: numbers with Dutch separators, anything else as it is."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return formatting.getal(value, 0)
    if hasattr(value, "as_tuple") or isinstance(value, float):
        return formatting.getal(value)
    return value


@register.filter
def rollen(value) -> str:
    """ "klantmanager,jurist" (as stored in an audit row) as "Klantmanager, Jurist"."""
    from regie.core.roles import Role

    labels = dict(Role.choices)
    keys = value if isinstance(value, list | tuple) else str(value or "").split(",")
    return ", ".join(str(labels.get(k.strip(), k.strip())) for k in keys if k.strip())


register.filter("leerroute", formatting.leerroute_label)


@register.filter
def svg(value) -> str:
    """A number for an SVG attribute: unlocalised, at most one decimal, never negative
    (a negative length is invalid SVG; a negative figure is a data error the chart's table
    shows, see docs/architecture.md). Anything that is not a finite number gives 0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    if not math.isfinite(number) or number <= 0:
        return "0"
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text
