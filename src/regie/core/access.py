"""Need-to-know access: the ONE mechanism every view, export and document goes through.

Three parts, all driven by the tables in roles.py:

1. ``requires(permission)`` marks a view with the permission it needs. The
   AccessRuleMiddleware refuses every view that declares nothing (deny by default), so a
   new page cannot forget its rule; ``public`` marks the few open pages (login).
2. ``ScopedQuerySet.for_user(user)`` narrows any queryset of personal data to the
   persons the user may see: within the municipalities their organisation works for, by
   the scope of each of their roles, plus explicit, dated access grants. Models holding
   special-category data (health) return nothing to roles without HEALTH_VIEW.
3. ``FieldGroup`` visibility (``user.sees(group)``) hides parts of a file, such as the
   BSN or the address, from roles that do not need them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone, translation

from regie.core.compiled import CompiledSQL, Kept
from regie.core.roles import ROLE_SCOPE, Permission, Scope
from regie.rules.lifecycle import INTAKE_QUEUE

ACCESS_ATTR = "regie_access"
PUBLIC = "public"


def requires(permission: Permission) -> Callable:
    """Declare the permission a view needs; anonymous users are sent to the login page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.can(permission):
                raise PermissionDenied(permission)  # the 403 page names who can
            return view(request, *args, **kwargs)

        setattr(wrapped, ACCESS_ATTR, permission)
        return wrapped

    return decorator


def public(view):
    """Mark a view that anyone may open (login, language switch)."""
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view


def access_rule(view) -> str | None:
    rule = getattr(view, ACCESS_ATTR, None)
    if rule is None and hasattr(view, "view_class"):
        rule = getattr(view.view_class, ACCESS_ATTR, None)
    return rule


