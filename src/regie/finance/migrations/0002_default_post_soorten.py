"""The four fixed costs of Participatiewet art. 56a, for every municipality."""

from django.db import migrations

DEFAULTS = (
    ("Huur", 10),
    ("Energie (gas en elektriciteit)", 20),
    ("Water", 30),
    ("Zorgverzekering (premie)", 40),
)


def add_defaults(apps, schema_editor):
    PostSoort = apps.get_model("finance", "PostSoort")
    for naam, volgorde in DEFAULTS:
        if not PostSoort.objects.filter(municipality=None, naam=naam).exists():
            PostSoort.objects.create(naam=naam, volgorde=volgorde, wettelijk=True)


def remove_defaults(apps, schema_editor):
    PostSoort = apps.get_model("finance", "PostSoort")
    PostSoort.objects.filter(municipality=None, naam__in=[n for n, _ in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
