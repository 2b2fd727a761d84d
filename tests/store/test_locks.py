"""Single flight per source: one holder at a time across threads/processes, re-entrant per thread,
released when the holder dies; a blocked sync or import waits for the holder."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.toysource import TOY, write_list
from tracker.pipeline import import_path
from tracker.results import SyncResult
from tracker.store.locks import lock_key, source_lock

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def held_elsewhere(engine, name: str) -> Iterator[bool]:
    """Hold the lock in another thread (so this thread's re-entrancy doesn't apply)."""
    got, release, done = threading.Event(), threading.Event(), threading.Event()
    result: list[bool] = []

    def holder() -> None:
        with source_lock(engine, name) as held:
            result.append(held)
            got.set()
            release.wait(10)
        done.set()

    thread = threading.Thread(target=holder)
    thread.start()
    assert got.wait(10)
    try:
        yield result[0]
    finally:
        release.set()
        thread.join(10)


def test_second_holder_is_refused_until_the_first_releases(engine):
    with held_elsewhere(engine, "toy") as first:
        assert first
        with source_lock(engine, "toy") as second:
            assert not second
        with source_lock(engine, "other") as unrelated:
            assert unrelated
    with source_lock(engine, "toy") as again:
        assert again


def test_lock_is_reentrant_in_one_thread(engine):
    with source_lock(engine, "toy") as outer:
        with source_lock(engine, "toy") as inner:
            assert outer and inner
        with held_elsewhere(engine, "toy") as other:
            assert not other  # still held by the outer block


def test_an_import_blocked_by_another_waits_for_it_and_lands(engine, settings, tmp_path, caplog):
    """Two imports started together: the second waits for the first (never "skipped" while its file
    stays out of the history), then lands."""
    path = write_list(tmp_path, "a", "2020-01-01", {"1": ("DOE, John", "A")})
    results: list[SyncResult] = []
    with held_elsewhere(engine, "toy") as held:
        assert held
        importer = threading.Thread(
            target=lambda: results.append(import_path(TOY, path, engine=engine, settings=settings))
        )
        importer.start()
        waiting = time.monotonic() + 30
        while "waiting for another sync or import" not in caplog.text and time.monotonic() < waiting:
            time.sleep(0.01)  # bounded poll for the importer to reach the lock; no race on the outcome
        assert "toy: waiting for another sync or import of it to finish (up to 600 s)" in caplog.text
        assert not results  # still waiting while the lock is held
    importer.join(30)
    assert [(r.status, r.ok) for r in results] == [("accepted", True)]


def test_a_wait_that_times_out_fails_naming_the_setting(engine, settings, tmp_path):
    path = write_list(tmp_path, "a", "2020-01-01", {"1": ("DOE, John", "A")})
    patient = settings.model_copy(update={"lock_wait_seconds": 0.2})
    with held_elsewhere(engine, "toy"):
        result = import_path(TOY, path, engine=engine, settings=patient)
    assert (result.status, result.ok) == ("failed", False)
    assert result.reason == (
        "another sync or import of toy was still running after 0.2 s of waiting; "
        "run it again later (TRACKER_LOCK_WAIT_SECONDS sets the wait)"
    )
    assert import_path(TOY, path, engine=engine, settings=patient).status == "accepted"


def test_source_lock_waits_for_a_release(engine):
    with held_elsewhere(engine, "toy"), source_lock(engine, "toy", wait=0.1) as held:
        assert not held
    with source_lock(engine, "toy", wait=0.1) as held:
        assert held


def test_lock_of_a_killed_process_is_released(engine, db_url):
    code = (
        "import sys, time; from tracker.store.db import make_engine; from tracker.store.locks import source_lock\n"
        "with source_lock(make_engine(sys.argv[1]), 'toy') as held:\n"
        "    print(held, flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, db_url], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "True"
        with source_lock(engine, "toy") as held:
            assert not held
    finally:
        child.kill()  # SIGKILL: no cleanup code runs in the child
        child.wait()
    with source_lock(engine, "toy") as held:
        assert held


def test_lock_keys_differ_by_schema_and_name():
    assert lock_key("public", "ofac_sdn") == lock_key("public", "ofac_sdn")
    assert (
        len({lock_key("public", "ofac_sdn"), lock_key("t_1", "ofac_sdn"), lock_key("public", "eu_fsf")}) == 3
    )
    assert -(2**63) <= lock_key("public", "x") < 2**63
