"""Papers attached to agenda items, and public questions sent in advance."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from agencies.models import Agency, User
from core import stored_files
from core.uploads import display_name, extension_of, sniff_upload, stored_name

from ..models import AgendaItem, Paper, PublicQuestion
from ..paper_text import extract_text
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
    *,
    item: AgendaItem,
    upload: UploadedFile,
    title: str = "",
    by: User | None = None,
    is_background: bool = False,
) -> Paper:
    """Attach a paper, refusing files that are too large or whose content is not of an allowed
    type (the content is sniffed; the name and the browser's word are not trusted).

    Everything is checked before the file is written: a refused upload leaves nothing behind.
    The file is stored under a random name; the name it came with, cleaned, is its title. The
    words of a PDF or text paper are kept with it for search (a file that does not parse is
    still attached, with no words).
    """
    name = display_name(upload.name, limit=Paper._meta.get_field("title").max_length or 200)
    extension = extension_of(upload.name)
    size = upload.size or 0
    if size > MAX_PAPER_BYTES:
        raise ValidationError(
            {"upload": f"The file must be smaller than {MAX_PAPER_BYTES // (1024 * 1024)} MB."}
        )
    if size == 0:
        raise ValidationError({"upload": "The file is empty."})
    content_type = _sniff(upload, extension)
    upload.seek(0)
    text = extract_text(upload, content_type)
    upload.seek(0)
    paper = Paper(
        item=item,
        title=title or name,
        size=size,
        content_type=content_type,
        uploaded_by=by,
        text=text,
        is_background=is_background,
    )
    paper.full_clean(exclude=["file"])
    with transaction.atomic():
        bump(item.meeting, None)
        stored_files.store(paper.file, stored_name(extension), upload)
        try:
            paper.save()
        except Exception:
            paper.file.delete(save=False)
            raise
    return paper


def paper_file_name(paper: Paper) -> str:
    """The name a paper downloads under: its title, with the stored file's extension."""
    extension = extension_of(paper.file.name)
    title = display_name(paper.title, default="paper")
    if not extension or title.lower().endswith(f".{extension}"):
        return title
    return f"{title}.{extension}"


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
        meeting=item.meeting,
        question=question,
        asked_by=asked_by,
        asked_by_agency=asked_by_agency,
        answered_by=answered_by,
        position=0 if last is None else last + 1,
    )
    entry.full_clean()
    entry.save()
    return entry
