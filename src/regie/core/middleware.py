"""Request middleware: the audit actor of each request, and enforced two-factor login."""

from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404

from regie.core import audit, memo
from regie.identity.session import two_factor_by_provider


class AuditContextMiddleware:
    """Makes the user, their roles and the page (URL name, never the query string or
    body) available to the audit log for the duration of the request; for GET and HEAD
    requests also opens the per-request memo of regie.core.memo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            match = resolve(request.path_info)
            route = f"{match.view_name} {request.path}"
        except Resolver404:
            route = request.path
        # W3C trace context of a caller (getattr: test doubles of a request have no META).
        incoming = audit.parse_traceparent(getattr(request, "META", {}).get("HTTP_TRACEPARENT"))
        with (
            audit.actor(audit.actor_for(getattr(request, "user", None), route)),
            audit.trace(incoming),
        ):
            if request.method in ("GET", "HEAD"):
                with memo.request_memo():
                    return self.get_response(request)
            return self.get_response(request)


# Pages a half-logged-in user may reach: the second step itself, logout and the
# language switch.
_TWO_FACTOR_OPEN = {"two_factor_verify", "two_factor_setup", "logout", "set_language"}


class TwoFactorMiddleware:
    """A user with a confirmed authenticator must enter a code after the password; a
    user whose role requires two-factor login must set one up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if two_factor_by_provider(request):
            return None  # the organisation's provider did the second factor (acr/amr)
        if request.resolver_match and request.resolver_match.url_name in _TWO_FACTOR_OPEN:
            return None
        # Read with the user on every request (regie.core.authbackend); a user loaded
        # otherwise (an API token's) asks the authenticators' table.
        has_device = getattr(user, "_has_confirmed_device", None)
        if has_device is None:
            from django_otp import user_has_device

            has_device = user_has_device(user, confirmed=True)
        if has_device:
            return redirect("two_factor_verify")
        if user.requires_two_factor:
            return redirect("two_factor_setup")
        return None
