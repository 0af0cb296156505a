"""Dutch sentences from the rules that another language can still translate.

``rules`` imports no Django, yet its explanations (route advice, why a change is refused)
end up on pages that are also shown in English. A :class:`Phrase` is the Dutch sentence
itself (a ``str``, so callers and tests that compare text keep working) that also keeps
its msgid and parameters; code with gettext renders it again in the active language
(``regie.intake.services.translated``). Msgids are marked with :func:`gettext_noop`, a
name ``makemessages`` extracts.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def gettext_noop(msgid: str) -> str:
    """Marks a msgid for extraction; returns it unchanged (Dutch)."""
    return msgid


def dutch_date(day: date) -> str:
    """A date in full Dutch: '6 december 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def render_value(value) -> str:
    """A parameter as Dutch text: dates in full, lists joined with '; '."""
    if isinstance(value, date):
        return dutch_date(value)
    if isinstance(value, list | tuple):
        return "; ".join(render_value(v) for v in value)
    return str(value)


class Phrase(str):
    """A Dutch sentence with its msgid and its parameters (which may be phrases, dates or
    lists of phrases themselves)."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, **params):
        text = msgid % {k: render_value(v) for k, v in params.items()} if params else msgid
        phrase = super().__new__(cls, text)
        phrase.msgid = msgid
        phrase.params = params
        return phrase

    def __reduce__(self):
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid, params):
    return Phrase(msgid, **params)
