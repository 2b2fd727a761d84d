"""Daily job: sync every live list (or the given ones) through tracker.pipeline.sync_sources, with a
job-run log row per source. One source failing does not stop the others."""

from __future__ import annotations

import logging

from jobs import JobContext, JobOutcome
from jobs.runlog import finish_run, start_run
from tracker.errors import one_line
from tracker.pipeline import sync_sources
from tracker.results import SyncResult, SyncStatus
from tracker.sources.base import SourceSpec
from tracker.sources.registry import get_source, live_sources
from tracker.store.jobs_models import RunStatus
from tracker.store.locks import source_lock

log = logging.getLogger(__name__)

JOB = "sync_lists"


def run(
    ctx: JobContext, *, sources: list[str] | None = None, attempt: int = 1, trigger: str = "scheduled"
) -> JobOutcome:
    outcome = JobOutcome(JOB, RunStatus.OK)
    # A job-level lock too: a second scheduler started by mistake skips the whole job, logged once.
    with source_lock(ctx.engine, f"job:{JOB}") as held:
        if not held:
            run_id = start_run(ctx.engine, JOB, trigger=trigger, attempt=attempt)
            finish_run(ctx.engine, run_id, RunStatus.SKIPPED, error=f"another run of {JOB} is running")
            log.info("%s skipped: another run of %s is running", JOB, JOB)
            return JobOutcome(JOB, RunStatus.SKIPPED, runs=[run_id])
        specs = _specs(sources)
        run_ids: dict[str, int] = {}

        def started(spec: SourceSpec) -> None:
            run_ids[spec.name] = start_run(
                ctx.engine, JOB, source=spec.name, trigger=trigger, attempt=attempt
            )
            outcome.runs.append(run_ids[spec.name])

        def finished(spec: SourceSpec, result: SyncResult) -> None:
            _log_result(ctx, run_ids[spec.name], result, outcome)

        results = sync_sources(
            specs,
            engine=ctx.engine,
            settings=ctx.settings,
            on_start=started,
            on_result=finished,
            stopping=ctx.stopping,  # stop between sources; the rest are rescheduled, not lost
            contain_errors=True,
        )
        outcome.pending = [spec.name for spec in specs[len(results) :]]
    if outcome.failed:
        outcome.status = RunStatus.FAILED
    return outcome


def _specs(names: list[str] | None) -> list[SourceSpec]:
    if names is None:
        return live_sources()
    specs = []
    for name in names:
        try:
            specs.append(get_source(name))
        except Exception as exc:  # a source removed from the registry since the retry was queued
            log.warning("%s: %s", name, one_line(exc))
    return specs


def _log_result(ctx: JobContext, run_id: int, result: SyncResult, outcome: JobOutcome) -> None:
    status = run_status(result)
    counts = {
        "result": result.status,
        "entries": result.entries,
        "added": result.added,
        "removed": result.removed,
        "modified": result.modified,
    }
    finish_run(
        ctx.engine, run_id, status, counts=counts, error=result.reason if status != RunStatus.OK else None
    )
    if status == RunStatus.FAILED:
        outcome.failed.append(result.source)
        log.warning(
            "%s: sync %s: %s", result.source, result.status, one_line(result.reason or "no reason given")
        )
    elif status == RunStatus.SKIPPED:
        log.info("%s: skipped: %s", result.source, result.reason)
    else:
        log.info(
            "%s: %s, %d entries (+%d -%d ~%d)",
            result.source,
            result.status,
            result.entries,
            result.added,
            result.removed,
            result.modified,
        )


def run_status(result: SyncResult) -> RunStatus:
    """JobRun status of a sync: rejected downloads count as failures (retried: publishers fix files)."""
    if result.status == SyncStatus.SKIPPED:
        return RunStatus.SKIPPED
    return RunStatus.OK if result.ok else RunStatus.FAILED
