"""Persons from the BRP (Haal Centraal BRP Personen 2.7.0) against a local server that
serves fixture persons and validates every request and response against the official
specification (tests/exchange/brp_server.py); docs/brp.md."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.exchange import brp
from regie.exchange.adapters.brp import FIELDS
from regie.exchange.models import BrpKoppeling, BrpSignaal, BrpSignaalSoort, BrpSignaalStatus
from regie.people.models import Inburgeraar
from tests.exchange.brp_fixtures import AMINA, KHALED, LINA, OMAR, YUSUF, persons
from tests.exchange.brp_server import BrpServer, errors
from tests.factories import InburgeraarFactory

OIN = "00000001234567890000"
AUTHORISED = set(FIELDS["registratie"]) | set(FIELDS["controle"])


@pytest.fixture
def brp_server():
    server = BrpServer(
        persons(),
        api_key="geheim-123",
        required_headers={"OIN": OIN, "x-doelbinding": "BRPK0001"},
        authorised_fields=AUTHORISED,
    ).start()
    yield server
    server.stop()
    assert server.errors == [], server.errors


@pytest.fixture
def koppeling(world, brp_server):
    return BrpKoppeling.objects.create(
        municipality=world.municipality,
        actief=True,
        endpoint=brp_server.url,
        api_key="geheim-123",
        extra_headers=f"OIN: {OIN}\nx-doelbinding: BRPK0001\nx-verwerking: Inburgering",
        timeout=5,
    )


def _klantmanager(world, client_for):
    return client_for(world.users[Role.KLANTMANAGER])


def test_every_request_asks_only_the_fields_of_its_purpose(world, koppeling, brp_server):
    brp.ophalen_voor_registratie(world.municipality, AMINA, [world.municipality])
    request = brp_server.requests[-1]
    assert request["body"] == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [AMINA],
        "fields": list(FIELDS["registratie"]),
    }
    assert not errors(request["body"], "PersonenQuery")
    assert request["headers"]["oin"] == OIN
    assert request["headers"]["x-verwerking"] == "Inburgering"
    assert request["headers"]["x-api-key"] == "geheim-123"
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", request["headers"]["traceparent"])
    # Doelbinding: no field beyond the purpose, e.g. not the parents or the BSN's history.
    assert "ouders" not in json.dumps(request["body"])


def test_registration_by_bsn_fills_the_form_and_the_klantmanager_confirms(
    world, koppeling, client_for
):
    client = _klantmanager(world, client_for)
    page = client.get(reverse("person_create"))
    assert "Inschrijven met BSN: gegevens ophalen uit de BRP" in page.content.decode()

    response = client.post(
        reverse("brp_registratie"), {"bsn": AMINA, "municipality": world.municipality.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Uit de BRP" in html
    assert 'value="Amina Sara"' in html
    assert 'value="Haddad"' in html
    assert 'value="1994-03-12"' in html
    assert 'value="Misterweg"' in html and 'value="7101AB"' in html
    assert 'value="2026-02-01"' in html  # brp_date from datumInschrijvingInGemeente
    assert "Vw 2000 art. 29 lid 1 a, asiel bepaalde tijd sinds 1 september 2025" in html
    assert "Rami Haddad" in html and "Nour Haddad (4 juli 2019)" in html
    assert f'action="{reverse("person_create")}"' in html
    assert not Inburgeraar.objects.filter(bsn=AMINA).exists()  # nothing saved yet

    form = response.context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data.update(
        {
            "date_of_birth": "1994-03-12",
            "brp_date": "2026-02-01",
            "doelgroep": "asielmigrant",
            "verblijfsvergunning": "asiel",
            "regime": "wi2021",
            "household_role": "",
            "klantmanager": world.users[Role.KLANTMANAGER].pk,
        }
    )
    saved = client.post(reverse("person_create"), data)
    assert saved.status_code == 302, saved.context["form"].errors
    person = Inburgeraar.objects.get(bsn=AMINA)
    assert person.brp_date == dt.date(2026, 2, 1)
    assert (person.first_name, person.last_name, person.city) == (
        "Amina Sara",
        "Haddad",
        "Winterswijk",
    )

    # The BRP query is in the person's processing log, with its processing activity.
    query = AuditEvent.objects.get(object_type="brp")
    assert query.activity == "brp-bevraging"
    assert query.inburgeraar_id is None and query.subject_ref
    assert query.description.endswith("gevonden")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"api_key": "fout"}, "Regie is niet gemachtigd voor deze vraag aan de BRP"),
        ({"extra_headers": "x-doelbinding: BRPK0001"}, "Regie is niet gemachtigd"),
        ({"endpoint": "http://127.0.0.1:9/haalcentraal/api/brp"}, "De BRP is niet bereikbaar"),
    ],
)
def test_refusals_of_the_gateway_in_dutch(world, koppeling, client_for, change, message):
    for name, value in change.items():
        setattr(koppeling, name, value)
    koppeling.save()
    client = _klantmanager(world, client_for)
    response = client.post(
        reverse("brp_registratie"), {"bsn": AMINA, "municipality": world.municipality.pk}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Zelf invullen" in response.content.decode()


def test_unknown_bsn_and_invalid_bsn(world, koppeling, client_for, brp_server):
    client = _klantmanager(world, client_for)
    unknown = client.post(
        reverse("brp_registratie"), {"bsn": "999998456", "municipality": world.municipality.pk}
    )
    assert "De BRP kent geen persoon met dit BSN." in unknown.content.decode()
    invalid = client.post(
        reverse("brp_registratie"), {"bsn": "123456789", "municipality": world.municipality.pk}
    )
    assert "Dit is geen geldig BSN (9 cijfers, elfproef)." in invalid.content.decode()
    assert len(brp_server.requests) == 1  # the invalid BSN never left Regie


def test_spec_errors_400_and_503_become_dutch_messages(world, koppeling, brp_server):
    from regie.exchange.adapters.brp import BrpError, HaalCentraalBrp

    client = HaalCentraalBrp()
    with pytest.raises(BrpError) as refused:
        # A field the spec does not know: the server answers 400 with invalidParams.
        FIELDS["test"] = ("burgerservicenummer", "bestaatNiet")
        try:
            client.raadpleeg(koppeling, [AMINA], "test", "00-" + "1" * 32 + "-" + "2" * 16 + "-01")
        finally:
            del FIELDS["test"]
    assert refused.value.status == 400
    assert "De BRP weigerde de vraag als ongeldig (fields" in str(refused.value)

    brp_server.status_override = 503
    with pytest.raises(BrpError) as unavailable:
        client.raadpleeg(
            koppeling, [AMINA], "registratie", "00-" + "1" * 32 + "-" + "2" * 16 + "-01"
        )
    assert "De BRP is tijdelijk niet beschikbaar (fout 503)" in str(unavailable.value)


def test_a_field_beyond_the_authorisation_is_refused_403(world, koppeling, brp_server):
    from regie.exchange.adapters.brp import BrpError, HaalCentraalBrp

    FIELDS["te-veel"] = ("burgerservicenummer", "ouders")
    try:
        with pytest.raises(BrpError) as refused:
            HaalCentraalBrp().raadpleeg(
                koppeling, [AMINA], "te-veel", "00-" + "1" * 32 + "-" + "2" * 16 + "-01"
            )
    finally:
        del FIELDS["te-veel"]
    assert refused.value.status == 403


def _person(world, bsn, **extra):
    return InburgeraarFactory(
        municipality=world.municipality,
        bsn=bsn,
        klantmanager=world.users[Role.KLANTMANAGER],
        street="Misterweg",
        house_number="12",
        postcode="7101 AB",
        city="Winterswijk",
        **extra,
    )


def test_brp_check_finds_moves_deaths_and_new_addresses(world, koppeling, brp_server, client_for):
    khaled, lina, omar, yusuf = (_person(world, b) for b in (KHALED, LINA, OMAR, YUSUF))
    out = StringIO()
    call_command("brp-check", "GM0294", stdout=out)
    assert "GM0294: 5 personen gevraagd, 3 nieuwe signalen" in out.getvalue()
    signalen = {s.inburgeraar_id: s for s in BrpSignaal.objects.all()}
    assert signalen[khaled.pk].soort == BrpSignaalSoort.VERHUISD
    assert signalen[khaled.pk].omschrijving.startswith("Ingeschreven in Aalten volgens de BRP")
    assert signalen[lina.pk].omschrijving == "Overleden op 3 november 2026 volgens de BRP"
    assert signalen[omar.pk].omschrijving == (
        "Nieuw adres volgens de BRP: Meddosestraat 40A, 7101MB Winterswijk"
    )
    assert yusuf.pk not in signalen
    # The check asked only its own fields, 20 BSNs at most a question.
    body = brp_server.requests[-1]["body"]
    assert body["fields"] == list(FIELDS["controle"])
    # Each person's processing log has the check, with its activity and the span sent.
    event = AuditEvent.objects.filter(inburgeraar_id=khaled.pk, object_type="brp").get()
    assert event.activity == "brp-controle"
    assert event.span_id == brp_server.requests[-1]["headers"]["traceparent"].split("-")[2]

    # Again: nothing new.
    out = StringIO()
    call_command("brp-check", stdout=out)
    assert "0 nieuwe signalen" in out.getvalue()
    assert BrpSignaal.objects.count() == 3

    # The werkvoorraad shows them; the move leads to the overdracht.
    client = _klantmanager(world, client_for)
    html = client.get(reverse("home")).content.decode()
    assert "Signalen uit de BRP" in html
    assert "Ingeschreven in Aalten volgens de BRP: draag het dossier over" in html
    assert reverse("person_taal", args=[khaled.pk]) + "#overdracht" in html

    # The overdracht with 'vertrokken' deals with the move signal.
    client.post(reverse("overdracht_export", args=[khaled.pk]), {"vertrokken": "on"})
    assert BrpSignaal.objects.get(pk=signalen[khaled.pk].pk).status == BrpSignaalStatus.AFGEHANDELD
    # Another signal is dealt with by hand.
    client.post(reverse("brp_signaal_afhandelen", args=[omar.pk, signalen[omar.pk].pk]))
    html = client.get(reverse("home")).content.decode()
    assert "Meddosestraat" not in html
    assert "Overleden op 3 november 2026 volgens de BRP" in html


def test_the_brp_check_runs_itself_every_morning(world, koppeling, brp_server, settings):
    """Scheduled in Regie (issue 22): Celery beat sends it at 06:00 and the run is recorded
    for the beheerder's Geplande taken with what the check found."""
    from regie.jobs import schedule

    beat = settings.CELERY_BEAT_SCHEDULE["brp-controle"]
    assert (beat["schedule"].hour, beat["schedule"].minute) == ({6}, {0})
    _person(world, LINA)
    record = schedule.run("brp-controle")
    assert record.ok is True
    assert "personen gevraagd, 1 nieuwe signalen" in record.summary
    assert BrpSignaal.objects.get().omschrijving == "Overleden op 3 november 2026 volgens de BRP"


