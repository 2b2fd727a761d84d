"""Source and snapshot bookkeeping: the source row (download validators, last status), snapshot rows
(accepted or rejected), their timeline positions, and the files they keep.

The history itself (entries, versions, changes) is written by tracker.store.apply; the pipeline calls
both, in one write transaction per snapshot.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import Engine

from tracker.results import SyncStatus
from tracker.store.db import write_transaction
from tracker.store.models import SnapshotStatus, utcnow
from tracker.store.tables import SNAPSHOT, SOURCE, AnyRow, accepted


@dataclass(slots=True)
class SnapshotFacts:
    """What every snapshot row of one file records, whatever its fate."""

    source_id: int
    fetched_at: datetime
    sha256: str | None
    url: str | None
    archive_path: str
    format: str | None = None
    warnings: str | None = None  # newline-joined parser warnings
    not_provided: str | None = None  # JSON: components the file lacks (tracker.store.carry)


def ensure_source(engine: Engine, name: str) -> AnyRow:
    """The source row for ``name``, created on first use (safe when two processes race)."""
    with engine.connect() as conn:
        row = conn.execute(select(SOURCE).where(SOURCE.c.name == name)).first()
    if row is not None:
        return row
    with write_transaction(engine) as conn:
        row = conn.execute(select(SOURCE).where(SOURCE.c.name == name)).first()
        if row is None:
            conn.execute(insert(SOURCE).values(name=name))
            row = conn.execute(select(SOURCE).where(SOURCE.c.name == name)).one()
    return row


def mark_source(engine: Engine, source_id: int, status: SyncStatus, error: str | None) -> None:
    """Record the outcome of a check of the source, now."""
    with write_transaction(engine) as conn:
        conn.execute(
            update(SOURCE)
            .where(SOURCE.c.id == source_id)
            .values(last_checked_at=utcnow(), last_status=status, last_error=error)
        )


def remember_download(
    engine: Engine,
    source_id: int,
    *,
    etag: str | None,
    last_modified: str | None,
    url: str | None = None,
    sha256: str | None = None,
) -> None:
    """Keep the HTTP validators of the last download (and its URL and hash, when it was accepted)."""
    values: dict[str, str | None] = {"etag": etag, "last_modified": last_modified}
    if url is not None:
        values.update(url=url, sha256=sha256)
    with write_transaction(engine) as conn:
        conn.execute(update(SOURCE).where(SOURCE.c.id == source_id).values(**values))


def latest_snapshot(engine: Engine, source_id: int) -> AnyRow | None:
    """The newest accepted snapshot of the source (None before the first)."""
    with engine.connect() as conn:
        return conn.execute(
            select(SNAPSHOT).where(accepted(source_id)).order_by(SNAPSHOT.c.timeline_at.desc()).limit(1)
        ).first()


def stored_copy(conn: Connection, source_id: int, sha256: str | None, t: datetime) -> AnyRow | None:
    """The accepted snapshot of these very bytes at this timeline position, if one is stored."""
    if sha256 is None:
        return None
    return conn.execute(
        select(SNAPSHOT.c.id, SNAPSHOT.c.timeline_at).where(
            accepted(source_id), SNAPSHOT.c.sha256 == sha256, SNAPSHOT.c.timeline_at == t
        )
    ).first()


def free_timeline_slot(conn: Connection, source_id: int, t: datetime) -> datetime:
    """Lists published twice on one date (OFAC does) get distinct timeline positions a second apart."""
    taken = {
        r[0]
        for r in conn.execute(
            select(SNAPSHOT.c.timeline_at).where(
                accepted(source_id),
                SNAPSHOT.c.timeline_at >= t,
                SNAPSHOT.c.timeline_at < t + timedelta(hours=1),
            )
        )
    }
    while t in taken:
        t += timedelta(seconds=1)
    return t


def insert_snapshot(
    conn: Connection,
    facts: SnapshotFacts,
    *,
    t: datetime,
    published: datetime | None,
    status: SnapshotStatus,
    reason: str | None,
    entries: int,
) -> int:
    """Insert a snapshot row at timeline position t; returns its id."""
    row = dict(
        asdict(facts),
        timeline_at=t,
        published_at=published,
        status=status,
        reason=reason,
        entry_count=entries,
    )
    key = conn.execute(insert(SNAPSHOT).values(**row)).inserted_primary_key
    assert key is not None
    return int(key[0])


def reject_snapshot(
    conn: Connection,
    facts: SnapshotFacts,
    *,
    t: datetime,
    published: datetime | None,
    reason: str,
    entries: int,
) -> int:
    """Keep a parsed list that a guard stopped as a rejected snapshot, and say so on the source
    (its last check time is left as it was, as before this code moved here); returns the id."""
    snapshot_id = insert_snapshot(
        conn, facts, t=t, published=published, status=SnapshotStatus.REJECTED, reason=reason, entries=entries
    )
    conn.execute(
        update(SOURCE)
        .where(SOURCE.c.id == facts.source_id)
        .values(last_status=SyncStatus.REJECTED, last_error=reason)
    )
    return snapshot_id


def mark_unchanged(conn: Connection, source_id: int, checked_at: datetime) -> None:
    """A file already stored came again: the check succeeded, and says so over an older failure."""
    conn.execute(
        update(SOURCE)
        .where(SOURCE.c.id == source_id)
        .values(last_checked_at=checked_at, last_status=SyncStatus.UNCHANGED, last_error=None)
    )


def record_rejection(
    engine: Engine, facts: SnapshotFacts, t: datetime, published: datetime | None, reason: str
) -> None:
    """A file that is not a usable list: a rejected snapshot of no entries, in its own transaction."""
    with write_transaction(engine) as conn:
        insert_snapshot(
            conn, facts, t=t, published=published, status=SnapshotStatus.REJECTED, reason=reason, entries=0
        )
        conn.execute(
            update(SOURCE)
            .where(SOURCE.c.id == facts.source_id)
            .values(last_checked_at=facts.fetched_at, last_status=SyncStatus.REJECTED, last_error=reason)
        )


def finish_accepted(
    conn: Connection, facts: SnapshotFacts, snapshot_id: int, *, added: int, removed: int, modified: int
) -> None:
    """Store the change counts of an applied snapshot and mark the source accepted."""
    conn.execute(
        update(SNAPSHOT)
        .where(SNAPSHOT.c.id == snapshot_id)
        .values(added=added, removed=removed, modified=modified)
    )
    conn.execute(
        update(SOURCE)
        .where(SOURCE.c.id == facts.source_id)
        .values(last_checked_at=facts.fetched_at, last_status=SyncStatus.ACCEPTED, last_error=None)
    )


def accepted_archive_paths(engine: Engine) -> list[str]:
    """The archived files (or folders) that accepted snapshots were loaded from."""
    with engine.connect() as conn:
        query = select(SNAPSHOT.c.archive_path).where(accepted())
        return [path for (path,) in conn.execute(query) if path]
