"""Scheduled jobs: what runs when. Each job module only calls the library; jobs/scheduler.py wires them
into APScheduler with its job store in the tracker's database. See jobs/README.md."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from tracker.settings import Settings
from tracker.store.jobs_models import RunStatus

JOB_NAMES = ("sync_lists", "poll_news", "prune_archive")


@dataclass
class JobContext:
    """What a job needs: settings, the store, and a flag set when the process is asked to stop."""

    settings: Settings
    engine: Engine
    stopping: threading.Event = field(default_factory=threading.Event)


@dataclass
class JobOutcome:
    job: str
    status: RunStatus | str  # ok / failed / skipped (the worst over the job's runs); kept a RunStatus
    failed: list[str] = field(default_factory=list)  # sources to retry
    pending: list[str] = field(default_factory=list)  # sources not reached because of a stop request
    runs: list[int] = field(default_factory=list)  # JobRun ids written

    def __post_init__(self) -> None:
        self.status = RunStatus(self.status)  # a plain string from a job module: checked here
