"""Reading batch files (tracker.screening.batch): sniffing, line numbers, bounded memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from tracker.errors import UsageError
from tracker.screening.batch import MAX_LINE_BYTES, BadLine, BatchQuery, read_batch
from tracker.screening.columns import IDENTIFIER, NAME, NOT_NAME, classify_header


def read(data: bytes, fmt: str = "auto") -> list[BatchQuery | BadLine]:
    return list(read_batch(io.BytesIO(data), "f", fmt))


def test_plain_lines_with_a_bom_and_crlf():
    assert read("\ufeffDERKACH, Andrii\r\n\r\nWang Yi\r\n".encode()) == [
        BatchQuery(1, "DERKACH, Andrii", columns=("DERKACH", "Andrii")),
        BatchQuery(3, "Wang Yi"),
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_file_with_its_bom_is_read_as_text(codec: str):
    """The trial: a CSV saved as Excel's "Unicode text" (UTF-16 with a byte-order mark) was refused
    as a binary file. Read whole, with names beyond Latin-1 and past the first read's 8 KB."""
    text = "Name\tDate of Birth\r\nАндрій Деркач\t19.08.1967\r\n" + "Wang Yi\t\r\n" * 3000 + "李 四\t\r\n"
    data = text.encode(codec)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = ("\ufeff" + text).encode(codec)  # the -le / -be codecs write no mark
    queries = read(data)
    assert queries[0] == BatchQuery(2, "Андрій Деркач", dob="1967-08-19")
    assert queries[-1] == BatchQuery(3003, "李 四")
    assert len(queries) == 3002 and all(isinstance(q, BatchQuery) for q in queries)


def test_an_unpaired_surrogate_in_utf16_costs_its_line_and_a_binary_file_is_still_refused():
    data = (
        "\ufeffname\nAlpha Beta\n".encode("utf-16-le") + b"\x00\xd8" + "x\nGamma Delta\n".encode("utf-16-le")
    )
    assert read(data) == [
        BatchQuery(2, "Alpha Beta"),
        BadLine(3, "not UTF-8 text (save the file as UTF-8)"),
        BatchQuery(4, "Gamma Delta"),
    ]
    for binary in (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, b"\xff\xfe" + bytes(4000)):
        with pytest.raises(UsageError, match="is a binary file, not names"):
            read(binary)
    # trial 3: an Excel file is told as one, with what to do
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 100)
    for spreadsheet in (workbook.getvalue(), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8):
        with pytest.raises(UsageError, match="is a spreadsheet workbook, not text: save its sheet as CSV"):
            read(spreadsheet)


UNCLOSED = 'not CSV: a quote (") is opened and not closed on this line'


def test_a_csv_row_is_one_line_so_a_stray_quote_costs_only_its_line():
    # Read as a field spanning lines, the quote swallowed every later name into one query that
    # matched nothing: a false all clear for the rest of the file.
    data = b'id,name\n1,Vladimir Putin\n2,"Bad, quote\n3,Sergei Lavrov\n4,Andrei Derkach\n5,Kim Jong Un\n'
    assert read(data) == [
        BatchQuery(2, "Vladimir Putin", id="1"),
        BadLine(3, UNCLOSED),
        BatchQuery(4, "Sergei Lavrov", id="3"),
        BatchQuery(5, "Andrei Derkach", id="4"),
        BatchQuery(6, "Kim Jong Un", id="5"),
    ]


def test_under_a_header_of_name_alone_the_whole_line_is_the_name():
    """The trial: a file with the one header 'name' and a row DERKACH, Andrii unquoted gave an error
    row ("2 fields, the header has 1"). A file of names is read as plain lines are: the whole line
    is the name (a stray quote too: it costs no line), a line quoted whole is unquoted."""
    data = b'Name\nDERKACH, Andrii\n"LIFSHITS, Artem"\n"Bad, quote\nWang; Yi\n\n'
    assert read(data) == [
        BatchQuery(2, "DERKACH, Andrii", columns=("DERKACH", "Andrii")),
        BatchQuery(3, "LIFSHITS, Artem"),
        BatchQuery(4, '"Bad, quote'),
        BatchQuery(5, "Wang; Yi"),
    ]
    assert read(data, "csv") == read(data)


def test_a_quoted_field_may_not_hold_a_line_break():
    data = b'id,name\n1,"DOE,\nJohn"\n2,Jane Roe\n3,"Roe, ""J"" Jr"\n4,"x"y\n5,a\rb\n'
    assert read(data) == [
        BadLine(2, UNCLOSED),
        BadLine(3, "1 fields, the header has 2"),
        BatchQuery(4, "Jane Roe", id="2"),
        BatchQuery(5, 'Roe, "J" Jr', id="3"),
        BadLine(6, "not CSV: ',' expected after '\"'"),
        BadLine(7, "not CSV: a line break (CR) inside the line"),
    ]


def test_a_forced_format_reads_what_auto_would_not():
    assert read(b"name\nJohn Doe\n", "lines") == [BatchQuery(1, "name"), BatchQuery(2, "John Doe")]
    assert read(b"name\nJohn Doe\n") == [BatchQuery(2, "John Doe")]
    assert isinstance(read(b"John Doe\n", "jsonl")[0], BadLine)
    with pytest.raises(UsageError, match="unknown --input-format 'xml'"):
        read(b"x", "xml")


def test_json_values_must_be_text():
    (bad,) = read(b'{"name": "John Doe", "country": ["RU"]}\n')
    assert bad == BadLine(1, '"country" must be text, not list', query="John Doe")
    (good,) = read(b'{"name": " John Doe ", "dob": 1970, "id": 5}\n')
    assert good == BatchQuery(1, "John Doe", dob="1970", id="5")


def test_an_over_long_line_is_bounded_and_named():
    data = b"A B\n" + b"x" * (5 * MAX_LINE_BYTES) + b"\nC D\n" + b"y" * (MAX_LINE_BYTES + 10)
    assert read(data) == [
        BatchQuery(1, "A B"),
        BadLine(2, f"longer than {MAX_LINE_BYTES:,} bytes: not a name"),
        BatchQuery(3, "C D"),
        BadLine(4, f"longer than {MAX_LINE_BYTES:,} bytes: not a name"),
    ]


