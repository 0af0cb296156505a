"""Issue 18 point 3: the residence permit on the person.

Data migration choice: existing persons get the permit their doelgroep implies
(asielmigrant -> asiel bepaalde tijd, gezinsmigrant -> regulier gezinsmigratie, overige ->
overig; regie.rules.category.PERMIT_FOR_DOELGROEP). That keeps every decision that used
the doelgroep exactly as it was for existing data; a family member of an asylum holder on
a regular permit, whom the doelgroep could not express, is corrected on the file with a
reason (docs/rechtspositie.md). The regime label 'oudkomer' now reads 'geen
inburgeringsplicht'; the stored value stays.
"""

from django.db import migrations, models

PERMIT_FOR_DOELGROEP = {"asielmigrant": "asiel", "gezinsmigrant": "gezin", "overige": "overig"}


def fill_permit(apps, schema_editor):
    Inburgeraar = apps.get_model("people", "Inburgeraar")
    for doelgroep, permit in PERMIT_FOR_DOELGROEP.items():
        Inburgeraar.objects.filter(doelgroep=doelgroep).update(verblijfsvergunning=permit)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_termijn_duo_besluit"),
    ]

    operations = [
        migrations.AddField(
            model_name="inburgeraar",
            name="verblijfsvergunning",
            field=models.CharField(default="overig", max_length=12),
            preserve_default=False,
        ),
        migrations.RunPython(fill_permit, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inburgeraar",
            name="verblijfsvergunning",
            field=models.CharField(
                choices=[
                    ("asiel", "Asiel bepaalde tijd (asielstatushouder)"),
                    ("gezin_asiel", "Regulier, als gezinslid van een asielstatushouder"),
                    ("gezin", "Regulier, gezinsmigratie"),
                    ("overig", "Overig"),
                ],
                help_text=(
                    "Bepaalt wat de gemeente regelt: leerroute, begeleiding en ontzorging voor "
                    "asielstatushouders en hun gezinsleden (Wet inburgering 2021 art. 13), zelf "
                    "regelen voor gezinsmigranten en overige migranten (art. 19)."
                ),
                max_length=12,
                verbose_name="verblijfsvergunning",
            ),
        ),
        migrations.AlterField(
            model_name="inburgeraar",
            name="regime",
            field=models.CharField(
                choices=[
                    ("wi2021", "Wet inburgering 2021"),
                    ("wi2013", "Ondertussengroep (Wet inburgering 2013)"),
                    ("oudkomer", "Geen inburgeringsplicht (oudkomer, vrijwillig)"),
                ],
                default="wi2021",
                max_length=10,
                verbose_name="regime",
            ),
        ),
    ]
