"""Diff reports on real list files (../shared/data): OFAC CSV sets, OFAC daily scrapes, UN XML."""

from __future__ import annotations

import csv
import gzip
import io
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import real_file
from tracker.pipeline import import_path
from tracker.report.diff import Report, build_report, parse_point, resolve_windows
from tracker.sources.registry import get_source

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.usefixtures("no_index_refresh")]
DERKACH_GROUP = {"29366", "29702", "29703", "29745"}


def _import(engine, settings, source: str, path: Path, published: str | None = None) -> None:
    when = datetime.fromisoformat(published) if published else None
    result = import_path(
        get_source(source), path, engine=engine, settings=settings, published=when, force=True
    )
    assert result.status == "accepted", result.reason


def _report(engine, start: str | None = None, end: str | None = None, each: bool = False) -> Report:
    with engine.connect() as conn:
        windows = resolve_windows(conn, None, parse_point(start, "--from"), parse_point(end, "--to"))
        return build_report(conn, windows, each=each)


def _raw_uids(path: Path) -> set[str]:
    """ent_num of every row of an OFAC sdn.csv, read independently with the csv module."""
    with gzip.open(path, "rt", encoding="latin-1", newline="") as fh:
        return {row[0].strip() for row in csv.reader(fh) if row and row[0].strip().isdigit()}


def test_ofac_csv_sets_2019_to_2021_added_and_removed_match_the_raw_files(engine, settings):
    old_dir, new_dir = real_file("ofac/2019-01-04"), real_file("ofac/2021-04-25")
    _import(engine, settings, "ofac_sdn", old_dir, "2019-01-04")
    _import(engine, settings, "ofac_sdn", new_dir, "2021-04-25")
    old, new = _raw_uids(old_dir / "sdn.csv.gz"), _raw_uids(new_dir / "sdn.csv.gz")
    assert (len(old), len(new)) == (7379, 8890)

    report = _report(engine, "2019-01-04", "2021-04-25")
    table = report.table
    added = set(table[table.change == "added"].source_id)
    removed = set(table[table.change == "removed"].source_id)
    assert added == new - old and removed == old - new
    assert DERKACH_GROUP.issubset(added)
    derkach = table[table.source_id == "29366"].iloc[0]
    assert derkach.primary_name == "DERKACH, Andrii Leonidovych"
    assert derkach.programs == "ELECTION-EO13848"
    assert table[table.source_id == "29702"].iloc[0].programs == "CYBER2; ELECTION-EO13848"
    assert "DOB: 1967-08-19" in derkach.after and derkach.first_seen == "2021-04-25"
    # every modified entry is in both files and gets one row per changed field
    modified = table[table.change == "modified"]
    assert set(modified.source_id) <= old & new
    assert (modified.field != "").all() and not modified.duplicated(["source_id", "field"]).any()
    s = report.summaries[0]
    assert (s.added, s.removed, s.modified) == (len(new - old), len(old - new), modified.source_id.nunique())


def test_ofac_daily_2022_04_22_to_29_gives_498_modified_entries_with_field_rows(engine, settings):
    """499 rows of the two scrapes differ; one of them (17018, Sberbank) only inside a remarks column
    that is full (cut at 1,000 characters, and the scrape has no sdn_comments.csv): its remark facts
    are not provided by either file, so that difference is not a change the files state."""
    _import(
        engine, settings, "ofac_sdn", real_file("ofac/jackdwyer_daily/2022-04-22T1851Z"), "2022-04-22T18:51"
    )
    _import(
        engine, settings, "ofac_sdn", real_file("ofac/jackdwyer_daily/2022-04-29T1852Z"), "2022-04-29T18:52"
    )
    report = _report(engine)  # default: the snapshot before the latest -> the latest
    table = report.table
    assert set(table.change) == {"modified"}
    assert table.source_id.nunique() == 498 and "17018" not in set(table.source_id)
    s = report.summaries[0]
    assert (s.from_snapshot, s.to_snapshot, s.added, s.removed, s.modified) == (
        "2022-04-22 18:51",
        "2022-04-29 18:52",
        0,
        0,
        498,
    )
    assert (table.field != "").all() and ((table.before != "") | (table.after != "")).all()
    # the same step, listed snapshot by snapshot, is the same set of rows
    each = _report(engine, each=True).table
    assert sorted(zip(each.source_id, each.field, strict=True)) == sorted(
        zip(table.source_id, table.field, strict=True)
    )


def _un_ids(path: Path) -> set[str]:
    with gzip.open(path, "rb") as fh:
        root = ET.parse(io.BytesIO(fh.read())).getroot()
    return {el.findtext("DATAID", "").strip() for el in root.iter() if el.tag in {"INDIVIDUAL", "ENTITY"}}


def test_un_two_snapshots(engine, settings):
    pytest.importorskip("tracker.sources.un", reason="UN parser not available")
    old_file = real_file("un/2018-06-07/consolidated.xml.gz")
    new_file = real_file("un/2018-06-21/consolidated.xml.gz")
    _import(engine, settings, "un_sc", old_file)
    _import(engine, settings, "un_sc", new_file)
    report = _report(engine)
    table = report.table
    old, new = _un_ids(old_file), _un_ids(new_file)
    assert (len(old), len(new)) == (693 + 405, 695 + 405)
    assert set(table[table.change == "added"].source_id) == new - old
    assert set(table[table.change == "removed"].source_id) == old - new
    assert new - old  # this step does add entries
    assert report.summaries[0].to_snapshot == "2018-06-21 23:02"  # 19:02:22 at -04:00, in UTC
