"""Session engine: Django's database sessions, with a cheaper save when nothing changed.

Sessions end after SESSION_IDLE_MINUTES without a request (SESSION_SAVE_EVERY_REQUEST), so
every request moves the session's expiry date. Django does that by re-encoding and
re-signing the unchanged data and writing it in a transaction (BEGIN, UPDATE, COMMIT);
here an unchanged session only gets its new expiry date, in one UPDATE, and only when
the stored date is more than ``EXPIRY_STEP`` behind: a klantmanager clicking through
files several times a minute does not write the session on every page (issue 25). The
session can therefore end up to ``EXPIRY_STEP`` before SESSION_IDLE_MINUTES of idleness,
never later. A changed or new session, or one deleted meanwhile, is saved by Django as
before.
"""

from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router

# How far the stored expiry date may lag behind the one a request would set; also how
# much earlier than the idle timeout a session may end.
EXPIRY_STEP = timedelta(minutes=1)


class SessionStore(DatabaseSessionStore):
    _stored_expiry = None

    def _get_session_from_db(self):
        found = super()._get_session_from_db()
        self._stored_expiry = found.expire_date if found is not None else None
        return found

    def save(self, must_create=False):
        if must_create or self.modified or self.session_key is None:
            self._stored_expiry = None
            return super().save(must_create=must_create)
        expiry = self.get_expiry_date()
        if self._stored_expiry is not None and expiry - self._stored_expiry < EXPIRY_STEP:
            return None
        updated = (
            self.model.objects.using(router.db_for_write(self.model))
            .filter(session_key=self.session_key)
            .update(expire_date=expiry)
        )
        if not updated:  # deleted meanwhile: Django's save reports it
            self._stored_expiry = None
            super().save(must_create=must_create)
        else:
            self._stored_expiry = expiry
