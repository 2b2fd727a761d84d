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
TOY_REGISTRY = {"toy": "tests.test_jobs_support:LIVE_TOY"}


def install_slow_hook(marker: Path, seconds: float) -> None:
    """Pause inside the snapshot's write transaction, at the first entry_version insert."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def slow(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ENTRY_VERSION") and not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(seconds)

    event.listen(Engine, "before_cursor_execute", slow)


def wait_at_gate(gate: Path) -> None:
    """Imports done: say so, then wait for the test to open the gate with last-moment settings (the
    sync time), so processes that start slowly on a busy machine still fire together."""
    import alembic.command  # noqa: F401  (the slow imports happen before the gate)

    import jobs.scheduler  # noqa: F401
    import tracker.cli

    tracker.cli._register_commands()

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
        install_slow_hook(
            Path(os.environ["JOBS_TEST_SLOW_MARKER"]), float(os.environ["JOBS_TEST_SLOW_SECONDS"])
        )
    if os.environ.get("JOBS_TEST_GATE"):
        wait_at_gate(Path(os.environ["JOBS_TEST_GATE"]))
    sys.argv = ["tracker", *sys.argv[1:]]
    tracker_main()


if __name__ == "__main__":
    main()
