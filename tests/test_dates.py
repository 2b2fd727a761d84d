"""User dates (tracker.dates): a date of birth as people write it, read one way or refused."""

from __future__ import annotations

import pytest

from tracker.dates import read_dob
from tracker.errors import UsageError


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1967-08-19", "1967-08-19"),
        ("1967", "1967"),
        ("1967-08", "1967-08"),
        (" 1967-08-19 ", "1967-08-19"),
        ("1967/08/19", "1967-08-19"),  # the trial's form
        ("1967.8.19", "1967-08-19"),  # year first is always year-month-day
        ("19.08.1967", "1967-08-19"),  # dotted: day first wherever it is used
        ("19. 08. 1967", "1967-08-19"),
        ("1.2.1967", "1967-02-01"),
        ("19/08/1967", "1967-08-19"),  # only one reading is a date
        ("08/19/1967", "1967-08-19"),
        ("19-08-1967", "1967-08-19"),
        ("05/05/1967", "1967-05-05"),  # both readings are the same day
        ("19 Aug 1967", "1967-08-19"),
        ("19-AUG-1967", "1967-08-19"),
        ("19th August 1967", "1967-08-19"),
        ("August 19, 1967", "1967-08-19"),
        ("Sept. 1, 1967", "1967-09-01"),
        ("Aug 1967", "1967-08"),
        ("31.02.1967", "1967-02-31"),  # check_dob refuses it as no calendar date
        ("19 Foo 1967", "19 Foo 1967"),  # not a date: unchanged, for check_dob to refuse
        ("19.08.67", "19.08.67"),  # a two-digit year is not guessed
        ("", None),
        (None, None),
    ],
)
def test_a_date_of_birth_is_read_in_the_forms_people_write(written: str | None, read: str | None):
    assert read_dob(written) == read


@pytest.mark.parametrize("written", ["03/04/1967", "3-4-1967", "12/11/1980"])
def test_a_day_month_date_that_reads_both_ways_is_refused_not_guessed(written: str):
    with pytest.raises(UsageError, match=r"reads as day/month or month/day: write it YYYY-MM-DD \(") as info:
        read_dob(written)
    assert "\n" not in str(info.value)
