"""Date of birth and country: facts a user may give beside a name, raising or lowering its score.

A date that agrees with a listed one (on every part both give: "1967" agrees with "1967-08-19")
closes half the gap to 1; one that differs takes 0.2 off. A listed country closes a quarter of the
gap; an unlisted one takes 0.1 off. No listed fact to compare: the score stays and the explanation
says so. The result is clipped to [0, 1] and rounded to four decimals, like every score.
"""

from __future__ import annotations

import re

from tracker.matching.candidate import Candidate
from tracker.matching.query import DATE

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def max_raise(score: float, dob: str | None, country: str | None) -> float:
    """The most a date of birth / country can raise a name score (an upper bound of ``adjust``)."""
    if dob is not None:
        score += (1.0 - score) * 0.5
    if country is not None:
        score += (1.0 - score) * 0.25
    return score


def dob_compatible(query: str, listed: str) -> bool | None:
    """True when the dates agree on every part both give, False when they differ, None if unreadable."""
    if DATE.match(listed):
        shared = min(len(query), len(listed))
        return query[:shared] == listed[:shared]
    years = _YEAR.findall(listed)
    if not years:
        return None
    return query[:4] in years


def adjust(
    name_score: float, candidate: Candidate, dob: str | None, country: str | None
) -> tuple[float, list[str]]:
    """The score after comparing ``dob`` (checked YYYY[-MM[-DD]]) and ``country`` (ISO alpha-2, lower
    case) with the candidate's listed facts, and one note per fact compared."""
    score = name_score
    notes: list[str] = []
    if dob is not None:
        verdicts = [v for v in (dob_compatible(dob, d) for d in candidate.birth_dates) if v is not None]
        listed = ", ".join(candidate.birth_dates)
        if not verdicts:
            notes.append("no date of birth on the list to compare")
        elif any(verdicts):
            score += (1.0 - score) * 0.5
            notes.append(f"date of birth {dob} agrees with listed {listed} (raised)")
        else:
            score -= 0.2
            notes.append(f"date of birth {dob} differs from listed {listed} (lowered)")
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
