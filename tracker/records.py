"""Typed records that parsers emit. Plain data, no database.

Every source adapter turns its official file into ``ListEntry`` objects. ``canonical()`` gives the
order-independent form that is hashed to detect changes and stored as the version's JSON: list fields
sorted and deduplicated, empty fields dropped, every text Unicode NFC (the same list in NFD and in NFC
is the same list), and the components the file did not provide named in ``not_provided``.

``CANONICAL_FORM`` numbers that form. A store remembers, per source, the form its versions were
written in, and brings them to the current one before the next snapshot lands
(tracker.store.recanonical), so a change of form never shows up as a wave of MODIFIED rows.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import orjson

# 1: the form up to issue 10. 2 (issue 11): NFC text, ``not_provided``, OFAC's CSV and XML folded
# to one form (tracker.sources.ofac_canonical). 3: OFAC remark items read into fields in every format
# (a 'Website ...' remark of the XML is a Website identifier, as the CSV reads it); OFAC addresses
# split until stable. 4: a Canadian person's one-word alias that spells a part of the name is that
# whole name ("Sergei" of Sergey Alekseyevich SHCHERBAKOV: tracker.sources.ca_sema.fold). 5: a
# Canadian name written "English/French" is two names, the French one an alias (ca_sema.fold).
CANONICAL_FORM = 5


class Component(StrEnum):
    """A part of an entry that a list file may leave out (tracker.history.carry).

    ``ALIASES``: the strong a.k.a., f.k.a. and n.k.a. names (OFAC's alt.csv). ``ADDRESSES``: the
    addresses (add.csv). ``REMARKS``: the facts a list writes in its free-text remarks (the OFAC CSV
    cuts the remarks at 1,000 characters and continues them in sdn_comments.csv).
    """

    ALIASES = "aliases"
    ADDRESSES = "addresses"
    REMARKS = "remarks"


class EntityType(StrEnum):
    INDIVIDUAL = "individual"
    ENTITY = "entity"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"


class NameKind(StrEnum):
    PRIMARY = "primary"
    AKA = "aka"  # strong / good-quality alias
    WEAK_AKA = "weak_aka"  # low-quality alias (OFAC "weak", EU strong="false")
    FKA = "fka"  # formerly known as
    NKA = "nka"  # now known as


@dataclass(slots=True)
class Name:
    """One name of an entry as the list writes it, with its parts where the list gives them."""

    full: str
    kind: NameKind = NameKind.PRIMARY
    first: str | None = None  # given name(s)
    middle: str | None = None  # middle names / patronymic
    last: str | None = None  # family name
    script: str | None = None  # ISO 15924 code where known ("Latn", "Cyrl", "Arab"), else None
    lang: str | None = None  # language code where the list gives one
    title: str | None = None

    def canonical(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "full": self.full,
                "kind": str(self.kind),
                "first": self.first,
                "middle": self.middle,
                "last": self.last,
                "script": self.script,
                "lang": self.lang,
                "title": self.title,
            }
        )


@dataclass(slots=True)
class Identifier:
    """An identity document or registration number."""

    type: str  # "Passport", "National ID No.", "IMO", "SWIFT/BIC", ...
    number: str
    country: str | None = None
    issued: str | None = None  # ISO date (partial allowed) or the list's own text
    expires: str | None = None
    note: str | None = None

    def canonical(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "type": self.type,
                "number": self.number,
                "country": self.country,
                "issued": self.issued,
                "expires": self.expires,
                "note": self.note,
            }
        )


@dataclass(slots=True)
class Address:
    street: str | None = None
    city: str | None = None
    region: str | None = None  # state / province
    postal_code: str | None = None
    country: str | None = None
    note: str | None = None

    def canonical(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "street": self.street,
                "city": self.city,
                "region": self.region,
                "postal_code": self.postal_code,
                "country": self.country,
                "note": self.note,
            }
        )


@dataclass(slots=True)
class ListEntry:
    """One designated person, entity, vessel or aircraft as one list states it.

    Dates are ISO strings, partial where the list is partial ("1968", "1968-08"); free text that is
    not a date is kept as written. ``details`` holds source-specific scalar facts (vessel call sign,
    tonnage, aircraft model, reference numbers) as strings.
    """

    source_id: str
    entity_type: EntityType
    names: list[Name]
    programs: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    listed_on: str | None = None
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    remarks: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    # Components this file does not give for this entry (they are carried over from the entry's
    # previous version when it is stored; tracker.history.carry).
    not_provided: frozenset[Component] = frozenset()
    # Set by tracker.history.fingerprint once computed; parsers reuse unchanged entries between files.
    fingerprint_cache: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def primary_name(self) -> str:
        for name in self.names:
            if name.kind == NameKind.PRIMARY:
                return name.full
        return self.names[0].full if self.names else ""

    def canonical(self) -> dict[str, Any]:
        """Order-independent JSON-ready form: list fields sorted, empty fields dropped, text NFC."""
        return canonical_form(self)[0]

    def raw_canonical(self) -> dict[str, Any]:
        """canonical() before Unicode normalisation (the same unless some text is not NFC)."""
        return _drop_empty(
            {
                "source_id": self.source_id,
                "entity_type": str(self.entity_type),
                "names": sorted_items(n.canonical() for n in self.names),
                "programs": sorted(set(self.programs)),
                "birth_dates": sorted(set(self.birth_dates)),
                "birth_places": sorted(set(self.birth_places)),
                "nationalities": sorted(set(self.nationalities)),
                "citizenships": sorted(set(self.citizenships)),
                "identifiers": sorted_items(i.canonical() for i in self.identifiers),
                "addresses": sorted_items(a.canonical() for a in self.addresses),
                "listed_on": self.listed_on,
                "gender": self.gender,
                "titles": sorted(set(self.titles)),
                "positions": sorted(set(self.positions)),
                "remarks": self.remarks,
                "details": dict(sorted(self.details.items())) if self.details else None,
                "not_provided": sorted(self.not_provided),
            }
        )


@dataclass(slots=True)
class ParsedList:
    """What a parser returns: the entries, the publication time the file states, and warnings about
    anything it saw but did not understand (strict interpretation: never silently dropped)."""

    entries: list[ListEntry]
    published_at: datetime | None = None  # naive UTC
    warnings: list[str] = field(default_factory=list)
    format: str = ""  # e.g. "ofac-xml", "ofac-csv"


def canonical_form(entry: ListEntry) -> tuple[dict[str, Any], str]:
    """The entry's canonical dict and its canonical JSON, computed together (the JSON is what tells
    cheaply whether any text needs NFC: pure ASCII, as most of OFAC, never does)."""
    data = entry.raw_canonical()
    text = canonical_json(data)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        data = nfc_canonical(data)
        text = canonical_json(data)
    return data, text


def nfc_canonical(data: Any) -> Any:
    """A canonical value with every text (keys too) in NFC, lists sorted again (two items may have
    become equal, or changed order)."""
    if isinstance(data, str):
        return unicodedata.normalize("NFC", data)
    if isinstance(data, dict):
        return {unicodedata.normalize("NFC", k): nfc_canonical(v) for k, v in data.items()}
    if isinstance(data, list):
        items = [nfc_canonical(v) for v in data]
        if items and all(isinstance(i, dict) for i in items):
            return sorted_items(items)
        return sorted(set(items))
    return data


def canonical_json(data: dict[str, Any]) -> str:
    """The one serialisation that is hashed and stored: sorted keys, compact, UTF-8 (orjson: fast)."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def content_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def sorted_items(items: Any) -> list[dict[str, Any]]:
    """Deduplicated and sorted by content (values are all strings, so item tuples compare)."""
    unique = {tuple(sorted(d.items())): d for d in items}
    return [unique[k] for k in sorted(unique)]


