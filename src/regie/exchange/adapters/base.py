"""One interface for every exchange partner, with variants in a registry.

No connection to DUO's Portaal Inburgering, CBS or another municipality's system can be
made from here, so each partner has an adapter protocol and a file-based variant
(``regie.exchange.adapters.file``) that works offline with the documented formats of
docs/exchange.md. A real connection is another class with the same methods, registered
under another name; the services and pages do not change.

Adapters only move data: they turn a source into rows of strings (``RawRow``) and records
into files (``ExportFile``). Validation, idempotency and transactions live in
regie.exchange.services, the same for every variant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Protocol, runtime_checkable


@dataclass(frozen=True)
class RawRow:
    """One record of an incoming file: its row number (1 = the first data row, as a
    person counts them in a spreadsheet after the header) and its values as text."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes
    content_type: str


class FormatError(ValueError):
    """The file as a whole cannot be read (wrong type, missing columns, broken JSON)."""


@dataclass
class RowResult:
    """What an import did with one row: 'nieuw', 'gewijzigd', 'ongewijzigd', 'fout', or
    'geldig' (a good row that was not applied because another row was bad)."""

    number: int
    action: str
    key: str = ""
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """The row report of one import. ``applied`` is False when any row was bad: then
    nothing was changed (all or nothing)."""

    results: list[RowResult] = field(default_factory=list)
    applied: bool = False
    file_error: str = ""

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.results if r.action == "fout"]

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    def count(self, action: str) -> int:
        return sum(1 for r in self.results if r.action == action)

    def as_dict(self) -> dict:
        return {
            "toegepast": self.applied,
            "bestandsfout": self.file_error,
            "aantallen": {
                a: self.count(a) for a in ("nieuw", "gewijzigd", "ongewijzigd", "geldig", "fout")
            },
            "rijen": [
                {"rij": r.number, "actie": r.action, "sleutel": r.key, "meldingen": r.messages}
                for r in self.results
            ],
        }


@runtime_checkable
class DuoAdapter(Protocol):
    """DUO: signals of new and corrected inburgeringsplichtigen in; the municipality's
    meldingen (the facts DUO needs, docs/exchange.md) out."""

    name: str

    def read_signals(self, source: IO[bytes], filename: str) -> list[RawRow]: ...

    def write_meldingen(self, records: Iterable[dict], kenmerk: str, fmt: str) -> ExportFile: ...


@runtime_checkable
class OverdrachtAdapter(Protocol):
    """Another municipality: the file of a person who moves, out and in."""

    name: str

    def write_dossier(self, dossier: dict) -> ExportFile: ...

    def read_dossier(self, source: IO[bytes], filename: str) -> dict: ...


@runtime_checkable
class LesurenAdapter(Protocol):
    """A taalaanbieder's hours per person per month (bulk upload)."""

    name: str

    def read_lesuren(self, source: IO[bytes], filename: str) -> list[RawRow]: ...


@runtime_checkable
class CbsAdapter(Protocol):
    """CBS, Statistiek Wet inburgering: one record per inburgeraar."""

    name: str

    def write_statistiek(self, records: Iterable[dict], kenmerk: str) -> ExportFile: ...


_REGISTRY: dict[tuple[str, str], Callable[[], object]] = {}
DEFAULT_VARIANT = "bestand"


def register(partner: str, variant: str):
    """Class decorator: make an adapter available as (partner, variant)."""

    def decorator(cls):
        _REGISTRY[(partner, variant)] = cls
        return cls

    return decorator


def adapter(partner: str, variant: str = DEFAULT_VARIANT):
    try:
        return _REGISTRY[(partner, variant)]()
    except KeyError:
        raise LookupError(f"no {variant!r} adapter for {partner!r}") from None


def variants(partner: str) -> list[str]:
    return sorted(v for p, v in _REGISTRY if p == partner)
