"""Dates given by a user (a command-line option, a query parameter, a batch file's column): one
parser per kind of date, one error text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from tracker.errors import UsageError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The ways a date of birth is written in forms and spreadsheets, beyond ISO YYYY[-MM[-DD]].
_YEAR_FIRST = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})")  # 1967/08/19, 1967.8.19: always Y-M-D
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")  # 19.08.1967: day first wherever used
_SLASHED = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})")  # 19/08/1967 or 08/19/1967
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"([a-z]+)\.?"
# 19 Aug 1967, 19-AUG-1967, and 19AUG1967 as passports and bank systems write it
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\.?[\s-]*{_MONTH}[\s,-]*(\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})")  # August 19, 1967
_MONTH_YEAR = re.compile(rf"{_MONTH}[\s,-]+(\d{{4}})")  # Aug 1967
# A date with a time of day, as JSON serialisers and spreadsheets write a date ("1967-02-19T00:00:00",
# "1967-02-19 00:00:00Z"): the date is the day written, the time says nothing of a birth date.
_COMPACT = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")  # 19670819
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def parse_date(value: str | None, *, end_of_day: bool = False, option: str = "date") -> datetime | None:
    """YYYY-MM-DD (or an ISO date-time) -> naive UTC datetime; ``end_of_day`` gives a day's last moment.

    None stays None. Raises UsageError ("bad --since '31/12/2020': use YYYY-MM-DD") for anything else.
    """
    if value is None:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"bad {option} {value!r}: use YYYY-MM-DD") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    if end_of_day and _DAY.match(text):
        parsed += timedelta(days=1) - timedelta(microseconds=1)
    return parsed


def refuse_future_day(when: datetime | None, option: str, today: date | None = None) -> None:
    """UsageError when ``when`` (an "as of" date) is a day after ``today`` (default: today in UTC):
    the lists as they will stand are not known, and answering with today's would pass for it."""
    today = today or datetime.now(UTC).date()
    if when is not None and when.date() > today:
        raise UsageError(f"{option} {when:%Y-%m-%d} is in the future (today is {today:%Y-%m-%d})")


EARLIEST_BIRTH_YEAR = 1900
"""A date of birth before this year is a typo (1067 for 1967), not a living person's: the oldest
person alive was born after it, and scored as given it would mark every listed person down as a
"different" birth date, a false all clear (trial 2)."""


def read_dob(value: str | None, *, today: date | None = None) -> str | None:
    """A date of birth as written by a person, in the ISO form tracker.matching.query.check_dob takes
    (YYYY, YYYY-MM or YYYY-MM-DD); None for None or blank.

    Read: ISO as it is, and its date part when a time follows (1967-02-19T00:00:00); YYYYMMDD
    (19670819, ISO's basic form: the year 1900-2099 first); YYYY/MM/DD and YYYY.MM.DD (year first is always year-month-day);
    DD.MM.YYYY (the dotted form is day first wherever it is used); D/M/YYYY or M/D/YYYY (also with
    '-') when only one reading is a date (19/08/1967, 08/19/1967); an English month name or its
    abbreviation: 19 Aug 1967, 19-AUG-1967, August 19, 1967, Aug 1967. Anything else is a
    UsageError naming the forms read (DOB_FORMATS), and a day that is not in its month (31.02.1967)
    becomes an ISO date check_dob refuses. Raises UsageError for a slashed date that reads both ways
    (03/04/1967): guessing would score against the wrong birth date; and for a date after ``today``
    (default: today in UTC): nobody is born in the future, and such a date would only score every
    listed person down as a "different" birth date, a false all clear; likewise for a year before
    EARLIEST_BIRTH_YEAR.
    """
    if value is None or not value.strip():
        return None
    read = _read_dob(value)
    if not _ISO_DOB.fullmatch(read):
        raise UsageError(f"date of birth {value.strip()!r} is not a date read here ({DOB_FORMATS})")
    _refuse_future(value, read, today or datetime.now(UTC).date())
    return read


_ISO_DOB = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
DOB_FORMATS = (
    "write YYYY-MM-DD; also read: YYYY, YYYY-MM, YYYYMMDD, YYYY/MM/DD, DD.MM.YYYY, "
    "DD/MM/YYYY when it reads one way only, 19 Aug 1967, Aug 1967"
)
"""The forms read_dob reads, for its error message (trial 1: it listed three, and more are read)."""


