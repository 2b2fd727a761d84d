"""The job-run log (table job_run): a row per run, "running" until it ends; runs left "running" by a
process that died are marked "abandoned"."""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from tracker.store.db import write_transaction
from tracker.store.jobs_models import JobRun

RUN = JobRun.__table__  # type: ignore[attr-defined]

# A run on another machine still "running" after this long is taken as dead (its pid can't be checked).
STALE_AFTER = timedelta(hours=24)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hostname() -> str:
    return socket.gethostname()


def one_line(error: BaseException | str) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if isinstance(error, BaseException) and not text:
        text = type(error).__name__
    return text[:500]


def start_run(
    engine: Engine, job: str, *, source: str | None = None, trigger: str = "scheduled", attempt: int = 1
) -> int:
    with write_transaction(engine) as conn:
        result = conn.execute(
            insert(RUN).values(
                job=job,
                source=source,
                trigger=trigger,
                attempt=attempt,
                started_at=utcnow(),
                status="running",
                host=hostname(),
                pid=os.getpid(),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def finish_run(
    engine: Engine,
    run_id: int,
    status: str,
    *,
    counts: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            update(RUN)
            .where(RUN.c.id == run_id)
            .values(
                status=status,
                finished_at=utcnow(),
                counts=json.dumps(counts, sort_keys=True) if counts else None,
                error=one_line(error) if error else None,
            )
        )


def mark_abandoned(engine: Engine, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """Mark runs whose process is gone as "abandoned"; returns them (job, source, ...)."""
    now = now or utcnow()
    here = hostname()
    with engine.connect() as conn:
        running = [dict(r._mapping) for r in conn.execute(select(RUN).where(RUN.c.status == "running"))]
    dead = [
        r
        for r in running
        if (r["host"] == here and not pid_alive(r["pid"]))
        or (r["host"] != here and now - r["started_at"] > STALE_AFTER)
    ]
    if dead:
        with write_transaction(engine) as conn:
            for row in dead:
                reason = f"process {row['pid']} on {row['host']} ended without finishing this run"
                conn.execute(
                    update(RUN)
                    .where(RUN.c.id == row["id"], RUN.c.status == "running")
                    .values(status="abandoned", finished_at=now, error=reason)
                )
    return dead


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:  # a killed but unreaped child is a zombie: dead for our purpose
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def recent_runs(
    engine: Engine, *, limit: int = 50, job: str | None = None, source: str | None = None
) -> list[dict[str, Any]]:
    query = select(RUN).order_by(RUN.c.started_at.desc(), RUN.c.id.desc())
    if job:
        query = query.where(RUN.c.job == job)
    if source:
        query = query.where(RUN.c.source == source)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["counts"] = json.loads(row["counts"]) if row["counts"] else {}
        for key in ("started_at", "finished_at"):
            row[key] = row[key].isoformat(timespec="seconds") if row[key] else None
    return rows