def test_common_header_spellings_are_read_and_a_header_without_a_name_is_refused():
    # Read as plain lines, each row of these files was one name matching nothing: every line an
    # all clear, exit 0, under --fail-on-hit.
    data = b"full_name,date_of_birth,nationality\nAndrii Derkach,1967-08-19,Ukraine\n"
    assert read(data) == [BatchQuery(2, "Andrii Derkach", dob="1967-08-19", country="Ukraine")]
    assert read(b"Customer Name|DOB\nAndrii Derkach|1967-08-19\n") == [
        BatchQuery(2, "Andrii Derkach", dob="1967-08-19")
    ]
    data = "\ufeffName;Date of Birth;Country\r\nAndrii Derkach;19.08.1967;Ukraine\r\n".encode()
    assert read(data) == [BatchQuery(2, "Andrii Derkach", dob="1967-08-19", country="Ukraine")]
    for refused in (b"Kunde;Geburtsdatum\nX;1967\n",
                    b"Andrii Derkach,1967-08-19\n", b"full,dob\nX,1967\n"):  # fmt: skip
        with pytest.raises(UsageError, match="looks like CSV columns .* but none is a name column"):
            read(refused)
    # a name with a comma is still a plain line
    assert read(b"DERKACH, Andrii\nWang Yi\n") == [
        BatchQuery(1, "DERKACH, Andrii", columns=("DERKACH", "Andrii")),
        BatchQuery(2, "Wang Yi"),
    ]


def test_columns_not_read_are_named_once():
    warnings: list[str] = []
    data = b"Name,Address,Phone,DOB,Born\nAndrii Derkach,Kyiv,1,,x\nWang Yi,,,,\n"
    assert len(list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))) == 2
    assert warnings == ["f: column(s) not read: Address, Phone, Born (read: name, dob, country, id, type)"]


def test_the_columns_not_read_of_a_wide_file_are_named_in_one_short_line():
    """The trial: a 60-column export got a warning naming all 59 columns it does not read."""
    warnings: list[str] = []
    header = ["Customer Name", *(f"Attribute {i}" for i in range(1, 60)), "x" * 100]
    data = (",".join(header) + "\n" + ",".join(["Wang Yi", *[""] * 60]) + "\n").encode()
    assert len(list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))) == 1
    assert warnings == [
        "f: not screened: column(s) Attribute 1, Attribute 2, Attribute 3 and 57 more: may hold "
        "names (see --name-column, --skip-column)"
    ]
    warnings.clear()
    list(read_batch(io.BytesIO(b"name," + b"y" * 100 + b"\nWang Yi,\n"), "f", "auto", warnings.append))
    assert warnings == [
        f"f: not screened: column(s) {'y' * 37}...: may hold names (see --name-column, --skip-column)"
    ]
    warnings.clear()
    header = ["Customer Name", *(f"Amount {i}" for i in range(1, 60))]
    data = (",".join(header) + "\n" + ",".join(["Wang Yi", *["1"] * 59]) + "\n").encode()
    assert len(list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))) == 1
    assert warnings == [
        "f: column(s) not read: Amount 1, Amount 2, Amount 3, Amount 4 and 55 more "
        "(read: name, dob, country, id, type)"
    ]


def test_a_date_written_in_the_name_is_its_date_of_birth_and_two_are_said_not_guessed():
    """The trial: "Andrii Derkach 1967-08-19" was screened whole and matched nothing (a false all
    clear), and a name holding two dates must not have the first taken silently."""
    warnings: list[str] = []
    data = (
        "name,dob\n"
        "Andrii Derkach 1967-08-19,\n"
        '"DERKACH, Andrii (b. 19.08.1967)",\n'
        "Andrii Derkach born 19 Aug 1967,\n"
        "Andrii Derkach 1967-08-19 1970-01-01,\n"
        "Andrii Derkach (03/04/1967),\n"
        "Andrii Derkach 1970-01-01,1967-08-19\n"
        "Andrii Derkach 1967-08-19,19.08.1967\n"
        "Club 1860 Munich,\n"
        '"Derkach 19, 1967",\n'
    )
    assert list(read_batch(io.BytesIO(data.encode()), "f", "auto", warnings.append)) == [
        BatchQuery(2, "Andrii Derkach", dob="1967-08-19"),
        BatchQuery(3, "DERKACH, Andrii", dob="1967-08-19"),
        BatchQuery(4, "Andrii Derkach", dob="1967-08-19"),
        BatchQuery(5, "Andrii Derkach"),
        BatchQuery(6, "Andrii Derkach"),
        BatchQuery(7, "Andrii Derkach", dob="1967-08-19"),
        BatchQuery(8, "Andrii Derkach", dob="1967-08-19"),
        BatchQuery(9, "Club 1860 Munich"),  # a year alone is part of a name
        BatchQuery(10, "Derkach 19, 1967"),  # not a month
    ]
    assert warnings == [
        "f: line 5: the name holds 2 dates (1967-08-19, 1970-01-01): screened as 'Andrii Derkach' "
        "with no date of birth",
        "f: line 6: the name holds 1 date (03/04/1967 day/month unclear): screened as 'Andrii Derkach' "
        "with no date of birth",
        "f: line 7: the name holds 1 date (1970-01-01): screened as 'Andrii Derkach' with its dob 1967-08-19",
    ]
    assert read(b"Andrii Derkach 1967-08-19\n1967-08-19\n") == [
        BatchQuery(1, "Andrii Derkach", dob="1967-08-19"),
        # nothing but a date: answered "no match", it was a false all clear
        BadLine(2, "no name to screen, only a date (1967-08-19)"),
    ]


