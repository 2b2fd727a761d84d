"""Daily job: sync every live list (or the given ones). One source failing does not stop the others."""

from __future__ import annotations

import logging

from jobs import JobContext, JobOutcome
from jobs.runlog import finish_run, one_line, start_run
from tracker.locks import source_lock
from tracker.pipeline import sync_source
from tracker.results import SyncResult, SyncStatus
from tracker.sources.base import SourceSpec
from tracker.sources.registry import get_source, live_sources

log = logging.getLogger(__name__)

JOB = "sync_lists"


def run(
    ctx: JobContext, *, sources: list[str] | None = None, attempt: int = 1, trigger: str = "scheduled"
) -> JobOutcome:
    outcome = JobOutcome(JOB, "ok")
    # A job-level lock too: a second scheduler started by mistake skips the whole job, logged once.
    with source_lock(ctx.engine, f"job:{JOB}") as held:
        if not held:
            run_id = start_run(ctx.engine, JOB, trigger=trigger, attempt=attempt)
            finish_run(ctx.engine, run_id, "skipped", error=f"another run of {JOB} is running")
            log.info("%s skipped: another run of %s is running", JOB, JOB)
            return JobOutcome(JOB, "skipped", runs=[run_id])
        specs = _specs(sources, outcome)
        for spec in specs:
            if ctx.stopping.is_set():  # stop between sources; the rest are rescheduled, not lost
                outcome.pending.append(spec.name)
                continue
            _sync_one(ctx, spec, outcome, attempt=attempt, trigger=trigger)
    if outcome.failed:
        outcome.status = "failed"
    return outcome


def _specs(names: list[str] | None, outcome: JobOutcome) -> list[SourceSpec]:
    if names is None:
        return live_sources()
    specs = []
    for name in names:
        try:
            specs.append(get_source(name))
        except Exception as exc:  # a source removed from the registry since the retry was queued
            log.warning("%s: %s", name, one_line(exc))
    return specs


def _sync_one(ctx: JobContext, spec: SourceSpec, outcome: JobOutcome, *, attempt: int, trigger: str) -> None:
    run_id = start_run(ctx.engine, JOB, source=spec.name, trigger=trigger, attempt=attempt)
    outcome.runs.append(run_id)
    try:
        result = sync_source(spec, engine=ctx.engine, settings=ctx.settings)
    except Exception as exc:  # a bug or an unexpected error: logged, the other sources still run
        log.exception("%s: sync crashed", spec.name)
        result = SyncResult(spec.name, SyncStatus.FAILED, reason=f"{type(exc).__name__}: {one_line(exc)}")
    status = run_status(result)
    counts = {
        "result": result.status,
        "entries": result.entries,
        "added": result.added,
        "removed": result.removed,
        "modified": result.modified,
    }
    finish_run(ctx.engine, run_id, status, counts=counts, error=result.reason if status != "ok" else None)
    if status == "failed":
        outcome.failed.append(spec.name)
        log.warning("%s: sync %s: %s", spec.name, result.status, one_line(result.reason or "no reason given"))
    elif status == "skipped":
        log.info("%s: skipped: %s", spec.name, result.reason)
    else:
        log.info(
            "%s: %s, %d entries (+%d -%d ~%d)",
            spec.name,
            result.status,
            result.entries,
            result.added,
            result.removed,
            result.modified,
        )


def run_status(result: SyncResult) -> str:
    """JobRun status of a sync: rejected downloads count as failures (retried: publishers fix files)."""
    if result.status == SyncStatus.SKIPPED:
        return "skipped"
    return "ok" if result.ok else "failed"
