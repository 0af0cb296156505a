"""Session engine: Django's database sessions, with a cheaper save when nothing changed.

Sessions end after SESSION_IDLE_MINUTES without a request (SESSION_SAVE_EVERY_REQUEST), so
every request moves the session's expiry date. Django does that by re-encoding and
re-signing the unchanged data and writing it in a transaction (BEGIN, UPDATE, COMMIT);
here an unchanged session only gets its new expiry date, in one UPDATE. Same row, same
expiry; a changed or new session, or one deleted meanwhile, is saved by Django as before.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        if must_create or self.modified or self.session_key is None:
            return super().save(must_create=must_create)
        updated = (
            self.model.objects.using(router.db_for_write(self.model))
            .filter(session_key=self.session_key)
            .update(expire_date=self.get_expiry_date())
        )
        if not updated:  # deleted meanwhile: Django's save reports it
            super().save(must_create=must_create)
