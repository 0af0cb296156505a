"""Template context shared by every page: the user's permissions and the main menu."""

from regie.core.extensions import menu_for
from regie.core.roles import Permission


def regie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"perms_regie": frozenset(), "nav_items": []}
    permissions = frozenset(p.value for p in Permission if user.can(p))
    return {"perms_regie": permissions, "nav_items": menu_for(permissions)}
