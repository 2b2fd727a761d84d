"""Apply one parsed snapshot to the stored history, in the caller's transaction.

The history of an entry is a chain of versions, each valid on [valid_from, valid_to) of the source's
timeline. Applying snapshot S at time t (between the accepted snapshots P before it and N after it,
either of which may be missing) only has to make the state at t equal S's content:

* the version that covers P also covers t (no snapshot lies between P and t), so if S differs from it,
  that version is cut at t (and continued from N if it reached past N);
* S's content becomes a version [t, N) - or extends the version starting at N when it is the same;
* the change records of S (against P) are written and those of N are recomputed (against S).

A normal sync is the case N = None. Importing an older file out of order is the same code path.

Components S did not provide are first carried over from each entry's previous version
(tracker.store.carry); when S lies before snapshots that lacked a component S has, they are carried
forward from S too.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update

from tracker.history.fielddiff import field_changes
from tracker.history.fingerprint import Fingerprint
from tracker.store.carry import carry_content, carry_forward
from tracker.store.models import ChangeKind
from tracker.store.rebuild import recount
from tracker.store.state_cache import VersionRef, cached_state_at
from tracker.store.tables import CHANGE as C
from tracker.store.tables import ENTRY as E
from tracker.store.tables import SNAPSHOT as S
from tracker.store.tables import VERSION as V
from tracker.store.tables import AnyRow, accepted, as_of

CHUNK = 2000  # rows per executemany / ids per IN (...): well under SQLite's 32,766 bound parameters


@dataclass(slots=True)
class ApplyCounts:
    added: int = 0
    removed: int = 0
    modified: int = 0
    # The states (exact ids and bounds) at the applied snapshot and, when it was inserted before a
    # later one, at that one, by snapshot id: the next apply of a series need not read them back.
    states: dict[int, dict[str, VersionRef]] | None = None


def neighbours(conn: Connection, source_id: int, t: datetime) -> tuple[AnyRow | None, AnyRow | None]:
    """The accepted snapshots just before and just after time t (rows or None)."""
    before = conn.execute(
        select(S).where(accepted(source_id), S.c.timeline_at < t).order_by(S.c.timeline_at.desc()).limit(1)
    ).first()
    after = conn.execute(
        select(S).where(accepted(source_id), S.c.timeline_at > t).order_by(S.c.timeline_at.asc()).limit(1)
    ).first()
    return before, after


def apply_snapshot(
    conn: Connection,
    *,
    source_id: int,
    snapshot_id: int,
    t: datetime,
    content: dict[str, Fingerprint],
) -> ApplyCounts:
    """Make the stored state at time t equal ``content``; returns S's change counts."""
    prev, nxt = neighbours(conn, source_id, t)
    inserting = nxt is not None  # an older file imported before a newer one already stored
    at_prev: dict[str, VersionRef] = {}
    if prev is not None:
        cached = cached_state_at(conn, source_id, prev)  # remembered states have exact bounds
        at_prev = (
            cached
            if cached is not None
            else _versions_at(conn, source_id, prev.timeline_at, with_times=inserting)
        )
    content = carry_content(conn, source_id, t, content, at_prev)
    at_next: dict[str, VersionRef] = {}
    if nxt is not None:
        at_next = cached_state_at(conn, source_id, nxt) or _versions_at(
            conn, source_id, nxt.timeline_at, with_times=True
        )
    next_t: datetime | None = nxt.timeline_at if nxt else None
    entry_ids, created = _ensure_entries(conn, source_id, t, content, at_prev, at_next)
    written = _write_versions(conn, snapshot_id, t, next_t, content, at_prev, at_next, entry_ids)

    counts = _record_changes_between(conn, snapshot_id, entry_ids, at_prev, content)
    # The entries S changed against P. Inserting S before N changes nothing at N, and for every other
    # entry S holds what P held, so only these can have new change rows at N, new dates or new
    # carried components after t: an out-of-order series touches what each file changed, not the
    # whole list each time (the 308 daily OFAC CSVs: tens of entries a file, not 15,000).
    differing = {k for k in content.keys() | at_prev.keys() if k not in at_prev or k not in content}
    differing |= {k for k in content.keys() & at_prev.keys() if content[k].hash != at_prev[k].hash}
    if nxt is not None:  # N's changes are now against S
        _rerecord_next(conn, nxt.id, entry_ids, differing, content, at_prev, at_next)

    touched = {entry_ids[k] for k in differing}
    if nxt is not None:  # entries removed at N are now last seen at t
        touched |= {entry_ids[k] for k in content.keys() - at_next.keys()}
    if nxt is None:  # rows created just now for the newest snapshot already hold the right dates
        touched -= {entry_ids[k] for k in created}
    _refresh_entries(conn, source_id, touched, content, latest=nxt is None)
    if nxt is None:
        counts.states = {snapshot_id: _state_at(conn, t, None, content, at_prev, entry_ids, written)}
    elif not carry_forward(conn, source_id, t, nxt.timeline_at, keys=differing):
        # (versions recarried and merged in place: nothing remembered, the next apply reads them)
        counts.states = {
            snapshot_id: _state_at(conn, t, nxt.timeline_at, content, at_prev, entry_ids, written),
            nxt.id: _next_state(conn, t, nxt.timeline_at, at_next, written),
        }
    return counts


