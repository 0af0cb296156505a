"""The password login's backend: Django's ModelBackend, with the user's organisation read
in the same query as the user on every request. Every page needs the organisation (the
audit actor, the served municipalities), which Django would read in a query of its own."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def active_user(backend, user_id):
    """The user of a session with their organisation, or None when the account is gone or
    blocked (Django's rule: an inactive account loses its session at once)."""
    model = get_user_model()
    try:
        user = model._default_manager.select_related("organisation").get(pk=user_id)
    except model.DoesNotExist:
        return None
    return user if backend.user_can_authenticate(user) else None


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        return active_user(self, user_id)
