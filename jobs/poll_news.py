"""Every N minutes: scan the configured news feeds. Uses tracker.news when it is installed."""

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
    """The library's feed scanner, imported late: news scanning is optional for the scheduler."""
    try:
        from tracker.news.poll import poll_feeds
    except ImportError:  # an installation without the news extras
        return None
    return poll_feeds


def run(ctx: JobContext, *, trigger: str = "scheduled", attempt: int = 1) -> JobOutcome:
    run_id = start_run(ctx.engine, JOB, trigger=trigger, attempt=attempt)
    func = news_function()
    if func is None:
        log.info(UNAVAILABLE)
        finish_run(ctx.engine, run_id, "skipped", error=UNAVAILABLE)
        return JobOutcome(JOB, "skipped", runs=[run_id])
    try:
        result = func(engine=ctx.engine, settings=ctx.settings)
    except Exception as exc:
        log.warning("%s failed: %s", JOB, one_line(exc))
        finish_run(ctx.engine, run_id, "failed", error=f"{type(exc).__name__}: {one_line(exc)}")
        return JobOutcome(JOB, "failed", runs=[run_id])
    finish_run(ctx.engine, run_id, "ok", counts=_counts(result))
    return JobOutcome(JOB, "ok", runs=[run_id])


def _counts(result: Any) -> dict[str, Any]:
    """Whatever numbers the scanner reports (a dict, a dataclass, or a count)."""
    if isinstance(result, dict):
        items = result.items()
    elif hasattr(result, "__dict__"):
        items = vars(result).items()
    elif isinstance(result, int):
        return {"count": result}
    else:
        return {}
    return {k: v for k, v in items if isinstance(v, int | float | str | bool) and not k.startswith("_")}
