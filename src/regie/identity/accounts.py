"""Creating, updating and blocking Regie accounts from a provider's claims, with every
change in the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.models import AuditAction, RoleAssignment
from regie.core.roles import Role
from regie.identity.claims import kvk_matches, mapped_roles, two_factor_by_provider
from regie.identity.models import ExternalIdentity, IdentityProvider


@dataclass(frozen=True)
class Outcome:
    user: object | None
    refusal: str = ""
    two_factor: bool = False


def _refuse(provider: IdentityProvider, message: str, subject: str) -> Outcome:
    audit.log(
        AuditAction.LOGIN_FAILED,
        obj=provider,
        avg_relevant=False,
        description=f"inloggen via {provider.slug} geweigerd voor {subject[:60]}: {message}"[:300],
    )
    return Outcome(None, message)


def _username(provider: IdentityProvider, claims: dict, subject: str) -> str:
    User = get_user_model()
    wanted = str(claims.get(provider.username_claim) or "").strip()[:150]
    if wanted and not User.objects.filter(username=wanted).exists():
        return wanted
    return f"{provider.slug}-{subject}"[:150]


def _set_roles(user, roles: frozenset[Role]) -> tuple[set[str], set[str]]:
    have = set(user.role_assignments.values_list("role", flat=True))
    wanted = {role.value for role in roles}
    RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
    for role in sorted(wanted - have):
        RoleAssignment.objects.create(user=user, role=role)
    return wanted - have, have - wanted


def sign_in(provider: IdentityProvider, claims: dict) -> Outcome:
    """The account for these (verified) claims, or why not. The audit log names the
    provider as the actor of what the login changes."""
    who = audit.Actor(None, f"inlogdienst {provider.slug}", "", provider.organisation.name, "oidc")
    with audit.actor(who):
        return _sign_in(provider, claims)


@transaction.atomic
def _sign_in(provider: IdentityProvider, claims: dict) -> Outcome:
    subject = str(claims.get("sub") or "")
    organisation = provider.organisation
    if not subject:
        return _refuse(provider, _("De identity provider stuurde geen gebruikers-id (sub)."), "?")
    if not kvk_matches(claims, provider.kvk_claim, provider.kvk_number):
        return _refuse(
            provider,
            _("U bent niet ingelogd namens %(organisation)s (het KvK-nummer klopt niet).")
            % {"organisation": organisation.name},
            subject,
        )
    roles = mapped_roles(
        claims.get(provider.roles_claim),
        provider.role_mappings.values_list("claim_value", "role"),
    )
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if not roles:
        if identity and identity.user.is_active:
            user = identity.user
            user.is_active = False
            user.save(update_fields=["is_active"])
            _set_roles(user, frozenset())
            identity.blocked_by_provider = True
            identity.save(update_fields=["blocked_by_provider"])
            audit.log(
                AuditAction.UPDATE,
                obj=user,
                avg_relevant=False,
                description=f"geblokkeerd: {provider.slug} stuurt geen rol meer",
            )
        return _refuse(
            provider,
            _(
                "U heeft via %(organisation)s geen rol in Regie. Vraag de functioneel beheerder "
                "van uw organisatie om u een rol te geven."
            )
            % {"organisation": organisation.name},
            subject,
        )
    User = get_user_model()
    created = False
    if identity is None:
        email = str(claims.get("email") or "").strip()
        if claims.get("email_verified") is False:
            email = ""  # an address the provider did not verify links nothing
        # An existing local account of the same organisation, found by e-mail address,
        # is linked instead of doubled (moving an organisation onto its provider).
        candidates = (
            list(
                User.objects.filter(organisation=organisation, email__iexact=email).exclude(
                    external_identities__provider=provider
                )[:2]
            )
            if email
            else []
        )
        if len(candidates) == 1:
            user = candidates[0]
        else:
            user = User(username=_username(provider, claims, subject), organisation=organisation)
            user.set_unusable_password()
            created = True
        if not created and not user.is_active:
            return _refuse(
                provider, _("Uw account in Regie is geblokkeerd door de beheerder."), subject
            )
        user.save()
        identity = ExternalIdentity.objects.create(provider=provider, subject=subject, user=user)
    else:
        user = identity.user
        if user.organisation_id != organisation.pk:
            return _refuse(
                provider,
                _("Uw account in Regie hoort bij een andere organisatie."),
                subject,
            )
        if not user.is_active and not identity.blocked_by_provider:
            return _refuse(
                provider, _("Uw account in Regie is geblokkeerd door de beheerder."), subject
            )
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.email = str(claims.get("email") or user.email)[:254]
    user.organisation = organisation
    user.is_active = True
    user.save()
    added, removed = _set_roles(user, roles)
    identity.blocked_by_provider = False
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["blocked_by_provider", "last_login_at"])
    if created or added or removed:
        audit.log(
            AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=user,
            avg_relevant=False,
            description=(
                f"via {provider.slug}: rollen {', '.join(sorted(r.value for r in roles))}"
                f" (erbij: {', '.join(sorted(added)) or '-'};"
                f" eraf: {', '.join(sorted(removed)) or '-'})"
            )[:300],
        )
    user.__dict__.pop("roles", None)
    return Outcome(user, "", two_factor_by_provider(claims, provider.acr_set, provider.amr_set))
