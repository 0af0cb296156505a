"""An aanbieder can never read (or write about) another aanbieder's persons or reports:
every endpoint of the API is tried with the other aanbieder's ids."""

import pytest
from django.urls import reverse

from regie.api.urls import router
from regie.core.roles import Role
from regie.people.models import Verwijzing

REPORTS = [
    "api-lesuren",
    "api-afwezigheid",
    "api-voortgangsmeting",
    "api-examenresultaat",
    "api-afschaalverzoek",
]
WRITE_BODIES = {
    "api-lesuren": {"maand": "2025-01-01", "urenAangeboden": "10.0", "urenAanwezig": "8.0"},
    "api-afwezigheid": {"datum": "2025-01-06", "uren": "3.0", "reden": "ziek"},
    "api-voortgangsmeting": {"datum": "2025-01-06", "vaardigheid": "lezen", "niveau": "A2"},
    "api-examenresultaat": {
        "datum": "2025-01-06",
        "onderdeel": "lezen",
        "niveau": "B1",
        "uitslag": "behaald",
    },
    "api-afschaalverzoek": {"onderdeel": "lezen", "motivering": "Volgt alle lessen."},
}


def all_route_names() -> set[str]:
    return {p.name for p in router.urls}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_every_endpoint_is_tried():
    tried = {"api-inburgeraar-list", "api-inburgeraar-detail", "api-pip-list", "api-pip-detail"}
    tried |= {f"{r}-list" for r in REPORTS} | {f"{r}-detail" for r in REPORTS}
    tried |= {
        "api-verwijzing-list",
        "api-verwijzing-detail",
        "api-verwijzing-accepteren",
        "api-verwijzing-afwijzen",
        "api-verwijzing-beeindigen",
        "api-lesuren-upload",
    }
    # Placements and outflow: tests/api/test_work.py (scope, 403 without work.view) and the
    # aanbieder below.
    tried |= {f"api-{r}-{kind}" for r in ("plaatsing", "uitstroom") for kind in ("list", "detail")}
    assert all_route_names() == tried


def test_aanbieder_never_reads_another_aanbieders_persons(world, pairs, token_client):
    by_org, shared, shared_records = pairs
    mine, other = by_org["Toptaal"], by_org["Interbeek"]
    client = token_client(mine.user)

    # Persons: the own and the shared referred person, never the other's.
    listed = ids(client.get(reverse("api-inburgeraar-list")))
    assert mine.person.pk in listed and shared.pk in listed
    assert other.person.pk not in listed
    assert client.get(reverse("api-inburgeraar-detail", args=[other.person.pk])).status_code == 404
    assert (
        ids(client.get(reverse("api-inburgeraar-list"), {"achternaam": other.person.last_name}))
        == set()
    )

    # Referrals: only those to the own organisation, also for the shared person.
    theirs = set(Verwijzing.objects.filter(aanbieder=other.org).values_list("pk", flat=True))
    listed = ids(client.get(reverse("api-verwijzing-list")))
    assert listed and not listed & theirs
    assert ids(client.get(reverse("api-verwijzing-list"), {"aanbieder": other.org.pk})) == set()
    for pk in theirs:
        assert client.get(reverse("api-verwijzing-detail", args=[pk])).status_code == 404
        for action in ("accepteren", "afwijzen", "beeindigen"):
            response = client.post(
                reverse(f"api-verwijzing-{action}", args=[pk]), {}, format="json"
            )
            assert response.status_code == 404

    # PIPs, placements and outflow are not for aanbieders at all.
    for resource in ("pip", "plaatsing", "uitstroom"):
        assert client.get(reverse(f"api-{resource}-list")).status_code == 403
        assert client.get(reverse(f"api-{resource}-detail", args=[1])).status_code == 403

    # Reports: never the other aanbieder's, not even about the shared person.
    for resource in REPORTS:
        foreign = {other.records[resource], shared_records["Interbeek"][resource]}
        own = {mine.records[resource], shared_records["Toptaal"][resource]}
        listed = ids(client.get(reverse(f"{resource}-list")))
        assert listed == own, resource
        assert (
            ids(client.get(reverse(f"{resource}-list"), {"inburgeraar": other.person.pk})) == set()
        )
        for pk in foreign:
            assert client.get(reverse(f"{resource}-detail", args=[pk])).status_code == 404
        # Writing about the other's person is refused with the same words as a stranger.
        body = {**WRITE_BODIES[resource], "inburgeraar": other.person.pk}
        response = client.post(reverse(f"{resource}-list"), body, format="json")
        assert response.status_code == 400, resource
        assert response["Content-Type"] == "application/problem+json"
        assert [p["name"] for p in response.json()["invalidParams"]] == ["inburgeraar"]

    # The bulk upload refuses the other's person too (and changes nothing).
    from django.core.files.uploadedfile import SimpleUploadedFile

    from regie.exchange.models import Lesuren

    before = Lesuren.objects.count()
    upload = SimpleUploadedFile(
        "uren.csv",
        f"inburgeraar;maand;uren_aangeboden;uren_aanwezig\n{other.person.pk};2025-02;10;8\n".encode(),
    )
    response = client.post(reverse("api-lesuren-upload"), {"bestand": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["toegepast"] is False
    assert Lesuren.objects.count() == before


def test_never_bsn_address_or_health_for_an_aanbieder(world, pairs, token_client):
    by_org, _shared, _ = pairs
    client = token_client(by_org["Toptaal"].user)
    row = client.get(reverse("api-inburgeraar-detail", args=[by_org["Toptaal"].person.pk])).json()
    assert "voornamen" in row and "telefoon" in row
    for hidden in ("bsn", "straat", "postcode", "woonplaats", "huishouden"):
        assert hidden not in row
    km = token_client(world.users[Role.KLANTMANAGER])  # the klantmanager sees the BSN
    row = km.get(reverse("api-inburgeraar-detail", args=[by_org["Toptaal"].person.pk])).json()
    assert row["bsn"] == by_org["Toptaal"].person.bsn


def test_other_municipality_is_invisible_to_the_klantmanager(world, token_client):
    from regie.core.roles import Role

    client = token_client(world.users[Role.KLANTMANAGER])
    assert world.stranger.pk not in ids(client.get(reverse("api-inburgeraar-list")))
    response = client.get(reverse("api-inburgeraar-detail", args=[world.stranger.pk]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
