"""The API's router: every URL it makes declares its access rule (``regie_access``) for
the AccessRuleMiddleware and the role × URL matrix: the permission of the URL's GET
action, or of its only action for POST-only URLs."""

from rest_framework.routers import SimpleRouter

from regie.api.permissions import required_permission
from regie.core.access import ACCESS_ATTR


class RegieRouter(SimpleRouter):
    def get_urls(self):
        urls = super().get_urls()
        for pattern in urls:
            view = pattern.callback
            actions = getattr(view, "actions", {})
            action = actions.get("get") or next(iter(actions.values()), None)
            setattr(view, ACCESS_ATTR, required_permission(view.cls, action))
        return urls
