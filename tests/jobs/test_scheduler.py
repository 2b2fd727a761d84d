"""Scheduled jobs: the sync job and its log, retries, firing at the set time, missed runs on start,
single flight against a manual sync, two schedulers on one database, kill -9 during a sync."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

import jobs.scheduler as sched
from jobs import JobContext, poll_news
from jobs.runlog import hostname
from tests.jobs.support import TOY_REGISTRY, write_atomically
from tests.store.test_locks import held_elsewhere
from tests.toysource import write_list
from tracker.cli import build_app
from tracker.settings import Settings
from tracker.sources import registry
from tracker.store.db import open_engine
from tracker.store.models import Entry, Snapshot
from tracker.store.runlog import recent_runs, start_run

ROOT = Path(__file__).resolve().parents[2]
ROWS = {str(i): (f"PERSON {i}", "A") for i in range(1, 41)}


def rows(n: int) -> dict[str, tuple[str, str]]:
    return {str(i): (f"PERSON {i}", "A") for i in range(1, n + 1)}


@pytest.fixture
def toy_registry(monkeypatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", dict(TOY_REGISTRY))


@pytest.fixture
def toy_settings(settings: Settings, tmp_path: Path) -> Settings:
    path = write_list(tmp_path, "toy.txt", "2024-01-02", ROWS)
    return settings.model_copy(update={"source_urls": {"toy": str(path)}, "schedule_news_minutes": 0})


@pytest.fixture
def ctx(toy_settings, engine, toy_registry) -> Iterator[JobContext]:
    yield JobContext(toy_settings, engine)
    sched._runtime = None


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def accepted(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(Snapshot.status == "accepted")).scalar_one())


def entries(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Entry)).scalar_one())


def finished(engine, job: str = "sync_lists") -> list[dict]:
    return [r for r in recent_runs(engine, limit=0, job=job) if r["status"] != "running"]


# --- the jobs themselves ------------------------------------------------------------------------------


def test_sync_job_logs_each_source_and_a_failure_does_not_stop_the_others(ctx, monkeypatch):
    monkeypatch.setitem(registry._REGISTRY, "broken", "tests.jobs.support:BROKEN")
    monkeypatch.setattr(registry, "_REGISTRY", {"broken": registry._REGISTRY["broken"], **TOY_REGISTRY})
    outcome = sched.execute(ctx, "sync_lists")
    assert (outcome.status, outcome.failed) == ("failed", ["broken"])
    runs = {r["source"]: r for r in recent_runs(ctx.engine)}
    assert runs["broken"]["status"] == "failed"
    assert runs["broken"]["error"] == "broken has no download URL; use `tracker import`"
    assert runs["toy"]["status"] == "ok" and runs["toy"]["error"] is None
    assert runs["toy"]["counts"] == {
        "result": "accepted",
        "entries": 40,
        "added": 40,
        "removed": 0,
        "modified": 0,
    }
    assert runs["toy"]["finished_at"] >= runs["toy"]["started_at"]
    assert runs["toy"]["pid"] == os.getpid()
    assert sched.execute(ctx, "sync_lists", sources=["toy"]).status == "ok"
    assert recent_runs(ctx.engine, limit=1)[0]["counts"]["result"] == "unchanged"


def test_failed_source_is_retried_with_backoff_then_waits_for_the_next_run(ctx, monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {"broken": "tests.jobs.support:BROKEN"})
    # The next daily run ~23 h away whatever the time of day, so every retry fits before it.
    daily = (datetime.now(UTC) - timedelta(hours=1)).strftime("%H:%M")
    ctx.settings = ctx.settings.model_copy(update={"schedule_sync_time": daily})
    scheduler = sched.build_scheduler(ctx)
    sched._runtime = sched.Runtime(ctx, scheduler)
    scheduler.start(paused=True)
    try:
        sched.ensure_jobs(scheduler, ctx.settings)
        before = datetime.now(UTC)
        sched.run_job("sync_lists")
        retry = scheduler.get_job("sync_lists:retry:broken")
        assert retry.kwargs == {"sources": ["broken"], "attempt": 2, "trigger": "retry"}
        assert timedelta(minutes=5) <= retry.next_run_time - before < timedelta(minutes=5, seconds=10)
        sched.run_job("sync_lists", sources=["broken"], attempt=3, trigger="retry")
        retry = scheduler.get_job("sync_lists:retry:broken")
        assert retry.kwargs["attempt"] == 4
        assert retry.next_run_time - before >= timedelta(minutes=45)
        scheduler.remove_job(retry.id)
        sched.run_job("sync_lists", sources=["broken"], attempt=4, trigger="retry")  # third retry failed
        assert scheduler.get_job("sync_lists:retry:broken") is None  # gives up until the daily run
        assert [r["attempt"] for r in recent_runs(ctx.engine)] == [4, 3, 1]
        assert recent_runs(ctx.engine)[0]["trigger"] == "retry"
    finally:
        scheduler.shutdown(wait=False)


def test_news_job_without_news_module_logs_not_available(ctx, monkeypatch):
    monkeypatch.setattr(poll_news, "news_function", lambda: None)
    assert sched.execute(ctx, "poll_news").status == "skipped"
    assert recent_runs(ctx.engine)[0]["error"] == "news scanning not available"
    monkeypatch.setattr(poll_news, "news_function", lambda: lambda **kw: {"articles": 3, "mentions": 1})
    assert sched.execute(ctx, "poll_news").status == "ok"
    assert recent_runs(ctx.engine)[0]["counts"] == {"articles": 3, "mentions": 1}


def test_cron_time_and_timezone_come_from_settings():
    settings = Settings(
        schedule_timezone="Europe/Berlin", schedule_sync_time="06:00", schedule_news_minutes=30
    )
    triggers = sched.wanted_triggers(settings)
    assert set(triggers) == {"sync_lists", "poll_news"}
    daily = triggers["sync_lists"]
    winter = daily.get_next_fire_time(None, datetime(2024, 1, 15, 0, 0, tzinfo=UTC))
    summer = daily.get_next_fire_time(None, datetime(2024, 7, 15, 0, 0, tzinfo=UTC))
    assert winter.astimezone(UTC) == datetime(2024, 1, 15, 5, 0, tzinfo=UTC)
    assert summer.astimezone(UTC) == datetime(2024, 7, 15, 4, 0, tzinfo=UTC)
    assert triggers["poll_news"].interval == timedelta(minutes=30)
    with pytest.raises(Exception, match="unknown time zone"):
        sched.wanted_triggers(Settings(schedule_timezone="Mars/Olympus"))


# --- the scheduler --------------------------------------------------------------------------------------


def test_job_fires_at_its_time(ctx):
    """The daily time from the settings becomes the job's next run; when that moment comes the job runs
    (a scheduled run), and the next run is the same time again. No race with the clock: the time is an
    hour ahead, and the test moves the stored run time to a moment already past, which is what the
    clock reaching it looks like to the scheduler."""
    at = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    ctx.settings = ctx.settings.model_copy(update={"schedule_sync_time": at.strftime("%H:%M:%S")})
    scheduler = sched.start(ctx)
    try:
        assert scheduler.get_job("sync_lists").next_run_time == at
        assert finished(ctx.engine) == []
        due = datetime.now(UTC).replace(microsecond=0)
        scheduler.modify_job("sync_lists", next_run_time=due)
        wait_for(lambda: len(finished(ctx.engine)) == 1, timeout=30)
        wait_for(lambda: scheduler.get_job("sync_lists").next_run_time == at, timeout=30)
    finally:
        sched.stop(scheduler, ctx)
    run = finished(ctx.engine)[0]
    assert run["status"] == "ok" and run["trigger"] == "scheduled"
    assert datetime.fromisoformat(run["started_at"]) >= due.replace(tzinfo=None)
    assert accepted(ctx.engine) == 1


def test_missed_runs_run_once_on_start_coalesced(ctx, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(poll_news, "news_function", lambda: lambda **kw: calls.append(1) or {"articles": 0})
    ctx.settings = ctx.settings.model_copy(update={"schedule_news_minutes": 5})
    first = sched.start(ctx)
    first.pause()
    now = datetime.now(UTC)
    # down for 3 days (beyond the 6 h grace) and for 3 news intervals (within it)
    first.modify_job("sync_lists", next_run_time=now - timedelta(days=3))
    first.modify_job("poll_news", next_run_time=now - timedelta(minutes=12))
    first.shutdown(wait=True)

    ctx.stopping.clear()
    second = sched.start(ctx)
    try:
        wait_for(lambda: len(finished(ctx.engine)) == 1 and len(calls) == 1, timeout=60)
        time.sleep(1.0)  # nothing more may come
        assert second.get_job("sync_lists").next_run_time > datetime.now(UTC)
        assert second.get_job("poll_news").next_run_time > datetime.now(UTC)
    finally:
        sched.stop(second, ctx)
    assert len(calls) == 1
    assert [r["status"] for r in finished(ctx.engine)] == ["ok"]
    assert [r["status"] for r in finished(ctx.engine, "poll_news")] == ["ok"]


def test_a_restart_catches_up_every_source_the_dead_daily_run_missed(ctx, tmp_path, monkeypatch):
    """The daily run of an hour ago was killed while syncing "toy" and never reached "toy2": on restart
    both are synced at once (in one catch-up job), not only the one in flight."""
    monkeypatch.setitem(registry._REGISTRY, "toy2", "tests.jobs.support:LIVE_TOY2")
    toy2 = write_list(tmp_path, "toy2.txt", "2024-01-02", rows(5))
    daily = (datetime.now(UTC) - timedelta(hours=1)).strftime("%H:%M")
    urls = {**ctx.settings.source_urls, "toy2": str(toy2)}
    ctx.settings = ctx.settings.model_copy(update={"schedule_sync_time": daily, "source_urls": urls})
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    start_run(
        ctx.engine,
        "sync_lists",
        source="toy",
        trigger="scheduled",
        attempt=1,
        host=hostname(),
        pid=int(dead.stdout),
    )
    scheduler = sched.start(ctx)
    try:
        wait_for(lambda: len(finished(ctx.engine)) == 3, timeout=60)
        time.sleep(0.5)  # nothing more may come
    finally:
        sched.stop(scheduler, ctx)
    runs = sorted((r["source"], r["trigger"], r["status"]) for r in finished(ctx.engine))
    assert runs == [("toy", "catch-up", "ok"), ("toy", "scheduled", "abandoned"), ("toy2", "catch-up", "ok")]


def test_no_catch_up_when_the_last_daily_run_reached_every_source(ctx):
    daily = (datetime.now(UTC) - timedelta(hours=1)).strftime("%H:%M")
    ctx.settings = ctx.settings.model_copy(update={"schedule_sync_time": daily})
    assert sched.execute(ctx, "sync_lists").status == "ok"  # the daily run, complete
    scheduler = sched.build_scheduler(ctx)
    sched._runtime = sched.Runtime(ctx, scheduler)
    scheduler.start(paused=True)
    try:
        sched.ensure_jobs(scheduler, ctx.settings)
        assert sched.unreached_sources(ctx, scheduler) == []
    finally:
        scheduler.shutdown(wait=False)


def test_manual_sync_while_the_source_is_locked_waits_then_fails(ctx, monkeypatch):
    """A sync blocked by another one waits up to TRACKER_LOCK_WAIT_SECONDS, then fails (retried),
    never a silent skip."""
    ctx = JobContext(ctx.settings.model_copy(update={"lock_wait_seconds": 0.2}), ctx.engine)
    reason = (
        "another sync or import of toy was still running after 0.2 s of waiting; "
        "run it again later (TRACKER_LOCK_WAIT_SECONDS sets the wait)"
    )
    with held_elsewhere(ctx.engine, "toy") as held:
        assert held
        outcome = sched.execute(ctx, "sync_lists")
        monkeypatch.setenv("TRACKER_DATA_DIR", str(ctx.settings.data_dir))
        monkeypatch.setenv("TRACKER_DATABASE_URL", ctx.settings.resolved_database_url)
        monkeypatch.setenv("TRACKER_SOURCE_URLS", json.dumps(ctx.settings.source_urls))
        monkeypatch.setenv("TRACKER_LOCK_WAIT_SECONDS", "0.2")
        cli = CliRunner().invoke(build_app(), ["sync", "toy", "--json"])
    assert outcome.status == "failed" and outcome.failed == ["toy"]
    run = recent_runs(ctx.engine)[0]
    assert (run["status"], run["error"]) == ("failed", reason)
    assert cli.exit_code == 1, cli.output
    result = json.loads(cli.stdout)[0]
    assert (result["status"], result["reason"]) == ("failed", reason)
    assert accepted(ctx.engine) == 0


def test_schedule_cli_list_runs_and_run_now(ctx, monkeypatch):
    monkeypatch.setenv("TRACKER_DATA_DIR", str(ctx.settings.data_dir))
    monkeypatch.setenv("TRACKER_DATABASE_URL", ctx.settings.resolved_database_url)
    monkeypatch.setenv("TRACKER_SOURCE_URLS", json.dumps(ctx.settings.source_urls))
    monkeypatch.setenv("TRACKER_SCHEDULE_SYNC_TIME", "07:15")
    app = build_app()
    listed = CliRunner().invoke(app, ["schedule", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    jobs = {j["id"]: j for j in json.loads(listed.stdout)}
    assert jobs["sync_lists"]["next_run_time"][11:16] == "07:15"
    shown = CliRunner().invoke(app, ["schedule", "list"])  # trial 4: "...T02:33:22.938826+00…"
    assert shown.exit_code == 0, shown.output
    (poll,) = [line for line in shown.stdout.splitlines() if "poll_news" in line]
    assert re.search(r"│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d\d:\d\d +│$", poll), poll
    assert "…" not in shown.stdout and "07:15:00" in shown.stdout
    ran = CliRunner().invoke(app, ["schedule", "run-now", "sync_lists", "--json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["runs"][0]["counts"]["added"] == 40
    table = CliRunner().invoke(app, ["schedule", "runs"])
    assert "sync_lists" in table.stdout and "manual" in table.stdout and "added 40" in table.stdout
    bad = CliRunner().invoke(app, ["schedule", "run-now", "nope"])
    assert bad.exit_code != 0


# --- several processes -----------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request, tmp_path) -> Iterator[str]:
    """One database for several processes: SQLite always, PostgreSQL when TRACKER_TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    base = os.environ.get("TRACKER_TEST_DATABASE_URL")
    if not base:
        pytest.skip("TRACKER_TEST_DATABASE_URL is not set: no PostgreSQL server to test against")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.jobs.support", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def process_env(url: str, tmp_path: Path, toy: Path, **extra: str) -> dict[str, str]:
    return {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_DATA_DIR": str(tmp_path / "data"),
        "TRACKER_SOURCE_URLS": json.dumps({"toy": str(toy)}),
        "TRACKER_SCHEDULE_NEWS_MINUTES": "0",
        **extra,
    }


