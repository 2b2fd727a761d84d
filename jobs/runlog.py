"""The job-run log as jobs write it: who runs (host, pid), one-line errors, and runs left "running"
by a process that died, marked "abandoned". The rows themselves live in tracker.store.runlog."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from tracker.errors import one_line
from tracker.scratch import pid_alive  # one test of a pid for the run log and scratch folders
from tracker.store import runlog
from tracker.store.jobs_models import RunStatus
from tracker.store.models import utcnow

__all__ = [
    "finish_run",
    "hostname",
    "mark_abandoned",
    "one_line",
    "pid_alive",
    "start_run",
]  # one_line: poll_news

# A run on another machine still "running" after this long is taken as dead (its pid can't be checked).
STALE_AFTER = timedelta(hours=24)


def hostname() -> str:
    return socket.gethostname()


def start_run(
    engine: Engine, job: str, *, source: str | None = None, trigger: str = "scheduled", attempt: int = 1
) -> int:
    """Log the start of a run by this process; returns the run id for finish_run."""
    return runlog.start_run(
        engine, job, source=source, trigger=trigger, attempt=attempt, host=hostname(), pid=os.getpid()
    )


def finish_run(
    engine: Engine,
    run_id: int,
    status: RunStatus | str,
    *,
    counts: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    runlog.finish_run(
        engine, run_id, RunStatus(status), counts=counts, error=one_line(error) if error else None
    )


def mark_abandoned(engine: Engine, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """Mark runs whose process is gone as "abandoned"; returns them (job, source, ...)."""
    now = now or utcnow()
    here = hostname()
    dead = [
        r
        for r in runlog.running_runs(engine)
        if (r["host"] == here and not pid_alive(r["pid"]))
        or (r["host"] != here and now - r["started_at"] > STALE_AFTER)
    ]
    reasons = {r["id"]: f"process {r['pid']} on {r['host']} ended without finishing this run" for r in dead}
    runlog.abandon_runs(engine, reasons, now)
    return dead