def _rerecord_next(
    conn: Connection,
    next_id: int,
    entry_ids: dict[str, int],
    differing: set[str],
    content: dict[str, Fingerprint],
    at_prev: dict[str, VersionRef],
    at_next: dict[str, VersionRef],
) -> None:
    """The change rows of N (the snapshot after S) for the entries S changed, now against S; N's
    counts recounted. The state at N itself is unchanged by inserting S (a version continued from N
    has the content of the one cut at t), so ``at_next`` read before the insert still holds."""
    ids = [entry_ids[k] for k in differing if k in entry_ids]
    for chunk in _chunks(ids):
        conn.execute(delete(C).where(C.c.snapshot_id == next_id, C.c.entry_id.in_(chunk)))
    # An entry carried over unchanged has no data of its own (carry_content): its version at P is it.
    at_t = {k: at_prev[k] if content[k].data == "" else content[k] for k in differing if k in content}
    _record_changes_between(
        conn, next_id, entry_ids, at_t, {k: v for k, v in at_next.items() if k in differing}
    )
    recount(conn, [next_id])


@dataclass(slots=True)
class Written:
    """What _write_versions did: versions inserted from t (rows), versions continued from N (keys),
    versions of N pulled back to start at t (keys)."""

    inserted: list[dict[str, Any]]
    continued: list[str]
    pulled_back: list[str]


