"""Extension points through which domain apps contribute to shared pages without the
platform importing them: the werkvoorraad (what is due for a user), the sections of a
person's file, the deadlines shown in the caseload list, the demo data and the main menu.

Each app registers its providers in its AppConfig.ready(). Providers must do a constant
number of queries whatever the caseload (they receive whole pages of persons at once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.conf import settings
from django.utils import timezone


def person_model():
    """The model of the persons Regie is about (``settings.REGIE_PERSON_MODEL``), looked
    up like ``AUTH_USER_MODEL``, so the platform never imports the registry app. Its
    contract with the platform: a ``for_user`` scoped manager, ``municipality``,
    ``status`` (choices) and ``status_changes`` (with ``at`` and ``to_status``)."""
    return apps.get_model(settings.REGIE_PERSON_MODEL)


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date

    @property
    def days_left(self) -> int:
        return (self.due - timezone.localdate()).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass
class WorkItem:
    person: object  # an Inburgeraar
    what: str
    due: date | None = None
    url: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass
class WorkSection:
    key: str
    title: str
    items: list[WorkItem] = field(default_factory=list)
    empty_text: str = ""
    order: int = 50


@dataclass
class PersonSection:
    template: str
    context: dict
    order: int = 50


DemoExtender = Callable[[object], None]
WorkProvider = Callable[[object, date], Iterable[WorkSection]]
SectionProvider = Callable[[object, object], PersonSection | None]
DeadlineProvider = Callable[[object, list], dict[int, list[Deadline]]]

_work: list[WorkProvider] = []
_sections: list[SectionProvider] = []
_deadlines: list[DeadlineProvider] = []
_demo: list[DemoExtender] = []


def werkvoorraad_provider(fn: WorkProvider) -> WorkProvider:
    if fn not in _work:
        _work.append(fn)
    return fn


def person_section(fn: SectionProvider) -> SectionProvider:
    if fn not in _sections:
        _sections.append(fn)
    return fn


def deadline_provider(fn: DeadlineProvider) -> DeadlineProvider:
    if fn not in _deadlines:
        _deadlines.append(fn)
    return fn


def werkvoorraad(user, today: date) -> list[WorkSection]:
    sections = [section for provider in _work for section in provider(user, today)]
    return sorted(sections, key=lambda s: s.order)


def person_sections(request, person) -> list[PersonSection]:
    found = [s for provider in _sections if (s := provider(request, person)) is not None]
    return sorted(found, key=lambda s: s.order)


def next_deadlines(user, persons: list) -> dict[int, Deadline]:
    """The earliest open deadline of each person on a page that ``user`` may know of, from
    every provider. A provider gets the user so that it can keep a deadline from roles
    without the permission for its subject (need to know: a handhaving term tells an
    aanbieder that a fine procedure runs)."""
    best: dict[int, Deadline] = {}
    for provider in _deadlines:
        for pk, deadlines in provider(user, persons).items():
            for deadline in deadlines:
                if pk not in best or deadline.due < best[pk].due:
                    best[pk] = deadline
    return best


def demo_extender(fn: DemoExtender) -> DemoExtender:
    """Register a function that adds an app's demo data; it receives the DemoBuilder
    (with .rng, .today, .munis, .orgs, .users, .people) after the registry is built."""
    if fn not in _demo:
        _demo.append(fn)
    return fn


def extend_demo(builder) -> None:
    for extender in _demo:
        extender(builder)


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str  # a regie.core.roles.Permission value
    order: int = 50


_menu: list[MenuItem] = []


def menu_item(label, url_name: str, permission, order: int = 50) -> None:
    """Register an entry of the main menu, shown to users holding ``permission``."""
    item = MenuItem(label, url_name, str(permission), order)
    if all(existing.url_name != url_name for existing in _menu):
        _menu.append(item)


def menu_for(permissions: frozenset[str]) -> list[MenuItem]:
    return sorted((i for i in _menu if i.permission in permissions), key=lambda i: i.order)
