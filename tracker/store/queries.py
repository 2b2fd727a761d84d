"""Read-side queries over the history: sources overview, change log, one entry's timeline, state as of."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from tracker.errors import NotFound
from tracker.store.tables import CHANGE as C
from tracker.store.tables import ENTRY as E
from tracker.store.tables import SNAPSHOT as SNAP
from tracker.store.tables import SOURCE as SRC
from tracker.store.tables import VERSION as V
from tracker.store.tables import AnyRow, accepted, as_of, current


def source_id(conn: Connection, name: str) -> int:
    row = conn.execute(select(SRC.c.id).where(SRC.c.name == name)).first()
    if row is None:
        raise NotFound(
            f"nothing stored for source {name!r} yet; run `tracker sync {name}` or `tracker import`"
        )
    return int(row.id)


def sources_overview(conn: Connection) -> list[dict[str, Any]]:
    """Per stored source: entries listed now, last accepted snapshot, last status."""
    result = []
    for src in conn.execute(select(SRC).order_by(SRC.c.name)):
        latest = conn.execute(
            select(SNAP).where(accepted(src.id)).order_by(SNAP.c.timeline_at.desc()).limit(1)
        ).first()
        listed = conn.execute(
            select(func.count()).select_from(E).where(E.c.source_id == src.id, E.c.removed_at.is_(None))
        ).scalar_one()
        snapshots = conn.execute(select(func.count()).select_from(SNAP).where(accepted(src.id))).scalar_one()
        result.append(
            {
                "source": src.name,
                "entries": int(listed),
                "snapshots": int(snapshots),
                "published_at": _iso(latest.published_at) if latest else None,
                "timeline_at": _iso(latest.timeline_at) if latest else None,
                "fetched_at": _iso(latest.fetched_at) if latest else None,
                "last_checked_at": _iso(src.last_checked_at),
                "last_status": src.last_status,
                "last_error": src.last_error,
            }
        )
    return result


def snapshots(conn: Connection, source: str | None = None) -> list[AnyRow]:
    """Snapshot rows (with their source's name as ``source``), by source then timeline position."""
    query = select(SNAP, SRC.c.name.label("source")).join(SRC, SRC.c.id == SNAP.c.source_id)
    if source:
        query = query.where(SRC.c.name == source)
    return list(conn.execute(query.order_by(SRC.c.name, SNAP.c.timeline_at)))


def change_log(
    conn: Connection,
    *,
    source: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Changes (newest snapshot first), each with its entry and field-level details, and whether
    it is in its list's first stored snapshot (``first_snapshot``: an ADDED there says the entry was
    listed by then, not that it was added that day)."""
    first = (
        select(SNAP.c.source_id, func.min(SNAP.c.timeline_at).label("first_at"))
        .where(accepted())
        .group_by(SNAP.c.source_id)
        .subquery()
    )
    query = (
        select(
            SRC.c.name.label("source"),
            E.c.source_key,
            E.c.primary_name,
            E.c.entity_type,
            C.c.kind,
            C.c.fields,
            SNAP.c.id.label("snapshot_id"),
            SNAP.c.published_at,
            SNAP.c.timeline_at,
            (SNAP.c.timeline_at == first.c.first_at).label("first_snapshot"),
        )
        .join(E, E.c.id == C.c.entry_id)
        .join(SNAP, SNAP.c.id == C.c.snapshot_id)
        .join(SRC, SRC.c.id == SNAP.c.source_id)
        .outerjoin(first, first.c.source_id == SNAP.c.source_id)
        .order_by(SNAP.c.timeline_at.desc(), SRC.c.name, C.c.kind, E.c.source_key)
    )
    if source:
        query = query.where(SRC.c.name == source)
    if since:
        query = query.where(SNAP.c.timeline_at >= since)
    if limit:
        query = query.limit(limit)
    return [
        {
            "source": r.source,
            "source_id": r.source_key,
            "name": r.primary_name,
            "entity_type": r.entity_type,
            "change": r.kind,
            "snapshot_id": r.snapshot_id,
            "published_at": _iso(r.published_at),
            "timeline_at": _iso(r.timeline_at),
            "fields": json.loads(r.fields) if r.fields else [],
            "first_snapshot": bool(r.first_snapshot),
        }
        for r in conn.execute(query)
    ]


def change_count(conn: Connection, *, source: str | None = None, since: datetime | None = None) -> int:
    """How many changes ``change_log`` would list without a limit."""
    query = select(func.count()).select_from(C).join(SNAP, SNAP.c.id == C.c.snapshot_id)
    if source:
        query = query.join(SRC, SRC.c.id == SNAP.c.source_id).where(SRC.c.name == source)
    if since:
        query = query.where(SNAP.c.timeline_at >= since)
    return int(conn.execute(query).scalar_one())


@dataclass
class EntryHistory:
    source: str
    source_id: str
    entity_type: str
    primary_name: str
    first_seen: datetime
    last_seen: datetime
    removed_at: datetime | None
    current: dict[str, Any] | None  # canonical data of the newest version
    versions: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_id": self.source_id,
            "entity_type": self.entity_type,
            "name": self.primary_name,
            "listed": self.removed_at is None,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "removed_at": _iso(self.removed_at),
            "current": self.current,
            "versions": self.versions,
            "changes": self.changes,
        }


def entry_history(conn: Connection, source: str, key: str) -> EntryHistory:
    sid = source_id(conn, source)
    entry = conn.execute(select(E).where(E.c.source_id == sid, E.c.source_key == key)).first()
    if entry is None:
        raise NotFound(f"{source}:{key} is not in the store")
    versions = list(conn.execute(select(V).where(V.c.entry_id == entry.id).order_by(V.c.valid_from)))
    changes = conn.execute(
        select(C.c.kind, C.c.fields, SNAP.c.timeline_at, SNAP.c.published_at, SNAP.c.id)
        .join(SNAP, SNAP.c.id == C.c.snapshot_id)
        .where(C.c.entry_id == entry.id)
        .order_by(SNAP.c.timeline_at)
    )
    return EntryHistory(
        source=source,
        source_id=key,
        entity_type=entry.entity_type,
        primary_name=entry.primary_name,
        first_seen=entry.first_seen,
        last_seen=entry.last_seen,
        removed_at=entry.removed_at,
        current=json.loads(versions[-1].data) if versions else None,
        versions=[
            {"valid_from": _iso(v.valid_from), "valid_to": _iso(v.valid_to), "content_hash": v.content_hash}
            for v in versions
        ],
        changes=sorted(
            [
                *(
                    {
                        "change": c.kind,
                        "at": _iso(c.timeline_at),
                        "published_at": _iso(c.published_at),
                        "snapshot_id": c.id,
                        "fields": json.loads(c.fields) if c.fields else [],
                    }
                    for c in changes
                ),
                *_first_known(conn, sid, versions),
            ],
            key=lambda change: str(change["at"]),
        ),
    )


FIRST_KNOWN = "FIRST_KNOWN"


def _first_known(conn: Connection, sid: int, versions: list[AnyRow]) -> list[dict[str, Any]]:
    """History rows (kind FIRST_KNOWN) for the components an entry's versions came to know: a file
    that did not give them (OFAC's sdn.csv without alt.csv: no aliases) was followed by one that did.
    Not a change (tracker.history.carry: never compared, so no ADDED / MODIFIED row), but what the
    history knew from then on, with the values it brought (``fields`` as field_changes gives them).
    """
    from tracker.history.carry import component_parts, not_provided
    from tracker.history.fielddiff import field_changes

    rows: list[dict[str, Any]] = []
    for older, newer in zip(versions, versions[1:], strict=False):
        old, new = json.loads(older.data), json.loads(newer.data)
        learned = sorted(not_provided(old) - not_provided(new))
        fields = []
        for component in learned:
            before, after = component_parts(old, component), component_parts(new, component)
            before.pop("known"), after.pop("known")
            fields += field_changes(before, after)
        if not fields:
            continue
        snap = conn.execute(
            select(SNAP.c.id, SNAP.c.published_at).where(
                accepted(sid), SNAP.c.timeline_at == newer.valid_from
            )
        ).first()
        rows.append(
            {
                "change": FIRST_KNOWN,
                "at": _iso(newer.valid_from),
                "published_at": _iso(snap.published_at) if snap else None,
                "snapshot_id": snap.id if snap else None,
                "fields": fields,
                "components": learned,
            }
        )
    return rows


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def index_rows(conn: Connection, as_of_t: datetime | None) -> Iterable[AnyRow]:
    """Every entry version listed now (``as_of_t`` None) or at a past time, for the name index:
    (name = source name, source_key, first_seen, removed_at, data = canonical JSON, content_hash)
    rows, streamed."""
    query = (
        select(SRC.c.name, E.c.source_key, E.c.first_seen, E.c.removed_at, V.c.data, V.c.content_hash)
        .join(E, E.c.id == V.c.entry_id)
        .join(SRC, SRC.c.id == E.c.source_id)
        .where(current() if as_of_t is None else as_of(as_of_t))
    )
    return conn.execute(query)


def current_versions(conn: Connection) -> Iterable[AnyRow]:
    """Every entry version listed now, without its data: (name = source name, source_key,
    first_seen, removed_at, content_hash) rows, streamed. What the name index holds is the
    content; the dates beside it change on their own (an older file imported: first_seen earlier)."""
    query = (
        select(SRC.c.name, E.c.source_key, E.c.first_seen, E.c.removed_at, V.c.content_hash)
        .join(E, E.c.id == V.c.entry_id)
        .join(SRC, SRC.c.id == E.c.source_id)
        .where(current())
    )
    return conn.execute(query)


def store_stamp(conn: Connection) -> tuple[int | None, int, int]:
    """(newest accepted snapshot id, number of entry versions, sum of the sources' canonical forms):
    changes whenever a snapshot lands, and when stored versions are rewritten in a newer canonical
    form (tracker.store.recanonical: the same snapshots and versions, other names), so caches built
    from the store can tell they are stale."""
    newest = conn.execute(select(func.max(SNAP.c.id)).where(accepted())).scalar()
    versions = conn.execute(select(func.count()).select_from(V)).scalar_one()
    forms = conn.execute(select(func.coalesce(func.sum(SRC.c.canonical_form), 0))).scalar_one()
    return newest, int(versions), int(forms)
