"""A written spreadsheet on disk, for the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text to a file (UTF-8 unless told) and return its path."""

    def write(text: str, name: str = "log.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
