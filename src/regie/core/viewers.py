"""Who looked at a file, as far as the viewer may know ("Recent ingezien door", issue 17 M6).

That a jurist opened a file reveals a bezwaar, beroep or boetebesluit; an aanbieder must not
learn that from the file's audit panel. An entry by a role in ``REVEALING_ROLES`` is shown
only to viewers holding one of the listed permissions; to anyone else it is shown as a neutral
"een medewerker van de gemeente", without name, role or organisation. The table is small and
explicit on purpose: a change to it shows up as a diff a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from regie.core.roles import Permission, Role

# role whose read reveals something -> (permissions whose holders may know of it, reason)
REVEALING_ROLES: dict[Role, tuple[frozenset[Permission], str]] = {
    Role.JURIST: (
        frozenset({Permission.HANDHAVING_VIEW, Permission.BEZWAAR_VIEW}),
        "the jurist opens a file only for a bezwaar, beroep or boetebesluit (seed §3.2)",
    ),
    Role.FINANCIEEL: (
        frozenset({Permission.ONTZORGING_VIEW}),
        "the financieel medewerker reads a file for ontzorging or payments: financial matters",
    ),
    Role.BEHEERDER: (
        frozenset({Permission.AVG_EXPORT}),
        "the beheerder reads a file only by an access grant, e.g. for an AVG inzageverzoek",
    ),
}

NEUTRAL = _("Een medewerker van de gemeente")


@dataclass(frozen=True)
class RecentView:
    at: datetime
    username: str
    roles: str
    organisation: str
    masked: bool = False


def may_know_of(viewer, role: str) -> bool:
    """Whether ``viewer`` may learn that someone in ``role`` looked at a file."""
    try:
        rule = REVEALING_ROLES.get(Role(role))
    except ValueError:
        return True
    if rule is None:
        return True
    permissions, _reason = rule
    return any(viewer.can(permission) for permission in permissions)


def recent_views_for(viewer, events: Iterable) -> list[RecentView]:
    """The audit rows as ``viewer`` may see them: an entry with any role the viewer may not
    know of keeps only its time and names "Een medewerker van de gemeente"."""
    shown = []
    for event in events:
        roles = [r.strip() for r in (event.roles or "").split(",") if r.strip()]
        if all(may_know_of(viewer, role) for role in roles):
            shown.append(RecentView(event.at, event.username, event.roles, event.organisation))
        else:
            shown.append(RecentView(event.at, str(NEUTRAL), "", "", masked=True))
    return shown
