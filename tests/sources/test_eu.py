"""EU FSF xmlFullSanctionsList_1_1 parser: own fixtures, bad input, and the real 2024-05-13 file."""

from __future__ import annotations

import gzip
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, real_file
from tracker.errors import FormatChanged, ParseError
from tracker.records import EntityType, NameKind, ParsedList
from tracker.sources import eu
from tracker.sources.registry import get_source

EU = FIXTURES / "eu"


def test_sample_person_fields() -> None:
    parsed = eu.parse(EU / "sample.xml")
    assert parsed.published_at == datetime(2024, 5, 13, 15, 44, 28, 283000)  # +02:00 -> UTC
    assert parsed.warnings == []
    assert [e.source_id for e in parsed.entries] == ["9001", "9002"]
    person = parsed.entries[0]
    assert person.entity_type == EntityType.INDIVIDUAL
    primary = person.names[0]
    assert (primary.kind, primary.full, primary.first, primary.middle, primary.last) == (
        NameKind.PRIMARY,
        "Ivan Petrovich TESTOV",
        "Ivan",
        "Petrovich",
        "TESTOV",
    )
    by_full = {n.full: n for n in person.names}
    assert (by_full["Иван Петрович ТЕСТОВ"].script, by_full["Иван Петрович ТЕСТОВ"].lang) == ("Cyrl", "ru")
    assert by_full["Ιβάν Τέστοφ"].script == "Grek"
    assert by_full["Vanya"].kind == NameKind.WEAK_AKA
    assert person.programs == ["UKR"]
    assert person.listed_on == "2022-02-25"  # designationDate
    assert person.gender == "Male"
    assert person.titles == ["Dr"] and person.positions == ["Minister of Tests"]
    assert person.citizenships == ["RUSSIAN FEDERATION"]
    assert person.birth_dates == ["1960-01-02", "1961-03~", "1953/1958~", "1343 (ISLAMIC calendar)"]
    assert person.birth_places == ["Moscow, RUSSIAN FEDERATION"]
    (passport,) = person.identifiers
    assert (passport.type, passport.number, passport.country) == (
        "National passport",
        "D1234567",
        "RUSSIAN FEDERATION",
    )
    assert (passport.issued, passport.expires) == ("2015-05-04", "2025-05-03")
    assert passport.note == "issued by MFA; diplomatic; diplomatic passport"
    (address,) = person.addresses
    assert (address.street, address.city, address.postal_code) == (
        "Smolenskaya Square 32",
        "Moscow",
        "119200",
    )
    assert address.note == "as at listing time; PHONE: +7 495 000 00 00"
    assert person.remarks == "Test person with padded remark\nname Vanya: nickname"
    assert person.details["eu_reference_number"] == "EU.9001.1"
    assert person.details["regulation"] == "2022/396 (OJ L80)"


def test_primary_is_first_strong_alias_and_listed_on_falls_back_to_earliest_publication() -> None:
    company = eu.parse(EU / "sample.xml").entries[1]
    assert company.entity_type == EntityType.ENTITY
    kinds = {n.full: n.kind for n in company.names}
    assert kinds == {"Weak Only Trading": NameKind.WEAK_AKA, "Strong Trading LLC": NameKind.PRIMARY}
    assert company.primary_name == "Strong Trading LLC"
    assert company.listed_on == "2001-10-10"  # no designationDate: earliest regulationSummary
    assert company.details["un_id"] == "QDe.001"


def test_gzipped_input(tmp_path: Path) -> None:
    packed = tmp_path / "eu.xml.gz"
    packed.write_bytes(gzip.compress((EU / "sample.xml").read_bytes()))
    assert [e.canonical() for e in eu.parse(packed).entries] == [
        e.canonical() for e in eu.parse(EU / "sample.xml").entries
    ]


