"""The API's JSON parser: DRF's, with a bound on nesting (issue 17, finding 10).

Python's ``json`` recurses per level; a body nested some 1,000 deep raises RecursionError,
which DRF's parser does not catch (a 500). No Regie body nests deeper than a few levels,
so anything past ``MAX_DEPTH`` is answered with a 400 problem+json. A body that is not
JSON at all is a 400 with a Dutch detail (DRF's message is English).
"""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _too_deep(data, limit: int = MAX_DEPTH) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        message = _("De JSON is te diep genest (ten hoogste %(n)s niveaus).") % {"n": MAX_DEPTH}
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(message) from error
        except ParseError as error:
            # DRF's own message is English; say it in Dutch, with where it went wrong.
            cause = error.__cause__ or error.__context__
            if isinstance(cause, json.JSONDecodeError):
                raise ParseError(
                    _("De inhoud is geen geldige JSON (regel %(line)s, kolom %(column)s).")
                    % {"line": cause.lineno, "column": cause.colno}
                ) from error
            raise ParseError(_("De inhoud is geen geldige JSON.")) from error
        if _too_deep(data):
            raise ParseError(message)
        return data
