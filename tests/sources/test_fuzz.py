"""Fuzzing every parser (issue 12): small files in each source's official format, mutated by hypothesis
(bytes flipped, cut, repeated, inserted; inside a workbook's XML too; sometimes gzipped), must parse or
raise a clear ParseError / FormatChanged: never another exception, and never past the memory cap (the
parse Budget's check is on, at 256 MB).

Bounded for the suite: 50 examples per parser, derandomised (the same examples on every run, so a
failure is reproducible and the suite is never flaky); run with FUZZ_EXAMPLES=2000 to search longer.
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import ParseError
from tracker.records import ParsedList
from tracker.sources.registry import get_source, source_names

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))

DPL = (
    '"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\t'
    '"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"\n'
    '"ACME LTD"\t"1 MAIN ST"\t"TOWN"\t""\t"AE"\t""\t"06/19/2003"\t""\t"Y"\t"2003-06-20"\t"ADDED"\t"68 FR 1"\n'
)
CSL = (
    "_id,source,entity_number,type,programs,name,title,addresses,alt_names,dates_of_birth,nationalities,"
    "ids\n"
    '21944,Specially Designated Nationals (SDN) - Treasury Department,21944,Individual,SYRIA,"ABBAS, Rim",,'
    '"Damascus, SY",Rim ABBAS; R. ABBAS,1970-01-02,SY,"Passport, 123, SY"\n'
    "e1,Entity List (EL) - Bureau of Industry and Security,,,,ACME LLC,,Moscow,,,,\n"
)
OS_SIMPLE = (
    '"id","schema","name","aliases","birth_date","countries","addresses","identifiers","sanctions",'
    '"dataset"\n'
    '"NK-1","Person","Ivan PETROV","Petrov Ivan;Иван Петров","1970-05-01","ru","Moscow","123","UA sanction",'
    '"Ukraine War and Sanctions"\n'
    '"NK-2","Vessel","ROSALIN","Gold Sun","","lr;pa","","IMO9253325","","Ukraine War and Sanctions"\n'
)
FTM = (
    '{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"],"birthDate":["1970-05-01"],'
    '"country":["ru"],"alias":["Иван Петров"]}}\n'
    '{"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"program":["UA"],"startDate":["2022-03-01"]}}\n'
    '{"id":"o1","schema":"Organization","properties":{"name":["ACME"],"innCode":["7700000000"]}}\n'
)
SEMA = """<?xml version="1.0" encoding="UTF-8"?>
<data-set>
  <record><Country>Burma / Birmanie</Country><Entity>Air Bagan</Entity><Aliases>Air Bagan Ltd.</Aliases>
    <Schedule>1</Schedule><Item>1</Item></record>
  <record><Country>Russia / Russie</Country><LastName>Petrov</LastName><GivenName>Ivan</GivenName>
    <DateOfBirth>1970-05-01</DateOfBirth><Title>Major General/major-général</Title><Schedule>1, Part 1</Schedule>
    <Item>2</Item></record>
</data-set>
"""


def dfat_workbook() -> bytes:
    import openpyxl

    from tracker.sources.au_dfat import COLUMNS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    values = {
        "Reference": "2",
        "Name of Individual or Entity": "Ivan PETROV",
        "Type": "Individual",
        "Name Type": "Primary Name",
        "Date of Birth": "01/05/1970",
        "Citizenship": "Russia",
    }
    sheet.append([values.get(c, "") for c in COLUMNS])
    sheet.append(["2a", "Ivan PETROFF", "", "Alias"] + [""] * (len(COLUMNS) - 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Source -> (file name, bytes) of small well-formed files in its format."""
    ofac = [
        ("sdn.xml", (FIXTURES / "ofac/sdn_small.xml").read_bytes()),
        ("sdn.csv", (FIXTURES / "ofac/csv_set/sdn.csv").read_bytes()),
    ]
    return {
        "ofac_sdn": ofac,
        "ofac_cons": ofac,
        "eu_fsf": [("eu.xml", (FIXTURES / "eu/sample.xml").read_bytes())],
        "un_sc": [("un.xml", (FIXTURES / "un/sample.xml").read_bytes())],
        "uk_fcdo": [("UK-Sanctions-List.csv", (FIXTURES / "uk/UK-Sanctions-List.csv").read_bytes())],
        "uk_ofsi": [
            ("ConList.csv", (FIXTURES / "uk/ofsi_old.csv").read_bytes()),
            ("ConList.xlsx", (FIXTURES / "uk/ConList.xlsx").read_bytes()),
        ],
        "ca_sema": [("sema-lmes.xml", SEMA.encode())],
        "au_dfat": [("consolidated.xlsx", dfat_workbook())],
        "us_csl": [("consolidated.csv", CSL.encode())],
        "us_bis_dpl": [("dpl.txt", DPL.encode())],
        "os_ua_war_sanctions": [("targets.simple.csv", OS_SIMPLE.encode())],
        "os_interpol_red_notices": [("targets.simple.csv", OS_SIMPLE.encode())],
        "os_ftm": [("entities.ftm.json", FTM.encode())],
    }


