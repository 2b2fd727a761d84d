"""Read queries for screening answers: which list snapshot a search was checked against and how
current each list is, the stored facts of the entries a search found, and a source's first snapshot
(what "first seen" means)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, and_, case, func, select

from tracker.store.tables import ENTRY as E
from tracker.store.tables import SNAPSHOT as SNAP
from tracker.store.tables import SOURCE as SRC
from tracker.store.tables import VERSION as V
from tracker.store.tables import accepted, as_of


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """A source's snapshot in force at the time asked (the newest, or the newest at ``as_of``), and
    what the store knows of when the list was last confirmed current."""

    source: str
    snapshot_id: int
    timeline_at: datetime
    published_at: datetime | None
    snapshot_url: str | None  # where this snapshot was downloaded from (None: imported)
    snapshot_fetched_at: datetime
    last_download_at: datetime | None  # newest accepted snapshot downloaded over http(s)
    last_status: str | None  # the source's last sync outcome (tracker.results.SyncStatus)
    last_checked_at: datetime | None
    source_url: str | None  # the URL the last sync used


def list_snapshots(conn: Connection, at: datetime | None = None) -> list[ListSnapshot]:
    """Per source with an accepted snapshot (at or before ``at`` when given): its snapshot in force,
    by source name."""
    newest = select(SNAP.c.source_id, func.max(SNAP.c.timeline_at).label("t")).where(accepted())
    if at is not None:
        newest = newest.where(SNAP.c.timeline_at <= at)
    newest_q = newest.group_by(SNAP.c.source_id).subquery()
    downloads = (
        select(SNAP.c.source_id, func.max(SNAP.c.fetched_at).label("t"))
        .where(accepted(), SNAP.c.url.like("http%"))
        .group_by(SNAP.c.source_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            SRC.c.name,
            SRC.c.last_status,
            SRC.c.last_checked_at,
            SRC.c.url.label("source_url"),
            SNAP.c.id,
            SNAP.c.timeline_at,
            SNAP.c.published_at,
            SNAP.c.url,
            SNAP.c.fetched_at,
            downloads.c.t.label("last_download_at"),
        )
        .join(newest_q, newest_q.c.source_id == SRC.c.id)
        .join(SNAP, and_(SNAP.c.source_id == SRC.c.id, SNAP.c.timeline_at == newest_q.c.t, accepted()))
        .outerjoin(downloads, downloads.c.source_id == SRC.c.id)
        .order_by(SRC.c.name)
    )
    return [
        ListSnapshot(
            source=r.name,
            snapshot_id=int(r.id),
            timeline_at=r.timeline_at,
            published_at=r.published_at,
            snapshot_url=r.url,
            snapshot_fetched_at=r.fetched_at,
            last_download_at=r.last_download_at,
            last_status=r.last_status,
            last_checked_at=r.last_checked_at,
            source_url=r.source_url,
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """One entry's version in force (canonical JSON) and its place on the timeline."""

    data: str
    first_seen: datetime
    removed_at: datetime | None


def entry_facts(
    conn: Connection, keys: Iterable[tuple[str, str]], at: datetime | None = None
) -> dict[tuple[str, str], EntryFacts]:
    """(source, source_id) -> the version in force now (or at ``at``) of each entry asked for that
    exists; one query."""
    wanted = set(keys)
    if not wanted:
        return {}
    rows = conn.execute(
        select(SRC.c.name, E.c.source_key, E.c.first_seen, E.c.removed_at, V.c.data)
        .join(E, E.c.id == V.c.entry_id)
        .join(SRC, SRC.c.id == E.c.source_id)
        .where(
            E.c.source_key.in_(sorted({key for _, key in wanted})),
            SRC.c.name.in_(sorted({source for source, _ in wanted})),
            _current_unindexed() if at is None else as_of(at),
        )
    )
    found: dict[tuple[str, str], EntryFacts] = {}
    for r in rows:
        if (r.name, r.source_key) in wanted:
            found[(r.name, r.source_key)] = EntryFacts(r.data, r.first_seen, r.removed_at)
    return found


def _current_unindexed() -> ColumnElement[bool]:
    """``current()`` written so that no index on valid_to can serve it. SQLite has no statistics and,
    given more than a few keys, read every current version through that index (44,000 rows with their
    JSON: ~25 ms idle, most of a search's time) instead of the entries asked for through their unique
    key (microseconds). Same rows on every database."""
    return case((V.c.valid_to.is_(None), 1), else_=0) == 1


def first_snapshot_at(conn: Connection, source: str) -> datetime | None:
    """The timeline position of the source's earliest accepted snapshot (None: nothing stored)."""
    return conn.execute(
        select(func.min(SNAP.c.timeline_at))
        .join(SRC, SRC.c.id == SNAP.c.source_id)
        .where(SRC.c.name == source, accepted())
    ).scalar()
