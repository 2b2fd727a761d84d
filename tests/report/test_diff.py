"""Diff reports over the toy list and a small JSON-lines list: netting, --each, rendering, errors, writers."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.toysource import TOY, write_list
from tracker.errors import NotFound, UsageError
from tracker.pipeline import import_path
from tracker.records import EntityType, Identifier, ListEntry, Name, NameKind, ParsedList
from tracker.report import render
from tracker.report.diff import COLUMNS, Report, build_report, parse_point, resolve_windows
from tracker.report.writers import format_for, neutralise, write_report
from tracker.sources.base import SourceSpec

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")

V1 = {"1": ("DOE, John", "A"), "2": ("ROE, Jane", "A;B"), "3": ("ACME LTD", "B")}
V2 = {"1": ("DOE, John", "A;C"), "2": ("ROE, Jane", "B;A"), "4": ("NEW CO", "C")}  # 3 out, 4 in
V3 = {"1": ("DOE, Johnny", "A;C"), "2": ("ROE, Jane", "A;B"), "3": ("ACME LTD", "B")}  # 4 out, 3 back


def _parse_jsonl(path: Path) -> ParsedList:
    """One entry per line: {"id", "type", "names": [[full, kind, script?]], "dob", "ids": [[type, no]]}."""
    lines = path.read_text().splitlines()
    published = datetime.fromisoformat(lines.pop(0))
    entries = []
    for line in lines:
        row = json.loads(line)
        entries.append(
            ListEntry(
                row["id"],
                EntityType(row.get("type", "individual")),
                [Name(n[0], NameKind(n[1]), script=n[2] if len(n) > 2 else None) for n in row["names"]],
                programs=row.get("programs", []),
                birth_dates=row.get("dob", []),
                identifiers=[Identifier(t, n) for t, n in row.get("ids", [])],
                details=row.get("details", {}),
                remarks=row.get("remarks"),
            )
        )
    return ParsedList(entries, published_at=published, format="jsonl")


JSONL = SourceSpec(
    name="jl", title="JSON lines", publisher="tests", parse=_parse_jsonl, default_url=None, live=False
)


def _jl(folder: Path, name: str, date: str, rows: list[dict[str, Any]]) -> Path:
    path = folder / name
    path.write_text("\n".join([date, *(json.dumps(r) for r in rows)]) + "\n")
    return path


def _load(engine, settings, tmp_path, *versions, spec=TOY):
    for i, (date, rows) in enumerate(versions):
        path = (
            write_list(tmp_path, f"v{i}", date, rows) if spec is TOY else _jl(tmp_path, f"v{i}", date, rows)
        )
        assert import_path(spec, path, engine=engine, settings=settings).status == "accepted"


def _report(engine, start=None, end=None, sources=None, each=False, notes=None) -> Report:
    with engine.connect() as conn:
        windows = resolve_windows(
            conn, sources, parse_point(start, "--from"), parse_point(end, "--to"), notes
        )
        return build_report(conn, windows, each=each)


def _cells(report: Report) -> list[tuple[str, str, str, str, str]]:
    t = report.table
    return list(zip(t.change, t.source_id, t.field, t.before, t.after, strict=True))


def test_default_window_is_the_last_step_with_field_rows(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2))
    report = _report(engine)
    assert list(report.table.columns) == COLUMNS
    assert _cells(report) == [
        ("added", "4", "", "", "names: NEW CO (primary)"),
        ("removed", "3", "", "names: ACME LTD (primary)", ""),
        ("modified", "1", "programs", "", "C"),  # entry 2 only reordered its programmes: no row
    ]
    row = report.table.iloc[2]
    assert (row.from_snapshot, row.to_snapshot, row.first_seen, row.programs) == (
        "2020-01-01",
        "2020-02-01",
        "2020-01-01",
        "A; C",
    )
    s = report.summaries[0]
    assert (s.source, s.added, s.removed, s.modified) == ("toy", 1, 1, 1)


def test_net_window_drops_entries_added_and_removed_inside_it(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2), ("2020-03-01", V3))
    net = _report(engine, "2020-01-01", "2020-03-01")
    # 4 came and went, 3 went and came back: neither appears; 1 differs in name and programmes
    assert _cells(net) == [
        ("modified", "1", "names", "DOE, John (primary)", "DOE, Johnny (primary)"),
        ("modified", "1", "programs", "", "C"),
    ]
    each = _report(engine, "2020-01-01", "2020-03-01", each=True)
    assert [(c, k, f) for c, k, f, _b, _a in _cells(each)] == [
        ("added", "4", ""),
        ("removed", "3", ""),
        ("modified", "1", "programs"),
        ("added", "3", ""),
        ("removed", "4", ""),
        ("modified", "1", "names"),
    ]
    assert list(each.table.to_snapshot) == ["2020-02-01"] * 3 + ["2020-03-01"] * 3
    assert list(each.table.from_snapshot) == ["2020-01-01"] * 3 + ["2020-02-01"] * 3
    s = each.summaries[0]
    assert (s.added, s.removed, s.modified, s.steps) == (2, 2, 2, 2)


def test_dates_mean_the_end_of_that_day(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01T10:00", V1), ("2020-01-02T09:00", V2))
    assert len(_report(engine, "2020-01-01", "2020-01-01").table) == 0
    report = _report(engine, "2020-01-01", "2020-01-02")
    assert report.summaries[0].from_snapshot == "2020-01-01 10:00"
    assert report.summaries[0].to_snapshot == "2020-01-02 09:00"
    assert len(report.table) == 3


def test_snapshot_points_and_the_first_snapshot_against_nothing(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2))
    with engine.connect() as conn:
        from tracker.store import queries

        ids = [s.id for s in queries.snapshots(conn, "toy")]
    assert _cells(_report(engine, f"snapshot:{ids[0]}", f"snapshot:{ids[1]}")) == _cells(_report(engine))
    # --to the first snapshot with no --from: the list before it was empty, so all is added
    notes: list[str] = []
    first = _report(engine, end=f"snapshot:{ids[0]}", notes=notes)
    assert notes == ["toy: nothing stored before 2020-01-01, so every entry counts as added"]
    assert set(first.table.change) == {"added"} and len(first.table) == 3
    assert first.summaries[0].from_snapshot == ""
    with pytest.raises(NotFound, match="no snapshot 999"):
        _report(engine, "snapshot:999")


def test_empty_window_gives_header_only(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2))
    report = _report(engine, "2020-03-01", "2020-04-01")
    assert report.table.empty and list(report.table.columns) == COLUMNS
    out = io.StringIO()
    write_report(report, "csv", None, out)
    assert out.getvalue() == ",".join(COLUMNS) + "\n"
    # --from after the latest snapshot and no --to: nothing changed since
    assert _report(engine, "2021-01-01").table.empty


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sources": ["nope"]}, UsageError, "unknown source 'nope'"),
        ({"sources": ["eu_fsf"]}, NotFound, "nothing stored for eu_fsf"),
        (
            {"start": "2019-06-01"},
            UsageError,
            "toy has no snapshot on or before that date .its first is 2020-01-01",
        ),
        ({"end": "2019-06-01"}, UsageError, "--to 2019-06-01: toy has no snapshot"),
        # trial 1: a future --from gave an empty report, read as "nothing changed"
        ({"start": "2999-01-01"}, UsageError, "^--from 2999-01-01 is in the future .today is "),
        ({"end": "2999-01-01"}, UsageError, "^--to 2999-01-01 is in the future"),
        (
            {"start": "2020-02-01", "end": "2020-01-15"},
            UsageError,
            "--from 2020-02-01 is after --to 2020-01-15",
        ),
    ],
)
def test_user_mistakes_are_one_clear_error(engine, settings, tmp_path, kwargs, error, message):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2))
    with pytest.raises(error, match=message):
        _report(engine, **kwargs)


def test_bad_dates_and_empty_store(engine):
    with pytest.raises(UsageError, match="bad --from '2020-13-45'"):
        parse_point("2020-13-45", "--from")
    with pytest.raises(UsageError, match="snapshot:ID"):
        parse_point("#12", "--to")
    assert parse_point("snapshot:12", "--to").snapshot_id == 12  # type: ignore[union-attr]
    assert parse_point("2020-01-02", "--to").at == datetime(2020, 1, 2, 23, 59, 59, 999999)  # type: ignore[union-attr]
    with pytest.raises(NotFound, match="store is empty"):
        _report(engine)


def test_a_source_whose_history_starts_later_is_left_out_with_a_note(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2))
    (tmp_path / "jl").mkdir()
    _load(
        engine,
        settings,
        tmp_path / "jl",
        ("2020-06-01", [{"id": "9", "names": [["X", "primary"]]}]),
        spec=JSONL,
    )
    notes: list[str] = []
    report = _report(engine, "2020-01-15", notes=notes)
    assert [s.source for s in report.summaries] == ["toy"]
    assert notes and "jl has no snapshot on or before that date" in notes[0]
    with pytest.raises(UsageError, match="jl has no snapshot"):
        _report(engine, "2020-01-15", sources=["toy", "jl"])
    with pytest.raises(
        UsageError, match=r"before the dates given \(first stored: jl 2020-06-01, toy 2020-01-01\)$"
    ):
        _report(engine, "2019-06-01")


PERSON = {
    "id": "29366",
    "names": [["DERKACH, Andrii Leonidovych", "primary"], ["DERKACH, Andriy", "aka"]],
    "programs": ["CYBER2", "ELECTION-EO13848"],
    "dob": ["1967-08-19"],
    "ids": [["Passport", "EK 123"]],
    "details": {"Gender": "Male", "Title": "Member of Parliament"},
}


def test_field_rows_are_readable(engine, settings, tmp_path):
    amended = dict(
        PERSON,
        names=[
            ["DERKACH, Andrii Leonidovych", "primary"],
            ["DERKACH, Andrii", "aka"],
            ["Деркач", "aka", "Cyrl"],
        ],
        dob=["1967-08-19", "1967-08-20"],
        details={"Gender": "Male", "Title": "Former MP"},
        remarks='=HYPERLINK("http://x")',
    )
    rows_before = [PERSON, {"id": "1", "names": [["OLD", "primary"]]}]
    rows_after = [amended, {"id": "2", "type": "entity", "names": [["+NEW", "primary"]]}]
    _load(engine, settings, tmp_path, ("2020-01-01", rows_before), ("2020-02-01", rows_after), spec=JSONL)
    report = _report(engine)
    cells = {(c, k, f): (b, a) for c, k, f, b, a in _cells(report)}
    assert cells[("modified", "29366", "names")] == (
        "DERKACH, Andriy (aka)",
        "DERKACH, Andrii (aka); Деркач (aka, Cyrl)",
    )
    assert cells[("modified", "29366", "birth_dates")] == ("", "1967-08-20")
    assert cells[("modified", "29366", "details")] == ("Title: Member of Parliament", "Title: Former MP")
    assert cells[("modified", "29366", "remarks")] == ("", '=HYPERLINK("http://x")')
    assert cells[("removed", "1", "")][0] == "names: OLD (primary)"
    added = report.table[report.table.change == "added"].iloc[0]
    assert (added.entity_type, added.primary_name) == ("entity", "+NEW")
    assert report.table[report.table.source_id == "29366"].iloc[0].programs == "CYBER2; ELECTION-EO13848"


def test_summary_of_an_added_entry():
    data = json.loads(
        json.dumps(
            {
                "entity_type": "individual",
                "names": [
                    {"full": "DERKACH, Andriy", "kind": "aka"},
                    {"full": "DERKACH, Andrii Leonidovych", "kind": "primary"},
                ],
                "birth_dates": ["1967-08-19"],
                "identifiers": [{"type": "Passport", "number": "EK 123", "country": "Ukraine"}],
            }
        )
    )
    assert render.summary_text(data) == (
        "names: DERKACH, Andrii Leonidovych (primary); DERKACH, Andriy (aka) | DOB: 1967-08-19 | "
        "IDs: Passport EK 123 (Ukraine)"
    )


def test_a_name_part_change_shows_the_parts():
    change = {
        "field": "names",
        "added": [{"full": "DOE, John", "kind": "primary", "last": "DOE", "first": "John"}],
        "removed": [{"full": "DOE, John", "kind": "primary"}],
    }
    assert render.change_texts(change) == (
        "DOE, John (primary)",
        "DOE, John (primary, first: John, last: DOE)",
    )


def test_formula_injection_is_neutralised_in_csv_files(tmp_path):
    assert [neutralise(v) for v in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", "", 3]] == [
        "'=1+1",
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=b",
        "",
        3,
    ]
    table = pd.DataFrame(
        [dict.fromkeys(COLUMNS, "x") | {"primary_name": "=cmd|' /C calc'!A0", "after": "-1"}]
    )
    path = tmp_path / "r.csv"
    write_report(Report(table, []), "csv", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM for Excel, RFC 4180 line ends
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["primary_name"] == "'=cmd|' /C calc'!A0" and row["after"] == "'-1"


def test_xlsx_opens_with_openpyxl_and_holds_text_not_formulas(tmp_path):
    from openpyxl import load_workbook

    table = pd.DataFrame(
        [dict.fromkeys(COLUMNS, "") | {"change": "added", "primary_name": "=1+1", "before": "Деркач\x07"}]
    )
    path = tmp_path / "r.xlsx"
    from tracker.report.diff import SourceSummary

    write_report(Report(table, [SourceSummary("toy", "2020-01-01", "2020-02-01", 1)]), "xlsx", path)
    book = load_workbook(path)
    sheet = book["changes"]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:L{len(table) + 1}"
    assert sheet.column_dimensions["G"].width == 60  # "before"
    name_cell = sheet.cell(row=2, column=COLUMNS.index("primary_name") + 1)
    assert name_cell.value == "=1+1" and name_cell.data_type == "s" and name_cell.quotePrefix
    assert sheet.cell(row=2, column=COLUMNS.index("before") + 1).value == "Деркач"
    assert [c.value for c in book["summary"][2]] == ["toy", "2020-01-01", "2020-02-01", 1, 0, 0]


def test_json_and_markdown(engine, settings, tmp_path):
    _load(engine, settings, tmp_path, ("2020-01-01", V1), ("2020-02-01", V2))
    report = _report(engine)
    out = io.StringIO()
    write_report(report, "json", None, out)
    body = json.loads(out.getvalue())
    assert body["mode"] == "net" and body["sources"][0]["added"] == 1
    assert [r["change"] for r in body["rows"]] == ["added", "removed", "modified"]
    report.table.loc[0, "primary_name"] = "A|B"
    out = io.StringIO()
    write_report(report, "md", None, out)
    text = out.getvalue()
    assert "| toy | 2020-01-01 | 2020-02-01 | 1 | 1 | 1 |" in text and "A\\|B" in text


def test_format_follows_the_output_suffix():
    assert format_for(Path("r.xlsx"), None) == "xlsx"
    assert format_for(Path("r.txt"), None) == "csv"
    assert format_for(None, "MD") == "md"
    with pytest.raises(UsageError, match="unknown --format 'pdf'"):
        format_for(None, "pdf")
    with pytest.raises(UsageError, match="needs --output"):
        write_report(Report(pd.DataFrame(columns=COLUMNS), []), "xlsx", None)


def test_a_diff_from_a_file_without_aliases_says_so(engine, settings, tmp_path):
    """The trial: an OFAC CSV without alt.csv, then a full set: its weak aliases showed as amended
    names with nothing saying the earlier file gave no aliases. Every format and --each say it."""
    import shutil

    from tracker.sources.ofac import SDN

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "ofac" / "csv_set"
    for name, full in (("daily", False), ("full", True)):
        (tmp_path / name).mkdir()
        for child in fixture.iterdir():
            if full or child.name in ("sdn.csv", "sdn_comments.csv"):
                shutil.copy(child, tmp_path / name / child.name)
    for name, date in (("daily", "2020-01-01"), ("full", "2020-02-01")):
        result = import_path(
            SDN, tmp_path / name, engine=engine, settings=settings, published=datetime.fromisoformat(date)
        )
        assert result.status == "accepted", result.reason
    expected = [
        "ofac_sdn: the 2020-01-01 snapshot's file gave no addresses or aliases: a change to them may "
        "only be what that file lacked"
    ]
    net = _report(engine, start="2020-01-01")
    assert net.notes == expected
    assert _report(engine, start="2020-01-01", each=True).notes == expected
    assert json.loads(_written(net, "json"))["notes"] == expected
    assert "Note: " + expected[0] in _written(net, "md")
    assert _report(engine, end="2020-01-01").notes == []  # nothing before the first: no comparison


def _written(report: Report, fmt: str) -> str:
    out = io.StringIO()
    write_report(report, fmt, None, stdout=out)
    return out.getvalue()
