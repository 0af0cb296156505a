"""Seed the register of processing activities (AVG art. 30) with what Regie does. The
functioneel beheerder keeps the texts up to date (/beheer/verwerkingsactiviteiten/);
a later run of this migration never overwrites them."""

from django.db import migrations

WI = "Wet inburgering 2021 en Besluit inburgering 2021"
PERSONEN = "inburgeringsplichtigen en hun gezinsleden"
BEWAAR = (
    "5 jaar na het einde van het traject (Besluit inburgering 2021 art. 9.9); "
    "gezondheidsgegevens 2 jaar, financiële gegevens 7 jaar (regie retention)"
)

ACTIVITIES = [
    (
        "uitvoering-inburgering",
        "Uitvoering Wet inburgering: dossier van de inburgeraar",
        "Brede intake, persoonlijk plan inburgering en participatie (PIP), begeleiding en "
        "ontzorging van inburgeringsplichtigen.",
        f"AVG art. 6 lid 1 sub e; {WI} (art. 6, 14, 15, 16 Wi 2021).",
        PERSONEN,
        "NAW, BSN, geboortedatum, nationaliteit, verblijfstitel, contact, leerroute, "
        "voortgang, financiële gegevens van de ontzorging; bijzondere gegevens (gezondheid) "
        "alleen voor wie ze mag zien.",
        "medewerkers van de gemeente en de organisaties die voor haar werken",
        BEWAAR,
    ),
    (
        "brp-bevraging",
        "Persoonsgegevens ophalen uit de BRP bij inschrijving",
        "Een inburgeringsplichtige inschrijven met de gegevens uit de basisregistratie "
        "personen; de datum van inschrijving in de gemeente bepaalt de termijn van het PIP.",
        "AVG art. 6 lid 1 sub e; Wet BRP art. 3.3; Besluit inburgering 2021 art. 5.3.",
        PERSONEN,
        "naam, geboorte, nationaliteiten, verblijfplaats, gemeente en datum van inschrijving, "
        "verblijfstitel, partners, kinderen (alleen deze velden worden gevraagd).",
        "geen",
        BEWAAR,
    ),
    (
        "brp-controle",
        "Controle op verhuizing, overlijden en nieuw adres (BRP)",
        "Vaststellen dat een inburgeraar uit de gemeente vertrekt (overdracht), is overleden "
        "of een nieuw adres heeft.",
        "AVG art. 6 lid 1 sub e; Wet BRP art. 3.3; Wet inburgering 2021 art. 6.",
        PERSONEN,
        "gemeente van inschrijving, verblijfplaats, overlijden.",
        "geen",
        BEWAAR,
    ),
    (
        "verwijzing",
        "Verwijzing naar een aanbieder",
        "Een inburgeraar aanmelden bij een taalaanbieder of andere aanbieder voor het "
        "onderdeel van het PIP.",
        f"AVG art. 6 lid 1 sub e; {WI} (art. 6, 14 Wi 2021).",
        PERSONEN,
        "naam, geboortedatum, contact, leerroute en intensiteit uit het PIP.",
        "aanbieders met een opdracht van de gemeente",
        BEWAAR,
    ),
    (
        "melding-duo",
        "Meldingen aan DUO",
        "De feiten die het college aan DUO meldt (PIP, leerroute, aanwezigheid, MAP, PVT).",
        "AVG art. 6 lid 1 sub c; Besluit inburgering 2021 art. 9.2 en 9.3.",
        PERSONEN,
        "BSN, gemeentecode, soort en datum van de melding.",
        "DUO",
        BEWAAR,
    ),
    (
        "statistiek-cbs",
        "Levering aan CBS (Statistiek Wet inburgering)",
        "Statistiek over de uitvoering van de Wet inburgering 2021.",
        "AVG art. 6 lid 1 sub c; Wet op het Centraal bureau voor de statistiek art. 33.",
        PERSONEN,
        "BSN, doelgroep, regime, status, datum kennisgeving en PIP, leerroute.",
        "CBS",
        BEWAAR,
    ),
    (
        "overdracht",
        "Overdracht van het dossier na verhuizing",
        "Het dossier overdragen aan de nieuwe gemeente van de inburgeraar.",
        "AVG art. 6 lid 1 sub e; Besluit inburgering 2021 art. 5.3 lid 3.",
        PERSONEN,
        "identiteit, doelgroep, verblijfsvergunning, PIP, lesuren, examenresultaten; geen "
        "gezondheidsgegevens.",
        "de nieuwe gemeente",
        BEWAAR,
    ),
    (
        "avg-inzage",
        "Inzage en rechten van betrokkenen",
        "Een verzoek om inzage of een ander recht van de betrokkene beantwoorden.",
        "AVG art. 6 lid 1 sub c; AVG art. 15-21.",
        PERSONEN,
        "alle gegevens over de betrokkene en wie ze heeft ingezien.",
        "de betrokkene",
        BEWAAR,
    ),
]


def seed(apps, schema_editor):
    Verwerkingsactiviteit = apps.get_model("core", "Verwerkingsactiviteit")
    fields = (
        "naam", "doel", "grondslag", "categorieen_betrokkenen", "categorieen_gegevens",
        "ontvangers", "bewaartermijn",
    )  # fmt: skip
    for code, *values in ACTIVITIES:
        Verwerkingsactiviteit.objects.get_or_create(
            code=code, defaults={**dict(zip(fields, values, strict=True)), "changed_by": "systeem"}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0008_logboek_dataverwerkingen")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
