"""APScheduler wiring: the jobs, their times (from settings), the job store in the tracker's database,
retries with backoff, catch-up after downtime, and a clean stop on SIGTERM / SIGINT.

One scheduler per process (APScheduler's own rule): the running scheduler and its JobContext are kept
in this module so jobs stored by reference ("jobs.scheduler:run_job") can reach them.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from jobs import JOB_NAMES, JobContext, JobOutcome
from jobs.runlog import mark_abandoned
from tracker.errors import ConfigError, UsageError
from tracker.settings import Settings
from tracker.store.db import write_transaction
from tracker.store.locks import transaction_lock
from tracker.store.runlog import recent_runs

log = logging.getLogger(__name__)

JOB_REF = "jobs.scheduler:run_job"
RETRY_PREFIX = "sync_lists:retry:"
PRUNE_TIME = (3, 30)  # pruning runs at night, well before a 06:00 sync


class TrackerScheduler(BackgroundScheduler):  # type: ignore[misc]  # APScheduler 3 ships no type hints
    """APScheduler 3 runs one last round of due jobs after shutdown() has stopped the executors: the
    submit fails but the stored next run time still advances, losing a due run. Only a running
    scheduler may process jobs."""

    def _process_jobs(self) -> float | None:
        if self.state != STATE_RUNNING:
            return None
        return super()._process_jobs()  # type: ignore[no-any-return]


@dataclass
class Runtime:
    ctx: JobContext
    scheduler: BackgroundScheduler | None = None
    active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


_runtime: Runtime | None = None


# --- schedule from settings -------------------------------------------------------------------------


def timezone(settings: Settings) -> ZoneInfo:
    try:
        return ZoneInfo(settings.schedule_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"unknown time zone {settings.schedule_timezone!r} (TRACKER_SCHEDULE_TIMEZONE, e.g. UTC or Europe/Berlin)"
        ) from None


def wanted_triggers(settings: Settings) -> dict[str, BaseTrigger]:
    """Job name -> trigger, as the settings ask now."""
    tz = timezone(settings)
    parts = [int(p) for p in settings.schedule_sync_time.split(":")]
    hour, minute, second = (parts + [0])[:3]
    if hour > 23 or minute > 59 or second > 59:
        raise ConfigError(f"bad sync time {settings.schedule_sync_time!r}: use HH:MM (24-hour clock)")
    triggers: dict[str, BaseTrigger] = {
        "sync_lists": CronTrigger(hour=hour, minute=minute, second=second, timezone=tz)
    }
    if settings.schedule_news_minutes > 0:
        triggers["poll_news"] = IntervalTrigger(minutes=settings.schedule_news_minutes, timezone=tz)
    if settings.schedule_prune_days > 0:
        triggers["prune_archive"] = CronTrigger(hour=PRUNE_TIME[0], minute=PRUNE_TIME[1], timezone=tz)
    return triggers


def same_trigger(a: BaseTrigger, b: BaseTrigger) -> bool:
    if type(a) is not type(b) or str(getattr(a, "timezone", "")) != str(getattr(b, "timezone", "")):
        return False
    if isinstance(a, IntervalTrigger) and isinstance(b, IntervalTrigger):
        return bool(a.interval == b.interval)  # start_date differs on every start: not a change
    return str(a) == str(b)


def grace(settings: Settings) -> int:
    return settings.schedule_misfire_grace_minutes * 60


# --- building and starting --------------------------------------------------------------------------


def build_scheduler(ctx: JobContext) -> BackgroundScheduler:
    scheduler = TrackerScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=ctx.engine)},
        executors={"default": ThreadPoolExecutor(max_workers=4)},
        job_defaults={
            "coalesce": True,  # several missed times run once
            "max_instances": 1,
            "misfire_grace_time": grace(ctx.settings),
        },
        timezone=timezone(ctx.settings),
    )
    scheduler.add_listener(_on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    return scheduler


def start(ctx: JobContext, scheduler: BackgroundScheduler | None = None) -> BackgroundScheduler:
    """Start the scheduler: mark dead runs abandoned, sync the stored jobs with the settings, run once
    whatever was missed while no scheduler ran, catch up (in one job) the sources a dead process cut off
    or never reached in the last daily run, then process jobs."""
    global _runtime
    scheduler = scheduler or build_scheduler(ctx)
    _runtime = Runtime(ctx, scheduler)
    abandoned = mark_abandoned(ctx.engine)
    create_job_table(ctx.engine)
    scheduler.start(paused=True)
    ensure_jobs(scheduler, ctx.settings)
    cut_off = {r["source"] for r in abandoned if r["job"] == "sync_lists" and r["source"]}
    for source in sorted(cut_off):
        log.warning("%s: the last sync was cut off (process died); running it again now", source)
    unreached = [s for s in unreached_sources(ctx, scheduler) if s not in cut_off]
    for source in unreached:
        log.warning("%s: the last daily sync ended before it (process died); running it now", source)
    queue_catch_up(scheduler, [*sorted(cut_off), *unreached])
    scheduler.resume()
    return scheduler


def last_fire_time(trigger: BaseTrigger, now: datetime) -> datetime | None:
    """The trigger's latest fire time at or before ``now`` within the last two days (None if none)."""
    last = None
    probe = trigger.get_next_fire_time(None, now - timedelta(days=2))
    while probe is not None and probe <= now:
        last = probe
        probe = trigger.get_next_fire_time(probe, probe + timedelta(seconds=1))
    return last


