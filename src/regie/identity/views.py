"""The login through a provider (start and callback) and the beheer pages of the
providers and their role mapping."""

import json
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from mozilla_django_oidc.utils import (
    absolutify,
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)
from mozilla_django_oidc.views import get_next_url

from regie.core import audit
from regie.core.access import public, requires
from regie.core.administration import own_municipality_ids
from regie.core.models import AuditAction, Municipality, Organisation
from regie.core.roles import Permission
from regie.identity import session as keys
from regie.identity.backend import ProviderBackend
from regie.identity.forms import ProviderForm
from regie.identity.models import IdentityProvider

log = logging.getLogger(__name__)
BACKEND = "regie.identity.backend.ProviderBackend"


@public
@never_cache
def oidc_start(request, slug: str):
    """Sends the browser to the provider's authorization endpoint (code flow with PKCE
    and nonce)."""
    provider = get_object_or_404(
        IdentityProvider.objects.select_related("organisation"), slug=slug, enabled=True
    )
    if not provider.in_use:
        raise Http404("not approved by every municipality")
    state = get_random_string(32)
    nonce = get_random_string(32)
    verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": provider.scopes,
        "client_id": provider.client_id,
        "redirect_uri": absolutify(request, reverse("oidc_authentication_callback")),
        "state": state,
        "nonce": nonce,
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
        # OpenID Connect Core 5.5: ask (voluntarily) for how the employee authenticated,
        # so a second factor at the provider counts for Regie (acr/amr).
        "claims": json.dumps({"id_token": {"acr": None, "amr": None}}),
    }
    add_state_and_verifier_and_nonce_to_session(request, state, params, verifier)
    started = request.session.get(keys.STATES, {})
    started[state] = provider.pk
    request.session[keys.STATES] = dict(list(started.items())[-10:])
    request.session["oidc_login_next"] = get_next_url(request, "next")
    request.session.save()
    query = urlencode(params)
    separator = "&" if "?" in provider.authorization_endpoint else "?"
    return HttpResponseRedirect(f"{provider.authorization_endpoint}{separator}{query}")


def _failed(request, provider, message: str = ""):
    messages.error(
        request,
        message
        or _("Inloggen via %(provider)s is niet gelukt. Probeer het opnieuw.")
        % {"provider": provider.button_label if provider else _("uw organisatie")},
    )
    return redirect("login")


@public
@never_cache
def oidc_callback(request):
    """The provider sends the browser back here with a code (or an error)."""
    state = request.GET.get("state", "")
    states = request.session.get("oidc_states", {})
    provider_pk = request.session.get(keys.STATES, {}).get(state)
    provider = (
        IdentityProvider.objects.select_related("organisation")
        .filter(pk=provider_pk, enabled=True)
        .first()
    )
    if provider is None or state not in states or not provider.in_use:
        return _failed(request, provider)
    nonce = states[state]["nonce"]
    verifier = states[state].get("code_verifier")
    del states[state]
    request.session["oidc_states"] = states
    request.session.save()
    if request.GET.get("error") or not request.GET.get("code"):
        return _failed(request, provider)
    backend = ProviderBackend()
    try:
        user = backend.authenticate(
            request, identity_provider=provider, nonce=nonce, code_verifier=verifier
        )
    except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, KeyError) as error:
        log.warning("OIDC login via %s failed: %s", provider.slug, error)
        audit.log(
            AuditAction.LOGIN_FAILED,
            obj=provider,
            avg_relevant=False,
            description=f"inloggen via {provider.slug} mislukt: {type(error).__name__}",
        )
        return _failed(request, provider)
    result = getattr(request, "regie_oidc", {})
    if user is None or not user.is_active:
        return _failed(request, provider, result.get("refusal", ""))
    next_url = request.session.get("oidc_login_next")
    user.backend = BACKEND
    auth.login(request, user)
    request.session[keys.PROVIDER] = provider.pk
    request.session[keys.ID_TOKEN] = result.get("id_token", "")
    request.session[keys.TWO_FACTOR_BY_PROVIDER] = bool(result.get("two_factor"))
    return redirect(next_url or "home")


def _organisations(user):
    """The organisations working for one of the beheerder's municipalities. One that
    also works for others gets its provider in use only when their beheerders approve."""
    return Organisation.objects.filter(serves__in=own_municipality_ids(user)).distinct()


def _providers(user):
    return IdentityProvider.objects.filter(organisation__in=_organisations(user))


@requires(Permission.USERS_MANAGE)
def provider_list(request):
    providers = (
        _providers(request.user)
        .select_related("organisation")
        .prefetch_related("role_mappings", "organisation__serves", "approved_municipalities")
        .order_by("organisation__name", "slug")
    )
    page = Paginator(providers, 50).get_page(request.GET.get("page"))
    return render(request, "identity/providers.html", {"page": page})


def _approve_own(user, provider) -> list[Municipality]:
    own = own_municipality_ids(user)
    mine = [m for m in provider.organisation.serves.all() if m.pk in own]
    provider.approved_municipalities.add(*mine)
    return mine


@requires(Permission.USERS_MANAGE)
@require_POST
def provider_approve(request, pk: int):
    """A beheerder of another municipality the organisation works for approves the
    provider's current configuration (four eyes)."""
    provider = get_object_or_404(_providers(request.user), pk=pk)
    with transaction.atomic():
        approved = _approve_own(request.user, provider)
        audit.log(
            AuditAction.GRANT,
            obj=provider,
            avg_relevant=False,
            description=f"inlogdienst {provider.slug} goedgekeurd voor "
            + ", ".join(m.name for m in approved),
        )
    messages.success(
        request,
        _("U heeft de inlogdienst %(name)s goedgekeurd.") % {"name": provider.button_label},
    )
    return redirect("identity_provider_edit", pk=provider.pk)


@requires(Permission.USERS_MANAGE)
def provider_edit(request, pk: int | None = None):
    instance = get_object_or_404(_providers(request.user), pk=pk) if pk else IdentityProvider()
    form = ProviderForm(
        request.POST or None, instance=instance, organisations=_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            provider = form.save()
            # A change is approved by the editor's municipalities only; the others of the
            # organisation approve it again before it is in use.
            provider.approved_municipalities.clear()
            _approve_own(request.user, provider)
            audit.log(
                AuditAction.UPDATE if pk else AuditAction.CREATE,
                obj=provider,
                avg_relevant=False,
                description=form.summary()[:300],
            )
        messages.success(
            request,
            _("De inlogdienst %(name)s is opgeslagen.") % {"name": provider.button_label},
        )
        return redirect("identity_provider_list")
    return render(
        request,
        "identity/provider_form.html",
        {
            "form": form,
            "edited": instance,
            "awaiting": instance.awaiting() if instance.pk else [],
            "may_approve": bool(
                instance.pk
                and {m.pk for m in instance.awaiting()} & own_municipality_ids(request.user)
            ),
            "callback": absolutify(request, reverse("oidc_authentication_callback")),
            "after_logout": absolutify(request, reverse("login")),
        },
    )
