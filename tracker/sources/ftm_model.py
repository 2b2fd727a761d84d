"""The FollowTheMoney (FtM) mapping shared by the os_ftm reader and the FtM export (tracker.export.ftm).

FtM is the entity model of OpenSanctions, yente, nomenklatura and Aleph
(https://followthemoney.tech/explorer/). A listed entry becomes one target entity (Person,
Organization, Vessel, Airplane) plus a Sanction per listing, an Identification per identity document
and an Address per address, linked by id.

FtM types are strict: a date is ISO 8601 (prefixes allowed: "1968", "1968-08"), a country is an ISO
code, an identifier is at most 64 characters. Facts a list writes otherwise ("circa 1951", "1957~",
nationality "Burma / Birmanie", an OFAC "Secondary sanctions risk:" note filed as an id) are kept
as labelled note lines, ``"<label> as listed: <text>"`` (LABELS), which the reader turns back into
the same fact: nothing the list said is lost in a round trip.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

from tracker.records import EntityType, NameKind

SCHEMA_OF = {
    EntityType.INDIVIDUAL: "Person",
    EntityType.ENTITY: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
}
TARGET_TYPES = {
    "Person": EntityType.INDIVIDUAL,
    "Organization": EntityType.ENTITY,
    "Company": EntityType.ENTITY,
    "LegalEntity": EntityType.ENTITY,
    "PublicBody": EntityType.ENTITY,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
# FtM name properties <-> name kinds. "name" holds the primary names (the caption first); NKA ("now
# known as") has no FtM property and is written as an alias.
NAME_PROPERTY = {
    NameKind.PRIMARY: "name",
    NameKind.AKA: "alias",
    NameKind.NKA: "alias",
    NameKind.WEAK_AKA: "weakAlias",
    NameKind.FKA: "previousName",
}
NAME_KINDS = {"alias": NameKind.AKA, "weakAlias": NameKind.WEAK_AKA, "previousName": NameKind.FKA}

# Labelled note lines: the list's own text where FtM has no valid value for it.
BIRTH_DATE = "Date of birth"
BIRTH_PLACE = "Place of birth"
NATIONALITY = "Nationality"
CITIZENSHIP = "Citizenship"
GENDER = "Gender"
TITLE = "Title"
POSITION = "Position"
IDENTIFIER = "Identifier"  # JSON of the identifier (number not a valid FtM identifier)
DETAIL = "Detail"  # "key: value" of ListEntry.details
LISTED_ON = "Listed on"  # on the Sanction
PROGRAM = "Program"  # on the Sanction: a programme text over FtM's string length (Interpol charges)
COUNTRY = "Country"  # on an Address or Identification
ISSUED = "Issued"  # on an Identification
EXPIRES = "Expires"
LABELS = (
    BIRTH_DATE,
    BIRTH_PLACE,
    NATIONALITY,
    CITIZENSHIP,
    GENDER,
    TITLE,
    POSITION,
    IDENTIFIER,
    DETAIL,
    LISTED_ON,
    PROGRAM,
    COUNTRY,
    ISSUED,
    EXPIRES,
)
_AS_LISTED = " as listed: "
_LABELLED = re.compile(r"^(" + "|".join(LABELS) + ") as listed: (.*)$", re.DOTALL)
GENDERS = frozenset({"male", "female", "other"})  # FtM's gender values
MAX_IDENTIFIER = 64  # FtM identifier type: max_length
MAX_STRING = 1024  # FtM string type: max_length (program, title, position, birthPlace)
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ID_SAFE = re.compile(r"^[0-9A-Za-z](?:[0-9A-Za-z.-]*[0-9A-Za-z])?$")  # FtM entity id syntax


def as_listed(label: str, text: str) -> str:
    """'Date of birth as listed: circa 1951'."""
    return f"{label}{_AS_LISTED}{text}"


def split_labelled(note: str) -> tuple[str, str] | None:
    """(label, text) of a labelled note line, None for any other note."""
    found = _LABELLED.match(note)
    return (found.group(1), found.group(2)) if found else None


def fits_string(text: str) -> bool:
    """True for a value an FtM string property holds (at most MAX_STRING characters)."""
    return len(text) <= MAX_STRING


def iso_date(text: str) -> bool:
    """True for a date FtM keeps as written: YYYY, YYYY-MM or YYYY-MM-DD that exists."""
    if not _ISO_DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        return False
    return parts[0] >= 1000


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The FtM country code of a list's country text ("Russia", "RUSSIAN FEDERATION", "Russian",
    "RU" -> "ru"), through rigour's territory names (the table FtM itself uses); None when unknown.
    rigour builds its name table on the first call (about 1.5 s, 3 s under load 5); then it is a
    dictionary look-up, cached here per text."""
    from rigour.territories import lookup_territory

    territory = lookup_territory(text)
    return territory.ftm_country if territory is not None else None


def valid_identifier(number: str) -> bool:
    """A value FtM's identifier type keeps unchanged: non-empty, trimmed, at most 64 characters."""
    return bool(number) and number == number.strip() and len(number) <= MAX_IDENTIFIER


def entity_id(source: str, key: str) -> str:
    """The FtM id of a list entry: "ofac-sdn-29366". Keys that are not FtM id syntax (ca_sema
    "Burma/1/17", us_csl "SDN:21944") are slugged and get a hash of the key, so ids stay distinct.
    The OpenSanctions sources (``os_*``) are keyed by FtM ids already ("NK-2T3S8Hu29ktYnKSTgQp2wL",
    "Q4365364"): those are kept as they are, so an export links back to OpenSanctions and yente, and
    export -> import -> export gives the same ids."""
    prefix = source.replace("_", "-")
    if _ID_SAFE.match(key):
        return key if source.startswith("os_") else f"{prefix}-{key}"
    slug = re.sub(r"[^0-9A-Za-z]+", "-", key).strip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def part_id(target: str, kind: str, content: str) -> str:
    """Id of a Sanction / Identification / Address of a target: stable while its content is the same,
    so a delta shows only what changed."""
    return f"{target}-{kind}-{hashlib.sha1(content.encode('utf-8')).hexdigest()[:12]}"
