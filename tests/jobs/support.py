"""Helpers for the job tests (no tests here): a live toy source and a `tracker` entry point for
subprocesses, with an optional hook that makes the store write slow (to kill or overlap a sync)."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.toysource import TOY, parse
from tracker.records import ParsedList
from tracker.sources.common import read_bytes


def parse_download(path: Path) -> ParsedList:
    """The toy format as the download layer archives it (gzipped)."""
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / path.name.removesuffix(".gz")
        plain.write_bytes(read_bytes(path))
        return parse(plain)


LIVE_TOY = dataclasses.replace(TOY, live=True, parse=parse_download)
BROKEN = dataclasses.replace(LIVE_TOY, name="broken")  # no URL configured: fails every time
LIVE_TOY2 = dataclasses.replace(LIVE_TOY, name="toy2")  # a second live list
TOY_REGISTRY = {"toy": "tests.jobs.support:LIVE_TOY"}


def install_slow_hook(marker: Path, seconds: float, release: Path | None = None) -> None:
    """Pause inside the snapshot's write transaction, at the first entry_version insert: for
    ``seconds``, or (with ``release``) until the test creates that file (``seconds`` at most)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def slow(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ENTRY_VERSION") and not marker.exists():
            write_atomically(marker, str(os.getpid()))  # the test reads the pid once the marker exists
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not (release and release.exists()):
                time.sleep(0.05)

    event.listen(Engine, "before_cursor_execute", slow)


def install_pass_log(folder: Path) -> None:
    """Log this scheduler's work to ``folder/passes.<pid>``: "submitted <job id>" for each job it
    hands to its executor, "pass" after each round over the due jobs while running. Once a process
    has logged a pass, it has decided about every job that was due before that round began."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.base import STATE_RUNNING

    import jobs.scheduler

    log = folder / f"passes.{os.getpid()}"
    process_jobs = jobs.scheduler.TrackerScheduler._process_jobs
    submit_job = ThreadPoolExecutor.submit_job

    def write(line: str) -> None:
        with log.open("a") as fh:
            fh.write(line + "\n")

    def logged_submit(self: Any, job: Any, run_times: Any) -> Any:
        write(f"submitted {job.id}")
        return submit_job(self, job, run_times)

    def logged_process(self: Any) -> Any:
        running = self.state == STATE_RUNNING
        wait = process_jobs(self)
        if running:
            write("pass")
        return wait

    ThreadPoolExecutor.submit_job = logged_submit
    jobs.scheduler.TrackerScheduler._process_jobs = logged_process


def write_atomically(path: Path, text: str) -> None:
    """Write a file another process polls for: it appears whole or not at all."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text)
    partial.replace(path)


def wait_at_gate(gate: Path) -> None:
    """Imports done: say so, then wait for the test to open the gate with last-moment settings (the
    sync time), so processes that start slowly on a busy machine still fire together."""
    import alembic.command  # noqa: F401  (the slow imports happen before the gate)

    import jobs.scheduler  # noqa: F401
    import tracker.cli

    tracker.cli.build_app()

    Path(f"{gate}.{os.getpid()}.ready").touch()
    deadline = time.monotonic() + 60
    while not gate.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.environ.update(json.loads(gate.read_text()))


def main() -> None:
    from tracker.cli import main as tracker_main
    from tracker.sources import registry

    registry._REGISTRY.clear()
    registry._REGISTRY.update(TOY_REGISTRY)
    if os.environ.get("JOBS_TEST_SLOW_MARKER"):
        release = os.environ.get("JOBS_TEST_RELEASE")
        install_slow_hook(
            Path(os.environ["JOBS_TEST_SLOW_MARKER"]),
            float(os.environ["JOBS_TEST_SLOW_SECONDS"]),
            Path(release) if release else None,
        )
    if os.environ.get("JOBS_TEST_PASS_LOG"):
        install_pass_log(Path(os.environ["JOBS_TEST_PASS_LOG"]))
    if os.environ.get("JOBS_TEST_GATE"):
        wait_at_gate(Path(os.environ["JOBS_TEST_GATE"]))
    sys.argv = ["tracker", *sys.argv[1:]]
    tracker_main()


if __name__ == "__main__":
    main()
