"""Errors as RFC 9457 problem details (``application/problem+json``), with the field
details of a 400 in ``invalidParams`` as the NL API design rules describe them."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet acceptabel.",
    409: "Conflict.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
}


def _flatten(detail, prefix=""):
    """DRF's nested error detail → [(name, code, reason)]."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else "nonFieldErrors"
            yield from _flatten(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                yield from _flatten(value, f"{prefix}.{index}")
            else:
                yield from _flatten(value, prefix)
    else:
        yield (prefix or "nonFieldErrors", getattr(detail, "code", "invalid"), str(detail))


def problem_with(members: dict, code: int, instance: str, detail: str = "") -> dict:
    """A problem whose extension members carry more (RFC 9457, 3.2): for example the row
    report of a refused upload."""
    return {
        "type": f"https://regie.invalid/problemen/{code}",
        "title": _(TITLES.get(code, "Fout.")),
        "status": code,
        "detail": detail or _("Er is niets verwerkt: zie de rijen."),
        "instance": instance,
        **members,
    }


def problem_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    code = response.status_code
    problem = {
        "type": f"https://regie.invalid/problemen/{code}",
        "title": _(TITLES.get(code, "Fout.")),
        "status": code,
        "instance": request.path if request is not None else "",
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["code"] = "invalid"
        problem["detail"] = _("De invoer is niet geldig; zie invalidParams.")
        problem["invalidParams"] = [
            {"name": name, "code": str(c), "reason": reason}
            for name, c, reason in _flatten(exc.detail)
        ]
    else:
        detail = getattr(exc, "detail", "")
        problem["code"] = getattr(detail, "code", "error") or "error"
        problem["detail"] = str(detail)
    response.data = problem
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (problem details).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["type", "title", "status"],
}
_ERROR_STATUSES = {
    "400": "Ongeldige invoer",
    "401": "Niet geauthenticeerd",
    "403": "Geen toegang",
    "404": "Niet gevonden",
    "405": "Methode niet toegestaan",
    "406": "Niet acceptabel",
    "415": "Mediatype niet ondersteund",
    "429": "Te veel verzoeken",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents its problem
    responses with the Problem schema."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            # A 4xx an operation documents itself (the upload's row report) is a problem
            # too, with its own fields as extension members; the same status can also be
            # a plain problem (a request without a file).
            for code, response in responses.items():
                content = response.get("content", {})
                if str(code).startswith("4") and "application/json" in content:
                    own = content.pop("application/json")["schema"]
                    content[PROBLEM_CONTENT_TYPE] = {
                        "schema": {"anyOf": [{"allOf": [ref, own]}, ref]}
                    }
            for code, description in _ERROR_STATUSES.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": ref}},
                    },
                )
    return result


__all__ = ["add_problem_responses", "problem_exception_handler", "status"]
