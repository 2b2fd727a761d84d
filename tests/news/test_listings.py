"""The scan context cached on disk (issue 14 item 6): reused while the store is unchanged, rebuilt
after a snapshot landed, and a broken cache file only costs a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.engine import Engine

import tracker.news.listings as listings
from tests.toysource import TOY, write_list
from tracker.pipeline import import_path
from tracker.settings import Settings

ROWS = {"29366": ("DERKACH, Andrii Leonidovych", "P")}


def test_scan_context_is_cached_until_the_store_changes(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    cache = tmp_path / "index" / "scan.pickle"
    builds: list[int] = []
    build = listings.build_scan_context

    def counting(conn: Connection) -> listings.ScanContext:
        builds.append(1)
        return build(conn)

    monkeypatch.setattr(listings, "build_scan_context", counting)
    with engine.connect() as conn:
        first = listings.load_scan_context(conn, cache)
        again = listings.load_scan_context(conn, cache)
    assert len(builds) == 1 and cache.exists()
    assert [f.key for f in again.index.scan("Andrii Derkach spoke.")] == [("toy", "29366")]
    assert len(again.index) == len(first.index) == 1
    later = {**ROWS, "29702": ("LIFSHITS, Artem Mikhaylovich", "P")}
    import_path(TOY, write_list(tmp_path, "b", "2020-10-01", later), engine=engine, settings=settings)
    with engine.connect() as conn:
        assert len(listings.load_scan_context(conn, cache).index) == 2
    assert len(builds) == 2
    cache.write_bytes(b"not a pickle")
    with engine.connect() as conn:
        assert len(listings.load_scan_context(conn, cache).index) == 2
    assert len(builds) == 3


def test_an_import_refreshes_the_cached_scan_index_once_news_is_in_use(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = settings.data_dir / "index" / "scan.pickle"
    import_path(TOY, write_list(tmp_path, "a", "2020-09-10", ROWS), engine=engine, settings=settings)
    assert not cache.exists()  # news never scanned: the sync builds nothing for it
    with engine.connect() as conn:
        listings.load_scan_context(conn, cache)
    later = {**ROWS, "29702": ("LIFSHITS, Artem Mikhaylovich", "P")}
    import_path(TOY, write_list(tmp_path, "b", "2020-10-01", later), engine=engine, settings=settings)

    def no_build(conn: Connection) -> listings.ScanContext:
        raise AssertionError("the scan index was not refreshed by the import")

    monkeypatch.setattr(listings, "build_scan_context", no_build)
    with engine.connect() as conn:  # the refreshed cache is read as it is
        assert len(listings.load_scan_context(conn, cache).index) == 2
