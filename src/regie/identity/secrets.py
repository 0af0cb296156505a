"""The client secret of an identity provider, encrypted at rest with a key derived from
SECRET_KEY (Fernet, regie.core.fields). Changing SECRET_KEY means entering the secrets
again."""

from regie.core import fields

PURPOSE = "regie.identity.client-secret"


def encrypt(value: str) -> str:
    return fields.encrypt(value, PURPOSE)


def decrypt(token: str) -> str:
    return fields.decrypt(token, PURPOSE)
