"""A previewed upload kept on the server until it is confirmed: the confirm imports exactly the
file that was previewed (by a token in the person's session), never a second upload."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

KEY = "intake:previews"
KEEP = 5  # previews kept per person; older ones are deleted
# Sessions last half an hour: an upload older than a day was never confirmed.
STALE = datetime.timedelta(days=1)


@dataclass
class Preview:
    """A stored upload and what its preview said it would do."""

    token: str
    committee_id: int
    file_name: str
    digest: str
    path: str

    def read(self) -> bytes:
        """The uploaded bytes."""
        with default_storage.open(self.path, "rb") as stored:
            return stored.read()


def sweep() -> int:
    """Delete stored uploads left by previews never confirmed; returns how many."""
    try:
        _, names = default_storage.listdir("imports")
    except (FileNotFoundError, NotADirectoryError):
        return 0
    cutoff, deleted = timezone.now() - STALE, 0
    for name in names:
        path = f"imports/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return deleted


def keep(
    session: SessionBase, *, data: bytes, committee_id: int, file_name: str, digest: str
) -> str:
    """Store the upload and remember it in the session; returns its token."""
    sweep()
    token = secrets.token_hex(16)
    path = default_storage.save(f"imports/{token}.upload", ContentFile(data))
    previews: dict = session.get(KEY, {})
    previews[token] = {"committee_id": committee_id, "file_name": file_name,
                       "digest": digest, "path": path}  # fmt: skip
    for old in list(previews)[:-KEEP]:
        default_storage.delete(previews.pop(old)["path"])
    session[KEY] = previews
    return token


def find(session: SessionBase, token: str, committee_id: int) -> Preview | None:
    """The preview of this token for this committee, if this session made it."""
    found = session.get(KEY, {}).get(token)
    if not found or found["committee_id"] != committee_id:
        return None
    if not default_storage.exists(found["path"]):
        return None
    return Preview(token=token, **found)


def forget(session: SessionBase, preview: Preview) -> None:
    """Delete the stored upload once imported."""
    previews: dict = session.get(KEY, {})
    previews.pop(preview.token, None)
    session[KEY] = previews
    default_storage.delete(preview.path)
