"""The processing log (Logboek dataverwerkingen) on the audit log: trace context, the
processing activity of the register (AVG art. 30), the data subject; the beheerder's
register page and export per person (docs/verwerkingenlog.md)."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from regie.core import audit, seal
from regie.core.models import AuditAction, AuditEvent, Verwerkingsactiviteit
from regie.core.roles import Role
from tests.factories import InburgeraarFactory
from tests.jobs.inline import post_and_run

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


def test_the_register_is_seeded_with_regies_activities(db):
    codes = set(Verwerkingsactiviteit.objects.values_list("code", flat=True))
    assert {
        "uitvoering-inburgering",
        "brp-bevraging",
        "brp-controle",
        "verwijzing",
        "melding-duo",
        "statistiek-cbs",
        "overdracht",
        "avg-inzage",
    } <= codes
    brp = Verwerkingsactiviteit.objects.get(code="brp-bevraging")
    assert "Wet BRP art. 3.3" in brp.grondslag
    assert brp.uri == "urn:nl:regie:verwerkingsactiviteit:brp-bevraging"


def test_a_read_carries_the_callers_trace_and_its_own_span(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    client.get(
        reverse("person_detail", args=[world.person.pk]),
        HTTP_TRACEPARENT=f"00-{TRACE}-00f067aa0ba902b7-01",
    )
    reads = list(AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action="read"))
    assert reads
    assert {e.trace_id for e in reads} == {TRACE}
    assert all(re.fullmatch(r"[0-9a-f]{16}", e.span_id) for e in reads)
    assert len({e.span_id for e in reads}) == len(reads)
    assert {e.activity for e in reads} == {"uitvoering-inburgering"}

    # Without (or with a broken) traceparent the request starts a trace of its own.
    client.get(reverse("person_detail", args=[world.person.pk]), HTTP_TRACEPARENT="00-zz-1-01")
    latest = AuditEvent.objects.filter(inburgeraar_id=world.person.pk).first()
    assert re.fullmatch(r"[0-9a-f]{32}", latest.trace_id) and latest.trace_id != TRACE


def test_lists_log_each_person_with_trace_and_activity(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    client.get(reverse("person_list"), HTTP_TRACEPARENT=f"00-{TRACE}-00f067aa0ba902b7-01")
    listed = AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action="search")
    assert listed.exists()
    event = listed.first()
    assert (event.trace_id, event.activity) == (TRACE, "uitvoering-inburgering")
    assert re.fullmatch(r"[0-9a-f]{16}", event.span_id)


def test_referral_and_security_events(world):
    # world.person was referred to world.aanbieder.
    event = AuditEvent.objects.filter(object_type="verwijzing", action="create").first()
    assert event.activity == "verwijzing"
    login = audit.log(AuditAction.LOGIN, avg_relevant=False)
    assert login.activity == ""  # not a processing of a person's data


def test_seal_verifies_old_and_new_rows(db):
    # A row as written before the processing log existed (all new fields empty) and new
    # rows: both seal and verify.
    with audit.processing(""):
        audit.log(AuditAction.LOGIN, avg_relevant=False)
    audit.log(AuditAction.READ, inburgeraar_id=1, description="x")
    seal.seal()
    assert seal.verify().ok


def test_beheerder_edits_the_register(world, client_for):
    activiteit = Verwerkingsactiviteit.objects.get(code="brp-controle")
    client = client_for(world.users[Role.BEHEERDER])
    page = client.get(reverse("verwerkingsactiviteiten")).content.decode()
    assert "Controle op verhuizing, overlijden en nieuw adres (BRP)" in page
    assert "<code>brp-controle</code>" in page
    url = reverse("verwerkingsactiviteit_edit", args=[activiteit.pk])
    data = {
        "naam": activiteit.naam,
        "doel": activiteit.doel,
        "grondslag": activiteit.grondslag,
        "categorieen_betrokkenen": activiteit.categorieen_betrokkenen,
        "categorieen_gegevens": activiteit.categorieen_gegevens,
        "ontvangers": activiteit.ontvangers,
        "bewaartermijn": "7 jaar (besluit college 2027)",
    }
    assert client.post(url, data).status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.bewaartermijn == "7 jaar (besluit college 2027)"
    assert activiteit.changed_by == world.users[Role.BEHEERDER].username
    assert AuditEvent.objects.filter(
        object_type="verwerkingsactiviteit", description__contains="bewaartermijn"
    ).exists()
    data["naam"] = ""
    refused = client.post(url, data).content.decode()
    assert "Het formulier is niet opgeslagen. Verbeter het volgende:" in refused


def test_export_per_person_in_the_standards_form(world, client_for):
    person = world.person
    # A processing before the person was in Regie (a BRP query at registration) counts too.
    with audit.trace(audit.TraceContext(TRACE, "00f067aa0ba902b7")):
        audit.log(
            AuditAction.READ,
            object_type="brp",
            description="BRP-bevraging GM0294 (registratie, 14 velden): gevonden",
            activity="brp-bevraging",
            span_id="a1b2c3d4e5f60718",
            subject=audit.subject_ref(person.bsn),
        )
    client_for(world.users[Role.KLANTMANAGER]).get(reverse("person_detail", args=[person.pk]))
    beheerder = client_for(world.users[Role.BEHEERDER])
    audit_page = beheerder.get(reverse("audit_log"), {"inburgeraar": person.pk}).content.decode()
    assert f"Verwerkingenlog van inburgeraar {person.pk}" in audit_page

    response = beheerder.get(reverse("verwerkingenlog_export"), {"inburgeraar": person.pk})
    assert response["Content-Disposition"] == (
        f'attachment; filename="regie-verwerkingenlog-{person.pk}.json"'
    )
    body = json.loads(response.content)
    assert body["standaard"] == "Logboek dataverwerkingen (Logius)"
    records = body["verwerkingen"]
    brp = next(r for r in records if r["span_id"] == "a1b2c3d4e5f60718")
    assert brp["trace_id"] == TRACE
    assert brp["attributes"]["dpl.core.processing_activity_id"] == (
        "urn:nl:regie:verwerkingsactiviteit:brp-bevraging"
    )
    assert brp["attributes"]["regie.verwerkingsactiviteit"] == (
        "Persoonsgegevens ophalen uit de BRP bij inschrijving"
    )
    assert brp["attributes"]["dpl.core.data_subject_id"] == audit.subject_ref(person.bsn)
    assert person.bsn not in response.content.decode()  # the BSN itself never
    read = next(r for r in records if r["name"] == "read inburgeraar")
    assert read["attributes"]["regie.gebruiker"] == world.users[Role.KLANTMANAGER].username
    assert read["status_code"] == "STATUS_CODE_OK"
    ids = {a["id"] for a in body["verwerkingsactiviteiten"]}
    assert "urn:nl:regie:verwerkingsactiviteit:uitvoering-inburgering" in ids
    # The export itself is a processing (AVG inzage) in the person's log.
    assert AuditEvent.objects.filter(
        inburgeraar_id=person.pk, action="export", activity="avg-inzage"
    ).exists()


def test_export_only_for_a_person_of_the_beheerders_municipalities(world, client_for):
    beheerder = client_for(world.users[Role.BEHEERDER])
    response = beheerder.get(
        reverse("verwerkingenlog_export"), {"inburgeraar": world.stranger.pk}, follow=True
    )
    assert "Kies eerst één inburgeraar (nummer) van uw gemeenten" in response.content.decode()
    other = InburgeraarFactory(municipality=world.other_municipality)
    response = beheerder.get(reverse("verwerkingenlog_export"), {"inburgeraar": other.pk})
    assert response.status_code == 302
    assert beheerder.get(reverse("verwerkingenlog_export"), {"inburgeraar": "x"}).status_code == 302


def test_the_avg_inzage_names_the_activity_and_holds_the_brp_query(world, client_for):
    person = world.person
    audit.log(
        AuditAction.READ,
        object_type="brp",
        activity="brp-bevraging",
        subject=audit.subject_ref(person.bsn),
    )
    client = client_for(world.users[Role.KLANTMANAGER])
    body = json.loads(post_and_run(client, reverse("inzage_json", args=[person.pk])).content)
    brp = [v for v in body["verwerkingen"] if v["gegeven"] == "brp"]
    assert brp and brp[0]["verwerkingsactiviteit"] == (
        "Persoonsgegevens ophalen uit de BRP bij inschrijving"
    )
