"""Syncs started over the API (POST /sync): each runs in a background thread of the worker that
took the request, and is one row of the job-run log (job ``api_sync``, trigger ``api``), which is
what GET /sync/{run_id} reads. The log lives in the store, so any worker or instance answers the
poll, and a run whose process died is reported "abandoned" (jobs.runlog.mark_abandoned).

One sync at a time per worker: a second POST while one runs is refused (409) with the running
run's id. Syncs of one source in several workers or processes are serialised by its lock
(tracker.store.locks), as for the CLI and the scheduler.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy.engine import Engine

from tracker.errors import NotFound, TrackerError, one_line
from tracker.settings import Settings
from tracker.sources.base import SourceSpec

log = logging.getLogger(__name__)

JOB = "api_sync"


class SyncBusy(TrackerError):
    """A sync started over the API still runs in this worker (409)."""

    def __init__(self, run_id: int) -> None:
        super().__init__(f"sync run {run_id} is still running: poll GET /sync/{run_id}, then retry")
        self.run_id = run_id


class SyncRunner:
    """The background sync of one API worker."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._run_id: int | None = None
        self._stopping = threading.Event()

    def start(self, specs: list[SourceSpec], *, force: bool) -> int:
        """Log a "running" run and start syncing ``specs`` in a thread; returns the run id. SyncBusy
        while this worker's previous sync runs."""
        from jobs.runlog import start_run

        with self._lock:
            if self._thread is not None and self._thread.is_alive() and self._run_id is not None:
                raise SyncBusy(self._run_id)
            run_id = start_run(self.engine, JOB, trigger="api")
            self._run_id = run_id
            self._thread = threading.Thread(
                target=self._run, args=(run_id, specs, force), name=f"api-sync-{run_id}", daemon=True
            )
            self._thread.start()
        return run_id

    def _run(self, run_id: int, specs: list[SourceSpec], force: bool) -> None:
        from jobs.runlog import finish_run
        from tracker.pipeline import sync_sources
        from tracker.store.jobs_models import RunStatus
        from tracker.views import sync_result_json

        try:
            results = sync_sources(
                specs,
                engine=self.engine,
                settings=self.settings,
                force=force,
                stopping=self._stopping,
                contain_errors=True,
            )
        except Exception as exc:  # a bug: the run says so instead of staying "running"
            log.exception("sync run %d crashed", run_id)
            finish_run(self.engine, run_id, RunStatus.FAILED, error=f"{type(exc).__name__}: {one_line(exc)}")
            return
        ok = len(results) == len(specs) and all(r.ok for r in results)
        not_started = [spec.name for spec in specs[len(results) :]]
        finish_run(
            self.engine,
            run_id,
            RunStatus.OK if ok else RunStatus.FAILED,
            counts={
                "sources": [spec.name for spec in specs],
                "ok": ok,
                "results": [sync_result_json(r) for r in results],
            },
            error=f"the server stopped before syncing {', '.join(not_started)}" if not_started else None,
        )

    def stop(self, timeout: float) -> None:
        """Start no further source and wait up to ``timeout`` seconds for the running ones (server
        shutdown). A run cut short by the process ending is marked abandoned later."""
        self._stopping.set()
        self.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the running sync (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


def sync_run(engine: Engine, run_id: int) -> dict[str, Any]:
    """One API sync run as GET /sync/{run_id} answers it; NotFound for an id that is not one."""
    from jobs.runlog import mark_abandoned
    from tracker.store.runlog import run_by_id

    mark_abandoned(engine)  # a run whose process is gone reads "abandoned", not "running" forever
    row = run_by_id(engine, run_id, job=JOB)
    if row is None:
        raise NotFound(f"no sync run {run_id} (POST /sync starts one and answers its id)")
    counts = row["counts"] or {}
    return {
        "run_id": run_id,
        "status": row["status"],
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "sources": counts.get("sources"),
        "ok": counts.get("ok"),
        "results": counts.get("results"),
        "error": row["error"],
    }