def test_a_date_in_a_name_that_cannot_be_a_birth_date_is_said_for_what_it_is():
    """Gap: a future date in a name was warned "day/month unclear"."""
    warnings: list[str] = []
    data = b"name\nAndrii Derkach 2999-08-19\nAndrii Derkach 19.08.1067\n"
    assert list(read_batch(io.BytesIO(data), "f", "auto", warnings.append)) == [
        BatchQuery(2, "Andrii Derkach"),
        BatchQuery(3, "Andrii Derkach"),
    ]
    assert warnings == [
        "f: line 2: the name holds 1 date (2999-08-19 in the future): screened as 'Andrii Derkach' "
        "with no date of birth",
        "f: line 3: the name holds 1 date (19.08.1067 before 1900): screened as 'Andrii Derkach' "
        "with no date of birth",
    ]
    jsonl = b'{"id": "c7", "name": "b. 19.08.1967"}\n'
    assert list(read_batch(io.BytesIO(jsonl), "f")) == [
        BadLine(1, "no name to screen, only a date (1967-08-19)", "c7")
    ]


def test_every_csv_row_gets_an_answer_and_one_name_part_alone_is_no_name():
    """Gaps: an all-empty row got no answer; a row with an empty surname was screened as the
    given name alone ("Anton" matches nobody: a false all clear). A part holding a whole name is
    read as what it is."""
    data = (
        "ID,First Name,Last Name\nc1,Anton,Andreyev\n,,\nc3,Anton,\nc4,,ANDREYEV\nc5,Anton Andreyev,\nc6,,\n"
    )
    assert list(read_batch(io.BytesIO(data.encode()), "f")) == [
        BatchQuery(2, "Anton Andreyev", id="c1"),
        BadLine(3, "an empty row: no name"),
        BadLine(
            4,
            "the Last Name is empty: 'Anton' alone is only part of a name (it would find namesakes or nobody, never a sure answer); give "
            "both parts, or the full name in one",
            "c3",
            "Anton",
        ),
        BadLine(
            5,
            "the First Name is empty: 'ANDREYEV' alone is only part of a name (it would find namesakes or nobody, never a sure answer); give "
            "both parts, or the full name in one",
            "c4",
            "ANDREYEV",
        ),
        BatchQuery(6, "Anton Andreyev", id="c5"),
        BadLine(7, "no name", "c6"),
    ]
    jsonl = b'{"first_name": "Anton", "last_name": ""}\n{"first_name": "Anton Andreyev", "surname": null}\n'
    assert list(read_batch(io.BytesIO(jsonl), "f")) == [
        BadLine(
            1,
            "the last_name is empty: 'Anton' alone is only part of a name (it would find namesakes or nobody, never a sure answer); give "
            "both parts, or the full name in one",
            None,
            "Anton",
        ),
        BatchQuery(2, "Anton Andreyev"),
    ]


def test_a_json_date_of_birth_with_a_time_of_day_is_its_date():
    """Gap: "1967-02-19T00:00:00", as JSON serialisers write a date, was refused."""
    data = b'{"name": "Andrii Derkach", "dob": "1967-08-19T00:00:00"}\n{"name": "A B", "dob": "1967-08-19 00:00:00Z"}\n'
    assert [q.dob for q in read_batch(io.BytesIO(data), "f")] == ["1967-08-19", "1967-08-19"]


def test_a_spreadsheet_date_of_birth_is_read_when_it_reads_one_way_only():
    rows = "\n".join(["name,dob", *(f"N{i},{d}" for i, d in enumerate(
        ["19.08.1967", "1.2.1967", "19/08/1967", "08/19/1967", "05/05/1967", "03/04/1967", "1967-08",
         "19-08-1967", "1967/08/19", "19 Aug 1967", "Aug 1967"]))]) + "\n"  # fmt: skip
    assert read(rows.encode()) == [
        BatchQuery(2, "N0", dob="1967-08-19"),
        BatchQuery(3, "N1", dob="1967-02-01"),
        BatchQuery(4, "N2", dob="1967-08-19"),
        BatchQuery(5, "N3", dob="1967-08-19"),
        BatchQuery(6, "N4", dob="1967-05-05"),
        BadLine(
            7,
            "date of birth '03/04/1967' reads as day/month or month/day: write it YYYY-MM-DD "
            "(1967-04-03 or 1967-03-04)",
            query="N5",
        ),
        BatchQuery(8, "N6", dob="1967-08"),
        BatchQuery(9, "N7", dob="1967-08-19"),
        BatchQuery(10, "N8", dob="1967-08-19"),
        BatchQuery(11, "N9", dob="1967-08-19"),
        BatchQuery(12, "N10", dob="1967-08"),
    ]
    # JSON lines are read the same way
    assert read(b'{"name": "N", "dob": "19 August 1967"}\n{"name": "M", "dob": "04/03/1967"}\n') == [
        BatchQuery(1, "N", dob="1967-08-19"),
        BadLine(
            2,
            "date of birth '04/03/1967' reads as day/month or month/day: write it YYYY-MM-DD "
            "(1967-03-04 or 1967-04-03)",
            query="M",
        ),
    ]


@pytest.mark.parametrize(
    "header, row",
    [
        (b"Name,Surname,DOB", b"Anton,Andreyev,1986"),
        (b"first_name,last_name,dob", b"Anton,Andreyev,1986"),
        (b" First Name ; LAST NAME ;dob", b"Anton;Andreyev;1986"),
        (b"ID,Name,Surname,DOB", b",Anton,Andreyev,1986"),
        (b"Surname,Given Name,dob", b"Andreyev,Anton,1986"),  # put together in the order written
    ],
)
def test_given_name_and_surname_columns_are_screened_as_one_full_name(header: bytes, row: bytes):
    """The trial: under Name,Surname only "Anton" was screened (no match: a false all clear) and
    Surname was named as a column not read; first_name,last_name was refused."""
    warnings: list[str] = []
    got = list(read_batch(io.BytesIO(header + b"\n" + row + b"\n"), "f", "auto", warnings.append))
    assert got == [BatchQuery(2, "Anton Andreyev", dob="1986")]
    assert warnings == []


