"""The SEPA credit-transfer file of a payment run: ISO 20022 pain.001.001.09 (Customer
Credit Transfer Initiation V09), as the EPC SEPA Credit Transfer rulebook (2023 and later)
and the Dutch banks expect it. Built with the standard library's ElementTree; the tests
validate it against the official XSD committed in ``xsd/pain.001.001.09.xsd``.

One file holds one payment information block (one debtor account, one execution date) with
a transaction per payment line. Texts are reduced to the SEPA character set (Latin letters,
digits and ``/ - ? : ( ) . , ' +`` and space) and cut to the lengths the schema allows.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
XSD_PATH = Path(__file__).resolve().parent / "xsd" / "pain.001.001.09.xsd"

_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def sepa_text(value: str, max_length: int) -> str:
    """``value`` in the SEPA character set: accents dropped (ı, ß and the like spelled out),
    other characters replaced by a space, runs of spaces collapsed."""
    value = value.replace("ı", "i").replace("ß", "ss").replace("&", "+")
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"\s+", " ", _NOT_SEPA.sub(" ", ascii_text)).strip()
    return cleaned[:max_length].rstrip() or "-"


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str
    amount: Decimal
    creditor: str
    iban: str
    bic: str
    remittance: str


@dataclass(frozen=True)
class Debtor:
    name: str
    iban: str
    bic: str


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):.2f}"


def _agent(parent: ET.Element, tag: str, bic: str) -> None:
    institution = _sub(_sub(parent, tag), "FinInstnId")
    if bic:
        _sub(institution, "BICFI", bic)
    else:
        # SEPA: the BIC is optional for an IBAN within the EEA ("IBAN only").
        _sub(_sub(institution, "Othr"), "Id", "NOTPROVIDED")


def credit_transfer_xml(
    *,
    msg_id: str,
    created: datetime,
    initiating_party: str,
    debtor: Debtor,
    execution_date: date,
    transfers: Sequence[Transfer],
) -> bytes:
    """The pain.001.001.09 document for ``transfers`` (at least one)."""
    if not transfers:
        raise ValueError("a SEPA file needs at least one transfer")
    if any(t.amount <= 0 for t in transfers):
        raise ValueError("every transfer must be for a positive amount")
    count = str(len(transfers))
    total = _amount(sum((t.amount for t in transfers), Decimal("0")))

    ET.register_namespace("", NAMESPACE)
    document = ET.Element(f"{{{NAMESPACE}}}Document")
    initiation = _sub(document, "CstmrCdtTrfInitn")

    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", sepa_text(msg_id, 35))
    _sub(header, "CreDtTm", created.replace(microsecond=0, tzinfo=None).isoformat())
    _sub(header, "NbOfTxs", count)
    _sub(header, "CtrlSum", total)
    _sub(_sub(header, "InitgPty"), "Nm", sepa_text(initiating_party, 70))

    payment = _sub(initiation, "PmtInf")
    _sub(payment, "PmtInfId", sepa_text(f"{msg_id}-1", 35))
    _sub(payment, "PmtMtd", "TRF")
    _sub(payment, "BtchBookg", "false")  # one line per payment on the debtor's statement
    _sub(payment, "NbOfTxs", count)
    _sub(payment, "CtrlSum", total)
    _sub(_sub(_sub(payment, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    _sub(_sub(payment, "ReqdExctnDt"), "Dt", execution_date.isoformat())
    _sub(_sub(payment, "Dbtr"), "Nm", sepa_text(debtor.name, 70))
    _sub(_sub(_sub(payment, "DbtrAcct"), "Id"), "IBAN", debtor.iban)
    _agent(payment, "DbtrAgt", debtor.bic)
    _sub(payment, "ChrgBr", "SLEV")

    for transfer in transfers:
        tx = _sub(payment, "CdtTrfTxInf")
        ids = _sub(tx, "PmtId")
        _sub(ids, "InstrId", sepa_text(transfer.end_to_end_id, 35))
        _sub(ids, "EndToEndId", sepa_text(transfer.end_to_end_id, 35))
        _sub(_sub(tx, "Amt"), "InstdAmt", _amount(transfer.amount), Ccy="EUR")
        if transfer.bic:
            _agent(tx, "CdtrAgt", transfer.bic)
        _sub(_sub(tx, "Cdtr"), "Nm", sepa_text(transfer.creditor, 70))
        _sub(_sub(_sub(tx, "CdtrAcct"), "Id"), "IBAN", transfer.iban)
        _sub(_sub(tx, "RmtInf"), "Ustrd", sepa_text(transfer.remittance, 140))

    ET.indent(document)
    return ET.tostring(document, encoding="UTF-8", xml_declaration=True)
