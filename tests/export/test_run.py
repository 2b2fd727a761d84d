"""`tracker export` and `tracker diff --format ftm-delta` through the store and the CLI: a list as it
stood on a date in CSV / JSON / FtM, the delta between two dates, and the round trip through os_ftm."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.export.support import CANON, ftm_problems, write_canonical
from tracker.cli import build_app
from tracker.errors import NotFound, UsageError
from tracker.export.flat import CSV_COLUMNS
from tracker.export.run import PROGRESS_EVERY, export_list
from tracker.pipeline import import_path
from tracker.sources import ftm_model as fm
from tracker.sources import os_ftm

# History only: the post-sync index refreshers are covered by tests/test_pipeline.py.
pytestmark = pytest.mark.usefixtures("no_index_refresh")


def _person(key: str, name: str, **facts: Any) -> dict[str, Any]:
    return {
        "source_id": key,
        "entity_type": "individual",
        "names": [{"full": name, "kind": "primary"}],
        **facts,
    }


V1 = [
    _person("1", "DOE, John", programs=["A"], birth_dates=["1970"]),
    _person("2", "ROE, Jane", programs=["B"], addresses=[{"city": "Kyiv", "country": "Ukraine"}]),
    _person("3", "=CMD|' /C calc'!A0", identifiers=[{"type": "Passport", "number": "X1"}]),
]
V2 = [
    _person("1", "DOE, John", programs=["A", "C"], birth_dates=["1970", "circa 1971"]),  # amended
    _person("2", "ROE, Jane", programs=["B"], addresses=[{"city": "Lviv", "country": "Ukraine"}]),  # moved
    _person("4", "NEW, Person", identifiers=[{"type": "Passport", "number": "Y2"}]),  # 3 out, 4 in
]


@pytest.fixture
def stored(engine, settings, tmp_path):
    for i, (date, rows) in enumerate([("2020-01-01", V1), ("2020-02-01", V2)]):
        path = write_canonical(tmp_path, f"v{i}.jsonl", date, rows)
        assert import_path(CANON, path, engine=engine, settings=settings).status == "accepted"


@pytest.fixture
def run(settings, db_url):
    runner = CliRunner()
    env = {"TRACKER_DATA_DIR": str(settings.data_dir), "TRACKER_DATABASE_URL": db_url}
    return lambda *args: runner.invoke(build_app(), list(args), env=env)


def _ftm_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_csv_as_of_each_date(run, stored):
    now = run("export", "canon")
    assert now.exit_code == 0, now.output
    rows = list(csv.DictReader(io.StringIO(now.stdout)))
    assert list(rows[0]) == CSV_COLUMNS
    assert [(r["source_id"], r["primary_name"], r["programs"]) for r in rows] == [
        ("1", "DOE, John", "A; C"),
        ("2", "ROE, Jane", "B"),
        ("4", "NEW, Person", ""),
    ]
    assert rows[0]["birth_dates"] == "1970; circa 1971" and rows[1]["addresses"] == "Lviv, Ukraine"
    assert "canon as of snapshot:" in now.stderr and "3 entries written" in now.stderr
    old = list(csv.DictReader(io.StringIO(run("export", "canon", "--as-of", "2020-01-15").stdout)))
    assert [r["source_id"] for r in old] == ["1", "2", "3"]
    assert old[2]["primary_name"] == "'=CMD|' /C calc'!A0"  # neutralised for spreadsheets
    assert old[2]["identifiers"] == "Passport X1"


def test_json_holds_every_field(run, stored, tmp_path):
    out = tmp_path / "canon.json"
    result = run("export", "canon", "--as-of", "2020-01-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["source"] == "canon" and body["as_of"] == "2020-01-01"
    assert body["snapshot"]["timeline_at"] == "2020-01-01T00:00:00"
    assert [{k: v for k, v in e.items() if k != "first_seen"} for e in body["entries"]] == V1
    assert {e["first_seen"] for e in body["entries"]} == {"2020-01-01T00:00:00"}
    assert not list(tmp_path.glob("*.part"))


def test_ftm_file_is_valid_and_imports_back(run, stored, tmp_path, engine):
    out = tmp_path / "canon.ftm.json"
    result = run("export", "canon", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "3 entries (" in result.stdout and "FtM entities) written to" in result.stdout
    lines = _ftm_lines(out.read_text(encoding="utf-8"))
    assert ftm_problems(lines) == []
    assert [e["schema"] for e in lines].count("Sanction") == 3
    parsed = {e.source_id: e.canonical() for e in os_ftm.parse(out).entries}
    assert sorted(parsed) == [fm.entity_id("canon", k) for k in ("1", "2", "4")]
    doe = parsed["canon-1"]
    assert doe["birth_dates"] == ["1970", "circa 1971"] and doe["programs"] == ["A", "C"]
    assert parsed["canon-4"]["identifiers"] == [{"type": "Passport", "number": "Y2"}]
    assert parsed["canon-2"]["addresses"] == [{"city": "Lviv", "country": "ua"}]


def _apply(base: list[dict[str, Any]], delta: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """OpenSanctions' delta semantics: ADD and MOD put the whole entity, DEL removes it."""
    entities = {e["id"]: e for e in base}
    for line in delta:
        if line["op"] == "DEL":
            assert entities.pop(line["entity"]["id"]) == line["entity"]  # DEL carries the whole entity
        else:
            assert (line["op"] == "ADD") == (line["entity"]["id"] not in entities)
            entities[line["entity"]["id"]] = line["entity"]
    return entities


