"""Spoken languages: ISO 639 codes (639-1 where one exists, else 639-3) with their Dutch
names. Persons and volunteers store codes ("ar, ti"); pages show the names ("Arabisch,
Tigrinya"). The list holds at least the languages of the seed's newcomers and those of
the main asylum and family-migration countries; extend it here, in one place."""

from django.utils.translation import gettext_lazy as _

# code -> Dutch name (translated through gettext for the English interface).
LANGUAGES: dict[str, str] = {
    "nl": _("Nederlands"),
    "en": _("Engels"),
    "fr": _("Frans"),
    "de": _("Duits"),
    "es": _("Spaans"),
    "pt": _("Portugees"),
    "it": _("Italiaans"),
    "ar": _("Arabisch"),
    "ti": _("Tigrinya"),
    "tig": _("Tigre"),
    "am": _("Amhaars"),
    "om": _("Oromo"),
    "so": _("Somalisch"),
    "fa": _("Farsi (Perzisch)"),
    "prs": _("Dari"),
    "ps": _("Pasjtoe"),
    "ur": _("Urdu"),
    "hi": _("Hindi"),
    "bn": _("Bengaals"),
    "pa": _("Punjabi"),
    "ta": _("Tamil"),
    "tr": _("Turks"),
    "ku": _("Koerdisch"),
    "kmr": _("Koerdisch (Kurmanji)"),
    "ckb": _("Koerdisch (Sorani)"),
    "az": _("Azerbeidzjaans"),
    "hy": _("Armeens"),
    "ka": _("Georgisch"),
    "uk": _("Oekraïens"),
    "ru": _("Russisch"),
    "pl": _("Pools"),
    "ro": _("Roemeens"),
    "bg": _("Bulgaars"),
    "sr": _("Servisch"),
    "hr": _("Kroatisch"),
    "bs": _("Bosnisch"),
    "sq": _("Albanees"),
    "el": _("Grieks"),
    "he": _("Hebreeuws"),
    "zh": _("Chinees"),
    "vi": _("Vietnamees"),
    "th": _("Thai"),
    "id": _("Indonesisch"),
    "tl": _("Tagalog"),
    "my": _("Birmaans"),
    "ne": _("Nepalees"),
    "sw": _("Swahili"),
    "ha": _("Hausa"),
    "yo": _("Yoruba"),
    "ig": _("Igbo"),
    "ln": _("Lingala"),
    "rw": _("Kinyarwanda"),
    "mn": _("Mongools"),
    "uz": _("Oezbeeks"),
    "tk": _("Turkmeens"),
    "ber": _("Berbers (Tamazight)"),
    "pap": _("Papiaments"),
    "srn": _("Sranantongo"),
}

# Free text as it was typed before the list existed (lower-case, Dutch and English names).
_NAMES = {str(name).lower(): code for code, name in LANGUAGES.items()}
_ALIASES = {
    "arabic": "ar",
    "english": "en",
    "french": "fr",
    "tigrinya": "ti",
    "tigrinja": "ti",
    "tigrigna": "ti",
    "perzisch": "fa",
    "farsi": "fa",
    "persian": "fa",
    "pashto": "ps",
    "pasjtoe": "ps",
    "pashtu": "ps",
    "dari": "prs",
    "turkish": "tr",
    "kurdish": "ku",
    "somali": "so",
    "ukrainian": "uk",
    "russian": "ru",
    "dutch": "nl",
    "amhaars": "am",
    "amharic": "am",
    "koerdisch": "ku",
    "kurmanji": "kmr",
    "sorani": "ckb",
}


# Shown first on forms: the languages of the seed's newcomers (asylum and family
# migration to the Achterhoek); the others fold away under "Andere talen".
COMMON = ("ar", "ti", "prs", "ps", "fa", "tr", "ku", "so", "uk", "ru", "en", "fr", "nl")


def choices() -> list[tuple[str, str]]:
    """(code, name) sorted by the name in the active language."""
    return sorted(((code, str(name)) for code, name in LANGUAGES.items()), key=lambda c: c[1])


def split(text: str | None) -> list[str]:
    """'ar, EN;ti' -> ['ar', 'en', 'ti'] (lower-case, trimmed, without duplicates)."""
    if not text:
        return []
    parts = text.replace(";", ",").replace("/", ",").split(",")
    return list(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))


def to_code(value: str) -> str | None:
    """A code or a name (Dutch or English, any case) -> the code, or None if unknown."""
    value = value.strip().lower()
    if value in LANGUAGES:
        return value
    return _NAMES.get(value) or _ALIASES.get(value)


def to_codes(text: str | None) -> tuple[list[str], list[str]]:
    """Free text -> (known codes, unknown parts)."""
    codes, unknown = [], []
    for part in split(text):
        code = to_code(part)
        if code:
            if code not in codes:
                codes.append(code)
        else:
            unknown.append(part)
    return codes, unknown


def names(text: str | None) -> str:
    """'ar, ti' -> 'Arabisch, Tigrinya'; an unknown code is shown as it is stored."""
    return ", ".join(str(LANGUAGES.get(code, code)) for code in split(text))