def seed_due_sync(url: str, tmp_path: Path) -> None:
    """Store the daily sync job as due a minute ago (missed while no scheduler ran): any scheduler
    that starts runs it at once, so the test does not depend on reaching a clock time."""
    engine = open_engine(url)
    settings = Settings(data_dir=tmp_path / "data", database_url=url, schedule_news_minutes=0)
    scheduler = sched.build_scheduler(JobContext(settings, engine))
    sched.create_job_table(engine)
    scheduler.start(paused=True)
    try:
        sched.ensure_jobs(scheduler, settings)
        scheduler.modify_job("sync_lists", next_run_time=datetime.now(UTC) - timedelta(minutes=1))
    finally:
        scheduler.shutdown(wait=False)
        engine.dispose()


def passes(folder: Path) -> dict[int, list[str]]:
    """pid -> the lines each scheduler process logged (tests.jobs.support.install_pass_log)."""
    return {int(p.suffix[1:]): p.read_text().splitlines() for p in folder.glob("passes.*")}


def test_two_schedulers_on_one_database_do_not_double_sync(shared_url, tmp_path):
    """Both schedulers see the due daily sync in the shared job store; APScheduler 3 does not promise
    that only one of them runs it, so whether the second fires depends on which reads the store first.
    The sync job's lock must make the outcome the same either way: one sync, and a second scheduler
    that fired while the first was syncing logs "skipped". The pass log tells the test which fired."""
    engine = open_engine(shared_url)  # migrated up front: the processes start together
    seed_due_sync(shared_url, tmp_path)
    toy = write_list(tmp_path, "toy.txt", "2024-01-02", ROWS)
    gate, marker, release = tmp_path / "gate", tmp_path / "in-transaction", tmp_path / "release"
    env = process_env(
        shared_url,
        tmp_path,
        toy,
        JOBS_TEST_GATE=str(gate),
        JOBS_TEST_SLOW_MARKER=str(marker),
        JOBS_TEST_SLOW_SECONDS="120",  # the syncing one holds its locks until the test releases it
        JOBS_TEST_RELEASE=str(release),
        JOBS_TEST_PASS_LOG=str(tmp_path),
    )
    procs = [spawn(["schedule", "run"], env, tmp_path / f"sched{i}.log") for i in range(2)]
    try:
        wait_for(lambda: len(list(tmp_path.glob("gate.*.ready"))) == 2, timeout=60)
        write_atomically(gate, "{}")  # start together
        # One scheduler is inside the sync's write transaction, and both have looked at the due job.
        wait_for(lambda: marker.exists() and len(passes(tmp_path)) == 2, timeout=60)
        wait_for(lambda: all("pass" in lines for lines in passes(tmp_path).values()), timeout=60)
        fired = {pid for pid, lines in passes(tmp_path).items() if "submitted sync_lists" in lines}
        syncing = int(marker.read_text())
        assert syncing in fired
        wait_for(lambda: len(finished(engine)) == len(fired) - 1, timeout=60)  # the others: skipped
        release.touch()
        wait_for(lambda: len(finished(engine)) == len(fired), timeout=60)
    finally:
        release.touch()
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        codes = [proc.wait(60) for proc in procs]
    logs = "\n".join((tmp_path / f"sched{i}.log").read_text() for i in range(2))
    assert codes == [0, 0], logs
    assert "scheduler stopped" in logs
    runs = {r["pid"]: r for r in finished(engine)}
    assert set(runs) == fired
    assert (runs[syncing]["status"], runs[syncing]["counts"]["result"]) == ("ok", "accepted")
    for pid in fired - {syncing}:
        assert runs[pid]["status"] == "skipped"
        assert runs[pid]["error"] in {
            "another run of sync_lists is running",
            "another sync of toy is running",
        }
    assert accepted(engine) == 1 and entries(engine) == 40
    engine.dispose()


