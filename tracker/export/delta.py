"""`tracker diff --format ftm-delta`: what changed between two points of a list's timeline, as
OpenSanctions' delta JSON lines (``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}``, whole entities).

An entry listed only at the end gives an ADD of each of its FtM entities (tracker.export.ftm); one
listed only at the start a DEL of each; an amended entry a MOD of each entity whose content changed,
an ADD of each new one (a new address or identity document) and a DEL of each gone one. Applying the
ops in order to the export at the start gives the export at the end (tracker.sources.os_ftm reads a
folder of a base export plus version folders of deltas).

The two states are streamed from the store in entry-id order and merged, so memory stays bounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO

import orjson
from sqlalchemy import Connection

from tracker.export import ftm
from tracker.export.run import authority_of
from tracker.report.diff import Window
from tracker.store.exports import ListedRow, listed_rows

Op = dict[str, Any]


def write_delta(conn: Connection, windows: list[Window], out: TextIO) -> dict[str, Counter[str]]:
    """Write the ops of every window (one per source) to ``out``; returns the op counts per source."""
    counts: dict[str, Counter[str]] = {}
    for window in windows:
        tally: Counter[str] = Counter()
        for op in window_ops(conn, window):
            out.write(orjson.dumps(op, option=orjson.OPT_SORT_KEYS).decode("utf-8") + "\n")
            tally[op["op"]] += 1
        counts[window.source] = tally
    return counts


def window_ops(conn: Connection, window: Window) -> Iterator[Op]:
    """The delta ops of one source's window, entry by entry in entry-id order."""
    before = listed_rows(conn, window.source_id, window.t_from) if window.t_from is not None else iter(())
    after = listed_rows(conn, window.source_id, window.t_to)
    authority = authority_of(window.source)
    for old, new in _merged(before, after):
        if old is not None and new is not None and old.content_hash == new.content_hash:
            continue
        yield from entry_ops(
            _entities(window.source, authority, old), _entities(window.source, authority, new)
        )


def entry_ops(old: list[ftm.Entity], new: list[ftm.Entity]) -> Iterator[Op]:
    """ADD / MOD for the entities of ``new`` that are new or changed, then DEL for those gone."""
    previous = {e["id"]: e for e in old}
    current = {e["id"] for e in new}
    for entity in new:
        was = previous.get(entity["id"])
        if was is None:
            yield {"op": "ADD", "entity": entity}
        elif was != entity:
            yield {"op": "MOD", "entity": entity}
    for entity in old:
        if entity["id"] not in current:
            yield {"op": "DEL", "entity": entity}


def _entities(source: str, authority: str, row: ListedRow | None) -> list[ftm.Entity]:
    return [] if row is None else ftm.entities(source, authority, orjson.loads(row.data))


def _merged(
    before: Iterator[ListedRow], after: Iterator[ListedRow]
) -> Iterator[tuple[ListedRow | None, ListedRow | None]]:
    """Pairs of (row at the start, row at the end) of the same entry; None where it was not listed.
    Both streams come in entry-id order."""
    old, new = next(before, None), next(after, None)
    while old is not None or new is not None:
        if new is None or (old is not None and old.entry_id < new.entry_id):
            yield old, None
            old = next(before, None)
        elif old is None or new.entry_id < old.entry_id:
            yield None, new
            new = next(after, None)
        else:
            yield old, new
            old, new = next(before, None), next(after, None)
