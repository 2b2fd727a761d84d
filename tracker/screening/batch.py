"""Batch screening files: reading the queries (plain lines, JSON lines, CSV with a header) and
writing one answer per query (JSON lines or CSV).

Input, UTF-8 (a byte-order mark is fine), read line by line in bounded memory:
* plain lines: each non-blank line is a name;
* JSON lines: one object per line, ``{"name": ..., "dob": ..., "country": ..., "id": ..., "type": ...}``
  (only ``name`` required; ``id`` is yours and is copied to the answer);
* CSV with a header holding a ``name`` column (``dob``, ``country``, ``id``, ``type`` optional),
  separated by commas, semicolons, tabs or bars; under a header of ``name`` alone, each line is a
  name whole, as in plain lines (a comma or a stray quote is part of it; a line quoted whole is
  unquoted).
``auto`` picks JSON lines when the first line starts with ``{``, CSV when it is a header with a
``name`` column, else plain lines (a plain name may hold a comma: "DERKACH, Andrii").

A line that cannot be read (not UTF-8, not a JSON object, no name, the wrong number of CSV fields,
a CSV quote not closed on its line, longer than MAX_LINE_BYTES) becomes a ``BadLine`` naming it, never a silent skip; a file that is not
text at all (NUL bytes or control characters at its start) or holds no name is refused with
UsageError before anything is screened.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from tracker.errors import UsageError

INPUT_FORMATS = ("auto", "lines", "jsonl", "csv")
OUTPUT_FORMATS = ("jsonl", "csv")
FIELDS = ("name", "dob", "country", "id", "type")
MAX_LINE_BYTES = 64 * 1024  # a name is at most a few hundred bytes; a longer line is not a query
_SNIFF_BYTES = 8192
_CHUNK = 1 << 16
_DELIMITERS = (",", ";", "\t", "|")
# Bytes that never occur in a text file of names (all C0 controls but tab, LF, FF, CR).
_BINARY = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


@dataclass(frozen=True, slots=True)
class BatchQuery:
    line: int  # 1-based line of the file where the query starts
    name: str
    dob: str | None = None
    country: str | None = None
    id: str | None = None
    type: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "id": self.id,
            "query": self.name,
            "dob": self.dob,
            "country": self.country,
            "type": self.type,
        }


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    message: str


def read_batch(stream: IO[bytes], label: str, fmt: str = "auto") -> Iterator[BatchQuery | BadLine]:
    """The queries of a batch file in file order, with a BadLine for each line that cannot be read.

    Raises UsageError (before yielding anything) for an unknown format, a binary file, a file with no
    name in it, or a CSV header without a ``name`` column.
    """
    if fmt not in INPUT_FORMATS:
        raise UsageError(f"unknown --input-format {fmt!r} (use one of: {', '.join(INPUT_FORMATS)})")
    head = stream.read(_SNIFF_BYTES)
    if _looks_binary(head):
        raise UsageError(
            f"{label} is a binary file, not names (give plain lines, JSON lines or CSV with a 'name' column)"
        )
    lines = _numbered(_raw_lines(head, stream))
    first = _first_text_line(lines)
    if first is None:
        raise UsageError(f"{label} holds no names")
    kind, delimiter = _sniff(first[1]) if fmt == "auto" else (fmt, _csv_delimiter(first[1]))
    queue = _prepend(first, lines)
    if kind == "csv":
        yield from _csv_queries(queue, label, delimiter)
    elif kind == "jsonl":
        for number, text, raw in queue:
            query = _json_query(number, text) if text is not None else _bad(number, raw)
            if query is not None:
                yield query
    else:
        yield from (
            BatchQuery(number, text.strip()) if text is not None else _bad(number, raw)
            for number, text, raw in queue
            if text is None or text.strip()
        )


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _BINARY)
    return bool(head) and controls * 20 > len(head)  # more than 5 % control bytes: not text


def _raw_lines(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    """Lines of ``head`` + the rest of ``stream`` (newline kept); an over-long line is cut to
    MAX_LINE_BYTES + 1 bytes and its rest skipped, so memory stays bounded."""
    buffer, position = head, 0
    while True:
        newline = buffer.find(b"\n", position)
        if newline >= 0:
            yield buffer[position : newline + 1]
            position = newline + 1
            continue
        rest = buffer[position:]
        if len(rest) > MAX_LINE_BYTES:
            yield rest[: MAX_LINE_BYTES + 1]
            buffer, position = _skip_line(stream), 0
            continue
        chunk = stream.read(_CHUNK)
        if not chunk:
            if rest:
                yield rest
            return
        buffer, position = rest + chunk, 0


def _skip_line(stream: IO[bytes]) -> bytes:
    """Read past the end of the current line; what follows it."""
    while chunk := stream.read(_CHUNK):
        newline = chunk.find(b"\n")
        if newline >= 0:
            return chunk[newline + 1 :]
    return b""


Numbered = tuple[int, str | None, bytes]  # (line number, text or None when unreadable, raw bytes)


def _numbered(raw_lines: Iterator[bytes]) -> Iterator[Numbered]:
    for number, raw in enumerate(raw_lines, start=1):
        text: str | None
        if len(raw) > MAX_LINE_BYTES:
            text = None
        else:
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                text = None
        yield number, text, raw


def _bad(number: int, raw: bytes) -> BadLine:
    if len(raw) > MAX_LINE_BYTES:
        return BadLine(number, f"longer than {MAX_LINE_BYTES:,} bytes: not a name")
    return BadLine(number, "not UTF-8 text (save the file as UTF-8)")


def _first_text_line(lines: Iterator[Numbered]) -> Numbered | None:
    """The first line that is not blank (an unreadable line counts: it must be reported)."""
    for item in lines:
        if item[1] is None or item[1].strip():
            return item
    return None


def _prepend(first: Numbered, rest: Iterator[Numbered]) -> Iterator[Numbered]:
    yield first
    yield from rest


def _sniff(text: str | None) -> tuple[str, str]:
    if text is None:
        return "lines", ","
    if text.lstrip().startswith("{"):
        return "jsonl", ","
    for delimiter in _DELIMITERS:
        if "name" in _header_cells(text, delimiter):
            return "csv", delimiter
    return "lines", ","


def _header_cells(text: str, delimiter: str) -> list[str]:
    return [cell.strip().casefold() for cell in next(csv.reader([text], delimiter=delimiter), [])]


def _csv_delimiter(text: str | None) -> str:
    for delimiter in _DELIMITERS:
        if text is not None and "name" in _header_cells(text, delimiter):
            return delimiter
    return ","


def _csv_queries(lines: Iterator[Numbered], label: str, delimiter: str) -> Iterator[BatchQuery | BadLine]:
    """Rows of a CSV file with a header, one row per line: a quoted field may not span lines (a name
    never holds a line break), so a stray quote costs its own line, never the lines after it."""
    header: list[str] = []
    unreadable: list[BadLine] = []  # lines before the header, named once the header is known good
    for number, text, raw in lines:
        if text is None:
            unreadable.append(_bad(number, raw))
        elif text.strip():
            row = _csv_row(text, delimiter)
            header = [cell.strip().casefold() for cell in row] if isinstance(row, list) else []
            break
    if "name" not in header:
        raise UsageError(
            f"{label}: the CSV header has no 'name' column (it has: {', '.join(header) or 'none'})"
        )
    yield from unreadable
    column = {field: header.index(field) for field in FIELDS if field in header}
    for number, text, raw in lines:
        if text is None:
            yield _bad(number, raw)
            continue
        if not text.strip():
            continue
        row = _csv_row(text, delimiter)
        if len(header) == 1 and (isinstance(row, str) or len(row) != 1):
            # A file of names under a 'name' header: as in plain lines, the whole line is the name
            # ("DERKACH, Andrii" unquoted); only a line quoted whole is unquoted.
            row = [text]
        if isinstance(row, str):
            yield BadLine(number, row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield BadLine(number, f"{len(row)} fields, the header has {len(header)}")
            continue
        values = {field: row[i].strip() or None for field, i in column.items()}
        if not values.get("name"):
            yield BadLine(number, "no name")
            continue
        yield BatchQuery(
            number,
            str(values["name"]),
            values.get("dob"),
            values.get("country"),
            values.get("id"),
            values.get("type"),
        )


def _csv_row(text: str, delimiter: str) -> list[str] | str:
    """The fields of one CSV line, or why it is not CSV (strict: a quote opened and not closed on
    its line, or text after a closing quote, is an error rather than a field swallowing more)."""
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=True), [])
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return 'not CSV: a quote (") is opened and not closed on this line'
        if "new-line" in str(exc):
            return "not CSV: a line break (CR) inside the line"
        return f"not CSV: {exc}"


def _json_query(number: int, text: str) -> BatchQuery | BadLine | None:
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        return BadLine(number, f"not valid JSON ({exc})")
    if not isinstance(data, dict):
        return BadLine(number, 'expected a JSON object with a "name"')
    values: dict[str, str | None] = {}
    for field in FIELDS:
        value = data.get(field)
        if value is None or (
            field in ("id", "dob") and isinstance(value, int) and not isinstance(value, bool)
        ):
            values[field] = None if value is None else str(value)
        elif isinstance(value, str):
            values[field] = value.strip() or None
        else:
            return BadLine(number, f'"{field}" must be text, not {type(value).__name__}')
    if not values["name"]:
        return BadLine(number, 'no "name"')
    return BatchQuery(
        number, str(values["name"]), values["dob"], values["country"], values["id"], values["type"]
    )