class AccessRuleMiddleware:
    """Refuses any view that does not declare its access rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if access_rule(view_func) is None:
            raise PermissionDenied("This view declares no access rule.")
        return None


def served_municipality_ids(user) -> list[int]:
    cached = getattr(user, "_served_municipality_ids", None)
    if cached is None:
        if user.organisation_id:
            cached = list(user.organisation.serves.values_list("id", flat=True))
        else:
            cached = []
        user._served_municipality_ids = cached
    return cached


class InSubquery(models.Func):
    """``field IN (subquery)``, written for PostgreSQL as ``field = ANY(ARRAY(subquery))``:
    the subquery is then evaluated once and the index on the field can be used, also
    inside an OR. A plain ``IN (subquery)`` inside an OR forces a sequential scan of the
    whole table (docs/performance.md)."""

    arg_joiner = " IN "
    template = "%(expressions)s"
    output_field = models.BooleanField()
    conditional = True

    def __init__(self, field: str, queryset):
        if not isinstance(queryset, _CompiledSubquery):
            queryset = models.Subquery(queryset)
        super().__init__(models.F(field), queryset)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, arg_joiner=" = ANY(ARRAY", template="%(expressions)s)", **extra
        )


def _intake_queue_q(user, path: str) -> Q:
    """Unassigned means "in the intake queue of my team's municipalities": no klantmanager,
    still aangemeld, and (when the team names its municipalities) in one of those."""
    queue = Q(
        **{
            f"{path}klantmanager__isnull": True,
            f"{path}status__in": sorted(INTAKE_QUEUE),
        }
    )
    if not user.team_id:
        return queue
    team = apps.get_model("core", "Team")
    team_municipalities = team.municipalities.through.objects.filter(
        team_id=user.team_id
    ).values("municipality_id")
    return queue & (
        Q(**{f"{path}municipality__in": team_municipalities}) | ~Q(Exists(team_municipalities))
    )


def _financial_records() -> list:
    """The person ids of the records that make a person the financieel medewerker's
    business (``Scope.FINANCIAL_RECORDS``): an ontzorging (in any state), a geldtraining
    and a fine from its boetebesluit on (collected, remitted or paid). By model label, not
    imported: the platform does not import the domain apps (docs/architecture.md)."""
    sources = (
        apps.get_model("finance", "Ontzorging").objects.all(),
        apps.get_model("finance", "GeldtrainingDeelname").objects.all(),
        apps.get_model("enforcement", "Handhavingszaak").objects.fined(),
    )
    return [rows.order_by().values("inburgeraar_id") for rows in sources]


def person_scope_q(user, path: str = "") -> Q:
    """The persons ``user`` may see, as a Q over ``path`` (the relation to Inburgeraar:
    '' on Inburgeraar itself, 'inburgeraar__' on a related model).

    Built once per user object (that is, per request), path and day, like the compiled
    subqueries beside it (``_scope_cache``): a page filters persons through it several
    times (the werkvoorraad nine), and building it takes a few subqueries each time. A
    Q is not changed by filtering with it or combining it, so one can serve them all."""
    if not user.is_authenticated or not user.is_active or not user.roles:
        return Q(pk__in=[])
    cache = _scope_cache(user)
    if ("q", path) not in cache:
        cache[("q", path)] = _person_scope_q(user, path)
    return cache[("q", path)]


def _person_scope_q(user, path: str) -> Q:
    person = f"{path}pk" if not path else path.removesuffix("__")
    verwijzing = apps.get_model("people", "Verwijzing")
    grant = apps.get_model("people", "AccessGrant")

    by_role = Q(pk__in=[])
    own_terms = Q(pk__in=[])  # terms that carry the served municipalities themselves
    for role in user.roles:
        scope = ROLE_SCOPE[role]
        if scope == Scope.TEAM_CASELOAD:
            by_role |= caseload_q(user, path) | _intake_queue_q(user, path)
        elif scope == Scope.TEAM_GUIDED:
            by_role |= guided_q(user, path)
        elif scope == Scope.REFERRED and user.organisation_id:
            # The served municipalities inside the subquery, so that the whole term is one
            # indexable ``id = ANY(ARRAY(...))``: ANDed with the municipality outside it,
            # PostgreSQL rechecks every row against the array one by one, which is
            # quadratic for an aanbieder with thousands of participants (1.7 s at 15,000;
            # docs/performance.md).
            referred = (
                verwijzing.objects.active()
                .filter(
                    aanbieder=user.organisation_id,
                    inburgeraar__municipality__in=served_municipality_ids(user),
                )
                .order_by()
            )
            own_terms |= Q(InSubquery(person, referred.values("inburgeraar_id")))
        elif scope == Scope.ORGANISATION_GUIDED and user.organisation_id:
            by_role |= Q(**{f"{path}begeleider__organisation": user.organisation_id})
        elif scope == Scope.ORGANISATION_CASELOAD and user.organisation_id:
            by_role |= Q(**{f"{path}klantmanager__organisation": user.organisation_id})
        elif scope == Scope.FINANCIAL_RECORDS and user.organisation_id:
            records = Q(pk__in=[])
            for rows in _financial_records():
                records |= Q(**{f"{person}__in": rows})
            by_role |= Q(**{f"{path}klantmanager__organisation": user.organisation_id}) & records
        elif scope == Scope.TEAM_COACHED:
            coached = apps.get_model("work", "Plaatsing").objects.filter(
                **({"job_coach__team": user.team_id} if user.team_id else {"job_coach": user.pk})
            )
            by_role |= Q(**{f"{person}__in": coached.order_by().values("inburgeraar_id")})
        elif scope == Scope.BEZWAAR:
            bezwaar = apps.get_model("enforcement", "Bezwaar").objects.values("inburgeraar_id")
            fined = apps.get_model("enforcement", "Handhavingszaak").objects.fined()
            by_role |= Q(**{f"{person}__in": bezwaar}) | Q(
                **{f"{person}__in": fined.values("inburgeraar_id")}
            )

    in_municipality = Q(**{f"{path}municipality__in": served_municipality_ids(user)})
    # Each role's term ANDed with the municipality on its own, (a & m) | (b & m) rather
    # than (a | b) & m: the same rows, but PostgreSQL can then combine the index of each
    # term with that of the municipality instead of reading every person of the served
    # municipalities (a city's tens of thousands) to filter them.
    if by_role.connector == Q.OR and not by_role.negated:
        by_role = Q(*[_and(term, in_municipality) for term in by_role.children], _connector=Q.OR)
    else:
        by_role &= in_municipality
    granted = _compiled_subquery(
        user,
        "grants",
        lambda: grant.objects.filter(
            user=user, valid_until__gte=timezone.localdate(), status="goedgekeurd"
        ).values("inburgeraar_id"),
        prefix="U",
    )
    return by_role | own_terms | Q(InSubquery(person, granted))


def _and(term, other: Q) -> Q:
    return (term if isinstance(term, Q) else Q(term)) & other


def _team_member_q(user, field: str) -> Q:
    """``field`` (a relation to the user) is the user or, when they are in a team, any
    member of their team (the user among them). Written as ``field = ANY(ARRAY(team
    members))`` rather than a join to the users: the index on ``field`` then finds the
    team's persons directly. The members' subquery is compiled once per request."""
    if not user.team_id:
        return Q(**{field: user.pk})
    members = _compiled_subquery(
        user,
        "team",
        lambda: (
            apps.get_model("core", "User")
            .objects.filter(team_id=user.team_id)
            .order_by()
            .values("pk")
        ),
        prefix="W",
    )
    return Q(InSubquery(field, members))


def caseload_q(user, path: str = "") -> Q:
    """The user's (team's) caseload as a Q over ``path`` (the relation to Inburgeraar: ''
    on Inburgeraar itself, 'inburgeraar__' on a related model): the persons whose
    klantmanager is the user or, when the user is in a team, a member of that team. The
    one definition of "mine" for every werkvoorraad and list of one's own caseload; it
    narrows, it does not replace, the access scope (``for_user``)."""
    return _team_member_q(user, f"{path}klantmanager")


def guided_q(user, path: str = "") -> Q:
    """The persons guided by the user or, when the user is in a team, by a member of that
    team (maatschappelijke begeleiding), as a Q over ``path`` like ``caseload_q``."""
    return _team_member_q(user, f"{path}begeleider")


class _CompiledSubquery(CompiledSQL):
    """An uncorrelated subquery given as SQL that was compiled once (see
    ``persons_in_scope_sql``)."""

    def __init__(self, sql: str, params: tuple):
        super().__init__(f"({sql})", params, models.IntegerField())


def _scope_key(user) -> tuple:
    return (
        user.pk,
        user.is_authenticated,
        user.is_active,
        getattr(user, "roles", None),
        getattr(user, "team_id", None),
        getattr(user, "organisation_id", None),
        timezone.localdate(),
    )


def _scope_cache(user) -> dict:
    """What is built of ``user``'s scope, kept on the user object for as long as the roles,
    team, organisation and day stay the same."""
    key = _scope_key(user)
    cache = getattr(user, "_compiled_scope", None)
    if cache is None or cache.get("key") != key:
        cache = {"key": key}
        user._compiled_scope = cache
    return cache


def _compiled_subquery(user, name: str, build: Callable, prefix: str) -> _CompiledSubquery:
    """The SQL of an uncorrelated subquery about ``user`` (``build()`` makes its
    queryset), compiled once per user object and day with table aliases ``prefix``0, 1,
    ... (those Django gives a subquery at that depth); see ``persons_in_scope_sql``."""
    cache = _scope_cache(user)
    if name not in cache:
        query = build().query
        subquery = query.clone()
        subquery.subq_aliases = frozenset(chr(c) for c in range(ord("T"), ord(prefix)))
        subquery.bump_prefix(query)
        subquery.subquery = True
        try:
            cache[name] = _CompiledSubquery(*subquery.sql_with_params())
        except EmptyResultSet:
            cache[name] = None
    return cache[name]


# Querysets of one user's scope compiled once per process (``compiled_query``), the most
# recently used kept: 25 per klantmanager (the werkvoorraad), about 47 KB each (the query,
# its SQL and its compiler's columns), so 1,000 are about 47 MB per process, the
# werkvoorraad of forty klantmanagers.
_compiled = Kept(1000)


def compiled_query(fn: Callable) -> Callable:
    """Decorator for ``fn(user, *inputs) -> QuerySet`` of the user's scope: the queryset
    as a new queryset whose SQL is compiled once per process for this user, day and
    ``inputs`` instead of on every request.

    Building and compiling a query costs about 1 ms of Python; the werkvoorraad asks some
    fifty whose SQL is the same on every request of the same user on the same day (the
    scope's subqueries carry the team, the grants and the day as SQL; docs/performance.md,
    "Prepared statements and queries compiled once"). ``fn`` may use nothing but its
    arguments and constants, so that its arguments say everything its SQL depends on; the
    inputs must be hashable (dates, numbers, tuples). The SQL is reused only for the same
    function, user, roles, team, organisation, served municipalities, language, time zone,
    day and inputs. The rows are read every time; a filter, slice or count on the queryset
    compiles again, correctly, without the gain."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @wraps(fn)
    def compiled(user, *inputs):
        key = (
            name,
            _scope_key(user),
            tuple(served_municipality_ids(user)),
            translation.get_language(),
            timezone.get_current_timezone_name(),  # a __date lookup's SQL names it
            inputs,
        )
        return _compiled.queryset(key, lambda: fn(user, *inputs))

    return compiled


