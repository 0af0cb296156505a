"""The password login's backend: Django's ModelBackend, with what every page needs of the
user read in the same query as the user on every request: the organisation (the audit
actor), the roles (every permission check), the municipalities the organisation serves
(the access scope) and whether the user has a confirmed authenticator (the two-factor
check). Django would read each in a query of its own: three or four queries on every
page (docs/performance.md, "What every page reads of its user").

They are read afresh on every request, as before: a role taken away, a municipality no
longer served or an authenticator added counts from the next request."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db.models import Aggregate, BooleanField, CharField
from django.db.models.functions import Cast

from regie.core.compiled import MARKER, CompiledSQL, Kept, correlated


class _Joined(Aggregate):
    """The values of a column joined by commas, as text (PostgreSQL ``STRING_AGG``, SQLite
    ``GROUP_CONCAT``); NULL when there are none."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def _joined(queryset, group: str, column: str):
    """``column`` of the rows of ``queryset`` joined by commas; ``queryset`` is limited to
    one user or organisation through ``group``, so it has one group at most."""
    return (
        queryset.order_by()
        .values(group)
        .annotate(joined=_Joined(Cast(column, CharField())))
        .values("joined")
    )


@functools.cache
def _request_fact_columns() -> dict[str, tuple[str, tuple, object]]:
    """The three columns of ``with_request_facts``, compiled by Django once per process:
    building and compiling their subqueries on every request cost about as much Python as
    the three queries they spare."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from regie.core.models import Organisation, RoleAssignment, User

    serves = Organisation.serves.through.objects.filter(organisation_id=MARKER)
    roles = RoleAssignment.objects.filter(user_id=MARKER)
    device = TOTPDevice.objects.filter(user_id=MARKER, confirmed=True).values("pk")[:1]
    exists_sql, exists_params = correlated(device, User, "pk")
    return {
        "_role_codes": (*correlated(_joined(roles, "user_id", "role"), User, "pk"), CharField()),
        "_served_ids": (
            *correlated(
                _joined(serves, "organisation_id", "municipality_id"), User, "organisation"
            ),
            CharField(),
        ),
        "_has_confirmed_device": (f"EXISTS {exists_sql}", exists_params, BooleanField()),
    }


def with_request_facts(queryset):
    """``queryset`` of users with the annotations ``apply_request_facts`` reads."""
    return queryset.select_related("organisation").annotate(
        **{
            name: CompiledSQL(sql, params, field)
            for name, (sql, params, field) in _request_fact_columns().items()
        }
    )


def apply_request_facts(user):
    """Put the annotations of ``with_request_facts`` where the code looks for them: the
    roles (``User.roles``), the served municipalities (``served_municipality_ids``) and the
    authenticator (``TwoFactorMiddleware``)."""
    from regie.core.roles import Role

    codes = user.__dict__.pop("_role_codes", None) or ""
    user.__dict__["roles"] = frozenset(Role(code) for code in codes.split(",") if code)
    served = user.__dict__.pop("_served_ids", None) or ""
    user._served_municipality_ids = sorted(int(pk) for pk in served.split(",") if pk)
    return user


# The user's query of every request, compiled once per process and user (about 1 ms of
# Python on every page); the user's row, roles and municipalities are read afresh.
_user_queries = Kept(1000)


def active_user(backend, user_id):
    """The user of a session with their organisation, roles, served municipalities and
    authenticator, or None when the account is gone or blocked (Django's rule: an inactive
    account loses its session at once)."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    users = list(
        _user_queries.queryset(pk, lambda: with_request_facts(model._default_manager).filter(pk=pk))
    )
    if not users:
        return None
    user = users[0]
    if not backend.user_can_authenticate(user):
        return None
    return apply_request_facts(user)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        return active_user(self, user_id)
