"""Reading batch files (tracker.screening.batch): sniffing, line numbers, bounded memory."""

from __future__ import annotations

import io

import pytest

from tracker.errors import UsageError
from tracker.screening.batch import MAX_LINE_BYTES, BadLine, BatchQuery, read_batch


def read(data: bytes, fmt: str = "auto") -> list[BatchQuery | BadLine]:
    return list(read_batch(io.BytesIO(data), "f", fmt))


def test_plain_lines_with_a_bom_and_crlf():
    assert read("\ufeffDERKACH, Andrii\r\n\r\nWang Yi\r\n".encode()) == [
        BatchQuery(1, "DERKACH, Andrii"),
        BatchQuery(3, "Wang Yi"),
    ]


def test_csv_rows_keep_the_line_they_start_on():
    data = b'id,name\n1,"DOE,\nJohn"\n2,Jane Roe\n'
    assert read(data) == [BatchQuery(2, "DOE,\nJohn", id="1"), BatchQuery(4, "Jane Roe", id="2")]


def test_a_forced_format_reads_what_auto_would_not():
    assert read(b"name\nJohn Doe\n", "lines") == [BatchQuery(1, "name"), BatchQuery(2, "John Doe")]
    assert read(b"name\nJohn Doe\n") == [BatchQuery(2, "John Doe")]
    assert isinstance(read(b"John Doe\n", "jsonl")[0], BadLine)
    with pytest.raises(UsageError, match="unknown --input-format 'xml'"):
        read(b"x", "xml")


def test_json_values_must_be_text():
    (bad,) = read(b'{"name": "John Doe", "country": ["RU"]}\n')
    assert bad == BadLine(1, '"country" must be text, not list')
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
