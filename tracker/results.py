"""What a sync or an import of one list file reports: shared by the pipeline, the lock that skips a
busy source, the CLI and the scheduled jobs (kept apart from tracker.pipeline so that none of them
has to import the pipeline for the type alone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SyncStatus(StrEnum):
    """Outcome of one sync or import; also stored as ``Source.last_status`` (all but SKIPPED)."""

    ACCEPTED = "accepted"  # a new snapshot landed
    UNCHANGED = "unchanged"  # same file as before (or HTTP 304)
    REJECTED = "rejected"  # unusable file or a tripped guard: recorded, not applied
    FAILED = "failed"  # the download failed
    SKIPPED = "skipped"  # nothing to do (the job runner's status; a busy source is waited for)


@dataclass
class SyncResult:
    source: str
    status: SyncStatus
    published_at: datetime | None = None
    timeline_at: datetime | None = None
    entries: int = 0
    added: int = 0
    removed: int = 0
    modified: int = 0
    reason: str | None = None
    forced: bool = False
    warnings: list[str] = field(default_factory=list)
    snapshot_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.status in {SyncStatus.ACCEPTED, SyncStatus.UNCHANGED, SyncStatus.SKIPPED}
