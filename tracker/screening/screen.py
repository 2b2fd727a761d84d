"""Screening a name: the index search (tracker.search) turned into answer rows completed from the
store, against a fixed set of list snapshots (tracker.screening.coverage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine

from tracker.screening.coverage import Coverage, coverage
from tracker.screening.results import add_store_facts, result_row
from tracker.store.screening import EntryFacts, entry_facts

if TYPE_CHECKING:
    from tracker.search import LoadedIndex

_CACHE_LIMIT = 50_000  # entries' facts kept between the queries of a batch (a few KB each)


@dataclass
class Screening:
    """Searches over one loaded index, each result completed with the stored facts of its entry and
    the snapshot it was checked against. ``options``: tracker.search.find_matches keyword arguments
    shared by every query (limit, threshold, sources, entity_type, dob, country)."""

    engine: Engine
    loaded: LoadedIndex
    coverage: Coverage
    options: dict[str, Any]
    _facts: dict[tuple[str, str], EntryFacts | None] = field(default_factory=dict)

    def run(self, query: str, **overrides: Any) -> list[dict[str, Any]]:
        """Ranked answer rows for ``query`` (``overrides``: per-query dob / country / entity_type).
        Raises UsageError for a query that cannot be screened (tracker.matching.query)."""
        from tracker.search import find_matches

        options = {**self.options, **{k: v for k, v in overrides.items() if v is not None}}
        matches = find_matches(self.loaded, query, **options)
        rows = [result_row(m, self.loaded.facts.get(m.key), self.loaded.as_of) for m in matches]
        stored = self.stored_facts([m.key for m in matches])
        return [
            add_store_facts(row, stored.get(m.key), self.coverage)
            for row, m in zip(rows, matches, strict=True)
        ]

    def stored_facts(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], EntryFacts | None]:
        missing = [k for k in keys if k not in self._facts]
        if missing:
            if len(self._facts) > _CACHE_LIMIT:
                self._facts.clear()
            with self.engine.connect() as conn:
                found = entry_facts(conn, missing, self.loaded.as_of)
            for key in missing:
                self._facts[key] = found.get(key)
        return {k: self._facts[k] for k in keys}


def lists_checked(
    engine: Engine, *, sources: list[str] | None, as_of: datetime | None, max_age_days: int, now: datetime
) -> Coverage:
    """The list snapshots a search over ``sources`` (None: all) reads (tracker.screening.coverage)."""
    with engine.connect() as conn:
        return coverage(conn, sources=sources, as_of=as_of, max_age_days=max_age_days, now=now)
