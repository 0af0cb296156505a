"""Security events in the audit log: logins, failed logins, logouts and renamed users."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from regie.core import audit
from regie.core.models import AuditAction, User

# A change of any of these is a rename: the audit log records old and new (issue 17).
NAME_FIELDS = ("username", "first_name", "last_name")
NAME_LABELS = {"username": "gebruikersnaam", "first_name": "voornaam", "last_name": "achternaam"}


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
    # The account's id when the name exists, so its trail survives a later rename.
    user_id = User.objects.filter(username=username).values_list("pk", flat=True).first()
    who = audit.Actor(user_id, username, "", "", "login")
    audit.log(AuditAction.LOGIN_FAILED, avg_relevant=False, who=who)


@receiver(pre_save, sender=User)
def remember_names(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(NAME_FIELDS):
        return  # e.g. last_login at every login: no extra query
    instance._names_before = User.objects.filter(pk=instance.pk).values(*NAME_FIELDS).first()


@receiver(post_save, sender=User)
def log_rename(sender, instance, created, raw=False, **kwargs):
    """Whoever renames an account (beheer, a command, the shell through the ORM), the log
    keeps old and new: rows carry the name at the time and the account's immutable id."""
    before = instance.__dict__.pop("_names_before", None)
    if created or raw or not before:
        return
    changes = [
        f"{NAME_LABELS[name]} {before[name]} → {getattr(instance, name)}"
        for name in NAME_FIELDS
        if before[name] != getattr(instance, name)
    ]
    if changes:
        audit.log(
            AuditAction.UPDATE,
            obj=instance,
            avg_relevant=False,
            description="hernoemd: " + "; ".join(changes),
        )
