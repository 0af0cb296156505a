"""Security events in the audit log: logins, failed logins and logouts."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from regie.core import audit
from regie.core.models import AuditAction


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit.log(AuditAction.LOGIN, avg_relevant=False, who=audit.actor_for(user, "login"))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.log(AuditAction.LOGOUT, avg_relevant=False, who=audit.actor_for(user, "logout"))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Only the user name tried is kept, never the password.
    username = str(credentials.get("username", ""))[:150]
    who = audit.Actor(None, username, "", "", "login")
    audit.log(AuditAction.LOGIN_FAILED, avg_relevant=False, who=who)