def test_kill_9_during_a_sync_then_restart_leaves_a_consistent_store(db_url, tmp_path):
    engine = open_engine(db_url)
    toy = write_list(tmp_path, "toy.txt", "2024-01-02", rows(40))
    env = process_env(db_url, tmp_path, toy)
    settings = Settings(data_dir=tmp_path / "data", database_url=db_url, source_urls={"toy": str(toy)})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(registry, "_REGISTRY", dict(TOY_REGISTRY))
        assert sched.execute(JobContext(settings, engine), "sync_lists").status == "ok"
    assert (accepted(engine), entries(engine)) == (1, 40)
    gate = tmp_path / "gate"  # the restarted scheduler waits, imports done, until the kill is over
    restart = spawn(["schedule", "run"], {**env, "JOBS_TEST_GATE": str(gate)}, tmp_path / "restart.log")

    write_list(tmp_path, "toy.txt", "2024-01-03", rows(300))  # the new list: 260 more entries
    marker = tmp_path / "in-transaction"
    slow = {**env, "JOBS_TEST_SLOW_MARKER": str(marker), "JOBS_TEST_SLOW_SECONDS": "60"}
    victim = spawn(["schedule", "run-now", "sync_lists"], slow, tmp_path / "victim.log")
    # inside the snapshot's write transaction; a new process on a busy machine can take a while to
    # get there, and waiting longer costs nothing when it is quick
    wait_for(marker.exists, timeout=90)
    victim.kill()
    victim.wait()
    assert (accepted(engine), entries(engine)) == (1, 40)  # nothing of the half-applied snapshot
    assert recent_runs(engine)[0]["status"] == "running"

    write_atomically(gate, "{}")
    try:
        wait_for(lambda: [r["status"] for r in recent_runs(engine)][:2] == ["ok", "abandoned"], timeout=90)
    finally:
        restart.send_signal(signal.SIGTERM)
        code = restart.wait(60)
    assert code == 0, (tmp_path / "restart.log").read_text()
    done, dead = recent_runs(engine)[:2]
    assert dead["error"].startswith(f"process {victim.pid} on ")
    assert (done["trigger"], done["counts"]["added"], done["counts"]["entries"]) == ("catch-up", 260, 300)
    assert (accepted(engine), entries(engine)) == (2, 300)
    with engine.connect() as conn:
        counts = (
            conn.execute(select(Snapshot.entry_count).where(Snapshot.status == "accepted")).scalars().all()
        )
    assert sorted(counts) == [40, 300]
    engine.dispose()
