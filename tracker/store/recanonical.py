"""Bring a source's stored versions to the current canonical form (tracker.records.CANONICAL_FORM),
so that the first snapshot parsed by a newer tracker is compared like with like: no wave of MODIFIED
rows that are only a change of form.

In one write transaction, before the next snapshot of the source lands (tracker.landing):

1. every version is read back into a ListEntry, folded by the source's own rules (``fold`` of its
   SourceSpec) and written in the current form (NFC text, ...);
2. form 1 did not know "not provided": an OFAC CSV snapshot in which no entry has a component (the
   daily sdn.csv: no alias of alt.csv, no address) is taken as lacking it, and its versions get the
   component carried over from the entry's previous version (tracker.store.carry.recarry), as an
   import by this tracker would have stored them;
3. the change rows of every entry whose versions changed are derived again (tracker.store.rebuild):
   equal neighbours merge, and a change that was only one of form disappears.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.engine import Engine

from tracker.history.carry import COMPONENT_PARTS, component_parts
from tracker.records import (
    CANONICAL_FORM,
    Component,
    ListEntry,
    canonical_form,
    content_hash,
    entry_from_canonical,
)
from tracker.store.carry import EVERY_ENTRY, recarry, snapshot_lacks
from tracker.store.db import write_transaction
from tracker.store.rebuild import rebuild_changes
from tracker.store.state_cache import forget_states
from tracker.store.tables import ENTRY as E
from tracker.store.tables import SNAPSHOT as S
from tracker.store.tables import SOURCE as SRC
from tracker.store.tables import VERSION as V
from tracker.store.tables import accepted

log = logging.getLogger(__name__)

Fold = Callable[[ListEntry], ListEntry]

# Formats whose files may leave out components (form 1 stored them as if empty).
_PARTIAL_FORMATS = frozenset({"ofac-csv"})


def bring_to_current_form(engine: Engine, source_id: int, fold: Fold | None) -> int:
    """Rewrite the source's versions in the current canonical form unless they are in it already;
    returns the number of versions rewritten (0 when nothing was to do)."""
    with write_transaction(engine) as conn:
        form = conn.execute(select(SRC.c.canonical_form).where(SRC.c.id == source_id)).scalar_one()
        if form >= CANONICAL_FORM:
            return 0
        rewritten = _rewrite(conn, source_id, fold)
        conn.execute(update(SRC).where(SRC.c.id == source_id).values(canonical_form=CANONICAL_FORM))
    forget_states()  # version ids and hashes remembered in this process are stale now
    if rewritten:
        log.warning(
            "source %s: %d stored versions brought to canonical form %d", source_id, rewritten, CANONICAL_FORM
        )
    return rewritten


def _rewrite(conn: Connection, source_id: int, fold: Fold | None) -> int:
    rows = conn.execute(
        select(V.c.id, V.c.entry_id, V.c.data, V.c.valid_from, V.c.valid_to)
        .join(E, E.c.id == V.c.entry_id)
        .where(E.c.source_id == source_id)
    ).all()
    updates: list[dict[str, Any]] = []
    spans: dict[Component, list[tuple[datetime, datetime | None]]] = {c: [] for c in COMPONENT_PARTS}
    changed: set[int] = set()
    for row in rows:
        data = json.loads(row.data)
        entry = entry_from_canonical(data)
        new_data, text = canonical_form(fold(entry) if fold else entry)
        for component in spans:
            if any(v for k, v in component_parts(new_data, component).items() if k != "known"):
                spans[component].append((row.valid_from, row.valid_to))
        if text != row.data:
            updates.append({"b_id": row.id, "b_data": text, "b_hash": content_hash(text)})
            changed.add(int(row.entry_id))
    if updates:
        conn.execute(
            update(V)
            .where(V.c.id == bindparam("b_id"))
            .values(data=bindparam("b_data"), content_hash=bindparam("b_hash")),
            updates,
        )
    if _mark_lacking(conn, source_id, spans):
        entry_ids = [int(r[0]) for r in conn.execute(select(E.c.id).where(E.c.source_id == source_id))]
        changed |= recarry(conn, entry_ids, datetime.min, snapshot_lacks(conn, source_id))
    if changed:
        rebuild_changes(conn, source_id, sorted(changed))
    return len(updates)


def _mark_lacking(
    conn: Connection, source_id: int, spans: dict[Component, list[tuple[datetime, datetime | None]]]
) -> bool:
    """Record on each snapshot of a partial format the components none of its entries has; True when
    any snapshot was found lacking one."""
    snapshots = conn.execute(
        select(S.c.id, S.c.timeline_at, S.c.format, S.c.not_provided)
        .where(accepted(source_id))
        .order_by(S.c.timeline_at)
    ).all()
    times = [s.timeline_at for s in snapshots]
    covered = {c: _coverage(times, spans[c]) for c in spans if c != Component.REMARKS}
    found = False
    for i, snap in enumerate(snapshots):
        if snap.format not in _PARTIAL_FORMATS or snap.not_provided:
            continue
        lacking = {str(c): EVERY_ENTRY for c, counts in covered.items() if counts[i] == 0}
        if lacking:
            found = True
            conn.execute(update(S).where(S.c.id == snap.id).values(not_provided=json.dumps(lacking)))
    return found


def _coverage(times: list[datetime], spans: list[tuple[datetime, datetime | None]]) -> list[int]:
    """For each snapshot time, how many of the spans [from, to) cover it."""
    delta = [0] * (len(times) + 1)
    for begin, end in spans:
        delta[bisect.bisect_left(times, begin)] += 1
        delta[len(times) if end is None else bisect.bisect_left(times, end)] -= 1
    return list(itertools.accumulate(delta))[: len(times)]
