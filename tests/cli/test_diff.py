"""`tracker diff` and `tracker history` through the CLI (CliRunner, toy list in a fresh store)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.toysource import TOY, write_list
from tracker.cli import build_app
from tracker.errors import NotFound, UsageError
from tracker.pipeline import import_path
from tracker.report.diff import COLUMNS

V1 = {"1": ("DOE, John", "A"), "2": ("ROE, Jane", "A;B"), "3": ("ACME LTD", "B")}
V2 = {"1": ("DOE, John", "A;C"), "2": ("ROE, Jane", "B;A"), "4": ("=NEW CO", "C")}
V3 = {"1": ("DOE, Johnny", "A;C"), "2": ("ROE, Jane", "A;B"), "3": ("ACME LTD", "B")}


@pytest.fixture
def run(settings, db_url):
    runner = CliRunner()
    env = {"TRACKER_DATA_DIR": str(settings.data_dir), "TRACKER_DATABASE_URL": db_url}

    def invoke(*args: str):
        return runner.invoke(build_app(), list(args), env=env)

    return invoke


@pytest.fixture
def stored(engine, settings, tmp_path):
    for i, (date, rows) in enumerate([("2020-01-01", V1), ("2020-02-01", V2), ("2020-03-01", V3)]):
        import_path(TOY, write_list(tmp_path, f"v{i}", date, rows), engine=engine, settings=settings)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_diff_writes_csv_to_stdout_and_the_summary_to_stderr(run, stored):
    result = run("diff", "--summary")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    rows = _rows(result.stdout)
    assert [(r["change"], r["source_id"], r["field"]) for r in rows] == [
        ("added", "3", ""),
        ("removed", "4", ""),
        ("modified", "1", "names"),
    ]
    assert rows[1]["primary_name"] == "'=NEW CO"  # neutralised for spreadsheets
    assert "net difference" in result.stderr and "toy" in result.stderr


def test_diff_window_each_and_files(run, stored, tmp_path):
    net = _rows(run("diff", "--from", "2020-01-01", "--to", "2020-03-01").stdout)
    assert [(r["change"], r["source_id"]) for r in net] == [("modified", "1"), ("modified", "1")]
    each = _rows(run("diff", "--from", "2020-01-01", "--to", "2020-03-01", "--each").stdout)
    assert len(each) == 6
    out = tmp_path / "report.xlsx"
    result = run("diff", "--from", "2020-01-01", "-o", str(out), "--summary")
    assert result.exit_code == 0 and out.exists() and "2 rows written" in result.stdout
    from openpyxl import load_workbook

    assert load_workbook(out)["changes"].max_row == 3
    as_json = tmp_path / "r.json"
    assert run("diff", "-o", str(as_json)).exit_code == 0
    assert json.loads(as_json.read_text())["sources"][0]["added"] == 1
    csv_file = tmp_path / "r.csv"
    assert run("diff", "-s", "toy", "-o", str(csv_file)).exit_code == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")


def test_empty_window_prints_the_header(run, stored):
    result = run("diff", "--from", "2020-03-05", "--to", "2020-03-06")
    assert result.exit_code == 0 and result.stdout == ",".join(COLUMNS) + "\n"


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (["--source", "nope"], UsageError, "unknown source 'nope'"),
        (["--from", "2019-01-01"], UsageError, "toy has no snapshot on or before that date"),
        (["--from", "2020-03-01", "--to", "2020-01-01"], UsageError, "is after --to"),
        (["--from", "yesterday"], UsageError, "bad --from 'yesterday'"),
        (["--format", "xlsx"], UsageError, "needs --output"),
    ],
)
def test_diff_mistakes(run, stored, args, error, message):
    result = run("diff", *args)
    assert isinstance(result.exception, error) and message in str(result.exception)


def test_diff_on_an_empty_store(run):
    result = run("diff")
    assert isinstance(result.exception, NotFound) and "store is empty" in str(result.exception)


def test_history_by_ref_and_by_name(run, stored):
    result = run("history", "toy:1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "DOE, Johnny" in text and "listed" in text and "amended" in text
    assert "programs: + C" in text and "names: - DOE, John (primary)  + DOE, Johnny (primary)" in text
    acme = json.loads(run("history", "toy:3", "--json").stdout)
    assert [e["event"] for e in acme["timeline"]] == ["listed", "delisted", "relisted"]
    assert acme["timeline"][0]["facts"] == "names: ACME LTD (primary)" == acme["timeline"][2]["facts"]
    assert [e["date"] for e in acme["timeline"]] == ["2020-01-01", "2020-02-01", "2020-03-01"]
    # a former primary name finds the entry too
    assert json.loads(run("history", "doe, john", "--json").stdout)["source_id"] == "1"
    assert json.loads(run("history", "acme", "--json").stdout)["source_id"] == "3"


def test_history_with_several_or_no_matches(run, stored):
    result = run("history", "OE,")  # DOE and ROE
    assert result.exit_code == 1
    assert "toy:1" in result.stdout and "toy:2" in result.stdout and "SOURCE:ID" in result.stderr
    listed = json.loads(run("history", "oe,", "--json").stdout)
    assert [m["ref"] for m in listed["matches"]] == ["toy:1", "toy:2"]
    missing = run("history", "nobody")
    assert isinstance(missing.exception, NotFound)
    unknown_key = run("history", "toy:99")
    assert isinstance(unknown_key.exception, NotFound) and "toy:99" in str(unknown_key.exception)