def unreached_sources(
    ctx: JobContext, scheduler: BackgroundScheduler, now: datetime | None = None
) -> list[str]:
    """Live sources the last daily sync never reached: that run began (a source of it has a log row
    since its time) but its process died before these sources, so no row of theirs exists. The next
    daily time is already set past it, so without a catch-up they would wait a day.

    A daily run missed as a whole (no scheduler running then) is ``ensure_jobs``' business, and runs
    cut off mid-source are marked abandoned and redone by ``start``.
    """
    from tracker.sources.registry import live_sources

    job = scheduler.get_job("sync_lists")
    if job is None:
        return []
    due = last_fire_time(job.trigger, now or datetime.now(scheduler.timezone))
    if due is None:
        return []
    since = due.astimezone(UTC).replace(tzinfo=None)
    runs = recent_runs(ctx.engine, limit=0, job="sync_lists", since=since)
    if not any(r["trigger"] == "scheduled" for r in runs):
        return []
    reached = {r["source"] for r in runs if r["source"]}
    return [spec.name for spec in live_sources() if spec.name not in reached]


def create_job_table(engine: Engine) -> None:
    """Create APScheduler's table under a lock, so two schedulers starting together don't race."""
    from sqlalchemy import MetaData

    table = SQLAlchemyJobStore(engine=engine, metadata=MetaData()).jobs_t
    with write_transaction(engine) as conn:  # SQLite: BEGIN IMMEDIATE serialises this already
        transaction_lock(conn, "scheduler:setup")
        table.create(conn, checkfirst=True)


