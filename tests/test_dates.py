"""User dates (tracker.dates): a date of birth as people write it, read one way or refused."""

from __future__ import annotations

import pytest

from tracker.dates import DatedName, read_dob
from tracker.errors import UsageError


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1967-08-19", "1967-08-19"),
        ("1967", "1967"),
        ("19670819", "1967-08-19"),  # trial 1: compact YYYYMMDD, as bank systems export it
        (" 20010102 ", "2001-01-02"),
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


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2026-12-01", "date of birth 2026-12-01 is in the future (today is 2026-11-30)"),
        ("2026-12", "date of birth 2026-12 is in the future (today is 2026-11-30)"),
        ("2027", "date of birth 2027 is in the future (today is 2026-11-30)"),
        ("01.12.2026", "date of birth '01.12.2026' (2026-12-01) is in the future (today is 2026-11-30)"),
        ("2099-01-01", "date of birth 2099-01-01 is in the future (today is 2026-11-30)"),
    ],
)
def test_a_date_of_birth_in_the_future_is_refused(written: str, message: str):
    """The trial: --dob 2099-01-01 scored the listed person down as a "different" birth date: no
    match, exit 0, a false all clear."""
    from datetime import date

    with pytest.raises(UsageError) as info:
        read_dob(written, today=date(2026, 11, 30))
    assert str(info.value) == message


@pytest.mark.parametrize("written", ["2026-11-30", "2026-11", "2026", "1967-08-19"])
def test_today_this_month_and_this_year_are_not_in_the_future(written: str):
    from datetime import date

    assert read_dob(written, today=date(2026, 11, 30)) == written


def test_an_as_of_day_after_today_is_refused_and_today_is_not():
    from datetime import date, datetime

    from tracker.dates import parse_date, refuse_future_day

    today = date(2026, 11, 30)
    refuse_future_day(parse_date("2026-11-30", end_of_day=True), "as_of", today)  # today's last moment
    with pytest.raises(UsageError, match=r"^as_of 2026-12-01 is in the future \(today is 2026-11-30\)$"):
        refuse_future_day(datetime(2026, 12, 1), "as_of", today)


@pytest.mark.parametrize("written", ["1067-08-19", "19.08.1867", "1899"])
def test_a_date_of_birth_before_1900_is_a_typo(written: str):
    """Trial 2: --dob 1067-08-19 for Derkach (1967) scored him as born on another date: no match."""
    with pytest.raises(UsageError, match="is before 1900: no living person's"):
        read_dob(written)
    assert read_dob("1900-01-01") == "1900-01-01"


@pytest.mark.parametrize(
    "written", ["19 Foo 1967", "19.08.67", "19 августа 1967", "67-08-19", "20011999", "1967081", "next year"]
)
def test_a_date_of_birth_not_read_is_refused_naming_the_forms_that_are(written: str):
    """Trial 1: the message said "YYYY, YYYY-MM or YYYY-MM-DD" though many more forms are read.
    20011999 is no YYYYMMDD (month 19) and DDMMYYYY is not read: refused, never guessed."""
    with pytest.raises(UsageError) as caught:
        read_dob(written)
    assert str(caught.value) == (
        f"date of birth {written!r} is not a date read here (write YYYY-MM-DD; also read: YYYY, "
        "YYYY-MM, YYYYMMDD, YYYY/MM/DD, DD.MM.YYYY, DD/MM/YYYY when it reads one way only, "
        "19 Aug 1967, Aug 1967)"
    )


@pytest.mark.parametrize(
    ("written", "name", "dob"),
    [
        ("Andrii Derkach 19670819", "Andrii Derkach", "1967-08-19"),
        ("Andrii Derkach b.1967", "Andrii Derkach", "1967"),
        ("Andrii Derkach b. 1967", "Andrii Derkach", "1967"),
        ("Andrii Derkach born 1967", "Andrii Derkach", "1967"),
        ("Andrii Derkach 1967-08", "Andrii Derkach", "1967-08"),
        ("Andrii Derkach 08/1967", "Andrii Derkach", "1967-08"),
        ("Андрій Деркач 1967 р.н.", "Андрій Деркач", "1967"),
        ("Андрей Деркач 1967 г.р.", "Андрей Деркач", "1967"),
    ],
)
def test_dates_written_in_a_name_in_more_forms_are_taken_out_as_the_dob(written: str, name: str, dob: str):
    """Trial 2 item 4: each stayed a name word, and the name matched nothing (a false all clear)."""
    from tracker.dates import take_dates

    assert take_dates(written, None) == DatedName(name, dob)


@pytest.mark.parametrize(
    "written",
    ["Brigade 1920", "Club 1860", "Brigade 1920-21", "Passport 12/34", "Unit 13/1967", "Group 12345678"],
)
def test_a_year_or_number_with_no_birth_word_stays_in_the_name(written: str):
    from tracker.dates import take_dates

    assert take_dates(written, None) == DatedName(written, None)
