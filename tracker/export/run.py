"""`tracker export`: one stored list as it stood at a time, written as CSV, JSON or FtM JSON lines.

The rows are streamed from the store (tracker.store.exports) and written as they come, so memory stays
bounded whatever the list's size. A file is written under a temporary name and renamed when complete:
a failed export never leaves a half-written file under the name asked for.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import orjson
from sqlalchemy import Connection

from tracker.dates import refuse_future_day
from tracker.errors import UsageError
from tracker.export import ftm
from tracker.export.flat import write_csv, write_json
from tracker.report.diff import Point, check_source, fmt_time, parse_point
from tracker.store import timeline as st
from tracker.store.exports import ListedRow, listed_rows

FORMATS = ("csv", "json", "ftm")
_SUFFIXES = {".csv": "csv", ".json": "json", ".jsonl": "ftm", ".ndjson": "ftm"}
PROGRESS_EVERY = 1000  # entries between progress calls


@dataclass(frozen=True, slots=True)
class ExportResult:
    source: str
    snapshot: st.SnapshotRef
    entries: int
    entities: int  # FtM entities written (ftm format), else equal to entries


def format_for(path: Path | None, fmt: str | None) -> str:
    """The explicit --format, else from the output name (``.csv``, ``.json``, ``.ftm.json``,
    ``.jsonl``), else CSV on stdout. UsageError for an unknown format or output suffix."""
    if fmt:
        if fmt.lower() not in FORMATS:
            raise UsageError(f"unknown --format {fmt!r} (use one of: {', '.join(FORMATS)})")
        return fmt.lower()
    if path is None:
        return "csv"
    name = path.name.lower()
    if name.endswith(".ftm.json"):
        return "ftm"
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise UsageError(f"cannot tell the format from {path.name!r}: give --format {'|'.join(FORMATS)}")
    return found


def resolve(conn: Connection, source: str, as_of: str | None) -> tuple[int, st.SnapshotRef, Point | None]:
    """(source id, snapshot in force, point) for ``--as-of`` (None: the newest snapshot). Raises
    UsageError / NotFound with one line (unknown source, nothing stored, a date before the first
    snapshot, a snapshot of another source)."""
    stored = st.stored_sources(conn)
    check_source(source, stored)
    source_id = stored[source]
    point = parse_point(as_of, "--as-of")
    if point is not None:  # a future day would export today's list labelled as of that day
        refuse_future_day(point.at, "--as-of")
    if point is None:
        latest = st.latest(conn, source, source_id)
        assert latest is not None  # stored_sources lists sources with an accepted snapshot
        return source_id, latest, None
    if point.snapshot_id is not None:
        found = st.snapshot_by_id(conn, point.snapshot_id)
        if found is None or found[0].source != source or found[1] != "accepted":
            raise UsageError(f"--as-of {point.text}: not an applied snapshot of {source}")
        return source_id, found[0], point
    assert point.at is not None
    ref = st.at_or_before(conn, source, source_id, point.at)
    if ref is None:
        first = st.first(conn, source, source_id)
        raise UsageError(
            f"--as-of {point.text}: {source} has no snapshot on or before that date "
            f"(its first is {fmt_time(first.when) if first else '-'})"
        )
    return source_id, ref, point


def export_list(
    conn: Connection,
    source: str,
    fmt: str,
    out: TextIO,
    *,
    as_of: str | None = None,
    crlf: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write ``source`` as it stood at ``as_of`` (None: now) to ``out`` in ``fmt`` (csv, json, ftm)."""
    source_id, snapshot, point = resolve(conn, source, as_of)
    t = None if point is None else (snapshot.timeline_at if point.at is None else point.at)

    def rows() -> Iterator[tuple[ListedRow, dict[str, Any]]]:
        for count, row in enumerate(listed_rows(conn, source_id, t), start=1):
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
            yield row, orjson.loads(row.data)

    if fmt == "csv":
        count = write_csv(out, source, rows(), crlf=crlf)
        return ExportResult(source, snapshot, count, count)
    if fmt == "json":
        header = {
            "source": source,
            "as_of": point.text if point else None,
            "snapshot": {
                "id": snapshot.id,
                "published_at": _iso(snapshot.published_at),
                "timeline_at": _iso(snapshot.timeline_at),
            },
        }
        count = write_json(out, header, rows())
        return ExportResult(source, snapshot, count, count)
    authority = authority_of(source)
    count = entities = 0
    for _, data in rows():
        for entity in ftm.entities(source, authority, data):
            out.write(orjson.dumps(entity, option=orjson.OPT_SORT_KEYS).decode("utf-8") + "\n")
            entities += 1
        count += 1
    return ExportResult(source, snapshot, count, entities)


def authority_of(source: str) -> str:
    """The list's publisher, for FtM Sanction entities (the source name for an unregistered source)."""
    from tracker.sources.registry import get_source, source_names

    return get_source(source).publisher if source in source_names() else source


@contextlib.contextmanager
def opened(path: Path | None, *, bom: bool) -> Iterator[TextIO]:
    """stdout, or ``path`` written as ``path.part`` and renamed once complete (UTF-8; a byte-order
    mark first when ``bom``, for spreadsheets). UsageError when the folder is missing or unwritable."""
    if path is None:
        yield sys.stdout
        return
    if path.is_dir():
        raise UsageError(f"{path} is a folder: give a file name")
    if not path.parent.exists():
        raise UsageError(f"folder does not exist: {path.parent}")
    part = path.with_name(path.name + ".part")
    try:
        handle = part.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with handle:
            yield handle
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
