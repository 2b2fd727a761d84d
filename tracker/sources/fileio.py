"""Reading list files that may be gzip-compressed (archives are stored gzipped)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO

from tracker.errors import ParseError

GZIP_MAGIC = b"\x1f\x8b"


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading, transparently un-gzipping it (detected by magic bytes, not name)."""
    try:
        raw = path.open("rb")
    except FileNotFoundError as exc:
        raise ParseError(f"file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise ParseError(f"expected a file, got a folder: {path}") from exc
    head = raw.read(2)
    raw.seek(0)
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def read_bytes(path: Path) -> bytes:
    with open_binary(path) as fh:
        try:
            return fh.read()
        except (EOFError, OSError) as exc:  # truncated or corrupt gzip
            raise ParseError(f"{path.name}: compressed file is truncated or corrupt ({exc})") from exc


def find_member(folder: Path, stem: str) -> Path | None:
    """Find ``stem`` (e.g. "sdn.csv") in a folder, also as ``stem.gz``; case-insensitive."""
    wanted = {stem.lower(), stem.lower() + ".gz"}
    for child in sorted(folder.iterdir()):
        if child.name.lower() in wanted:
            return child
    return None
