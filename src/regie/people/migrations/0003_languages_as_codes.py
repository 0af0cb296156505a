"""Spoken languages become codes from the ISO 639 list (regie.people.languages): free text
typed before ("Tigrinya, Arabisch", "AR; en") is converted to codes ("ti, ar"); a part that
is not in the list is kept as it was (lower-case), so nothing is lost and the form still
offers it."""

from django.db import migrations, models


def to_codes(apps, schema_editor):
    from regie.people import languages

    Inburgeraar = apps.get_model("people", "Inburgeraar")
    changed = []
    for person in Inburgeraar.objects.exclude(languages="").only("pk", "languages").iterator():
        parts = []
        for part in languages.split(person.languages):
            code = languages.to_code(part) or part
            if code not in parts:
                parts.append(code)
        value = ", ".join(parts)[:100]
        if value != person.languages:
            person.languages = value
            changed.append(person)
    # bulk_update writes no field history: a conversion of the format, not a correction.
    Inburgeraar.objects.bulk_update(changed, ["languages"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_verwijzing_flow")]

    operations = [
        migrations.AlterField(
            model_name="inburgeraar",
            name="languages",
            field=models.CharField(
                blank=True,
                help_text="ISO 639-taalcodes gescheiden door komma's, bijvoorbeeld: ar, ti",
                max_length=100,
                verbose_name="gesproken talen",
            ),
        ),
        migrations.RunPython(to_codes, migrations.RunPython.noop, elidable=True),
    ]
