"""SQL that Django compiled once, used again as part of later queries.

Building and compiling a subquery costs Python on every request (about 0.5–1.5 ms each),
often more than the database spends on it. Where the SQL of a subquery depends only on
the models (``presence``, the user's own query in ``authbackend``) or on one user for one
day (the access scope in ``access``), it is compiled once and put into later queries as
``CompiledSQL``.

A correlated subquery (one that refers to a column of the outer query) is compiled with
``MARKER`` in the place of the outer column, and ``correlated`` puts the column in: Django
cannot compile an ``OuterRef`` outside the query it belongs to.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Expression, QuerySet
from django.db.models.sql import Query

# A value no row has, filtered on in place of the outer query's column.
MARKER = 987654321


class CompiledSQL(Expression):
    """An expression given as its compiled SQL and parameters."""

    def __init__(self, sql: str, params: tuple = (), output_field=None):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, tuple(params)

    def as_sql(self, compiler, connection):
        return self.sql, self.params


def correlated(queryset, model, column: str) -> tuple[str, tuple]:
    """``(SELECT ...)`` of ``queryset``, which filters on ``MARKER`` once, with the marker
    replaced by ``model``'s ``column`` (a field name, or "pk") of the outer query, and the
    other parameters."""
    sql, params = queryset.query.sql_with_params()
    if params.count(MARKER) != 1:  # pragma: no cover - a query this function cannot take
        raise ValueError(f"cannot correlate {sql}")
    quote = connection.ops.quote_name
    field = model._meta.pk if column == "pk" else model._meta.get_field(column)
    outer = f"{quote(model._meta.db_table)}.{quote(field.column)}"
    at = params.index(MARKER)
    parts = sql.split("%s")
    sql = "%s".join(parts[: at + 1]) + outer + "%s".join(parts[at + 1 :])
    return f"({sql})", params[:at] + params[at + 1 :]


# --- a queryset compiled once, evaluated again ---------------------------------------------

# What a compiler keeps of a compilation and uses when it runs the query and reads its rows
# (the selected columns, the models to build, the annotations); everything else of the
# compiler belongs to the request (its connection) or is rebuilt.
_NOT_KEPT = frozenset({"query", "connection", "using", "elide_empty"})


class _Frozen:
    __slots__ = ("sql", "params", "state", "vendor")

    def __init__(self, sql: str, params: tuple, state: dict, vendor: str):
        self.sql, self.params, self.state, self.vendor = sql, params, state, vendor


class _FrozenQuery(Query):
    """A Query whose SQL was compiled once (``freeze``). Evaluated as it is, it hands its
    compiler the SQL and the compiler's state of that compilation; any copy of it (a
    filter, a slice, a count, its use as a subquery) is an ordinary Query again, compiled
    as usual."""

    def clone(self):
        obj = super().clone()
        obj.__class__ = obj.__dict__.pop("_thawed_class")
        obj.__dict__.pop("_frozen")
        return obj

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        frozen = self._frozen
        if elide_empty and frozen.vendor == compiler.connection.vendor:
            compiler.__dict__.update(frozen.state)
            compiler.as_sql = _frozen_as_sql(compiler.as_sql, frozen)
        return compiler


def _frozen_as_sql(as_sql, frozen: _Frozen):
    def frozen_as_sql(with_limits=True, with_col_aliases=False):
        if with_limits and not with_col_aliases:
            return frozen.sql, frozen.params
        return as_sql(with_limits, with_col_aliases)  # pragma: no cover - not asked so

    return frozen_as_sql


def freeze(queryset: QuerySet) -> QuerySet | None:
    """``queryset``, compiled now, as a template for ``thaw``; None when it cannot be
    (it selects nothing: Django knows without asking the database)."""
    if queryset._deferred_filter or queryset._result_cache is not None:
        raise ValueError("freeze an unevaluated queryset of its own")
    query = queryset.query
    if type(query) is not Query:  # pragma: no cover - an update or a raw query
        return None
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    state = {k: v for k, v in compiler.__dict__.items() if k not in _NOT_KEPT}
    query.__dict__["_thawed_class"] = Query
    query.__dict__["_frozen"] = _Frozen(sql, tuple(params), state, compiler.connection.vendor)
    query.__class__ = _FrozenQuery
    return queryset


def thaw(frozen: QuerySet) -> QuerySet:
    """A new, unevaluated queryset on ``frozen``'s compiled query (as ``QuerySet._clone``,
    but sharing the query instead of copying it, so that its SQL is not compiled again)."""
    clone = frozen.__class__(
        model=frozen.model, query=frozen.query, using=frozen._db, hints=frozen._hints
    )
    clone._sticky_filter = frozen._sticky_filter
    clone._for_write = frozen._for_write
    clone._prefetch_related_lookups = frozen._prefetch_related_lookups[:]
    clone._known_related_objects = frozen._known_related_objects
    clone._iterable_class = frozen._iterable_class
    clone._fields = frozen._fields
    return clone


class Kept:
    """Frozen querysets by key, the ``size`` most recently used kept; safe to share
    between threads. ``queryset(key, build)`` gives a new queryset on the SQL compiled for
    ``key``, compiling ``build()`` the first time."""

    def __init__(self, size: int):
        self.size = size
        self._frozen: OrderedDict[Hashable, QuerySet] = OrderedDict()
        self._lock = threading.Lock()

    def queryset(self, key: Hashable, build: Callable[[], QuerySet]) -> QuerySet:
        with self._lock:
            frozen = self._frozen.get(key)
            if frozen is not None:
                self._frozen.move_to_end(key)
        if frozen is None:
            frozen = freeze(build())
            if frozen is None:
                return build()
            with self._lock:
                self._frozen[key] = frozen
                while len(self._frozen) > self.size:
                    self._frozen.popitem(last=False)
        return thaw(frozen)

    def keys_in_use_order(self) -> list:
        with self._lock:
            return list(self._frozen)

    def clear(self) -> None:
        with self._lock:
            self._frozen.clear()

    def __len__(self) -> int:
        return len(self._frozen)