@pytest.mark.parametrize(
    ("name", "error", "fragment"),
    [
        ("empty.xml", ParseError, "file is empty"),
        ("html_page.xml", ParseError, "got an HTML page"),
        ("truncated.xml", ParseError, "file is truncated (XML ends early at line 26)"),
        ("latin1_declared_utf8.xml", ParseError, "do not match the declared encoding"),
        ("wrong_root.xml", FormatChanged, "unknown root element <exportList>"),
        ("legacy_whole.xml", FormatChanged, "EU 1.0 'WHOLE' format is not supported"),
        ("unknown_subject_class.xml", FormatChanged, "unknown subjectType code='vessel'"),
    ],
)
def test_bad_input(name: str, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        eu.parse(EU / name)
    assert fragment in str(info.value)
    assert name in str(info.value) or "sanctionEntity" in str(info.value)


def test_unknown_codes_are_warnings() -> None:
    parsed = eu.parse(EU / "unknown_subject_code.xml")
    assert parsed.entries[1].entity_type == EntityType.ENTITY  # from classificationCode E
    assert parsed.warnings == ["unknown subjectType code 'vessel' (classified E)"]
    parsed = eu.parse(EU / "unknown_element.xml")
    assert sorted(parsed.warnings) == [
        "unknown attribute 'colour' on <nameAlias>",
        "unknown element <favouriteFood> in sanctionEntity",
    ]
    assert len(parsed.entries) == 2


def test_missing_file_is_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="file not found"):
        eu.parse(tmp_path / "nope.xml")


def test_source_spec() -> None:
    spec = get_source("eu_fsf")
    assert spec is eu.FSF and spec.parse is eu.parse
    assert (spec.timeout, spec.retries, spec.file_suffix) == (300, 5, ".xml")
    assert spec.default_url and "xmlFullSanctionsList_1_1" in spec.default_url


@pytest.fixture(scope="module")
def real_2024() -> ParsedList:
    return eu.parse(real_file("eu/2024-05-13/20240513-FULL-1_1.xml.gz"))


def test_real_2024_counts(real_2024: ParsedList) -> None:
    parsed = real_2024
    path = real_file("eu/2024-05-13/20240513-FULL-1_1.xml.gz")
    elements = gzip.decompress(path.read_bytes()).count(b"<sanctionEntity ")
    assert elements == 4811
    # 3 logicalIds (547, 593, 120128) appear once per regime; each is merged into one entry
    assert len(parsed.entries) == 4808
    assert len({e.source_id for e in parsed.entries}) == 4808
    merged = {e.source_id: sorted(e.programs) for e in parsed.entries if len(e.programs) > 1}
    assert merged == {"547": ["AFG", "TAQA"], "593": ["AFG", "TAQA"], "120128": ["TAQA", "UNLI"]}
    assert parsed.published_at == datetime(2024, 5, 13, 15, 44, 28, 283000)
    assert parsed.warnings == []
    types = Counter(e.entity_type for e in parsed.entries)
    assert types == {EntityType.INDIVIDUAL: 3753, EntityType.ENTITY: 1055}
    assert all(sum(n.kind == NameKind.PRIMARY for n in e.names) == 1 for e in parsed.entries)
    # this file has no strong="false" alias at all (weak aliases are covered by the fixture)
    kinds = Counter(n.kind for e in parsed.entries for n in e.names)
    assert kinds == {NameKind.PRIMARY: 4808, NameKind.AKA: 20446}
    scripts = Counter(n.script for e in parsed.entries for n in e.names)
    assert (scripts["Cyrl"], scripts["Grek"], scripts["Arab"], scripts["Hang"]) == (3662, 269, 664, 77)


def test_real_2024_lavrov(real_2024: ParsedList) -> None:
    (lavrov,) = [e for e in real_2024.entries if e.source_id == "135913"]
    assert lavrov.primary_name == "Sergueï Viktorovich LAVROV"  # first alias in the file (FR)
    cyrillic = [n for n in lavrov.names if n.script == "Cyrl"]
    assert [n.full for n in cyrillic] == ["Сергей Викторович ЛАВРОВ"]
    assert lavrov.programs == ["UKR"]
    assert lavrov.listed_on == "2022-02-25"
    assert lavrov.birth_dates == ["1950-03-21"]
    assert lavrov.positions == ["Minister of Foreign Affairs of the Russian Federation"]
