"""A municipality's data exported and imported again (e.g. when the uitvoerder changes)
round-trips without loss: the export of the imported copy equals the original export,
apart from record ids and the municipality code."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.core.models import AuditAction, AuditEvent, Municipality
from regie.core.portability import FORMAT, export_municipality, import_municipality
from regie.people.models import Inburgeraar

pytestmark = pytest.mark.django_db


def canonical(data: dict) -> dict:
    """The export with every record id replaced by its position, references likewise,
    and the municipality code left out: what must survive a round trip."""
    position: dict[tuple[str, int], int] = {}
    for index, record in enumerate(data["records"]):
        position[(record["model"], record["id"])] = index
    from regie.core.portability import _portable

    def ref_target(model_label, field_name):
        model = _portable[model_label].model
        field = model._meta.get_field(field_name)
        if field.is_relation and field.related_model._meta.label_lower in _portable:
            return field.related_model._meta.label_lower
        return None

    records = []
    for record in data["records"]:
        fields = {}
        for name, value in record["fields"].items():
            target = ref_target(record["model"], name)
            if target and value is not None:
                value = (
                    [position[(target, v)] for v in value]
                    if isinstance(value, list)
                    else position[(target, value)]
                )
            if name == "municipality":
                value = "*"
            fields[name] = value
        records.append((record["model"], fields))
    by_type = {}
    for (label, old_id), index in position.items():
        by_type[(label.split(".")[1], str(old_id))] = index
    person_pos = {
        old: idx for (label, old), idx in position.items() if label == "people.inburgeraar"
    }
    history = [
        {
            **change,
            "object_id": by_type[(change["object_type"], change["object_id"])],
            "inburgeraar_id": person_pos.get(change["inburgeraar_id"]),
        }
        for change in data["history"]
    ]
    return {"records": records, "history": history}


def test_demo_municipality_round_trips(tmp_path):
    call_command("demo")
    source = Municipality.objects.get(cbs_code="GM0294")
    original = export_municipality(source)
    assert original["format"] == FORMAT
    models = {r["model"] for r in original["records"]}
    assert {
        "people.inburgeraar",
        "people.statuschange",
        "intake.bredeintake",
        "plans.pipversie",
    } <= models
    assert original["history"], "the demo has field history"

    path = tmp_path / "export.json"
    call_command("municipality", "export", "GM0294", str(path))
    assert path.stat().st_mode & 0o077 == 0, "the export is readable by its owner only"
    call_command("municipality", "import", str(path), "--into", "GM0001")
    copy = Municipality.objects.get(cbs_code="GM0001")

    again = export_municipality(copy)
    assert len(again["records"]) == len(original["records"])
    assert canonical(again) == canonical(original)
    assert Inburgeraar.objects.filter(municipality=copy).count() == (
        Inburgeraar.objects.filter(municipality=source).count()
    )
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="municipality").exists()


def test_import_is_all_or_nothing(world, tmp_path):
    data = export_municipality(world.municipality)
    data["records"][-1]["fields"]["aanbieder"] = "Een aanbieder die hier niet bestaat"
    before = Inburgeraar.objects.count()
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("municipality", "import", str(path), "--into", "GM0002")
    assert Inburgeraar.objects.count() == before
    assert not Municipality.objects.filter(cbs_code="GM0002").exists()


def test_importing_the_same_persons_twice_is_refused(world):
    data = export_municipality(world.municipality)
    with pytest.raises(Exception):  # noqa: B017 - the BSN is unique per municipality
        import_municipality(data)


def test_not_an_export(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "iets anders"}')
    with pytest.raises(CommandError):
        call_command("municipality", "import", str(path))
