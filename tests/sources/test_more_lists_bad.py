"""Bad files for the issue-16 sources: truncated, wrong format, changed columns. Each is rejected with
its reason (ParseError / FormatChanged), never a traceback of another kind."""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import real_file
from tracker.errors import FormatChanged, ParseError
from tracker.sources import au_dfat, ca_sema, ofac, os_ftm, os_simple, us_bis_dpl, us_csl

DPL_HEADER = (
    '"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\t'
    '"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"\n'
)
DPL_ROW = (
    '"ACME LTD"\t"1 MAIN ST"\t"TOWN"\t""\t"AE"\t""\t"06/19/2003"\t""\t"Y"\t"2003-06-20"\t"ADDED"\t"68 FR 1"\n'
)


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("parse", [us_bis_dpl.parse, us_csl.parse, os_simple.parse, ca_sema.parse])
def test_html_page_is_rejected(tmp_path: Path, parse) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "list", "<!DOCTYPE html><html><body>Service unavailable</body></html>")
    with pytest.raises(ParseError, match="HTML page"):
        parse(path)


@pytest.mark.parametrize("parse", [us_bis_dpl.parse, us_csl.parse, os_simple.parse, ca_sema.parse])
def test_empty_file_is_rejected(tmp_path: Path, parse) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError, match="empty"):
        parse(_write(tmp_path, "list", ""))


def test_dpl_changed_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "dpl.txt", DPL_HEADER.replace('"FR_Citation"', '"Citation"') + DPL_ROW)
    with pytest.raises(FormatChanged, match="missing FR_Citation"):
        us_bis_dpl.parse(path)


def test_dpl_row_cut_off(tmp_path: Path) -> None:
    path = _write(tmp_path, "dpl.txt", DPL_HEADER + DPL_ROW + '"OTHER PERSON"\t"2 MAIN ST"\t"TOWN"\n')
    with pytest.raises(ParseError, match="line 3 has 3 fields, the header 12"):
        us_bis_dpl.parse(path)


def test_dpl_one_good_row(tmp_path: Path) -> None:
    parsed = us_bis_dpl.parse(_write(tmp_path, "dpl.txt", DPL_HEADER + DPL_ROW))
    assert [(e.source_id, e.entity_type.value, e.listed_on) for e in parsed.entries] == [
        ("ACME LTD", "entity", "2003-06-19")
    ]


def test_csl_wrong_format(tmp_path: Path) -> None:
    with pytest.raises(FormatChanged, match="missing _id, source"):
        us_csl.parse(_write(tmp_path, "csl.csv", "Name,Country\nACME,US\n"))
    with pytest.raises(ParseError, match="malformed CSV at line 1"):  # the DPL's quoted TSV is not a CSL
        us_csl.parse(_write(tmp_path, "dpl.txt", DPL_HEADER + DPL_ROW))


