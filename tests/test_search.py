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


def test_an_older_file_imported_keeps_the_names_and_reads_the_dates_again(
    settings, engine, tmp_path: Path, monkeypatch
):
    """The trial: a search during an archive import rebuilt the whole index (17-23 s) after every
    file, though a file older than the current one changes only the history behind it."""
    from tracker import search

    monkeypatch.setattr("tracker.pipeline.REFRESHERS", [])  # the searches below load it themselves
    rows = {"1": ("DOE, John", "A"), "2": ("ROE, Jane", "B")}
    import_path(TOY, write_list(tmp_path, "v2", "2020-02-01", rows), engine=engine, settings=settings)
    builds: list[object] = []
    real_build = search.NameIndex.build
    monkeypatch.setattr(search.NameIndex, "build", lambda c: builds.append(1) or real_build(c))
    try:
        first = load_index(engine, settings)
        assert len(builds) == 1 and first.facts[("toy", "1")][0] == "2020-02-01"
        older = write_list(tmp_path, "v1", "2020-01-01", {"1": ("DOE, John", "A")})
        import_path(TOY, older, engine=engine, settings=settings, force=True)
        again = load_index(engine, settings)
        assert len(builds) == 1  # the same entries listed now: the names kept
        assert again.facts[("toy", "1")][0] == "2020-01-01"  # first seen earlier now
        assert again.facts[("toy", "2")][0] == "2020-02-01"
        assert load_index(engine, settings).facts == again.facts and len(builds) == 1  # cached
        newer = write_list(tmp_path, "v3", "2020-03-01", {**rows, "3": ("POE, Edgar", "C")})
        import_path(TOY, newer, engine=engine, settings=settings)
        assert ("toy", "3") in load_index(engine, settings).facts and len(builds) == 2
    finally:
        gc.unfreeze()


def test_a_cached_index_finds_what_the_built_one_found(settings, engine, tmp_path: Path, monkeypatch):
    """The cache keeps what the bounds derive from the index (token shapes, name weights, listed
    costs, abjad key tables), so that a new process's first query does not make them: read back, they
    must bound and rank as the built index's own did."""
    from tracker.search import find_matches

    monkeypatch.setattr("tracker.pipeline.REFRESHERS", [])
    rows = {
        "1": ("DERKACH, Andrii Leonidovych", "A"),
        "2": ("AL-RAWI, Abdulrahman", "A"),
        "3": ("محمد حسين الرفاعي", "B"),
        "4": ("Kim YOUNG-CHOL", "B"),
        "5": ("SHEVCHIK, Andrei Vladimirovich", "A"),
        "6": ("DERKACH, Oleksandr", "C"),
    }
    import_path(TOY, write_list(tmp_path, "v1", "2020-01-01", rows), engine=engine, settings=settings)
    queries = [
        "Andrei Derkach",
        "Andrii Derkacj",  # a typo the blocking keys miss: the token shapes' check
        "Abdul Rahman al Rawi",
        "Mohammed Hussein al Rifai",
        "محمد حسن",  # an abjad query: the abjad key tables
        "Kim Young Chol",
        "Derkach",
        "Andrei Shevchuk",
    ]
    try:
        built = load_index(engine, settings)  # builds and writes the cache
        expected = {q: find_matches(built, q, threshold=0.5) for q in queries}
        cached = load_index(engine, settings)  # read back, as a new process reads it
        assert cached is not built and cached.index._costs is not None  # kept, not made by a query
        assert {q: find_matches(cached, q, threshold=0.5) for q in queries} == expected
        assert [m.key for m in expected["Andrei Derkach"]][:1] == [("toy", "1")]
        assert any(m.key == ("toy", "3") for m in expected["محمد حسن"])
    finally:
        gc.unfreeze()
