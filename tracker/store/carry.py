"""Components a snapshot did not provide, in the store: carried over from each entry's previous
version when the snapshot is applied, and carried forward when an older, fuller file is imported
before snapshots that lacked them (tracker.history.carry has the rules on canonical forms).

Both run inside the apply step's write transaction (tracker.store.apply).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tracker.history.carry import carry_over, component_parts
from tracker.history.fingerprint import Fingerprint
from tracker.records import canonical_json, content_hash
from tracker.store.rebuild import load_data, rebuild_changes
from tracker.store.state_cache import VersionRef
from tracker.store.tables import ENTRY as E
from tracker.store.tables import SNAPSHOT as S
from tracker.store.tables import VERSION as V
from tracker.store.tables import accepted, as_of

CHUNK = 2000

# (hash of a file's partial entry, hash of the version it is carried over from) -> hash of the
# result. Content-addressed, so always valid: in a series of daily files most entries do not change,
# and their carried-over content is then found here without reading the previous version.
_MERGED: dict[tuple[str, str], str] = {}
_MERGED_MAX = 500_000

EVERY_ENTRY = "*"  # in a snapshot's not_provided map: the whole file lacks the component


def not_provided_map(content: dict[str, Fingerprint]) -> dict[str, str | list[str]] | None:
    """What a snapshot did not provide, as stored on it: component -> "*" (no entry has it) or the
    keys of the entries that lack it; None when the file provided everything."""
    lacking: dict[str, list[str]] = {}
    for key, fp in content.items():
        for name in fp.not_provided:
            lacking.setdefault(name, []).append(key)
    if not lacking:
        return None
    return {
        name: EVERY_ENTRY if len(keys) == len(content) else sorted(keys) for name, keys in lacking.items()
    }


def carry_content(
    conn: Connection,
    source_id: int,
    t: datetime,
    content: dict[str, Fingerprint],
    at_prev: dict[str, VersionRef],
) -> dict[str, Fingerprint]:
    """``content`` with every partial entry completed from its latest version before t (the one at
    the previous snapshot, or, for an entry listed again after a gap, the last one it had)."""
    partial = [k for k, fp in content.items() if fp.not_provided]
    if not partial:
        return content
    previous = {k: at_prev[k] for k in partial if k in at_prev}
    absent = [k for k in partial if k not in at_prev]
    if absent:
        previous.update(_latest_before(conn, source_id, t, absent))
    out = dict(content)
    to_merge: list[str] = []
    for key in partial:
        ref = previous.get(key)
        if ref is None:
            continue  # never stored before: the entry keeps its own not_provided
        fp = content[key]
        if key in at_prev and _MERGED.get((fp.hash, ref.hash)) == ref.hash:
            out[key] = replace(fp, hash=ref.hash, data="", not_provided=())  # same as at P: not written
        else:
            to_merge.append(key)
    stored = load_data(conn, [previous[k].id for k in to_merge])
    if len(_MERGED) > _MERGED_MAX:
        _MERGED.clear()
    for key in to_merge:
        fp, ref = content[key], previous[key]
        merged = carry_over(json.loads(fp.data), json.loads(stored[ref.id]))
        data = canonical_json(merged)
        merged_hash = content_hash(data)
        _MERGED[(fp.hash, ref.hash)] = _MERGED[(fp.hash, merged_hash)] = merged_hash
        out[key] = replace(
            fp, hash=merged_hash, data=data, not_provided=tuple(merged.get("not_provided", ()))
        )
    return out


@dataclass(slots=True)
class Lacks:
    """The accepted snapshots of a source, oldest first, with what each did not provide."""

    times: list[datetime]
    ids: list[int]
    lacking: list[dict[str, str | set[str]]]  # component -> EVERY_ENTRY or the keys lacking it

    def at(self, i: int, key: str) -> frozenset[str]:
        """The components snapshot i did not provide for the entry ``key``."""
        return frozenset(c for c, v in self.lacking[i].items() if v == EVERY_ENTRY or key in v)


def snapshot_lacks(conn: Connection, source_id: int) -> Lacks:
    rows = conn.execute(
        select(S.c.id, S.c.timeline_at, S.c.not_provided).where(accepted(source_id)).order_by(S.c.timeline_at)
    ).all()
    return Lacks(
        [r.timeline_at for r in rows],
        [int(r.id) for r in rows],
        [parse_lacking(r.not_provided) for r in rows],
    )


def parse_lacking(stored: str | None) -> dict[str, str | set[str]]:
    if not stored:
        return {}
    raw: dict[str, Any] = json.loads(stored)
    return {name: v if v == EVERY_ENTRY else set(v) for name, v in raw.items()}


def carry_forward(
    conn: Connection, source_id: int, t: datetime, next_t: datetime, *, keys: Collection[str] | None = None
) -> bool:
    """After a snapshot was inserted at t before the one at next_t: entries whose content differs
    between t and next_t, where the later snapshot lacked a component, carried it from before t and
    now carry it from t (recarry); their change rows are then rebuilt. ``keys``: only these entries
    can have changed at t (the others hold what they held before t), so only they are read. Returns
    whether any version was rewritten."""
    lacks = snapshot_lacks(conn, source_id)
    n = bisect.bisect_left(lacks.times, next_t)
    if n == len(lacks.times) or not lacks.lacking[n]:
        return False  # the next snapshot provided everything: nothing after it carried anything from before t
    if keys is not None and not keys:
        return False
    chosen = None if keys is None else sorted(keys)
    before = _data_at(conn, source_id, t, chosen)
    after = _data_at(conn, source_id, next_t, chosen)
    candidates = []
    for entry_id, (key, version_id, data) in before.items():
        later = after.get(entry_id)
        if later is None or later[1] == version_id or not lacks.at(n, key):
            continue
        old, new = json.loads(data), json.loads(later[2])
        if any(component_parts(old, c) != component_parts(new, c) for c in lacks.at(n, key)):
            candidates.append(entry_id)
    changed = recarry(conn, candidates, next_t, lacks)
    if changed:
        rebuild_changes(conn, source_id, sorted(changed))
    return bool(changed)


def recarry(conn: Connection, entry_ids: list[int], start: datetime, lacks: Lacks) -> set[int]:
    """Give the versions of these entries from ``start`` on, in every snapshot that lacked a
    component, that component from the entry's content before them (split where a snapshot
    provides it again; marked not provided when the entry has no earlier content). Returns the
    entries whose versions changed."""
    changed: set[int] = set()
    for chunk in _chunks(entry_ids):
        keys = {
            int(r[0]): str(r[1])
            for r in conn.execute(select(E.c.id, E.c.source_key).where(E.c.id.in_(chunk)))
        }
        chains: dict[int, list[Any]] = {}
        for row in conn.execute(select(V).where(V.c.entry_id.in_(chunk)).order_by(V.c.valid_from)):
            chains.setdefault(row.entry_id, []).append(row)
        for entry_id, chain in chains.items():
            if _recarry_entry(conn, keys[entry_id], chain, start, lacks):
                changed.add(entry_id)
    return changed


def _recarry_entry(conn: Connection, key: str, chain: list[Any], start: datetime, lacks: Lacks) -> bool:
    previous: dict[str, Any] | None = None
    changed = False
    for row in chain:
        data = json.loads(row.data)
        if row.valid_from < start:
            previous = data
            continue
        segments = _segments(row, key, lacks)
        contents = []
        for _, _, lacking in segments:
            content = _carried(data, previous, lacking)
            contents.append(content)
            previous = content
        if len(segments) == 1 and contents[0] == data:
            continue
        changed = True
        for i, ((begin, end, _), content) in enumerate(zip(segments, contents, strict=True)):
            text = canonical_json(content)
            values = {"data": text, "content_hash": content_hash(text), "valid_from": begin, "valid_to": end}
            if i == 0:
                conn.execute(update(V).where(V.c.id == row.id).values(**values))
            else:
                first = lacks.ids[bisect.bisect_left(lacks.times, begin)]
                conn.execute(insert(V).values(entry_id=row.entry_id, first_snapshot_id=first, **values))
    return changed


def _segments(row: Any, key: str, lacks: Lacks) -> list[tuple[datetime, datetime | None, frozenset[str]]]:
    """A version's span, cut where what its snapshots lacked for this entry changes."""
    lo = bisect.bisect_left(lacks.times, row.valid_from)
    hi = len(lacks.times) if row.valid_to is None else bisect.bisect_left(lacks.times, row.valid_to)
    out: list[tuple[datetime, datetime | None, frozenset[str]]] = []
    for i in range(lo, hi):
        lacking = lacks.at(i, key)
        if out and out[-1][2] == lacking:
            continue
        if out:
            out[-1] = (out[-1][0], lacks.times[i], out[-1][2])
        out.append((lacks.times[i], row.valid_to, lacking))
    if not out:
        return [(row.valid_from, row.valid_to, frozenset())]
    out[0] = (row.valid_from, out[0][1], out[0][2])
    return out