def ensure_jobs(scheduler: BackgroundScheduler, settings: Settings, now: datetime | None = None) -> None:
    """Add missing jobs, update changed times, drop jobs turned off; keep a missed run due."""
    now = now or datetime.now(scheduler.timezone)
    wanted = wanted_triggers(settings)
    for job in scheduler.get_jobs():
        if job.id not in wanted and not job.id.startswith(RETRY_PREFIX):
            scheduler.remove_job(job.id)
    for name, trigger in wanted.items():
        job = scheduler.get_job(name)
        if job is None:
            # replace_existing: a second scheduler starting at the same moment may have added it
            scheduler.add_job(JOB_REF, trigger, args=[name], id=name, name=name, replace_existing=True)
            continue
        missed = job.next_run_time is not None and job.next_run_time <= now
        changes: dict[str, Any] = {"func": JOB_REF, "args": (name,), "kwargs": {}}
        changes["misfire_grace_time"] = grace(settings)
        if not same_trigger(job.trigger, trigger):
            changes["trigger"] = trigger
            changes["next_run_time"] = trigger.get_next_fire_time(None, now)
        if missed:
            # Within the grace time APScheduler runs it once (coalesced); later than that it would drop
            # the run, so it is moved to now: a run missed while no scheduler ran is never lost.
            late = (now - job.next_run_time).total_seconds()
            changes["next_run_time"] = job.next_run_time if late <= grace(settings) else now
            log.info("%s missed its time %s; running it once now", name, job.next_run_time)
        scheduler.modify_job(name, **changes)


CATCH_UP_ID = f"{RETRY_PREFIX}catch-up"


def queue_catch_up(scheduler: BackgroundScheduler, sources: list[str]) -> None:
    """Sync ``sources`` now, in ONE job (added to the sources of a catch-up still queued): one job per
    source would run together and all but one would be skipped by the sync job's lock."""
    if not sources:
        return
    queued = scheduler.get_job(CATCH_UP_ID)
    earlier = list(queued.kwargs.get("sources") or []) if queued is not None else []
    merged = earlier + [s for s in sources if s not in earlier]
    scheduler.add_job(
        JOB_REF,
        DateTrigger(run_date=datetime.now(scheduler.timezone), timezone=scheduler.timezone),
        args=["sync_lists"],
        kwargs={"sources": merged, "attempt": 1, "trigger": "catch-up"},
        id=CATCH_UP_ID,
        name=f"sync {', '.join(merged)} (catch-up)",
        replace_existing=True,
    )


def queue_retry(
    scheduler: BackgroundScheduler, source: str, *, attempt: int, delay: timedelta, trigger: str = "retry"
) -> None:
    run_at = datetime.now(scheduler.timezone) + delay
    scheduler.add_job(
        JOB_REF,
        DateTrigger(run_date=run_at, timezone=scheduler.timezone),
        args=["sync_lists"],
        kwargs={"sources": [source], "attempt": attempt, "trigger": trigger},
        id=f"{RETRY_PREFIX}{source}",
        name=f"sync {source} ({trigger} {attempt})",
        replace_existing=True,
    )


# --- running jobs -----------------------------------------------------------------------------------


def run_job(
    name: str, *, sources: list[str] | None = None, attempt: int = 1, trigger: str = "scheduled"
) -> JobOutcome:
    """What the scheduler calls (by reference). Runs the job, then queues retries for failed sources."""
    runtime = _runtime
    if runtime is None:
        raise RuntimeError("jobs.scheduler.run_job needs a started scheduler (jobs.scheduler.start)")
    with runtime.lock:
        runtime.active += 1
    try:
        if name == "sync_lists" and sources is None and runtime.scheduler is not None:
            _drop_retries(runtime.scheduler)  # the full run covers every source again
        outcome = execute(runtime.ctx, name, sources=sources, attempt=attempt, trigger=trigger)
        if runtime.scheduler is not None:
            _follow_up(runtime, outcome, attempt)
        return outcome
    finally:
        with runtime.lock:
            runtime.active -= 1


def execute(
    ctx: JobContext,
    name: str,
    *,
    sources: list[str] | None = None,
    attempt: int = 1,
    trigger: str = "scheduled",
) -> JobOutcome:
    """Run one job now, in this thread (also `tracker schedule run-now`)."""
    if name == "sync_lists":
        from jobs import sync_lists

        return sync_lists.run(ctx, sources=sources, attempt=attempt, trigger=trigger)
    if name == "poll_news":
        from jobs import poll_news

        return poll_news.run(ctx, trigger=trigger, attempt=attempt)
    if name == "prune_archive":
        from jobs import prune_archive

        return prune_archive.run(ctx, trigger=trigger, attempt=attempt)
    raise UsageError(f"unknown job {name!r} (jobs: {', '.join(JOB_NAMES)})")


