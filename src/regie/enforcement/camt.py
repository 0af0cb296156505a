"""Reading a bank statement file in ISO 20022 camt.053.001.02 (what Dutch banks deliver as
"CAMT.053"). No PyPI library for camt.053 is mature enough to depend on (the ones found
are 0.0.x releases), so the file is validated against the official XSD
(``enforcement/xsd/camt.053.001.02.xsd``, source in its README) with ``xmlschema`` — DTDs
and entities refused — and then read with the standard library. No Django here except
gettext for the messages.

Only what Regie needs is read: the account (IBAN), the statement's id, and per entry
(``Ntry``) and per transaction in it (``TxDtls``): credit or debit, booked or not, amount
and currency, booking date, the bank's reference, the EndToEndId, the structured creditor
reference (``RmtInf/Strd/CdtrRefInf/Ref``, where a Dutch bank puts the betalingskenmerk)
and the free text (``RmtInf/Ustrd``). The line of each entry in the file is kept, so a
payment can always be traced to its source line.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
XSD = Path(__file__).parent / "xsd" / "camt.053.001.02.xsd"
MAX_BYTES = 10 * 1024 * 1024  # a day's statement of a gemeente is far smaller
_N = {"c": NS}
_KENMERK_IN_TEKST = re.compile(r"(?<!\d)(\d{4} ?\d{4} ?\d{4} ?\d{4})(?!\d)")


class CamtError(ValueError):
    """The file as a whole cannot be read: the messages say why (in Dutch)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Regel:
    """One transaction of an entry as it stands in the file."""

    regel: int  # line of the <Ntry> in the file
    volgnummer: int  # entry number in the file (1, 2, ...)
    credit: bool
    geboekt: bool  # Sts BOOK
    terugboeking: bool  # RvslInd
    bedrag: Decimal
    valuta: str
    boekdatum: date | None
    bankreferentie: str  # AcctSvcrRef of the entry (+ "/n" per transaction in a batch)
    end_to_end: str
    gestructureerd: str  # RmtInf/Strd/CdtrRefInf/Ref
    omschrijving: str  # RmtInf/Ustrd, joined

    def kenmerken(self) -> list[str]:
        """Candidate betalingskenmerken, best first: the structured reference, the
        EndToEndId, then 16 digits in the description."""
        found = [self.gestructureerd, self.end_to_end]
        found += [m.replace(" ", "") for m in _KENMERK_IN_TEKST.findall(self.omschrijving)]
        return [f.replace(" ", "") for f in found if f and f != "NOTPROVIDED"]


@dataclass(frozen=True)
class Afschrift:
    bericht_id: str  # GrpHdr/MsgId
    afschrift_ids: list[str]  # Stmt/Id
    ibans: list[str]  # Stmt/Acct/Id/IBAN
    regels: list[Regel]


@lru_cache(maxsize=1)
def schema():
    import xmlschema

    return xmlschema.XMLSchema(str(XSD))


def _entry_lines(data: bytes) -> list[int]:
    """The line of every <Ntry> start tag, in document order (expat, no DTD)."""
    lines: list[int] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def start(name, _attrs):
        if name == f"{NS} Ntry":
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.Parse(data, True)
    return lines


def _text(node, path: str) -> str:
    found = node.find(path, _N) if node is not None else None
    return (found.text or "").strip() if found is not None else ""


def _amount(node, path: str) -> tuple[Decimal | None, str]:
    found = node.find(path, _N)
    if found is None:
        return None, ""
    try:
        return Decimal((found.text or "").strip()), found.get("Ccy", "")
    except InvalidOperation:
        return None, found.get("Ccy", "")


