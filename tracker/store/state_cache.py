"""The state of a source's list at its newest snapshot, remembered in this process after a commit, so
that the next apply (an import series, a daily sync) need not read the whole state back.

A remembered state is used only when the store still agrees: the snapshot it was taken at is the one
just before the snapshot being applied, and no other accepted snapshot arrived in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from tracker.store.tables import SNAPSHOT, AnyRow, accepted


@dataclass(slots=True)
class VersionRef:
    """An entry version as the apply step needs it: ids, key and hash, and its validity bounds."""

    id: int
    entry_id: int
    key: str
    hash: str
    valid_from: datetime
    valid_to: datetime | None


# (database URL, source id) -> (snapshot id, accepted snapshots then, state at that snapshot).
# Filled only after a transaction committed (remember_state); checked against the store before use.
_STATE_CACHE: dict[tuple[str, int], tuple[int, int, dict[str, VersionRef]]] = {}


def remember_state(conn: Connection, source_id: int, snapshot_id: int, state: dict[str, VersionRef]) -> None:
    """Keep the committed state at the newest snapshot for the next apply in this process."""
    count = _accepted_count(conn, source_id)
    _STATE_CACHE[(conn.engine.url.render_as_string(), source_id)] = (snapshot_id, count, state)


def forget_states() -> None:
    """Drop every remembered state (after versions were rewritten in place)."""
    _STATE_CACHE.clear()


def cached_state_at(conn: Connection, source_id: int, prev: AnyRow) -> dict[str, VersionRef] | None:
    """The remembered state at ``prev``, if nothing was applied since (the snapshot being applied
    is already in the table, so exactly one more accepted snapshot is expected)."""
    hit = _STATE_CACHE.get((conn.engine.url.render_as_string(), source_id))
    if hit is None or hit[0] != prev.id:
        return None
    return hit[2] if _accepted_count(conn, source_id) == hit[1] + 1 else None


def _accepted_count(conn: Connection, source_id: int) -> int:
    return int(
        conn.execute(select(func.count()).select_from(SNAPSHOT).where(accepted(source_id))).scalar_one()
    )