def _follow_up(runtime: Runtime, outcome: JobOutcome, attempt: int) -> None:
    assert runtime.scheduler is not None
    backoff = runtime.ctx.settings.schedule_retry_minutes
    for source in outcome.failed:
        if attempt > len(backoff):
            log.warning(
                "%s: still failing after %d retries; waiting for the next daily run", source, attempt - 1
            )
            continue
        delay = timedelta(minutes=backoff[attempt - 1])
        if _past_next_daily_run(runtime.scheduler, delay):
            log.warning("%s: no retry before the next daily run; waiting for it", source)
            continue
        log.warning("%s: retry %d/%d in %s", source, attempt, len(backoff), delay)
        queue_retry(runtime.scheduler, source, attempt=attempt + 1, delay=delay)
    for source in outcome.pending:  # cut short by a stop request: first thing after the restart
        log.info("%s: not synced because of the stop request; queued for the next start", source)
    queue_catch_up(runtime.scheduler, outcome.pending)


def _past_next_daily_run(scheduler: BackgroundScheduler, delay: timedelta) -> bool:
    job = scheduler.get_job("sync_lists")
    if job is None or job.next_run_time is None:
        return False
    return bool(datetime.now(scheduler.timezone) + delay >= job.next_run_time)


def _drop_retries(scheduler: BackgroundScheduler) -> None:
    for job in scheduler.get_jobs():
        if job.id.startswith(RETRY_PREFIX):
            scheduler.remove_job(job.id)


def _on_event(event: JobExecutionEvent) -> None:
    if event.code == EVENT_JOB_MISSED:
        log.warning(
            "job %s missed its run time %s (beyond the grace time)", event.job_id, event.scheduled_run_time
        )
    elif event.exception is not None:
        log.error("job %s crashed: %s", event.job_id, str(event.exception).splitlines()[0:1])


# --- the long-running process -----------------------------------------------------------------------


def stop(scheduler: BackgroundScheduler, ctx: JobContext, *, poll: float = 0.2) -> None:
    """Clean stop: no new jobs, running jobs end after their current source (whose transaction
    commits or rolls back as a whole), sources not reached are queued for the next start."""
    ctx.stopping.set()
    if scheduler.running:
        scheduler.pause()
    runtime = _runtime
    while runtime is not None and runtime.active > 0:
        time.sleep(poll)
    if scheduler.running:
        scheduler.shutdown(wait=True)


def serve(ctx: JobContext, *, on_start: Callable[[BackgroundScheduler], None] | None = None) -> None:
    """`tracker schedule run`: run until SIGTERM / SIGINT; a second signal exits at once (the open
    transaction, if any, is rolled back by the database)."""
    stop_requested = threading.Event()

    def handler(signum: int, _frame: FrameType | None) -> None:
        if stop_requested.is_set():
            log.warning(
                "second %s: exiting now; an unfinished sync is rolled back", signal.Signals(signum).name
            )
            os._exit(130)
        log.info("%s: stopping after the running job step", signal.Signals(signum).name)
        stop_requested.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        scheduler = start(ctx)
        if on_start:
            on_start(scheduler)
        for job in scheduler.get_jobs():
            log.info("job %s: next run %s", job.id, job.next_run_time)
        while not stop_requested.wait(1.0):
            pass
        stop(scheduler, ctx)
        log.info("scheduler stopped")
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def describe_jobs(scheduler: BackgroundScheduler) -> list[dict[str, Any]]:
    return [_describe(job) for job in scheduler.get_jobs()]


def _describe(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "name": job.name,
        "trigger": str(job.trigger),
        "next_run_time": job.next_run_time.isoformat() if job.next_run_time else None,
        "kwargs": dict(job.kwargs),
    }
