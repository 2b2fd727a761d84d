"""The cached search index (tracker.search): reloading it in a long-running process leaves no garbage
behind for good (the load freezes the collector's view of the process)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from tests.toysource import TOY, write_list
from tracker.pipeline import import_path
from tracker.search import load_index


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_a_reload_lets_the_collector_free_what_the_last_load_froze(settings, engine, tmp_path: Path):
    import_path(
        TOY,
        write_list(tmp_path, "v1", "2020-01-01", {"1": ("DOE, John", "A")}),
        engine=engine,
        settings=settings,
    )
    try:
        load_index(engine, settings)  # builds and writes the cache
        load_index(engine, settings)  # reads it: freezes what is alive
        assert gc.get_freeze_count() > 0
        node = _Node()
        gone = weakref.ref(node)
        load_index(engine, settings)  # node alive here: frozen with the rest
        del node
        gc.collect()
        assert gone() is not None  # frozen: the collector cannot see it
        load_index(engine, settings)  # a reload (after a sync, in tracker serve)
        assert gone() is None
    finally:
        gc.unfreeze()
