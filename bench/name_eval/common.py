"""What derivation and evaluation share: the files loaded, script families, name keys, the split,
and the query-file format. Nothing here imports tracker's search code."""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
CACHE = REPO / "bench" / ".cache"  # gitignored: the store and per-code fold indexes
# The derived query files hold the lists' own names, so they live in the cache, not the repository;
# RECORD (committed) holds the sha256 of each, so a derivation that drifts is refused, not used.
QUERIES = CACHE / "name_eval"
RECORD = HERE / "queries.sha256"
QUERY_FILES = ("tuning.csv", "test.csv", "excluded.csv")

# "All lists loaded": the newest real file of each source tracker can import (issue 13, targets).
LISTS: dict[str, str] = {
    "ofac_sdn": "ofac/2024-05-07/sdn.xml.gz",
    "ofac_cons": "ofac/2024-05-06/consolidated.xml.gz",
    "eu_fsf": "eu/2024-05-13/20240513-FULL-1_1.xml.gz",
    "un_sc": "un/2026-02-27/consolidated.xml.gz",
    "uk_ofsi": "uk/ofsi/2025-04-14/ConList.xlsx",
}
CONGRESS = "opensanctions/us_congress/senzing.json.gz"

HALVES = ("tuning", "test")
FOLDS = 10  # leave-one-out: one index per fold, built without that fold's query names
FAMILIES = ("Latin", "Cyrillic", "Greek", "Arabic/Persian", "Chinese", "Hangul", "other")
KINDS = (
    "loo",
    "loo-entity",
    "cross-list",
    "cross-entity",
    "negative",
    "namesake",
    "namesake-ambiguous",
    "variants",
    "variants-negative",
)

# First word of a letter's Unicode name -> script family. Own table (not tracker's script detector),
# so that what counts as a query name cannot change when the code under evaluation changes.
_FAMILY_OF_WORD = {
    "LATIN": "Latin",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "ARABIC": "Arabic/Persian",
    "CJK": "Chinese",
    "HANGUL": "Hangul",
}


def script_family(text: str) -> str | None:
    """The family with the most letters in ``text`` (ties: the first in FAMILIES); None: no letters."""
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
        counts[_FAMILY_OF_WORD.get(word, "other")] += 1
    if not counts:
        return None
    best = max(counts.values())
    return next(f for f in FAMILIES if counts[f] == best)


def is_query_script(text: str) -> bool:
    """A name in a non-Latin script: a leave-one-out query, and removed from its fold's index."""
    family = script_family(text)
    return family is not None and family != "Latin"


def same_name_key(text: str) -> str:
    """Key under which two written names are the same string: NFC, case-folded, spaces collapsed.
    Used to deduplicate leave-one-out queries within one person's entries."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@cache
def loose_key(text: str) -> str:
    """Order-, case-, accent- and punctuation-insensitive key: a cross-list query whose loose key
    equals one of the target entry's names is a copy, not another spelling, and is left out."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(sorted(kept.split()))


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def half_of(group: str) -> str:
    """Tuning or test half of a group (a person linked across lists, or one entry, or one negative)."""
    return HALVES[stable_hash("half:" + group) % 2]


def fold_of(group: str) -> int:
    return stable_hash("fold:" + group) % FOLDS


def family_named(text: str) -> str:
    """The family in FAMILIES that ``text`` names, case-insensitively and by its start ("arabic",
    "cyr"); raises ValueError naming the families when none or several match."""
    wanted = text.strip().casefold()
    exact = [f for f in FAMILIES if f.casefold() == wanted]
    found = exact or [f for f in FAMILIES if wanted and f.casefold().startswith(wanted)]
    if len(found) != 1:
        raise ValueError(f"unknown script family {text!r}: one of {', '.join(FAMILIES)}")
    return found[0]


def select(
    rows: list[Query], families: set[str] | None = None, kinds: set[str] | None = None, sample: int = 0
) -> list[Query]:
    """The rows of the given families and kinds (None: all); with ``sample`` > 0, at most that many of
    each half, chosen by a stable hash of the row (the same rows on every run and machine, and a
    larger sample holds every row of a smaller one). Order is kept."""
    kept = [
        q for q in rows if (families is None or q.family in families) and (kinds is None or q.kind in kinds)
    ]
    if sample <= 0:
        return kept
    chosen: set[int] = set()
    for half in HALVES:
        numbered = [(i, q) for i, q in enumerate(kept) if q.half == half]
        numbered.sort(
            key=lambda iq: stable_hash(f"sample:{iq[1].kind}:{iq[1].group}:{iq[1].query}:{iq[1].target}")
        )
        chosen.update(i for i, _ in numbered[:sample])
    return [q for i, q in enumerate(kept) if i in chosen]


@dataclass(slots=True)
class Query:
    """One row of the frozen query files."""

    half: str
    kind: str
    family: str
    query: str
    group: str  # the entity group key ("source:id" of its first member); negatives: their own id
    expected: list[str] = field(default_factory=list)  # "source:id" keys; empty for a negative
    target: str = ""  # restrict the search to this source ("" = every list)
    fold: int = -1  # leave-one-out fold (-1: searched against the full index)
    entity_type: str = ""
    note: str = ""  # where the query comes from (list, name kind, language, link, review reason)


FIELDS = ["half", "kind", "family", "query", "group", "expected", "target", "fold", "entity_type", "note"]


def write_queries(path: Path, rows: list[Query]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIELDS)
        for q in rows:
            writer.writerow(
                [
                    q.half,
                    q.kind,
                    q.family,
                    q.query,
                    q.group,
                    "|".join(q.expected),
                    q.target,
                    q.fold,
                    q.entity_type,
                    q.note,
                ]
            )


def read_queries(path: Path) -> list[Query]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Query(
                half=row["half"],
                kind=row["kind"],
                family=row["family"],
                query=row["query"],
                group=row["group"],
                expected=[k for k in row["expected"].split("|") if k],
                target=row["target"],
                fold=int(row["fold"]),
                entity_type=row["entity_type"],
                note=row["note"],
            )
            for row in csv.DictReader(handle)
        ]
