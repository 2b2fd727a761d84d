"""History that is true across formats, on the real files (issue 11 item 1): the OFAC CSV and XML of the
same list, daily sdn.csv files that lack alt.csv and add.csv, and a list in NFD against NFC."""

from __future__ import annotations

import gzip
import itertools
import json
import tarfile
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tests.conftest import real_file
from tracker.pipeline import import_path
from tracker.results import SyncResult
from tracker.settings import Settings
from tracker.sources.registry import get_source
from tracker.store import queries

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.usefixtures("no_index_refresh")]

DAILY = "ofac/jackdwyer_daily"
ALIAS_KINDS = {"aka", "fka", "nka"}


def _imp(
    engine: Engine, settings: Settings, path: Path, date: str | None = None, source: str = "ofac_sdn"
) -> SyncResult:
    when = datetime.fromisoformat(date) if date else None
    result = import_path(
        get_source(source), path, engine=engine, settings=settings, published=when, force=True
    )
    assert result.status == "accepted", result.reason
    return result


def _modified(engine: Engine, day: str) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        log = queries.change_log(conn, source="ofac_sdn", since=datetime.fromisoformat(day))
    return {
        c["source_id"]: c["fields"] for c in log if c["change"] == "MODIFIED" and c["timeline_at"][:10] == day
    }


@pytest.mark.parametrize("order", ["csv first", "xml first"])
def test_csv_of_2024_05_03_then_xml_of_2024_05_07_is_one_addition(engine, settings, order: str) -> None:  # type: ignore[no-untyped-def]
    """The two files differ by one designation (KHOROSHEV, uid 48603, 2024-05-07), and in nothing
    else: SDN 12870 and 12871, whose XML remarks start with "Website www...", which the CSV writes
    exactly like a Website identifier, are Website identifiers in both (once MODIFIED here)."""
    csv = real_file(f"{DAILY}/2024-05-03T1843Z/sdn.csv.gz")
    xml = real_file("ofac/2024-05-07/sdn.xml.gz")
    if order == "csv first":
        _imp(engine, settings, csv, "2024-05-03T18:43")
        result = _imp(engine, settings, xml)
    else:  # the CSV is older: it is inserted before the XML already stored
        _imp(engine, settings, xml)
        _imp(engine, settings, csv, "2024-05-03T18:43")
        with engine.connect() as conn:
            result = next(s for s in queries.snapshots(conn, "ofac_sdn") if s.timeline_at.day == 7)
    assert (result.added, result.removed, result.modified) == (1, 0, 0)
    assert _modified(engine, "2024-05-07") == {}
    with engine.connect() as conn:
        added = [
            c for c in queries.change_log(conn, source="ofac_sdn") if c["timeline_at"][:10] == "2024-05-07"
        ]
    assert [c["source_id"] for c in added if c["change"] == "ADDED"] == ["48603"]


def _daily_files(tmp: Path, count: int) -> list[tuple[Path, str]]:
    """The first ``count`` daily sdn.csv files of the history archive, with their fetch times."""
    archive = real_file(f"{DAILY}/sdn_csv_history_2021-08-18_2024-05-03.tar.xz")
    out = []
    with tarfile.open(archive, "r:xz") as tar:
        members = (m for m in tar if m.name.startswith("sdn_") and m.name.endswith(".csv"))
        for member in itertools.islice(members, count):
            stamp = member.name[4:-4]  # 20210818T0939Z
            day = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[9:11]}:{stamp[11:13]}"
            folder = tmp / stamp
            folder.mkdir()
            extracted = tar.extractfile(member)
            assert extracted is not None
            (folder / "sdn.csv").write_bytes(extracted.read())
            out.append((folder, day))
    return out


def test_daily_files_after_a_full_set_remove_no_alias_or_address(engine, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """2021-04-25 full set (sdn, alt, add), then the first four daily sdn.csv files (2021-08-18 on):
    the dailies provide no alias or address, so no alias or address is recorded as removed or added
    at them, and every entry keeps the aliases the full set gave."""
    _imp(engine, settings, real_file("ofac/2021-04-25"), "2021-04-25")
    for folder, day in _daily_files(tmp_path, 4):
        _imp(engine, settings, folder, day)
    with engine.connect() as conn:
        log = queries.change_log(conn, source="ofac_sdn", since=datetime(2021, 5, 1))
        derkach = queries.entry_history(conn, "ofac_sdn", "29366")
    modified = [c for c in log if c["change"] == "MODIFIED"]
    assert modified  # the dailies do change things...
    for change in modified:  # ...but never an alias or an address
        for field in change["fields"]:
            assert field["field"] != "addresses", change
            if field["field"] == "names":
                moved = field.get("added", []) + field.get("removed", [])
                assert not [n for n in moved if n["kind"] in ALIAS_KINDS], change
    assert {n["full"] for n in derkach.current["names"] if n["kind"] in ALIAS_KINDS} == {
        "DERKACH, Andriy",
        "DERKACH, Andriy Leonidovych",
    }
    assert derkach.current["addresses"] and "not_provided" not in derkach.current


def test_derkach_keeps_his_aliases_from_2021_to_2024(engine, settings) -> None:  # type: ignore[no-untyped-def]
    """Full set 2021-04-25, daily files of 2021-08-18, 2022-02-23 and 2024-05-03, XML of 2024-05-07:
    no alias of Derkach (uid 29366) is removed in 2021 and added back in 2024."""
    _imp(engine, settings, real_file("ofac/2021-04-25"), "2021-04-25")
    for stamp in ("2021-08-18T0939Z", "2022-02-23T0152Z", "2024-05-03T1843Z"):
        _imp(
            engine,
            settings,
            real_file(f"{DAILY}/{stamp}/sdn.csv.gz"),
            f"{stamp[:10]}T{stamp[11:13]}:{stamp[13:15]}",
        )
    _imp(engine, settings, real_file("ofac/2024-05-07/sdn.xml.gz"))
    with engine.connect() as conn:
        history = queries.entry_history(conn, "ofac_sdn", "29366")
    names_changes = [f for c in history.changes for f in c["fields"] if f["field"] in ("names", "addresses")]
    assert names_changes == []
    assert [c["change"] for c in history.changes] == ["ADDED"]


def test_the_same_list_in_nfd_and_nfc_is_no_change(engine, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The EU list of 2024-05-13 (names in many scripts and accents), then the same file with every
    character decomposed (NFD): no entry changes."""
    nfc = real_file("eu/2024-05-13/20240513-FULL-1_1.xml.gz")
    text = gzip.decompress(nfc.read_bytes()).decode("utf-8")
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    nfd = tmp_path / "nfd.xml"
    nfd.write_text(
        decomposed.replace('generationDate="2024-05-13', 'generationDate="2024-05-14'), encoding="utf-8"
    )
    first = _imp(engine, settings, nfc, source="eu_fsf")
    second = _imp(engine, settings, nfd, source="eu_fsf")
    assert first.entries == second.entries == 4_808  # as tests/sources/test_eu.py counts them
    assert (second.added, second.removed, second.modified) == (0, 0, 0)
    with engine.connect() as conn:
        data = json.dumps(queries.entry_history(conn, "eu_fsf", _some_key_with_accents(conn)).current)
    assert unicodedata.is_normalized("NFC", data)


def _some_key_with_accents(conn: Any) -> str:
    rows = queries.change_log(conn, source="eu_fsf", limit=None)
    for row in rows:
        if not row["name"].isascii():
            return str(row["source_id"])
    raise AssertionError("no entry with a non-ASCII name")
