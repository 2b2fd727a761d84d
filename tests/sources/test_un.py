"""UN Security Council consolidated XML parser: own fixtures, bad input, all 11 real snapshots, diffs."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, real_file
from tracker.errors import FormatChanged, ParseError
from tracker.records import EntityType, NameKind, canonical_json
from tracker.sources import un, un_record
from tracker.sources.registry import get_source

UN = FIXTURES / "un"


def test_sample_individual() -> None:
    parsed = un.parse(UN / "sample.xml")
    assert parsed.published_at == datetime(2017, 6, 30, 23, 12, 8, 528000)  # -04:00 -> UTC
    assert parsed.warnings == []
    assert [e.source_id for e in parsed.entries] == ["1000001", "1000002", "2000001"]
    ri = parsed.entries[0]
    primary = ri.names[0]
    assert (primary.kind, primary.full, primary.first, primary.middle, primary.last) == (
        NameKind.PRIMARY,
        "RI TEST HO",  # stray spaces around " RI " stripped
        "RI",
        None,
        "TEST HO",
    )
    assert (ri.names[1].full, ri.names[1].kind, ri.names[1].script) == (
        "리테스트호",
        NameKind.PRIMARY,
        "Hang",
    )
    aliases = {n.full: n.kind for n in ri.names[2:]}
    assert aliases == {"Ri Test-Ho": NameKind.AKA, "Li Test Ho": NameKind.AKA, "Tester": NameKind.WEAK_AKA}
    assert ri.programs == ["DPRK"]
    assert ri.listed_on == "2016-11-30"
    assert ri.details == {"reference_number": "KPi.999", "last_updated": "2016-12-01, 2017-06-02"}
    assert ri.gender == "Male"
    assert (ri.titles, ri.positions) == (["Dr."], ["Official of a test bank"])
    assert ri.nationalities == ["Democratic People's Republic of Korea"]
    assert ri.birth_dates == ["1964-07-17", "1965~", "1953/1958"]
    assert ri.birth_places == ["Kaesong, Democratic People's Republic of Korea"]
    (passport,) = ri.identifiers  # the empty <INDIVIDUAL_DOCUMENT/> is skipped
    assert (passport.type, passport.number, passport.issued, passport.note) == (
        "Passport",
        "PD 123456",
        "2011-01-01",
        "expires 2016",
    )
    assert [a.city for a in ri.addresses] == ["Pyongyang"]
    assert ri.remarks == "Test representative.\nalias Tester: nom de guerre"


def test_sample_four_part_name_packed_alias_and_zoned_date() -> None:
    entry = un.parse(UN / "sample.xml").entries[1]
    primary = entry.names[0]
    assert (primary.first, primary.middle, primary.last) == ("ABD", "AL-KHALIQ BADR", "AL-TEST")
    assert [(n.full, n.script) for n in entry.names[1:]] == [
        ("حسن غول", "Arab"),
        ("Hassan Ghul", "Latn"),
        ("Hassan Gul", "Latn"),
    ]
    assert entry.listed_on == "2014-11-07"
    assert entry.birth_dates == [] and entry.remarks is None


def test_sample_entity() -> None:
    entity = un.parse(UN / "sample.xml").entries[2]
    assert entity.entity_type == EntityType.ENTITY
    assert [(n.full, n.kind) for n in entity.names] == [
        ("TEST TRADING CORPORATION", NameKind.PRIMARY),
        ("Test Trade Corp", NameKind.AKA),
        ("Old Test Company", NameKind.FKA),
    ]
    assert entity.names[0].first is None
    (address,) = entity.addresses
    assert (address.street, address.city, address.note) == (
        "Central District",
        "Pyongyang",
        "at time of listing",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Abdul Rehman; Abd Ur-Rehman", ["Abdul Rehman", "Abd Ur-Rehman"]),
        ("أبو شيماء (Abu-Shaima; Abu- Shayma)", ["أبو شيماء", "Abu-Shaima", "Abu- Shayma"]),
        ("Abu Ali (the elder)", ["Abu Ali (the elder)"]),
        ("X (a; b); Y", ["X", "a", "b", "Y"]),
    ],
)
def test_split_alias(value: str, expected: list[str]) -> None:
    assert un_record.split_alias(value) == expected


@pytest.mark.parametrize(
    ("name", "error", "fragment"),
    [
        ("empty.xml", ParseError, "file is empty"),
        ("html_page.xml", ParseError, "got an HTML page"),
        ("truncated.xml", ParseError, "file is truncated (XML ends early at line 37)"),
        ("latin1_declared_utf8.xml", ParseError, "do not match the declared encoding"),
        ("wrong_encoding_utf16_declared.xml", ParseError, "do not match the declared encoding"),
        ("wrong_root.xml", FormatChanged, "unknown root element <SANCTIONS_LIST>"),
        ("missing_dataid.xml", FormatChanged, "<ENTITY> without DATAID"),
    ],
)
def test_bad_input(name: str, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        un.parse(UN / name)
    assert fragment in str(info.value) and name in str(info.value)


def test_unknown_codes_are_warnings() -> None:
    parsed = un.parse(UN / "unknown_codes.xml")
    assert sorted(parsed.warnings) == [
        "unknown GENDER value 'Robot'",
        "unknown TYPE_OF_DATE 'CIRCA'",
        "unknown alias QUALITY 'Medium'",
        "unknown element <EYE_COLOUR> in <INDIVIDUAL>",
    ]
    assert len(parsed.entries) == 3


def test_source_spec() -> None:
    spec = get_source("un_sc")
    assert spec is un.SECURITY_COUNCIL and spec.parse is un.parse
    assert spec.default_url == "https://scsanctions.un.org/resources/xml/en/consolidated.xml"


SNAPSHOTS = {
    "2017-06-20": (653, 371),
    "2017-06-30": (653, 371),
    "2017-07-03": (650, 371),
    "2018-06-07": (693, 405),
    "2018-06-21": (695, 405),
    "2018-08-24": (701, 397),
    "2018-10-29": (703, 390),
    "2020-03-20": (709, 305),
    "2024-05-15": (682, 193),
    "2024-11-30": (686, 193),
    "2026-02-27": (730, 273),
}


@pytest.mark.parametrize("day", sorted(SNAPSHOTS))
def test_real_snapshot_counts(day: str) -> None:
    parsed = un.parse(real_file(f"un/{day}/consolidated.xml.gz"))
    types = Counter(e.entity_type for e in parsed.entries)
    assert (types[EntityType.INDIVIDUAL], types[EntityType.ENTITY]) == SNAPSHOTS[day]
    assert len({e.source_id for e in parsed.entries}) == len(parsed.entries)
    assert parsed.warnings == []
    assert parsed.published_at is not None and parsed.published_at.date().isoformat() >= day
    assert all(e.details.get("reference_number") for e in parsed.entries)


def _raw_records(path: Path) -> dict[str, bytes]:
    """DATAID -> canonical XML of the record, straight from the file with the stdlib parser."""
    root = ET.fromstring(gzip.decompress(path.read_bytes()))
    records = {}
    for record in [*root.iter("INDIVIDUAL"), *root.iter("ENTITY")]:
        for volatile in ("VERSIONNUM", "SORT_KEY_LAST_MOD"):
            for el in record.iter(volatile):
                el.text = None
        records[(record.findtext("DATAID") or "").strip()] = ET.canonicalize(
            ET.tostring(record, encoding="unicode"), strip_text=True
        ).encode()
    return records


def test_real_diff_2017_06_30_to_07_03() -> None:
    before_path = real_file("un/2017-06-30/consolidated.xml.gz")
    after_path = real_file("un/2017-07-03/consolidated.xml.gz")
    before = {e.source_id: canonical_json(e.canonical()) for e in un.parse(before_path).entries}
    after = {e.source_id: canonical_json(e.canonical()) for e in un.parse(after_path).entries}
    raw_before, raw_after = _raw_records(before_path), _raw_records(after_path)

    removed, added = before.keys() - after.keys(), after.keys() - before.keys()
    assert removed == raw_before.keys() - raw_after.keys()
    assert added == raw_after.keys() - raw_before.keys() == set()
    assert len(removed) == 3
    assert {json_type(before[i]) for i in removed} == {"individual"}
    modified = {i for i in before.keys() & after.keys() if before[i] != after[i]}
    raw_modified = {i for i in raw_before.keys() & raw_after.keys() if raw_before[i] != raw_after[i]}
    assert modified == raw_modified


def json_type(canonical: str) -> str:
    return "individual" if '"entity_type":"individual"' in canonical else "entity"
