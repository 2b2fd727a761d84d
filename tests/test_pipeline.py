"""The pipeline as the one wiring place: whoever syncs or imports (the CLI, the scheduler, a script),
the search index is refreshed after the store changed, once per batch; a failing refresher never
turns a stored snapshot into a failure."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

import jobs.scheduler as sched
import tracker.search
from jobs import JobContext
from tests.jobs.support import TOY_REGISTRY
from tests.toysource import TOY, write_list
from tracker import pipeline
from tracker.search import load_index, search
from tracker.settings import Settings
from tracker.sources import registry

ROWS = {"1": ("Andrii DERKACH", "A"), "2": ("ACME TRADING LTD", "B")}


def _no_build(*_args: object) -> None:
    raise AssertionError("the index was built on first use: the sync left it cold")


def test_a_scheduled_sync_leaves_a_warm_search_index(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", dict(TOY_REGISTRY))
    toy = write_list(tmp_path, "toy.txt", "2024-01-02", ROWS)
    settings = settings.model_copy(update={"source_urls": {"toy": str(toy)}})
    assert sched.execute(JobContext(settings, engine), "sync_lists").status == "ok"
    monkeypatch.setattr(tracker.search, "_build", _no_build)
    results = search(load_index(engine, settings), "Andrii Derkach")
    assert results[0]["source_id"] == "1"


def test_an_import_series_refreshes_once_and_only_when_something_landed(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "REFRESHERS", [lambda _e, _s: calls.append(1)])
    first = write_list(tmp_path, "a.txt", "2024-01-02", ROWS)
    second = write_list(tmp_path, "b.txt", "2024-01-03", {**ROWS, "3": ("NEW CO", "C")})
    results = pipeline.import_many(TOY, [(first, None), (second, None)], engine=engine, settings=settings)
    assert [r.status for r in results] == ["accepted", "accepted"] and calls == [1]
    again = pipeline.import_many(TOY, [(second, None)], engine=engine, settings=settings)
    assert [r.status for r in again] == ["unchanged"] and calls == [1]
    pipeline.import_many(TOY, [(first, None)], engine=engine, settings=settings, refresh=False)
    assert calls == [1]


@pytest.mark.skipif(
    signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    or threading.current_thread() is not threading.main_thread(),
    reason="Ctrl-C is Python's own only in the main thread with its default handler",
)
def test_a_ctrl_c_just_after_a_commit_waits_for_the_files_report(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trial: a Ctrl-C between a file's commit and its progress line left a stored snapshot
    unreported. Here it lands right after the commit (in the state read that follows it): the
    file is still reported, then the import stops; the next file is not applied."""
    from tracker import landing

    monkeypatch.setattr(pipeline, "REFRESHERS", [])
    real = landing.remember_state

    def ctrl_c_after_the_commit(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(landing, "remember_state", ctrl_c_after_the_commit)
    first = write_list(tmp_path, "a.txt", "2024-01-02", ROWS)
    second = write_list(tmp_path, "b.txt", "2024-01-03", {**ROWS, "3": ("NEW CO", "C")})
    reported: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        pipeline.import_many(
            TOY,
            [(first, None), (second, None)],
            engine=engine,
            settings=settings,
            on_result=lambda item, result: reported.append(f"{item.path.name} {result.status}"),
        )
    assert reported == ["a.txt accepted"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    monkeypatch.setattr(landing, "remember_state", real)
    (again,) = pipeline.import_many(TOY, [(first, None)], engine=engine, settings=settings)
    assert again.status == "unchanged"  # it was stored


def test_a_failing_refresher_does_not_fail_the_sync(
    settings: Settings,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(_engine: object, _settings: object) -> None:
        raise RuntimeError("index disk full")

    monkeypatch.setattr(pipeline, "REFRESHERS", [broken])
    path = write_list(tmp_path, "a.txt", "2024-01-02", ROWS)
    (result,) = pipeline.import_many(TOY, [(path, None)], engine=engine, settings=settings)
    assert result.status == "accepted" and result.entries == 2
    assert "refreshing an index after the sync failed" in caplog.text


@pytest.fixture(autouse=True)
def _no_scheduler_runtime() -> Iterator[None]:
    yield
    sched._runtime = None


def test_control_characters_in_list_text_are_stripped_with_a_warning_on_every_backend(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    """One NUL policy for SQLite and PostgreSQL (which refuses NUL in text): NUL and other C0
    controls are removed before storing, tab and newline kept, and the import says which entries."""
    from tracker.store import queries

    path = tmp_path / "nul.txt"
    path.write_text("date: 2020-01-01\n1|DOE\x00, John\x07|A;B\x1b\n2\x00|ROE, Jane\t|C\n3|CLEAN, Name|D\n")
    result = pipeline.import_path(TOY, path, engine=engine, settings=settings)
    assert (result.status, result.entries) == ("accepted", 3)
    assert result.warnings[-1] == (
        "removed control characters (NUL and others; tab and newline kept) from the text of 2 entries: 1, 2"
    )
    with engine.connect() as conn:
        john = queries.entry_history(conn, "toy", "1")
        jane = queries.entry_history(conn, "toy", "2")
        (snapshot,) = queries.snapshots(conn, "toy")
    assert john.primary_name == "DOE, John" and john.current is not None
    assert john.current["programs"] == ["A", "B"]
    assert jane.primary_name == "ROE, Jane\t"
    assert snapshot.warnings.endswith("of 2 entries: 1, 2")
    again = pipeline.import_path(TOY, path, engine=engine, settings=settings)
    assert again.status == "unchanged"  # the same file: the same cleaned content


def test_sources_sync_in_parallel_and_report_in_order(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both downloads are in flight at once (a barrier of two that a one-at-a-time sync could never
    pass), the second source lands first, and the results still come back in the order asked."""
    import dataclasses
    import threading

    from tests.jobs.support import LIVE_TOY

    specs = [LIVE_TOY, dataclasses.replace(LIVE_TOY, name="toy2")]
    urls = {spec.name: str(write_list(tmp_path, f"{spec.name}.txt", "2024-01-02", ROWS)) for spec in specs}
    settings = settings.model_copy(update={"source_urls": urls})
    both_downloading = threading.Barrier(2, timeout=30)
    second_landed = threading.Event()
    real_download, real_apply = pipeline.download_list, pipeline.apply_file

    def download(spec, *args, **kwargs):  # type: ignore[no-untyped-def]
        both_downloading.wait()
        if spec.name == "toy":
            assert second_landed.wait(30)
        return real_download(spec, *args, **kwargs)

    def apply(spec, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_apply(spec, *args, **kwargs)
        if spec.name == "toy2":
            second_landed.set()
        return result

    monkeypatch.setattr(pipeline, "download_list", download)
    monkeypatch.setattr(pipeline, "apply_file", apply)
    reported: list[str] = []
    results = pipeline.sync_sources(
        specs, engine=engine, settings=settings, on_result=lambda spec, _r: reported.append(spec.name)
    )
    assert [(r.source, r.status, r.entries) for r in results] == [
        ("toy", "accepted", 2),
        ("toy2", "accepted", 2),
    ]
    assert reported == ["toy", "toy2"]


def test_a_stopped_sync_starts_no_more_sources(settings: Settings, engine: Engine, tmp_path: Path) -> None:
    import dataclasses
    import threading

    from tests.jobs.support import LIVE_TOY

    specs = [dataclasses.replace(LIVE_TOY, name=f"toy{i}") for i in range(3)]
    urls = {spec.name: str(write_list(tmp_path, f"{spec.name}.txt", "2024-01-02", ROWS)) for spec in specs}
    stopping = threading.Event()
    stopping.set()
    results = pipeline.sync_sources(
        specs,
        engine=engine,
        settings=settings.model_copy(update={"source_urls": urls, "sync_workers": 1}),
        stopping=stopping,
    )
    assert results == []


def test_a_news_scan_of_files_makes_no_http_client(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files and stdin need no HTTP stack (part of `news scan --file`'s start, issue 14 item 6): the
    client is made only for a URL, a feed or a webhook."""
    pipeline.import_path(
        TOY, write_list(tmp_path, "toy", "2020-09-10", ROWS), engine=engine, settings=settings
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "Treasury sanctions Ukrainian lawmaker\n\nThe US sanctioned Andrii Derkach on Thursday.\n"
    )

    def no_client(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an HTTP client was made")

    monkeypatch.setattr(pipeline, "new_client", no_client)
    done = pipeline.scan_news(engine=engine, settings=settings, files=[article])
    assert not done.failures and [m["name"] for m in done.mentions] == ["Andrii DERKACH"]
    with pytest.raises(AssertionError, match="an HTTP client was made"):
        pipeline.scan_news(
            engine=engine, settings=settings, files=[article], webhook_url="http://127.0.0.1:9/"
        )


def test_a_local_file_synced_by_hand_is_as_old_as_its_date(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trial: `sync us_bis_dpl --url .../2023-11-30/dpl.txt` (no date inside) was stored as
    published today, so search called the list current. Like `tracker import`: the date in its
    path, else refused with the way to date it."""
    monkeypatch.setattr(pipeline, "REFRESHERS", [])
    folder = tmp_path / "2023-11-30"
    folder.mkdir()
    old = write_list(folder, "list.txt", None, ROWS)
    (result,) = pipeline.sync_sources([TOY], engine=engine, settings=settings, url=str(old))
    assert (result.status, f"{result.timeline_at:%Y-%m-%d}") == ("accepted", "2023-11-30")
    undated = write_list(tmp_path, "list.txt", None, {**ROWS, "3": ("NEW CO", "C")})
    (refused,) = pipeline.sync_sources([TOY], engine=engine, settings=settings, url=str(undated))
    assert refused.status == "failed" and refused.reason == (
        f"{undated} carries no publication date, and its name none either (e.g. 2021-04-25 or "
        "20210425T1850Z); import it with `tracker import toy PATH --published YYYY-MM-DD`"
    )


def test_an_import_years_from_its_neighbour_is_not_held_by_the_shrink_guard(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trial: `import un_sc data/un` refused the real 2024-05-15 file (875 entries, 4 years after
    the 2020 one) by the 10 % guard. A file loaded by hand is guarded only against a snapshot within
    a month of it (a truncated daily file); a sync's download always."""
    monkeypatch.setattr(pipeline, "REFRESHERS", [])
    many = {str(i): (f"PERSON {i}", "P") for i in range(20)}
    few = {key: many[key] for key in list(many)[:10]}
    first = write_list(tmp_path, "a.txt", "2020-03-20", many)
    later = write_list(tmp_path, "b.txt", "2024-05-15", few)
    near = write_list(tmp_path, "c.txt", "2020-04-01", few)
    results = pipeline.import_many(
        TOY, [(first, None), (later, None), (near, None)], engine=engine, settings=settings
    )
    assert [r.status for r in results] == ["accepted", "accepted", "rejected"]
    assert results[2].reason == (
        "entry count 10 is 50% below the 20 of the previous snapshot (limit 10%); use --force if this is real"
    )
    synced = write_list(tmp_path, "d.txt", "2027-01-01", {key: many[key] for key in list(many)[:5]})
    (result,) = pipeline.sync_sources([TOY], engine=engine, settings=settings, url=f"file://{synced}")
    assert result.status == "rejected"


def test_the_shrink_guard_compares_with_the_accepted_snapshots_on_both_sides(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard compared only with the accepted snapshot just before the file: a cut-off file
    dated before the stored list (an out-of-order import, a download stating an older date) had
    none before it and was kept, 17 of 20 entries "removed" then "added" again. A rejected snapshot
    is never the comparison: after one, the next file is compared with the last accepted list."""
    monkeypatch.setattr(pipeline, "REFRESHERS", [])
    many = {str(i): (f"PERSON {i}", "P") for i in range(20)}
    few = {key: many[key] for key in list(many)[:3]}
    full = write_list(tmp_path, "a.txt", "2020-03-20", many)
    cut_after = write_list(tmp_path, "b.txt", "2020-03-25", few)
    near_full = write_list(tmp_path, "c.txt", "2020-03-30", {key: many[key] for key in list(many)[:19]})
    cut_before = write_list(tmp_path, "d.txt", "2020-03-10", few)
    results = pipeline.import_many(
        TOY,
        [(full, None), (cut_after, None), (near_full, None), (cut_before, None)],
        engine=engine,
        settings=settings,
    )
    assert [r.status for r in results] == ["accepted", "rejected", "accepted", "rejected"]
    assert (
        results[1].reason
        == "entry count 3 is 85% below the 20 of the previous snapshot (limit 10%); use --force if this is real"
    )
    assert results[3].reason == (
        "entry count 3 is 85% below the 20 of the snapshot after it (2020-03-20; limit 50%); "
        "use --force if this is real"
    )
    synced = write_list(tmp_path, "e.txt", "2020-03-01", few)  # a download dated before them all
    (result,) = pipeline.sync_sources([TOY], engine=engine, settings=settings, url=f"file://{synced}")
    assert result.status == "rejected" and "below the 20 of the snapshot after it" in (result.reason or "")
    older = write_list(tmp_path, "f.txt", "2019-01-01", few)  # a year before: a list may grow so
    grown = write_list(tmp_path, "g.txt", "2020-03-15", {key: many[key] for key in list(many)[:11]})
    kept = pipeline.import_many(TOY, [(older, None), (grown, None)], engine=engine, settings=settings)
    assert [r.status for r in kept] == ["accepted", "accepted"]  # 11 of 20: growth, not a cut-off


def test_a_configured_local_mirror_is_synced_as_a_download(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TRACKER_SOURCE_URLS naming a local file (an air-gapped mirror a job refreshes) is not a file
    given by hand: a file without a date is stored as fetched now, as an http download is."""
    monkeypatch.setattr(pipeline, "REFRESHERS", [])
    mirror = write_list(tmp_path, "list.txt", None, ROWS)
    settings = settings.model_copy(update={"source_urls": {"toy": str(mirror)}})
    (result,) = pipeline.sync_sources([TOY], engine=engine, settings=settings)
    assert result.status == "accepted" and result.timeline_at is not None
    assert result.timeline_at > pipeline.utcnow() - timedelta(hours=1)


def test_a_file_dated_in_the_future_is_refused_and_the_list_is_kept(
    settings: Settings, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second trial: a file in a folder named 20991231 was stored as published 2099-12-31, so
    the list was never stale and every real file after it slotted in before it."""
    monkeypatch.setattr(pipeline, "REFRESHERS", [])
    real = write_list(tmp_path, "real.txt", "2020-09-10", ROWS)
    (kept,) = pipeline.sync_sources([TOY], engine=engine, settings=settings, url=str(real))
    assert kept.status == "accepted"
    future = write_list(tmp_path, "future.txt", "2099-12-31", {**ROWS, "3": ("NEW CO", "C")})
    (refused,) = pipeline.sync_sources([TOY], engine=engine, settings=settings, url=str(future))
    assert (refused.status, refused.reason) == (
        "rejected",
        "dated 2099-12-31, in the future: a wrong date (or clock); refused",
    )
    index = load_index(engine, settings)
    assert search(index, "NEW CO", threshold=0.9) == []  # the list stored is still the real one
