"""What a user asks search for, checked before any work: the query text and its filters.

Every problem is a UsageError with one line that says what to give instead (the CLI exits 2).
"""

from __future__ import annotations

import re
from datetime import date

from tracker.errors import UsageError
from tracker.matching.candidate import country_code
from tracker.matching.prepare import PreparedName, prepare_query
from tracker.records import EntityType

MAX_QUERY_CHARS = 500  # the one limit: the CLI, the API's parameters and bodies (tracker.api) use it
MAX_QUERY_TOKENS = 12  # longer than any listed name: a pasted paragraph is not a name

ENTITY_TYPES = {
    "person": EntityType.INDIVIDUAL,
    "individual": EntityType.INDIVIDUAL,
    "entity": EntityType.ENTITY,
    "organisation": EntityType.ENTITY,
    "organization": EntityType.ENTITY,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # YYYY, YYYY-MM or YYYY-MM-DD


def check_query(query: str) -> PreparedName:
    """The query prepared for scoring; UsageError when too long, too short or without letters."""
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(f"query is too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    prepared = prepare_query(query)
    if not prepared.parts:
        raise UsageError("query has no letters or digits to search for")
    if sum(len(p.norm) for p in prepared.parts) < 2:
        raise UsageError(f"query {query.strip()!r} is too short: give at least two letters")
    if len(prepared.parts) > MAX_QUERY_TOKENS:
        raise UsageError(f"query has {len(prepared.parts)} words; a name has at most {MAX_QUERY_TOKENS}")
    return prepared


def check_entity_type(value: EntityType | str | None) -> EntityType | None:
    """An entity type from its name or a synonym (person, organisation ...); None for any type."""
    if value is None or isinstance(value, EntityType):
        return value
    if value == "any":
        return None
    try:
        return ENTITY_TYPES[value.lower()]
    except KeyError:
        known = ", ".join([*ENTITY_TYPES, "any"])
        raise UsageError(f"unknown entity type {value!r} (known: {known})") from None


def check_dob(dob: str | None) -> str | None:
    """A date of birth as YYYY, YYYY-MM or YYYY-MM-DD; None when not given. UsageError when it is
    not one of those forms or not a calendar date (month 13, 30 February): such a date would only
    lower the score of every listed person as a "different" birth date."""
    if dob is None or not dob.strip():
        return None
    dob = dob.strip()
    if not DATE.match(dob):
        raise UsageError(f"date of birth {dob!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) for part in (dob + "-01-01")[:10].split("-"))
    try:
        date(year, month, day)
    except ValueError:
        raise UsageError(f"date of birth {dob!r} is not a calendar date") from None
    return dob


def check_country(country: str | None) -> str | None:
    """ISO alpha-2 code (lower case) of a country code or name; None when not given."""
    if country is None or not country.strip():
        return None
    code = country_code(country)
    if code is None:
        raise UsageError(f"unknown country {country!r} (give an ISO code like RU or a country name)")
    return code
