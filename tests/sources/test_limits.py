"""Hostile files against every parser (issue 12 item 1): decompressed size, markup tags + lines and
memory growth are capped by settings (tracker.sources.common.Budget), for every format, with one
ParseError line naming the setting. The bombs are generated here, a few KB on disk each; the caps are
set low so each test reads at most a few MB."""

from __future__ import annotations

import gzip
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tracker.errors import ParseError
from tracker.settings import Settings
from tracker.sources.common import Budget, ReadLimits, read_bytes, read_limits
from tracker.sources.registry import get_source, source_names

# The first bytes of each source's format: enough to pass its head checks, so what refuses the bomb
# is the cap, not a format error.
XML_HEADS = {
    "ofac_sdn": b'<?xml version="1.0"?>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\n',
    "ofac_cons": b'<?xml version="1.0"?>\n<sdnList>\n',
    "eu_fsf": b'<?xml version="1.0"?>\n<export xmlns="http://eu.europa.ec/fpi/fsd/export">\n',
    "un_sc": b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2024-05-15T00:00:00">\n',
    "ca_sema": b'<?xml version="1.0"?>\n<data-set>\n',
}
OS_SIMPLE = b"id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,dataset\n"
TEXT_HEADS = {
    "uk_fcdo": b"Report Date: 01-Jan-2024\nName 6,Name 1,Unique ID,Group Type\n",
    "uk_ofsi": b"Last Updated,01/01/2024\nName 6,Name 1,Group ID,Group Type\n",
    "us_csl": b"_id,source,name,type,programs,alt_names,addresses,ids\n",
    "us_bis_dpl": b"Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\tEffective_Date\tExpiration_Date\t"
    b"Standard_Order\tLast_Update\tAction\tFR_Citation\n",
    "os_ua_war_sanctions": OS_SIMPLE,
    "os_interpol_red_notices": OS_SIMPLE,
    "os_ftm": b'{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n',
}
WORKBOOKS = ("uk_ofsi", "au_dfat")  # .xlsx readers (uk_ofsi also reads its old CSV)


def test_every_source_is_covered() -> None:
    assert set(source_names()) == set(XML_HEADS) | set(TEXT_HEADS) | set(WORKBOOKS)


def set_limits(
    monkeypatch: pytest.MonkeyPatch, *, size: int = 0, elements: int = 0, memory: int = -1
) -> None:
    if size:
        monkeypatch.setenv("TRACKER_MAX_LIST_BYTES", str(size))
    if elements:
        monkeypatch.setenv("TRACKER_MAX_LIST_ELEMENTS", str(elements))
    if memory >= 0:
        monkeypatch.setenv("TRACKER_MAX_PARSE_MEMORY_MB", str(memory))


