"""The name evaluation's query files are derived reproducibly from the list files and split by entity.

They hold the lists' own names, so only their sha256 is committed (bench/name_eval/queries.sha256)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.name_eval import derive as derive_module
from bench.name_eval.common import CONGRESS, LISTS, half_of, loose_key, read_queries, script_family
from bench.name_eval.derive import derive, digests, parse_lists, recorded_digests, write
from tests.conftest import real_file


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for relative in [*LISTS.values(), CONGRESS]:
        real_file(relative)
    data = real_file(CONGRESS).parents[2]
    rows, excluded = derive(parse_lists(data), data)
    folder = tmp_path_factory.mktemp("name_eval")
    write(rows, excluded, folder)
    return folder


@pytest.mark.slow
@pytest.mark.realdata
def test_derivation_reproduces_the_recorded_files(derived: Path) -> None:
    # Derived in this process (another hash seed than the one that recorded the files).
    assert digests(derived) == recorded_digests(), (
        "bench/name_eval/queries.sha256 is stale: run `python -m bench.name_eval derive --record`"
    )


def test_queries_are_derived_once_and_a_drift_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, record = tmp_path / "queries", tmp_path / "queries.sha256"
    monkeypatch.setattr(derive_module, "QUERIES", folder)
    monkeypatch.setattr(derive_module, "RECORD", record)
    monkeypatch.setattr(derive_module, "parse_lists", lambda data: [])
    calls: list[str] = []

    def fake_derive(entries: object, data: Path) -> tuple[list[object], list[object]]:
        calls.append("derived")
        return [], []

    monkeypatch.setattr(derive_module, "derive", fake_derive)
    write([], [], folder)
    derive_module.record(folder)
    assert derive_module.ensure_queries(tmp_path, calls.append) == folder
    assert calls == []  # the files on disk are the recorded ones: nothing derived
    (folder / "test.csv").write_text("tampered\n", encoding="utf-8")
    derive_module.ensure_queries(tmp_path, lambda line: None)
    assert calls == ["derived"] and digests(folder) == recorded_digests_of(record)
    record.write_text(record.read_text(encoding="utf-8").replace("test.csv", "other.csv"), encoding="utf-8")
    with pytest.raises(derive_module.DeriveError, match="queries.sha256"):
        derive_module.ensure_queries(tmp_path, lambda line: None)


def recorded_digests_of(record: Path) -> dict[str, str]:
    return {name: digest for digest, name in (line.split() for line in record.read_text().splitlines())}


@pytest.mark.slow
@pytest.mark.realdata
def test_split_is_by_entity(derived: Path) -> None:
    rows = read_queries(derived / "tuning.csv") + read_queries(derived / "test.csv")
    half_of_entry: dict[str, set[str]] = defaultdict(set)
    for q in rows:
        assert q.half == half_of(q.group)
        for key in q.expected:
            half_of_entry[key].add(q.half)
        if q.kind == "cross-list":  # the entry the query's spelling comes from is in the same group
            half_of_entry[q.note.split(" ", 1)[0]].add(q.half)
    assert rows and all(len(halves) == 1 for halves in half_of_entry.values())
    kinds = {q.kind for q in rows}
    assert {"loo", "cross-list", "negative", "variants"} <= kinds
    assert sum(q.kind == "negative" for q in rows) >= 1000


@pytest.mark.slow
@pytest.mark.realdata
def test_queries_are_fair_by_construction(derived: Path) -> None:
    rows = read_queries(derived / "tuning.csv") + read_queries(derived / "test.csv")
    for q in rows:
        if q.kind.startswith("loo"):
            assert script_family(q.query) not in (None, "Latin") and q.fold >= 0
        if q.kind == "cross-list":
            assert q.target and all(k.startswith(q.target + ":") for k in q.expected)
            assert loose_key(q.query)  # never empty
