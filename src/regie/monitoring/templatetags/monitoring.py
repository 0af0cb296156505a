from django import template

register = template.Library()


@register.filter
def chart_height(bars) -> int:
    return len(bars) * 24 + 8
