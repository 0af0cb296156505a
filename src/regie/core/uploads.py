"""Validation of uploaded files: size, extension and content must agree.

A file's name and its Content-Type header are chosen by the uploader, so the kind is
checked on the first bytes too: an XLSX is a ZIP container, a PDF starts with %PDF-, and
CSV/JSON/XML must be UTF-8 text without NUL bytes. Use it in every form or serializer that
accepts a file::

    def clean_bestand(self):
        return validate_upload(self.cleaned_data["bestand"], {"csv", "xlsx"})
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TEXT_KINDS = {"csv", "json", "xml", "txt"}
SIGNATURES = {"xlsx": (b"PK\x03\x04",), "pdf": (b"%PDF-",)}
SNIFF_BYTES = 8192


def _looks_like(kind: str, head: bytes) -> bool:
    if kind in SIGNATURES:
        return head.startswith(SIGNATURES[kind])
    if kind in TEXT_KINDS:
        if b"\x00" in head:
            return False
        try:
            text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as error:
            # The sniffed block may end inside a multi-byte character.
            if error.start < len(head) - 3:
                return False
            text = head[: error.start].decode("utf-8", errors="ignore")
        stripped = text.lstrip()
        if kind == "json":
            return stripped[:1] in ("{", "[")
        if kind == "xml":
            return stripped[:1] == "<"
        return True
    return False


def validate_upload(upload, kinds: set[str], max_bytes: int | None = None):
    """Return the upload if its size, extension and content fit one of ``kinds``
    (e.g. {"csv", "xlsx"}); otherwise raise a ValidationError with a Dutch message."""
    limit = max_bytes if max_bytes is not None else settings.REGIE_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (ten hoogste %(mb)s MB).") % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    allowed = ", ".join(sorted(k.upper() for k in kinds))
    if extension not in kinds:
        raise ValidationError(
            _("Dit soort bestand wordt niet geaccepteerd. Toegestaan: %(kinds)s.")
            % {"kinds": allowed},
            code="extension",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(position)
    if isinstance(head, str):
        head = head.encode("utf-8")
    if not _looks_like(extension, head):
        raise ValidationError(
            _("De inhoud van het bestand past niet bij de extensie .%(ext)s.") % {"ext": extension},
            code="content",
        )
    return upload
