"""Uploads checked by size and by sniffed content: the file name and the browser's word are not
trusted, and a refused upload writes nothing."""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping, Set

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

SNIFF_BYTES = 8192
NAME_LIMIT = 200
# Control characters (Cc), invisible formatting such as the right-to-left override and
# zero-width joiners (Cf), line and paragraph separators (Zl, Zp), unassigned and private (Cn, Co).
UNSHOWN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cn", "Co", "Cs"})


def display_name(name: str | None, *, limit: int = NAME_LIMIT, default: str = "file") -> str:
    """The browser's file name made fit to show: no folders (`../../x`, `C:\\x`), no control or
    bidirectional characters (`invoice\u202efdp.exe` shows as what it is), spaces collapsed,
    and at most `limit` characters with its extension kept."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    shown = "".join(
        " " if c.isspace() else c
        for c in base
        if c.isspace() or unicodedata.category(c) not in UNSHOWN
    )
    shown = " ".join(shown.split()).strip(" .")
    if not shown:
        return default
    if len(shown) > limit:
        stem, dot, extension = shown.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            shown = f"{stem[: limit - len(extension) - 1].rstrip(' .')}.{extension}"
        else:
            shown = shown[:limit].rstrip(" .")
    return shown


def extension_of(name: str | None) -> str:
    """The extension of a file name as shown (lower case, without the dot), or ""."""
    shown = display_name(name, default="")
    return shown.rsplit(".", 1)[-1].lower() if "." in shown else ""


def stored_name(extension: str) -> str:
    """A name to store an upload under: random, so nothing the person typed reaches the disk."""
    token = secrets.token_hex(16)
    return f"{token}.{extension}" if extension.isalnum() and extension.isascii() else token


def sniff_upload(
    upload: UploadedFile,
    extension: str,
    *,
    allowed: Mapping[str, Set[str]],
    text: Mapping[str, str] | None = None,
    field: str = "upload",
    max_bytes: int | None = None,
) -> str:
    """The upload's content type, or a ValidationError on `field` if it is not an allowed type.

    `allowed` maps an extension to the MIME types its content may sniff as; `text` maps the
    plain-text extensions (which have no magic number) to the type they are served with.
    """
    text = text or {}
    names = ", ".join(sorted([*allowed, *text])).upper()
    size = upload.size or 0
    if max_bytes is not None and size > max_bytes:
        raise ValidationError(
            {field: f"The file must be smaller than {max_bytes // (1024 * 1024)} MB."}
        )
    if max_bytes is not None and size == 0:
        raise ValidationError({field: "The file is empty."})
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    not_it = f"The file's content is not a {extension.upper()} file. The file must be a {names}."
    if extension in text:
        # Any NUL byte, anywhere in the file, means binary (and PostgreSQL and most readers
        # refuse it); undecodable UTF-8 alone may be a character cut at a chunk's edge.
        if any(b"\x00" in chunk for chunk in upload.chunks()):
            upload.seek(0)
            raise ValidationError({field: not_it})
        upload.seek(0)
        return text[extension]
    if extension not in allowed:
        raise ValidationError({field: f"The file must be a {names}."})
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed[extension]:
        raise ValidationError({field: not_it})
    return kind.mime
