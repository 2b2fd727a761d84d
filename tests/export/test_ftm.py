"""The FtM mapping of one entry (tracker.export.ftm): valid for the followthemoney library, and read
back by the os_ftm parser into the same entry, up to the conversions FtM's types impose."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.export.support import expected_after_round_trip, ftm_problems
from tracker.export.ftm import entities
from tracker.records import Address, EntityType, Identifier, ListEntry, Name, NameKind, entry_from_canonical
from tracker.sources import ftm_model as fm
from tracker.sources import os_ftm

PERSON = ListEntry(
    "29366",
    EntityType.INDIVIDUAL,
    [
        Name("DERKACH, Andrii Leonidovych", NameKind.PRIMARY, "Andrii", "Leonidovych", "DERKACH", "Latn"),
        Name("Андрій Деркач", NameKind.AKA, script="Cyrl", lang="uk"),
        Name("DERKACH,  Andriy", NameKind.WEAK_AKA, script="Latn"),  # two spaces, as a list may write
        Name("OLD NAME", NameKind.FKA),
        Name("NEW NAME", NameKind.NKA),
        Name("SECOND PRIMARY", NameKind.PRIMARY),
    ],
    programs=["CYBER2", "ELECTION-EO13848"],
    birth_dates=["1967-08-19", "circa 1951", "1957~", "1968-02-30"],
    birth_places=["Kharkiv, Ukraine"],
    nationalities=["Ukraine", "Burma / Birmanie"],
    citizenships=["RUSSIAN FEDERATION"],
    identifiers=[
        Identifier(
            "Passport", "EK123456", "Ukraine", "2010-01-01", "01 Jan 2008 to 31 Dec 2012", "diplomatic"
        ),
        Identifier(
            "Secondary sanctions risk:",
            "section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
        ),
        Identifier("Tax ID No.", "1234", "Atlantis"),
    ],
    addresses=[
        Address(city="Kyiv", postal_code="01021", country="Ukraine"),
        Address(note="somewhere", country="Burma / Birmanie"),
    ],
    listed_on="2020-09-10",
    gender="Male",
    titles=["Member of the Verkhovna Rada"],
    positions=["Deputy"],
    remarks="Linked To: SOMETHING.",
    details={"vessel_flag": "none", "eu_reference_number": "EU.1.2"},
)
COMPANY = ListEntry(
    "Burma/1/17",
    EntityType.ENTITY,
    [Name("ACME TRADING LTD")],
    birth_dates=["2001"],
    nationalities=["Iran"],
    gender="n/a",
    titles=["Ltd."],
    listed_on="some day in 2019",
)
VESSEL = ListEntry(
    "SDN:21944", EntityType.VESSEL, [Name("SEA STAR")], identifiers=[Identifier("IMO", "9123456")]
)


def _write(tmp_path: Path, lines: list[dict[str, Any]]) -> Path:
    path = tmp_path / "export.ftm.json"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines), encoding="utf-8")
    return path


def _round_trip(tmp_path: Path, entry: ListEntry, source: str) -> tuple[dict[str, Any], dict[str, Any]]:
    exported = entities(source, "Test Sanctions Office", entry.canonical())
    assert ftm_problems(exported) == []
    (parsed,) = os_ftm.parse(_write(tmp_path, exported)).entries
    for name in parsed.names:  # scripts are re-detected on import: compared apart
        name.script = None
    want = expected_after_round_trip(entry.canonical(), source)
    for name in want["names"]:
        name.pop("script", None)
    return parsed.canonical(), entry_from_canonical(want).canonical()


@pytest.mark.parametrize(
    ("entry", "source"), [(PERSON, "ofac_sdn"), (COMPANY, "ca_sema"), (VESSEL, "us_csl")]
)
def test_round_trip_keeps_the_entry(tmp_path, entry, source):
    got, want = _round_trip(tmp_path, entry, source)
    assert got == want


def test_person_mapping():
    target, sanction, *parts = entities("ofac_sdn", "US Treasury OFAC", PERSON.canonical())
    assert (target["id"], target["schema"], target["caption"]) == (
        "ofac-sdn-29366",
        "Person",
        "DERKACH, Andrii Leonidovych",
    )
    props = target["properties"]
    assert props["name"] == ["DERKACH, Andrii Leonidovych", "SECOND PRIMARY"]
    assert sorted(props["alias"]) == ["NEW NAME", "Андрій Деркач"]
    assert props["weakAlias"] == ["DERKACH,  Andriy"] and props["previousName"] == ["OLD NAME"]
    assert (props["firstName"], props["middleName"], props["lastName"]) == (
        ["Andrii"],
        ["Leonidovych"],
        ["DERKACH"],
    )
    assert props["birthDate"] == ["1967-08-19"]
    assert props["nationality"] == ["ua"] and props["citizenship"] == ["ru"] and props["gender"] == ["male"]
    assert props["notes"][0] == "Linked To: SOMETHING."
    assert set(props["notes"][1:]) == {
        "Date of birth as listed: 1957~",
        "Date of birth as listed: 1968-02-30",
        "Date of birth as listed: circa 1951",
        "Nationality as listed: Burma / Birmanie",
        'Identifier as listed: {"number":"section 1(b) of Executive Order 13224, as amended by '
        'Executive Order 13886","type":"Secondary sanctions risk:"}',
        "Detail as listed: eu_reference_number: EU.1.2",
        "Detail as listed: vessel_flag: none",
    }
    assert sanction["properties"] == {
        "entity": ["ofac-sdn-29366"],
        "authority": ["US Treasury OFAC"],
        "program": ["CYBER2", "ELECTION-EO13848"],
        "listingDate": ["2020-09-10"],
    }
    by_schema = {(p["schema"], p["caption"]): p["properties"] for p in parts}
    passport = by_schema[("Identification", "EK123456")]
    assert passport == {
        "holder": ["ofac-sdn-29366"],
        "number": ["EK123456"],
        "type": ["Passport"],
        "country": ["ua"],
        "startDate": ["2010-01-01"],
        "summary": ["diplomatic"],
        "description": ["Expires as listed: 01 Jan 2008 to 31 Dec 2012"],
    }
    assert by_schema[("Identification", "1234")]["description"] == ["Country as listed: Atlantis"]
    kyiv = by_schema[("Address", "Kyiv, 01021, Ukraine")]
    assert kyiv == {
        "city": ["Kyiv"],
        "postalCode": ["01021"],
        "country": ["ua"],
        "full": ["Kyiv, 01021, Ukraine"],
    }
    assert sorted(props["addressEntity"]) == sorted(p["id"] for p in parts if p["schema"] == "Address")


def test_facts_ftm_has_no_property_for_become_labelled_notes():
    target, sanction = entities("ca_sema", "Global Affairs Canada", COMPANY.canonical())
    assert target["schema"] == "Organization" and target["id"].startswith("ca-sema-Burma-1-17-")
    assert set(target["properties"]["notes"]) == {
        "Date of birth as listed: 2001",
        "Nationality as listed: Iran",
        "Gender as listed: n/a",
        "Title as listed: Ltd.",
    }
    assert sanction["properties"]["summary"] == ["Listed on as listed: some day in 2019"]
    assert ftm_problems([target, sanction]) == []


def test_ids_are_ftm_ids_and_distinct():
    assert fm.entity_id("ofac_sdn", "29366") == "ofac-sdn-29366"
    # OpenSanctions keys are FtM ids: kept, so an export links back to OpenSanctions and yente
    assert fm.entity_id("os_ftm", "NK-2T3S8Hu29ktYnKSTgQp2wL") == "NK-2T3S8Hu29ktYnKSTgQp2wL"
    assert fm.entity_id("os_ua_war_sanctions", "Q4365364") == "Q4365364"
    assert fm.entity_id("os_ftm", "ofac-sdn-29366") == "ofac-sdn-29366"  # export, import, export: same id
    assert fm.entity_id("os_ftm", "a b") == "os-ftm-a-b-" + fm.entity_id("x", "a b").rsplit("-", 1)[1]
    slugged = {fm.entity_id("us_csl", k) for k in ("SDN:1", "SDN-1", "SDN/1", "_1_", "é")}
    assert len(slugged) == 5
    assert ftm_problems([{"id": i, "schema": "Person", "properties": {"name": ["x"]}} for i in slugged]) == []


def test_valid_dates_and_countries():
    assert [
        fm.iso_date(d) for d in ("1968", "1968-08", "1968-08-31", "1968-02-30", "circa 1968", "68", "0999")
    ] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert [fm.country_code(c) for c in ("Russia", "RUSSIAN FEDERATION", "Russian", "RU", "Atlantis")] == [
        "ru",
        "ru",
        "ru",
        "ru",
        None,
    ]


def test_long_strings_never_break_the_ftm_types(tmp_path: Path) -> None:
    """A programme, title, position or birth place over FtM's string length is a labelled note
    (a 1,024-character value still fits), and it comes back as it was."""
    entry = ListEntry(
        "1",
        EntityType.INDIVIDUAL,
        [Name("A B")],
        programs=["P" * 1024, "Q" * 1025],
        titles=["T" * 1025],
        positions=["short"],
        birth_places=["B" * 2000],
    )
    target, sanction = entities("os_ftm", "Test", entry.canonical())
    assert ftm_problems([target, sanction]) == []
    got, want = _round_trip(tmp_path, entry, "os_ftm")
    assert got == want
    assert target["properties"]["position"] == ["short"] and "title" not in target["properties"]
    assert sanction["properties"]["program"] == ["P" * 1024]
    assert sanction["properties"]["summary"] == ["Program as listed: " + "Q" * 1025]
