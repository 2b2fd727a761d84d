"""Derive the frozen query files from the list files (reproducible: same files, same queries).

    python -m bench.name_eval derive [--data ../shared/data]

Writes tuning.csv, test.csv and excluded.csv (format: common.Query) into bench/.cache/name_eval: they
hold the lists' own names, so only their sha256 is committed (queries.sha256); ``ensure_queries``
derives them on a run's first use and refuses a derivation that differs from that record. Kinds:
- ``loo`` / ``loo-entity``: every distinct non-Latin name of a group (a person or, for loo-entity, a
  company, vessel or aircraft, linked across lists), queried against an index built without the
  non-Latin names of any group of its fold; any entry of the group counts as found.
- ``cross-list``: every name of one entry of a linked group that is not a copy (loose_key) of a name
  of the group's entry on another list, searched on that other list only.
- ``namesake-ambiguous``: a ``loo`` or ``cross-list`` query whose exact name another individual on
  the target list carries too (fairness.namesake_ambiguous); reported apart, never in recall.
- ``negative`` / ``namesake``: US Congress members (OpenSanctions Senzing export); members carrying
  the same given and family name as a listed individual were reviewed by hand (congress_review.csv).
- ``variants`` / ``variants-negative``: bench/search_variants.csv, split by the same groups.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bench.name_eval.common import (
    CONGRESS,
    HERE,
    LISTS,
    QUERIES,
    QUERY_FILES,
    RECORD,
    REPO,
    Query,
    fold_of,
    half_of,
    is_query_script,
    loose_key,
    same_name_key,
    script_family,
    write_queries,
)
from bench.name_eval.fairness import another_name, namesake_ambiguous, query_worthy, without_collisions
from bench.name_eval.links import Groups, is_person, link_entries
from tracker.records import ListEntry
from tracker.sources.registry import get_source

REVIEW = HERE / "congress_review.csv"
VARIANTS = REPO / "bench" / "search_variants.csv"
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# English short forms of given names, for screening only ("Joe Wilson" is a namesake of "Joseph
# WILSON"); the search under evaluation never sees this table.
_SHORT_FORMS = {
    "al": "albert alan alexander",
    "andy": "andrew",
    "ben": "benjamin",
    "bill": "william",
    "bob": "robert",
    "chris": "christopher",
    "chuck": "charles",
    "dan": "daniel",
    "dave": "david",
    "dick": "richard",
    "don": "donald",
    "doug": "douglas",
    "ed": "edward",
    "fred": "frederick",
    "greg": "gregory",
    "hank": "henry",
    "jack": "john",
    "jeff": "jeffrey",
    "jerry": "gerald",
    "jim": "james",
    "joe": "joseph",
    "ken": "kenneth",
    "larry": "lawrence",
    "matt": "matthew",
    "mike": "michael",
    "nick": "nicholas",
    "pat": "patrick",
    "pete": "peter",
    "rick": "richard",
    "ron": "ronald",
    "sam": "samuel",
    "steve": "steven stephen",
    "ted": "edward",
    "tim": "timothy",
    "tom": "thomas",
    "tony": "anthony",
    "will": "william",
}


def parse_lists(data: Path) -> dict[str, list[ListEntry]]:
    """Every list of LISTS parsed by tracker's own parser for that source."""
    return {source: get_source(source).parse(data / relative).entries for source, relative in LISTS.items()}


def derive(entries: dict[str, list[ListEntry]], data: Path) -> tuple[list[Query], list[Query]]:
    """(queries, excluded queries with the reason in their note), in a stable order."""
    groups = link_entries(entries)
    for keys in _variant_people(VARIANTS):  # the team checked these: one person on several lists
        for key in keys[1:]:
            if keys[0] in groups.parent and key in groups.parent:
                groups.union(keys[0], key, "variants", same_list_ok=True)
    members = groups.members()
    by_key = {f"{s}:{e.source_id}": e for s, es in entries.items() for e in es}
    crossing, unrelated = cross_list(members, by_key, groups)
    rows, excluded = without_collisions(leave_one_out(members, by_key) + crossing, by_key)
    namesake_ambiguous(rows, by_key)
    excluded += unrelated
    rows += congress(data / CONGRESS, entries)
    rows += variants(VARIANTS, groups)
    return rows, excluded