def test_given_middle_and_family_columns_are_put_together_in_order_with_a_blank_part_left_out():
    data = b"Family\tGiven\tMiddle\tid\nDerkach\tAndrii\tLeonidovych\tc1\nDerkach\tAndrii\t\tc2\n"
    assert read(data) == [
        BatchQuery(2, "Andrii Leonidovych Derkach", id="c1"),
        BatchQuery(3, "Andrii Derkach", id="c2"),
    ]


@pytest.mark.parametrize(
    "header, why",
    [
        (b"First Name,DOB", "only part of a name"),  # a given name alone matches nobody
        (b"Surname,DOB", "only part of a name"),
        (b"Name,Middle", "only part of a name"),
        (b"Name,First Name,Last Name", "both a name and a given name column"),
    ],
)
def test_a_header_with_part_of_a_name_or_two_full_names_is_refused(header: bytes, why: str):
    with pytest.raises(UsageError, match=why):
        read(header + b"\nA,B" + b",C" * (header.count(b",") - 1) + b"\n")


def test_a_bad_line_keeps_the_callers_id_and_name():
    """The trial: a CSV line with a date reading both ways, and JSON lines with a bad dob or an
    unread name key, were answered with "id": null: the caller could not tell which record failed."""
    csv_lines = read(b"name,dob,country,id\nJohn Smith,03/04/1980,GB,c4\n,1980,GB,c5\nA B,1,2\n")
    assert [(b.line, b.id, b.query) for b in csv_lines if isinstance(b, BadLine)] == [
        (2, "c4", "John Smith"),
        (3, "c5", None),
        (4, None, None),  # wrong number of fields: no column can be trusted
    ]
    json_lines = read(b'{"name": "A B", "dob": ["1967"], "id": 4}\n{"dob": "1967", "id": "x"}\n')
    assert [(b.line, b.id, b.query) for b in json_lines if isinstance(b, BadLine)] == [
        (1, "4", "A B"),
        (2, "x", None),
    ]


def test_json_keys_are_read_as_csv_headers_are_and_an_unknown_key_is_warned_once():
    """The trial: "date_of_birth" and "birthDate" were dropped silently (screened without the date)
    and "Name" was 'no "name"'."""
    warnings: list[str] = []
    data = (
        b'{"full_name": "Andrii Derkach", "date_of_birth": "19.08.1967", "id": 1}\n'
        b'{"Name": "Andrii Derkach", "birthDate": "1967-08-19", "Nationality": "UA", "ref": 2}\n'
        b'{"name": "Andrii Derkach", "birth_date": "1967", "notes": "x"}\n'
        b'{"first_name": "Andrii", "last_name": "Derkach", "notes": "Ivan"}\n'
        b'{"first_name": "Andrii", "dob": "1967"}\n'
    )
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert [q for q in got if isinstance(q, BatchQuery)] == [
        BatchQuery(1, "Andrii Derkach", dob="1967-08-19", id="1"),
        BatchQuery(2, "Andrii Derkach", dob="1967-08-19", country="UA", id="2"),
        BatchQuery(3, "Andrii Derkach", dob="1967"),
        BatchQuery(4, "Andrii Derkach"),
    ]
    bad = [q for q in got if isinstance(q, BadLine)]
    assert [(b.line, b.column, b.unscreened) for b in bad[:2]] == [(3, "notes", True), (4, "notes", True)]
    assert "only part of a name" in bad[2].message
    assert warnings == []


def test_a_date_of_birth_in_the_future_is_an_error_line():
    (line,) = read(b"name,dob,id\nAndrii Derkach,2099-01-01,c1\n")
    assert isinstance(line, BadLine) and (line.line, line.id, line.query) == (2, "c1", "Andrii Derkach")
    assert line.message.startswith("date of birth 2099-01-01 is in the future (today is ")
    (line,) = read(b'{"name": "Andrii Derkach", "dob": "2099-12-01", "id": 7}\n')
    assert isinstance(line, BadLine) and "in the future" in line.message and line.id == "7"


@pytest.mark.parametrize("header", [b"Name,Name", b"Name,Full Name", b"First Name,Surname,Last Name"])
def test_two_columns_for_one_name_are_refused_not_one_screened(header: bytes):
    """The trial: under "Name,Name" only the first column was screened and the second named "not
    read", exit 0: a listed person in the second column was never screened (a false all clear).
    One row gets one answer, so which column holds the party cannot be told: refused."""
    with pytest.raises(UsageError, match=r"2 columns for the same name \("):
        read(header + b"\nfoo,Andrii Derkach" + b",x" * (header.count(b",") - 1) + b"\n")


def test_two_json_keys_for_one_name_are_an_error_line():
    assert read(b'{"name": "foo", "Full Name": "Andrii Derkach"}\n') == [
        BadLine(1, "two keys for one name (name, Full Name): give one")
    ]


@pytest.mark.parametrize(
    ("header", "other"),
    [
        (b"Name,AKA", "AKA"),
        (b"name,name2", "name2"),
        (b"Name,Other Name", "Other Name"),
        (b"Customer Name,Director Name", "Director Name"),
        (b"Name;Alias", "Alias"),
        (b"Name,Director", "Director"),
        (b"Name,Spouse", "Spouse"),
        (b"Company Name,Beneficial Owner", "Beneficial Owner"),
        (b"Name,UBO", "UBO"),
        (b"Name,Owner", "Owner"),
        (b"Name,Signatory", "Signatory"),
        (b"Name,Shareholder 1", "Shareholder 1"),
        (b"Name,Officer", "Officer"),
        (b"Name,Vessel Name", "Vessel Name"),
        (b"Name,Bank Name", "Bank Name"),
        (b"Name,nom", "nom"),
        (b"Name,nombre", "nombre"),
        (b"Name,DirectorName", "DirectorName"),
    ],
)
def test_a_second_column_of_names_is_screened_each_answer_naming_its_column(header: bytes, other: str):
    """Trial 3 item 1: a Director, Spouse, UBO ... column was only warned about and every row
    answered "no match", exit 0: the listed person in it was never screened (a false all clear).
    Each name of the row is a query of its own, saying its column; the date of birth and country
    are the first name's only (the row's party's, not the director's)."""
    delimiter = b";" if b";" in header else b","
    row = delimiter.join([b"John Smith", b"Oleg Deripaska"])
    first, second = read(header + delimiter + b"DOB\n" + row + delimiter + b"1970\n")
    name = header.split(delimiter)[0].decode()
    assert first == BatchQuery(2, "John Smith", dob="1970", column=name)
    assert second == BatchQuery(2, "Oleg Deripaska", column=other)
    assert second.as_json()["column"] == other


