"""Every model holding personal data is covered by a registered PersonData (so the inzage
export and the retention job know it) and moves with a municipality export."""

from django.apps import apps

from regie.core.audit import TrackedModel
from regie.core.models import Municipality
from regie.core.portability import portable_models
from regie.core.privacy import covered_models

# Models that refer to a municipality or to a portable record but stay where they are
# when a municipality moves, with the reason (docs/security.md, municipality export).
STAYS = {
    "core.organisation": "installation-wide; the import matches organisations by name",
    "core.team": "teams belong to organisations (installation-wide); the target's beheerder "
    "names which municipalities a team works for",
    "people.accessgrant": "time-limited access of the old installation's users",
    "core.accountproposal": "account proposals and their approvals are about the old "
    "installation's accounts, like the audit log",
    "core.proposalapproval": "an approval of an account proposal (see core.accountproposal)",
    "exchange.importrun": "log of file imports on the old installation, like the audit log",
    "exchange.brpkoppeling": "a municipality's connection to its BRP gateway (endpoint, key, "
    "headers): the target municipality's installation has its own, with its own key",
    "monitoring.factstand": "derived figures: the target installation rebuilds its monitoring "
    "facts from the moved records (regie monitoring-facts, scheduled hourly)",
    "monitoring.personfact": "derived from the person's records, rebuilt from them (see "
    "monitoring.factstand); deleted with the person",
    "monitoring.enrolmentyearfact": "derived from the attendance, rebuilt from it (see "
    "monitoring.factstand)",
    "identity.identityprovider": "an organisation's login configuration (installation-wide, "
    "like the organisation; its approvals are the old installation's beheerders'); the "
    "target's beheerder sets up the provider again with a client of its own",
}
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


def test_everything_about_a_municipality_moves_or_says_why_not():
    """A model holding a municipality's data (it refers to the municipality or to a
    portable record) moves with the municipality export, or is listed in STAYS."""
    portable = {p.model for p in portable_models()}
    labels = {p.model._meta.label_lower for p in portable_models()}
    unlisted = sorted(
        m._meta.label_lower
        for m in apps.get_models()
        if m not in portable
        and m._meta.label_lower not in STAYS
        and any(
            f.is_relation
            and f.concrete
            and (f.related_model is Municipality or f.related_model._meta.label_lower in labels)
            for f in m._meta.get_fields()
        )
    )
    assert unlisted == [], (
        "register these with register_portable() (docs/security.md) or list them in STAYS "
        "with the reason they do not move"
    )
