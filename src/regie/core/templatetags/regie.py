"""Template helpers: render a form widget with the NL Design System classes and the
ARIA links to its help text and error message."""

from django import template

register = template.Library()

_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}


@register.simple_tag
def field_widget(bound_field):
    widget = bound_field.field.widget
    kind = getattr(widget, "input_type", None) or (
        "textarea" if widget.__class__.__name__ == "Textarea" else "select"
    )
    css = _CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
    attrs = {"class": css}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.field.required:
        attrs["required"] = True
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def rowurl(name, *args):
    """``{% url name args %}`` for the rows of a list: within a request the URL name is
    reversed once and the ids filled in (regie.core.urlfmt.reverse_row); escaped like
    ``{% url %}``."""
    from regie.core.urlfmt import reverse_row

    return reverse_row(name, *args)