def _date(node) -> date | None:
    text = _text(node, "c:BookgDt/c:Dt") or _text(node, "c:BookgDt/c:DtTm")[:10]
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def parse(data: bytes) -> Afschrift:
    """Validate ``data`` against the camt.053.001.02 XSD and read it. Raises
    :class:`CamtError` with every problem of the file as a whole."""
    if len(data) > MAX_BYTES:
        raise CamtError([_("Het bestand is groter dan 10 MB.")])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise CamtError([_("Het bestand bevat een DTD of entiteiten; die worden geweigerd.")])
    import xmlschema

    try:
        # xmlschema's safe parser: entities and DTDs refused, no network access.
        root = xmlschema.XMLResource(data, defuse="always", allow="none").root
    except xmlschema.XMLResourceError as exc:
        raise CamtError(
            [_("Het bestand is geen geldige XML (%(fout)s).") % {"fout": exc}]
        ) from None
    if root.tag != f"{{{NS}}}Document":
        raise CamtError(
            [
                _("Dit is geen CAMT.053-afschrift in versie camt.053.001.02 (gevonden: %(tag)s).")
                % {"tag": root.tag}
            ]
        )
    errors: list[str] = []
    for error in schema().iter_errors(root):
        message = _("%(plaats)s: %(fout)s") % {
            "plaats": _plaats(error),
            "fout": error.reason or error.message,
        }
        if message not in errors:
            errors.append(message)
    if errors:
        raise CamtError(
            [_("Het bestand voldoet niet aan het XSD-schema camt.053.001.02."), *errors[:50]]
        )
    lines = _entry_lines(data)
    regels: list[Regel] = []
    statements = root.findall("c:BkToCstmrStmt/c:Stmt", _N)
    n = 0
    for stmt in statements:
        for ntry in stmt.findall("c:Ntry", _N):
            n += 1
            regels += _regels(ntry, n, lines[n - 1] if n <= len(lines) else 0)
    return Afschrift(
        bericht_id=_text(root, "c:BkToCstmrStmt/c:GrpHdr/c:MsgId"),
        afschrift_ids=[_text(s, "c:Id") for s in statements],
        ibans=[_text(s, "c:Acct/c:Id/c:IBAN").replace(" ", "").upper() for s in statements],
        regels=regels,
    )


def _plaats(error) -> str:
    """Where in the file: the element path without the namespace."""
    path = getattr(error, "path", None) or "/"
    return path.replace(f"{{{NS}}}", "").replace("ns:", "")


def _regels(ntry, n: int, line: int) -> list[Regel]:
    bedrag, valuta = _amount(ntry, "c:Amt")
    common = {
        "regel": line,
        "volgnummer": n,
        "credit": _text(ntry, "c:CdtDbtInd") == "CRDT",
        "geboekt": _text(ntry, "c:Sts") == "BOOK",
        "terugboeking": _text(ntry, "c:RvslInd").lower() == "true",
        "boekdatum": _date(ntry),
    }
    referentie = _text(ntry, "c:AcctSvcrRef")
    details = ntry.findall("c:NtryDtls/c:TxDtls", _N)
    if not details:
        return [
            Regel(
                **common,
                bedrag=bedrag if bedrag is not None else Decimal(0),
                valuta=valuta,
                bankreferentie=referentie,
                end_to_end="",
                gestructureerd="",
                omschrijving=_text(ntry, "c:AddtlNtryInf"),
            )
        ]
    rows = []
    for i, tx in enumerate(details, start=1):
        tx_bedrag, tx_valuta = _amount(tx, "c:AmtDtls/c:TxAmt/c:Amt")
        if tx_bedrag is None and len(details) == 1:
            tx_bedrag, tx_valuta = bedrag, valuta
        rows.append(
            Regel(
                **common,
                bedrag=tx_bedrag if tx_bedrag is not None else Decimal(0),
                valuta=tx_valuta,
                bankreferentie=referentie
                if len(details) == 1 or not referentie
                else f"{referentie}/{i}",
                end_to_end=_text(tx, "c:Refs/c:EndToEndId"),
                gestructureerd=_text(tx, "c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref"),
                omschrijving=" ".join(
                    (u.text or "").strip() for u in tx.findall("c:RmtInf/c:Ustrd", _N)
                )[:280],
            )
        )
    return rows
