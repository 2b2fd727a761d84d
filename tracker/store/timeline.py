"""Points on a source's timeline and the list's state at them: the queries of diff reports
(tracker.report) and of `tracker history`.

A report endpoint is a point on one source's timeline: "the list as it stood at time t" is the set of
versions in force at t (tracker.store.tables.as_of). These queries also return what a report row needs
besides the JSON (entry id, first_seen), in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from tracker.store.models import ChangeKind
from tracker.store.tables import CHANGE as C
from tracker.store.tables import ENTRY as E
from tracker.store.tables import SNAPSHOT as SNAP
from tracker.store.tables import SOURCE as SRC
from tracker.store.tables import VERSION as V
from tracker.store.tables import AnyRow, accepted, as_of


@dataclass(frozen=True, slots=True)
class SnapshotRef:
    """An accepted snapshot, as a report shows it."""

    id: int
    source: str
    source_id: int
    timeline_at: datetime
    published_at: datetime | None

    @property
    def when(self) -> datetime:
        return self.published_at or self.timeline_at


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One entry as listed at some time: its version's hash and canonical JSON, plus entry facts."""

    entry_id: int
    content_hash: str
    data: str
    first_seen: datetime


def stored_sources(conn: Connection) -> dict[str, int]:
    """Source name -> id, for sources with at least one accepted snapshot."""
    rows = conn.execute(
        select(SRC.c.name, SRC.c.id)
        .where(SRC.c.id.in_(select(SNAP.c.source_id).where(accepted())))
        .order_by(SRC.c.name)
    )
    return {r.name: int(r.id) for r in rows}


def _ref(row: AnyRow, source: str) -> SnapshotRef:
    return SnapshotRef(int(row.id), source, int(row.source_id), row.timeline_at, row.published_at)


def snapshot_by_id(conn: Connection, snapshot_id: int) -> tuple[SnapshotRef, str] | None:
    """The snapshot with that id and its status (None when there is no such snapshot)."""
    row = conn.execute(
        select(SNAP, SRC.c.name.label("source"))
        .join(SRC, SRC.c.id == SNAP.c.source_id)
        .where(SNAP.c.id == snapshot_id)
    ).first()
    return (_ref(row, row.source), row.status) if row is not None else None


def latest(conn: Connection, source: str, source_id: int) -> SnapshotRef | None:
    row = conn.execute(
        select(SNAP).where(accepted(source_id)).order_by(SNAP.c.timeline_at.desc()).limit(1)
    ).first()
    return _ref(row, source) if row is not None else None


def first(conn: Connection, source: str, source_id: int) -> SnapshotRef | None:
    row = conn.execute(select(SNAP).where(accepted(source_id)).order_by(SNAP.c.timeline_at).limit(1)).first()
    return _ref(row, source) if row is not None else None


def at_or_before(conn: Connection, source: str, source_id: int, t: datetime) -> SnapshotRef | None:
    """The snapshot in force at time t (the newest accepted one at or before t)."""
    row = conn.execute(
        select(SNAP)
        .where(accepted(source_id), SNAP.c.timeline_at <= t)
        .order_by(SNAP.c.timeline_at.desc())
        .limit(1)
    ).first()
    return _ref(row, source) if row is not None else None


def before(conn: Connection, source: str, source_id: int, t: datetime) -> SnapshotRef | None:
    """The newest accepted snapshot strictly before time t."""
    row = conn.execute(
        select(SNAP)
        .where(accepted(source_id), SNAP.c.timeline_at < t)
        .order_by(SNAP.c.timeline_at.desc())
        .limit(1)
    ).first()
    return _ref(row, source) if row is not None else None


def between(
    conn: Connection, source: str, source_id: int, start: datetime | None, end: datetime
) -> list[SnapshotRef]:
    """Accepted snapshots with start < timeline_at <= end, oldest first (start None: from the beginning)."""
    query = select(SNAP).where(accepted(source_id), SNAP.c.timeline_at <= end)
    if start is not None:
        query = query.where(SNAP.c.timeline_at > start)
    return [_ref(r, source) for r in conn.execute(query.order_by(SNAP.c.timeline_at))]


