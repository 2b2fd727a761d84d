"""OFAC parsers on the real archived files in ../shared/data (exact counts from SOURCES.md)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from tests.conftest import real_file
from tracker.history.fielddiff import field_changes
from tracker.records import Component, EntityType
from tracker.sources.ofac import parse

DERKACH_GROUP = {"29366", "29702", "29703", "29745"}


@pytest.fixture(scope="module")
def sdn_2024():  # type: ignore[no-untyped-def]
    return parse(real_file("ofac/2024-05-07/sdn.xml.gz"))


@pytest.mark.slow
def test_sdn_xml_2024(sdn_2024) -> None:  # type: ignore[no-untyped-def]
    assert len(sdn_2024.entries) == 14_966
    assert sdn_2024.published_at == datetime(2024, 5, 7)
    assert sdn_2024.warnings == []
    types = Counter(e.entity_type for e in sdn_2024.entries)
    assert types == {
        EntityType.ENTITY: 6_884,
        EntityType.INDIVIDUAL: 6_855,
        EntityType.VESSEL: 851,
        EntityType.AIRCRAFT: 376,
    }
    derkach = next(e for e in sdn_2024.entries if e.source_id == "29366")
    assert derkach.primary_name == "DERKACH, Andrii Leonidovych"
    assert derkach.programs == ["ELECTION-EO13848"]
    assert derkach.birth_dates == ["1967-08-19"]
    assert {i.number for i in derkach.identifiers} >= {"FB513714", "ET855378", "2470211979"}
    aircraft = next(e for e in sdn_2024.entries if e.entity_type == EntityType.AIRCRAFT)
    assert "aircraft_model" in aircraft.details


@pytest.mark.parametrize(
    ("relative", "count", "published"),
    [
        ("ofac/2018-05-27_consolidated/consolidated.xml.gz", 639, datetime(2018, 4, 6)),  # old namespace
        ("ofac/2024-05-06/consolidated.xml.gz", 443, datetime(2024, 5, 6)),
    ],
)
def test_consolidated_xml(relative: str, count: int, published: datetime) -> None:
    parsed = parse(real_file(relative))
    assert (len(parsed.entries), parsed.published_at, parsed.warnings) == (count, published, [])


ALONE = {Component.ALIASES, Component.ADDRESSES}  # sdn.csv without alt.csv and add.csv


@pytest.mark.parametrize(
    ("relative", "count", "derkach_group", "lacking", "cut"),
    [
        # cut: rows whose remarks column is full (1,000 characters) in a set without its comments file
        ("ofac/2015-01-17", 5_876, False, ALONE, 3),
        ("ofac/2018-01-26", 6_068, False, ALONE, 3),
        ("ofac/2019-01-04", 7_379, False, set(), 0),
        ("ofac/2021-04-25", 8_890, True, set(), 7),  # no sdn_comments.csv in this set
        ("ofac/2021-07-07", 8_976, True, set(), 0),
        ("ofac/2018-05-27_consolidated", 639, False, set(), 0),
        ("ofac/2025-12-19_consolidated", 442, False, set(), 0),
    ],
)
def test_csv_sets(relative: str, count: int, derkach_group: bool, lacking: set[Component], cut: int) -> None:
    parsed = parse(real_file(relative))
    assert parsed.format == "ofac-csv" and parsed.published_at is None
    assert len(parsed.entries) == count
    ids = {e.source_id for e in parsed.entries}
    assert (ids >= DERKACH_GROUP) is derkach_group
    assert not (DERKACH_GROUP & ids) or derkach_group
    # what the set lacks is said once per component, and every entry knows it
    assert all(e.not_provided - {Component.REMARKS} == lacking for e in parsed.entries)
    assert sum(Component.REMARKS in e.not_provided for e in parsed.entries) == cut
    expected = [
        f"no {stem} beside it"
        for c, stem in ((Component.ALIASES, "alt.csv"), (Component.ADDRESSES, "add.csv"))
        if c in lacking
    ]
    expected += [f"{cut} entries' remarks are cut at 1,000 characters"] if cut else []
    assert len(parsed.warnings) == len(expected)
    assert all(part in warning for part, warning in zip(expected, parsed.warnings, strict=True))


def test_csv_set_with_alt_and_add() -> None:
    parsed = parse(real_file("ofac/2021-04-25"))
    derkach = next(e for e in parsed.entries if e.source_id == "29366")
    assert {n.full for n in derkach.names} == {
        "DERKACH, Andrii Leonidovych",
        "DERKACH, Andriy",
        "DERKACH, Andriy Leonidovych",
    }
    assert derkach.birth_dates == ["1967-08-19"]
    assert derkach.gender == "male"
    assert derkach.addresses and derkach.addresses[0].country == "Ukraine"


# A CSV and an XML of the same publication (SOURCES.md: the daily sdn.csv scraped 2024-05-03 and the
# XML published 2024-05-07 differ by one designation, KHOROSHEV; the 2018 Consolidated CSV set and XML
# are one publication), with the uids only the XML has.
SAME_PUBLICATION = [
    pytest.param(
        "ofac/jackdwyer_daily/2024-05-03T1843Z/sdn.csv.gz",
        "ofac/2024-05-07/sdn.xml.gz",
        {"48603"},
        marks=pytest.mark.slow,
    ),
    pytest.param("ofac/2018-05-27_consolidated", "ofac/2018-05-27_consolidated/consolidated.xml.gz", set()),
]


@pytest.mark.parametrize(("csv_path", "xml_path", "only_xml"), SAME_PUBLICATION)
def test_csv_and_xml_of_one_publication_give_one_canonical_form(
    csv_path: str, xml_path: str, only_xml: set[str]
) -> None:
    """Every entry both files hold has the same canonical form in every field the CSV provides: a
    difference would show as a MODIFIED entry when the format changes between two imports. Once two
    differed (SDN 12870 and 12871: 'Website ...' in the XML's remarks, a Website identifier in the CSV)."""
    csv_by_id = {e.source_id: e.canonical() for e in parse(real_file(csv_path)).entries}
    xml_by_id = {e.source_id: e.canonical() for e in parse(real_file(xml_path)).entries}
    assert set(xml_by_id) - set(csv_by_id) == only_xml and set(csv_by_id) <= set(xml_by_id)
    differing = {k: field_changes(v, xml_by_id[k]) for k, v in csv_by_id.items()}
    assert {k: v for k, v in differing.items() if v} == {}


@pytest.mark.slow
def test_daily_csv_lacks_aliases_addresses_and_cut_remarks() -> None:
    """Not provided by the daily sdn.csv: the strong aliases and addresses (alt.csv, add.csv), and the
    remark facts of the 18 entries whose remarks column is full (1,000 characters) without
    sdn_comments.csv."""
    csv = parse(real_file("ofac/jackdwyer_daily/2024-05-03T1843Z/sdn.csv.gz"))
    assert len(csv.entries) == 14_965
    lacking = Counter(c for e in csv.entries for c in e.not_provided)
    assert lacking == {Component.ALIASES: 14_965, Component.ADDRESSES: 14_965, Component.REMARKS: 18}


@pytest.mark.slow
def test_xml_remarks_are_read_like_the_csv(sdn_2024) -> None:  # type: ignore[no-untyped-def]
    scot = next(e for e in sdn_2024.entries if e.source_id == "12870")
    assert [(i.type, i.number) for i in scot.identifiers] == [("Website", "www.scot-syria.com")]
    assert scot.remarks == "Email scot50@scn-net.org"
