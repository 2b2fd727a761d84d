"""Optional daily job (settings.schedule_prune_days > 0): delete downloads older than that which no
accepted snapshot refers to (unchanged or rejected copies), and job-run log rows older than that.
Files behind accepted snapshots are the evidence for the history and are always kept."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from jobs import JobContext, JobOutcome
from jobs.runlog import finish_run, start_run
from tracker.errors import one_line
from tracker.store.jobs_models import RunStatus
from tracker.store.models import utcnow
from tracker.store.runlog import delete_runs_before
from tracker.store.snapshots import accepted_archive_paths

log = logging.getLogger(__name__)

JOB = "prune_archive"


def run(ctx: JobContext, *, trigger: str = "scheduled", attempt: int = 1) -> JobOutcome:
    days = ctx.settings.schedule_prune_days
    run_id = start_run(ctx.engine, JOB, trigger=trigger, attempt=attempt)
    if days <= 0:
        finish_run(
            ctx.engine, run_id, RunStatus.SKIPPED, error="pruning is off (TRACKER_SCHEDULE_PRUNE_DAYS=0)"
        )
        return JobOutcome(JOB, RunStatus.SKIPPED, runs=[run_id])
    cutoff = utcnow() - timedelta(days=days)
    try:
        files = prune_files(ctx, cutoff.timestamp())
        rows = delete_runs_before(ctx.engine, cutoff)
    except Exception as exc:
        finish_run(ctx.engine, run_id, RunStatus.FAILED, error=f"{type(exc).__name__}: {one_line(exc)}")
        return JobOutcome(JOB, RunStatus.FAILED, runs=[run_id])
    finish_run(ctx.engine, run_id, RunStatus.OK, counts={"files": files, "job_runs": rows})
    log.info("pruned %d archived files and %d job-run rows older than %d days", files, rows, days)
    return JobOutcome(JOB, RunStatus.OK, runs=[run_id])


def prune_files(ctx: JobContext, cutoff: float) -> int:
    """Delete archived files modified before ``cutoff`` (a Unix time) that no accepted snapshot keeps."""
    archive = ctx.settings.archive_dir
    if not archive.is_dir():
        return 0
    kept = {Path(p).resolve() for p in accepted_archive_paths(ctx.engine)}
    removed = 0
    for path in archive.rglob("*"):
        if not path.is_file() or path.stat().st_mtime >= cutoff:
            continue
        resolved = path.resolve()
        if resolved not in kept and not kept.intersection(resolved.parents):  # folders: OFAC CSV sets
            path.unlink()
            removed += 1
    return removed