def test_brp_check_reports_a_failing_gateway(world, koppeling, brp_server):
    _person(world, KHALED)
    brp_server.status_override = 503
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("brp-check", "GM0294", stdout=StringIO(), stderr=err)
    assert "De BRP is tijdelijk niet beschikbaar" in err.getvalue()


def test_signals_are_a_pure_function_of_file_and_answer(world):
    from regie.exchange.brp import signalen_voor

    people = persons()
    person = InburgeraarFactory.build(
        municipality=world.municipality, postcode="7101 AB", house_number="12"
    )
    assert signalen_voor(person, people[YUSUF]) == []
    assert [s[0] for s in signalen_voor(person, people[OMAR])] == ["nieuw_adres"]
    # No address on file: no signal for the BRP's address.
    person.postcode = ""
    assert signalen_voor(person, people[OMAR]) == []
    # A death outranks the rest; a move out outranks an address.
    assert [s[0] for s in signalen_voor(person, people[LINA])] == ["overleden"]
    assert [s[0] for s in signalen_voor(person, people[KHALED])] == ["verhuisd"]


def test_signal_transitions():
    from regie.exchange.models import signaal_can_transition

    assert signaal_can_transition("open", "afgehandeld")
    assert not signaal_can_transition("afgehandeld", "open")
    assert not signaal_can_transition("open", "open")


