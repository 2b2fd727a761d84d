"""`tracker schedule ...`: the long-running scheduler, its jobs, and the job-run log."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from tracker.cli.app import app, get_engine, get_settings
from tracker.cli.term import CleanFormatter, console, err, print_json, styled
from tracker.store.jobs_models import RunStatus

schedule_app = typer.Typer(help="Scheduled jobs: the daily sync and news polling.", no_args_is_help=True)
app.add_typer(schedule_app, name="schedule")

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


@schedule_app.command("run")
def run_cmd() -> None:
    """Run the scheduler until SIGTERM / Ctrl-C (see jobs/README.md for a systemd unit)."""
    from jobs import JobContext
    from jobs.scheduler import serve

    handler = logging.StreamHandler()
    handler.setFormatter(CleanFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    settings = get_settings()
    serve(JobContext(settings, get_engine(settings)))


@schedule_app.command("list")
def list_cmd(as_json: JsonOpt = False) -> None:
    """The jobs and their next run times (as stored by the scheduler)."""
    rows = stored_jobs()
    if as_json:
        print_json(rows)
        return
    table = Table("job", "trigger", "next run")
    for row in rows:
        table.add_row(row["name"], row["trigger"], _when(row["next_run_time"]))
    console.print(table)
    if rows and all(r.get("planned") for r in rows):
        err("no scheduler has run yet: times as `tracker schedule run` would plan them")


def _when(next_run_time: str | None) -> str:
    """A next run time as the table shows it: to the second, with its offset (trial 4: the ISO
    form's microseconds cut the offset off, "2026-12-02T02:33:22.938826+00…")."""
    if not next_run_time:
        return "paused"
    return datetime.fromisoformat(next_run_time).replace(microsecond=0).isoformat(sep=" ")


@schedule_app.command("runs")
def runs_cmd(
    job: Annotated[str | None, typer.Option(help="Only this job.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many runs (0: all).")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """The job-run log, newest first."""
    from jobs.runlog import mark_abandoned
    from tracker.store.runlog import recent_runs

    engine = get_engine(get_settings())
    mark_abandoned(engine)  # safe anywhere: only runs whose process is gone
    rows = recent_runs(engine, limit=limit, job=job, source=source)
    if as_json:
        print_json(rows)
        return
    table = Table("started", "job", "source", "trigger", "status", "took", "counts / error")
    for row in rows:
        table.add_row(
            (row["started_at"] or "").replace("T", " "),
            row["job"],
            row["source"] or "-",
            f"{row['trigger']} {row['attempt']}" if row["attempt"] > 1 else row["trigger"],
            _status(row["status"]),
            _took(row["started_at"], row["finished_at"]),
            row["error"] or _counts(row["counts"]),
        )
    console.print(table)
    if not rows:
        err("no job runs recorded yet")


@schedule_app.command("run-now")
def run_now_cmd(
    job: Annotated[str, typer.Argument(help="sync_lists, poll_news or prune_archive.")],
    source: Annotated[
        list[str] | None, typer.Option("--source", help="sync_lists: only these sources.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run one job now in this process (logged as a manual run); exit 1 if it failed."""
    from jobs import JobContext
    from jobs.scheduler import execute
    from tracker.store.runlog import recent_runs

    settings = get_settings()
    engine = get_engine(settings)
    outcome = execute(JobContext(settings, engine), job, sources=source or None, trigger="manual")
    runs = [r for r in recent_runs(engine, limit=0, job=job) if r["id"] in set(outcome.runs)]
    if as_json:
        print_json({"job": outcome.job, "status": outcome.status, "runs": runs})
    else:
        table = Table("job", "source", "status", "counts / error")
        for row in sorted(runs, key=lambda r: r["id"]):
            table.add_row(
                row["job"],
                row["source"] or "-",
                _status(row["status"]),
                row["error"] or _counts(row["counts"]),
            )
        console.print(table)
    if outcome.status == RunStatus.FAILED:
        raise typer.Exit(1)


def stored_jobs() -> list[dict[str, Any]]:
    """Jobs from the scheduler's store; when none was ever started, the jobs the settings would plan."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from sqlalchemy import inspect

    from jobs.scheduler import describe_jobs, timezone, wanted_triggers

    settings = get_settings()
    engine = get_engine(settings)
    if inspect(engine).has_table("apscheduler_jobs"):
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=engine)}, timezone=timezone(settings)
        )
        scheduler.start(paused=True)  # reads the store; runs nothing
        try:
            rows = describe_jobs(scheduler)
        finally:
            scheduler.shutdown(wait=False)
        if rows:
            return rows
    now = datetime.now(timezone(settings))
    return [
        {
            "id": name,
            "name": name,
            "trigger": str(trigger),
            "next_run_time": (t.isoformat() if (t := trigger.get_next_fire_time(None, now)) else None),
            "planned": True,
        }
        for name, trigger in wanted_triggers(settings).items()
    ]


def _status(status: str) -> Text:
    colour = {
        RunStatus.OK: "green",
        RunStatus.FAILED: "red",
        RunStatus.ABANDONED: "red",
        RunStatus.SKIPPED: "yellow",
    }.get(RunStatus(status), "")
    return styled((status, colour))


def _counts(counts: dict[str, Any]) -> str:
    # an API sync run (job api_sync) keeps each list's result: shown as how many
    return ", ".join(f"{k} {len(v)}" if isinstance(v, list) else f"{k} {v}" for k, v in counts.items())


def _took(start: str | None, end: str | None) -> str:
    if not start or not end:
        return "-"
    seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