def bomb(tmp_path: Path, name: str, head: bytes, filler: bytes, times: int) -> Path:
    """``head`` then ``filler`` ``times`` times, gzipped (streamed: never the whole thing in memory)."""
    path = tmp_path / name
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(head)
        block = filler * max(1, 65536 // len(filler))
        for _ in range(times // (65536 // len(filler) or 1)):
            out.write(block)
    return path


def xlsx_bomb(tmp_path: Path, filler: bytes, times: int) -> Path:
    """A workbook whose sheet XML is ``filler`` repeated, deflated."""
    path = tmp_path / "ConList.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            block = filler * (65536 // len(filler))
            for _ in range(times // (65536 // len(filler))):
                sheet.write(block)
    return path


def heads() -> list[tuple[str, bytes]]:
    return sorted((XML_HEADS | TEXT_HEADS).items())


@pytest.mark.parametrize(("source", "head"), heads())
def test_decompressed_size_is_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, head: bytes
) -> None:
    set_limits(monkeypatch, size=1 << 20, memory=0)
    path = bomb(tmp_path, "list.gz", head, b"\n", 3 << 20)  # 3 MB of blank lines in 3 KB
    assert path.stat().st_size < 20_000
    with pytest.raises(ParseError, match=r"more than 1 MB once decompressed.*TRACKER_MAX_LIST_BYTES"):
        get_source(source).parse(path)


@pytest.mark.parametrize(("source", "head"), heads())
def test_element_count_is_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, head: bytes
) -> None:
    set_limits(monkeypatch, elements=100_000, memory=0)
    filler = b"<x/>" if source in XML_HEADS else b"\n"
    path = bomb(tmp_path, "list.gz", head, filler, 200_000)
    with pytest.raises(
        ParseError, match=r"more than 100,000 markup tags and lines.*TRACKER_MAX_LIST_ELEMENTS"
    ):
        get_source(source).parse(path)


@pytest.mark.parametrize("source", WORKBOOKS)
def test_workbook_bombs_are_measured_before_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    set_limits(monkeypatch, size=1 << 20, memory=0)
    big = xlsx_bomb(tmp_path, b"\n", 2 << 20)
    with pytest.raises(ParseError, match=r"ZIP members add up to 2 MB.*TRACKER_MAX_LIST_BYTES"):
        get_source(source).parse(big)
    set_limits(monkeypatch, size=64 << 20, elements=100_000)
    many = xlsx_bomb(tmp_path, b'<row r="1"/>', 200_000)
    with pytest.raises(ParseError, match=r"more than 100,000 markup tags.*TRACKER_MAX_LIST_ELEMENTS"):
        get_source(source).parse(many)


def test_a_zip_that_lies_about_its_sizes_is_still_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The declared sizes are checked first, but the bytes really read are what count."""
    set_limits(monkeypatch, elements=50_000, memory=0)
    path = tmp_path / "sdn.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sdn.xml", XML_HEADS["ofac_sdn"] + b"<x/>" * 100_000)
    with pytest.raises(ParseError, match="markup tags and lines"):
        get_source("ofac_sdn").parse(path)


@pytest.mark.parametrize("source", sorted(XML_HEADS))
def test_memory_growth_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    """A million empty elements under the root are under the element cap but would stay in lxml's tree
    (~100 MB here, gigabytes at full size): the memory check stops the parse."""
    set_limits(monkeypatch, memory=24)
    path = bomb(tmp_path, "list.gz", XML_HEADS[source], b"<x/>", 1_200_000)
    # In a process of its own: the check measures the process's growth, and a test process that
    # already parsed large lists holds freed memory it reuses without growing (seen in a full run).
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tracker.errors import ParseError\n"
        "from tracker.sources.registry import get_source\n"
        "try:\n"
        "    get_source(sys.argv[1]).parse(Path(sys.argv[2]))\n"
        "except ParseError as exc:\n"
        "    print(exc)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, source, str(path)],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert re.search(r"more than 24 MB of memory.*TRACKER_MAX_PARSE_MEMORY_MB", run.stdout), (
        run.stdout + run.stderr
    )


def test_limits_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = Settings()
    limits = read_limits()
    assert limits == ReadLimits(
        defaults.max_list_bytes,
        defaults.max_list_elements,
        defaults.max_parse_memory_mb * 2**20,
        defaults.max_parse_seconds,
    )
    set_limits(monkeypatch, size=123, elements=45, memory=6)
    monkeypatch.setenv("TRACKER_MAX_PARSE_SECONDS", "7.5")
    assert read_limits() == ReadLimits(123, 45, 6 * 2**20, 7.5)


def test_parse_time_is_capped_in_cpu_seconds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many valid lines, far under the size and element caps, still end: at the CPU-time cap (0.2 s
    here; 25 s by default, against ~7 s for the slowest real list)."""
    monkeypatch.setenv("TRACKER_MAX_PARSE_SECONDS", "0.2")
    line = b'{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"],"country":["ru"]}}\n'
    path = bomb(tmp_path, "entities.ftm.json.gz", b"", line, 400_000)
    with pytest.raises(ParseError, match=r"more than 0\.2 s of CPU: refused \(TRACKER_MAX_PARSE_SECONDS\)"):
        get_source("os_ftm").parse(path)
    budget = Budget("loop", ReadLimits(10**6, 10**6, 0, 0.05))
    with pytest.raises(ParseError, match="^loop: parsing it took more than 0.05 s of CPU"):
        for _ in budget.rows(range(10**9)):
            sum(range(100))


def test_one_budget_counts_every_file_of_a_parse(tmp_path: Path) -> None:
    """An OFAC CSV set is four files: they share one budget."""
    (tmp_path / "a.csv").write_bytes(b"x" * 600)
    (tmp_path / "b.csv").write_bytes(b"y" * 600)
    budget = Budget("set", ReadLimits(1000, 10**6, 0))
    assert read_bytes(tmp_path / "a.csv", budget) == b"x" * 600
    with pytest.raises(ParseError, match="^set: more than"):
        read_bytes(tmp_path / "b.csv", budget)


def test_the_reader_keeps_file_behaviour(tmp_path: Path) -> None:
    """peek, line iteration and read sizes through the counting reader are those of a file."""
    path = tmp_path / "lines.txt.gz"
    path.write_bytes(gzip.compress(b"one\ntwo\n<three>\n"))
    budget = Budget("lines", ReadLimits(10**6, 10**6, 0))
    from tracker.sources.common import open_binary

    with open_binary(path, budget) as fh:
        assert fh.peek(3)[:3] == b"one"
        assert list(fh) == [b"one\n", b"two\n", b"<three>\n"]
    assert (budget.size, budget.elements) == (16, 4)
    stream = Budget("mem", ReadLimits(10, 10, 0)).stream(b"<a>" * 100)  # counted already: no cap
    assert isinstance(stream, io.BufferedReader)
    assert stream.read() == b"<a>" * 100
