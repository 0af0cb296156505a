"""Fill empty msgstr entries in the English django.po from the translation memory.

After ``manage.py makemessages -l en`` new or changed msgids come in with an empty
msgstr. This script fills each one whose msgid is in
``src/regie/locale/en/translations_memory.json`` (msgid -> msgstr, or msgid ->
[singular, plural] for plural entries), rewrites the .po in place, and prints the
msgids that are still missing. Only empty, non-obsolete entries are touched.

Standard library only. Usage (from the repository root):

    python scripts/fill_translations.py [path/to/django.po]

Afterwards compile with msgfmt (or ``manage.py compilemessages``).
"""

import json
import re
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "src" / "regie" / "locale" / "en"
PO = LOCALE / "LC_MESSAGES" / "django.po"
MEMORY = LOCALE / "translations_memory.json"

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(line: str) -> str:
    """The text of one quoted PO string (the part between the quotes), unescaped."""
    s = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), s)


def quote(text: str) -> str:
    """``text`` as one quoted, escaped PO string."""
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\t", "\\t")):
        text = text.replace(char, escaped)
    return f'"{text}"'


def parse(block: list[str]) -> dict[str, str]:
    """Keyword (msgid, msgid_plural, msgstr, msgstr[0], ...) -> unescaped value."""
    fields, key = {}, None
    for line in block:
        if line.startswith("#"):
            continue
        if line.startswith('"') and key:
            fields[key] += unquote(line)
        elif line.startswith(("msgctxt", "msgid", "msgstr")):
            key = line.split(" ", 1)[0]
            fields[key] = unquote(line)
    return fields


def _unfuzzy(block: list[str]) -> list[str]:
    """The block without the fuzzy flag, the previous msgid (#|) and the guessed msgstr."""
    out, keyword = [], None
    for line in block:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
            if flags:
                out.append("#, " + ", ".join(flags))
            continue
        if not line.startswith('"'):
            keyword = line.split(" ", 1)[0]
        if keyword and keyword.startswith("msgstr"):
            if not line.startswith('"'):
                out.append(line.split(" ", 1)[0] + ' ""')
            continue
        out.append(line)
    return out


def fill(block: list[str], memory: dict) -> tuple[list[str], str | None]:
    """Return the block (filled if possible) and the msgid if it is still missing."""
    fields = parse(block)
    msgid = fields.get("msgid", "")
    if any(line.startswith("#,") and "fuzzy" in line for line in block):
        # A guess from a similar msgid (msgmerge): never trusted, treated as empty.
        block = _unfuzzy(block)
        fields = {k: ("" if k.startswith("msgstr") else v) for k, v in fields.items()}
    strs = [v for k, v in fields.items() if k.startswith("msgstr")]
    if not msgid or any(strs) or all(line.startswith("#") for line in block):
        return block, None  # header, already translated, or obsolete (#~)
    found = memory.get(msgid)
    plural = "msgid_plural" in fields
    if found is None or isinstance(found, list) != plural:
        return block, msgid
    head, keyword = [], None
    for line in block:  # keep everything except the (empty) msgstr lines
        if not line.startswith('"'):
            keyword = line.split(" ", 1)[0]
        if not keyword.startswith("msgstr"):
            head.append(line)
    if plural:
        return head + [f"msgstr[{i}] {quote(s)}" for i, s in enumerate(found)], None
    return head + [f"msgstr {quote(found)}"], None


def main() -> int:
    po = Path(sys.argv[1]) if len(sys.argv) > 1 else PO
    memory = json.loads(MEMORY.read_text(encoding="utf-8"))
    blocks = po.read_text(encoding="utf-8").strip("\n").split("\n\n")
    missing, out = [], []
    for text in blocks:
        block, miss = fill(text.split("\n"), memory)
        out.append("\n".join(block))
        if miss:
            missing.append(miss)
    po.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    for msgid in missing:
        print(f"missing: {msgid!r}")
    print(f"{len(missing)} msgid(s) still without a translation")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
