"""Which entry a name given to `tracker show` / `tracker history` means: the best match of the search
index, with the other candidates named (two people of one name must never be confused silently).

The index holds the lists as they stand; a delisted entry is found by its stored names instead,
scored with the same scorer, when nothing listed matches.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.engine import Engine

from tracker.matching import DEFAULT_THRESHOLD, score_name
from tracker.records import entry_from_canonical
from tracker.screening.coverage import coverage
from tracker.screening.results import display_name, is_weak_alias, since_text
from tracker.screening.screen import Screening
from tracker.settings import Settings
from tracker.store.models import utcnow
from tracker.store.timeline import entries_named

MAX_CANDIDATES = 10


def find_entries(
    engine: Engine, settings: Settings, text: str, *, threshold: float = DEFAULT_THRESHOLD
) -> list[dict[str, Any]]:
    """Entries whose names match ``text`` at ``threshold`` or above, best first, as answer rows
    (tracker.screening.results); delisted entries only when no listed one matches. Raises
    UsageError for a name the search cannot read."""
    from tracker.search import load_index

    loaded = load_index(engine, settings)
    with engine.connect() as conn:
        checked = coverage(conn, sources=None, as_of=None, max_age_days=0, now=utcnow())
    screening = Screening(engine, loaded, checked, {"limit": MAX_CANDIDATES, "threshold": threshold})
    rows = screening.run(text)
    return rows or delisted_entries(engine, text, threshold)


def delisted_entries(engine: Engine, text: str, threshold: float) -> list[dict[str, Any]]:
    """Delisted entries whose stored names (any version) score at least ``threshold`` against
    ``text``; candidates are the entries whose stored text holds one of its longer words."""
    words = sorted({w.strip(",.;") for w in text.split() if len(w.strip(",.;")) >= 3}, key=len, reverse=True)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    with engine.connect() as conn:
        for word in words[:2]:
            for match, versions in entries_named(conn, word):
                key = (match.source, match.source_key)
                if match.listed or key in found or not versions:
                    continue
                row = _scored(match, versions, text)
                if row["score"] >= threshold:
                    found[key] = row
    return sorted(found.values(), key=lambda r: -float(r["score"]))[:MAX_CANDIDATES]


def _scored(match: Any, versions: list[str], query: str) -> dict[str, Any]:
    entries = [entry_from_canonical(json.loads(data)) for data in versions]
    best = (0.0, "", "")
    for entry in entries:
        for name in entry.names:
            score, why = score_name(query, name)
            if score > best[0]:
                best = (score, name.full, why)
    last = entries[-1]
    return {
        "source": match.source,
        "source_id": match.source_key,
        "name": display_name(last.names, last.primary_name),
        "matched_name": best[1],
        "weak_alias": is_weak_alias(last.names, best[1]),
        "score": round(best[0], 4),
        "explanation": best[2],
        "entity_type": match.entity_type,
        "birth_dates": list(last.birth_dates),
        "nationalities": list(dict.fromkeys([*last.nationalities, *last.citizenships])),
        "programs": list(last.programs),
        "listed": False,
        "designated": last.listed_on,
        "since": since_text(last.listed_on, None),
    }