@pytest.mark.parametrize(
    "header",
    [b"Name,Street Name", b"Name,File Name", b"Name,User Name", b"Name,Host Name", b"Name,Domain Name",
     b"Name,Product Name", b"Name,Country of Residence,Address,Passport Expiry,Date Created,Amount,Email",
     b"Name,Director Country", b"Name,Owner ID", b"Name,Name Type", b"Name,Username"],
)  # fmt: skip
def test_columns_that_hold_no_party_name_stay_quiet(header: bytes):
    """Trial 3 item 2: "Street Name" and "Bank Name" were read alike; a street, a file, a user or
    a host is no party: not screened, not flagged (the other direction: Bank Name is screened)."""
    warnings: list[str] = []
    cells = header.count(b",")
    data = header + b"\nJohn Smith" + b",Baker Street 12" * cells + b"\n"
    assert list(read_batch(io.BytesIO(data), "f", "auto", warnings.append)) == [BatchQuery(2, "John Smith")]
    assert all("not screened" not in w and "names screened" not in w for w in warnings)


@pytest.mark.parametrize("header", [b"Name,Notes", b"Name,Remarks", b"Name,Kunde", b"Name,Attribute 1"])
def test_a_free_text_column_that_may_hold_names_makes_its_rows_not_screened(header: bytes):
    """Trial 3 item 1: a column that may hold a name and is not screened is no all clear: each
    row with text there is a BadLine "not screened: column X"; a row where it is empty or holds
    no letter (a number) or a placeholder (N/A) is clear as before."""
    column = header.split(b",")[1].decode()
    warnings: list[str] = []
    data = header + b"\nJohn Smith,Oleg Deripaska\nWang Yi,\nAnna Ivanova,12345\nLi Na,N/A\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got[1:] == [
        BatchQuery(2, "John Smith"),
        BatchQuery(3, "Wang Yi"),
        BatchQuery(4, "Anna Ivanova"),
        BatchQuery(5, "Li Na"),
    ]
    bad = got[0]
    assert isinstance(bad, BadLine) and bad.unscreened and (bad.line, bad.column) == (2, column)
    assert bad.query == "Oleg Deripaska" and bad.message.startswith(f"not screened: column {column} (")
    assert "\n" not in bad.message and f"--name-column {column!r}" in bad.message
    assert any(f"not screened: column(s) {column}" in w for w in warnings)


def test_name_column_and_skip_column_choose_what_is_screened():
    data = b"Kunde,Notes,Land\nOleg Deripaska,call back Friday,RU\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", None, ["kunde"], ["NOTES"]))
    assert got == [BatchQuery(2, "Oleg Deripaska", country="RU")]  # sniffed as CSV by the column chosen
    data = b"Name,Notes\nJohn Smith,Oleg Deripaska\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", None, ["Notes"]))
    assert got == [
        BatchQuery(2, "John Smith", column="Name"),
        BatchQuery(2, "Oleg Deripaska", column="Notes"),
    ]
    for names, skips, message in (
        (["Director"], [], r"--name-column 'director': the CSV header has no such column"),
        ([], ["Spouse"], r"--skip-column 'spouse': the CSV header has no such column"),
        (["Notes"], ["notes"], "given to both --name-column and --skip-column"),
        (["dob"], [], "--name-column 'DOB' is read as the dob column"),
    ):
        with pytest.raises(UsageError, match=message):
            list(read_batch(io.BytesIO(b"Name,Notes,DOB\nA B,,\n"), "f", "auto", None, names, skips))
    with pytest.raises(UsageError, match="no CSV header with such a column"):
        list(read_batch(io.BytesIO(b"John Smith\n"), "f", "auto", None, ["Director"]))


def test_a_role_alone_is_a_name_column_but_a_name_ending_in_a_role_word_is_a_name():
    assert read(b"Director,DOB\nOleg Deripaska,1968\n") == [BatchQuery(2, "Oleg Deripaska", dob="1968")]
    assert read(b"Beneficial Owner\nOleg Deripaska\n") == [BatchQuery(2, "Oleg Deripaska")]
    assert read(b"Nom;Pays\nAndrii Derkach;UA\n") == [BatchQuery(2, "Andrii Derkach", country="UA")]
    # a plain file of names whose first name ends in a role word: no header, every line screened
    assert read(b"Carl Holder\nWang Yi\n") == [BatchQuery(1, "Carl Holder"), BatchQuery(2, "Wang Yi")]
    # trial 2: a German compound or a role the header vocabulary lacked was screened as a name
    assert read(b"Firmenname\nRosneft\n") == [BatchQuery(2, "Rosneft")]
    assert read(b"Employee\nOleg Deripaska\n") == [BatchQuery(2, "Oleg Deripaska")]


def test_json_keys_holding_other_names_are_screened_and_free_text_is_not_screened():
    data = (
        b'{"name": "John Smith", "director": "Oleg Deripaska", "dob": "1970", "id": "c1"}\n'
        b'{"nombre": "Oleg Deripaska", "notes": "x"}\n'
        b'{"name": "Wang Yi", "aka": ["Yi Wang", "W. Yi"]}\n'
    )
    assert read(data) == [
        BatchQuery(1, "John Smith", dob="1970", id="c1", column="name"),
        BatchQuery(1, "Oleg Deripaska", id="c1", column="director"),
        BadLine(2, "not screened: column notes ('x' may be a name: give --name-column 'notes' to screen it, "
                "or --skip-column 'notes' if it holds no names)", None, "x", "notes", unscreened=True),
        BatchQuery(2, "Oleg Deripaska"),
        BatchQuery(3, "Wang Yi", column="name"),
        BatchQuery(3, "Yi Wang", column="aka"),
        BatchQuery(3, "W. Yi", column="aka"),
    ]  # fmt: skip
    assert read(b'{"name": "A B", "notes": "x"}\n'.replace(b"notes", b"remarks"))[0].unscreened  # type: ignore[union-attr]
    skipped = list(
        read_batch(io.BytesIO(b'{"name": "A B", "notes": "x"}\n'), "f", "auto", None, (), ["notes"])
    )
    assert skipped == [BatchQuery(1, "A B")]