def leave_one_out(members: dict[str, list[str]], by_key: dict[str, ListEntry]) -> list[Query]:
    rows = []
    for group, keys in members.items():
        if not any(not is_query_script(n.full) for k in keys for n in by_key[k].names):
            continue  # nothing but non-Latin names: with them removed there is nothing to find
        seen: set[str] = set()
        for key in keys:
            entry = by_key[key]
            for name in entry.names:
                text = " ".join(name.full.split())
                if not is_query_script(text) or same_name_key(text) in seen:
                    continue
                if not query_worthy(key.split(":", 1)[0], entry, name):
                    continue
                seen.add(same_name_key(text))
                rows.append(
                    Query(
                        half=half_of(group),
                        kind="loo" if is_person(entry) else "loo-entity",
                        family=script_family(text) or "other",
                        query=text,
                        group=group,
                        expected=list(keys),
                        fold=fold_of(group),
                        entity_type=str(entry.entity_type),
                        note=f"{key} {name.kind} {name.lang or '-'}",
                    )
                )
    return rows


def cross_list(
    members: dict[str, list[str]], by_key: dict[str, ListEntry], groups: Groups
) -> tuple[list[Query], list[Query]]:
    """(queries, queries left out because they are another name, with the reason in their note)."""
    rows: list[Query] = []
    excluded: list[Query] = []
    for group, keys in members.items():
        if len(keys) < 2:
            continue
        links = "+".join(sorted(groups.link_kinds[group]))
        by_source: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_source[key.split(":", 1)[0]].append(key)
        for target, target_keys in sorted(by_source.items()):
            target_names = [n.full for k in target_keys for n in by_key[k].names]
            copies = set(map(loose_key, target_names))
            seen: set[str] = set()
            for key in keys:
                if key.split(":", 1)[0] == target:
                    continue
                entry = by_key[key]
                for name in entry.names:
                    text = " ".join(name.full.split())
                    loose = loose_key(text)
                    if not loose or loose in copies or loose in seen:
                        continue
                    if not query_worthy(key.split(":", 1)[0], entry, name):
                        continue
                    seen.add(loose)
                    query = Query(
                        half=half_of(group),
                        kind="cross-list" if is_person(entry) else "cross-entity",
                        family=script_family(text) or "other",
                        query=text,
                        group=group,
                        expected=list(target_keys),
                        target=target,
                        entity_type=str(entry.entity_type),
                        note=f"{key} {name.kind} via {links}",
                    )
                    reason = another_name(text, is_person(entry), target_names)
                    if reason:
                        query.note += f"; excluded: {reason}"
                    (excluded if reason else rows).append(query)
    return rows, excluded


def congress_members(path: Path) -> list[tuple[str, list[str], str]]:
    """(record id, names, birth year) of each PERSON record of the Senzing JSON lines export."""
    members = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("RECORD_TYPE") != "PERSON":
                continue  # the two office records ("United States senator")
            names = [n["NAME_FULL"] for n in record.get("NAMES", []) if n.get("NAME_FULL")]
            years = [d["DATE_OF_BIRTH"][:4] for d in record.get("DATES", []) if d.get("DATE_OF_BIRTH")]
            members.append((record["RECORD_ID"], names, years[0] if years else ""))
    return members


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return kept.split()


def given_and_family(name: str) -> tuple[str, str] | None:
    """First and last word of a Western name, suffixes (Jr., III) and initials dropped."""
    words = [w for w in _ascii_words(name) if w not in _SUFFIXES and len(w) > 1]
    return (words[0], words[-1]) if len(words) >= 2 else None


def namesakes(
    entries: dict[str, list[ListEntry]], members: list[tuple[str, list[str], str]]
) -> dict[str, list[str]]:
    """Record id -> listed individuals that carry a name holding both the member's given and family
    name as words (the screening rule; every hit is reviewed in congress_review.csv)."""
    by_family: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record_id, names, _ in members:
        for given, family in filter(None, map(given_and_family, names)):
            for form in [given, *_SHORT_FORMS.get(given, "").split()]:
                by_family[family].append((form, record_id))
    hits: dict[str, set[str]] = defaultdict(set)
    for source, listed in entries.items():
        for entry in listed:
            if not is_person(entry):
                continue
            for name in entry.names:
                words = set(_ascii_words(name.full))
                for word in words & by_family.keys():
                    for given, record_id in by_family[word]:
                        if given in words:
                            hits[record_id].add(f"{source}:{entry.source_id}")
    return {rid: sorted(keys) for rid, keys in hits.items()}


