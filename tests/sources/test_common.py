"""The helpers every parser shares (tracker.sources.common): gzip-aware reading, head checks, the
warnings collector, the streaming XML reader and its one-line errors, text helpers."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

import pytest

from tracker.errors import ParseError
from tracker.sources.common import (
    AttributeCheck,
    RecordStream,
    Warnings,
    cell_text,
    check_text_head,
    check_xml_head,
    clean,
    decode_text,
    find_member,
    join,
    local_name,
    ordered_add,
    read_bytes,
    read_head,
)

XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<list xmlns="urn:x" generated="2024-05-13T10:00:00+02:00">
  <record id="1"><name>A</name></record>
  <!-- a comment -->
  <record id="2"><name>B</name></record>
  <footer/>
</list>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_gzip_is_undone_by_content_not_by_name(tmp_path: Path) -> None:
    packed = write(tmp_path, "list.xml", gzip.compress(XML))  # no .gz in the name
    assert read_bytes(packed) == XML
    assert read_head(packed, 5) == b"<?xml"


def test_a_cut_off_gzip_is_one_line(tmp_path: Path) -> None:
    packed = gzip.compress(XML * 200)
    cut = write(tmp_path, "list.xml.gz", packed[: len(packed) // 2])
    with pytest.raises(ParseError, match=r"^list\.xml\.gz: compressed file is truncated or corrupt"):
        read_bytes(cut)


def test_missing_file_and_folder_are_parse_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="file not found"):
        read_bytes(tmp_path / "nope.xml")
    with pytest.raises(ParseError, match="expected a file, got a folder"):
        read_bytes(tmp_path)


def test_find_member_is_case_insensitive_and_takes_gz(tmp_path: Path) -> None:
    write(tmp_path, "SDN.CSV.gz", b"")
    found = find_member(tmp_path, "sdn.csv")
    assert found is not None and found.name == "SDN.CSV.gz"
    assert find_member(tmp_path, "alt.csv") is None


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"", "file is empty"),
        (b"\xef\xbb\xbf  \n", "file is empty"),
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "got an HTML page, not the X list"),
        (b"Name,Date\nA,2024", "not an XML file (starts with 'Name,Date"),
        # raw bytes printed as the reason (un_sc bin.xml)
        (bytes(range(1, 9)) * 64, "binary data, not the X list$"),
        (b"\x9c\xa3\xd1\xfe" * 64, "binary data, not the X list$"),
    ],
)
def test_check_xml_head(head: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=f"^f.xml: {message}".replace("(", r"\(")):
        check_xml_head(head, "f.xml", "the X list")


def test_check_xml_head_returns_the_lowered_head() -> None:
    assert check_xml_head(b"\xef\xbb\xbf<Export>", "f.xml", "x") == "<export>"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b" \r\n", "file is empty, not the X CSV"),
        (b"PK\x03\x04\x00\x00", "binary file, not the X CSV"),
        (b"<html><body>404</body></html>", "got an HTML page, not the X CSV"),
        (b"<?xml version='1.0'?><a/>", "got an XML/HTML document, not the X CSV"),
    ],
)
def test_check_text_head(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=f"^f.csv: {message}$"):
        check_text_head(data, "the X CSV", "f.csv")
    check_text_head(b"Name,Date\nA,2024\n", "the X CSV", "f.csv")  # a CSV passes


def test_warnings_count_repeats_in_first_seen_order() -> None:
    warnings = Warnings()
    for message in ["b", "a", "b", "b"]:
        warnings.add(message)
    assert warnings.as_list() == ["b (3 times)", "a"]
    assert warnings.messages() == ["b", "b", "b", "a"]
    rows = Warnings(unit="rows")
    rows.add("x")
    rows.add("x")
    assert rows.as_list() == ["x (2 rows)"]


def test_record_stream_yields_records_and_keeps_the_root(tmp_path: Path) -> None:
    path = write(tmp_path, "list.xml", XML)
    records = RecordStream(path, "{*}record")
    seen = [(el.get("id"), el.findtext("{*}name")) for el in records]
    assert seen == [("1", "A"), ("2", "B")]
    assert local_name(records.root.tag) == "list"
    # records are freed: earlier ones removed, the last one emptied; other children stay for checks
    assert [local_name(child.tag) for child in records.root] == ["record", "footer"]
    assert len(records.root[0]) == 0 and records.root[0].get("id") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (XML[: XML.index(b"<footer")], r"file is truncated \(XML ends early at line 6\)"),
        (XML.replace(b"<name>B", b"<name>\xff\xfeB"), "bytes do not match the declared encoding at line 5"),
        (XML.replace(b"<footer/>", b"</oops>"), "malformed XML at line 6"),
    ],
)
def test_record_stream_errors_are_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "list.xml", data)
    with pytest.raises(ParseError, match=f"^list.xml: {message}"):
        list(RecordStream(path, "{*}record"))


def test_a_text_node_of_megabytes_is_refused_while_reading(tmp_path: Path) -> None:
    """The trial's huge.xml (a 50 MB name) was read whole, then printed whole by search; the reader
    now stops at libxml2's 10 MB text limit (tracker.prepared bounds every field far lower)."""
    data = XML.replace(b"<name>B", b"<name>" + b"B" * 11_000_000)
    with pytest.raises(ParseError, match="^list.xml: malformed XML at line 5: .*Text node too long"):
        list(RecordStream(write(tmp_path, "list.xml", data), "{*}record"))


def test_attribute_check_warns_once_per_distinct_set() -> None:
    from lxml import etree

    warnings = Warnings()
    check = AttributeCheck({"record": {"id"}}, warnings)
    for el in etree.fromstring(b"<l><record id='1' x='2'/><record id='3' x='4'/><record id='5'/></l>"):
        check(el, "record")
    assert warnings.as_list() == ["unknown attribute 'x' on <record>"]


def test_text_helpers() -> None:
    assert clean("  a \n  b\tc ") == "a b c" and clean(None) == ""
    assert join(["a", None, "", "b"]) == "a, b" and join([None], "; ") is None
    target = ["a"]
    ordered_add(target, ["b", "", "a", "c", "b"])
    assert target == ["a", "b", "c"]
    assert cell_text(datetime(2024, 5, 13)) == "13/05/2024" and cell_text(12.0) == "12"
    assert cell_text(None) == "" and cell_text("  x ") == "x"
    assert local_name("{urn:x}record") == "record" and local_name(object()) == ""


def test_decode_text_falls_back_with_a_warning() -> None:
    warnings = Warnings()
    assert decode_text("Zoë".encode("cp1252"), warnings, preferred="utf-8") == "Zoë"
    assert warnings.as_list() == ["file is not utf-8: decoded as cp1252"]
    warnings = Warnings()
    assert decode_text("Zoë".encode(), warnings, preferred="cp1252") == "Zoë"
    assert warnings.as_list() == ["file is UTF-8, not the Windows-1252 the list used: decoded as UTF-8"]
    assert decode_text(b"\xef\xbb\xbfabc", Warnings(), preferred="cp1252") == "abc"