@pytest.mark.parametrize(
    "header",
    [b"First Name,Last Name", b"Name,Surname", b"Given Name,Family Name", b"Name,Username,Notes",
     b"Given,Surname,Second Surname", b"Name,Name Type,Notes"],
)  # fmt: skip
def test_name_part_columns_and_other_words_ending_in_name_are_still_read(header: bytes):
    row = b",".join([b"Andrii", b"Derkach", b"1"][: header.count(b",") + 1])
    got = read(header + b"\n" + row + b"\n")
    assert len(got) == 1 and isinstance(got[0], BatchQuery) and "Andrii" in got[0].name


def test_a_json_key_holding_another_name_is_screened_too():
    assert read(b'{"name": "John Smith", "aka": "Oleg Deripaska"}\n') == [
        BatchQuery(1, "John Smith", column="name"),
        BatchQuery(1, "Oleg Deripaska", column="aka"),
    ]


def test_a_json_key_given_twice_is_an_error_line_not_the_last_value():
    """Trial 2 item 6: json.loads kept the last "name", so Sergei Lavrov was never screened."""
    data = b'{"name": "Andrii Derkach"}\n{"name":"Sergei Lavrov","name":"John Smith"}\n'
    assert read(data) == [
        BatchQuery(1, "Andrii Derkach"),
        BadLine(2, "the key 'name' is given twice in one object: give it once"),
    ]
    assert read(b'{"name": "A B", "dob": "1967", "dob": "1970"}\n', "jsonl") == [
        BadLine(1, "the key 'dob' is given twice in one object: give it once")
    ]


@pytest.mark.parametrize("fmt", ["auto", "csv", "lines"])
def test_a_file_of_cr_line_ends_is_read_line_by_line(fmt: str):
    """The trial: old-Mac CR line ends were an internal error (exit 3)."""
    data = b"name\rAndrii Derkach\rVladimir Putin\r"
    got = [q.name for q in read(data, fmt) if isinstance(q, BatchQuery)]
    assert got == (["name"] if fmt == "lines" else []) + ["Andrii Derkach", "Vladimir Putin"]
    assert read(b'{"name": "A B"}\r{"name": "C D"}', "auto") == [BatchQuery(1, "A B"), BatchQuery(2, "C D")]


@pytest.mark.parametrize("data", [b"name\n", b"name\r\n\r\n  \n", b"\xef\xbb\xbfFull Name;DOB\n"])
def test_a_csv_header_alone_holds_no_names(data: bytes):
    """The trial: a header-only CSV was an internal error (StopIteration, exit 3)."""
    with pytest.raises(UsageError, match=r"^f holds no names: only the CSV header \("):
        read(data)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec: str):
    """The trial: UTF-16 saved without its mark was called "a binary file"."""
    data = "name\nAndrii Derkach\nВладимир Путин\n".encode(codec)
    assert read(data) == [BatchQuery(2, "Andrii Derkach"), BatchQuery(3, "Владимир Путин")]


def test_a_nul_byte_in_text_is_named_with_its_line():
    with pytest.raises(UsageError, match="^f holds a NUL byte on line 2: not text"):
        read(b"name\nAndrii\x00 Derkach\nWang Yi\n")


def test_json_nested_too_deep_is_an_error_line():
    assert read(b'{"name": "A B"}\n{"a": ' + b"[" * 20000 + b"\n") == [
        BatchQuery(1, "A B"),
        BadLine(2, "not valid JSON (nested too deep)"),
    ]


@pytest.mark.parametrize(
    "header, row",
    [
        ("\ufeffNOM;PRENOM;DATE_NAISSANCE", "DERKACH;Andrii;1967"),  # trial 1: refused
        ("Nom,Prénom,Date de naissance", "DERKACH,Andrii,1967"),
        ("Name;Vorname;Geburtsdatum", "DERKACH;Andrii;1967"),  # a bare Name beside Vorname: surname
        ("Nachname,Vorname,DOB", "DERKACH,Andrii,1967"),
        ("Apellido,Nombre,DOB", "DERKACH,Andrii,1967"),  # Nombre beside a surname: the given name
        ("Cognome;Nome;Data di nascita", "DERKACH;Andrii;1967"),
        ("Фамилия,Имя,Дата рождения", "DERKACH,Andrii,1967"),
    ],
)
def test_surname_and_given_name_headers_in_other_languages_make_one_name(header: str, row: str):
    warnings: list[str] = []
    data = f"{header}\n{row}\n".encode()
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got == [BatchQuery(2, "Andrii DERKACH", dob="1967")]
    assert warnings == []


def test_a_bare_name_column_is_still_a_full_name_and_a_full_name_beside_a_first_name_is_refused():
    """Only a bare name beside a given name is a surname: "Nom" alone holds the whole name, and
    "Full Name" beside "First Name" cannot be told apart (a first name alone matches nobody)."""
    assert read(b"Nom;Pays\nAndrii DERKACH;UA\n") == [BatchQuery(2, "Andrii DERKACH", country="UA")]
    for header in (b"Full Name,First Name", b"Name,First Name,Last Name"):
        with pytest.raises(UsageError, match="both a name and a given name column"):
            read(header + b"\nA,B" + b",C" * (header.count(b",") - 1) + b"\n")
    with pytest.raises(UsageError, match="only part of a name"):
        read(b"Vorname,DOB\nAndrii,1967\n")


