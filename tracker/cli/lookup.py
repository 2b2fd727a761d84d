"""What `show` and `history` are asked for: SOURCE:ID as given, or a name resolved through the search
index (tracker.screening.lookup): the best match is shown and every other candidate is named, so
a namesake is never shown silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from tracker.cli.term import flat, out, out_indented, quoted, without_escapes
from tracker.errors import NotFound, UsageError
from tracker.settings import Settings

# SOURCE:ID as the store spells them (ofac_sdn:9760, un_sc:QDi.345): a lower-case source name, an id
# without spaces. A name never looks so ("Al-Qaida: Iraq" has a capital and a space).
_SOURCE_ID = re.compile(r"[a-z][a-z0-9_]*:\S+")


@dataclass
class EntryRef:
    """The entry asked for; ``candidates`` (best first) when it was found by name."""

    source: str
    key: str
    query: str | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def match_json(self) -> dict[str, Any] | None:
        """The name resolution for --json output (None when SOURCE:ID was given)."""
        if self.query is None:
            return None
        return {
            "query": self.query,
            "best": _brief(self.candidates[0]),
            "others": [_brief(c) for c in self.candidates[1:]],
        }

    def print_match(self) -> None:
        """Which entry the name was taken to mean, and the others it could mean."""
        if self.query is None:
            return
        best = self.candidates[0]
        out(("best match", "bold"), f" for {quoted(self.query)}:")
        out_indented(2, _line(best))
        if len(self.candidates) > 1:
            out(f"{len(self.candidates) - 1} other candidate(s); give SOURCE:ID to see one:")
            for other in self.candidates[1:]:
                out_indented(2, _line(other))


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "source",
        "source_id",
        "name",
        "matched_name",
        "score",
        "birth_dates",
        "nationalities",
        "listed",
        "since",
    )
    return {k: row.get(k) for k in keys}


def _line(row: dict[str, Any]) -> str:
    facts = [f"{row['score']:.2f}"]
    if row.get("birth_dates"):
        facts.append("born " + ", ".join(row["birth_dates"]))
    if row.get("nationalities"):
        facts.append(", ".join(row["nationalities"]))
    if row.get("since"):
        facts.append(row["since"])
    if not row.get("listed", True):
        facts.append("delisted")
    return f"{row['source']}:{row['source_id']} {flat(row['name'])} ({'; '.join(facts)})"


def resolve(engine: Engine, settings: Settings, ref: str, stored: list[str]) -> EntryRef:
    """SOURCE:ID (``stored``: the sources with data) or a name. NotFound when nothing matches;
    UsageError for a name too short to search."""
    ref = without_escapes(ref)
    prefix, sep, key = ref.partition(":")
    if sep and not key.strip():  # "ofac_sdn:" was searched as a name (trial 4)
        from tracker.sources.registry import source_names

        if prefix.strip() in source_names():
            raise UsageError(f"{ref.strip()!r}: give the id after {prefix.strip()}: (e.g. ofac_sdn:29366)")
    if sep and key.strip():
        if prefix in stored:
            return EntryRef(prefix, key.strip())
        from tracker.sources.registry import get_source, source_names

        if prefix in source_names():
            raise NotFound(
                f"nothing stored for {prefix} yet (run `tracker sync {prefix}` or `tracker import`)"
            )
        if _SOURCE_ID.fullmatch(ref):  # shaped as SOURCE:ID, not as a name: a mistyped source
            get_source(prefix)  # UsageError: unknown source, with the known ones
    text = " ".join(ref.split())
    if sum(c.isalnum() for c in text) < 2:
        raise UsageError("give SOURCE:ID (e.g. ofac_sdn:29366) or a name")
    from tracker.screening.lookup import find_entries

    rows = find_entries(engine, settings, text)
    if not rows:
        raise NotFound(
            f"no entry matches {text!r} at the default threshold "
            f"(try `tracker search {text!r} --threshold 0.6`, or give SOURCE:ID)"
        )
    return EntryRef(rows[0]["source"], rows[0]["source_id"], text, rows)
