"""Template context shared by every page: the user's roles and navigation."""

from regie.core.roles import Permission


def regie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"perms_regie": frozenset()}
    return {"perms_regie": frozenset(p.value for p in Permission if user.can(p))}