def test_json_name_and_vorname_keys_make_one_name():
    assert read(b'{"Name": "DERKACH", "Vorname": "Andrii"}\n') == [BatchQuery(1, "Andrii DERKACH")]


def test_a_windows_1252_file_is_read_as_such_with_a_warning():
    """Trial 1: a cp1252 CSV's header "Nom,Prénom" was a "not UTF-8" error and its rows were read
    whole as plain lines ("DERKACH,Andrii")."""
    warnings: list[str] = []
    data = "Nom,Prénom\nDERKACH,Andrii\nMÜLLER,Jürgen\n".encode("cp1252") + b"\x81X,Y\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got == [BatchQuery(2, "Andrii DERKACH"), BatchQuery(3, "Jürgen MÜLLER"), BatchQuery(4, "Y \x81X")]
    assert len(warnings) == 1 and "not UTF-8 text: read as Windows-1252" in warnings[0]


def test_a_utf8_file_with_a_corrupt_line_keeps_it_an_error():
    warnings: list[str] = []
    data = "name\nJosé Martí\n".encode() + b"\xff\xfe bad\nWang Yi\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got == [
        BatchQuery(2, "José Martí"),
        BadLine(3, "not UTF-8 text (save the file as UTF-8)"),
        BatchQuery(4, "Wang Yi"),
    ]
    assert warnings == []


def test_a_windows_1252_line_after_the_first_8_kb_of_ascii_is_read_as_such_with_a_warning():
    """An export whose first accented name comes after the bytes sniffed at the start: "Müller" on
    line 1,002 was an error line (save as UTF-8) in an otherwise readable file."""
    warnings: list[str] = []
    data = b"name\n" + b"Ivan Petrov\n" * 1000 + "Jürgen Müller\nJosé Martí\n".encode("cp1252") + b"Wang Yi\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got[-3:] == [
        BatchQuery(1002, "Jürgen Müller"),
        BatchQuery(1003, "José Martí"),
        BatchQuery(1004, "Wang Yi"),
    ]
    assert warnings == [
        "f: line 1002 is not UTF-8 text: it and later such lines read as Windows-1252 (cp1252); save the "
        "file as UTF-8 if their names do not read right"
    ]


def test_a_late_corrupt_line_in_a_file_with_utf8_names_stays_an_error():
    warnings: list[str] = []
    data = b"name\n" + b"Ivan Petrov\n" * 1000 + "Jürgen Müller\n".encode() + "José\n".encode("cp1252")
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got[-2:] == [
        BatchQuery(1002, "Jürgen Müller"),
        BadLine(1003, "not UTF-8 text (save the file as UTF-8)"),
    ]
    assert warnings == []
    # a line holding a UTF-8 character beside a stray byte is corrupt UTF-8, not cp1252
    data = b"name\n" + b"Ivan Petrov\n" * 1000 + "Jürgen".encode() + b" M\xfcller\n"
    assert list(read_batch(io.BytesIO(data), "f", "auto"))[-1] == BadLine(
        1002, "not UTF-8 text (save the file as UTF-8)"
    )


def test_json_nom_and_prenom_keys_make_one_name_as_the_csv_columns_do():
    assert read('{"nom": "DERKACH", "prénom": "Andrii"}\n'.encode()) == [BatchQuery(1, "Andrii DERKACH")]
    assert read(b'{"Apellido": "DERKACH", "Nombre": "Andrii", "Director": "Oleg Deripaska"}\n') == [
        BatchQuery(1, "Andrii DERKACH", column="Nombre+Apellido"),
        BatchQuery(1, "Oleg Deripaska", column="Director"),
    ]
    # "nom" alone is still a full name, and a given name alone is still refused
    assert read(b'{"nom": "Andrii DERKACH"}\n') == [BatchQuery(1, "Andrii DERKACH")]
    assert "only part of a name" in read('{"prénom": "Andrii"}\n'.encode())[0].message


def test_a_percentage_column_of_a_party_holds_no_name():
    """ "Shareholder %" beside "Shareholder": the share, 25, was screened as a name."""
    warnings: list[str] = []
    data = b"Name,Shareholder,Shareholder %\nAndrii Derkach,Oleg Deripaska,25\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got == [
        BatchQuery(2, "Andrii Derkach", column="Name"),
        BatchQuery(2, "Oleg Deripaska", column="Shareholder"),
    ]
    assert warnings[0] == "f: column(s) not read: Shareholder % (read: name, dob, country, id, type)"
    assert classify_header("% Director") == NOT_NAME and classify_header("Director") == NAME


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_a_cyrillic_code_page_file_is_read_in_its_code_page(codec: str) -> None:
    """Trial 2: a cp1251 file was read as cp1252 ("Îëåã Äåðèïàñêà" for Олег Дерипаска): both names
    answered "no match", exit 0, a false all clear; KOI8-R the same."""
    warnings: list[str] = []
    data = "Олег Дерипаска\nАлишер Усманов\n".encode(codec)
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got == [BatchQuery(1, "Олег Дерипаска"), BatchQuery(2, "Алишер Усманов")]
    assert len(warnings) == 1 and "Cyrillic" in warnings[0]
    late = b"name\n" + b"Ivan Petrov\n" * 1000 + "Игорь Сечин\n".encode(codec)
    assert list(read_batch(io.BytesIO(late), "f", "auto"))[-1] == BatchQuery(1002, "Игорь Сечин")


def test_a_lone_western_name_is_not_read_as_cyrillic() -> None:
    """charset-normalizer reads a lone "Müller" in cp1252 as cp1251 "Mьller": a word mixing
    Cyrillic and Latin letters keeps the file cp1252."""
    for text in ("Müller\n", "Ærø Ødegård\n", "José Muñoz\nPeña Nieto\n"):
        got = read(text.encode("cp1252"))
        assert [q.name for q in got if isinstance(q, BatchQuery)] == text.split("\n")[:-1]


