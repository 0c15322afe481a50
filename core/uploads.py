"""Uploads checked by size and by sniffed content: the file name and the browser's word are not
trusted, and a refused upload writes nothing."""

from __future__ import annotations

from collections.abc import Mapping, Set

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

SNIFF_BYTES = 8192


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
        # Any NUL byte means binary; undecodable UTF-8 alone may be a character cut at the edge.
        if b"\x00" in head:
            raise ValidationError({field: not_it})
        return text[extension]
    if extension not in allowed:
        raise ValidationError({field: f"The file must be a {names}."})
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed[extension]:
        raise ValidationError({field: not_it})
    return kind.mime
