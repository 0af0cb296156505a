"""Template filters for persons: language names for stored codes."""

from django import template

from regie.people import languages

register = template.Library()


@register.filter
def language_names(codes: str | None) -> str:
    """'ar, ti' -> 'Arabisch, Tigrinya'."""
    return languages.names(codes)