def _carried(
    data: dict[str, Any], previous: dict[str, Any] | None, lacking: frozenset[str]
) -> dict[str, Any]:
    """``data`` with the lacking components taken from ``previous`` (not provided, with none)."""
    if not lacking:
        return data
    if previous is None:
        marked = sorted(set(data.get("not_provided", ())) | lacking)
        return {**data, "not_provided": marked}
    return carry_over(data, previous, components=sorted(lacking))


def _latest_before(conn: Connection, source_id: int, t: datetime, keys: list[str]) -> dict[str, VersionRef]:
    """Each key's last version starting before t (an entry listed again after a gap)."""
    found: dict[str, VersionRef] = {}
    for chunk in _chunks(keys):
        rows = conn.execute(
            select(V.c.id, V.c.entry_id, E.c.source_key, V.c.content_hash, V.c.valid_from, V.c.valid_to)
            .join(E, E.c.id == V.c.entry_id)
            .where(E.c.source_id == source_id, E.c.source_key.in_(chunk), V.c.valid_from < t)
        )
        for r in rows:
            ref = VersionRef(r[0], r[1], r[2], r[3], r[4], r[5])
            if r[2] not in found or found[r[2]].valid_from < ref.valid_from:
                found[r[2]] = ref
    return found


def _data_at(
    conn: Connection, source_id: int, t: datetime, keys: list[str] | None = None
) -> dict[int, tuple[str, int, str]]:
    """entry id -> (key, version id, canonical JSON) of every entry listed at time t (of ``keys``)."""
    query = (
        select(V.c.entry_id, E.c.source_key, V.c.id, V.c.data)
        .join(E, E.c.id == V.c.entry_id)
        .where(E.c.source_id == source_id, as_of(t))
    )
    if keys is None:
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(query)}
    found: dict[int, tuple[str, int, str]] = {}
    for chunk in _chunks(keys):
        found.update({r[0]: (r[1], r[2], r[3]) for r in conn.execute(query.where(E.c.source_key.in_(chunk)))})
    return found


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


__all__ = ["carry_content", "carry_forward", "not_provided_map", "recarry", "snapshot_lacks"]