def entry_from_canonical(data: dict[str, Any]) -> ListEntry:
    """Rebuild a ListEntry from its stored canonical JSON form (the inverse of ListEntry.canonical)."""
    return ListEntry(
        source_id=data["source_id"],
        entity_type=EntityType(data["entity_type"]),
        names=[
            Name(
                full=n["full"],
                kind=NameKind(n.get("kind", "primary")),
                first=n.get("first"),
                middle=n.get("middle"),
                last=n.get("last"),
                script=n.get("script"),
                lang=n.get("lang"),
                title=n.get("title"),
            )
            for n in data.get("names", [])
        ],
        programs=list(data.get("programs", [])),
        birth_dates=list(data.get("birth_dates", [])),
        birth_places=list(data.get("birth_places", [])),
        nationalities=list(data.get("nationalities", [])),
        citizenships=list(data.get("citizenships", [])),
        identifiers=[Identifier(**{"type": "", "number": "", **i}) for i in data.get("identifiers", [])],
        addresses=[Address(**a) for a in data.get("addresses", [])],
        listed_on=data.get("listed_on"),
        gender=data.get("gender"),
        titles=list(data.get("titles", [])),
        positions=list(data.get("positions", [])),
        remarks=data.get("remarks"),
        details=dict(data.get("details", {})),
        not_provided=frozenset(Component(c) for c in data.get("not_provided", [])),
    )
