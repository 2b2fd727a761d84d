"""The state of a source's list at the snapshot just applied (and, when it was inserted before a
later one, at that later snapshot too), remembered in this process after a commit, so that the next
apply (an import series, a daily sync, an out-of-order backfill) need not read whole states back.

A remembered state is used only when the store still agrees: it was taken at the snapshot asked for,
and exactly one accepted snapshot (the one being applied) arrived since. Remembered states carry
exact version ids and validity bounds.
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


# (database URL, source id) -> {snapshot id: (accepted snapshots then, state at that snapshot)}.
# Filled only after a transaction committed (remember_state); checked against the store before use.
_STATE_CACHE: dict[tuple[str, int], dict[int, tuple[int, dict[str, VersionRef]]]] = {}


def remember_state(conn: Connection, source_id: int, states: dict[int, dict[str, VersionRef]]) -> None:
    """Keep the committed states at these snapshots (by id) for the next apply in this process;
    states remembered before for the source are dropped."""
    count = _accepted_count(conn, source_id)
    _STATE_CACHE[(conn.engine.url.render_as_string(), source_id)] = {
        snapshot_id: (count, state) for snapshot_id, state in states.items()
    }


def forget_states() -> None:
    """Drop every remembered state (after versions were rewritten in place)."""
    _STATE_CACHE.clear()


def cached_state_at(conn: Connection, source_id: int, snapshot: AnyRow) -> dict[str, VersionRef] | None:
    """The remembered state at ``snapshot``, if nothing was applied since (the snapshot being applied
    is already in the table, so exactly one more accepted snapshot is expected)."""
    hit = _STATE_CACHE.get((conn.engine.url.render_as_string(), source_id), {}).get(snapshot.id)
    if hit is None:
        return None
    return hit[1] if _accepted_count(conn, source_id) == hit[0] + 1 else None


def _accepted_count(conn: Connection, source_id: int) -> int:
    return int(
        conn.execute(select(func.count()).select_from(SNAPSHOT).where(accepted(source_id))).scalar_one()
    )
