"""Papers attached to agenda items, and public questions sent in advance."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from agencies.models import Agency, User
from core.uploads import sniff_upload

from ..models import AgendaItem, Paper, PublicQuestion
from .revision import bump

MAX_PAPER_BYTES = 20 * 1024 * 1024
# Extension -> the MIME types its content may have (sniffed, not trusted from the browser).
PAPER_TYPES = {
    "pdf": {"application/pdf"},
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
    },
    "xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip",
    },
    "pptx": {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/zip",
    },
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
}
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}


def paper_add(
    *, item: AgendaItem, upload: UploadedFile, title: str = "", by: User | None = None
) -> Paper:
    """Attach a paper, refusing files that are too large or whose content is not of an allowed
    type (the content is sniffed; the name and the browser's word are not trusted)."""
    name = upload.name or "paper"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    size = upload.size or 0
    if size > MAX_PAPER_BYTES:
        raise ValidationError(
            {"upload": f"The file must be smaller than {MAX_PAPER_BYTES // (1024 * 1024)} MB."}
        )
    if size == 0:
        raise ValidationError({"upload": "The file is empty."})
    content_type = _sniff(upload, extension)
    with transaction.atomic():
        bump(item.meeting, None)
        paper = Paper(
            item=item,
            title=title or name,
            size=size,
            content_type=content_type,
            uploaded_by=by,
        )
        paper.file.save(name, upload, save=False)
        paper.full_clean()
        paper.save()
    return paper


def _sniff(upload: UploadedFile, extension: str) -> str:
    return sniff_upload(upload, extension, allowed=PAPER_TYPES, text=TEXT_TYPES, field="upload")


@transaction.atomic
def paper_delete(*, paper: Paper) -> None:
    """Remove a paper and its file."""
    bump(paper.item.meeting, None)
    paper.file.delete(save=False)
    paper.delete()


@transaction.atomic
def question_add(
    *,
    item: AgendaItem,
    question: str,
    asked_by: str,
    asked_by_agency: Agency | None = None,
    answered_by: User | None = None,
) -> PublicQuestion:
    """Record a public question sent in advance, and who will answer it."""
    bump(item.meeting, None)
    last = item.questions.aggregate(m=Max("position"))["m"]
    entry = PublicQuestion(
        item=item,
        question=question,
        asked_by=asked_by,
        asked_by_agency=asked_by_agency,
        answered_by=answered_by,
        position=0 if last is None else last + 1,
    )
    entry.full_clean()
    entry.save()
    return entry
