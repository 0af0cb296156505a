"""makemessages without fuzzy matching: a guessed translation of a similar Dutch text is
worse than none, because scripts/fill_translations.py fills empty entries from
src/regie/locale/en/translations_memory.json."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
