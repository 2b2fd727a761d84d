"""The name evaluation's query files are derived reproducibly from the list files and split by entity."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.name_eval.common import CONGRESS, HERE, LISTS, half_of, loose_key, read_queries, script_family
from bench.name_eval.derive import derive, parse_lists, write
from tests.conftest import real_file

pytestmark = [pytest.mark.slow, pytest.mark.realdata]


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for relative in [*LISTS.values(), CONGRESS]:
        real_file(relative)
    data = real_file(CONGRESS).parents[2]
    rows, excluded = derive(parse_lists(data), data)
    folder = tmp_path_factory.mktemp("name_eval")
    write(rows, excluded, folder)
    return folder


@pytest.mark.parametrize("name", ["tuning.csv", "test.csv", "excluded.csv"])
def test_derivation_reproduces_the_committed_files(derived: Path, name: str) -> None:
    # Derived in this process (another hash seed than the one that wrote the committed files).
    fresh = (derived / name).read_text(encoding="utf-8")
    committed = (HERE / name).read_text(encoding="utf-8")
    assert fresh == committed, f"bench/name_eval/{name} is stale: run `python -m bench.name_eval derive`"


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


def test_queries_are_fair_by_construction(derived: Path) -> None:
    rows = read_queries(derived / "tuning.csv") + read_queries(derived / "test.csv")
    for q in rows:
        if q.kind.startswith("loo"):
            assert script_family(q.query) not in (None, "Latin") and q.fold >= 0
        if q.kind == "cross-list":
            assert q.target and all(k.startswith(q.target + ":") for k in q.expected)
            assert loose_key(q.query)  # never empty
