"""A municipality's values for the configurable figures of regie.rules.figures.

Figures with status 'local' (the municipality's own policy) or 'check' (only secondary
sources) may be overridden per municipality; 'law' figures never. Code asks
``local_value(municipality, name)`` and gets the override or the table's default.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from regie.core.memo import request_dict
from regie.core.models import LocalRule, Municipality
from regie.rules.figures import Figure, bound_value, configurable_figures, figure


def local_value(municipality: Municipality | None, name: str) -> int | Decimal:
    fig = figure(name)
    if not fig.configurable or municipality is None:
        return fig.value
    cache = getattr(municipality, "_local_rules", None)
    if cache is None:
        cache = _rules_of(municipality.pk)
        municipality._local_rules = cache
    if name not in cache:
        return fig.value
    value = cache[name]
    return int(value) if isinstance(fig.value, int) else value


def _rules_of(municipality_id: int) -> dict[str, Decimal]:
    """The municipality's own values, read once per request (several parts of a page ask
    for them through different copies of the municipality)."""
    return _rules_of_many({municipality_id})[municipality_id]


def local_rules_of(ids) -> dict[int, dict[str, Decimal]]:
    """Every own value of each of these municipalities, {id: {name: value}} (names without
    an own value are absent), in at most one query; within a request shared with
    :func:`local_value` and :func:`local_values`."""
    return _rules_of_many(set(ids))


def _rules_of_many(ids) -> dict[int, dict[str, Decimal]]:
    """The own values of each of these municipalities ({id: {name: value}}). Within a
    request (regie.core.memo: GET and HEAD, which change no rules) each municipality's
    rules are read once, all names in one query for the municipalities not yet read, so
    the werkvoorraad's providers asking one figure each share one query."""
    cache = request_dict("localrules")
    missing = set(ids) if cache is None else {i for i in ids if i not in cache}
    loaded: dict[int, dict[str, Decimal]] = {i: {} for i in missing}
    if missing:
        for municipality_id, name, value in LocalRule.objects.filter(
            municipality__in=missing
        ).values_list("municipality_id", "name", "value"):
            loaded[municipality_id][name] = value
    if cache is None:
        return loaded
    cache.update(loaded)
    return {i: cache[i] for i in ids}


def local_values(name: str, municipality_ids) -> dict[int, int | Decimal]:
    """One figure for many municipalities in one query: {municipality id: value}, the
    table's default where a municipality has not set its own. Within a request all rules
    of these municipalities are read at once and kept for the request (``_rules_of_many``);
    outside one, only this figure is read."""
    fig = figure(name)
    ids = set(municipality_ids)
    values: dict[int, int | Decimal] = dict.fromkeys(ids, fig.value)
    if not fig.configurable or not ids:
        return values
    if request_dict("localrules") is not None:
        rows = [
            (municipality_id, rules[name])
            for municipality_id, rules in _rules_of_many(ids).items()
            if name in rules
        ]
    else:
        rows = LocalRule.objects.filter(name=name, municipality__in=ids).values_list(
            "municipality_id", "value"
        )
    for municipality_id, value in rows:
        values[municipality_id] = int(value) if isinstance(fig.value, int) else value
    return values


def local_rules_table(municipality: Municipality) -> list[tuple[Figure, int | Decimal, bool]]:
    """Each configurable figure with the municipality's value and whether it deviates."""
    return [
        (fig, local_value(municipality, fig.name), local_value(municipality, fig.name) != fig.value)
        for fig in configurable_figures()
    ]


def bound_problem(name: str, value) -> str:
    """Why ``value`` may not be set for the local figure ``name`` (Dutch), or ''. A figure
    that shortens a statutory term or sets a target beside it ('korter', 'naast') lies
    between 1 and the statutory figure it may not exceed (figure.bound)."""
    fig = figure(name)
    limit = bound_value(fig)
    if limit is None:
        return ""
    if Decimal(value) < 1 or Decimal(value) > Decimal(limit):
        return _(
            "Een lokale regel mag de wettelijke termijn niet verlengen of vervangen: kies een "
            "waarde van 1 tot en met %(max)s %(unit)s (%(source)s)."
        ) % {"max": limit, "unit": fig.unit, "source": figure(fig.bound).source}
    if isinstance(fig.value, int) and Decimal(value) != int(Decimal(value)):
        return _("Vul een heel getal in.")
    return ""


def set_local_value(municipality: Municipality, name: str, value, username: str) -> LocalRule:
    fig = figure(name)
    if not fig.configurable:
        raise ValueError(f"{name} is a statutory figure and cannot be changed locally")
    if bound_problem(name, value):
        raise ValueError(f"{name}={value} exceeds the statutory figure {fig.bound}")
    rule, _ = LocalRule.objects.update_or_create(
        municipality=municipality,
        name=name,
        defaults={"value": Decimal(value), "changed_by": username},
    )
    municipality._local_rules = None
    return rule
