"""`tracker search --batch`: plain lines, JSON lines and CSV in; JSON lines or CSV out; a line it
cannot read is an error naming the line, never an empty ("all clear") result."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from tests.conftest import cli_runner
from tests.toysource import TOY, write_list
from tracker.pipeline import import_path

ROWS = {
    "29366": ("DERKACH, Andrii Leonidovych", "ELECTION-EO13848"),
    "29702": ("LIFSHITS, Artem Mikhaylovich", "CYBER2"),
}
TODAY = datetime.now(UTC).date().isoformat()


@pytest.fixture
def cli(settings, engine, tmp_path):
    import_path(TOY, write_list(tmp_path, "toy", TODAY, ROWS), engine=engine, settings=settings)
    return cli_runner(settings)


def _answers(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_plain_lines_one_answer_each_with_the_lists_checked(cli, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Artyom Lifshitz\n\nWang Yi\nDERKACH, Andrii\n", encoding="utf-8")
    before = datetime.now(UTC).date()
    result = cli("search", "--batch", str(names))
    after = datetime.now(UTC).date()
    assert result.exit_code == 0, result.output
    answers = _answers(result.stdout)
    assert [(a["line"], a["query"], a["status"]) for a in answers] == [
        (1, "Artyom Lifshitz", "match"),
        (3, "Wang Yi", "no_match"),
        (4, "DERKACH, Andrii", "match"),  # a comma inside a plain name is not CSV
    ]
    assert answers[0]["results"][0]["source_id"] == "29702" and answers[1]["results"] == []
    for a in answers:
        assert a["checked_against"] == [
            {
                "source": "toy",
                "snapshot_id": a["checked_against"][0]["snapshot_id"],
                "date": TODAY,
                "confirmed_at": a["checked_against"][0]["confirmed_at"],
                "age_days": a["checked_against"][0]["age_days"],
                "stale": False,
                "retired": False,
            }
        ]
        # whole days since the list's date, as of the search: midnight may fall between collection and run
        listed = datetime.fromisoformat(TODAY).date()
        assert a["checked_against"][0]["age_days"] in {(before - listed).days, (after - listed).days}


def test_json_lines_use_the_name_field_and_echo_the_id(cli):
    lines = [
        {"name": "Andrii Derkach", "dob": "1967", "country": "UA", "id": "C-1", "type": "person"},
        {"name": "Artem Lifshits", "id": 7},
        {"name": "Nobody Inparticular", "id": "C-3"},
    ]
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 0, result.output
    answers = _answers(result.stdout)
    # the listed person is found: the whole JSON line is never taken as the name
    assert [(a["id"], a["query"], a["status"]) for a in answers] == [
        ("C-1", "Andrii Derkach", "match"),
        ("7", "Artem Lifshits", "match"),
        ("C-3", "Nobody Inparticular", "no_match"),
    ]
    assert answers[0]["dob"] == "1967" and answers[0]["country"] == "UA" and answers[0]["type"] == "person"
    assert answers[0]["results"][0]["source_id"] == "29366"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_with_a_header_is_sniffed(cli, delimiter):
    rows = [["id", "Name", "dob"], ["a1", "Andrii Derkach", "1967"], ["a2", "Wang Yi", ""]]
    text = "\n".join(delimiter.join(r) for r in rows) + "\n"
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 0, result.output
    answers = _answers(result.stdout)
    assert [(a["line"], a["id"], a["query"], a["status"]) for a in answers] == [
        (2, "a1", "Andrii Derkach", "match"),
        (3, "a2", "Wang Yi", "no_match"),
    ]


def test_the_columns_not_read_of_a_wide_export_are_a_short_warning(cli):
    """The trial: the warning of a 60-column export named every column it does not read."""
    header = ["Customer Name", *(f"Attribute {i}" for i in range(1, 60))]
    text = ",".join(header) + "\n" + ",".join(["Wang Yi", *[""] * 59]) + "\n"
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 0, result.output
    warning = [line for line in result.stderr.splitlines() if "not screened" in line or line.startswith("  ")]
    assert " ".join(" ".join(warning).split()) == (
        "warning: stdin: not screened: column(s) Attribute 1, Attribute 2, Attribute 3 and 56 more: "
        "may hold names (see --name-column, --skip-column)"
    )
    assert len(warning) <= 2 and all(len(line) <= 80 for line in warning)


def test_csv_out_one_row_per_result_formulas_neutralised(cli):
    text = 'name,id\n"DERKACH, Andrii",=HYPERLINK("x")\nWang Yi,b\n'
    result = cli("search", "--batch", "-", "--input-format", "csv", "--output-format", "csv", input=text)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["line"], r["query"], r["status"], r["source_id"]) for r in rows] == [
        ("2", "DERKACH, Andrii", "match", "29366"),
        ("3", "Wang Yi", "no_match", ""),
    ]
    assert rows[0]["id"] == '\'=HYPERLINK("x")'
    assert rows[0]["list_snapshot"] == f"toy {TODAY}" and rows[1]["checked_against"] == f"toy {TODAY}"
    assert (
        rows[0]["since"] == f"first seen {TODAY} (first stored snapshot with it)" and rows[0]["rank"] == "1"
    )


def test_unreadable_lines_are_errors_naming_the_line_and_exit_2(cli):
    text = (
        '{"name": "Andrii Derkach"}\n'
        "{not json\n"
        '{"dob": "1967"}\n'
        '["Andrii Derkach"]\n'
        '{"name": "!!!"}\n'
        '{"name": 12}\n'
        '{"name": "Artem Lifshits"}\n'
    )
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 2
    answers = _answers(result.stdout)
    assert [(a["line"], a["status"]) for a in answers] == [
        (1, "match"),
        (2, "error"),
        (3, "error"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
        (7, "match"),
    ]
    errors = [a for a in answers if a["status"] == "error"]
    assert all("results" not in a and a["error"].startswith(f"line {a['line']}: ") for a in errors)
    assert "not valid JSON" in errors[0]["error"] and 'no "name"' in errors[1]["error"]
    stderr = result.stderr.splitlines()
    assert [line for line in stderr if line.startswith("error: stdin: line ")] == [
        f"error: stdin: {a['error']}" for a in errors
    ]
    assert stderr[-1] == "5 line(s) of stdin could not be screened (named above; their answers say error)"


def test_bad_csv_rows_and_bytes_are_named(cli, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(
        b"name,id\nAndrii Derkach,1\nWang Yi,2,\xc3\xa9xtra\n\xff\xfe bad bytes,3\n,4\nArtem Lifshits,5\n"
    )
    result = cli("search", "--batch", str(path))
    assert result.exit_code == 2
    answers = _answers(result.stdout)
    assert [(a["line"], a["status"]) for a in answers] == [
        (2, "match"),
        (3, "error"),
        (4, "error"),
        (5, "error"),
        (6, "match"),
    ]
    assert "3 fields, the header has 2" in answers[1]["error"] and "not UTF-8" in answers[2]["error"]
    assert "no name" in answers[3]["error"]


def test_a_stray_csv_quote_is_an_error_row_and_the_rest_is_screened(cli):
    text = 'id,name\n1,Andrii Derkach\n2,"Bad, quote\n3,Artem Lifshits\n4,Wang Yi\n'
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 2
    answers = _answers(result.stdout)
    assert [(a["line"], a["status"]) for a in answers] == [
        (2, "match"),
        (3, "error"),
        (4, "match"),
        (5, "no_match"),
    ]
    assert answers[1]["error"] == 'line 3: not CSV: a quote (") is opened and not closed on this line'


def test_a_csv_of_names_alone_needs_no_quotes(cli):
    """The trial: under the header 'name', DERKACH, Andrii unquoted was an error row."""
    result = cli("search", "--batch", "-", input="name\nDERKACH, Andrii\nWang Yi\n")
    assert result.exit_code == 0, result.output
    answers = _answers(result.stdout)
    assert [(a["line"], a["query"], a["status"]) for a in answers] == [
        (2, "DERKACH, Andrii", "match"),
        (3, "Wang Yi", "no_match"),
    ]


def test_a_dob_that_is_no_calendar_date_is_an_error_row(cli):
    text = "name,dob\nAndrii Derkach,1967-13-45\nArtem Lifshits,1976-02\n"
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 2
    answers = _answers(result.stdout)
    assert [(a["line"], a["status"]) for a in answers] == [(2, "error"), (3, "match")]
    assert answers[0]["error"] == "line 2: date of birth '1967-13-45' is not a calendar date"


BINARY = "is a binary file, not names (give plain lines, JSON lines or CSV with a 'name' column)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", BINARY),
        (b"", "holds no names"),
        (b"\n\n   \n", "holds no names"),
        (b"name\r\n", "holds no names: only the CSV header (name)"),  # was StopIteration, exit 3
        (b"Name,Name\nfoo,Andrii Derkach\n", None),  # was: 'foo' screened alone, exit 0
    ],
)
def test_a_binary_or_empty_file_is_one_line_and_exit_2(cli, tmp_path, content, message):
    path = tmp_path / "input.bin"
    path.write_bytes(content)
    result = cli("search", "--batch", str(path))
    assert result.exit_code == 2 and result.stdout == ""
    if message is None:
        message = ": the CSV header has 2 columns for the same name (Name, Name): one row is"
    assert result.stderr.replace("\n", " ").startswith(
        f"error: {path}{'' if message[0] == ':' else ' '}{message}"
    )


def test_csv_header_without_a_name_column_and_missing_files(cli, tmp_path):
    text = "full,dob\nAndrii Derkach,1967\n"
    result = cli("search", "--batch", "-", "--input-format", "csv", input=text)
    assert result.exit_code == 2 and "the CSV header has no name column (it has: full, dob;" in result.stderr
    missing = cli("search", "--batch", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    folder = cli("search", "--batch", str(tmp_path))
    assert folder.exit_code == 2 and "is a folder" in folder.stderr


def test_an_over_long_line_is_named_and_the_rest_is_read(cli):
    text = "Andrii Derkach\n" + "x" * 100_000 + "\nArtem Lifshits\n"
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 2
    assert [(a["line"], a["status"]) for a in _answers(result.stdout)] == [
        (1, "match"),
        (2, "error"),
        (3, "match"),
    ]


@pytest.mark.parametrize(
    "content",
    [
        "Kunde,Staat\nAndrii Derkach,UA\n",  # a header in words the reader does not know
        "Customer export\nName,Country\nAndrii Derkach,UA\n",  # a title row before the header
        "sep=,\nName,Country\nAndrii Derkach,UA\n",  # Excel's separator line
        'name\n"Derkach, Andrii",UA\n',  # two fields under a one-column header
    ],
)
def test_a_line_read_whole_that_splits_into_columns_is_never_an_all_clear(cli, content):
    """The second trial: 'Sergei Lavrov,RU' read whole matched nothing, exit 0: a false all clear.
    Such a line is an error (exit 2) unless it matches read whole (the name before a comma is
    also searched alone: 'Andrii Derkach,UA' finds DERKACH, --fail-on-hit exits 1)."""
    result = cli("search", "--batch", "-", "--fail-on-hit", input=content)
    answers = {a["line"]: a for a in _answers(result.stdout)}
    (row,) = [a for a in answers.values() if a.get("query") and "Derkach" in a["query"]]
    assert row["status"] in {"match", "error"}, row  # never no_match
    if row["status"] == "error":
        assert result.exit_code == 2, result.output
        assert "splits into columns" in row["error"]
    else:
        assert result.exit_code in {1, 2} and row["results"][0]["source_id"] == "29366"  # 2: other lines
    # a name that matches nothing in a line that splits into columns: an error, not "no match"
    nobody = content.replace("Andrii Derkach", "Wang Yi").replace("Derkach, Andrii", "Wang, Yi")
    other = cli("search", "--batch", "-", input=nobody)
    assert other.exit_code == 2, other.output
    (line,) = [a for a in _answers(other.stdout) if a.get("query") and "Wang" in a["query"]]
    assert line["status"] == "error" and "splits into columns" in line["error"]


def test_a_line_with_columns_that_matches_whole_or_given_as_lines_is_answered(cli):
    both = cli("search", "--batch", "-", input="DERKACH, Andrii\nWang, Yi\n")
    assert [(a["query"], a["status"]) for a in _answers(both.stdout)] == [
        ("DERKACH, Andrii", "match"),
        ("Wang, Yi", "error"),  # matches nothing whole: it may be columns
    ]
    assert both.exit_code == 2
    whole = cli("search", "--batch", "-", "--input-format", "lines", input="Wang, Yi\n")
    assert whole.exit_code == 0 and _answers(whole.stdout)[0]["status"] == "no_match"


def test_a_given_name_and_surname_header_screens_the_full_name(cli):
    """The trial: under Name,Surname,DOB only the given name was screened: no match, exit 0."""
    result = cli("search", "--batch", "-", "--fail-on-hit", input="Name,Surname,DOB\nAndrii,Derkach,1967\n")
    assert result.exit_code == 1, result.output
    (answer,) = _answers(result.stdout)
    assert (answer["query"], answer["dob"], answer["status"]) == ("Andrii Derkach", "1967", "match")
    assert "not read" not in result.stderr


def test_an_error_answer_keeps_the_callers_id_and_name(cli):
    """The trial: a CSV line with a date that reads both ways answered "id": null, "query": null."""
    result = cli("search", "--batch", "-", input="name,dob,id\nJohn Smith,03/04/1980,c4\nWang Yi,2099,c5\n")
    assert result.exit_code == 2
    answers = _answers(result.stdout)
    assert [(a["line"], a["id"], a["query"], a["status"]) for a in answers] == [
        (2, "c4", "John Smith", "error"),
        (3, "c5", "Wang Yi", "error"),
    ]
    assert "reads as day/month" in answers[0]["error"] and "in the future" in answers[1]["error"]


def test_a_future_date_of_birth_or_as_of_is_one_line_and_exit_2(cli):
    born = cli("search", "Andrii Derkach", "--dob", "2099-01-01")
    assert born.exit_code == 2 and born.stderr.startswith("error: date of birth 2099-01-01 is in the future")
    assert len(born.stderr.splitlines()) == 1
    later = cli("search", "Andrii Derkach", "--as-of", "2099-01-01")
    assert later.exit_code == 2 and later.stderr.startswith("error: --as-of 2099-01-01 is in the future")


def test_a_director_column_is_screened_and_its_hit_names_the_column(cli):
    """Trial 3 item 1: under Customer,Director the director was only warned about and the run
    said "no match", exit 0. Now each name is answered with its column; the hit is found."""
    text = "Customer Name,Director,DOB\nAcme Trading Ltd,Andrii Derkach,\nWang Yi,John Smith,1970\n"
    result = cli("search", "--batch", "-", "--fail-on-hit", input=text)
    assert result.exit_code == 1, result.output
    got = [(a["line"], a.get("column"), a["query"], a["status"]) for a in _answers(result.stdout)]
    assert got == [
        (2, "Customer Name", "Acme Trading Ltd", "no_match"),
        (2, "Director", "Andrii Derkach", "match"),
        (3, "Customer Name", "Wang Yi", "no_match"),
        (3, "Director", "John Smith", "no_match"),
    ]
    assert "2 names screened in each row" in result.stderr
    csv_out = cli("search", "--batch", "-", "--output-format", "csv", input=text)
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert [(r["column"], r["status"]) for r in rows if r["line"] == "2"] == [
        ("Customer Name", "no_match"),
        ("Director", "match"),
    ]


def test_a_notes_column_is_not_screened_and_never_clear(cli):
    """A column that may hold names and is not screened: its rows with text are answered error
    "not screened: column Notes", said once on stderr, exit 2; --name-column screens it (the hit
    is found), --skip-column says it holds no names (exit 0)."""
    text = "Name,Notes\nWang Yi,Andrii Derkach\nJohn Smith,\n"
    result = cli("search", "--batch", "-", input=text)
    assert result.exit_code == 2, result.output
    answers = _answers(result.stdout)
    assert [(a["line"], a.get("column"), a["status"]) for a in answers] == [
        (2, "Notes", "error"),
        (2, None, "no_match"),
        (3, None, "no_match"),
    ]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "not screened: column Notes (1 row(s)" in errors[0]
    assert "Traceback" not in result.stderr
    screened = cli("search", "--batch", "-", "--name-column", "notes", "--fail-on-hit", input=text)
    assert screened.exit_code == 1, screened.output
    assert [(a.get("column"), a["status"]) for a in _answers(screened.stdout)][:2] == [
        ("Name", "no_match"),
        ("Notes", "match"),
    ]
    skipped = cli("search", "--batch", "-", "--skip-column", "Notes", input=text)
    assert skipped.exit_code == 0, skipped.output
    assert [a["status"] for a in _answers(skipped.stdout)] == ["no_match", "no_match"]
    alone = cli("search", "Wang Yi", "--name-column", "Notes")
    assert alone.exit_code == 2 and alone.stderr.startswith("error: --name-column and --skip-column go with")
    missing = cli("search", "--batch", "-", "--name-column", "Director", input=text)
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "--name-column 'director': the CSV header has no such column" in missing.stderr


def test_a_cp1252_nom_prenom_file_is_read_as_a_header_and_names(cli, tmp_path):
    """Trial 1: a cp1252 `Nom,Prénom` file gave a "not UTF-8" error for its header (exit 2) and
    each row was screened whole as a plain line."""
    path = tmp_path / "clients.csv"
    path.write_bytes("Nom,Prénom\r\nDERKACH,Andrii\r\nMÉNARD,Zoé\r\n".encode("cp1252"))
    result = cli("search", "--batch", str(path))
    assert result.exit_code == 0, result.output
    answers = _answers(result.stdout)
    assert [(a["line"], a["query"], a["status"]) for a in answers] == [
        (2, "Andrii DERKACH", "match"),
        (3, "Zoé MÉNARD", "no_match"),
    ]
    assert "read as Windows-1252" in result.stderr


def test_a_ctrl_c_says_how_much_of_the_file_was_screened(cli, tmp_path, monkeypatch):
    """Trial 2: Ctrl-C after 1,008 of 20,000 lines said only "interrupted; nothing half-applied is
    kept": nothing said the answers written were a part of the file."""
    from tracker.cli import search as search_cli

    names = tmp_path / "names.txt"
    names.write_text("Andrii Derkach\nWang Yi\nArtem Lifshits\nJohn Smith\n", encoding="utf-8")
    real = search_cli._answer_one
    calls = []

    def answer_then_stop(screening, item):
        calls.append(item)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(screening, item)

    monkeypatch.setattr(search_cli, "_answer_one", answer_then_stop)
    result = cli("search", "--batch", str(names))
    assert len(_answers(result.stdout)) == 2
    assert f"{names}: stopped after 2 answer(s), up to line 2: the rest is not screened" in result.stderr


def test_options_of_one_query_are_refused_with_a_batch_and_batch_options_without_one(cli):
    """Trial 4: `search --batch f.csv --dob 1967` screened every row without the date (and
    `search NAME --output-format csv` printed the human answer): an option ignored is refused."""
    text = "name\nAndrii Derkach\n"
    for option in (("--dob", "1967-08-19"), ("--country", "UA")):
        result = cli("search", "--batch", "-", *option, input=text)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            "error: --dob and --country go with one QUERY: in a --batch FILE give them as columns "
            "(dob, country)\n"
        )
    for option in (("--output-format", "csv"), ("--input-format", "lines")):
        result = cli("search", "Andrii Derkach", *option)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith("error: --input-format and --output-format go with --batch FILE")
    # each where it belongs is still read
    assert cli("search", "--batch", "-", "--output-format", "csv", input=text).exit_code == 0
    assert cli("search", "Andrii Derkach", "--dob", "1967-08-19", "--country", "UA").exit_code == 0
