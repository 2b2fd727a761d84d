"""The job-run log: one row per job run (per source for list syncs), written by jobs/ and read by
`tracker schedule runs`."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel

NAIVE = DateTime(timezone=False)  # naive UTC, like the core tables


class RunStatus(StrEnum):
    """``JobRun.status``: running -> ok / failed / skipped; abandoned when the process that wrote
    "running" died."""

    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"
    ABANDONED = "abandoned"


class JobRun(SQLModel, table=True):
    __tablename__ = "job_run"
    __table_args__ = (
        Index("ix_job_run_started", "started_at"),
        Index("ix_job_run_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64)  # sync_lists, poll_news, prune_archive
    source: str | None = Field(default=None, max_length=64)
    trigger: str = Field(default="scheduled", max_length=16)  # scheduled / catch-up / retry / manual
    attempt: int = 1  # 1 = the scheduled run, 2.. = retries
    started_at: datetime = Field(sa_type=NAIVE)
    finished_at: datetime | None = Field(default=None, sa_type=NAIVE)
    status: str = Field(max_length=16)  # a RunStatus
    counts: str | None = Field(default=None, sa_column=Column(Text))  # JSON object
    error: str | None = Field(default=None, sa_column=Column(Text))  # one line
    host: str = Field(max_length=255)
    pid: int
