from django.db import migrations, models


def forget_stands(apps, schema_editor):
    """The facts built before these columns lack them: without a stand every page reads
    the source tables until the next rebuild (the hourly job), never a wrong figure."""
    apps.get_model("monitoring", "FactStand").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="personfact",
            name="has_pip",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="personfact",
            name="placements",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="personfact",
            name="pip_deadline",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(forget_stands, migrations.RunPython.noop),
    ]
