"""os_ftm deltas: OpenSanctions' versions applied in order, through the store (a snapshot per
version, each step's diff exactly the version's ops), a version folder read as the dataset at that
version, and a delta file alone refused rather than read as the whole list."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import real_file
from tracker.errors import ParseError
from tracker.pipeline import import_path
from tracker.report.diff import Report, build_report, parse_point, resolve_windows
from tracker.sources import os_ftm
from tracker.sources.registry import get_source
from tracker.store.queries import snapshots

T2 = "opensanctions/yente_fixtures/t2"
# the four versions of the real fixture, their ops as read from the files
VERSIONS = {
    "20240527194702-wnk": ("ADD NK-2T3S8Hu29ktYnKSTgQp2wL", "ADD NK-2sJaJRaPJcWUfMbHjTtWcL"),
    "20240528014702-pfh": ("ADD NK-500Poltergeist", "MOD NK-2T3S8Hu29ktYnKSTgQp2wL"),
    "20240528074703-npf": ("DEL NK-500Poltergeist",),
    "20240528134729-3iv": ("ADD Q4365364",),
}


def _ids(report: Report, change: str) -> set[str]:
    table = report.table
    return set(table[table.change == change].source_id)


@pytest.mark.realdata
def test_versions_imported_in_order_give_one_snapshot_each_and_their_ops(engine, settings, caplog) -> None:  # type: ignore[no-untyped-def]
    root = real_file(T2)
    for version in VERSIONS:
        # force: one DEL of three entries trips the 10 % shrink guard
        result = import_path(
            get_source("os_ftm"), root / version, engine=engine, settings=settings, force=True
        )
        assert result.status == "accepted", result.reason
    with engine.connect() as conn:
        stored = snapshots(conn, "os_ftm")
        assert [s.published_at for s in stored] == [
            datetime.strptime(v[:14], "%Y%m%d%H%M%S") for v in VERSIONS
        ]
        steps = []
        for before, after in zip(stored, stored[1:], strict=False):
            windows = resolve_windows(
                conn,
                ["os_ftm"],
                parse_point(f"snapshot:{before.id}", "--from"),
                parse_point(f"snapshot:{after.id}", "--to"),
            )
            report = build_report(conn, windows)
            steps.append({c: _ids(report, c) for c in ("added", "removed", "modified")})
    assert steps == [
        {"added": {"NK-500Poltergeist"}, "removed": set(), "modified": {"NK-2T3S8Hu29ktYnKSTgQp2wL"}},
        {"added": set(), "removed": {"NK-500Poltergeist"}, "modified": set()},
        {"added": {"Q4365364"}, "removed": set(), "modified": set()},
    ]
    # every stored entry reads back (the search index refresh failed on a blank name once)
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


@pytest.mark.realdata
def test_a_version_folder_or_its_delta_file_is_the_dataset_at_that_version() -> None:
    root = real_file(T2)
    whole = os_ftm.parse(root)
    newest = os_ftm.parse(root / "20240528134729-3iv")
    assert [e.canonical() for e in newest.entries] == [e.canonical() for e in whole.entries]
    second = os_ftm.parse(root / "20240528014702-pfh" / "entities.delta.json")
    assert sorted(e.source_id for e in second.entries) == [
        "NK-2T3S8Hu29ktYnKSTgQp2wL",
        "NK-2sJaJRaPJcWUfMbHjTtWcL",
        "NK-500Poltergeist",
    ]
    assert second.published_at == datetime(2024, 5, 28, 1, 47, 2)


def _write(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


PERSON = {"id": "p1", "schema": "Person", "properties": {"name": ["Anna Example"]}}
OTHER = {"id": "p2", "schema": "Person", "properties": {"name": ["Boris Example"]}}


def test_a_delta_alone_is_refused(tmp_path: Path) -> None:
    lone = _write(
        tmp_path / "entities.delta.json", [{"op": "MOD", "entity": PERSON}, {"op": "DEL", "entity": OTHER}]
    )
    with pytest.raises(ParseError) as caught:
        os_ftm.parse(lone)
    assert str(caught.value) == (
        "entities.delta.json: a delta with 1 MOD and 1 DEL ops and no earlier version beside it; import "
        "the dataset folder (entities.ftm.json + <version>/entities.delta.json) or a version folder inside it"
    )
    # a version folder whose dataset holds nothing earlier: the same
    version = tmp_path / "dataset" / "20240101000000-abc"
    _write(version / "entities.delta.json", [{"op": "DEL", "entity": {"id": "p2"}}])
    with pytest.raises(ParseError, match="a delta with 1 DEL ops"):
        os_ftm.parse(version)


def test_ops_inside_one_file_and_over_a_base_are_fine(tmp_path: Path) -> None:
    # an ADD then a MOD of the same entity in one file: nothing outside the file is changed
    own = _write(
        tmp_path / "own.json",
        [{"op": "ADD", "entity": OTHER}, {"op": "MOD", "entity": {**OTHER, "caption": "Boris"}}, PERSON],
    )
    assert sorted(e.source_id for e in os_ftm.parse(own).entries) == ["p1", "p2"]
    dataset = tmp_path / "dataset"
    _write(dataset / "entities.ftm.json", [PERSON, OTHER])
    _write(dataset / "20240101000000-abc" / "entities.delta.json", [{"op": "DEL", "entity": {"id": "p2"}}])
    parsed = os_ftm.parse(dataset / "20240101000000-abc" / "entities.delta.json")
    assert [e.source_id for e in parsed.entries] == ["p1"] and parsed.warnings == []


@pytest.mark.realdata
def test_blank_names_are_not_names() -> None:
    """The real NK-500Poltergeist entity has name [""] and weakAlias [""]: its caption is its name."""
    parsed = os_ftm.parse(real_file(T2) / "20240528014702-pfh")
    entry = next(e for e in parsed.entries if e.source_id == "NK-500Poltergeist")
    assert entry.primary_name == "AL-QAIDA IN IRAQ"
    assert all(n.full.strip() for n in entry.names) and len(entry.names) > 50
