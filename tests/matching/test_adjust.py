"""Date of birth and country raising or lowering a name score."""

from __future__ import annotations

from tracker.matching import Candidate
from tracker.matching.adjust import adjust, dob_compatible, max_raise
from tracker.records import EntityType, Name


def candidate(births: list[str], countries: list[str]) -> Candidate:
    return Candidate(("x", "1"), EntityType.INDIVIDUAL, [Name("A B")], "A B", births, countries)


def test_dates_agree_on_every_part_both_give() -> None:
    assert dob_compatible("1967", "1967-08-19") is True
    assert dob_compatible("1967-08-19", "1967") is True
    assert dob_compatible("1967-09", "1967-08-19") is False
    assert dob_compatible("1967", "circa 1967 or 1968") is True  # years inside free text
    assert dob_compatible("1967", "unknown") is None


def test_adjust_raises_lowers_and_explains() -> None:
    listed = candidate(["1967-08-19"], ["ua"])
    assert adjust(0.8, listed, "1967", None) == (
        0.9,
        ["date of birth 1967 agrees with listed 1967-08-19 (raised)"],
    )
    assert adjust(0.8, listed, "1970", None) == (
        0.6,
        ["date of birth 1970 differs from listed 1967-08-19 (lowered)"],
    )
    assert adjust(0.8, listed, None, "ua") == (0.85, ["country UA is listed (raised)"])
    assert adjust(0.8, listed, None, "ru") == (0.7, ["country RU not among listed UA (lowered)"])
    assert adjust(0.8, candidate([], []), "1967", "ru") == (
        0.8,
        ["no date of birth on the list to compare", "no country on the list to compare"],
    )
    assert adjust(0.05, listed, "1970", "ru") == (
        0.0,
        [
            "date of birth 1970 differs from listed 1967-08-19 (lowered)",
            "country RU not among listed UA (lowered)",
        ],
    )


def test_max_raise_bounds_every_adjustment() -> None:
    listed = candidate(["1967-08-19"], ["ua"])
    for score in (0.0, 0.3, 0.8, 1.0):
        for dob in (None, "1967", "1970"):
            for country in (None, "ua", "ru"):
                assert adjust(score, listed, dob, country)[0] <= max_raise(score, dob, country) + 1e-9
