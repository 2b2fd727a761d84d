"""The one place where the stages meet: fetch -> parse -> guard -> fingerprint -> store.

Each source is applied in ONE database transaction: a crash or kill at any point leaves the previous
state intact, and the next run simply does the work again.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import Engine

from tracker.errors import ConfigError, FetchError, ParseError, TrackerError, UsageError
from tracker.history.fingerprint import Fingerprint, fingerprint_all
from tracker.history.guards import shrink_reason
from tracker.locks import single_flight
from tracker.results import SyncResult, SyncStatus
from tracker.settings import Settings
from tracker.sources.base import SourceSpec
from tracker.store.apply import apply_snapshot, neighbours, remember_state
from tracker.store.db import write_transaction
from tracker.store.models import Snapshot, SnapshotStatus, Source

log = logging.getLogger(__name__)

SRC = Source.__table__  # type: ignore[attr-defined]
SNAP = Snapshot.__table__  # type: ignore[attr-defined]

Progress = Callable[[str], None]


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@single_flight  # one sync of a source at a time, across processes; a second one is "skipped"
def sync_source(
    spec: SourceSpec,
    *,
    engine: Engine,
    settings: Settings,
    client: httpx.Client | None = None,
    url: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> SyncResult:
    """Download the list if it changed, and apply it. Never raises for a bad download: the result says."""
    from tracker.sources import http  # heavy-ish; only needed for syncs

    say = progress or (lambda _msg: None)
    url = url or settings.source_urls.get(spec.name) or spec.default_url
    if not url:
        return SyncResult(
            spec.name, SyncStatus.FAILED, reason=f"{spec.name} has no download URL; use `tracker import`"
        )
    source_id, source_row = _ensure_source(engine, spec.name)
    own_client = client is None
    client = client or httpx.Client(follow_redirects=True, headers={"User-Agent": settings.user_agent})
    try:
        if spec.resolve_url and url.startswith(("http://", "https://")):
            url = spec.resolve_url(client, url)
        same_url = source_row.url == url
        previous = http.Validators(
            etag=source_row.etag if same_url else None,
            last_modified=source_row.last_modified if same_url else None,
            sha256=source_row.sha256,
        )
        _sweep_partial_downloads(settings.archive_dir / spec.name)
        say(f"{spec.name}: downloading {url}")
        download = http.fetch(
            url,
            source=spec.name,
            archive_dir=settings.archive_dir,
            previous=previous,
            client=client,
            timeout=spec.timeout or settings.http_timeout,
            retries=spec.retries if spec.retries is not None else settings.http_retries,
            max_bytes=settings.max_download_bytes,
            user_agent=settings.user_agent,
            suffix=spec.file_suffix,
            backoff=settings.http_backoff,
        )
    except FetchError as exc:
        _mark_source(engine, source_id, SyncStatus.FAILED, str(exc))
        return SyncResult(spec.name, SyncStatus.FAILED, reason=str(exc))
    finally:
        if own_client:
            client.close()

    if download.status != "new" or download.path is None:
        _mark_source(engine, source_id, SyncStatus.UNCHANGED, None)
        if download.status == "unchanged" and same_url:  # remember new validators for the same bytes
            with write_transaction(engine) as conn:
                conn.execute(
                    update(SRC)
                    .where(SRC.c.id == source_id)
                    .values(etag=download.etag, last_modified=download.last_modified)
                )
        latest = latest_snapshot(engine, source_id)
        return SyncResult(
            spec.name,
            SyncStatus.UNCHANGED,
            published_at=latest.published_at if latest else None,
            entries=latest.entry_count if latest else 0,
            reason="not modified (HTTP 304)"
            if download.status == "not_modified"
            else "same file as last time",
        )
    say(f"{spec.name}: parsing {download.size / 1e6:.1f} MB")
    result = apply_file(
        spec,
        download.path,
        engine=engine,
        settings=settings,
        sha256=download.sha256,
        url=download.url,
        fetched_at=utcnow(),
        force=force,
        default_time=None,
    )
    if result.status == SyncStatus.ACCEPTED:
        with write_transaction(engine) as conn:
            conn.execute(
                update(SRC)
                .where(SRC.c.id == source_id)
                .values(
                    url=url, etag=download.etag, last_modified=download.last_modified, sha256=download.sha256
                )
            )
    return result


def import_path(
    spec: SourceSpec,
    path: Path,
    *,
    engine: Engine,
    settings: Settings,
    published: datetime | None = None,
    force: bool = False,
) -> SyncResult:
    """Load an archived file or folder as a snapshot (dated from the file, else ``published``)."""
    (result,) = import_many(spec, [(path, published)], engine=engine, settings=settings, force=force)
    return result


def import_many(
    spec: SourceSpec,
    items: Sequence[tuple[Path, datetime | None]],
    *,
    engine: Engine,
    settings: Settings,
    force: bool = False,
    on_result: Callable[[Path, SyncResult], None] | None = None,
) -> list[SyncResult]:
    """Import a series of archived files (a history backfill), each dated from the file or its given
    date. A worker process parses the next files while this one applies the current one."""
    for path, _ in items:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    results: list[SyncResult] = []

    def apply(path: Path, published: datetime | None, prepared: PreparedFile) -> None:
        result = apply_file(
            spec,
            path,
            engine=engine,
            settings=settings,
            sha256=prepared.sha256,
            url=None,
            fetched_at=utcnow(),
            force=force,
            default_time=published,
            require_time=True,
            prepared=prepared,
        )
        results.append(result)
        if on_result:
            on_result(path, result)

    if len(items) == 1:
        path, published = items[0]
        apply(path, published, prepare_file(spec, path, _sha256_of(path)))
        return results
    context = multiprocessing.get_context("spawn")  # no fork of a process holding DB connections
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        pending: deque[Future[PreparedFile]] = deque()
        queued = iter(items)
        for path, _ in itertools.islice(queued, PARSE_AHEAD):
            pending.append(pool.submit(_prepare_path, spec, path))
        for path, published in items:
            prepared = pending.popleft().result()
            next_item = next(queued, None)
            if next_item is not None:
                pending.append(pool.submit(_prepare_path, spec, next_item[0]))
            apply(path, published, prepared)
    return results


PARSE_AHEAD = 2  # files parsed ahead of the one being applied


def _prepare_path(spec: SourceSpec, path: Path) -> PreparedFile:
    return prepare_file(spec, path, _sha256_of(path))


@dataclass
class PreparedFile:
    """A list file parsed and fingerprinted, ready to apply (picklable: made in a worker process
    when many files are imported)."""

    path: Path
    sha256: str | None
    published_at: datetime | None = None
    format: str = ""
    warnings: list[str] = field(default_factory=list)
    content: dict[str, Fingerprint] = field(default_factory=dict)
    error: str | None = None  # why the file is not a usable list (ParseError)

    def __getstate__(self) -> dict[str, Any]:
        # Columns of plain strings pickle several times faster than 15,000 small objects.
        state = dict(self.__dict__)
        fps = list(self.content.values())
        state["content"] = (
            [f.key for f in fps],
            [f.hash for f in fps],
            [f.data for f in fps],
            [f.entity_type for f in fps],
            [f.primary_name for f in fps],
        )
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        columns = state.pop("content")
        self.__dict__.update(state)
        self.content = {key: Fingerprint(key, *rest) for key, *rest in zip(*columns, strict=True)}


def prepare_file(spec: SourceSpec, path: Path, sha256: str | None) -> PreparedFile:
    """Parse and fingerprint a file; a bad file gives a PreparedFile with its error, not an exception."""
    prepared = PreparedFile(path=path, sha256=sha256)
    try:
        parsed = spec.parse(path)
        prepared.published_at = parsed.published_at
        prepared.format = parsed.format
        prepared.warnings = parsed.warnings
        prepared.content = fingerprint_all(parsed.entries)
    except ParseError as exc:
        prepared.error = f"{path.name}: {exc}" if path.name not in str(exc) else str(exc)
    return prepared


@single_flight
def apply_file(
    spec: SourceSpec,
    path: Path,
    *,
    engine: Engine,
    settings: Settings,
    sha256: str | None,
    url: str | None,
    fetched_at: datetime,
    force: bool,
    default_time: datetime | None,
    require_time: bool = False,
    prepared: PreparedFile | None = None,
) -> SyncResult:
    """Parse ``path`` and apply it in one transaction; record a rejected snapshot when it must not land."""
    source_id, _ = _ensure_source(engine, spec.name)
    base = {
        "source_id": source_id,
        "fetched_at": fetched_at,
        "sha256": sha256,
        "url": url,
        "archive_path": str(path),
    }
    prepared = prepared or prepare_file(spec, path, sha256)
    published = prepared.published_at
    t = published or default_time
    if prepared.error is not None:
        _record_rejection(engine, base, t or fetched_at, published, prepared.error)
        return SyncResult(spec.name, SyncStatus.REJECTED, reason=prepared.error)
    if t is None:
        if require_time:
            raise UsageError(f"{path.name} carries no publication date; pass --published YYYY-MM-DD")
        t = fetched_at
    base["format"] = prepared.format or None
    base["warnings"] = "\n".join(prepared.warnings) or None
    content = prepared.content

    with write_transaction(engine) as conn:
        duplicate = conn.execute(
            select(SNAP.c.id, SNAP.c.timeline_at).where(
                SNAP.c.source_id == source_id,
                SNAP.c.status == SnapshotStatus.ACCEPTED,
                SNAP.c.sha256 == sha256,
                SNAP.c.timeline_at == t,
            )
        ).first()
        if duplicate is not None and sha256 is not None:
            return SyncResult(
                spec.name,
                SyncStatus.UNCHANGED,
                published_at=published,
                timeline_at=duplicate.timeline_at,
                entries=len(content),
                reason="this file is already stored",
                snapshot_id=duplicate.id,
            )
        t = _free_timeline_slot(conn, source_id, t)
        prev, _ = neighbours(conn, source_id, t)
        guard = shrink_reason(len(content), prev.entry_count if prev else None, settings.max_shrink)
        if guard and not force:
            snapshot_id = _insert_snapshot(conn, base, t, published, SnapshotStatus.REJECTED, guard, len(content))
            conn.execute(
                update(SRC).where(SRC.c.id == source_id).values(last_status=SyncStatus.REJECTED, last_error=guard)
            )
            return SyncResult(
                spec.name, SyncStatus.REJECTED, published, t, len(content), reason=guard, snapshot_id=snapshot_id
            )
        note = f"forced past guard: {guard}" if guard else None
        snapshot_id = _insert_snapshot(conn, base, t, published, SnapshotStatus.ACCEPTED, note, len(content))
        counts = apply_snapshot(conn, source_id=source_id, snapshot_id=snapshot_id, t=t, content=content)
        conn.execute(
            update(SNAP)
            .where(SNAP.c.id == snapshot_id)
            .values(added=counts.added, removed=counts.removed, modified=counts.modified)
        )
        conn.execute(
            update(SRC)
            .where(SRC.c.id == source_id)
            .values(last_checked_at=fetched_at, last_status=SyncStatus.ACCEPTED, last_error=None)
        )
    if counts.state is not None:  # committed: the next import in this process can start from it
        with engine.connect() as conn:
            remember_state(conn, source_id, snapshot_id, counts.state)
    for warning in prepared.warnings[:20]:
        log.warning("%s: %s", spec.name, warning)
    return SyncResult(
        spec.name,
        SyncStatus.ACCEPTED,
        published,
        t,
        len(content),
        counts.added,
        counts.removed,
        counts.modified,
        reason=note,
        forced=bool(guard),
        warnings=prepared.warnings,
        snapshot_id=snapshot_id,
    )


def latest_snapshot(engine: Engine, source_id: int) -> Any:
    with engine.connect() as conn:
        return conn.execute(
            select(SNAP)
            .where(SNAP.c.source_id == source_id, SNAP.c.status == SnapshotStatus.ACCEPTED)
            .order_by(SNAP.c.timeline_at.desc())
            .limit(1)
        ).first()


def _free_timeline_slot(conn: Connection, source_id: int, t: datetime) -> datetime:
    """Lists published twice on one date (OFAC does) get distinct timeline positions a second apart."""
    taken = {
        r[0]
        for r in conn.execute(
            select(SNAP.c.timeline_at).where(
                SNAP.c.source_id == source_id,
                SNAP.c.status == SnapshotStatus.ACCEPTED,
                SNAP.c.timeline_at >= t,
                SNAP.c.timeline_at < t + timedelta(hours=1),
            )
        )
    }
    while t in taken:
        t += timedelta(seconds=1)
    return t


def _insert_snapshot(
    conn: Connection,
    base: dict[str, Any],
    t: datetime,
    published: datetime | None,
    status: SnapshotStatus,
    reason: str | None,
    count: int,
) -> int:
    row = dict(base, timeline_at=t, published_at=published, status=status, reason=reason, entry_count=count)
    return int(conn.execute(insert(SNAP).values(**row)).inserted_primary_key[0])  # type: ignore[index]


def _record_rejection(
    engine: Engine, base: dict[str, Any], t: datetime, published: datetime | None, reason: str
) -> None:
    with write_transaction(engine) as conn:
        _insert_snapshot(conn, base, t, published, SnapshotStatus.REJECTED, reason, 0)
        conn.execute(
            update(SRC)
            .where(SRC.c.id == base["source_id"])
            .values(last_checked_at=base["fetched_at"], last_status=SyncStatus.REJECTED, last_error=reason)
        )


def _ensure_source(engine: Engine, name: str) -> tuple[int, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(SRC).where(SRC.c.name == name)).first()
    if row is not None:
        return int(row.id), row
    with write_transaction(engine) as conn:
        row = conn.execute(select(SRC).where(SRC.c.name == name)).first()
        if row is None:
            conn.execute(insert(SRC).values(name=name))
            row = conn.execute(select(SRC).where(SRC.c.name == name)).one()
    return int(row.id), row


def _mark_source(engine: Engine, source_id: int, status: SyncStatus, error: str | None) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            update(SRC)
            .where(SRC.c.id == source_id)
            .values(last_checked_at=utcnow(), last_status=status, last_error=error)
        )


def _sweep_partial_downloads(folder: Path, older_than: float = 3600.0) -> None:
    """Remove temp files a killed download left behind (never files under a final name)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - older_than
    for stale in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()


def _sha256_of(path: Path) -> str:
    """sha256 of a file, or of a folder's files (names and bytes, sorted)."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode())
        with file.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()


def check_source_names(names: list[str]) -> list[SourceSpec]:
    from tracker.sources.registry import get_source

    return [get_source(n) for n in names]


__all__ = [
    "ConfigError",
    "SyncResult",
    "TrackerError",
    "apply_file",
    "check_source_names",
    "import_path",
    "sync_source",
]
