"""Tables for sources, snapshots, entries, entry versions and changes.

History model: every snapshot has a position on the list's timeline (``Snapshot.timeline_at``, the
publication time, unique per source). An ``EntryVersion`` is valid on the half-open interval
[valid_from, valid_to) of that timeline, so "the list as it stood at time T" is the set of versions
with valid_from <= T < valid_to (valid_to NULL = still current). Importing an old file out of order
splits the intervals around it; nothing else needs rewriting.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Column, DateTime, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# All times are naive UTC, stored without a zone so SQLite and PostgreSQL behave the same.
NAIVE = DateTime(timezone=False)


def utcnow() -> datetime:
    """Now as the store keeps times: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


class SnapshotStatus(StrEnum):
    """``Snapshot.status``: accepted snapshots make up the timeline; rejected ones are kept as evidence."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ChangeKind(StrEnum):
    """``Change.kind``, stored in upper case (as every database written so far holds it)."""

    ADDED = "ADDED"
    REMOVED = "REMOVED"
    MODIFIED = "MODIFIED"

    @property
    def label(self) -> str:
        """The lower-case word reports print ("added"), as in the diff report's change column."""
        return self.value.lower()


class Source(SQLModel, table=True):
    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=64)
    url: str | None = None  # last URL fetched
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = Field(default=None, max_length=64)  # of the last accepted raw file
    last_checked_at: datetime | None = Field(default=None, sa_type=NAIVE)
    last_status: str | None = Field(default=None, max_length=32)  # a SyncStatus (tracker.results)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    # The canonical form (tracker.records.CANONICAL_FORM) the source's versions are written in.
    canonical_form: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))


class Snapshot(SQLModel, table=True):
    __tablename__ = "snapshot"
    __table_args__ = (Index("ix_snapshot_source_timeline", "source_id", "timeline_at"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    fetched_at: datetime = Field(sa_type=NAIVE)
    published_at: datetime | None = Field(
        default=None, sa_type=NAIVE
    )  # as the file states it (None: the format has no date)
    # Position on the timeline: published_at, else the given/import date; unique per accepted snapshot.
    timeline_at: datetime = Field(sa_type=NAIVE)
    status: str = Field(max_length=16)  # a SnapshotStatus
    reason: str | None = Field(default=None, sa_column=Column(Text))
    sha256: str | None = Field(default=None, max_length=64)
    url: str | None = Field(default=None, sa_column=Column(Text))
    archive_path: str | None = Field(default=None, sa_column=Column(Text))
    format: str | None = Field(default=None, max_length=32)
    entry_count: int = 0
    added: int = 0
    removed: int = 0
    modified: int = 0
    warnings: str | None = Field(default=None, sa_column=Column(Text))  # newline-joined parser warnings
    # Components the file did not provide (tracker.store.carry.not_provided_map), as JSON; None: all.
    not_provided: str | None = Field(default=None, sa_column=Column(Text))


class Entry(SQLModel, table=True):
    __tablename__ = "entry"
    __table_args__ = (UniqueConstraint("source_id", "source_key", name="uq_entry_source_key"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    source_key: str = Field(max_length=128)  # the list's own stable id (OFAC uid, EU logicalId, ...)
    entity_type: str = Field(max_length=16)
    primary_name: str = Field(sa_column=Column(Text, nullable=False))
    first_seen: datetime = Field(sa_type=NAIVE)  # timeline time of the first snapshot that lists it
    last_seen: datetime = Field(sa_type=NAIVE)  # timeline time of the last snapshot that lists it
    removed_at: datetime | None = Field(
        default=None, sa_type=NAIVE
    )  # timeline time of the snapshot it vanished from (None: listed)


class EntryVersion(SQLModel, table=True):
    __tablename__ = "entry_version"
    __table_args__ = (
        Index("ix_version_entry_from", "entry_id", "valid_from"),
        Index("ix_version_current", "valid_to"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id")
    content_hash: str = Field(max_length=64)
    data: str = Field(sa_column=Column(Text, nullable=False))  # canonical JSON
    valid_from: datetime = Field(sa_type=NAIVE)
    valid_to: datetime | None = Field(default=None, sa_type=NAIVE)
    first_snapshot_id: int = Field(foreign_key="snapshot.id")  # the snapshot that introduced it


class Change(SQLModel, table=True):
    __tablename__ = "change"
    __table_args__ = (Index("ix_change_snapshot", "snapshot_id"), Index("ix_change_entry", "entry_id"))

    id: int | None = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="snapshot.id")
    entry_id: int = Field(foreign_key="entry.id")
    kind: str = Field(max_length=8)  # a ChangeKind
    # JSON list of FieldChange (tracker.history.fielddiff) for MODIFIED: changed fields, lists as set deltas.
    fields: str | None = Field(default=None, sa_column=Column(Text))
