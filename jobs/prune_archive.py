"""Optional daily job (settings.schedule_prune_days > 0): delete downloads older than that which no
accepted snapshot refers to (unchanged or rejected copies), and job-run log rows older than that.
Files behind accepted snapshots are the evidence for the history and are always kept."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, select

from jobs import JobContext, JobOutcome
from jobs.runlog import RUN, finish_run, one_line, start_run, utcnow
from tracker.store.db import write_transaction
from tracker.store.models import Snapshot

log = logging.getLogger(__name__)

JOB = "prune_archive"
SNAP = Snapshot.__table__  # type: ignore[attr-defined]


def run(ctx: JobContext, *, trigger: str = "scheduled", attempt: int = 1) -> JobOutcome:
    days = ctx.settings.schedule_prune_days
    run_id = start_run(ctx.engine, JOB, trigger=trigger, attempt=attempt)
    if days <= 0:
        finish_run(ctx.engine, run_id, "skipped", error="pruning is off (TRACKER_SCHEDULE_PRUNE_DAYS=0)")
        return JobOutcome(JOB, "skipped", runs=[run_id])
    cutoff = utcnow() - timedelta(days=days)
    try:
        files = prune_files(ctx, cutoff.timestamp())
        with write_transaction(ctx.engine) as conn:
            rows = conn.execute(
                delete(RUN).where(RUN.c.started_at < cutoff, RUN.c.status != "running")
            ).rowcount
    except Exception as exc:
        finish_run(ctx.engine, run_id, "failed", error=f"{type(exc).__name__}: {one_line(exc)}")
        return JobOutcome(JOB, "failed", runs=[run_id])
    finish_run(ctx.engine, run_id, "ok", counts={"files": files, "job_runs": rows})
    log.info("pruned %d archived files and %d job-run rows older than %d days", files, rows, days)
    return JobOutcome(JOB, "ok", runs=[run_id])


def prune_files(ctx: JobContext, cutoff: float) -> int:
    archive = ctx.settings.archive_dir
    if not archive.is_dir():
        return 0
    with ctx.engine.connect() as conn:
        kept = {
            Path(p).resolve()
            for (p,) in conn.execute(select(SNAP.c.archive_path).where(SNAP.c.status == "accepted"))
            if p
        }
    removed = 0
    for path in archive.rglob("*"):
        if not path.is_file() or path.stat().st_mtime >= cutoff:
            continue
        resolved = path.resolve()
        if resolved not in kept and not kept.intersection(resolved.parents):  # folders: OFAC CSV sets
            path.unlink()
            removed += 1
    return removed
