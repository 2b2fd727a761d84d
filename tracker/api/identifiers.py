"""Identifier screening for POST /match: a query's identifiers (passport, national id, registration,
IMO, BIC ...) looked up among the identifiers the lists give, as exact numbers.

Numbers are compared in a normal form (NFKC, upper case, letters and digits only: "AB 123-456" and
"ab123456" are one number). Shorter than MIN_CHARS, a number is not looked up: short numbers ("1",
"123") repeat across lists and mean nothing alone. Each number word of a listed value is filed too
(tracker.matching.identifiers.identifier_keys), so "9123456" finds "IMO 9123456". A hit is a result
of score 1.0 with match_kind "identifier"; the name search still runs, and an entry found both ways
is answered once.
The table is built from the store on the first query with identifiers, once per loaded index.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from typing import Any

from tracker.api.state import IndexHolder, Searchable

MIN_CHARS = 5
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_lock = threading.Lock()

IdentifierTable = dict[str, list[tuple[tuple[str, str], str, str]]]  # number -> [(key, type, as listed)]


def normalise(number: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", number).upper())


def any_searchable(identifiers: list[str]) -> bool:
    """Does one of ``identifiers``, its label words dropped, have at least MIN_CHARS letters and
    digits (so that a query with no name is really searched)?"""
    from tracker.matching.identifiers import strip_label

    return any(len(normalise(strip_label(given))) >= MIN_CHARS for given in identifiers)


def table(holder: IndexHolder, searchable: Searchable) -> IdentifierTable:
    """The identifier table of ``searchable``'s lists (built once; ~1-3 s for every list)."""
    found: IdentifierTable | None = searchable.extra.get("identifiers")
    if found is not None:
        return found
    with _lock:
        found = searchable.extra.get("identifiers")
        if found is None:
            found = _build(holder, searchable)
            searchable.extra["identifiers"] = found
    return found


def _build(holder: IndexHolder, searchable: Searchable) -> IdentifierTable:
    from tracker.matching.identifiers import identifier_keys
    from tracker.store.queries import index_rows

    built: IdentifierTable = {}
    with holder.engine.connect() as conn:
        for row in index_rows(conn, searchable.loaded.as_of):
            if '"identifiers"' not in row.data:
                continue
            for item in json.loads(row.data).get("identifiers") or []:
                number = str(item.get("number") or "")
                kind = str(item.get("type") or "")
                # the whole number, and each number word as the name index files it ("9123456"
                # finds "IMO 9123456")
                keys = {normalise(number), *(normalise(k) for k in identifier_keys(kind, number))}
                for key in keys:
                    if len(key) >= MIN_CHARS:
                        built.setdefault(key, []).append(((row.name, row.source_key), kind, number))
    return built


def identifier_rows(
    screening: Any, searchable: Searchable, holder: IndexHolder, identifiers: list[str]
) -> list[dict[str, Any]]:
    """Result rows (tracker.screening.results) of the entries holding one of ``identifiers``, within
    the screening's lists and entity type."""
    from tracker.matching import Match
    from tracker.matching.identifiers import strip_label
    from tracker.matching.query import check_entity_type
    from tracker.screening.results import add_store_facts, result_row

    # as given, and without label words ("Passport AB 123456"): lists file either form
    wanted = [(given, normalise(form)) for given in identifiers for form in {given, strip_label(given)}]
    wanted = [(given, key) for given, key in wanted if len(key) >= MIN_CHARS]
    if not wanted:
        return []
    numbers = table(holder, searchable)
    loaded = searchable.loaded
    sources = set(screening.options.get("sources") or [])
    kind = check_entity_type(screening.options.get("entity_type"))
    hits: dict[tuple[str, str], tuple[str, str, str]] = {}
    for given, key in wanted:
        for entry, id_type, listed in numbers.get(key, []):
            if (not sources or entry[0] in sources) and entry not in hits:
                hits[entry] = (given, id_type, listed)
    rows = []
    stored = screening.stored_facts(list(hits))
    for entry, (given, id_type, listed) in hits.items():
        position = loaded.index.position.get(entry)
        if position is None:
            continue
        candidate = loaded.index.entries[position]
        if kind is not None and candidate.entity_type != kind:
            continue
        explanation = f"identifier {(id_type + ' ') if id_type else ''}{listed} = {given}"
        match = Match(entry, candidate, candidate.primary_name, 1.0, explanation, (), 0.0, "identifier")
        row = result_row(match, loaded.facts.get(entry), loaded.as_of)
        rows.append(add_store_facts(row, stored.get(entry), screening.coverage))
    return rows


def merged(by_name: list[dict[str, Any]], by_id: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """Identifier hits first (an entry also found by name keeps that name's reason too), then the
    rest by name, best first, at most ``limit``."""
    names = {(r["source"], r["source_id"]): r for r in by_name}
    rows = []
    for row in by_id:
        also = names.pop((row["source"], row["source_id"]), None)
        if also is not None:
            row["explanation"] += f"; name: {also['explanation']}"
            row["matched_name"] = also["matched_name"]
        rows.append(row)
    return (rows + list(names.values()))[:limit]