def test_truncated_gzip_is_rejected(tmp_path: Path) -> None:
    data = real_file("us_csl/2022-05-06/consolidated.csv.gz").read_bytes()
    path = _write(tmp_path, "consolidated.csv.gz", data[: len(data) // 2])
    with pytest.raises(ParseError, match="truncated or corrupt"):
        us_csl.parse(path)


def test_truncated_csl_text_is_rejected(tmp_path: Path) -> None:
    text = gzip.decompress(real_file("us_csl/2022-05-06/consolidated.csv.gz").read_bytes())
    path = _write(tmp_path, "consolidated.csv", text[: len(text) // 3])
    with pytest.raises(ParseError, match="fields, the header 29|malformed CSV"):
        us_csl.parse(path)


def test_os_simple_older_column_set_is_read_newer_unknown_is_a_warning(tmp_path: Path) -> None:
    header = '"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions",'
    row = '"x1","Person","A B","","1970","ru","","","","Test"'
    old = os_simple.parse(_write(tmp_path, "a.csv", header + '"dataset"\n' + row + "\n"))
    assert (len(old.entries), old.warnings) == (1, [])
    new = os_simple.parse(_write(tmp_path, "b.csv", header + '"dataset","risk"\n' + row + ',"high"\n'))
    assert new.warnings == ["unknown column 'risk' ignored"]
    with pytest.raises(FormatChanged, match="missing sanctions"):
        os_simple.parse(_write(tmp_path, "c.csv", header.replace('"sanctions",', "") + '"dataset"\n'))


def test_ca_sema_truncated_and_wrong_root(tmp_path: Path) -> None:
    data = gzip.decompress(real_file("canada/2020-04-15/sema-lmes.xml.gz").read_bytes())
    with pytest.raises(ParseError, match="truncated"):
        ca_sema.parse(_write(tmp_path, "sema.xml", data[: len(data) // 2]))
    with pytest.raises(FormatChanged, match="not the SEMA <data-set>"):
        ca_sema.parse(_write(tmp_path, "other.xml", "<?xml version='1.0'?><list><record/></list>"))


def test_ofac_enhanced_truncated_and_changed(tmp_path: Path) -> None:
    data = gzip.decompress(
        real_file("ofac/enhanced_program_exports/IRGC_sanctions_2024-08-28.xml.gz").read_bytes()
    )
    with pytest.raises(ParseError, match="truncated"):
        ofac.parse(_write(tmp_path, "irgc.xml", data[: len(data) // 2]))
    changed = data.replace(b"<entityType ", b"<kind ").replace(b"</entityType>", b"</kind>")
    with pytest.raises(FormatChanged, match="unknown entityType None"):
        ofac.parse(_write(tmp_path, "irgc2.xml", changed))


def test_dfat_wrong_format_and_changed_columns(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="not a readable .xlsx"):
        au_dfat.parse(_write(tmp_path, "dfat.xlsx", b"PK\x03\x04 not really a zip"))
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Reference", "Name", "Type"])
    sheet.append([1, "A B", "Individual"])
    book.save(tmp_path / "changed.xlsx")
    with pytest.raises(FormatChanged, match="missing Name of Individual or Entity"):
        au_dfat.parse(tmp_path / "changed.xlsx")


def test_ftm_bad_lines(tmp_path: Path) -> None:
    good = {"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}}
    with pytest.raises(ParseError, match="line 2 is not JSON"):
        os_ftm.parse(_write(tmp_path, "a.json", json.dumps(good) + '\n{"id": "p2", "sch'))
    with pytest.raises(FormatChanged, match="unknown delta op 'UPSERT'"):
        os_ftm.parse(_write(tmp_path, "b.json", json.dumps({"op": "UPSERT", "entity": good}) + "\n"))
    with pytest.raises(ParseError, match="no target entities"):
        os_ftm.parse(_write(tmp_path, "c.json", json.dumps({"id": "s", "schema": "Sanction"}) + "\n"))


def _half(relative: str, *, inflate: bool = False, member: str | None = None) -> bytes:
    """The first half of a real file's bytes (gunzipped, or one ZIP member, first)."""
    path = real_file(relative)
    if member is not None:
        data = zipfile.ZipFile(path).read(member)
    else:
        data = gzip.decompress(path.read_bytes()) if inflate else path.read_bytes()
    return data[: len(data) // 2]


HTML = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Moved</body></html>\n"
ENHANCED = "ofac/2025-01-10_consolidated_enhanced/CONS_ENHANCED.ZIP"
INTERPOL = "opensanctions/interpol_red_notices/2025-05-23/targets.simple.csv.gz"
DFAT = "australia_dfat/2024-12-17/regulation8_consolidated.xlsx"
# (source, file name, bytes, reason): every bad kind each issue-16 source can meet, cut from its real file
BAD_FILES: list[tuple[str, str, Any, str]] = [
    ("ofac", "CONS_ENHANCED.ZIP", lambda: _half(ENHANCED), r"ZIP file is truncated or corrupt"),
    (
        "ofac",
        "CONS_ENHANCED.XML",
        lambda: _half(ENHANCED, member="CONS_ENHANCED.XML"),
        r"file is truncated \(XML ends early at line \d+\)",
    ),
    ("ofac", "CONS_ENHANCED.XML", lambda: HTML, "got an HTML page"),
    ("au_dfat", "dfat.xlsx", lambda: _half(DFAT), r"not a readable \.xlsx workbook"),
    ("au_dfat", "dfat.xlsx", lambda: HTML, r"got an HTML page, not the DFAT \.xlsx workbook"),
    ("au_dfat", "dfat.xlsx", lambda: b"", "file is empty"),
    ("au_dfat", "dfat.xlsx", lambda: b"Reference,Name\n1,A B\n", r"not an \.xlsx workbook \(a text file"),
    ("os_simple", "targets.simple.csv", lambda: _half(INTERPOL, inflate=True), r"malformed CSV at line \d+"),
    ("os_ftm", "entities.ftm.json", lambda: HTML, "got an HTML page, not FtM JSON lines"),
    (
        "os_ftm",
        "entities.ftm.json",
        lambda: _half("opensanctions/yente_fixtures/t1/entities.ftm.json"),
        r"line \d+ is not JSON \(file cut off",
    ),
    (
        "os_ftm",
        "entities.ftm.json.gz",
        lambda: gzip.compress(real_file("opensanctions/yente_fixtures/t1/entities.ftm.json").read_bytes())[
            :900
        ],
        "compressed file is truncated or corrupt",
    ),
    ("ca_sema", "sema.xml", lambda: _half("canada/2020-04-15/sema-lmes.xml.gz", inflate=True), "truncated"),
    (
        "ca_sema",
        "sema.xml",
        lambda: (
            gzip.decompress(real_file("canada/2020-04-15/sema-lmes.xml.gz").read_bytes())
            .replace(b"<Entity>", b"<Org>")
            .replace(b"</Entity>", b"</Org>")
        ),
        "record Burma/1/1 has neither Entity nor LastName/GivenName",
    ),
    (
        "us_bis_dpl",
        "dpl.txt",
        lambda: _half("us_bis_dpl/2023-11-30/dpl.txt"),
        r"malformed CSV at line \d+|line \d+ has \d+ fields",
    ),
]
PARSERS = {
    "ofac": ofac.parse,
    "au_dfat": au_dfat.parse,
    "os_simple": os_simple.parse,
    "os_ftm": os_ftm.parse,
    "ca_sema": ca_sema.parse,
    "us_bis_dpl": us_bis_dpl.parse,
}


@pytest.mark.parametrize(("parser", "name", "make", "reason"), BAD_FILES)
def test_bad_file_rejected_with_a_one_line_reason(tmp_path: Path, parser, name, make, reason) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, name, make())
    with pytest.raises((ParseError, FormatChanged)) as caught:
        PARSERS[parser](path)
    message = str(caught.value)
    assert re.search(reason, message), message
    assert message.startswith(f"{name}: ") and "\n" not in message and len(message) < 300
