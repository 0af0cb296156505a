"""Create logged-in sessions for the demo accounts the load test uses, and print them as
JSON ({username: [session keys]}). The load test then starts with a session cookie
instead of a login: a login costs about half a CPU-second of Argon2 on the 2-core
machine, which at 200 users would measure the password hasher, not the pages. The login
itself is measured separately (run_load.sh with LOGIN=1)."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from regie.core.models import User  # noqa: E402

USERNAMES = ("klantmanager", "klantmanager3", "klantmanager2", "aanbieder", "regisseur")


def main(per_user: int) -> None:
    sessions = {}
    for username in USERNAMES:
        user = User.objects.get(username=username)
        keys = []
        for _ in range(per_user):
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "regie.core.authbackend.UserBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            keys.append(store.session_key)
        sessions[username] = keys
    json.dump(sessions, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
