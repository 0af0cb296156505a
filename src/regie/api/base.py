"""The one base of every API viewset: need-to-know scoping, the declared permission per
action, audit logging of reads, problem+json errors, paging and throttling.

``ScopedViewSetMixin.get_queryset`` is the only way a viewset reaches its rows: it takes
the class's ``queryset`` (which must be a ScopedQuerySet) through ``for_user``, exactly
like the pages of the UI. A viewset cannot bypass it without overriding get_queryset,
which tests/api check for every registered viewset.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response

from regie.api.authentication import ApiTokenAuthentication
from regie.api.permissions import RegiePermission
from regie.api.problems import problem_exception_handler
from regie.core import audit
from regie.core.access import ScopedQuerySet
from regie.core.models import AuditAction
from regie.core.numbers import whole_number
from regie.core.roles import Permission


class RegiePagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 200

    def get_page_size(self, request):
        """An invalid pageSize is a 400 with the field named, not silently the default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not whole_number(raw, maximum=self.max_page_size):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Geef een geheel getal van 1 tot en met %(max)s.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        """The bounds the API enforces, in the schema (issue 17: schemathesis sent
        ``pageSize=0``, which the schema allowed and the API refuses)."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


class ScopedViewSetMixin:
    """Mix into a DRF GenericViewSet. Subclasses set ``queryset`` (of a scoped model),
    ``read_permission`` and ``action_permissions`` for their other actions, and
    ``audit_what`` (how reads are described in the audit log)."""

    authentication_classes = [
        ApiTokenAuthentication,
        # The UI's session; DRF enforces CSRF on unsafe methods for it.
        SessionAuthentication,
    ]
    permission_classes = [RegiePermission]
    pagination_class = RegiePagination
    read_permission: Permission = Permission.PEOPLE_VIEW
    action_permissions: dict[str, Permission] = {}
    audit_what = ""
    # Model field name → API field name, for Django ValidationErrors from services.
    field_names: dict[str, str] = {}

    def get_exception_handler(self):
        return problem_exception_handler

    def get_queryset(self):
        queryset = self.queryset.all()
        if not isinstance(queryset, ScopedQuerySet):
            raise ImproperlyConfigured(f"{type(self).__name__}: queryset is not scoped")
        return queryset.for_user(self.request.user)

    def get_object(self):
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if whole_number(value) is None:
            raise exceptions.NotFound()
        return super().get_object()

    # The audit actor is the API caller (the middleware only knew the session user).
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        match = request.resolver_match
        route = f"{match.view_name if match else 'api'} {request.path}"
        self._audit_actor = audit.actor(audit.actor_for(request.user, route))
        self._audit_actor.__enter__()

    def finalize_response(self, request, response, *args, **kwargs):
        actor = getattr(self, "_audit_actor", None)
        if actor is not None:
            self._audit_actor = None
            actor.__exit__(None, None, None)
        return super().finalize_response(request, response, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        audit.log_each(AuditAction.READ, page, f"API {self.audit_what} (lijst)")
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        audit.log_each(AuditAction.READ, [instance], f"API {self.audit_what}")
        return Response(self.get_serializer(instance).data)

    def service_errors(self, exc: DjangoValidationError) -> exceptions.ValidationError:
        """A service's Django ValidationError as a 400 with the API's field names."""
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {self.field_names.get(k, k): v for k, v in exc.message_dict.items()}
            )
        return exceptions.ValidationError({"nonFieldErrors": exc.messages})