SEEDS = seeds()


def test_every_source_has_seeds_that_parse() -> None:
    assert set(SEEDS) == set(source_names())
    with tempfile.TemporaryDirectory() as folder:
        for source, files in SEEDS.items():
            for name, data in files:
                path = Path(folder) / name
                path.write_bytes(data)
                parsed = get_source(source).parse(path)
                assert parsed.entries, f"{source} {name}: the unmutated seed must parse"


# --- mutations ----------------------------------------------------------------------------------------


def _flip(data: bytes, at: int, value: int) -> bytes:
    return data[:at] + bytes([value]) + data[at + 1 :] if data else bytes([value])


MUTATIONS: dict[str, Callable[[bytes, int, int, bytes], bytes]] = {
    "flip": lambda d, a, b, extra: _flip(d, a % max(len(d), 1), extra[0] if extra else 0),
    "cut": lambda d, a, b, extra: d[: a % (len(d) + 1)],
    "delete": lambda d, a, b, extra: d[: a % (len(d) + 1)] + d[a % (len(d) + 1) + b % 64 :],
    "insert": lambda d, a, b, extra: d[: a % (len(d) + 1)] + extra + d[a % (len(d) + 1) :],
    "repeat": lambda d, a, b, extra: (
        d[: a % (len(d) + 1)] + d[a % (len(d) + 1) :][: b % 256] * 3 + d[a % (len(d) + 1) :]
    ),
}
# Bytes that mean something to one format or another: markup, quotes, separators, encodings.
TOKENS = st.sampled_from(
    [
        b"<",
        b">",
        b"</",
        b"/>",
        b"&amp;",
        b"&#0;",
        b'"',
        b",",
        b";",
        b"\t",
        b"\n",
        b"\r",
        b"\x00",
        b"\xff",
        b"\xef\xbb\xbf",
        b"{",
        b"}",
        b"[",
        b"]",
        b":",
        b"null",
        b"\xd0",
        b"-0-",
        b"PK\x03\x04",
        b"\x1f\x8b",
    ]
)
MUTATION = st.tuples(
    st.sampled_from(sorted(MUTATIONS)),
    st.integers(0, 1 << 20),
    st.integers(0, 1 << 12),
    st.one_of(st.binary(min_size=1, max_size=16), TOKENS),
)


def mutate(data: bytes, steps: list[tuple[str, int, int, bytes]]) -> bytes:
    for name, at, length, extra in steps:
        data = MUTATIONS[name](data, at, length, extra)
    return data


def mutate_member(data: bytes, steps: list[tuple[str, int, int, bytes]], pick: int) -> bytes:
    """A ZIP (workbook) with one member's bytes mutated, re-zipped: the XML inside is what is fuzzed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    target = names[pick % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rezipped:
        for name in names:
            body = source.read(name)
            rezipped.writestr(name, mutate(body, steps) if name == target else body)
    return out.getvalue()


@pytest.mark.parametrize("source", sorted(SEEDS))
def test_mutated_files_parse_or_fail_with_a_parse_error(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_MAX_PARSE_MEMORY_MB", "256")
    parse = get_source(source).parse
    files = SEEDS[source]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        seed=st.integers(0, len(files) - 1),
        steps=st.lists(MUTATION, min_size=1, max_size=4),
        inside=st.booleans(),
        pick=st.integers(0, 64),
        packed=st.booleans(),
    )
    def check(
        seed: int, steps: list[tuple[str, int, int, bytes]], inside: bool, pick: int, packed: bool
    ) -> None:
        name, data = files[seed]
        zipped = inside and data.startswith(b"PK")
        data = mutate_member(data, steps, pick) if zipped else mutate(data, steps)
        if packed:
            data = gzip.compress(data, mtime=0)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            try:
                parsed = parse(path)
            except ParseError:  # FormatChanged included
                return
            assert isinstance(parsed, ParsedList)

    check()
