"""PVT (four half-days and the signing) and MAP (hours and eindgesprek): forms, the
werkvoorraad and the person's progress."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from regie.activities.models import MapTraject, MapUren, PvtDagdeel, PvtTraject
from regie.activities.workitems import klantmanager_activities
from regie.core.roles import Role

TODAY = timezone.localdate()


def pvt_data(attended=4, signed="", reported=""):
    data = {"pvt-signed_on": signed, "pvt-duo_reported_on": reported}
    for n in range(1, 5):
        data.update(
            {
                f"d{n}-date": (TODAY - dt.timedelta(weeks=10 - n)).isoformat(),
                f"d{n}-hours": "3",
                f"d{n}-topic": f"Workshop {n}",
                f"d{n}-status": "aanwezig" if n <= attended else "gepland",
            }
        )
        if n == 4:
            data[f"d{n}-by_municipality"] = "on"
    return data


def test_signing_before_all_half_days_is_refused_and_nothing_saved(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("pvt_edit", args=[world.person.pk])
    response = client.post(url, pvt_data(attended=3, signed=TODAY.isoformat()))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nog niet alle 4 dagdelen gevolgd (3 van 4)." in page
    assert not PvtTraject.objects.exists() and not PvtDagdeel.objects.exists()


def test_pvt_series_signed_and_reported(world, client_for, pip_z):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("pvt_edit", args=[world.person.pk])
    assert client.post(url, pvt_data(attended=4)).status_code == 302
    traject = PvtTraject.objects.get()
    assert traject.dagdelen.filter(status="aanwezig").count() == 4
    km = world.users[Role.KLANTMANAGER]
    items = {s.key: s for s in klantmanager_activities(km, TODAY)}["pvt_map"].items
    assert [i.what for i in items] == ["PVT afgerond: verklaring laten ondertekenen"]
    client.post(url, pvt_data(attended=4, signed=TODAY.isoformat()))
    traject.refresh_from_db()
    assert traject.signed_on == TODAY
    items = {s.key: s for s in klantmanager_activities(km, TODAY)}["pvt_map"].items
    assert [i.what for i in items] == ["PVT: ondertekening melden aan DUO"]
    bad = client.post(url, pvt_data(attended=4, signed="", reported=TODAY.isoformat()))
    assert "Meld pas aan DUO" in bad.content.decode()
    client.post(url, pvt_data(attended=4, signed=TODAY.isoformat(), reported=TODAY.isoformat()))
    assert {s.key: s for s in klantmanager_activities(km, TODAY)}["pvt_map"].items == []
    # PVT hours count towards the Z-route participation hours.
    from regie.activities import services

    bars = {b.key: b for b in services.person_progress(world.person).bars}
    assert bars["participatie"].value == 12 and bars["pvt"].value == 4 and bars["pvt"].done


def test_map_hours_and_eindgesprek(world, client_for):
    client = client_for(world.users[Role.COORDINATOR])
    url = reverse("map_edit", args=[world.person.pk])
    bad = client.post(
        url,
        {
            "action": "uren",
            "uren-date": TODAY.isoformat(),
            "uren-hours": "20",
            "uren-description": "Beroepenoriëntatie",
        },
    )
    assert "Hoogstens 12 uur per regel." in bad.content.decode()
    assert not MapTraject.objects.exists()
    for _ in range(4):
        client.post(
            url,
            {
                "action": "uren",
                "uren-date": TODAY.isoformat(),
                "uren-hours": "10",
                "uren-description": "Beroepenoriëntatie",
            },
        )
    assert MapUren.objects.count() == 4
    km = world.users[Role.KLANTMANAGER]
    items = {s.key: s for s in klantmanager_activities(km, TODAY)}["pvt_map"].items
    assert [i.what for i in items] == ["MAP: eindgesprek voeren (40 uur gevolgd)"]
    client.post(
        url,
        {
            "action": "eindgesprek",
            "eind-eindgesprek_on": TODAY.isoformat(),
            "eind-eindgesprek_notes": "Wil in de zorg werken.",
        },
    )
    assert MapTraject.objects.get().eindgesprek_on == TODAY
    assert {s.key: s for s in klantmanager_activities(km, TODAY)}["pvt_map"].items == []


def test_map_norm_is_the_municipalitys(world):
    from regie.activities import services
    from regie.core.localrules import set_local_value

    assert services.map_norm(world.person) == 40
    set_local_value(world.municipality, "map_uren", Decimal(60), "beheerder")
    world.person.municipality.refresh_from_db()
    world.person.municipality._local_rules = None
    assert services.map_norm(world.person) == 60


def test_person_section_shows_accessible_progress(world, client_for, pip_z):
    PvtTraject.objects.create(inburgeraar=world.person)
    page = (
        client_for(world.users[Role.KLANTMANAGER])
        .get(reverse("person_detail", args=[world.person.pk]))
        .content.decode()
    )
    assert "Activiteiten en voortgang" in page
    assert '<progress max="800" value="0"' in page and "aria-labelledby=" in page
    assert "Z-route: participatie-uren" in page and "0 van 4" in page
    assert reverse("weekprogramme_new", args=[world.person.pk]) in page
