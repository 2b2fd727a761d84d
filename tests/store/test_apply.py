"""History: snapshots applied in one transaction, field-level changes, out-of-order imports, guards."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.toysource import TOY, write_list
from tracker.errors import UsageError
from tracker.pipeline import import_path
from tracker.store import queries, timeline
from tracker.store.models import Change, EntryVersion, Snapshot

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")

V1 = {"1": ("DOE, John", "A"), "2": ("ROE, Jane", "A;B"), "3": ("ACME LTD", "B")}
V2 = {"1": ("DOE, John", "A;C"), "2": ("ROE, Jane", "B;A"), "4": ("NEW CO", "C")}  # 3 removed, 4 added
V3 = {"1": ("DOE, Johnny", "A;C"), "2": ("ROE, Jane", "A;B"), "4": ("NEW CO", "C"), "3": ("ACME LTD", "B")}


def _imp(engine, settings, path, **kw):
    return import_path(TOY, path, engine=engine, settings=settings, **kw)


def _states(engine, dates):
    with engine.connect() as conn:
        sid = queries.source_id(conn, "toy")
        return [
            {k: e.content_hash for k, e in timeline.state(conn, sid, datetime.fromisoformat(d)).items()}
            for d in dates
        ]


def _changes(engine):
    with engine.connect() as conn:
        return sorted(
            (c["timeline_at"], c["source_id"], c["change"], json.dumps(c["fields"], sort_keys=True))
            for c in queries.change_log(conn, source="toy")
        )


def test_first_and_second_snapshot_record_added_removed_modified(engine, settings, tmp_path: Path):
    first = _imp(engine, settings, write_list(tmp_path, "a", "2020-01-01", V1))
    assert (first.status, first.added, first.removed, first.modified) == ("accepted", 3, 0, 0)
    second = _imp(engine, settings, write_list(tmp_path, "b", "2020-02-01", V2))
    # entry 2 only reordered its programmes: not a change
    assert (second.added, second.removed, second.modified) == (1, 1, 1)
    with engine.connect() as conn:
        log = {(c["source_id"], c["change"]): c for c in queries.change_log(conn, source="toy")}
        modified = log[("1", "MODIFIED")]["fields"]
        assert modified == [
            {"field": "programs", "before": ["A"], "after": ["A", "C"], "added": ["C"], "removed": []}
        ]
        assert ("3", "REMOVED") in log and ("4", "ADDED") in log
        acme = queries.entry_history(conn, "toy", "3")
        assert acme.first_seen == datetime(2020, 1, 1)
        assert acme.last_seen == datetime(2020, 1, 1)
        assert acme.removed_at == datetime(2020, 2, 1)
        doe = queries.entry_history(conn, "toy", "1")
        assert doe.removed_at is None and doe.last_seen == datetime(2020, 2, 1)
        assert len(doe.versions) == 2


def test_out_of_order_import_gives_the_same_history_as_in_order(engine, settings, tmp_path: Path, db_url):
    files = [
        write_list(tmp_path, "a", "2020-01-01", V1),
        write_list(tmp_path, "b", "2020-02-01", V2),
        write_list(tmp_path, "c", "2020-03-01", V3),
    ]
    for path in (files[2], files[0], files[1]):  # newest first, then the oldest, then the middle
        assert _imp(engine, settings, path).status == "accepted"
    dates = ["2019-12-31", "2020-01-01", "2020-01-15", "2020-02-01", "2020-03-01", "2021-01-01"]
    scrambled_states, scrambled_changes = _states(engine, dates), _changes(engine)

    from tracker.store.db import open_engine

    in_order_settings = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'b.db'}"})
    in_order = open_engine(in_order_settings.resolved_database_url)
    for path in files:
        _imp(in_order, in_order_settings, path)
    assert scrambled_states == _states(in_order, dates)
    assert scrambled_changes == _changes(in_order)
    with engine.connect() as conn:
        counts = {
            r.timeline_at.date().isoformat(): (r.added, r.removed, r.modified)
            for r in queries.snapshots(conn, "toy")
        }
        acme = queries.entry_history(conn, "toy", "3")
    assert counts == {"2020-01-01": (3, 0, 0), "2020-02-01": (1, 1, 1), "2020-03-01": (1, 0, 1)}
    assert acme.removed_at is None and acme.first_seen == datetime(2020, 1, 1)
    assert [c["change"] for c in acme.changes] == ["ADDED", "REMOVED", "ADDED"]


def test_same_content_in_the_middle_extends_versions_instead_of_splitting(engine, settings, tmp_path):
    _imp(engine, settings, write_list(tmp_path, "a", "2020-01-01", V1))
    _imp(engine, settings, write_list(tmp_path, "c", "2020-03-01", V1))
    _imp(engine, settings, write_list(tmp_path, "b", "2020-02-01", V1))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(EntryVersion)).scalar_one() == 3
        assert conn.execute(select(func.count()).select_from(Change)).scalar_one() == 3


def test_shrunk_list_is_rejected_and_force_applies_it(engine, settings, tmp_path):
    big = {str(i): (f"NAME {i}", "A") for i in range(20)}
    small = {str(i): (f"NAME {i}", "A") for i in range(10)}
    _imp(engine, settings, write_list(tmp_path, "a", "2020-01-01", big))
    rejected = _imp(engine, settings, write_list(tmp_path, "b", "2020-02-01", small))
    assert (
        rejected.status == "rejected"
        and "entry count 10 is 50% below the 20 of the previous snapshot" in (rejected.reason or "")
    )
    assert _states(engine, ["2020-03-01"])[0].keys() == set(big)
    forced = _imp(engine, settings, write_list(tmp_path, "b", "2020-02-01", small), force=True)
    assert forced.status == "accepted" and forced.removed == 10 and forced.forced
    with engine.connect() as conn:
        statuses = [s.status for s in queries.snapshots(conn, "toy")]
    assert sorted(statuses) == ["accepted", "accepted", "rejected"]


def test_parse_error_is_recorded_and_changes_nothing(engine, settings, tmp_path):
    _imp(engine, settings, write_list(tmp_path, "a", "2020-01-01", V1))
    broken = tmp_path / "broken"
    broken.write_text("date: 2020-02-01\n1|only two fields\n")
    result = _imp(engine, settings, broken)
    assert result.status == "rejected" and "bad line" in (result.reason or "")
    assert _states(engine, ["2021-01-01"])[0].keys() == set(V1)


def test_importing_the_same_file_twice_is_a_no_op(engine, settings, tmp_path):
    path = write_list(tmp_path, "a", "2020-01-01", V1)
    _imp(engine, settings, path)
    again = _imp(engine, settings, path)
    assert again.status == "unchanged"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Snapshot)).scalar_one() == 1


def test_undated_file_needs_published(engine, settings, tmp_path):
    path = write_list(tmp_path, "a", None, V1)
    with pytest.raises(UsageError, match="--published"):
        _imp(engine, settings, path)
    assert _imp(engine, settings, path, published=datetime(2020, 1, 1)).status == "accepted"


def test_crash_in_the_middle_of_applying_leaves_the_previous_state(engine, settings, tmp_path, monkeypatch):
    _imp(engine, settings, write_list(tmp_path, "a", "2020-01-01", V1))
    before = _states(engine, ["2021-01-01"]), _changes(engine)

    import tracker.store.apply as apply_module

    def explode(*args, **kwargs):
        raise KeyboardInterrupt  # like Ctrl-C / a kill between two statements

    monkeypatch.setattr(apply_module, "_refresh_entries", explode)
    with pytest.raises(KeyboardInterrupt):
        _imp(engine, settings, write_list(tmp_path, "b", "2020-02-01", V2))
    assert (_states(engine, ["2021-01-01"]), _changes(engine)) == before
    with engine.connect() as conn:
        assert [s.status for s in queries.snapshots(conn, "toy")] == ["accepted"]
    monkeypatch.undo()
    assert _imp(engine, settings, write_list(tmp_path, "b", "2020-02-01", V2)).status == "accepted"


def test_remembered_state_equals_the_stored_state_after_each_import(engine, settings, tmp_path):
    import tracker.store.apply as apply_module
    import tracker.store.state_cache as state_cache

    state_cache._STATE_CACHE.clear()
    files = [
        write_list(tmp_path, "a", "2020-01-01", V1),
        write_list(tmp_path, "b", "2020-02-01", V2),
        write_list(tmp_path, "c", "2020-03-01", V3),
        write_list(tmp_path, "old", "2019-06-01", V3),  # out of order: before everything
        write_list(tmp_path, "d", "2020-04-01", V1),
        write_list(tmp_path, "e", "2020-01-10", V2),  # an out-of-order series into one gap
        write_list(tmp_path, "f", "2020-01-20", V3),
        write_list(tmp_path, "g", "2020-01-25", V1),
    ]
    remembered_inserts = 0
    for path in files:
        result = _imp(engine, settings, path, force=True)
        assert result.status == "accepted"
        (states,) = state_cache._STATE_CACHE.values()
        with engine.connect() as conn:
            sid = queries.source_id(conn, "toy")
            times = {s.id: s.timeline_at for s in queries.snapshots(conn, "toy")}
            for snapshot_id, (_count, state) in states.items():
                stored = apply_module._versions_at(conn, sid, times[snapshot_id], with_times=True)
                assert {k: (v.id, v.hash, v.valid_to) for k, v in state.items()} == {
                    k: (v.id, v.hash, v.valid_to) for k, v in stored.items()
                }
        assert result.snapshot_id in states
        remembered_inserts += len(states) == 2
    assert remembered_inserts == 4  # each file inserted before a later one left both states
    # the whole history equals a store that never used the memory
    state_cache._STATE_CACHE.clear()
    from tracker.store.db import open_engine

    other_settings = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'nocache.db'}"})
    other = open_engine(other_settings.resolved_database_url)
    for path in files:
        _imp(other, other_settings, path, force=True)
        state_cache._STATE_CACHE.clear()
    dates = ["2019-06-01", "2020-01-01", "2020-01-10", "2020-01-20", "2020-01-25", "2020-02-01", "2020-04-01"]
    assert _states(engine, dates) == _states(other, dates)
    assert _changes(engine) == _changes(other)
