"""Search matches as screening answers: one row per match with what tells namesakes apart.

A row (the JSON shape of `tracker search --json` results) says who matched (the list's primary Latin
name, the key), through which listed name (and whether that is a weak alias), how well and why, the
facts that tell two people of one name apart (dates of birth, nationalities, programmes), since when
the entry is on the list, and which list snapshot it was checked against.

Dates never share a word (issue 11): "designated YYYY-MM-DD" is the list's own designation date;
"first seen YYYY-MM-DD (first stored snapshot with it)" is the first stored snapshot that holds the entry,
for lists that give no designation date (OFAC's files do not).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.names.scripts import detect_script
from tracker.records import Name, NameKind
from tracker.screening.coverage import Coverage
from tracker.store.screening import EntryFacts

if TYPE_CHECKING:
    from tracker.matching import Candidate, Match

# Index facts per entry, as tracker.search keeps them: (first_seen, removed_at, designated) ISO days.
IndexFacts = tuple[str, str | None, str | None]

_ENGLISH = frozenset({"en", "eng", "english"})
_STRONG = (NameKind.PRIMARY, NameKind.AKA, NameKind.NKA, NameKind.FKA)


def _is_latin(name: Name) -> bool:
    script = name.script or detect_script(name.full)
    return script in (None, "Latn")


def display_name(names: Iterable[Name], fallback: str) -> str:
    """The list's primary name in Latin script, unless it is marked in another language than English
    and a strong alias is English or unmarked; else its first Latin name by strength (strong alias,
    then former / new names, then weak), English or unmarked before other languages; else the
    primary name as listed. The EU marks no primary name (tracker.sources.eu takes the first in
    document order), lists a person's names in many languages and often puts a Swedish one first
    ("Vladimir Vladimirovitj PUTIN" before the unmarked "Vladimir Vladimirovich PUTIN", trial 1) or
    a Cyrillic one. Of the aliases alike by those rules, one that shares a word with the primary
    name comes first: the EU's Wagner Group (primary "Wagner Csoport", Hungarian) showed as "League",
    the first English alias in the stored (alphabetical) order, and "Zachar PRILEPIN" as "Yevgeniy
    LAVLINSKIY" (66 of the 4,808 EU entries of 2024-05-13 change so, none to a name that shares no
    word with the primary)."""
    names = list(names)
    tiers = {NameKind.PRIMARY: 0, NameKind.AKA: 1, NameKind.NKA: 2, NameKind.FKA: 2, NameKind.WEAK_AKA: 3}
    primary = next((n for n in names if n.kind is NameKind.PRIMARY), None)
    primary_words = _words(primary.full) if primary is not None else set()
    latin = [
        (
            max(tier, 1),
            (n.lang or "en").lower() not in _ENGLISH,
            tier,
            primary_words.isdisjoint(_words(n.full)),
            i,
            n.full,
        )
        for i, n in enumerate(names)
        for tier in (tiers.get(n.kind, 4),)
        if n.full.strip() and _is_latin(n)
    ]
    return min(latin)[5] if latin else fallback


def _words(text: str) -> set[str]:
    """The words of a name, casefolded, of two letters or more."""
    return {w for w in "".join(c if c.isalnum() else " " for c in text.casefold()).split() if len(w) > 1}


def entry_display_name(data: dict[str, Any], fallback: str) -> str:
    """``display_name`` of an entry's canonical JSON (``fallback`` when there is none)."""
    from tracker.records import entry_from_canonical

    return display_name(entry_from_canonical(data).names, fallback) if data else fallback


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def is_weak_alias(names: Iterable[Name], matched: str) -> bool:
    """Is the listed name a search matched only a weak alias (OFAC "weak", EU strong="false")? A
    text listed both as a weak and as a strong name counts as strong."""
    kinds = {n.kind for n in names if _same(n.full, matched)}
    return NameKind.WEAK_AKA in kinds and not kinds & set(_STRONG)


def since_text(designated: str | None, first_seen: str | None, removed_at: str | None = None) -> str:
    """ "designated 2020-09-10", or "first seen 2021-08-18 (first stored snapshot with it)" when the list
    gives no designation date; "; removed 2023-01-05 (first snapshot without it)" when delisted."""
    if designated:
        text = f"designated {designated}"
    elif first_seen:
        text = f"first seen {first_seen[:10]} (first stored snapshot with it)"
    else:
        text = ""
    if removed_at:
        text += f"; removed {removed_at[:10]} (first snapshot without it)"
    return text.lstrip("; ")


def result_row(match: Match, facts: IndexFacts | None, as_of: datetime | None) -> dict[str, Any]:
    """A match as a result row, from what the index knows (no store access)."""
    candidate: Candidate = match.candidate
    source, source_id = match.key
    first_seen, removed_at, designated = facts if facts else (None, None, None)
    if as_of is not None:
        removed_at = None  # an index as of a date holds the entries listed then
    return {
        "source": source,
        "source_id": source_id,
        "name": display_name(candidate.names, candidate.primary_name),
        "matched_name": match.matched_name,
        "weak_alias": is_weak_alias(candidate.names, match.matched_name),
        "match_kind": match.kind,  # "name", "surname only" or "identifier" (tracker.matching.index)
        "score": round(match.score, 4),
        "explanation": match.explanation,
        "entity_type": str(candidate.entity_type),
        "birth_dates": list(candidate.birth_dates),
        "nationalities": [],
        "countries": [c.upper() for c in candidate.countries],
        "programs": list(candidate.programs),
        "listed": removed_at is None,
        "designated": designated,
        "first_seen": first_seen,
        "removed_at": removed_at,
        "since": since_text(designated, first_seen, removed_at),
        "snapshot": None,
    }


def add_store_facts(row: dict[str, Any], stored: EntryFacts | None, coverage: Coverage) -> dict[str, Any]:
    """Complete a row with the stored version's facts (nationalities, designation date, names) and
    the list snapshot it was checked against."""
    checked = coverage.of(row["source"])
    row["snapshot"] = (
        {"source": checked.source, "snapshot_id": checked.snapshot_id, "date": checked.date}
        if checked is not None
        else None
    )
    if stored is None:
        return row
    data = json.loads(stored.data)
    nationalities = [*data.get("nationalities", []), *data.get("citizenships", [])]
    row["nationalities"] = list(dict.fromkeys(nationalities))
    row["designated"] = data.get("listed_on") or row["designated"]
    row["first_seen"] = stored.first_seen.date().isoformat()
    if coverage.as_of is None and stored.removed_at is not None:
        row["removed_at"] = stored.removed_at.date().isoformat()
        row["listed"] = False
    row["since"] = since_text(row["designated"], row["first_seen"], row["removed_at"])
    return row