def test_a_name_nested_in_a_json_line_is_never_a_silent_all_clear() -> None:
    """Trial 2: {"name": "John Smith", "related": {"director": "Alexey Miller"}} answered John Smith
    "no match", exit 0, with a warning "key 'related' not read": Alexey Miller (listed) was never
    screened. Now the line is "not screened" for it, or screened with --name-column related."""
    line = b'{"name": "John Smith", "related": {"director": "Alexey Miller"}}\n'
    unscreened, smith = read(line)
    assert smith == BatchQuery(1, "John Smith")
    assert isinstance(unscreened, BadLine) and unscreened.unscreened and unscreened.query == "Alexey Miller"
    named = list(read_batch(io.BytesIO(line), "f", "auto", None, ["related"]))
    assert named == [
        BatchQuery(1, "John Smith", column="name"),
        BatchQuery(1, "Alexey Miller", column="related"),
    ]
    # a nested value under a key that holds no names stays quiet
    assert read(b'{"name": "John Smith", "address": {"street": "Main St"}}\n') == [
        BatchQuery(1, "John Smith")
    ]


def test_a_list_of_names_under_the_name_key_gives_one_answer_each() -> None:
    """Trial 2: {"names": ["A", "B"]} was an error "must be text, not list", though the README says
    a list of names under one key gets one answer per name."""
    assert read(b'{"names": ["Oleg Deripaska", "Alisher Usmanov"], "id": "7"}\n') == [
        BatchQuery(1, "Oleg Deripaska", id="7", column="names"),
        BatchQuery(1, "Alisher Usmanov", id="7", column="names"),
    ]


def test_bank_export_header_spellings_are_read() -> None:
    """Trial 2: "Cust_No;...;Ctry" made every row "not screened" for Ctry="DE" (exit 2), and the
    dates of birth under "Birth_Dt" were not read."""
    warnings: list[str] = []
    data = b"Cust_No;Name;Ctry;Birth_Dt\n17;Oleg Deripaska;RU;1968-01-02\n"
    got = list(read_batch(io.BytesIO(data), "f", "auto", warnings.append))
    assert got == [BatchQuery(2, "Oleg Deripaska", dob="1968-01-02", country="RU", id="17")]
    assert warnings == []


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Passport No", IDENTIFIER),
        ("IMO", IDENTIFIER),
        ("IMO Number", IDENTIFIER),
        ("Tax ID", IDENTIFIER),
        ("Registration Number", IDENTIFIER),
        ("LEI", IDENTIFIER),
        ("Tax", NOT_NAME),  # a tax amount, not a number
        ("Passport Country", NOT_NAME),
        ("Passport Expiry Date", NOT_NAME),
        ("Company", NAME),
        ("Company Name", NAME),
    ],
)
def test_an_identifier_column_is_told_from_other_columns(header: str, kind: str) -> None:
    assert classify_header(header) == kind


def test_an_identifier_column_is_screened_not_left_unread() -> None:
    # trial 3: "Passport No" and "IMO" were "column(s) not read" and a passport of a listed
    # person answered "no match": an all clear the file did not earn
    assert read(b"Passenger,Passport No\nJohn Doe,ET855378\n") == [
        BatchQuery(2, "John Doe", column="Passenger"),
        BatchQuery(2, "ET855378", column="Passport No"),
    ]
    assert read(b'{"name": "Some Ship", "imo": "9405978"}\n') == [
        BatchQuery(1, "Some Ship", column="name"),
        BatchQuery(1, "9405978", column="imo"),
    ]


def test_a_csv_whose_only_row_is_unreadable_is_answered_not_called_header_only():
    """Trial 4: a header and one over-long row answered the row's error, then refused the file as
    "holds no names: only the CSV header", which it was not."""
    data = b"name,notes\nJohn Smith," + b"x" * MAX_LINE_BYTES + b"\n"
    assert read(data) == [BadLine(2, f"longer than {MAX_LINE_BYTES:,} bytes: not a name")]
    with pytest.raises(UsageError, match="only the CSV header"):
        read(b"name,notes\n\n")


@pytest.mark.parametrize(
    "header, row, want",
    [
        ("الاسم", "بشار الأسد", BatchQuery(2, "بشار الأسد")),  # trial 4: the header was a name
        (
            "اسم;تاريخ الميلاد;الجنسية",
            "بشار الأسد;1965-09-11;SY",
            BatchQuery(2, "بشار الأسد", "1965-09-11", "SY"),
        ),
        ("姓名,出生日期,国籍", "金正恩,1984-01-08,KP", BatchQuery(2, "金正恩", "1984-01-08", "KP")),
        ("氏名", "金正恩", BatchQuery(2, "金正恩")),
        ("이름;생년월일", "김정은;1984-01-08", BatchQuery(2, "김정은", "1984-01-08")),
        ("نام", "علی خامنه ای", BatchQuery(2, "علی خامنه ای")),
        (
            "ПІБ,Дата народження,Країна",
            "Деркач Андрій,1967-08-19,UA",
            BatchQuery(2, "Деркач Андрій", "1967-08-19", "UA"),
        ),
        ("Όνομα", "Andrii Derkach", BatchQuery(2, "Andrii Derkach")),
    ],
)
def test_name_headers_in_other_scripts_are_headers_not_names(header: str, row: str, want: BatchQuery):
    """Trial 4: an Arabic "الاسم" ("the name") header line was screened as a name (six false hits:
    ASAM, USM ...), and a Chinese "姓名,出生日期" header line was an error line with its rows read
    whole; each is a header now, its date of birth and nationality columns read."""
    warnings: list[str] = []
    got = list(read_batch(io.BytesIO(f"{header}\n{row}\n".encode()), "f", "auto", warnings.append))
    assert got == [want]
    assert warnings == []


def test_a_name_in_another_script_on_the_first_line_is_still_a_name():
    """The near non-match: a first line that is a listed name in those scripts is no header."""
    assert read("金正恩\n김정은\n".encode()) == [BatchQuery(1, "金正恩"), BatchQuery(2, "김정은")]
    assert read("بشار الأسد\n".encode()) == [BatchQuery(1, "بشار الأسد")]