def test_ftm_delta_applied_to_the_older_export_gives_the_newer(run, stored, tmp_path):
    older = _ftm_lines(run("export", "canon", "--as-of", "2020-01-01", "-f", "ftm").stdout)
    newer = _ftm_lines(run("export", "canon", "-f", "ftm").stdout)
    result = run("diff", "--from", "2020-01-01", "--to", "2020-02-01", "--format", "ftm-delta", "--summary")
    assert result.exit_code == 0, result.output
    delta = _ftm_lines(result.stdout)
    assert "FtM delta" in result.stderr
    assert _apply(older, delta) == {e["id"]: e for e in newer}
    ops = sorted((d["op"], d["entity"]["schema"], d["entity"]["id"].split("-")[1]) for d in delta)
    assert ops == [
        ("ADD", "Address", "2"),  # Kyiv -> Lviv: a new Address, the old one deleted, the target MODded
        ("ADD", "Identification", "4"),
        ("ADD", "Person", "4"),
        ("ADD", "Sanction", "4"),
        ("DEL", "Address", "2"),
        ("DEL", "Identification", "3"),
        ("DEL", "Person", "3"),
        ("DEL", "Sanction", "3"),
        ("MOD", "Person", "1"),  # a new text birth date (a note)
        ("MOD", "Person", "2"),  # addressEntity
        ("MOD", "Sanction", "1"),  # programme C
    ]
    assert ftm_problems((e["entity"] for e in delta if e["op"] != "DEL"), references=False) == []


def test_os_ftm_imports_base_plus_delta_as_the_newer_list(run, stored, tmp_path):
    folder = tmp_path / "dataset"
    version = folder / "20200201000000-abc"
    version.mkdir(parents=True)
    assert (
        run("export", "canon", "--as-of", "2020-01-01", "-o", str(folder / "entities.ftm.json")).exit_code
        == 0
    )
    delta = version / "entities.delta.json"
    assert (
        run("diff", "-s", "canon", "--from", "2020-01-01", "-f", "ftm-delta", "-o", str(delta)).exit_code == 0
    )
    newer = tmp_path / "newer.ftm.json"
    assert run("export", "canon", "-o", str(newer)).exit_code == 0
    applied = os_ftm.parse(folder)
    assert [e.canonical() for e in applied.entries] == [e.canonical() for e in os_ftm.parse(newer).entries]
    assert applied.warnings == [] and str(applied.published_at) == "2020-02-01 00:00:00"


def test_an_unchanged_window_gives_an_empty_delta(run, stored):
    result = run("diff", "--from", "2020-02-01", "--to", "2020-02-05", "-f", "ftm-delta")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (["export", "nope"], UsageError, "unknown source 'nope'"),
        (["export", "ofac_sdn"], NotFound, "nothing stored for ofac_sdn yet"),
        (["export", "canon", "--as-of", "2019-12-31"], UsageError, "canon has no snapshot on or before"),
        (["export", "canon", "--as-of", "31/12/2020"], UsageError, "bad --as-of '31/12/2020'"),
        (["export", "canon", "--as-of", "2999-01-01"], UsageError, "--as-of 2999-01-01 is in the future"),
        (["export", "canon", "--as-of", "snapshot:999"], UsageError, "not an applied snapshot of canon"),
        (["export", "canon", "--format", "xml"], UsageError, "unknown --format 'xml'"),
        (["export", "canon", "-o", "list.txt"], UsageError, "cannot tell the format from 'list.txt'"),
        (["export", "canon", "-o", "/nonexistent/x.csv"], UsageError, "folder does not exist"),
        (["diff", "-f", "ftm-delta", "--each"], UsageError, "--each does not apply"),
    ],
)
def test_mistakes_are_one_line(run, stored, args, error, message):
    result = run(*args)  # main() prints the error on one line and exits 2 (tracker.cli.app)
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_failed_export_leaves_no_file(run, stored, tmp_path):
    out = tmp_path / "x.csv"
    out.write_text("previous")
    result = run("export", "canon", "--as-of", "2019-01-01", "-o", str(out))
    assert result.exit_code == 2 and "no snapshot on or before" in result.stderr
    assert out.read_text() == "previous" and not list(tmp_path.glob("*.part"))


def test_csv_file_has_a_bom_and_crlf(run, stored, tmp_path):
    out = tmp_path / "x.csv"
    assert run("export", "canon", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 4


class _Recorder(io.StringIO):
    """Output that notes how many entries had been written when each progress call came."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[int] = []


def test_entries_are_written_as_they_are_read(engine, settings, tmp_path):
    rows = [_person(str(i), f"PERSON {i}") for i in range(2 * PROGRESS_EVERY + 5)]
    path = write_canonical(tmp_path, "big.jsonl", "2020-01-01", rows)
    assert import_path(CANON, path, engine=engine, settings=settings).status == "accepted"
    out = _Recorder()
    with engine.connect() as conn:
        result = export_list(
            conn, "canon", "csv", out, progress=lambda n: out.seen.append(out.getvalue().count("\n"))
        )
    assert result.entries == len(rows)
    # when the 1000th row is read, the 999 before it are already written (plus the header)
    assert out.seen == [PROGRESS_EVERY, 2 * PROGRESS_EVERY]
