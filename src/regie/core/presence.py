"""Which tables hold rows of one person, asked once with the person's file.

Most sections of a person's file read tables that are empty for that person (no
handhaving, no bezwaar, no ontzorging, no plaatsing ...): each such read is a query
that returns nothing, about 1 ms of Python apiece. An app registers the tables its
section reads (``person_presence``); the file loads the person with one ``EXISTS``
column per registered table (``presence_annotations``, part of the person's own query,
so it costs no query of its own), and a section reads a table only when the person has
rows in it (``only_if_present`` gives an empty stand-in for the queryset otherwise).

The ``EXISTS`` columns are compiled to SQL once per process (``_exists_sql``, with
``regie.core.compiled``) and look at
the whole table, not at the user's scope: they only tell where there is nothing to read.
Whatever a section reads still goes through ``for_user`` and the audit log as before, so
the scope and the rows shown are exactly the same. A person loaded without these columns
(any other page, services, tests) reads every table as before.
"""

from __future__ import annotations

import functools

from django.apps import apps
from django.conf import settings
from django.db.models import BooleanField, Expression, QuerySet

from regie.core import memo
from regie.core.compiled import MARKER, CompiledSQL, correlated

_tables: dict[str, tuple[str, str, str]] = {}

PREFIX = "_has_rows_"


def person_presence(
    key: str, model: str, person_path: str = "inburgeraar", outer: str = "pk"
) -> None:
    """Register ``model`` ("app.Model") as a table of the person's file; ``person_path``
    leads from a row to the person's ``outer`` field (e.g. ``pip__inburgeraar`` to the
    person's pk, or ``household_id`` to the person's ``household_id``)."""
    _tables[key] = (model, person_path, outer)


def presence_annotations() -> dict[str, Expression]:
    """One EXISTS column per registered table, to annotate the person's query with."""
    return {PREFIX + key: CompiledSQL(_exists_sql(key), (), BooleanField()) for key in _tables}


@functools.cache
def _exists_sql(key: str) -> str:
    """``EXISTS (SELECT ... WHERE <row's person> = "people_inburgeraar"."id")`` for one
    table, compiled by Django once per process: the SQL depends only on the models, and
    building and compiling twenty ``Exists(...)`` expressions on every request cost more
    Python than the queries they spare. The row's person is compared with
    ``compiled.MARKER``, then replaced by the outer person's column."""
    model, person_path, outer = _tables[key]
    person = apps.get_model(settings.REGIE_PERSON_MODEL)
    rows = apps.get_model(model)._base_manager.filter(**{person_path: MARKER}).order_by()
    sql, params = correlated(rows.values("pk"), person, outer)
    if params:  # pragma: no cover - a new kind of path
        raise ValueError(f"presence of {key}: cannot compile {person_path}")
    return f"EXISTS {sql}"


def _remembered() -> dict | None:
    store = memo._store.get()
    return None if store is None else store.setdefault("regie.core.presence", {})


def remember(person) -> None:
    """Keep the person's presence columns for the rest of the request (per-request memo,
    GET and HEAD only), for helpers that get the person's id rather than the person."""
    found = _remembered()
    if found is not None:
        found[person.pk] = {
            key: getattr(person, PREFIX + key) for key in _tables if hasattr(person, PREFIX + key)
        }


def has_rows(person, key: str) -> bool:
    """False only when the person (an instance, or an id remembered in this request) was
    loaded with the presence columns and has no row in the table; True (read it) when it
    has or when it is not known."""
    if isinstance(person, int):
        found = _remembered()
        flags = found.get(person) if found is not None else None
        return flags is None or flags.get(key, True) is not False
    return getattr(person, PREFIX + key, True) is not False


def only_if_present(queryset: QuerySet, person, key: str):
    """``queryset`` unchanged, or ``NOTHING`` when the person has no rows in the table."""
    return queryset if has_rows(person, key) else NOTHING


class _Nothing:
    """Stands in for a queryset that has no rows: the chained calls the file's sections
    make return it again, and it iterates, slices, counts and ``first()``s as an empty
    queryset does. Unlike ``QuerySet.none()``, which Django still compiles (select list,
    joins, the scope subquery) before it notices that the result is empty, it costs no
    Python. Any other call fails loudly (AttributeError) instead of guessing."""

    def _chain(self, *args, **kwargs):
        return self

    filter = exclude = select_related = prefetch_related = annotate = order_by = _chain
    only = defer = distinct = _chain

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:
        return False

    def __getitem__(self, item):
        if isinstance(item, slice):
            return self
        raise IndexError(item)

    def first(self):
        return None

    def last(self):
        return None

    def exists(self) -> bool:
        return False

    def count(self) -> int:
        return 0


NOTHING = _Nothing()
