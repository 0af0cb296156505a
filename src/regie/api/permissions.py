"""Each API action declares the permission it needs, from the one table in
regie.core.roles; the same table drives the UI and the role × URL matrix test."""

from rest_framework.permissions import BasePermission

from regie.core.roles import Permission


def required_permission(view, action: str | None) -> Permission:
    """The permission of ``action`` on ``view`` (a viewset class or instance). A method
    the URL does not map (a GET on a POST-only URL) needs what the URL declares: the
    permission of its GET action or else of its only action, so the answer is 403 for
    those without it and 405 for the others."""
    if not action:
        action_map = getattr(view, "action_map", None) or {}
        action = action_map.get("get") or next(iter(action_map.values()), None)
    return view.action_permissions.get(action or "", view.read_permission)


class RegiePermission(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if not user or not user.is_authenticated:
            return False
        permission = required_permission(view, getattr(view, "action", None))
        token = request.auth
        if token is not None and hasattr(token, "allows") and not token.allows(permission):
            return False
        return user.can(permission)
