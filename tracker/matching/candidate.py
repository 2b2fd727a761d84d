"""What the matcher knows about one listed entry: its names and the facts used to adjust a score."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rigour.territories import lookup_territory

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
    territory = lookup_territory(text.strip())
    if territory is None:
        return None
    return str(territory.ftm_country or territory.code).lower()
