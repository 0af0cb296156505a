"""``reverse`` for the rows of a list: a page that links each of some hundreds of rows
(the werkvoorraad) reverses each URL name once and fills in the ids, instead of running
Django's resolver for every row.

``row_url("person_detail")(pk)`` gives exactly ``reverse("person_detail", args=[pk])`` for
integer arguments (the URL patterns' ``<int:...>`` converters write an int as its digits);
any other argument goes through ``reverse`` itself. Built per call, not kept across
requests, so the script prefix of the request is respected."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from regie.core.memo import request_dict

# Markers that cannot occur in a reversed URL otherwise; ints, so every <int:> converter
# accepts them.
_MARKERS = (918273645, 918273646, 918273647)


def row_url(name: str) -> Callable[..., str]:
    cache: dict[int, tuple[str, ...] | None] = {}

    def build(*args) -> str:
        n = len(args)
        if n > len(_MARKERS) or not all(type(a) is int for a in args):
            return reverse(name, args=list(args))
        if n not in cache:
            cache[n] = _template(name, n)
        parts = cache[n]
        if parts is None:
            return reverse(name, args=list(args))
        out = [parts[0]]
        for arg, rest in zip(args, parts[1:], strict=True):
            out.append(str(arg))
            out.append(rest)
        return "".join(out)

    return build


def _template(name: str, n: int) -> tuple[str, ...] | None:
    """The URL of ``name`` split at its ``n`` arguments, or None when the markers do not
    appear exactly once each, in order (then every row is reversed)."""
    url = reverse(name, args=list(_MARKERS[:n]))
    parts: list[str] = []
    rest = url
    for marker in _MARKERS[:n]:
        text = str(marker)
        if url.count(text) != 1 or text not in rest:
            return None
        before, rest = rest.split(text, 1)
        parts.append(before)
    parts.append(rest)
    return tuple(parts)


def reverse_row(name: str, *args) -> str:
    """``reverse(name, args=args)``; within a request (regie.core.memo) each URL name is
    reversed once and the ids filled in for the next rows (see :func:`row_url`)."""
    cache = request_dict("row_urls")
    if cache is None:
        return reverse(name, args=list(args))
    build = cache.get(name)
    if build is None:
        build = cache[name] = row_url(name)
    return build(*args)
