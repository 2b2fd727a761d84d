"""Fingerprints: one hash per content, independent of the order a list writes things in."""

from __future__ import annotations

import json

import pytest

from tracker.errors import ParseError
from tracker.history.fingerprint import fingerprint, fingerprint_all
from tracker.records import EntityType, Identifier, ListEntry, Name, NameKind


def person(key: str = "7", changes: dict[str, object] | None = None) -> ListEntry:
    entry = ListEntry(
        source_id=key,
        entity_type=EntityType.INDIVIDUAL,
        names=[Name("DOE, John", NameKind.PRIMARY), Name("Johnny DOE", NameKind.AKA)],
        programs=["UKRAINE-EO13660", "RUSSIA-EO14024"],
        identifiers=[Identifier("Passport", "123"), Identifier("Tax ID", "9")],
    )
    for name, value in (changes or {}).items():
        setattr(entry, name, value)
    return entry


def test_fingerprint_carries_key_type_name_and_the_canonical_json_it_hashes() -> None:
    fp = fingerprint(person())
    assert (fp.key, fp.entity_type, fp.primary_name) == ("7", "individual", "DOE, John")
    data = json.loads(fp.data)
    assert data["programs"] == ["RUSSIA-EO14024", "UKRAINE-EO13660"]  # sorted: order is not content
    assert len(fp.hash) == 64 and fp.hash == fingerprint(person()).hash


def test_order_of_list_items_does_not_change_the_hash() -> None:
    reordered = person(
        changes={
            "names": [Name("Johnny DOE", NameKind.AKA), Name("DOE, John", NameKind.PRIMARY)],
            "programs": ["RUSSIA-EO14024", "UKRAINE-EO13660", "RUSSIA-EO14024"],
            "identifiers": [Identifier("Tax ID", "9"), Identifier("Passport", "123")],
        }
    )
    assert fingerprint(reordered).hash == fingerprint(person()).hash


@pytest.mark.parametrize(
    "change",
    [
        {"programs": ["RUSSIA-EO14024"]},
        {"names": [Name("DOE, John", NameKind.PRIMARY), Name("Johnny DOE", NameKind.WEAK_AKA)]},
        {"remarks": "Linked to: ACME"},
        {"entity_type": EntityType.ENTITY},
    ],
)
def test_any_content_change_changes_the_hash(change: dict[str, object]) -> None:
    assert fingerprint(person(changes=change)).hash != fingerprint(person()).hash


def test_fingerprint_is_computed_once_per_entry_object() -> None:
    entry = person()
    first = fingerprint(entry)
    entry.remarks = "changed after fingerprinting (parsers never do this)"
    assert fingerprint(entry) is first


def test_fingerprint_all_keys_by_source_id_and_drops_exact_repeats() -> None:
    fps = fingerprint_all([person("1"), person("2"), person("1")])
    assert list(fps) == ["1", "2"]


def test_one_id_listed_twice_with_different_content_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="lists id 1 twice"):
        fingerprint_all([person("1"), person("1", {"remarks": "other"})])
