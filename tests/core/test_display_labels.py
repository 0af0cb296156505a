"""get_FOO_display of Regie's tracked models answers from labels translated once per field
and language (regie.core.audit._display_labels); it must say what Django's own does."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from regie.core.audit import TrackedModel


def _fields_with_choices():
    for model in apps.get_models():
        if not issubclass(model, TrackedModel):
            continue
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


@pytest.mark.parametrize("language", ["nl", "en"])
def test_display_equals_djangos_for_every_choice_and_unknown_values(language):
    checked = 0
    with translation.override(language):
        for model, field in _fields_with_choices():
            for value, _label in field.flatchoices:
                instance = model()
                setattr(instance, field.attname, value)
                ours = getattr(instance, f"get_{field.name}_display")()
                assert ours == models.Model._get_FIELD_display(instance, field), (
                    model,
                    field.name,
                    value,
                )
                checked += 1
            instance = model()
            setattr(instance, field.attname, "no-such-choice")
            assert getattr(instance, f"get_{field.name}_display")() == "no-such-choice"
    assert checked > 100


def test_the_label_follows_the_active_language():
    from regie.people.models import Inburgeraar

    person = Inburgeraar(doelgroep="asielmigrant")
    field = Inburgeraar._meta.get_field("doelgroep")
    with translation.override("nl"):
        dutch = person.get_doelgroep_display()
    with translation.override("en"):
        english = person.get_doelgroep_display()
        assert english == models.Model._get_FIELD_display(person, field)
    assert dutch == "Asielmigrant"
