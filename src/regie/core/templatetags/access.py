"""Template helpers about who may do what, from the tables in regie.core.roles.

Where a role may not do something, the page says who can instead of hiding it silently::

    {% load access %}
    {% who_can "volunteers.manage" as who %}
    <p>{% blocktranslate %}Alleen {{ who }} kan vrijwilligers toevoegen.{% endblocktranslate %}</p>
"""

from django import template

from regie.core import roles

register = template.Library()


@register.simple_tag
def who_can(permission: str) -> str:
    """The roles holding ``permission`` in words: 'de klantmanager of de maatschappelijk
    begeleider'."""
    return roles.who_can(permission)
