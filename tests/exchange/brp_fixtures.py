"""Fixture persons of the local BRP server, in the response format of BRP API Personen
2.7.0 (what the gateway would give with every field asked). The BSNs pass the 11-proef and
are not real people's."""

from __future__ import annotations


def datum(iso: str, lang: str) -> dict:
    return {"type": "Datum", "datum": iso, "langFormaat": lang}


def waarde(code: str, omschrijving: str) -> dict:
    return {"code": code, "omschrijving": omschrijving}


def adres(straat, nummer, postcode, plaats, letter=None) -> dict:
    verblijfadres = {
        "officieleStraatnaam": straat,
        "korteStraatnaam": straat[:24],
        "huisnummer": nummer,
        "postcode": postcode,
        "woonplaats": plaats,
    }
    if letter:
        verblijfadres["huisletter"] = letter
    return {
        "type": "Adres",
        "verblijfadres": verblijfadres,
        "functieAdres": waarde("W", "woonadres"),
        "datumVan": datum("2026-02-01", "1 februari 2026"),
        "adresseerbaarObjectIdentificatie": "0294010000012345",
        "nummeraanduidingIdentificatie": "0294200000012345",
    }


def persoon(bsn, voornamen, geslachtsnaam, geboren, lang, geslacht="V", **extra) -> dict:
    result = {
        "burgerservicenummer": bsn,
        "aNummer": "1234567890",
        "geslacht": waarde(geslacht, {"V": "vrouw", "M": "man", "O": "onbekend"}[geslacht]),
        "leeftijd": 30,
        "naam": {
            "voornamen": voornamen,
            "geslachtsnaam": geslachtsnaam,
            "voorletters": "".join(v[0] + "." for v in voornamen.split()),
            "volledigeNaam": f"{voornamen} {geslachtsnaam}",
            "aanduidingNaamgebruik": waarde("E", "eigen geslachtsnaam"),
        },
        "geboorte": {
            "datum": datum(geboren, lang),
            "land": waarde("5009", "Syrië"),
            "plaats": {"omschrijving": "Aleppo"},
        },
        "nationaliteiten": [
            {
                "type": "Nationaliteit",
                "nationaliteit": waarde("0300", "Syrische"),
                "redenOpname": waarde("301", "Vaststelling bezit vreemde nationaliteit"),
                "datumIngangGeldigheid": datum("2025-09-01", "1 september 2025"),
            }
        ],
        "verblijfplaats": adres("Misterweg", 12, "7101AB", "Winterswijk"),
        "gemeenteVanInschrijving": waarde("0294", "Winterswijk"),
        "datumInschrijvingInGemeente": datum("2026-02-01", "1 februari 2026"),
        "datumEersteInschrijvingGBA": datum("2025-09-01", "1 september 2025"),
        "verblijfstitel": {
            "aanduiding": waarde("37", "Vw 2000 art. 29 lid 1 a, asiel bepaalde tijd"),
            "datumIngang": datum("2025-09-01", "1 september 2025"),
        },
        "partners": [],
        "kinderen": [],
        "ouders": [
            {"ouderAanduiding": "1", "naam": {"voornamen": "Mahmoud", "geslachtsnaam": "Haddad"}}
        ],
    }
    result.update(extra)
    return result


AMINA = "999993653"  # registered from the BRP
KHALED = "999990019"  # already in Regie; moved to Aalten
LINA = "999992570"  # already in Regie; died
OMAR = "999991565"  # already in Regie; new address in the same municipality
YUSUF = "999994402"  # already in Regie; nothing changed


def persons() -> dict[str, dict]:
    return {
        AMINA: persoon(
            AMINA,
            "Amina Sara",
            "Haddad",
            "1994-03-12",
            "12 maart 1994",
            partners=[
                {
                    "burgerservicenummer": "999995224",
                    "naam": {"voornamen": "Rami", "geslachtsnaam": "Haddad"},
                    "geboorte": {"datum": datum("1990-05-01", "1 mei 1990")},
                }
            ],
            kinderen=[
                {
                    "burgerservicenummer": "999996022",
                    "naam": {"voornamen": "Nour", "geslachtsnaam": "Haddad"},
                    "geboorte": {"datum": datum("2019-07-04", "4 juli 2019")},
                }
            ],
        ),
        KHALED: persoon(
            KHALED,
            "Khaled",
            "Mansour",
            "1988-11-02",
            "2 november 1988",
            geslacht="M",
            verblijfplaats=adres("Markt", 3, "7121CS", "Aalten"),
            gemeenteVanInschrijving=waarde("0197", "Aalten"),
            datumInschrijvingInGemeente=datum("2026-10-15", "15 oktober 2026"),
        ),
        LINA: persoon(
            LINA,
            "Lina",
            "Darwish",
            "1979-01-20",
            "20 januari 1979",
            overlijden={
                "datum": datum("2026-11-03", "3 november 2026"),
                "land": waarde("6030", "Nederland"),
                "plaats": waarde("0294", "Winterswijk"),
            },
        ),
        OMAR: persoon(
            OMAR,
            "Omar",
            "Khalil",
            "1992-06-30",
            "30 juni 1992",
            geslacht="M",
            verblijfplaats=adres("Meddosestraat", 40, "7101MB", "Winterswijk", letter="A"),
        ),
        YUSUF: persoon(YUSUF, "Yusuf", "Saleh", "2000-02-29", "29 februari 2000", geslacht="M"),
    }
