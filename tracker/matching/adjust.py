"""Date of birth and country: facts a user may give beside a name, raising or lowering its score.

A date that agrees with a listed one (on every part both give: "1967" agrees with "1967-08-19"; a
year inside a listed range "1960/1965" agrees too) closes half the gap to 1. One that misses it by a
slip (``dob_near``: a day off, day and month swapped, one digit of the day or month mistyped, the
year one off) takes NEAR_COST off and says so: the same person written down carelessly, not another
one. One that differs otherwise takes 0.2 off. A listed country closes a quarter of the gap; an
unlisted one takes 0.1 off. No listed fact to compare: the score stays and the explanation says so.
The result is clipped to [0, 1] and rounded to four decimals, like every score.

A date of birth alone never drops a name that reaches the threshold (``kept``): the score falls to
the threshold at most, flagged "dob differs", ranked below the agreeing ones. One typo in a
customer's date otherwise hid an exact name: a false all clear (trial 1: DERKACH, Andrii 0.98 with
1970-01-01 gave 0.78, "no match"). OFAC's Sanctions List Search does the same in kind: "only the
name field influences the score" (FAQ 249-251); the date is for the screener to compare.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

from tracker.matching.candidate import Candidate
from tracker.matching.query import DATE

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A listed span of years: the UN's BETWEEN as the parser writes it ("1960/1961"), or in words
# ("1960 to 1961", "between 1960 and 1961", "1960-1961").
_RANGE = re.compile(r"\b(1[89]\d\d|20\d\d)\s*(?:/|-|–|\bto\b|\band\b)\s*(1[89]\d\d|20\d\d)\b", re.IGNORECASE)
DIFFER_COST = 0.2
# A near miss costs a quarter of a real difference: a 0.99 name stays well above the default
# threshold (DERKACH, Andrii born 1967-08-19 searched with 1967-08-18: 0.94), a name at the
# threshold falls below it.
NEAR_COST = 0.05


def max_raise(score: float, dob: str | None, country: str | None) -> float:
    """The most a date of birth / country can raise a name score (an upper bound of ``adjust``)."""
    if dob is not None:
        score += (1.0 - score) * 0.5
    if country is not None:
        score += (1.0 - score) * 0.25
    return score


def _listed_years(listed: str) -> set[int]:
    """Every year a free-text listed date names, each span filled in ("1960/1962": 1960-1962)."""
    years = {int(y) for y in _YEAR.findall(listed)}
    for first, last in _RANGE.findall(listed):
        low, high = sorted((int(first), int(last)))
        if high - low <= 20:  # a span, not two dates that happen to stand side by side
            years.update(range(low, high + 1))
    return years


def dob_compatible(query: str, listed: str) -> bool | None:
    """True when the dates agree on every part both give (a year inside a listed span of years
    agrees), False when they differ, None if the listed date is unreadable."""
    if DATE.match(listed):
        shared = min(len(query), len(listed))
        return query[:shared] == listed[:shared]
    years = _listed_years(listed)
    if not years:
        return None
    return int(query[:4]) in years


def _parts(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


def _one_digit(a: int, b: int) -> bool:
    """Two day or month numbers written with one digit changed or two digits swapped (19 / 18,
    19 / 91 is no date, 12 / 21, 03 / 08)."""
    x, y = f"{a:02d}", f"{b:02d}"
    return x[0] == y[0] or x[1] == y[1] or x == y[::-1]


def _year_slip(a: int, b: int) -> bool:
    """Two years of one decade written with their last two digits swapped (1976 / 1967) or the last
    digit changed (1969 / 1967): slips of typing, as ``_one_digit`` for a day or month. A decade
    digit changed is another generation (1947 / 1967), not a slip."""
    x, y = f"{a:04d}", f"{b:04d}"
    return x[:3] == y[:3] or x[:2] == y[:2] and x[2:] == y[3] + y[2]


def dob_near(query: str, listed: str) -> bool:
    """The query's date of birth misses the listed one (that it does not agree with) by a slip, on
    the parts both give: the year one off, with its last two digits swapped or its last digit changed
    (the rest the same), day and month swapped, one day off
    (across a month's end too), or one digit of the day or of the month changed. A free-text
    listed date: a year one off any year it names."""
    if not DATE.match(listed):
        return any(abs(int(query[:4]) - year) == 1 for year in _listed_years(listed))
    shared = min(len(query), len(listed))
    q, lst = _parts(query[:shared]), _parts(listed[:shared])
    if (abs(q[0] - lst[0]) == 1 or _year_slip(q[0], lst[0])) and q[1:] == lst[1:]:
        return True
    if q[0] != lst[0]:
        return False
    if len(q) == 2:
        return _one_digit(q[1], lst[1])
    if (q[1], q[2]) == (lst[2], lst[1]):
        return True
    with suppress(ValueError):  # a listed day or month 00 (unknown) is no calendar date
        if abs((date(*q) - date(*lst)).days) == 1:
            return True
    return (q[1] == lst[1] and _one_digit(q[2], lst[2])) or (q[2] == lst[2] and _one_digit(q[1], lst[1]))


def adjust(
    name_score: float,
    candidate: Candidate,
    dob: str | None,
    country: str | None,
    kept: float | None = None,
) -> tuple[float, list[str]]:
    """The score after comparing ``dob`` (checked YYYY[-MM[-DD]]) and ``country`` (ISO alpha-2, lower
    case) with the candidate's listed facts, and one note per fact compared. ``kept`` (the search
    threshold): a name score at or above it is lowered by a date of birth to ``kept`` at most, and
    the note then says "dob differs: listed ..." (see the module's docstring)."""
    score = name_score
    notes: list[str] = []
    if dob is not None:
        readable = [d for d in candidate.birth_dates if dob_compatible(dob, d) is not None]
        listed = ", ".join(candidate.birth_dates)
        if not readable:
            notes.append("no date of birth on the list to compare")
        elif any(dob_compatible(dob, d) for d in readable):
            score += (1.0 - score) * 0.5
            notes.append(f"date of birth {dob} agrees with listed {listed} (raised)")
        elif any(dob_near(dob, d) for d in readable):
            score -= NEAR_COST
            notes.append(f"date of birth {dob} is near listed {listed}: a slip? (lowered a little)")
        else:
            score -= DIFFER_COST
            notes.append(f"date of birth {dob} differs from listed {listed} (lowered)")
        if kept is not None and name_score >= kept > score:
            score = kept
            notes.append(f"dob differs: listed {listed}; kept at the threshold, the name matches")
    if country is not None:
        if not candidate.countries:
            notes.append("no country on the list to compare")
        elif country in candidate.countries:
            score += (1.0 - score) * 0.25
            notes.append(f"country {country.upper()} is listed (raised)")
        else:
            score -= 0.1
            listed = ", ".join(c.upper() for c in candidate.countries)
            notes.append(f"country {country.upper()} not among listed {listed} (lowered)")
    return round(min(max(score, 0.0), 1.0), 4), notes
