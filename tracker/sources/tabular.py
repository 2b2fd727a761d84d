"""Reading delimited list files with a header row (trade.gov CSL, BIS DPL, OpenSanctions targets.simple),
streamed row by row, with one-line errors for what a download can go wrong with: an HTML page instead of
the list, a cut-off file, a header whose columns changed, bytes that are not UTF-8."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from tracker.errors import FormatChanged, ParseError
from tracker.sources.common import Warnings, csv_field_limit, csv_field_too_long, open_binary


def check_head(head: bytes, label: str) -> None:
    """Reject an empty file, an HTML page or a binary file before parsing (ParseError)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text:
        raise ParseError(f"{label}: file is empty")
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:300]:
        raise ParseError(f"{label}: got an HTML page, not the list")
    if text.startswith((b"pk\x03\x04", b"%pdf", b"\x89png")) or b"\x00" in text[:512]:
        raise ParseError(f"{label}: binary file, not a text list")


def dict_rows(
    path: Path,
    required: tuple[str, ...],
    warn: Warnings,
    *,
    delimiter: str = ",",
    known: tuple[str, ...] = (),
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for each data row, values stripped, read as UTF-8 (BOM allowed).

    Columns are matched by name in any order. A missing ``required`` column raises FormatChanged; a
    column neither required nor ``known`` is reported once as a warning. A row with fewer fields than
    the header (a file cut off mid-row) or an unterminated quote raises ParseError (the csv module's
    128 KiB field limit stops a runaway quoted field early; memory stays bounded by one row)."""
    label = path.name
    with open_binary(path) as raw:
        try:
            check_head(raw.peek(512)[:512] if hasattr(raw, "peek") else b"", label)
        except (EOFError, OSError) as exc:
            raise ParseError(f"{label}: compressed file is truncated or corrupt ({exc})") from exc
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        with csv_field_limit():
            reader = csv.reader(text, delimiter=delimiter, strict=True)
            try:
                header = [h.strip() for h in next(reader, [])]
                _check_header(header, required, known, label, warn)
                width = len(header)
                for row in reader:
                    if not row or row == [""] or row == ["\x1a"]:
                        continue
                    if len(row) != width:
                        raise ParseError(
                            f"{label}: line {reader.line_num} has {len(row)} fields, the header {width} "
                            "(file cut off or columns changed)"
                        )
                    yield reader.line_num, {h: v.strip() for h, v in zip(header, row, strict=True)}
            except UnicodeDecodeError as exc:
                raise ParseError(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
            except csv.Error as exc:
                too_long = csv_field_too_long(label, exc, reader.line_num)
                raise too_long or ParseError(
                    f"{label}: malformed CSV at line {reader.line_num}: {exc}"
                ) from exc
            except (EOFError, OSError) as exc:
                raise ParseError(f"{label}: compressed file is truncated or corrupt ({exc})") from exc


def _check_header(
    header: list[str], required: tuple[str, ...], known: tuple[str, ...], label: str, warn: Warnings
) -> None:
    if not header or header == [""]:
        raise ParseError(f"{label}: file is empty")
    missing = [c for c in required if c not in header]
    if missing:
        raise FormatChanged(
            f"{label}: columns changed: missing {', '.join(missing)} (header: {', '.join(header[:8])}...)"
        )
    if len(set(header)) != len(header):
        raise FormatChanged(f"{label}: the header repeats a column name")
    for column in header:
        if column not in required and column not in known:
            warn.add(f"unknown column {column!r} ignored")


def split_values(text: str, separator: str = ";") -> list[str]:
    """'a; b;c' -> ['a', 'b', 'c'] (empty parts dropped)."""
    return [part.strip() for part in text.split(separator) if part.strip()]


_LETTERED = re.compile(r"(?:^|\s)[a-z]\)\s+")


def split_lettered(text: str | None) -> list[str]:
    """Inline lettered values as the UN-derived lists write them: 'a) X b) Y' -> ['X', 'Y']."""
    if not text:
        return []
    parts = [p.strip(" ;,") for p in _LETTERED.split(text)]
    return [p for p in parts if p]