def state(conn: Connection, source_id: int, t: datetime | None) -> dict[str, StoredEntry]:
    """The list as it stood at time t, by source key (t None: before the first snapshot, i.e. empty)."""
    if t is None:
        return {}
    rows = conn.execute(
        select(E.c.source_key, E.c.id, E.c.first_seen, V.c.content_hash, V.c.data)
        .join(E, E.c.id == V.c.entry_id)
        .where(E.c.source_id == source_id, as_of(t))
    )
    return {r.source_key: StoredEntry(int(r.id), r.content_hash, r.data, r.first_seen) for r in rows}


@dataclass(frozen=True, slots=True)
class StepChange:
    """One Change row of a snapshot, with the entry version the row is about."""

    snapshot_id: int
    kind: ChangeKind
    source_key: str
    first_seen: datetime
    fields: str | None  # JSON list of field changes (MODIFIED)
    data: str  # canonical JSON: the version listed after the step (the last one before it, for REMOVED)


def step_changes(conn: Connection, snapshot: SnapshotRef) -> list[StepChange]:
    """The change rows of one snapshot; each carries the version it added, amended to, or removed."""
    t = snapshot.timeline_at
    listed_after = as_of(t)
    removed: ColumnElement[bool] = V.c.valid_to == t
    rows = conn.execute(
        select(C.c.kind, C.c.fields, E.c.source_key, E.c.first_seen, V.c.data)
        .join(E, E.c.id == C.c.entry_id)
        .join(V, V.c.entry_id == C.c.entry_id)
        .where(
            C.c.snapshot_id == snapshot.id,
            or_(
                and_(C.c.kind != ChangeKind.REMOVED, listed_after),
                and_(C.c.kind == ChangeKind.REMOVED, removed),
            ),
        )
    )
    return [
        StepChange(snapshot.id, ChangeKind(r.kind), r.source_key, r.first_seen, r.fields, r.data)
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class EntryMatch:
    source: str
    source_key: str
    primary_name: str
    entity_type: str
    listed: bool


def entries_named(conn: Connection, text: str, limit: int = 200) -> list[tuple[EntryMatch, list[str]]]:
    """Entries whose current name, or any stored version's text, contains ``text`` (case-insensitive
    in SQL as far as the database folds case); each with every version's JSON for a finer check."""
    lowered = text.lower()
    in_versions = select(V.c.entry_id).where(
        or_(func.lower(V.c.data).contains(lowered), V.c.data.contains(text), V.c.data.contains(text.upper()))
    )
    rows = conn.execute(
        select(
            E.c.id,
            E.c.source_key,
            E.c.primary_name,
            E.c.entity_type,
            E.c.removed_at,
            SRC.c.name.label("source"),
        )
        .join(SRC, SRC.c.id == E.c.source_id)
        .where(or_(func.lower(E.c.primary_name).contains(lowered), E.c.id.in_(in_versions)))
        .order_by(SRC.c.name, E.c.source_key)
        .limit(limit)
    ).all()
    found: list[tuple[EntryMatch, list[str]]] = []
    for r in rows:
        versions = [d for (d,) in conn.execute(select(V.c.data).where(V.c.entry_id == r.id))]
        match = EntryMatch(r.source, r.source_key, r.primary_name, r.entity_type, r.removed_at is None)
        found.append((match, versions))
    return found


def version_starting(conn: Connection, source_id: int, key: str, t: datetime) -> str | None:
    """The canonical JSON of the entry's version that took effect at time t (None if none did)."""
    row = conn.execute(
        select(V.c.data)
        .join(E, E.c.id == V.c.entry_id)
        .where(E.c.source_id == source_id, E.c.source_key == key, V.c.valid_from == t)
        .limit(1)
    ).first()
    return row.data if row is not None else None
