"""The SEPA credit-transfer file (pain.001.001.09) validates against the official ISO 20022
XSD committed in the app, and carries exactly the run's payments."""

import hashlib
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal

import pytest
import xmlschema

from regie.finance import sepa, services

NS = {"p": sepa.NAMESPACE}
SCHEMA = xmlschema.XMLSchema(str(sepa.XSD_PATH))


def test_the_committed_schema_is_the_official_one():
    text = sepa.XSD_PATH.read_text()
    assert 'targetNamespace="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"' in text
    assert (
        hashlib.sha256(sepa.XSD_PATH.read_bytes()).hexdigest()
        == "de038b373e47b0077b1832ddd81f4b2f1eb25d35721f62da1e38b7f5a09fda24"
    )


@pytest.mark.django_db
def test_the_file_of_an_exported_run_validates_against_the_xsd(fin):
    run = services.create_run(
        fin.world.municipality, date(2026, 9, 1), fin.preparer, today=date(2026, 9, 1)
    ).run
    services.approve_run(run, fin.approver)
    run = services.export_run(run, fin.preparer)
    xml = bytes(run.sepa_xml)
    SCHEMA.validate(xml.decode())  # raises on any violation
    root = ET.fromstring(xml)  # noqa: S314 - our own generated document
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS) == "770.50"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=NS) == run.msg_id
    amounts = sorted(
        e.text for e in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", namespaces=NS)
    )
    assert amounts == ["120.50", "650.00"]
    ids = {e.text for e in root.iterfind(".//p:EndToEndId", namespaces=NS)}
    assert ids == {f"REGIE-{fin.rent.pk}-202609", f"REGIE-{fin.energy.pk}-202609"}
    names = [e.text for e in root.iterfind(".//p:Cdtr/p:Nm", namespaces=NS)]
    assert "Energie Oost (Yildiz + Zn.)" in names  # SEPA character set
    assert root.findtext(".//p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == "NL93BNGH0285052871"


def test_an_invalid_document_is_caught_by_the_schema():
    xml = sepa.credit_transfer_xml(
        msg_id="M-1",
        created=datetime(2026, 9, 1, 10, 0),
        initiating_party="Gemeente",
        debtor=sepa.Debtor("Gemeente", "NL93BNGH0285052871", ""),
        execution_date=date(2026, 9, 1),
        transfers=[
            sepa.Transfer("E-1", Decimal("1.00"), "Crediteur", "NL20INGB0001234567", "", "x")
        ],
    )
    SCHEMA.validate(xml.decode())
    broken = xml.replace(b"<PmtMtd>TRF</PmtMtd>", b"<PmtMtd>XXX</PmtMtd>")
    assert not SCHEMA.is_valid(broken.decode())


def test_no_file_without_transfers_or_with_a_zero_amount():
    kwargs = {
        "msg_id": "M-1",
        "created": datetime(2026, 9, 1),
        "initiating_party": "G",
        "debtor": sepa.Debtor("G", "NL93BNGH0285052871", ""),
        "execution_date": date(2026, 9, 1),
    }
    with pytest.raises(ValueError):
        sepa.credit_transfer_xml(transfers=[], **kwargs)
    with pytest.raises(ValueError):
        sepa.credit_transfer_xml(
            transfers=[sepa.Transfer("E", Decimal("0"), "C", "NL20INGB0001234567", "", "x")],
            **kwargs,
        )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Çelik & Zonen", "Celik + Zonen"),
        ("Yıldız – huur €650", "Yildiz huur 650"),
        ("Straße 1", "Strasse 1"),
        ("***", "-"),
    ],
)
def test_texts_are_reduced_to_the_sepa_character_set(raw, clean):
    assert sepa.sepa_text(raw, 70) == clean
