"""Single flight: at most one sync of a source at a time, across threads, processes and machines.

PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) held on a dedicated autocommit
connection for the duration of the work; the server releases it when that session ends, so a killed
process (even ``kill -9``) never leaves a stale lock. The key is derived from the schema and the name,
so two trackers in two schemas of one database do not block each other.

SQLite: an exclusive ``flock`` on ``<database folder>/locks/<name>.lock``. The kernel drops it when the
process dies; SQLite files are local, so a file lock covers every writer that can reach the database.

Locks are re-entrant within one thread (``sync_source`` holds the lock and calls ``apply_file``).
``single_flight`` waits for a busy lock (up to ``Settings.lock_wait_seconds``), so a second import
started beside a running one lands after it instead of being dropped; a wait that times out is a
"failed" result naming the setting.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine

from tracker.results import SyncResult, SyncStatus
from tracker.settings import Settings

if TYPE_CHECKING:
    from tracker.sources.base import SourceSpec

log = logging.getLogger(__name__)

P = ParamSpec("P")

_held = threading.local()  # per thread: {lock id: depth}
_memory_locks: dict[str, threading.Lock] = {}  # in-memory SQLite: only this process can see it
_memory_guard = threading.Lock()


# Polling interval while waiting for a busy lock: short at first (a file lands in ~0.2 s), then
# capped so a long wait costs one query or flock call a second.
_FIRST_POLL, _MAX_POLL = 0.05, 1.0


def busy_message(name: str) -> str:
    return f"another sync of {name} is running"


def timed_out_message(name: str, waited: float) -> str:
    return (
        f"another sync or import of {name} was still running after {waited:g} s of waiting; "
        "run it again later (TRACKER_LOCK_WAIT_SECONDS sets the wait)"
    )


@contextmanager
def source_lock(engine: Engine, name: str, *, wait: float = 0.0) -> Iterator[bool]:
    """Take the lock for ``name``, waiting up to ``wait`` seconds for another holder to release it;
    yields whether this caller holds it."""
    deadline = time.monotonic() + wait
    pause = _FIRST_POLL
    while True:
        with _try_lock(engine, name) as held:
            if held or time.monotonic() >= deadline:
                yield held
                return
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, _MAX_POLL)


@contextmanager
def _try_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Try to take the lock for ``name`` without waiting; yields whether this caller holds it."""
    lock_id = f"{engine.url.render_as_string(hide_password=True)}#{name}"
    depth: dict[str, int] = _held.__dict__.setdefault("depth", {})
    if depth.get(lock_id):
        depth[lock_id] += 1
        try:
            yield True
        finally:
            depth[lock_id] -= 1
        return
    backend = _pg_lock if engine.dialect.name == "postgresql" else _sqlite_lock
    with backend(engine, name) as held:
        if held:
            depth[lock_id] = 1
        try:
            yield held
        finally:
            depth.pop(lock_id, None)


def single_flight(
    func: Callable[Concatenate[SourceSpec, P], SyncResult],
) -> Callable[Concatenate[SourceSpec, P], SyncResult]:
    """Wrap ``f(spec, ..., engine=..., settings=...)`` (a sync or an import of one source): run it
    under the source's lock, waiting up to ``settings.lock_wait_seconds`` for another sync or import
    of that source to finish; a wait that times out returns a "failed" result (never a silent skip:
    the file would be missing from the history)."""

    @functools.wraps(func)
    def wrapper(spec: SourceSpec, /, *args: P.args, **kwargs: P.kwargs) -> SyncResult:
        engine, settings = kwargs["engine"], kwargs["settings"]
        assert isinstance(engine, Engine) and isinstance(settings, Settings)
        wait = settings.lock_wait_seconds
        with _try_lock(engine, spec.name) as held:
            if held:
                return func(spec, *args, **kwargs)
        log.warning("%s: waiting for another sync or import of it to finish (up to %g s)", spec.name, wait)
        with source_lock(engine, spec.name, wait=wait) as held:
            if held:
                return func(spec, *args, **kwargs)
        reason = timed_out_message(spec.name, wait)
        log.warning("%s: %s", spec.name, reason)
        return SyncResult(spec.name, SyncStatus.FAILED, reason=reason)

    return wrapper


def lock_key(schema: str, name: str) -> int:
    """A stable signed 64-bit advisory-lock key for (schema, name)."""
    digest = hashlib.sha256(f"tracker:{schema}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def transaction_lock(conn: Connection, name: str) -> None:
    """PostgreSQL: wait for the lock on ``name`` until the caller's transaction ends (e.g. two
    schedulers creating their job table at once). SQLite needs none: its writers hold BEGIN IMMEDIATE."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(_schema(conn), name)})


def _schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_schema()")).scalar() or "public")


@contextmanager
def _pg_lock(engine: Engine, name: str) -> Iterator[bool]:
    # Autocommit: the lock lives in the session, not in a transaction left idle for the whole sync.
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        key = lock_key(_schema(conn), name)
        held = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        try:
            yield held
        finally:
            if held:
                _pg_unlock(conn, key)
    finally:
        conn.close()


def _pg_unlock(conn: Connection, key: int) -> None:
    try:
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    except Exception as exc:  # connection gone: closing the session releases the lock anyway
        log.warning("advisory unlock failed (%s); dropping the connection", str(exc).splitlines()[0])
        conn.invalidate()


@contextmanager
def _sqlite_lock(engine: Engine, name: str) -> Iterator[bool]:
    database = engine.url.database
    if not database or database == ":memory:":
        with _memory_lock(name) as held:
            yield held
        return
    import fcntl  # POSIX only; the tracker's supported platforms are Linux and macOS

    folder = Path(database).resolve().parent / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_safe_name(name)}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            os.ftruncate(fd, 0)  # who holds it, for a curious operator; not used for correctness
            os.write(fd, f"{os.getpid()}\n".encode())
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def _memory_lock(name: str) -> Iterator[bool]:
    with _memory_guard:
        lock = _memory_locks.setdefault(name, threading.Lock())
    held = lock.acquire(blocking=False)
    try:
        yield held
    finally:
        if held:
            lock.release()


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)
