"""Every N minutes: scan every registered news feed (tracker.pipeline.scan_news) and send alerts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from jobs import JobContext, JobOutcome
from jobs.runlog import finish_run, one_line, start_run

log = logging.getLogger(__name__)

JOB = "poll_news"
UNAVAILABLE = "news scanning not available"


def news_function() -> Callable[..., Any] | None:
    """The pipeline's news scan, imported when the job runs (the scheduler starts without it)."""
    try:
        from tracker.pipeline import scan_news
    except ImportError:  # a broken installation: the job says so instead of failing the scheduler
        return None
    return scan_news


def run(ctx: JobContext, *, trigger: str = "scheduled", attempt: int = 1) -> JobOutcome:
    run_id = start_run(ctx.engine, JOB, trigger=trigger, attempt=attempt)
    func = news_function()
    if func is None:
        log.info(UNAVAILABLE)
        finish_run(ctx.engine, run_id, "skipped", error=UNAVAILABLE)
        return JobOutcome(JOB, "skipped", runs=[run_id])
    try:
        result = func(engine=ctx.engine, settings=ctx.settings, webhook_url=ctx.settings.alert_webhook)
    except Exception as exc:
        log.warning("%s failed: %s", JOB, one_line(exc))
        finish_run(ctx.engine, run_id, "failed", error=f"{type(exc).__name__}: {one_line(exc)}")
        return JobOutcome(JOB, "failed", runs=[run_id])
    finish_run(ctx.engine, run_id, "ok", counts=_counts(result))
    return JobOutcome(JOB, "ok", runs=[run_id])


def _counts(result: Any) -> dict[str, Any]:
    """The figures of a scan (``NewsScan.counts``), or the numbers of a plain dict."""
    counts = result.counts() if hasattr(result, "counts") else result
    if not isinstance(counts, dict):
        return {}
    return {
        k: v for k, v in counts.items() if isinstance(v, int | float | str | bool) and not k.startswith("_")
    }
