"""The key-first cache file: a stale cache is recognised without unpickling what it holds."""

from __future__ import annotations

import gc
from pathlib import Path

from tracker import keyed_cache

LOADS: list[str] = []


class Recorded:
    """Records each time it is unpickled."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __setstate__(self, state: dict[str, str]) -> None:
        LOADS.append(state["label"])
        self.__dict__.update(state)


def test_the_object_is_read_only_under_its_own_key(tmp_path: Path) -> None:
    path = tmp_path / "index" / "x.pickle"
    keyed_cache.write(path, "store-1", Recorded("a"))
    LOADS.clear()
    assert keyed_cache.read(path, "store-2", Recorded) is None
    assert LOADS == []  # the stale object was never unpickled
    loaded = keyed_cache.read(path, "store-1", Recorded)
    assert loaded is not None and loaded.label == "a" and LOADS == ["a"]
    assert keyed_cache.read(path, "store-1", str) is None  # another type: rebuild


def test_missing_damaged_or_old_format_files_are_a_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    assert keyed_cache.read(path, "k", Recorded) is None
    path.write_bytes(b"not a pickle")
    assert keyed_cache.read(path, "k", Recorded) is None
    keyed_cache.write(path, "k", Recorded("b"))
    path.write_bytes(path.read_bytes()[:-5])  # cut short
    assert keyed_cache.read(path, "k", Recorded) is None


def test_freeze_only_after_a_successful_load(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    keyed_cache.write(path, "k", Recorded("c"))
    gc.unfreeze()
    try:
        assert keyed_cache.read(path, "other", Recorded, freeze=True) is None
        assert gc.get_freeze_count() == 0
        assert keyed_cache.read(path, "k", Recorded, freeze=True) is not None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    keyed_cache.write(blocker / "sub" / "x.pickle", "k", Recorded("d"))  # parent is a file
    assert not (blocker / "sub").exists()


def test_holds_reads_the_key_only(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    assert not keyed_cache.holds(path, "k1")  # no file
    keyed_cache.write(path, "k1", {"big": list(range(10))})
    assert keyed_cache.holds(path, "k1")
    assert not keyed_cache.holds(path, "k2")
    path.write_bytes(b"not a pickle")
    assert not keyed_cache.holds(path, "k1")


def test_a_frozen_load_runs_no_collection(tmp_path: Path) -> None:
    """The collector stays off from the load to the freeze: one allocation with it back on (closing
    the file did) collects the young generation, every object just loaded (up to 0.37 CPU s instead of
    0.26 for the five lists' scan index)."""
    path = tmp_path / "x.pickle"
    keyed_cache.write(path, "k", [[i] for i in range(20_000)])  # far beyond gen 0's threshold
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    was_enabled = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    gc.collect()
    gc.callbacks.append(count)
    try:
        loaded = keyed_cache.read(path, "k", list, freeze=True)
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
    assert loaded is not None and len(loaded) == 20_000
    assert runs == []