def test_beheerder_configures_the_connection_and_never_sees_the_key(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("brp_koppeling", args=[world.municipality.pk])
    data = {
        "actief": "on",
        "endpoint": "https://brp.winterswijk.nl/haalcentraal/api/brp",
        "api_key_header": "X-API-KEY",
        "api_key": "s3cr3t-sleutel",
        "extra_headers": f"OIN: {OIN}\nx-doelbinding: BRPK0001",
        "timeout": "10",
    }
    assert client.post(url, data).status_code == 302
    koppeling = BrpKoppeling.objects.get(municipality=world.municipality)
    assert koppeling.api_key == "s3cr3t-sleutel"
    # At rest the database holds only a token (a dump or backup does not give the key).
    stored = BrpKoppeling.objects.filter(pk=koppeling.pk).values_list("api_key", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT api_key FROM exchange_brpkoppeling WHERE id = %s", [koppeling.pk])
        raw = cursor.fetchone()[0]
    assert "s3cr3t" not in raw and raw.startswith("gAAAA")
    assert list(stored) == ["s3cr3t-sleutel"]
    page = client.get(url).content.decode()
    assert "s3cr3t-sleutel" not in page
    assert "Er is een API-sleutel ingesteld." in page
    # Saving without a key keeps it; the audit log names no secret.
    data["api_key"] = ""
    client.post(url, data)
    koppeling.refresh_from_db()
    assert koppeling.api_key == "s3cr3t-sleutel"
    assert not AuditEvent.objects.filter(description__contains="s3cr3t").exists()
    # A bad header line is refused in Dutch.
    data["extra_headers"] = "OIN 0000"
    bad = client.post(url, data).content.decode()
    assert "Regel 1: schrijf" in bad
    # Another municipality's connection: not found.
    assert (
        client.get(reverse("brp_koppeling", args=[world.other_municipality.pk])).status_code == 404
    )


def test_without_a_connection_the_form_is_typed_by_hand(world, client_for):
    client = _klantmanager(world, client_for)
    page = client.get(reverse("person_create")).content.decode()
    assert "gegevens ophalen uit de BRP" not in page
    response = client.get(reverse("brp_registratie"))
    assert "Uw gemeente heeft geen BRP-koppeling. Vul de gegevens zelf in." in (
        response.content.decode()
    )
