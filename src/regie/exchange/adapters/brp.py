"""The BRP through Haal Centraal BRP Personen bevragen, version 2 (the specification is
kept in regie/exchange/specs/brp-personen-2.7.0.yaml; docs/brp.md).

One operation: ``POST {endpoint}/personen`` with ``type: RaadpleegMetBurgerservicenummer``.
Doelbinding: every question names its purpose and asks, in ``fields``, only what that
purpose needs (``FIELDS``). The municipality's gateway gets the API key and the headers
the beheerder configured (OIN, doelbinding, verwerking), and the W3C ``traceparent`` of the
processing, so its protocollering and Regie's processing log can be matched.

The adapter only moves data and turns the gateway's answers into Dutch messages
(``BrpError``); what Regie does with a person is in regie.exchange.brp.
"""

from __future__ import annotations

import requests
from django.utils.translation import gettext as _

from regie.exchange.adapters.base import register

# Purpose -> the fields asked for (the spec's ``fields``: dot paths, at most 130).
FIELDS: dict[str, tuple[str, ...]] = {
    # Registering a person: identity, address, registration in the municipality (its date
    # starts the PIP term), residence permit (the doelgroep), partner and children (the
    # household). geslacht: the registration form requires it.
    "registratie": (
        "burgerservicenummer",
        "naam",
        "geboorte",
        "geslacht",
        "nationaliteiten",
        "verblijfplaats",
        "gemeenteVanInschrijving",
        "datumInschrijvingInGemeente",
        "verblijfstitel",
        "partners.burgerservicenummer",
        "partners.naam",
        "kinderen.burgerservicenummer",
        "kinderen.naam",
        "kinderen.geboorte",
    ),
    # The periodic check: a move out of the municipality, a death, a new address.
    "controle": (
        "burgerservicenummer",
        "gemeenteVanInschrijving",
        "verblijfplaats",
        "overlijden",
    ),
}
# The spec allows at most this many BSNs in one question.
MAX_BSN = 20
CONTENT_TYPE = "application/json; charset=utf-8"


class BrpError(Exception):
    """A question the BRP did not answer; ``str()`` is the Dutch message for the user."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def _reasons(body: dict) -> str:
    params = body.get("invalidParams") or []
    return "; ".join(
        f"{p.get('name', '')}: {p.get('reason', '')}".strip(": ") for p in params[:5]
    ) or str(body.get("title", ""))


def error_for(status: int, body: dict) -> BrpError:
    if status == 400:
        return BrpError(
            _("De BRP weigerde de vraag als ongeldig (%(reden)s). Controleer het BSN.")
            % {"reden": _reasons(body)},
            status,
        )
    if status in (401, 403):
        return BrpError(
            _(
                "Regie is niet gemachtigd voor deze vraag aan de BRP. Vraag de functioneel "
                "beheerder de BRP-koppeling (API-sleutel, OIN, doelbinding) te controleren."
            ),
            status,
        )
    if status == 404:
        return BrpError(
            _(
                "De BRP API is niet gevonden op het ingestelde adres. Vraag de functioneel "
                "beheerder de BRP-koppeling te controleren."
            ),
            status,
        )
    if status == 429:
        return BrpError(
            _("De BRP krijgt nu te veel vragen. Probeer het over een minuut opnieuw."), status
        )
    return BrpError(
        _(
            "De BRP is tijdelijk niet beschikbaar (fout %(status)s). Probeer het later opnieuw "
            "of vul de gegevens zelf in."
        )
        % {"status": status},
        status,
    )


@register("brp", "haal-centraal")
class HaalCentraalBrp:
    """The network variant. ``koppeling`` is a regie.exchange.models.BrpKoppeling."""

    name = "haal-centraal"

    def __init__(self, session: requests.Session | None = None):
        self.session = session or requests.Session()

    def raadpleeg(self, koppeling, bsns: list[str], doel: str, traceparent: str) -> list[dict]:
        """The persons with these BSNs (at most MAX_BSN), with the fields of ``doel``; a
        BSN the BRP does not know is simply absent from the list."""
        if not 1 <= len(bsns) <= MAX_BSN:
            raise ValueError(f"1 to {MAX_BSN} BSNs per question")
        body = {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": list(bsns),
            "fields": list(FIELDS[doel]),
        }
        headers = {
            **koppeling.headers(),
            "Content-Type": CONTENT_TYPE,
            "Accept": "application/json",
            "traceparent": traceparent,
        }
        if koppeling.api_key and koppeling.api_key_header:
            headers[koppeling.api_key_header] = koppeling.api_key
        cert = None
        if koppeling.client_certificaat:
            cert = (koppeling.client_certificaat, koppeling.client_sleutel or None)
        try:
            response = self.session.post(
                koppeling.endpoint.rstrip("/") + "/personen",
                json=body,
                headers=headers,
                timeout=koppeling.timeout,
                cert=cert,
            )
        except requests.RequestException:
            raise BrpError(
                _(
                    "De BRP is niet bereikbaar. Probeer het later opnieuw of vul de gegevens "
                    "zelf in."
                )
            ) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code != 200:
            raise error_for(response.status_code, answer if isinstance(answer, dict) else {})
        if not isinstance(answer, dict) or not isinstance(answer.get("personen", []), list):
            raise BrpError(_("De BRP gaf een antwoord dat Regie niet kan lezen."), 200)
        return answer.get("personen", [])