def persons_in_scope_sql(user) -> _CompiledSubquery | None:
    """``SELECT id FROM persons WHERE <scope of user>`` as compiled SQL, or None when the
    scope is empty. Compiling this subquery costs more Python than most of the queries it
    is part of (about 1.5 ms; its grants subquery alone 0.8 ms), and a page asks it for
    every section, so it is compiled once per user object (that is, per request) and per
    day, like the roles and the served municipalities cached on the same object. The SQL
    holds no personal data, only the user's ids, team and served municipalities; grants,
    referrals and the persons themselves are read by the database each time it runs."""
    return _compiled_subquery(
        user,
        "persons",
        lambda: (
            apps.get_model("people", "Inburgeraar")
            .objects.filter(person_scope_q(user))
            .order_by()
            .values("pk")
        ),
        prefix="V",  # around the grants subquery (U)
    )


def related_scope_q(user, path: str) -> Q:
    """The scope on a model related to the person: ``person IN (persons in scope)``. Same
    rows as ``person_scope_q(user, path)``, but the database can find the persons first
    through their indexes instead of joining and filtering the whole related table (an OR
    over two tables cannot use an index; docs/performance.md)."""
    person = path.removesuffix("__")
    compiled = persons_in_scope_sql(user)
    if compiled is None:
        return Q(**{f"{person}__in": []})
    return Q(**{f"{person}__in": compiled})


class ScopedQuerySet(models.QuerySet):
    """Querysets of personal data. Models set ``person_path`` (how to reach the
    Inburgeraar) and ``special_category`` (True for health data)."""

    def for_user(self, user):
        model = self.model
        if getattr(model, "special_category", False) and not user.can(Permission.HEALTH_VIEW):
            return self.none()
        path = getattr(model, "person_path", "")
        return self.filter(related_scope_q(user, path) if path else person_scope_q(user))
