"""Model fields of the platform.

``EncryptedCharField`` keeps a secret (the API key of a municipality's BRP gateway)
encrypted at rest: the database, its backups and a database dump hold only a Fernet token
made with a key derived from SECRET_KEY; Python code reads and writes the plain value.
Changing SECRET_KEY means entering such secrets again (an unreadable token reads as
empty, so the connection then says it has no key instead of sending a wrong one)."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


def _fernet(purpose: str) -> Fernet:
    """A key per purpose, so a token of one secret never opens as another."""
    digest = hashlib.sha256(f"{purpose}:".encode() + settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(digest.digest()))


def encrypt(value: str, purpose: str) -> str:
    return _fernet(purpose).encrypt(value.encode()).decode() if value else ""


def decrypt(token: str, purpose: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(purpose).decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


class EncryptedCharField(models.CharField):
    """A CharField stored as a Fernet token. ``max_length`` is that of the token in the
    database; the plain value may be about two thirds of it."""

    def __init__(self, *args, purpose: str = "secret", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value, self.purpose) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value, self.purpose) if value else value
