"""Checks of what a user asks search for: one clear UsageError per mistake."""

from __future__ import annotations

import pytest

from tracker.errors import UsageError
from tracker.matching.query import check_country, check_dob, check_entity_type, check_query
from tracker.records import EntityType


def test_a_name_is_prepared() -> None:
    assert [p.norm for p in check_query("DERKACH, Andrii").parts] == ["andrii", "derkach"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 501, "query is too long (501 characters; at most 500)"),
        ("?!", "query has no letters or digits to search for"),
        ("A", "query 'A' is too short: give at least two letters"),
        (" ".join(["Ab"] * 13), "query has 13 words; a name has at most 12"),
    ],
)
def test_bad_queries(query: str, message: str) -> None:
    with pytest.raises(UsageError) as error:
        check_query(query)
    assert str(error.value) == message


def test_filters() -> None:
    assert check_entity_type("Organisation") == EntityType.ENTITY
    assert check_entity_type("any") is None
    with pytest.raises(UsageError, match="unknown entity type 'ship'"):
        check_entity_type("ship")
    assert check_dob(" 1967-08 ") == "1967-08"
    assert check_dob("") is None
    with pytest.raises(UsageError, match="is not YYYY, YYYY-MM or YYYY-MM-DD"):
        check_dob("19/08/1967")


@pytest.mark.parametrize("dob", ["1952-13-45", "1952-13", "1952-00", "2001-02-29", "1952-04-31", "0000"])
def test_a_dob_that_is_no_calendar_date_is_refused(dob: str) -> None:
    # Accepted, it lowered every listed person's score as a "different" birth date.
    with pytest.raises(UsageError) as error:
        check_dob(dob)
    assert str(error.value) == f"date of birth {dob!r} is not a calendar date"


def test_year_and_year_month_dobs_stay_valid() -> None:
    assert [check_dob(d) for d in ("1952", "1952-10", "1952-10-07", "2000-02-29")] == [
        "1952",
        "1952-10",
        "1952-10-07",
        "2000-02-29",
    ]
    assert check_country("Russian Federation") == "ru"
    assert check_country("UA") == "ua"
    with pytest.raises(UsageError, match="unknown country 'Atlantis'"):
        check_country("Atlantis")
