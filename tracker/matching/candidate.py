"""What the matcher knows about one listed entry: its names and the facts used to adjust a score."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rigour.territories import Territory
from rigour.territories.lookup import _load_territory_names, lookup_by_identifier

from tracker.records import EntityType, ListEntry, Name


@dataclass(slots=True)
class Candidate:
    """One entry of one list, reduced to what search needs. ``key`` is (source, source_id)."""

    key: tuple[str, str]
    entity_type: EntityType
    names: list[Name]
    primary_name: str
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166 alpha-2, lower case
    programs: list[str] = field(default_factory=list)

    @classmethod
    def from_entry(cls, source: str, entry: ListEntry) -> Candidate:
        raw_countries = [*entry.nationalities, *entry.citizenships]
        raw_countries += [a.country for a in entry.addresses if a.country]
        return cls(
            key=(source, entry.source_id),
            entity_type=entry.entity_type,
            names=list(entry.names),
            primary_name=entry.primary_name,
            birth_dates=list(entry.birth_dates),
            countries=sorted({c for c in map(country_code, raw_countries) if c}),
            programs=list(entry.programs),
        )


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO alpha-2 code (lower case) for a country code or name, None when unknown."""
    if not text or not text.strip():
        return None
    territory = lookup_by_identifier(text.strip()) or _territory_names().get(_territory_key(text))
    if territory is None:
        return None
    return str(territory.ftm_country or territory.code).lower()


_SKIP = str.maketrans("", "", ".()[],;:_-/ʻ'’")


def _territory_key(name: str) -> str:
    """Casefolded, accent-free, punctuation-free form of a territory name. rigour's own
    ``lookup_territory`` transliterates ~17,000 names with ICU on first use (~4-7 s); stripping marks
    is enough here because the same fold is applied to the names and to the text looked up."""
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_SKIP))
    kept = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in kept).split())


@cache
def _territory_names() -> dict[str, Territory]:
    """Territory names (strong, then weak, then places, as rigour ranks them) by ``_territory_key``."""
    strong: dict[str, Territory] = {}
    weak: dict[str, Territory] = {}
    places: dict[str, Territory] = {}
    for territory, strongs, weaks, place_names in _load_territory_names():
        for names, mapping in ((strongs, strong), (weaks, weak), (place_names, places)):
            for name in names:
                mapping.setdefault(_territory_key(name), territory)
    return {**places, **weak, **strong}
