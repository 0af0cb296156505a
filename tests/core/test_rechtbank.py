"""Issue 18 point 9: the beroepsclausule names the rechtbank. The beheerder records per
municipality the rechtbank and its postal address for beroepschriften (Awb art. 8:7 lid 1)
on the municipality's local rules page; the change is audit-logged."""

import pytest
from django.urls import reverse

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role

pytestmark = pytest.mark.django_db


def _data(form):
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data.update({k: v for k, v in form.initial.items() if k in form.fields and v is not None})
    data = {k: v for k, v in data.items() if v is not False}
    return data


def test_the_beheerder_sees_and_changes_the_rechtbank(world, client_for):
    municipality = world.municipality
    municipality.rechtbank_naam = ""
    municipality.rechtbank_postadres = ""
    municipality.save()
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("municipality_rules", args=[municipality.pk])
    page = client.get(url)
    text = page.content.decode()
    assert "Rechtbank voor beroep" in text
    assert "Postadres voor beroepschriften" in text
    assert "Awb art. 8:7 lid 1" in text
    data = _data(page.context["form"])
    data["rechtbank_naam"] = "Rechtbank Gelderland"
    data["rechtbank_postadres"] = "Postbus 9030\r\n6800 EM Arnhem"
    assert client.post(url, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.rechtbank_naam == "Rechtbank Gelderland"
    assert " ".join(municipality.rechtbank_postadres.split()) == "Postbus 9030 6800 EM Arnhem"
    entry = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("pk")
    assert "rechtbank='Rechtbank Gelderland'" in entry.description
    assert "Postbus 9030, 6800 EM Arnhem" in entry.description
    page = client.get(url).content.decode()
    assert 'value="Rechtbank Gelderland"' in page and "6800 EM Arnhem" in page
