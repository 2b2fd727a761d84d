"""Exports of real lists (../shared/data): the FtM files are valid for the followthemoney library, a
round trip through os_ftm gives back every entry (every name, date and identifier, and every other
field up to the documented conversions), and an FtM delta between two real snapshots turns the older
export into the newer one."""

from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.conftest import real_file
from tests.export.support import check_round_trip, ftm_problems
from tracker.export.delta import write_delta
from tracker.export.run import export_list
from tracker.pipeline import import_path
from tracker.report.diff import parse_point, resolve_windows
from tracker.sources import os_ftm
from tracker.sources.registry import get_source
from tracker.store.queries import snapshots

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.usefixtures("no_index_refresh")]


def _import(engine, settings, source: str, relative: str, published: str | None = None) -> None:
    when = None if published is None else datetime.fromisoformat(published)
    result = import_path(
        get_source(source), real_file(relative), engine=engine, settings=settings, published=when
    )
    assert result.status == "accepted", result.reason


def _export(engine, source: str, fmt: str, as_of: str | None = None) -> str:
    out = io.StringIO()
    with engine.connect() as conn:
        export_list(conn, source, fmt, out, as_of=as_of)
    return out.getvalue()


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _cut_sdn(tmp_path: Path) -> tuple[Path, int]:
    """The SDN XML of 2024-05-07 with its first 100 entries of each type (Individual, Entity, Vessel,
    Aircraft) and Record_Count set to match: real entries, a thirty-seventh of the store work."""
    root = etree.fromstring(gzip.decompress(real_file("ofac/2024-05-07/sdn.xml.gz").read_bytes()))
    seen: Counter[str] = Counter()
    for entry in root.findall("{*}sdnEntry"):
        kind = entry.findtext("{*}sdnType") or ""
        seen[kind] += 1
        if seen[kind] > 100:
            root.remove(entry)
    count = root.find("{*}publshInformation/{*}Record_Count")
    assert count is not None and len(seen) == 4
    count.text = "400"
    path = tmp_path / "sdn.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return path, 400


def _cut_eu(tmp_path: Path) -> tuple[Path, int]:
    """Every tenth sanctionEntity of the EU file of 2024-05-13 (names in many scripts and languages)."""
    root = etree.fromstring(gzip.decompress(real_file("eu/2024-05-13/20240513-FULL-1_1.xml.gz").read_bytes()))
    kept = set()
    for index, entity in enumerate(root.findall("{*}sanctionEntity")):
        if index % 10:
            root.remove(entity)
        else:
            kept.add(entity.get("logicalId"))
    path = tmp_path / "eu.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return path, len(kept)


@pytest.mark.parametrize("source", ["ofac_sdn", "eu_fsf", "un_sc"])
def test_ftm_export_is_valid_and_round_trips(engine, settings, tmp_path: Path, source):
    if source == "ofac_sdn":
        path, entries = _cut_sdn(tmp_path)
    elif source == "eu_fsf":
        path, entries = _cut_eu(tmp_path)
    else:
        path, entries = real_file("un/2026-02-27/consolidated.xml.gz"), 1003
    result = import_path(get_source(source), path, engine=engine, settings=settings)
    assert result.status == "accepted", result.reason
    stored = json.loads(_export(engine, source, "json"))["entries"]
    assert len(stored) == entries
    text = _export(engine, source, "ftm")
    lines = _lines(text)
    assert ftm_problems(lines) == []
    schemas = [e["schema"] for e in lines]
    assert schemas.count("Sanction") == entries  # one per listing
    path = tmp_path / "export.ftm.json"
    path.write_text(text, encoding="utf-8")
    for data in stored:
        data.pop("first_seen")
    check_round_trip(source, stored, os_ftm.parse(path))


def _apply(base: list[dict[str, Any]], delta: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    entities = {e["id"]: e for e in base}
    for line in delta:
        if line["op"] == "DEL":
            assert entities.pop(line["entity"]["id"]) == line["entity"]
        else:
            assert (line["op"] == "ADD") == (line["entity"]["id"] not in entities), line
            entities[line["entity"]["id"]] = line["entity"]
    return entities


@pytest.mark.parametrize(
    ("source", "old", "new"),
    [
        ("un_sc", ("un/2024-05-15/consolidated.xml.gz", None), ("un/2024-11-30/consolidated.xml.gz", None)),
        (
            "us_bis_dpl",
            ("us_bis_dpl/2019-06-29/dpl.txt", "2019-06-29"),
            ("us_bis_dpl/2023-11-30/dpl.txt", "2023-11-30"),
        ),
    ],
)
def test_delta_between_two_real_snapshots(engine, settings, source, old, new):
    _import(engine, settings, source, *old)
    _import(engine, settings, source, *new)
    with engine.connect() as conn:
        stored = snapshots(conn, source)
    first, last = f"snapshot:{stored[0].id}", f"snapshot:{stored[-1].id}"
    older = _lines(_export(engine, source, "ftm", as_of=first))
    newer = _lines(_export(engine, source, "ftm", as_of=last))
    out = io.StringIO()
    with engine.connect() as conn:
        windows = resolve_windows(conn, [source], parse_point(first, "--from"), parse_point(last, "--to"))
        counts = write_delta(conn, windows, out)[source]
    delta = _lines(out.getvalue())
    assert _apply(older, delta) == {e["id"]: e for e in newer}
    assert counts["ADD"] and counts["DEL"] and counts["MOD"]
    assert ftm_problems((e["entity"] for e in delta if e["op"] != "DEL"), references=False) == []
