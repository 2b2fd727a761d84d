"""The queries of `tracker export` and of FtM deltas: a list's entries as they stood at a time, streamed.

Rows come in entry-id order (the order entries were first stored; the same on SQLite and PostgreSQL),
a batch at a time (``yield_per``: PostgreSQL uses a server-side cursor), so exporting a 15,000-entry
list never holds more than one batch of rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from tracker.store.tables import ENTRY as E
from tracker.store.tables import VERSION as V
from tracker.store.tables import as_of, current

BATCH = 500  # rows fetched at a time


@dataclass(frozen=True, slots=True)
class ListedRow:
    """One entry as listed at some time: its key, entry id, first sighting, and its version's
    content hash and canonical JSON."""

    entry_id: int
    source_key: str
    first_seen: datetime
    content_hash: str
    data: str


def listed_rows(conn: Connection, source_id: int, t: datetime | None) -> Iterator[ListedRow]:
    """The entries of one source listed at time t (None: now, i.e. at its newest snapshot), in
    entry-id order, streamed."""
    query = (
        select(E.c.id, E.c.source_key, E.c.first_seen, V.c.content_hash, V.c.data)
        .join(E, E.c.id == V.c.entry_id)
        .where(E.c.source_id == source_id, current() if t is None else as_of(t))
        .order_by(E.c.id)
    )
    for row in conn.execution_options(yield_per=BATCH).execute(query):
        yield ListedRow(int(row.id), row.source_key, row.first_seen, row.content_hash, row.data)
