"""Diff reports from the stored history: what changed between two points of each source's timeline.

Default ("netted"): the two states are compared directly, so an entry added and removed inside the
window does not appear, and an entry amended three times shows one row per field that differs in
the end. ``each=True`` lists every step instead, from the Change rows of the snapshots in the window.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from tracker.dates import refuse_future_day
from tracker.errors import NotFound, UsageError
from tracker.history.fielddiff import FieldChange, field_changes
from tracker.report import render
from tracker.store import timeline as st
from tracker.store.models import ChangeKind, SnapshotStatus

if TYPE_CHECKING:  # pandas loads only when a report is built: other commands start quickly
    import pandas as pd

COLUMNS = [
    "change",
    "source",
    "source_id",
    "entity_type",
    "primary_name",
    "field",
    "before",
    "after",
    "programs",
    "from_snapshot",
    "to_snapshot",
    "first_seen",
]
ADDED, REMOVED, MODIFIED = ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.MODIFIED
_ORDER = {ADDED: 0, REMOVED: 1, MODIFIED: 2}  # row order within one entry key
_SNAPSHOT = re.compile(r"^(?:snapshot|snap):(\d+)$", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SNAPSHOT_SYNTAX = "snapshot:ID"


@dataclass(frozen=True, slots=True)
class Point:
    """One end of a window: the end of a day / an instant, or one stored snapshot."""

    text: str
    option: str  # how the user gave it, for messages: the CLI's --from, the API's from
    at: datetime | None = None
    snapshot_id: int | None = None

    def __str__(self) -> str:
        """As the user gave it: ``--from 2024-05-03`` (an option), ``from=2024-05-03`` (a parameter)."""
        return f"{self.option} {self.text}" if self.option.startswith("-") else f"{self.option}={self.text}"


def parse_point(value: str | None, option: str) -> Point | None:
    """'2024-05-03' (end of that day), an ISO date-time, or 'snapshot:123'."""
    if value is None:
        return None
    text = value.strip()
    match = _SNAPSHOT.match(text)
    if match:
        return Point(text, snapshot_id=int(match.group(1)), option=option)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"bad {option} {value!r}: use YYYY-MM-DD or {SNAPSHOT_SYNTAX}") from None
    if parsed.tzinfo is not None:
        from datetime import UTC

        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    if _DAY.match(text):  # the list as it stood at the end of that day
        parsed = parsed.replace(hour=23, minute=59, second=59, microsecond=999999)
    return Point(text, at=parsed, option=option)


@dataclass(slots=True)
class Window:
    source: str
    source_id: int
    start: st.SnapshotRef | None  # snapshot in force at t_from (None: before the first snapshot)
    end: st.SnapshotRef  # snapshot in force at t_to
    t_from: datetime | None
    t_to: datetime


@dataclass(slots=True)
class SourceSummary:
    source: str
    from_snapshot: str
    to_snapshot: str
    added: int = 0
    removed: int = 0
    modified: int = 0
    steps: int = 0  # snapshots inside the window

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "from_snapshot": self.from_snapshot,
            "to_snapshot": self.to_snapshot,
            "added": self.added,
            "removed": self.removed,
            "modified": self.modified,
            "snapshots_in_window": self.steps,
        }


@dataclass(slots=True)
class Report:
    table: pd.DataFrame
    summaries: list[SourceSummary]
    each: bool = False
    notes: list[str] = field(default_factory=list)


def fmt_time(value: datetime | None) -> str:
    """'2024-05-03' for a date-only timeline point, '2022-04-22 18:51' otherwise (UTC)."""
    if value is None:
        return ""
    if value.hour == value.minute == value.second == value.microsecond == 0:
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M")


# ----------------------------------------------------------------------------------------- windows


def resolve_windows(
    conn: Connection,
    sources: list[str] | None,
    start: Point | None,
    end: Point | None,
    notes: list[str] | None = None,
    source_option: str = "--source",
) -> list[Window]:
    """One window per selected source, or a UsageError / NotFound that says what is wrong. Messages
    name the points by their ``option`` and the sources by ``source_option`` (the API's parameters
    are from, to and source)."""
    for point in (start, end):
        if point is not None:
            # The lists as they will stand are not known: an empty report would read "no change".
            refuse_future_day(point.at, point.option)
    if start and end and start.at and end.at and start.at > end.at:
        raise UsageError(f"{start} is after {end}")
    stored = st.stored_sources(conn)
    if not stored:
        raise NotFound("the store is empty: run `tracker sync` or `tracker import` first")
    snaps = {p.text: _snapshot(conn, p) for p in (start, end) if p is not None and p.snapshot_id is not None}
    implied = {ref.source for ref in snaps.values()}
    if len(implied) > 1:
        given = " and ".join(p.option for p in (start, end) if p is not None)
        raise UsageError(f"{given} are snapshots of different sources: {', '.join(sorted(implied))}")
    explicit = bool(sources) or bool(implied)
    if sources:
        for name in sources:
            check_source(name, stored)
        chosen = list(dict.fromkeys(sources))
        stray = implied - set(chosen)
        if stray:
            raise UsageError(f"snapshot of {stray.pop()} given, but {source_option} does not include it")
    else:
        chosen = sorted(implied) or list(stored)
    windows = []
    firsts: list[str] = []  # what is stored, for the message when no source reaches back far enough
    for name in chosen:
        try:
            window = _window(conn, name, stored[name], start, end, snaps)
            if window.t_from is None and notes is not None:
                notes.append(
                    f"{name}: nothing stored before {fmt_time(window.end.when)}, so every entry counts as added"
                )
            windows.append(window)
        except _BeforeHistory as exc:
            if explicit or len(chosen) == 1:
                raise UsageError(str(exc)) from None
            if notes is not None:
                notes.append(f"{exc}; {name} left out")
            firsts.append(f"{name} {exc.first}")
    if not windows:
        raise UsageError(
            f"no source has a snapshot on or before the dates given (first stored: {', '.join(firsts)})"
        )
    return windows


class _BeforeHistory(Exception):
    def __init__(self, message: str, first: str) -> None:
        super().__init__(message)
        self.first = first  # the source's first snapshot, as fmt_time writes it


def _snapshot(conn: Connection, point: Point) -> st.SnapshotRef:
    assert point.snapshot_id is not None
    found = st.snapshot_by_id(conn, point.snapshot_id)
    if found is None:
        raise NotFound(f"no snapshot {point.snapshot_id} in the store (see `tracker changes --json`)")
    ref, status = found
    if status != SnapshotStatus.ACCEPTED:
        raise UsageError(f"snapshot {point.snapshot_id} of {ref.source} was {status}, not applied")
    return ref


def check_source(name: str, stored: dict[str, int]) -> None:
    if name in stored:
        return
    from tracker.sources.registry import source_names

    if name in source_names():
        raise NotFound(
            f"nothing stored for {name} yet: run `tracker sync {name}` or `tracker import {name} FILE`"
        )
    known = ", ".join(dict.fromkeys([*stored, *source_names()]))
    raise UsageError(f"unknown source {name!r} (known: {known})")


def _window(
    conn: Connection,
    name: str,
    source_id: int,
    start: Point | None,
    end: Point | None,
    snaps: dict[str, st.SnapshotRef],
) -> Window:
    latest = st.latest(conn, name, source_id)
    assert latest is not None  # stored_sources only lists sources with an accepted snapshot
    t_to, end_ref = _endpoint(conn, name, source_id, end, snaps) if end else (latest.timeline_at, latest)
    if start is None:
        start_ref = st.before(conn, name, source_id, end_ref.timeline_at)
        return Window(name, source_id, start_ref, end_ref, start_ref.timeline_at if start_ref else None, t_to)
    t_from, start_ref = _endpoint(conn, name, source_id, start, snaps)
    if end is None:  # up to now: the latest state, even when --from lies after the latest snapshot
        t_to = max(t_to, t_from)
    elif t_from > t_to:
        raise UsageError(f"{start} is after {end}")
    return Window(name, source_id, start_ref, end_ref, t_from, t_to)


def _endpoint(
    conn: Connection,
    name: str,
    source_id: int,
    point: Point,
    snaps: dict[str, st.SnapshotRef],
) -> tuple[datetime, st.SnapshotRef]:
    if point.snapshot_id is not None:
        ref = snaps[point.text]
        return ref.timeline_at, ref
    assert point.at is not None
    ref_at = st.at_or_before(conn, name, source_id, point.at)
    if ref_at is None:
        first = st.first(conn, name, source_id)
        shown = fmt_time(first.when) if first else "-"
        raise _BeforeHistory(
            f"{point}: {name} has no snapshot on or before that date (its first is {shown})", shown
        )
    return point.at, ref_at


# -------------------------------------------------------------------------------------------- rows


def build_report(conn: Connection, windows: list[Window], *, each: bool = False) -> Report:
    """The rows of every window, with a note for each side of a comparison that lacked a component
    the other side gave (``lack_notes``)."""
    rows: list[dict[str, Any]] = []
    summaries = []
    notes: list[str] = []
    for window in windows:
        summary = SourceSummary(
            window.source,
            fmt_time(window.start.when) if window.start else "",
            fmt_time(window.end.when),
        )
        steps = st.between(conn, window.source, window.source_id, window.t_from, window.t_to)
        summary.steps = len(steps)
        rows += _each_rows(conn, window, steps, summary) if each else _net_rows(conn, window, summary)
        summaries.append(summary)
        pairs = (
            list(zip([window.start, *steps], steps, strict=False)) if each else [(window.start, window.end)]
        )
        notes += lack_notes(conn, window, pairs)
    import pandas as pd  # loaded only when a report is built: keeps every other command quick to start

    return Report(pd.DataFrame(rows, columns=COLUMNS), summaries, each, notes)


def lack_notes(
    conn: Connection, window: Window, pairs: list[tuple[st.SnapshotRef | None, st.SnapshotRef]]
) -> list[str]:
    """One line per compared pair of snapshots where the earlier one's file lacked a component the
    later one gives (an OFAC CSV without alt.csv, then the XML): what shows as modified there may
    only be missing from the earlier file (its weak aliases are compared, not carried over)."""
    from tracker.store.carry import snapshot_lacks

    lacks = snapshot_lacks(conn, window.source_id)
    lacking = dict(zip(lacks.ids, lacks.lacking, strict=True))
    notes = []
    for before, after in pairs:
        if before is None or before.id == after.id:
            continue
        missing = sorted(set(lacking.get(before.id, {})) - set(lacking.get(after.id, {})))
        if missing:
            what = " or ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
            notes.append(
                f"{window.source}: the {fmt_time(before.when)} snapshot's file gave no {what}: a change "
                "to them may only be what that file lacked"
            )
    return notes


def _net_rows(conn: Connection, window: Window, summary: SourceSummary) -> list[dict[str, Any]]:
    before = st.state(conn, window.source_id, window.t_from)
    after = st.state(conn, window.source_id, window.t_to)
    base = {
        "source": window.source,
        "from_snapshot": summary.from_snapshot,
        "to_snapshot": summary.to_snapshot,
    }
    rows: list[dict[str, Any]] = []
    for key in sorted(after.keys() - before.keys(), key=natural):
        rows.append(_entry_row(ADDED, key, json.loads(after[key].data), after[key].first_seen, base))
        summary.added += 1
    for key in sorted(before.keys() - after.keys(), key=natural):
        rows.append(_entry_row(REMOVED, key, json.loads(before[key].data), before[key].first_seen, base))
        summary.removed += 1
    common = [k for k in before.keys() & after.keys() if before[k].content_hash != after[k].content_hash]
    for key in sorted(common, key=natural):
        new = json.loads(after[key].data)
        fields = field_changes(json.loads(before[key].data), new)
        if fields:
            rows += _field_rows(key, new, fields, after[key].first_seen, base)
            summary.modified += 1
    return rows


def _each_rows(
    conn: Connection, window: Window, steps: list[st.SnapshotRef], summary: SourceSummary
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous = window.start
    for snap in steps:
        base = {
            "source": window.source,
            "from_snapshot": fmt_time(previous.when) if previous else "",
            "to_snapshot": fmt_time(snap.when),
        }
        changes = sorted(st.step_changes(conn, snap), key=lambda c: (_ORDER[c.kind], natural(c.source_key)))
        for change in changes:
            data = json.loads(change.data)
            if change.kind == MODIFIED:
                fields = json.loads(change.fields) if change.fields else []
                rows += _field_rows(change.source_key, data, fields, change.first_seen, base)
                summary.modified += 1
            else:
                kind = change.kind
                rows.append(_entry_row(kind, change.source_key, data, change.first_seen, base))
                summary.added += kind == ADDED
                summary.removed += kind == REMOVED
        previous = snap
    return rows


def _entry_row(
    kind: ChangeKind, key: str, data: dict[str, Any], first_seen: datetime, base: dict[str, Any]
) -> dict[str, Any]:
    facts = render.summary_text(data)
    return {
        "change": kind.label,
        **base,
        "source_id": key,
        "entity_type": data.get("entity_type", ""),
        "primary_name": render.primary_name(data),
        "field": "",
        "before": facts if kind == REMOVED else "",
        "after": facts if kind == ADDED else "",
        "programs": render.SEP.join(data.get("programs") or []),
        "first_seen": fmt_time(first_seen),
    }


def _field_rows(
    key: str, data: dict[str, Any], fields: list[FieldChange], first_seen: datetime, base: dict[str, Any]
) -> list[dict[str, Any]]:
    common = {
        "change": MODIFIED.label,
        **base,
        "source_id": key,
        "entity_type": data.get("entity_type", ""),
        "primary_name": render.primary_name(data),
        "programs": render.SEP.join(data.get("programs") or []),
        "first_seen": fmt_time(first_seen),
    }
    rows = []
    for change in fields:
        before, after = render.change_texts(change)
        rows.append({**common, "field": change["field"], "before": before, "after": after})
    return rows


def natural(key: str) -> tuple[int, int, str]:
    """Numeric ids in numeric order (OFAC uids), others alphabetically after them."""
    return (0, int(key), "") if key.isdigit() else (1, 0, key)
