"""The parse worker of a series import (tracker.prepared): files come back in order, and the worker
never outlives the process that started it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.toysource import TOY, write_list
from tracker.prepared import prepared_in_order

ROOT = Path(__file__).resolve().parents[1]

# The importing process: starts a series (so the worker exists), names the worker, then waits to be
# killed.
PARENT = """
import multiprocessing, sys, time
from pathlib import Path
from tests.toysource import TOY, write_list
from tracker.prepared import prepared_in_order

folder = Path(sys.argv[1])
paths = [write_list(folder, f"v{i}", f"2020-01-0{i}", {"1": ("DOE, John", "A")}) for i in range(1, 5)]
series = prepared_in_order(TOY, paths)
next(series)
print(*[child.pid for child in multiprocessing.active_children()], flush=True)
time.sleep(300)
"""


def _running(pid: int) -> bool:
    """True while ``pid`` is a live process (a zombie waiting for init to reap it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (macOS): ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return "\nState:\tZ" not in status


def test_series_comes_back_in_order(tmp_path):
    paths = [write_list(tmp_path, f"v{i}", f"2020-01-0{i}", {str(i): ("DOE, John", "A")}) for i in (3, 1, 2)]
    prepared = list(prepared_in_order(TOY, paths))
    assert [p.path.name for p in prepared] == ["v3", "v1", "v2"]
    assert [p.published_at.day for p in prepared if p.published_at] == [3, 1, 2]


def test_the_parse_worker_exits_when_its_parent_is_killed(tmp_path):
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 1 and _running(workers[0])
    finally:
        parent.send_signal(signal.SIGKILL)  # no cleanup code runs in the parent
        parent.wait(30)
    deadline = time.monotonic() + 20  # bounded: the worker reacts to its parent's sentinel at once
    while _running(workers[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _running(workers[0])
    if alive:
        os.kill(workers[0], signal.SIGKILL)
    assert not alive, "the parse worker outlived its parent"


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc")
def test_a_series_stops_at_once_when_the_worker_is_stuck_in_the_middle_of_a_result(tmp_path):
    """The trial's Ctrl-C hang, made certain: the import stopped while a parsed file (megabytes)
    was half sent, and waited forever for the rest of it. Here the worker is frozen in the middle of
    sending file 2 (each result is more than a pipe holds); stopping the series must not wait."""
    rows = {str(i): (f"PERSON {i:05d}, Name", "P") for i in range(3000)}
    paths = [write_list(tmp_path, f"v{day}", f"2020-01-0{day}", rows) for day in (1, 2, 3)]
    series = prepared_in_order(TOY, paths)
    next(series)
    (worker,) = multiprocessing.active_children()
    pid = worker.pid
    assert pid is not None
    try:
        deadline = time.monotonic() + 60  # bounds the wait for the worker to fill the pipe
        while not any("pipe_write" in t.read_text() for t in Path(f"/proc/{pid}/task").glob("*/wchan")):
            assert time.monotonic() < deadline, "the worker never blocked sending its result"
            time.sleep(0.02)
        os.kill(pid, signal.SIGSTOP)  # frozen half way through file 2's result
        closing = threading.Thread(target=series.close, daemon=True)
        closing.start()
        closing.join(30)
        assert not closing.is_alive(), "stopping the series waited for a result that never comes"
        assert not _running(pid)
    finally:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)


def test_control_characters_are_removed_from_every_text_field():
    from tracker.history.fingerprint import fingerprint_all
    from tracker.prepared import strip_controls
    from tracker.records import Address, EntityType, Identifier, ListEntry, Name

    dirty = ListEntry(
        "7",
        EntityType.ENTITY,
        [Name("ACME\x00 LTD"), Name("A\x0cB", first="x\x01")],
        programs=["P\x02"],
        identifiers=[Identifier("Pass\x00port", "12\x7f3")],
        addresses=[Address(city="Kyiv\r", note="line\nbreak\ttab")],
        details={"call\x00sign": "X\x03Y"},
    )
    clean = ListEntry("8", EntityType.ENTITY, [Name("PLAIN")])
    entries = [dirty, clean]
    assert strip_controls(entries, fingerprint_all(entries)) == ["7"]
    assert [n.full for n in dirty.names] == ["ACME LTD", "AB"] and dirty.names[1].first == "x"
    assert dirty.programs == ["P"] and dirty.details == {"callsign": "XY"}
    ids = dirty.identifiers[0]
    assert (ids.type, ids.number) == ("Passport", "12\x7f3")  # DEL is not a C0 control
    assert (dirty.addresses[0].city, dirty.addresses[0].note) == ("Kyiv", "line\nbreak\ttab")
    assert dirty.fingerprint_cache is None and fingerprint_all(entries)["7"].primary_name == "ACME LTD"


def test_a_field_far_beyond_any_real_lists_refuses_the_file_in_one_line(tmp_path):
    """The trial's huge.xml: one entry with a 50 MB name became the current UN list, and search
    printed it whole. A text of more than MAX_FIELD_CHARS (8 times the longest real field) in any
    field refuses the file, naming the entry and the field."""
    from tracker.prepared import MAX_FIELD_CHARS, prepare_file

    fine = write_list(tmp_path, "fine.txt", "2020-01-01", {"1": ("A" * MAX_FIELD_CHARS, "P")})
    assert prepare_file(TOY, fine, None).error is None
    name = write_list(tmp_path, "name.txt", "2020-01-01", {"1": ("A" * 70_000, "P"), "2": ("B", "P")})
    assert prepare_file(TOY, name, None).error == (
        "name.txt: entry 1: its name is 70,000 characters long, far beyond any real list's "
        "(limit 65,536); not loaded"
    )
    program = write_list(tmp_path, "program.txt", "2020-01-01", {"7": ("DOE, John", "P" * 70_000)})
    error = prepare_file(TOY, program, None).error
    assert error is not None and error.startswith("program.txt: entry 7: its programs is 70,000")