def _write_versions(
    conn: Connection,
    snapshot_id: int,
    t: datetime,
    next_t: datetime | None,
    content: dict[str, Fingerprint],
    at_prev: dict[str, VersionRef],
    at_next: dict[str, VersionRef],
    entry_ids: dict[str, int],
) -> Written:
    """Cut, pull back and insert versions so that the state at t is ``content`` (the module
    docstring's rules)."""
    cut: dict[int, datetime] = {}  # version id -> new valid_to
    pulled_back: dict[int, datetime] = {}  # version id -> new valid_from
    continued: list[VersionRef] = []  # cut at t, but reaching past N: continued from N
    new_versions: list[dict[str, Any]] = []
    pulled_keys: list[str] = []
    for key in content.keys() | at_prev.keys():
        fp = content.get(key)
        vp = at_prev.get(key)
        if vp is not None and fp is not None and vp.hash == fp.hash:
            continue  # the version covering P already covers t with the same content
        if vp is not None:  # cut P's version at t, continue it from N if it reached past N
            cut[vp.id] = t
            if next_t is not None and (vp.valid_to is None or vp.valid_to > next_t):
                continued.append(vp)
        if fp is not None:
            vn = at_next.get(key)
            if vn is not None and vn.hash == fp.hash and vn.valid_from == next_t and vn.id not in cut:
                pulled_back[vn.id] = t
                pulled_keys.append(key)
            else:
                new_versions.append(
                    {
                        "entry_id": entry_ids[key],
                        "content_hash": fp.hash,
                        "data": fp.data,
                        "valid_from": t,
                        "valid_to": next_t,
                        "first_snapshot_id": snapshot_id,
                    }
                )

    inserted = list(new_versions)
    if next_t is not None:
        new_versions += _continuations(conn, continued, next_t)
    if cut:
        conn.execute(
            update(V).where(V.c.id == bindparam("b_id")).values(valid_to=bindparam("b_to")),
            [{"b_id": version_id, "b_to": valid_to} for version_id, valid_to in cut.items()],
        )
    if pulled_back:
        conn.execute(
            update(V)
            .where(V.c.id == bindparam("b_id"))
            .values(valid_from=bindparam("b_from"), first_snapshot_id=snapshot_id),
            [{"b_id": version_id, "b_from": valid_from} for version_id, valid_from in pulled_back.items()],
        )
    _insert_many(conn, V, new_versions)
    return Written(inserted, [v.key for v in continued], pulled_keys)


def _state_at(
    conn: Connection,
    t: datetime,
    next_t: datetime | None,
    content: dict[str, Fingerprint],
    at_prev: dict[str, VersionRef],
    entry_ids: dict[str, int],
    written: Written,
) -> dict[str, VersionRef]:
    """The state at the snapshot just applied at t: unchanged entries keep their version, the others
    have the version just inserted from t (read back) or the one of N pulled back to t."""
    state = {k: v for k, v in at_prev.items() if k in content and content[k].hash == v.hash}
    key_of = {entry_id: key for key, entry_id in entry_ids.items()}
    starting = [row["entry_id"] for row in written.inserted] + [entry_ids[k] for k in written.pulled_back]
    state.update(_read_back(conn, starting, t, key_of))
    return state


def _next_state(
    conn: Connection, t: datetime, next_t: datetime, at_next: dict[str, VersionRef], written: Written
) -> dict[str, VersionRef]:
    """The state at N after S was inserted at t: the same contents, with versions pulled back to t
    and versions continued from N (new ids, read back)."""
    state = dict(at_next)
    for key in written.pulled_back:
        ref = state[key]
        state[key] = VersionRef(ref.id, ref.entry_id, key, ref.hash, t, ref.valid_to)
    key_of = {state[k].entry_id: k for k in written.continued if k in state}
    state.update(_read_back(conn, list(key_of), next_t, key_of))
    return state


def _read_back(
    conn: Connection, entry_ids: list[int], valid_from: datetime, key_of: dict[int, str]
) -> dict[str, VersionRef]:
    """The versions of these entries that start at ``valid_from``, by key."""
    found: dict[str, VersionRef] = {}
    for chunk in _chunks(entry_ids):
        rows = conn.execute(
            select(V.c.id, V.c.entry_id, V.c.content_hash, V.c.valid_to).where(
                V.c.entry_id.in_(chunk), V.c.valid_from == valid_from
            )
        ).all()
        for version_id, entry_id, content_hash, valid_to in rows:
            key = key_of[entry_id]
            found[key] = VersionRef(version_id, entry_id, key, content_hash, valid_from, valid_to)
    return found


def _continuations(conn: Connection, versions: list[VersionRef], from_t: datetime) -> list[dict[str, Any]]:
    """Copies of ``versions`` starting at from_t (their part after the newly inserted snapshot)."""
    stored: dict[int, tuple[str, int]] = {}
    for chunk in _chunks([v.id for v in versions]):
        query = select(V.c.id, V.c.data, V.c.first_snapshot_id).where(V.c.id.in_(chunk))
        stored.update({r[0]: (r[1], r[2]) for r in conn.execute(query).all()})
    return [
        {
            "entry_id": version.entry_id,
            "content_hash": version.hash,
            "data": stored[version.id][0],
            "valid_from": from_t,
            "valid_to": version.valid_to,
            "first_snapshot_id": stored[version.id][1],
        }
        for version in versions
    ]


