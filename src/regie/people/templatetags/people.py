"""Template filters for persons: language names for stored codes."""

from django import template

from regie.people import languages

register = template.Library()


@register.filter
def language_names(codes: str | None) -> str:
    """'ar, ti' -> 'Arabisch, Tigrinya'."""
    return languages.names(codes)


@register.simple_tag
def split_languages(bound_field) -> dict:
    """The checkboxes of a languages field in two groups: the common languages (shown) and
    the others (folded away, open when one of them is ticked)."""
    common, other = [], []
    for choice in bound_field:
        (common if choice.data["value"] in languages.COMMON else other).append(choice)
    order = {code: i for i, code in enumerate(languages.COMMON)}
    common.sort(key=lambda c: order[c.data["value"]])
    return {
        "common": common,
        "other": other,
        "other_checked": any(c.data["selected"] for c in other),
    }
