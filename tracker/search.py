"""Name search over the stored lists: builds the name index from the store, caches it on disk, and
finds the matches of a query (tracker.screening turns them into answers).

The cache (data/index/names.pickle) is keyed by the normaliser version and the store's newest snapshot,
so it is rebuilt after each sync that changed something and reused otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from tracker import keyed_cache
from tracker.matching import DEFAULT_THRESHOLD, Candidate, Match, NameIndex
from tracker.matching.score import explain
from tracker.names import NORMALISER_VERSION, hanja_as_hangul
from tracker.records import entry_from_canonical
from tracker.settings import Settings
from tracker.store.queries import index_rows, store_stamp

CACHE_FORMAT = 6  # 4: candidates carry their identifiers; 5: entity legal forms and parenthesised names; 6: glued Arabic article as another spelling


# Store facts about an entry that the index does not carry, as a plain tuple of ISO day strings
# (first_seen, removed_at or None, listed_on or None): 25k of them unpickle in milliseconds.
EntryFacts = tuple[str, str | None, str | None]


@dataclass
class LoadedIndex:
    index: NameIndex
    facts: dict[tuple[str, str], EntryFacts]
    as_of: datetime | None  # None: the current lists


def load_index(engine: Engine, settings: Settings, as_of: datetime | None = None) -> LoadedIndex:
    """The index of current names (cached), or of the lists as they stood at ``as_of`` (built fresh)."""
    with engine.connect() as conn:
        if as_of is not None:
            return _build(conn, as_of)
        key = _cache_key(conn)
        cached = _read_cache(settings, key)
        if cached is not None:
            return cached
        loaded = _build(conn, None)
    _write_cache(settings, key, loaded)
    return loaded


def refresh_index(engine: Engine, settings: Settings) -> None:
    """Rebuild the cached index now (called after a sync or import that changed the store)."""
    load_index(engine, settings)


def find_matches(
    loaded: LoadedIndex,
    query: str,
    *,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    sources: list[str] | None = None,
    entity_type: str | None = None,
    dob: str | None = None,
    country: str | None = None,
) -> list[Match]:
    """Ranked matches of ``query`` (UsageError for a query that cannot be searched). Han characters
    are read both ways: as Chinese (pinyin) and as a Korean name's Hanja (金正恩: Kim Jong Un)."""
    options: dict[str, Any] = {
        "limit": limit,
        "threshold": threshold,
        "sources": sources,
        "entity_type": entity_type,
        "dob": dob,
        "country": country,
    }
    found = loaded.index.search(query, **options)
    korean = hanja_as_hangul(query)
    if korean is None:
        return found
    best = {m.key: m for m in found}
    for match in loaded.index.search(korean, **options):
        if match.key not in best or match.score > best[match.key].score:
            best[match.key] = _in_hanja(match, query, korean)
    merged = sorted(best.values(), key=lambda m: (-m.score, m.kind != "identifier", m.key))
    return merged[:limit]


def _in_hanja(match: Match, hanja: str, korean: str) -> Match:
    """A match found through the Korean reading of a Hanja query, explained with the query's own
    characters (each Han character reads as one Hangul syllable, place by place) and saying so."""
    if match.kind != "name" or len(hanja) != len(korean):
        return match
    back = {k: h for k, h in zip(korean, hanja, strict=True) if k != h}
    table = str.maketrans(back)
    alignments = tuple(a._replace(query=a.query.translate(table)) if a.query else a for a in match.alignments)
    said = explain(list(match.alignments), match.notes)
    rest = match.explanation[len(said) :] if match.explanation.startswith(said) else ""
    text = explain(list(alignments), (*match.notes, f"Hanja read in Korean: {korean}"))
    return replace(match, alignments=alignments, explanation=text + rest)


def search(loaded: LoadedIndex, query: str, **options: Any) -> list[dict[str, Any]]:
    """Ranked results as plain dicts (rows of tracker.screening.results, from the index alone;
    `tracker search` completes them from the store). ``options``: as ``find_matches``."""
    from tracker.screening.results import result_row

    return [
        result_row(m, loaded.facts.get(m.key), loaded.as_of) for m in find_matches(loaded, query, **options)
    ]


def _build(conn: Connection, as_of: datetime | None) -> LoadedIndex:
    candidates: list[Candidate] = []
    facts: dict[tuple[str, str], EntryFacts] = {}
    for row in index_rows(conn, as_of):
        entry = entry_from_canonical(json.loads(row.data))
        candidates.append(Candidate.from_entry(row.name, entry))
        removed = row.removed_at.date().isoformat() if row.removed_at else None
        facts[(row.name, row.source_key)] = (row.first_seen.date().isoformat(), removed, entry.listed_on)
    return LoadedIndex(NameIndex.build(candidates), facts, as_of)


def _cache_key(conn: Connection) -> str:
    newest, versions = store_stamp(conn)
    return f"{CACHE_FORMAT}:{NORMALISER_VERSION}:{newest}:{versions}"


def _cache_path(settings: Settings) -> Path:
    return settings.data_dir / "index" / "names.pickle"


def _read_cache(settings: Settings, key: str) -> LoadedIndex | None:
    # Frozen: the index lives until the next reload (see tracker.keyed_cache.read).
    return keyed_cache.read(_cache_path(settings), key, LoadedIndex, freeze=True)


def _write_cache(settings: Settings, key: str, loaded: LoadedIndex) -> None:
    keyed_cache.write(_cache_path(settings), key, loaded)
