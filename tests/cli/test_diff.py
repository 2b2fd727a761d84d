"""`tracker diff` and `tracker history` through the CLI (CliRunner, toy list in a fresh store)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.toysource import TOY, write_list
from tracker.cli import build_app
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


def test_diff_summary_alone_prints_only_the_summary(run, stored):
    result = run("diff", "--summary")
    assert result.exit_code == 0 and "net difference" in result.stdout and "toy" in result.stdout
    assert ",".join(COLUMNS) not in result.stdout and "net difference" not in result.stderr


def test_diff_writes_csv_to_stdout_and_the_summary_to_stderr(run, stored):
    result = run("diff", "--format", "csv", "--summary")
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
    ("args", "message"),
    [
        (["--source", "nope"], "unknown source 'nope'"),
        (["--from", "2019-01-01"], "toy has no snapshot on or before that date"),
        (["--from", "2020-03-01", "--to", "2020-01-01"], "is after --to"),
        (["--from", "2999-01-01"], "--from 2999-01-01 is in the future"),  # was an empty report
        (["--from", "yesterday"], "bad --from 'yesterday'"),
        (["--format", "xlsx"], "needs --output"),
    ],
)
def test_diff_mistakes_are_one_line_and_exit_2(run, stored, args, message):
    result = run("diff", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_diff_on_an_empty_store(run):
    result = run("diff")
    assert result.exit_code == 2 and "store is empty" in result.stderr


def test_history_by_ref_and_by_name(run, stored):
    result = run("history", "toy:1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "DOE, Johnny" in text and "first seen" in text and "amended" in text
    assert "programs: + C" in text and "names: - DOE, John (primary)  + DOE, Johnny (primary)" in text
    acme = json.loads(run("history", "toy:3", "--json").stdout)
    # in the earliest stored snapshot: "first seen" (when it was listed is not known), never "listed"
    assert [e["event"] for e in acme["timeline"]] == ["first seen", "delisted", "relisted"]
    assert acme["timeline"][0]["facts"] == "names: ACME LTD (primary)" == acme["timeline"][2]["facts"]
    assert [e["date"] for e in acme["timeline"]] == ["2020-01-01", "2020-02-01", "2020-03-01"]
    assert acme["since"] == "first seen 2020-01-01 (first stored snapshot with it)"
    new_co = json.loads(run("history", "toy:4", "--json").stdout)
    assert [e["event"] for e in new_co["timeline"]] == ["listed", "delisted"]  # appeared in a later one
    # a name goes through the search index: word order and "LAST, First" do not matter
    by_name = json.loads(run("history", "Johnny Doe", "--json").stdout)
    assert by_name["source_id"] == "1" and by_name["match"]["best"]["source_id"] == "1"
    # a delisted entry is not in the index of the lists as they stand: found by its stored names
    delisted = json.loads(run("history", "New Co", "--json").stdout)
    assert delisted["source_id"] == "4" and delisted["match"]["best"]["listed"] is False


def test_history_and_show_by_name_name_the_other_candidates(run, engine, settings, tmp_path):
    rows = {
        "10": ("PESKOV, Dmitry Sergeyevich", "RUSSIA"),
        "11": ("PESKOV, Dmitry Nikolayevich", "RUSSIA"),
        "12": ("DERKACH, Andrii Leonidovych", "UKRAINE"),
    }
    import_path(TOY, write_list(tmp_path, "p", "2022-01-01", rows), engine=engine, settings=settings)
    derkach = run("history", "Andrii Derkach", "--json")
    assert derkach.exit_code == 0, derkach.output
    assert json.loads(derkach.stdout)["source_id"] == "12"
    peskov = run("history", "Dmitry Peskov")
    assert peskov.exit_code == 0, peskov.output
    lines = peskov.stdout.splitlines()
    assert lines[0] == "best match for 'Dmitry Peskov':"
    other = lines.index("1 other candidate(s); give SOURCE:ID to see one:")
    assert {lines[1].split()[0], lines[other + 1].split()[0]} == {"toy:10", "toy:11"}  # both named
    assert all(len(line) <= 80 for line in lines)
    shown = json.loads(run("show", "Dmitry Peskov", "--json").stdout)
    assert {shown["match"]["best"]["source_id"], shown["match"]["others"][0]["source_id"]} == {"10", "11"}
    assert shown["source_id"] == shown["match"]["best"]["source_id"]


def test_history_with_no_match(run, stored):
    missing = run("history", "Nobody Atall")
    assert missing.exit_code == 2 and "no entry matches 'Nobody Atall'" in missing.stderr
    unknown_key = run("history", "toy:99")
    assert unknown_key.exit_code == 2 and "toy:99" in unknown_key.stderr
    short = run("history", "x")
    assert short.exit_code == 2 and "SOURCE:ID" in short.stderr


@pytest.mark.parametrize("each", [False, True])
def test_the_summary_keeps_each_source_name_whole_within_80_columns(each):
    """The trial: "os_ua_war_sa…" at 80 columns (a name --source takes, cut)."""
    from rich.console import Console

    from tracker.cli.diff import summary_table
    from tracker.report.diff import SourceSummary

    names = ["os_interpol_red_notices", "os_ua_war_sanctions", "eu_fsf"]
    summaries = [
        SourceSummary(n, "2024-05-13 15:44", "2024-06-13 15:44", 14_966, 6_415, 12_724, 9) for n in names
    ]
    report = type("R", (), {"each": each, "summaries": summaries})()
    console = Console(width=80, file=io.StringIO())
    console.print(summary_table(report))
    text = console.file.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80, text
    assert all(name in text for name in names) and "12,724" in text, text


def test_a_source_without_its_id_is_refused_not_searched_as_a_name(run, engine, settings, tmp_path):
    """Trial 4: `tracker show ofac_sdn:` searched "ofac_sdn:" as a name ("no entry matches")."""
    rows = {"12": ("DERKACH, Andrii Leonidovych", "UKRAINE")}
    import_path(TOY, write_list(tmp_path, "p", "2022-01-01", rows), engine=engine, settings=settings)
    for command in ("show", "history"):
        result = run(command, "ofac_sdn: ")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == "error: 'ofac_sdn:': give the id after ofac_sdn: (e.g. ofac_sdn:29366)\n"
    # a colon after a name that is no source is still the name
    found = run("show", "Andrii Derkach:", "--json")
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)["source_id"] == "12"
