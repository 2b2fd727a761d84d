"""Carrying components a file did not provide, on canonical forms."""

from __future__ import annotations

from typing import Any

from tracker.history.carry import carry_over, comparable, component_parts
from tracker.history.fielddiff import field_changes

FULL: dict[str, Any] = {
    "source_id": "1",
    "names": [
        {"full": "DOE, John", "kind": "primary"},
        {"full": "DOE, Johnny", "kind": "aka"},
        {"full": "JD", "kind": "weak_aka"},
    ],
    "addresses": [{"city": "Kyiv", "country": "Ukraine"}],
    "birth_dates": ["1960"],
}
DAILY: dict[str, Any] = {
    "source_id": "1",
    "names": [{"full": "DOE, John", "kind": "primary"}, {"full": "JD", "kind": "weak_aka"}],
    "birth_dates": ["1961"],
    "not_provided": ["addresses", "aliases"],
}


def test_carry_over_takes_the_missing_components_from_the_previous_version() -> None:
    merged = carry_over(DAILY, FULL)
    assert merged == {**FULL, "birth_dates": ["1961"]}  # known now, so no not_provided
    assert carry_over(DAILY, None) is DAILY  # nothing stored before: stays not provided
    assert carry_over(FULL, DAILY) is FULL  # a full file carries nothing


def test_still_unknown_when_the_previous_version_did_not_know_either() -> None:
    merged = carry_over({**DAILY, "birth_dates": ["1962"]}, DAILY)
    assert merged["not_provided"] == ["addresses", "aliases"]
    assert merged["names"] == DAILY["names"]


def test_carrying_one_component_on_request() -> None:
    merged = carry_over(FULL, {**FULL, "addresses": [{"city": "Lviv"}]}, components=["addresses"])
    assert merged["addresses"] == [{"city": "Lviv"}] and "not_provided" not in merged
    assert carry_over(FULL, DAILY, components=["aliases"])["not_provided"] == ["aliases"]


def test_unknown_components_are_not_compared() -> None:
    (change,) = field_changes(FULL, DAILY)
    assert change["field"] == "birth_dates"  # not "names -DOE, Johnny", not "addresses removed"
    assert field_changes(DAILY, FULL)[0]["field"] == "birth_dates"
    assert comparable(FULL, ["aliases"])["names"] == DAILY["names"]


def test_component_parts() -> None:
    assert component_parts(FULL, "aliases") == {
        "names": [{"full": "DOE, Johnny", "kind": "aka"}],
        "known": True,
    }
    assert component_parts(DAILY, "addresses") == {"known": False}
