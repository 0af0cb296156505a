"""Issue 18, point 7: local rules are beleidsregels. The beheer page says for each local
figure what room it takes beside the law, and refuses a local PIP target longer than the
statutory term."""

import pytest
from django.urls import reverse

from regie.core.localrules import set_local_value
from regie.core.models import LocalRule
from regie.core.roles import Role

pytestmark = pytest.mark.django_db

FIELD = "figure_pip_termijn_na_huisvesting_weken"


def _data(form):
    return {name: field.initial for name, field in form.fields.items() if field.initial is not None}


def test_the_page_says_what_room_each_local_rule_takes(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    page = client.get(reverse("municipality_rules", args=[world.municipality.pk]))
    text = page.content.decode()
    assert "Streefwaarde naast de wettelijke termijn; de wettelijke termijn blijft gelden." in text
    assert "met een reden afwijken (Awb art. 4:84)" in text
    assert "Interne controle of signaal; geen rechtsgevolg." in text
    form = page.context["form"]
    assert "naast de wettelijke termijn" in form.fields[FIELD].help_text
    assert "Awb art. 4:84" in form.fields["figure_leerroute_wijzigingen_max"].help_text


@pytest.mark.parametrize("weeks", ["11", "0", "8.5"])
def test_a_local_pip_target_past_the_statutory_term_is_refused(world, client_for, weeks):
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("municipality_rules", args=[world.municipality.pk])
    data = _data(client.get(url).context["form"])
    data[FIELD] = weeks
    response = client.post(url, data)
    assert response.status_code == 200
    assert not LocalRule.objects.filter(name="pip_termijn_na_huisvesting_weken").exists()
    errors = " ".join(response.context["form"].errors[FIELD])
    assert "wettelijke termijn niet verlengen" in errors or "heel getal" in errors


def test_a_shorter_local_pip_target_is_saved(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("municipality_rules", args=[world.municipality.pk])
    data = _data(client.get(url).context["form"])
    data[FIELD] = "8"
    assert client.post(url, data).status_code == 302
    assert LocalRule.objects.get(name="pip_termijn_na_huisvesting_weken").value == 8


def test_the_service_refuses_it_too(world):
    with pytest.raises(ValueError):
        set_local_value(world.municipality, "pip_termijn_na_huisvesting_weken", 12, "x")