def _versions_at(conn: Connection, source_id: int, t: datetime, *, with_times: bool) -> dict[str, VersionRef]:
    """The version of every entry listed at time t, by source key.

    The validity bounds are only needed when a snapshot is inserted before a later one; reading them
    (datetime conversion for every row) is skipped in the common case of appending the newest snapshot.
    """
    columns = [V.c.id, V.c.entry_id, E.c.source_key, V.c.content_hash]
    if with_times:
        columns += [V.c.valid_from, V.c.valid_to]
    rows = conn.execute(
        select(*columns).join(E, E.c.id == V.c.entry_id).where(E.c.source_id == source_id, as_of(t))
    ).all()  # one fetchall: iterating the result fetches row by row, several times slower
    if with_times:
        return {r[2]: VersionRef(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows}
    return {r[2]: VersionRef(r[0], r[1], r[2], r[3], t, None) for r in rows}


def _ensure_entries(
    conn: Connection,
    source_id: int,
    t: datetime,
    content: dict[str, Fingerprint],
    at_prev: dict[str, VersionRef],
    at_next: dict[str, VersionRef],
) -> tuple[dict[str, int], set[str]]:
    """Entry ids for every key involved, creating rows for keys never seen before (returned too)."""
    ids = {k: v.entry_id for k, v in at_prev.items()}
    ids.update({k: v.entry_id for k, v in at_next.items()})
    unknown = [k for k in content if k not in ids]
    fresh: list[str] = []
    if unknown:
        for chunk in _chunks(unknown):
            for row in conn.execute(
                select(E.c.id, E.c.source_key).where(E.c.source_id == source_id, E.c.source_key.in_(chunk))
            ):
                ids[row.source_key] = row.id
        fresh = [k for k in unknown if k not in ids]
        _insert_many(
            conn,
            E,
            [
                {
                    "source_id": source_id,
                    "source_key": k,
                    "entity_type": content[k].entity_type,
                    "primary_name": content[k].primary_name,
                    "first_seen": t,
                    "last_seen": t,
                    "removed_at": None,
                }
                for k in fresh
            ],
        )
        for chunk in _chunks(fresh):
            for row in conn.execute(
                select(E.c.id, E.c.source_key).where(E.c.source_id == source_id, E.c.source_key.in_(chunk))
            ):
                ids[row.source_key] = row.id
    return ids, set(fresh)


def _record_changes_between(
    conn: Connection,
    snapshot_id: int,
    entry_ids: dict[str, int],
    before: Mapping[str, VersionRef | Fingerprint],
    after: Mapping[str, VersionRef | Fingerprint],
) -> ApplyCounts:
    """Write ADDED / REMOVED / MODIFIED rows for the step ``before`` -> ``after`` (each side: the
    stored versions or the parsed fingerprints of a snapshot, by key). Two contents that differ only
    where one side does not know a component are no change (tracker.history.fielddiff)."""
    added = after.keys() - before.keys()
    removed = before.keys() - after.keys()
    differing = [k for k in before.keys() & after.keys() if before[k].hash != after[k].hash]
    data = _load_data(conn, [before[k] for k in differing] + [after[k] for k in differing])
    rows: list[dict[str, Any]] = [
        {"snapshot_id": snapshot_id, "entry_id": entry_ids[k], "kind": ChangeKind.ADDED, "fields": None}
        for k in added
    ]
    rows += [
        {"snapshot_id": snapshot_id, "entry_id": entry_ids[k], "kind": ChangeKind.REMOVED, "fields": None}
        for k in removed
    ]
    modified = 0
    for key in differing:
        fields = field_changes(
            json.loads(_data_of(before[key], data)), json.loads(_data_of(after[key], data))
        )
        if not fields:
            continue
        modified += 1
        rows.append(
            {
                "snapshot_id": snapshot_id,
                "entry_id": entry_ids[key],
                "kind": ChangeKind.MODIFIED,
                "fields": json.dumps(fields, ensure_ascii=False),
            }
        )
    _insert_many(conn, C, rows)
    return ApplyCounts(added=len(added), removed=len(removed), modified=modified)


def _data_of(ref: VersionRef | Fingerprint, loaded: dict[int, str]) -> str:
    return ref.data if isinstance(ref, Fingerprint) else loaded[ref.id]


def _load_data(conn: Connection, refs: Iterable[VersionRef | Fingerprint]) -> dict[int, str]:
    ids = [r.id for r in refs if isinstance(r, VersionRef)]
    loaded: dict[int, str] = {}
    for chunk in _chunks(ids):
        loaded.update({r[0]: r[1] for r in conn.execute(select(V.c.id, V.c.data).where(V.c.id.in_(chunk)))})
    return loaded


def _refresh_entries(
    conn: Connection, source_id: int, touched: set[int], content: dict[str, Fingerprint], *, latest: bool
) -> None:
    """Recompute first_seen / last_seen / removed_at (and names, when S is the newest) of entries."""
    timeline = [
        r[0]
        for r in conn.execute(select(S.c.timeline_at).where(accepted(source_id)).order_by(S.c.timeline_at))
    ]
    newest = timeline[-1] if timeline else None
    touched_list = sorted(touched)
    for chunk in _chunks(touched_list):
        spans = conn.execute(
            select(
                V.c.entry_id,
                func.min(V.c.valid_from),
                func.max(V.c.valid_to),
                func.count(V.c.id) - func.count(V.c.valid_to),
            )
            .where(V.c.entry_id.in_(chunk))
            .group_by(V.c.entry_id)
        ).all()
        rows = []
        for entry_id, first_seen, last_end, open_versions in spans:
            removed_at = None if open_versions else last_end
            last_seen = newest if removed_at is None else _before(timeline, removed_at)
            rows.append(
                {
                    "b_id": entry_id,
                    "b_first": first_seen,
                    "b_last": last_seen or first_seen,
                    "b_removed": removed_at,
                }
            )
        if rows:
            conn.execute(
                update(E)
                .where(E.c.id == bindparam("b_id"))
                .values(
                    first_seen=bindparam("b_first"),
                    last_seen=bindparam("b_last"),
                    removed_at=bindparam("b_removed"),
                ),
                rows,
            )
    if latest and content:  # only entries whose content changed can have a new name or type
        _rename_entries(conn, touched_list, content)
    if newest is not None:  # everything still listed was seen in the newest snapshot
        conn.execute(
            update(E).where(E.c.source_id == source_id, E.c.removed_at.is_(None)).values(last_seen=newest)
        )


def _rename_entries(conn: Connection, entry_ids: list[int], content: dict[str, Fingerprint]) -> None:
    """Take the primary name and entity type of the newest snapshot for these entries."""
    renamed = []
    for chunk in _chunks(entry_ids):
        for r in conn.execute(
            select(E.c.id, E.c.source_key, E.c.primary_name, E.c.entity_type).where(E.c.id.in_(chunk))
        ):
            fp = content.get(r.source_key)
            if fp is not None and (r.primary_name, r.entity_type) != (fp.primary_name, fp.entity_type):
                renamed.append({"b_id": r.id, "b_name": fp.primary_name, "b_type": fp.entity_type})
    if renamed:
        conn.execute(
            update(E)
            .where(E.c.id == bindparam("b_id"))
            .values(primary_name=bindparam("b_name"), entity_type=bindparam("b_type")),
            renamed,
        )


def _before(timeline: list[datetime], t: datetime) -> datetime | None:
    i = bisect.bisect_left(timeline, t)
    return timeline[i - 1] if i > 0 else None


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        conn.execute(insert(table), chunk)


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]
