"""Builds CAMT.053 (camt.053.001.02) statement files for the tests, as a Dutch bank sends
them: one statement of one account, booked entries with the betalingskenmerk in the
structured creditor reference, the EndToEndId or the description."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape


@dataclass
class Entry:
    bedrag: Decimal | str
    boekdatum: date
    kenmerk: str = ""  # RmtInf/Strd/CdtrRefInf/Ref
    end_to_end: str = "NOTPROVIDED"
    omschrijving: str = ""  # RmtInf/Ustrd
    credit: bool = True
    status: str = "BOOK"
    valuta: str = "EUR"
    referentie: str = ""  # AcctSvcrRef


def statement(
    iban: str,
    entries: list[Entry],
    *,
    msg_id: str = "MSG-2026-001",
    stmt_id: str = "STMT-2026-001",
    created: str = "2026-12-01T06:00:00",
) -> bytes:
    ntries = []
    for i, e in enumerate(entries, start=1):
        rmt = ""
        if e.kenmerk:
            rmt += (
                "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>"
                "<Issr>CUR</Issr></Tp>"
                f"<Ref>{escape(e.kenmerk)}</Ref></CdtrRefInf></Strd>"
            )
        if e.omschrijving:
            rmt = f"<Ustrd>{escape(e.omschrijving)}</Ustrd>" + rmt
        rmt = f"<RmtInf>{rmt}</RmtInf>" if rmt else ""
        ref = e.referentie or f"REF{i:06d}"
        ntries.append(
            f"""
      <Ntry>
        <Amt Ccy="{e.valuta}">{e.bedrag}</Amt>
        <CdtDbtInd>{"CRDT" if e.credit else "DBIT"}</CdtDbtInd>
        <Sts>{e.status}</Sts>
        <BookgDt><Dt>{e.boekdatum.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{e.boekdatum.isoformat()}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>{escape(e.end_to_end)}</EndToEndId></Refs>
            {rmt}
          </TxDtls>
        </NtryDtls>
      </Ntry>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>{msg_id}</MsgId>
      <CreDtTm>{created}</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>{stmt_id}</Id>
      <CreDtTm>{created}</CreDtTm>
      <Acct>
        <Id><IBAN>{iban}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">0.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>{created[:10]}</Dt></Dt>
      </Bal>{"".join(ntries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()
