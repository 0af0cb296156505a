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

from django.db import connection
from django.db.models import Expression

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
