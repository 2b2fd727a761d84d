"""Single flight per source: one holder at a time across threads/processes, re-entrant per thread,
released when the holder dies."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.toysource import TOY, write_list
from tracker.pipeline import import_path
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


def test_import_while_another_sync_holds_the_source_is_skipped(engine, settings, tmp_path):
    path = write_list(tmp_path, "a", "2020-01-01", {"1": ("DOE, John", "A")})
    with held_elsewhere(engine, "toy"):
        result = import_path(TOY, path, engine=engine, settings=settings)
    assert (result.status, result.reason, result.ok) == ("skipped", "another sync of toy is running", True)
    assert import_path(TOY, path, engine=engine, settings=settings).status == "accepted"


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
