"""The job-run log (table job_run): one row per job run (per source for list syncs), "running" until
the run ends. Written by jobs/, read by `tracker schedule runs`."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from tracker.store.db import write_transaction
from tracker.store.jobs_models import RunStatus
from tracker.store.models import utcnow
from tracker.store.tables import JOB_RUN


def start_run(
    engine: Engine,
    job: str,
    *,
    source: str | None,
    trigger: str,
    attempt: int,
    host: str,
    pid: int,
) -> int:
    """Insert a "running" row; returns its id."""
    with write_transaction(engine) as conn:
        result = conn.execute(
            insert(JOB_RUN).values(
                job=job,
                source=source,
                trigger=trigger,
                attempt=attempt,
                started_at=utcnow(),
                status=RunStatus.RUNNING,
                host=host,
                pid=pid,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])


def finish_run(
    engine: Engine, run_id: int, status: RunStatus, *, counts: dict[str, Any] | None, error: str | None
) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            update(JOB_RUN)
            .where(JOB_RUN.c.id == run_id)
            .values(
                status=status,
                finished_at=utcnow(),
                counts=json.dumps(counts, sort_keys=True) if counts else None,
                error=error,
            )
        )


def running_runs(engine: Engine) -> list[dict[str, Any]]:
    """Every run still marked "running", as plain dicts of its columns."""
    with engine.connect() as conn:
        rows = conn.execute(select(JOB_RUN).where(JOB_RUN.c.status == RunStatus.RUNNING))
        return [dict(r._mapping) for r in rows]


def abandon_runs(engine: Engine, reasons: dict[int, str], at: datetime) -> None:
    """Mark these runs (id -> why) "abandoned", unless they finished meanwhile."""
    if not reasons:
        return
    with write_transaction(engine) as conn:
        for run_id, reason in reasons.items():
            conn.execute(
                update(JOB_RUN)
                .where(JOB_RUN.c.id == run_id, JOB_RUN.c.status == RunStatus.RUNNING)
                .values(status=RunStatus.ABANDONED, finished_at=at, error=reason)
            )


def recent_runs(
    engine: Engine,
    *,
    limit: int = 50,
    job: str | None = None,
    source: str | None = None,
    since: datetime | None = None,
) -> list[dict[str, Any]]:
    """Runs, newest first, as JSON-ready dicts (counts decoded, times as ISO strings); limit 0: all.
    ``since`` (naive UTC): only runs started then or later."""
    query = select(JOB_RUN).order_by(JOB_RUN.c.started_at.desc(), JOB_RUN.c.id.desc())
    if job:
        query = query.where(JOB_RUN.c.job == job)
    if since is not None:
        query = query.where(JOB_RUN.c.started_at >= since)
    if source:
        query = query.where(JOB_RUN.c.source == source)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [_as_json(r._mapping) for r in conn.execute(query)]


def run_by_id(engine: Engine, run_id: int, *, job: str | None = None) -> dict[str, Any] | None:
    """One run by its id (of ``job``, when given), in recent_runs' shape; None when there is none.
    A primary-key lookup: GET /sync/{id} read every api_sync run to find one."""
    query = select(JOB_RUN).where(JOB_RUN.c.id == run_id)
    if job:
        query = query.where(JOB_RUN.c.job == job)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return _as_json(row._mapping) if row is not None else None


def _as_json(mapping: Any) -> dict[str, Any]:
    """A job_run row as a JSON-ready dict: counts decoded, times as ISO strings."""
    row = dict(mapping)
    row["counts"] = json.loads(row["counts"]) if row["counts"] else {}
    for key in ("started_at", "finished_at"):
        row[key] = row[key].isoformat(timespec="seconds") if row[key] else None
    return row


def delete_runs_before(engine: Engine, cutoff: datetime) -> int:
    """Delete finished runs started before ``cutoff``; returns how many."""
    with write_transaction(engine) as conn:
        result = conn.execute(
            delete(JOB_RUN).where(JOB_RUN.c.started_at < cutoff, JOB_RUN.c.status != RunStatus.RUNNING)
        )
        return int(result.rowcount)
