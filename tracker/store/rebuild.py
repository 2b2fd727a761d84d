"""Re-derive the change rows of some entries from their versions, after their versions were rewritten
in place (a component carried forward, a store brought to a new canonical form).

The change rows are a function of the versions: an entry is ADDED at the start of each span of
adjacent versions, REMOVED at its end, and MODIFIED where two adjacent versions differ in some field
(tracker.history.fielddiff). Adjacent versions that became equal are merged into one first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from tracker.history.fielddiff import field_changes
from tracker.store.models import ChangeKind
from tracker.store.tables import CHANGE as C
from tracker.store.tables import SNAPSHOT as S
from tracker.store.tables import VERSION as V
from tracker.store.tables import accepted

CHUNK = 2000


def rebuild_changes(conn: Connection, source_id: int, entry_ids: list[int]) -> None:
    """Merge equal adjacent versions of these entries and write their change rows again; the change
    counts of every snapshot whose rows changed are counted again."""
    snapshot_at = {
        r.timeline_at: int(r.id)
        for r in conn.execute(select(S.c.id, S.c.timeline_at).where(accepted(source_id)))
    }
    versions = _versions(conn, entry_ids)
    _merge_equal(conn, versions)
    rows = _change_rows(conn, versions, snapshot_at)
    counted: set[int] = set()
    for chunk in _chunks(entry_ids):
        counted |= {
            int(r[0]) for r in conn.execute(select(C.c.snapshot_id).where(C.c.entry_id.in_(chunk)).distinct())
        }
        conn.execute(delete(C).where(C.c.entry_id.in_(chunk)))
    for chunk in _chunks(rows):
        conn.execute(insert(C), chunk)
    counted |= {int(r["snapshot_id"]) for r in rows}
    recount(conn, sorted(counted))


def recount(conn: Connection, snapshot_ids: list[int]) -> None:
    """Set the added / removed / modified counts of these snapshots from their change rows."""
    for chunk in _chunks(snapshot_ids):
        counts: dict[int, dict[str, int]] = {s: {"added": 0, "removed": 0, "modified": 0} for s in chunk}
        for snapshot_id, kind, n in conn.execute(
            select(C.c.snapshot_id, C.c.kind, func.count())
            .where(C.c.snapshot_id.in_(chunk))
            .group_by(C.c.snapshot_id, C.c.kind)
        ):
            counts[int(snapshot_id)][ChangeKind(kind).label] = int(n)
        conn.execute(
            update(S)
            .where(S.c.id == bindparam("b_id"))
            .values(
                added=bindparam("b_added"), removed=bindparam("b_removed"), modified=bindparam("b_modified")
            ),
            [{"b_id": s, **{f"b_{k}": v for k, v in c.items()}} for s, c in counts.items()],
        )


def _versions(conn: Connection, entry_ids: list[int]) -> dict[int, list[list[Any]]]:
    """entry id -> its versions, oldest first, as mutable [id, hash, valid_from, valid_to]."""
    out: dict[int, list[list[Any]]] = {}
    for chunk in _chunks(entry_ids):
        rows = conn.execute(
            select(V.c.entry_id, V.c.id, V.c.content_hash, V.c.valid_from, V.c.valid_to)
            .where(V.c.entry_id.in_(chunk))
            .order_by(V.c.entry_id, V.c.valid_from)
        )
        for entry_id, *rest in rows:
            out.setdefault(entry_id, []).append(rest)
    return out


def _merge_equal(conn: Connection, versions: dict[int, list[list[Any]]]) -> None:
    """One version where two adjacent ones hold the same content (the later ones are deleted)."""
    gone: list[int] = []
    extended: dict[int, datetime | None] = {}
    for entry_id, chain in versions.items():
        kept: list[list[Any]] = []
        for version in chain:
            last = kept[-1] if kept else None
            if last is not None and last[3] == version[2] and last[1] == version[1]:
                last[3] = version[3]
                extended[last[0]] = version[3]
                gone.append(version[0])
            else:
                kept.append(version)
        versions[entry_id] = kept
    for chunk in _chunks(gone):
        conn.execute(delete(V).where(V.c.id.in_(chunk)))
    if extended:
        conn.execute(
            update(V).where(V.c.id == bindparam("b_id")).values(valid_to=bindparam("b_to")),
            [{"b_id": k, "b_to": v} for k, v in extended.items()],
        )


def _change_rows(
    conn: Connection, versions: dict[int, list[list[Any]]], snapshot_at: dict[datetime, int]
) -> list[dict[str, Any]]:
    pairs = [
        (entry_id, before, after)
        for entry_id, chain in versions.items()
        for before, after in zip(chain, chain[1:], strict=False)
        if before[3] == after[2]
    ]
    data = load_data(conn, sorted({v[0] for _, b, a in pairs for v in (b, a)}))
    rows: list[dict[str, Any]] = []
    for entry_id, chain in versions.items():
        for i, version in enumerate(chain):
            joined = i > 0 and chain[i - 1][3] == version[2]
            if not joined:
                rows.append(_row(snapshot_at[version[2]], entry_id, ChangeKind.ADDED, None))
            ends = version[3] is not None and (i + 1 == len(chain) or chain[i + 1][2] != version[3])
            if ends:
                rows.append(_row(snapshot_at[version[3]], entry_id, ChangeKind.REMOVED, None))
    for entry_id, before, after in pairs:
        fields = field_changes(json.loads(data[before[0]]), json.loads(data[after[0]]))
        if fields:
            text = json.dumps(fields, ensure_ascii=False)
            rows.append(_row(snapshot_at[after[2]], entry_id, ChangeKind.MODIFIED, text))
    return rows


def _row(snapshot_id: int, entry_id: int, kind: ChangeKind, fields: str | None) -> dict[str, Any]:
    return {"snapshot_id": snapshot_id, "entry_id": entry_id, "kind": kind, "fields": fields}


def load_data(conn: Connection, version_ids: list[int]) -> dict[int, str]:
    """Canonical JSON of versions, by id."""
    loaded: dict[int, str] = {}
    for chunk in _chunks(version_ids):
        loaded.update({r[0]: r[1] for r in conn.execute(select(V.c.id, V.c.data).where(V.c.id.in_(chunk)))})
    return loaded


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]
