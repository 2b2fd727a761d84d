"""Date of birth and country raising or lowering a name score."""

from __future__ import annotations

from tracker.matching import Candidate
from tracker.matching.adjust import adjust, dob_compatible, dob_near, max_raise
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
        for dob in (None, "1967", "1968", "1967-08-18", "1970"):
            for country in (None, "ua", "ru"):
                assert adjust(score, listed, dob, country)[0] <= max_raise(score, dob, country) + 1e-9


def test_a_year_inside_a_listed_span_agrees() -> None:
    # the UN's BETWEEN as the parser writes it, and spans written out (issue 13: DOB ranges)
    assert dob_compatible("1962", "1960/1965") is True
    assert dob_compatible("1962-05-01", "between 1960 and 1963") is True
    assert dob_compatible("1961", "1960 to 1961") is True
    assert dob_compatible("1966", "1960/1965") is False


def test_a_date_of_birth_missed_by_a_slip_is_near() -> None:
    listed = "1967-08-19"
    assert dob_near("1967-08-18", listed)  # a day off
    assert dob_near("1967-08-20", listed)
    assert dob_near("1967-08-29", listed)  # a digit of the day
    assert dob_near("1967-03-19", listed)  # a digit of the month
    assert dob_near("1966-08-19", listed)  # the year one off
    assert dob_near("1968", listed)
    assert dob_near("1967-12-03", "1967-03-12")  # day and month swapped
    assert dob_near("1967-09-01", "1967-08-31")  # a day off across a month's end
    assert dob_near("1968", "circa 1967")
    assert dob_near("1967-00-19", "1967-00-18")  # a listed month 00 is no calendar date
    # another person: decades off, or two slips at once
    assert not dob_near("1947-08-19", listed)
    assert not dob_near("1957-08-19", listed)
    assert not dob_near("1970", listed)
    assert not dob_near("1966-08-18", listed)
    assert not dob_near("1967-05-27", listed)
    assert not dob_near("1980", "circa 1967")


def test_a_near_date_lowers_a_little_and_says_so() -> None:
    # DERKACH, Andrii born 1967-08-19 searched with 1967-08-18 (issue 13): found, lowered a little
    listed = candidate(["1967-08-19"], ["ua"])
    assert adjust(0.99, listed, "1967-08-18", None) == (
        0.94,
        ["date of birth 1967-08-18 is near listed 1967-08-19: a slip? (lowered a little)"],
    )
    assert adjust(0.99, listed, "1947-08-19", None)[0] == 0.79  # decades off: another person
    # one listed date agreeing wins over another that is near
    assert adjust(0.8, candidate(["1966-08-19", "1967-08-19"], []), "1967-08-19", None)[0] == 0.9


def test_a_birth_year_typed_with_a_slip_is_near() -> None:
    # trial 1 item 5: 1976-08-19 or 1969-08-19 for Derkach's 1967-08-19 scored as another date
    listed = "1967-08-19"
    assert dob_near("1976-08-19", listed)  # adjacent digits swapped
    assert dob_near("1969-08-19", listed)  # one digit changed
    assert dob_near("1976", listed)
    assert not dob_near("1976-08-20", listed)  # two slips are a different date
    assert not dob_near("1957-08-19", listed)  # a decade digit: another generation
    assert not dob_near("1958-08-19", listed)  # two digits changed
