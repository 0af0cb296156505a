"""Every model holding personal data is covered by a registered PersonData (so the inzage
export and the retention job know it) and moves with a municipality export."""

from django.apps import apps

from regie.core.audit import TrackedModel
from regie.core.portability import portable_models
from regie.core.privacy import covered_models

# Apps whose helpers have not registered their PersonData yet (docs/security.md,
# 'Registering an app'). Remove an app from this set when it registers.
PENDING_APPS: set[str] = set()


def personal_models():
    return [
        m
        for m in apps.get_models()
        if (issubclass(m, TrackedModel) or hasattr(m, "person_path"))
        and m._meta.app_label not in PENDING_APPS
    ]


def test_every_personal_data_model_is_registered():
    missing = sorted(m._meta.label for m in personal_models() if m not in covered_models())
    assert missing == []


def test_registered_apps_are_portable():
    portable = {p.model for p in portable_models()}
    missing = sorted(
        m._meta.label
        for m in personal_models()
        if m not in portable and m._meta.model_name != "accessgrant"
    )
    assert missing == []


def test_pending_list_is_current():
    """An app that registers must leave PENDING_APPS (the list only shrinks)."""
    registered = {m._meta.app_label for m in covered_models()}
    assert registered & PENDING_APPS == set()