def read_review(path: Path) -> dict[str, tuple[str, str]]:
    """Record id -> (decision, reason); decision is negative, namesake or remove."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["record_id"]: (row["decision"], row["reason"]) for row in csv.DictReader(handle)}


def congress(path: Path, entries: dict[str, list[ListEntry]]) -> list[Query]:
    members = congress_members(path)
    review = read_review(REVIEW)
    flagged = namesakes(entries, members)
    unreviewed = sorted(set(flagged) - set(review))
    if unreviewed:
        raise SystemExit(
            f"{len(unreviewed)} congress members share a name with a listed person and are not in "
            f"{REVIEW.name}: review them first (python -m bench.name_eval screen): {unreviewed[:5]}"
        )
    rows = []
    for record_id, names, year in members:
        decision, reason = review.get(record_id, ("negative", ""))
        if decision == "remove":
            continue
        group = f"us_congress:{record_id}"
        expected = flagged.get(record_id, []) if decision == "namesake" else []
        if decision == "namesake" and not expected:
            expected = [k for k in reason.split() if ":" in k]
        for text in dict.fromkeys(" ".join(n.split()) for n in names):
            rows.append(
                Query(
                    half=half_of(group),
                    kind=decision,
                    family=script_family(text) or "other",
                    query=text,
                    group=group,
                    expected=expected,
                    entity_type="individual",
                    note=f"born {year or '?'}" + (f"; {reason}" if reason else ""),
                )
            )
    return rows


def _variant_people(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [[k for k in row["expected"].split("|") if k] for row in csv.DictReader(handle)]


def variants(path: Path, groups: Groups) -> list[Query]:
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            expected = [k for k in row["expected"].split("|") if k]
            known = [k for k in expected if k in groups.parent]
            group = groups.find(known[0]) if known else "variants:" + row["query"]
            rows.append(
                Query(
                    half=half_of(group),
                    kind="variants" if expected else "variants-negative",
                    family=script_family(row["query"]) or "other",
                    query=row["query"],
                    group=group,
                    expected=expected,
                    note=row["kind"],
                )
            )
    return rows


def write(rows: list[Query], excluded: list[Query], folder: Path = QUERIES) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for half in ("tuning", "test"):
        paths[half] = folder / f"{half}.csv"
        write_queries(paths[half], [q for q in rows if q.half == half])
    paths["excluded"] = folder / "excluded.csv"
    write_queries(paths["excluded"], excluded)
    return paths


class DeriveError(RuntimeError):
    """The derived query files differ from queries.sha256 (the lists or a rule changed)."""


def digests(folder: Path) -> dict[str, str]:
    """sha256 of each query file present in ``folder``: {file name: hex digest}."""
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in QUERY_FILES
        if (folder / name).exists()
    }


def recorded_digests() -> dict[str, str]:
    """The committed record: {file name: hex digest} from queries.sha256 (``digest  name`` lines)."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def record(folder: Path = QUERIES) -> None:
    """Write queries.sha256 for the files in ``folder`` (after a deliberate rule change)."""
    RECORD.write_text("".join(f"{d}  {n}\n" for n, d in digests(folder).items()), encoding="utf-8")


def ensure_queries(data: Path, log: Callable[[str], None]) -> Path:
    """The folder of the query files, derived from ``data`` first when absent or not the recorded
    ones (about 1-2 min on the shared machine); raises DeriveError when a fresh derivation differs."""
    if digests(QUERIES) == recorded_digests():
        return QUERIES
    log(f"deriving the query files from {data} into {QUERIES} (once) ...")
    rows, excluded = derive(parse_lists(data), data)
    write(rows, excluded, QUERIES)
    if digests(QUERIES) != recorded_digests():
        raise DeriveError(
            f"the derived query files differ from {RECORD.name}: the list files or a derivation rule"
            " changed; check, then `python -m bench.name_eval derive --record`"
        )
    return QUERIES