def _refuse_future(value: str, read: str, today: date) -> None:
    """UsageError when ``read`` (YYYY, YYYY-MM or YYYY-MM-DD) starts after ``today``; a year or a
    month that holds today is not in the future."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", read)
    if match is None:
        return  # not a date: check_dob says why
    year, month, day = (int(part) if part else None for part in match.groups())
    asked = (year, month or 0, day or 0)
    now = (today.year, today.month if month else 0, today.day if day else 0)
    shown = value.strip() if value.strip() == read else f"{value.strip()!r} ({read})"
    if asked > now:
        raise UsageError(f"date of birth {shown} is in the future (today is {today:%Y-%m-%d})")
    if year is not None and year < EARLIEST_BIRTH_YEAR:
        raise UsageError(
            f"date of birth {shown} is before {EARLIEST_BIRTH_YEAR}: no living person's (a typo?)"
        )


def _read_dob(value: str) -> str:
    text = " ".join(value.split())
    if match := _DATE_TIME.fullmatch(text):
        return match.group(1)
    if match := _COMPACT.fullmatch(text):
        # ISO 8601's basic form, as bank systems export it. Read as DDMMYYYY, an 8-digit date
        # whose first four digits are a year since 1900 has a month of 19 or 20: no other reading.
        year, month, day = match.groups()
        return _iso(year, month, day)
    if match := _YEAR_FIRST.fullmatch(text):
        year, _, month, day = match.groups()
        return _iso(year, month, day)
    if match := _DOTTED.fullmatch(text):
        day, month, year = match.groups()
        return _iso(year, month, day)
    if match := _SLASHED.fullmatch(text):
        first, _, second, year = match.groups()
        a, b = int(first), int(second)
        if a <= 12 and b <= 12 and a != b:
            raise UsageError(
                f"date of birth {value!r} reads as day/month or month/day: write it YYYY-MM-DD "
                f"({year}-{b:02d}-{a:02d} or {year}-{a:02d}-{b:02d})"
            )
        return _iso(year, b, a) if a > 12 or a == b else _iso(year, a, b)
    lower = text.casefold()
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy"), (_MONTH_YEAR, "my")):
        match = pattern.fullmatch(lower)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = _MONTHS.get(parts["m"])
        if month is None:
            return text
        return _iso(parts["y"], month, parts.get("d"))
    return text


def _iso(year: str, month: str | int, day: str | int | None) -> str:
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day is not None else "")


# A full date written inside a name ("Andrii Derkach 1967-08-19", "DERKACH, Andrii (b. 19.08.1967)"),
# with the word before it that says it is a birth date. A year alone is left: names hold years
# ("Club 1860"). Read whole, such a name matched nothing: a false all clear.
_DATE_IN_NAME = re.compile(
    r"(?:\b(?:born|b\.|dob|d\.o\.b\.?|date of birth)\s*:?\s*)?"
    r"(?<![\w/.-])("
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[-/.]\s?\d{1,2}[-/.]\s?\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?[\s-]*[a-z]{3,9}\.?[\s,-]*\d{4}"  # 19 Aug 1967, 19AUG1967
    r"|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}([-/.])\d{1,2}\2\d{2}"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 19670819, as read_dob reads it
    r"|\d{4}-(?:0[1-9]|1[0-2])"  # 1967-08: a month of birth
    r"|(?:0?[1-9]|1[0-2])/\d{4}"  # 08/1967
    r")(?![\w/-])",
    re.IGNORECASE,
)
# A year alone said to be the year of birth, by a word before it ("b.1967", "born 1967") or the
# Ukrainian / Russian "р.н." / "г.р." (рік / год рождения) after it ("Андрій Деркач 1967 р.н."):
# taken out as a full date is; a year with no such word stays in the name ("Brigade 1920").
_BORN_YEAR = re.compile(
    r"\b(?:born|b\.|dob|d\.o\.b\.?|date of birth)\s*:?\s*(\d{4})(?![\w/.-])"
    r"|(?<![\w/.-])(\d{4})\s*(?:р\.\s?н\.?|г\.\s?р\.?)(?!\w)",
    re.IGNORECASE,
)
# A range of years of birth ("1967-1968", "1967 to 1968", as lists give an uncertain one): taken out
# of the name, which it spoilt whole, and not used as one date of birth.
_YEAR_RANGE = re.compile(r"(?<![\w/.-])((?:19|20)\d{2})\s*(?:[-–—/]|to)\s*((?:19|20)\d{2})(?![\w/.-])", re.I)
_MONTH_SLASH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")
_EMPTY_BRACKETS = re.compile(r"[(\[]\s*[,;]?\s*[)\]]")
# A date whose year has two digits ("19/08/67", "19.08.67"): never read (67 is 1967 or 2067, and
# the day and month may be either way round), but taken out of the name, which it spoilt whole.
_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
# A year standing alone before or after a name ("Oleg Deripaska 1968", "1968 Oleg Deripaska").
# Also a year of two digits after an apostrophe ("Oleg Deripaska '68", "b. ’68").
_EDGE_YEAR = re.compile(
    r"^\(?(\d{4}|['’‘]\d{2})\)?\s+(.*\w.*)$|^(.*?\w.*?)[\s,]+(?:b\.\s*|born\s+)?\(?(\d{4}|['’‘]\d{2})\)?$",
    re.I,
)


def dates_in_name(name: str) -> tuple[str, list[str], list[str]]:
    """The full dates written in ``name``: (the name without them and their "born" / "b." / "DOB"
    word, the dates read as read_dob reads them (distinct, in order), the dates that cannot be a
    birth date, each with why: "03/04/1967 day/month unclear", "2031-01-01 in the future",
    "1067-08-19 before 1900"). ``(name, [], [])`` when it holds none; the name is "" when it is
    nothing but dates."""
    found: list[str] = []
    unread: list[str] = []

    def take(match: re.Match[str]) -> str:
        written = match.group(1) or match.group(2)
        if _SHORT_YEAR.fullmatch(written):
            unread.append(f"{written} two-digit year")
            return " "
        month_year = _MONTH_SLASH_YEAR.fullmatch(written)
        try:
            iso = _iso(month_year[2], month_year[1], None) if month_year else _read_dob(written)
        except UsageError:  # 03/04/1967: reads both ways
            unread.append(f"{written} day/month unclear")
            return " "
        if not iso[:4].isdigit():
            return match.group(0)  # "Derkach 19, 1967": not a month, not a date
        try:
            _refuse_future(written, iso, datetime.now(UTC).date())
        except UsageError:
            before = int(iso[:4]) < EARLIEST_BIRTH_YEAR
            unread.append(f"{written} " + (f"before {EARLIEST_BIRTH_YEAR}" if before else "in the future"))
            return " "
        found.append(iso)
        return " "

    def take_range(match: re.Match[str]) -> str:
        first, last = int(match.group(1)), int(match.group(2))
        if not EARLIEST_BIRTH_YEAR <= first < last <= datetime.now(UTC).year:
            return match.group(0)  # "1917-1891", "2020-2031": no range of birth years
        unread.append(f"{match.group(0)} a range of years")
        return " "

    rest = _BORN_YEAR.sub(take, _DATE_IN_NAME.sub(take, _YEAR_RANGE.sub(take_range, name)))
    if not found and not unread:
        return name, [], []
    cleaned = " ".join(_EMPTY_BRACKETS.sub(" ", rest).split()).strip(" ,;-")
    if not any(char.isalpha() for char in cleaned):
        cleaned = ""  # nothing but dates (and their "born" word): no name
    return cleaned, list(dict.fromkeys(found)), unread


def year_in_name(name: str, today: date | None = None) -> tuple[str, str] | None:
    """(the name without it, the year) for a year standing alone before or after a name, between
    EARLIEST_BIRTH_YEAR and this year ("Oleg Deripaska 1968", "Ri Pyong Chol (1948)"); else None.
    Such a year is most often the year of birth, but names hold years too ("Club 1860", "Brigade
    1920"): so take_dates leaves it in the name, and a search reads the name both ways
    (tracker.search.find_matches): as written, and without the year with it as the year of birth
    (read whole, "Oleg Deripaska 1968" matched nothing: a false all clear, trial 1)."""
    match = _EDGE_YEAR.match(" ".join(name.split()))
    if match is None:
        return None
    year, rest = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    rest = rest.strip(" ,;-")
    this_year = (today or datetime.now(UTC).date()).year
    if not year.isdigit():  # '68: the century whose year is not in the future, nor a child's
        year = str(2000 + int(year[1:]) if 2000 + int(year[1:]) <= this_year - 16 else 1900 + int(year[1:]))
    if not EARLIEST_BIRTH_YEAR <= int(year) <= this_year or not any(ch.isalpha() for ch in rest):
        return None
    return rest, year


@dataclass(frozen=True, slots=True)
class DatedName:
    """A query's name with the dates written in it taken out (take_dates)."""

    name: str
    dob: str | None  # the date of birth to screen with
    note: str | None = None  # why the dates written in the name were not used, when they were not


def take_dates(name: str, dob: str | None) -> DatedName:
    """The one rule for full dates written in a name, for a single query (``search``, ``GET
    /search``, a ``POST /match`` name) and a batch line alike: read whole, "Andrii Derkach
    1967-08-19" matched nothing, a false all clear. The dates are taken out of the name; one date
    that reads one way is the date of birth when ``dob`` (as read_dob gives it) is None; otherwise
    (several dates, one that cannot be a birth date, or one other than ``dob``) none is used and
    ``note`` says so, naming them: the first is never taken silently. A date with a two-digit year
    ("19/08/67") is taken out and never used, with a note. A year alone stays in the name
    (year_in_name says how a search reads it). UsageError when the name is nothing but dates: there
    is no name to screen."""
    cleaned, dates, unread = dates_in_name(name)
    if not dates and not unread:
        return DatedName(name, dob)
    said = ", ".join([*dates, *unread])
    if not cleaned:
        raise UsageError(f"no name to screen, only a date ({said})")
    if dob is None and len(dates) == 1 and not unread:
        return DatedName(cleaned, dates[0])
    if dates == [dob] and not unread:
        return DatedName(cleaned, dob)
    count = len(dates) + len(unread)
    using = f"its dob {dob}" if dob else "no date of birth"
    note = f"the name holds {count} date{'s' if count > 1 else ''} ({said}): screened as {cleaned!r} with {using}"
    return DatedName(cleaned, dob, note)
