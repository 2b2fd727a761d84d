"""Typed handles of every table, and the clauses that many queries share.

SQLModel declares ``__table__`` on each model class only at run time, so reaching it needs a
``type: ignore``; it is done once here. Queries use these handles (``SNAPSHOT.c.status``), never
``Model.__table__``.

The timeline rule (see tracker.store.models): the list as it stood at time t is the set of entry
versions with valid_from <= t < valid_to (valid_to NULL = still current); ``as_of(t)`` is that
condition, written once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Row, Table, and_, or_
from sqlmodel import SQLModel

from tracker.store.jobs_models import JobRun
from tracker.store.models import Change, Entry, EntryVersion, Snapshot, SnapshotStatus, Source
from tracker.store.news_models import Alert, Article, Feed, Mention, WatchedName

# A result row of any shape (columns reached by attribute: row.timeline_at).
AnyRow: TypeAlias = Row[*tuple[Any, ...]]


def _handle(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


# Core history tables.
SOURCE: Table = _handle(Source)
SNAPSHOT: Table = _handle(Snapshot)
ENTRY: Table = _handle(Entry)
VERSION: Table = _handle(EntryVersion)
CHANGE: Table = _handle(Change)

# News tables.
FEED: Table = _handle(Feed)
ARTICLE: Table = _handle(Article)
MENTION: Table = _handle(Mention)
WATCH: Table = _handle(WatchedName)
ALERT: Table = _handle(Alert)

# Job-run log.
JOB_RUN: Table = _handle(JobRun)


def as_of(t: datetime) -> ColumnElement[bool]:
    """Entry versions in force at time t: valid_from <= t < valid_to (NULL valid_to: current)."""
    return and_(VERSION.c.valid_from <= t, or_(VERSION.c.valid_to.is_(None), VERSION.c.valid_to > t))


def current() -> ColumnElement[bool]:
    """Entry versions in force now (the newest accepted snapshot's state)."""
    return VERSION.c.valid_to.is_(None)


def accepted(source_id: int | None = None) -> ColumnElement[bool]:
    """Accepted snapshots (of one source, when given): the ones that make up the timeline."""
    clause = SNAPSHOT.c.status == SnapshotStatus.ACCEPTED
    return clause if source_id is None else and_(SNAPSHOT.c.source_id == source_id, clause)
