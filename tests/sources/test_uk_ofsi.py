"""uk_ofsi: the retired OFSI consolidated list (old cp1252 CSV and the 2022-format workbook)."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, real_file
from tracker.errors import FormatChanged, ParseError
from tracker.records import EntityType, NameKind
from tracker.sources import uk_common, uk_ofsi
from tracker.sources.registry import get_source

UK = FIXTURES / "uk"


def by_id(path: Path) -> dict[str, object]:
    return {e.source_id: e for e in uk_ofsi.parse(path).entries}


def test_spec_is_import_only() -> None:
    spec = get_source("uk_ofsi")
    assert spec.live is False and spec.default_url is None and spec.parse is uk_ofsi.parse


def test_old_csv_groups_rows_and_reads_cp1252() -> None:
    parsed = uk_ofsi.parse(UK / "ofsi_old.csv")
    assert parsed.format == "ofsi-csv" and parsed.warnings == []
    assert parsed.published_at == datetime(2018, 4, 13)  # first line has trailing commas
    entries = {e.source_id: e for e in parsed.entries}
    assert set(entries) == {"90001", "90002"}
    person = entries["90001"]
    assert person.entity_type == EntityType.INDIVIDUAL
    primary = [n for n in person.names if n.kind == NameKind.PRIMARY]
    assert len(primary) == 1  # the same name repeated per DOB row is one name
    assert (primary[0].full, primary[0].first, primary[0].middle, primary[0].last) == (
        "Omar Ali TESTER",
        "Omar",
        "Ali",
        "TESTER",
    )
    assert primary[0].title == "Dr"
    assert sorted(person.birth_dates) == ["1970", "1971-06-15"]  # "00/00/1970" is a partial date
    assert sorted(person.nationalities) == ["Qatar", "Saudi Arabia"]  # "1) Saudi Arabia 2) Qatar"
    assert person.remarks == "UN Ref QDi.999. A fictional person\u2019s entry."  # cp1252 0x92
    assert person.listed_on == "2016-04-01" and person.programs == ["Al-Qaida"]
    entity = entries["90002"]
    assert entity.entity_type == EntityType.ENTITY
    assert {(n.full, n.kind) for n in entity.names} == {
        ("FICTIONAL TRADING COMPANY", NameKind.PRIMARY),
        ("FTC", NameKind.AKA),
        ("OLD FICTIONAL TRADING", NameKind.FKA),
    }
    assert entity.names[0].last is None  # an entity's Name 6 is its whole name, not a surname


def test_xlsx_non_latin_quality_and_tagged_information() -> None:
    parsed = uk_ofsi.parse(UK / "ConList.xlsx")
    assert parsed.format == "ofsi-xlsx" and parsed.published_at == datetime(2023, 6, 5)
    entries = {e.source_id: e for e in parsed.entries}
    person = entries["95001"]
    cyrillic = [n for n in person.names if n.script == "Cyrl"]
    assert [(n.full, n.kind, n.lang) for n in cyrillic] == [("Анна Ивановна ТЕСТОВА", NameKind.PRIMARY, "ru")]
    kinds = {n.full: n.kind for n in person.names}
    assert kinds["Ana TESTOVA"] == NameKind.AKA  # primary name variation
    assert kinds["TESTY"] == NameKind.WEAK_AKA  # low-quality alias
    assert person.gender == "Female"
    assert person.details["uk_sanctions_list_ref"] == "RUS9901"
    assert {(i.number, i.note) for i in person.identifiers} == {
        ("700000001", "Russia"),
        ("700000002", "Russia, diplomatic"),
    }
    ship = entries["95002"]
    assert ship.entity_type == EntityType.VESSEL
    assert [(i.type, i.number) for i in ship.identifiers] == [("IMO", "9000002")]
    assert ship.details["vessel_flag"] == "Gabon"


def test_gzipped_copy_parses_the_same(tmp_path: Path) -> None:
    packed = tmp_path / "ofsi.csv.gz"
    packed.write_bytes(gzip.compress((UK / "ofsi_old.csv").read_bytes()))
    plain = [e.canonical() for e in uk_ofsi.parse(UK / "ofsi_old.csv").entries]
    assert [e.canonical() for e in uk_ofsi.parse(packed).entries] == plain


@pytest.mark.parametrize(
    ("split", "expected"),
    [
        ("1) Saudi Arabia 2) Qatar", ["Saudi Arabia", "Qatar"]),
        ("(1) Germany. (2) Morocco", ["Germany", "Morocco"]),
        ("(1)-(2) Tunisia (3) Libya", ["Tunisia", "Libya"]),
        ("(1) Manzil Tmim (2)-(6) -", ["Manzil Tmim"]),
        ("a) General b)Major General", ["General", "Major General"]),
        ("Afghanistan (since 2009)", ["Afghanistan (since 2009)"]),
        ("", []),
    ],
)
def test_split_numbered(split: str, expected: list[str]) -> None:
    assert list(uk_common.split_numbered(split)) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [("24/10/1966", "1966-10-24"), ("00/00/1980", "1980"), ("00/05/1980", "1980-05"), ("05/1973", "1973-05"),
     ("1951", "1951"), ("circa 1950", "circa 1950"), ("31/02/1970", "31/02/1970")],
)  # fmt: skip
def test_uk_date(text: str, iso: str) -> None:
    assert uk_common.uk_date(text) == iso


# --- bad input ---------------------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_file_decodes_with_a_warning(tmp_path: Path) -> None:
    text = (UK / "ofsi_old.csv").read_bytes().decode("cp1252")
    parsed = uk_ofsi.parse(write(tmp_path, text.encode("utf-8")))
    assert "A fictional person\u2019s entry" in (parsed.entries[0].remarks or "")
    assert any("UTF-8" in w for w in parsed.warnings)


def test_missing_required_column(tmp_path: Path) -> None:
    text = (UK / "ofsi_old.csv").read_bytes().decode("cp1252").replace("Group ID", "Group Ref")
    with pytest.raises(FormatChanged, match="Group ID"):
        uk_ofsi.parse(write(tmp_path, text.encode("cp1252")))


def test_unknown_alias_type_and_column_warn(tmp_path: Path) -> None:
    text = (UK / "ofsi_old.csv").read_bytes().decode("cp1252")
    text = text.replace(",FKA,", ",Nickname,").replace("Group ID\r\n", "Group ID,Colour\r\n", 1)
    parsed = uk_ofsi.parse(write(tmp_path, text.encode("cp1252")))
    assert "unknown name type 'Nickname': name kept as aka" in parsed.warnings
    assert "unknown column 'Colour' ignored" in parsed.warnings
    names = {n.full: n.kind for e in parsed.entries for n in e.names}
    assert names["OLD FICTIONAL TRADING"] == NameKind.AKA


def test_unknown_group_type_warns(tmp_path: Path) -> None:
    text = (UK / "ofsi_old.csv").read_bytes().decode("cp1252").replace(",Entity,", ",Spaceship,")
    parsed = uk_ofsi.parse(write(tmp_path, text.encode("cp1252")))
    assert any("unknown designation type 'Spaceship'" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \r\n", "empty"),
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "HTML page"),
        (b"\x00\x01\x02\x03binary", "binary"),
        (b"Name,Other\r\nA,B\r\n", "first line is 'Name'"),
        (b"Last Updated,yesterday\r\n", "not dd/mm/yyyy"),
        (b"Last Updated,02/04/2014\r\n", "no header"),
    ],
)
def test_bad_csv_input(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        uk_ofsi.parse(write(tmp_path, data))


def test_header_only_csv(tmp_path: Path) -> None:
    lines = (UK / "ofsi_old.csv").read_bytes().split(b"\r\n")[:2]
    with pytest.raises(ParseError, match="no entries"):
        uk_ofsi.parse(write(tmp_path, b"\r\n".join(lines) + b"\r\n"))


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = (UK / "ConList.xlsx").read_bytes()
    with pytest.raises(ParseError, match="xlsx"):
        uk_ofsi.parse(write(tmp_path, data[: len(data) // 2], "ConList.xlsx"))


# --- real archived files (../shared/data) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "groups", "published"),
    [
        ("uk/ofsi/2014-04-02/sanctionsconlist.csv.gz", 2297, datetime(2014, 4, 2)),
        ("uk/ofsi/2018-04-13/sanctionsconlist.csv.gz", 2106, datetime(2018, 4, 13)),
        ("uk/ofsi/2016-02-12_subset/data.csv.gz", 463, datetime(2016, 2, 12)),
    ],
)
def test_real_old_csv_counts(relative: str, groups: int, published: datetime) -> None:
    parsed = uk_ofsi.parse(real_file(relative))
    assert len(parsed.entries) == groups
    assert len({e.source_id for e in parsed.entries}) == groups
    assert parsed.published_at == published
    assert parsed.warnings == []
    assert all(e.names for e in parsed.entries)


def test_real_2018_known_entry() -> None:
    entry = {
        e.source_id: e for e in uk_ofsi.parse(real_file("uk/ofsi/2018-04-13/sanctionsconlist.csv.gz")).entries
    }["13349"]
    assert entry.entity_type == EntityType.INDIVIDUAL
    assert entry.primary_name == "Nayef Salam Muhammad Ujaym AL-HABABI"
    assert sorted(entry.birth_dates) == ["1980", "1981"]
    assert sorted(entry.nationalities) == ["Qatar", "Saudi Arabia"]
    assert "Sheikh Farooq AL-QAHTANI" in {n.full for n in entry.names}  # leading space in Name 6 stripped


@pytest.mark.slow
@pytest.mark.parametrize(
    ("relative", "groups", "published", "vessels"),
    [
        ("uk/ofsi/2023-06-05/ConList.xlsx", 3993, datetime(2023, 6, 5), 15),
        ("uk/ofsi/2025-04-14/ConList.xlsx", 4688, datetime(2025, 4, 14), 15),
    ],
)
def test_real_xlsx_counts(relative: str, groups: int, published: datetime, vessels: int) -> None:
    parsed = uk_ofsi.parse(real_file(relative))
    assert parsed.format == "ofsi-xlsx"
    assert len(parsed.entries) == groups and parsed.published_at == published
    assert sum(e.entity_type == EntityType.VESSEL for e in parsed.entries) == vessels
    # A country ("Russia", "Ukraine") or a script ("Cyrillic") in the language column is quietly
    # no language.
    assert not any("language" in w for w in parsed.warnings), parsed.warnings
    if relative.startswith("uk/ofsi/2023"):
        abramovich = {e.source_id: e for e in parsed.entries}["14212"]
        assert abramovich.primary_name == "Roman Arkadyevich ABRAMOVICH"
        cyrl = [n for n in abramovich.names if n.script == "Cyrl"]
        assert [n.full for n in cyrl] == ["Роман Аркадьевич АБРАМОВИЧ"]
        assert abramovich.birth_dates == ["1966-10-24"]
        assert sorted(abramovich.nationalities) == ["Israel", "Portugal", "Russia"]
        assert abramovich.details["uk_sanctions_list_ref"] == "RUS0270"
        assert abramovich.gender == "Male" and abramovich.listed_on == "2022-03-10"


def test_a_country_or_a_script_in_the_language_column_is_no_language_and_no_warning() -> None:
    warnings = uk_common.Warnings()
    names = [
        uk_common.non_latin_name(text, NameKind.AKA, "Cyrillic", language, warnings)
        for text, language in (
            ("Андрій", "Ukraine"),
            ("Роман", "Russia"),
            ("Роман", "Russian"),
            ("Роман", ""),
        )
    ]
    # no language for a country: recording one would amend names stored before without it
    assert [n.lang for n in names] == [None, None, "ru", None] and warnings.as_list() == []
    # the trial: "unknown non-Latin script language 'Cyrillic'" called a script a language
    script = uk_common.non_latin_name("Роман", NameKind.AKA, "", "Cyrillic", warnings)
    assert (script.lang, script.script) == (None, "Cyrl") and warnings.as_list() == []
    uk_common.non_latin_name("Роман", NameKind.AKA, "Cyrillic", "Klingon", warnings)
    assert warnings.as_list() == ["unknown non-Latin script language 'Klingon': language not recorded"]
