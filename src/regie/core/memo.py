"""Per-request memoisation of read-only helpers that several parts of one page ask the same
question (the werkvoorraad's providers, the sections and deadlines of a person's file).

``request_memo()`` opens a store for the duration of one request (AuditContextMiddleware
does so for GET and HEAD requests only, which change no domain data); a function marked
``@per_request`` then runs once per distinct arguments within that request. Outside a
request (commands, services called from tests, POST requests) it simply runs. Nothing is
kept across requests, so no data of one user is ever served to another, and the scope
checks inside the function run as before for the first call.

Arguments form the key: model instances by their model and primary key (a user by their
id), lists and tuples by their elements, and plain values (int, str, date) as they are. A
call with any other argument (a queryset, a dict) is not memoised.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import date
from functools import wraps

from django.db import models

_store: ContextVar[dict | None] = ContextVar("regie_request_memo", default=None)


class _Unkeyable(Exception):
    pass


@contextlib.contextmanager
def request_memo() -> Iterator[None]:
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def request_dict(name: str) -> dict | None:
    """A dict kept for the current request under ``name`` (for a helper that fills it piece
    by piece, e.g. the local rules of the municipalities asked so far), or None outside a
    request (then the caller reads from the database as usual)."""
    store = _store.get()
    if store is None:
        return None
    return store.setdefault(("dict", name), {})


def _key(value):
    if value is None or isinstance(value, int | str | date):
        return value
    if isinstance(value, models.Model):
        if value.pk is None:
            raise _Unkeyable
        return (value._meta.label, value.pk)
    if isinstance(value, list | tuple | frozenset):
        return (type(value).__name__, tuple(_key(v) for v in value))
    raise _Unkeyable


def per_request(fn: Callable) -> Callable:
    """Run ``fn`` once per request for the same arguments (see the module docstring).
    Callers must not change what it returns: the next caller gets the same object."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        store = _store.get()
        if store is None:
            return fn(*args, **kwargs)
        try:
            key = (fn, _key(args), _key(tuple(sorted(kwargs.items()))))
        except _Unkeyable:
            return fn(*args, **kwargs)
        if key not in store:
            store[key] = fn(*args, **kwargs)
        return store[key]

    return wrapper
