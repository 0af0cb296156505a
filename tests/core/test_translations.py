"""The English catalogue is complete: every Dutch msgid has a translation, none is a
fuzzy guess, and the compiled .mo holds them all."""

import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "src" / "regie" / "locale" / "en" / "LC_MESSAGES"


def po_blocks():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return [b for b in text.split("\n\n") if "msgid" in b and not b.lstrip().startswith("#~")]


def test_no_fuzzy_or_empty_translations():
    fuzzy = [b for b in po_blocks()[1:] if "#, fuzzy" in b]
    empty = [
        b
        for b in po_blocks()[1:]
        if re.search(r'^msgstr(\[\d\])? ""\Z', b.strip().split("\n")[-1])
        and not re.search(r'^"', b.strip().split("\n")[-1])
    ]
    assert fuzzy == []
    assert empty == []


def test_compiled_catalogue_translates():
    translations = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    assert translations.gettext("Werkvoorraad") == "Work queue"
    assert translations.gettext("Zoek op naam of BSN") == "Search by name or BSN"
    entries = len(po_blocks()) - 1  # minus the header
    assert len(translations._catalog) >= entries


def test_fill_replaces_a_fuzzy_guess_from_the_memory():
    """msgmerge may guess a translation from a similar msgid (flagged fuzzy); the fill
    script drops the guess and takes the memory's translation."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "fill_translations.py"
    spec = importlib.util.spec_from_file_location("fill_translations", path)
    fill = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fill)
    block = [
        "#, fuzzy, python-format",
        '#| msgid "Verwijzing van %(name)s"',
        'msgid "Toewijzing %(jaar)s"',
        'msgstr "Referral of %(name)s"',
    ]
    filled, missing = fill.fill(block, {"Toewijzing %(jaar)s": "Allocation %(jaar)s"})
    assert missing is None
    assert filled == [
        "#, python-format",
        'msgid "Toewijzing %(jaar)s"',
        'msgstr "Allocation %(jaar)s"',
    ]
    unknown, missing = fill.fill(block, {})
    assert missing == "Toewijzing %(jaar)s" and "#, fuzzy" not in "\n".join(unknown)
