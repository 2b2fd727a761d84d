"""What the XML list parsers share: one-line errors for files that do not parse (truncated download,
wrong encoding, malformed) and reading the generation time stamp of the file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from tracker.errors import ParseError
from tracker.sources.fileio import open_binary


def syntax_error(path: Path, exc: etree.XMLSyntaxError) -> ParseError:
    message = str(exc.msg or exc)
    line = exc.lineno
    if "Premature end" in message or "end of data" in message or line >= line_count(path):
        # an error on the very last line means the file stops mid-element: a cut-off download
        return ParseError(f"{path.name}: file is truncated (XML ends early at line {line})")
    if "encoding" in message.lower() or "Invalid bytes" in message or "not proper UTF" in message:
        return ParseError(f"{path.name}: bytes do not match the declared encoding at line {line} ({message})")
    return ParseError(f"{path.name}: malformed XML at line {line}: {message}")


def line_count(path: Path) -> int:
    """Number of lines in the file (only called on the error path)."""
    lines = 1
    try:
        with open_binary(path) as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
    except (EOFError, OSError):
        pass
    return lines


def generation_time(root: Any, attribute: str, warnings: Any) -> datetime | None:
    """The root's ISO time stamp attribute as naive UTC; a warning (not an error) when missing or odd."""
    owner = etree.QName(root).localname
    generated = root.get(attribute)
    if not generated:
        warnings.add(f"{owner} has no {attribute}")
        return None
    try:
        stamp = datetime.fromisoformat(generated.strip())
    except ValueError:
        warnings.add(f"unreadable {attribute} {generated!r}")
        return None
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp
