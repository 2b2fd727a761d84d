"""Who to scan for, and whether they were listed on a given date: both from the store's history.

Every person entry that was EVER listed is scanned for (names of its newest stored version), because
the question asked of an article is "was this person listed on the article's date", and the answer
may be "not yet" or "no longer". ``ScanContext.listed_at`` answers it from the entry's versions (the
store's one "as of t" rule), the snapshots of its source and, where the list states it, the entry's
own designation date:

- True: a snapshot in force on that date lists the entry, or the list itself says it was designated
  on or before that date (and it was not removed before it);
- False: the snapshot in force on that date does not list it, nor does the next snapshot (or the list
  says it was designated after the date);
- None (unknown): no snapshot of that source on or before the date, or the entry appears first in the
  snapshot right after the date, so it was added somewhere in between.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from tracker import keyed_cache
from tracker.gcpause import no_cyclic_gc
from tracker.matching import Candidate
from tracker.names import NORMALISER_VERSION
from tracker.news.persons import link_persons
from tracker.news.scan import ScanIndex
from tracker.records import entry_from_canonical
from tracker.store import news as store
from tracker.store.queries import store_stamp

CACHE_FORMAT = 18  # bump when ScanContext / ScanIndex change shape or meaning (18: particle family names)


@dataclass(slots=True)
class Listing:
    """One person entry of one list, as far as "listed on date t?" needs it."""

    entry_id: int
    source: str
    source_key: str
    primary_name: str
    first_seen: datetime
    removed_at: datetime | None
    starts: set[datetime]  # valid_from of each of its versions
    listed_on: str | None  # designation date as the list states it (YYYY[-MM[-DD]])


@dataclass
class ScanContext:
    """The scan index plus what is needed to answer "listed on the article's date?"."""

    index: ScanIndex
    listings: dict[tuple[str, str], Listing] = field(default_factory=dict)
    timelines: dict[str, list[datetime]] = field(default_factory=dict)
    lists_changed_at: datetime | None = None  # newest accepted snapshot: stored scans older than it are stale

    def listed_at(
        self, conn: Connection, key: tuple[str, str], when: datetime | None
    ) -> tuple[bool | None, str]:
        """(True / False / None for unknown, the reason in words) for entry ``key`` on the day of
        ``when``; ``conn`` reads the entry's versions."""
        listing = self.listings.get(key)
        if listing is None:
            return None, "entry not in the store"
        if when is None:
            if listing.removed_at is not None:  # undated: read as of now, and it is off the list now
                return (
                    False,
                    f"removed from {listing.source} on {_day(listing.removed_at)}; the article has no date",
                )
            return None, "the article has no date"
        t = datetime.combine(when.date(), time.max)  # "on that date" = by the end of that day
        day = when.date().isoformat()
        source = listing.source
        timeline = self.timelines.get(source, [])
        at = bisect.bisect_right(timeline, t)
        in_force = timeline[at - 1] if at else None
        following = timeline[at] if at < len(timeline) else None
        if store.listed_at(conn, listing.entry_id, t):
            return True, f"on the {source} list in force on {day} (snapshot of {_day(in_force)})"
        listed_on = listing.listed_on
        if listed_on and listed_on[:4].isdigit():
            if listed_on[: len(day)] > day[: len(listed_on)]:
                return False, f"designated {listed_on} according to {source}, after {day}"
            removed_before = listing.removed_at is not None and listing.removed_at <= t
            if listing.first_seen > t and not removed_before:
                return True, (
                    f"designated {listed_on} according to {source} "
                    f"(first stored snapshot {_day(listing.first_seen)})"
                )
        if in_force is None:
            return None, (
                f"no {source} snapshot on or before {day} (first stored {_day(timeline[0] if timeline else None)})"
            )
        if following is not None and following in listing.starts:
            return None, (
                f"not on the {source} snapshot of {_day(in_force)}, on the next one of {_day(following)}: "
                "added in between, date unknown"
            )
        nor_next = f" nor on the next one of {_day(following)}" if following is not None else ""
        return False, f"not on the {source} snapshot of {_day(in_force)} in force on {day}{nor_next}"


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "-"


def load_scan_context(conn: Connection, cache: Path | None = None) -> ScanContext:
    """The scan context of the store: read from ``cache`` (a pickle file) when it was written for the
    store as it is now (the newest accepted snapshot and the count of entry versions, the
    normaliser's version, this module's ``CACHE_FORMAT``), else built and written there. Building
    takes ~6 s on the five real lists (2 cores, idle), reading the cache well under 1 s. A cache that
    cannot be read or written only costs a rebuild."""
    if cache is None:
        return build_scan_context(conn)
    key = _cache_key(conn)
    context = _read_cache(cache, key)
    if context is None:
        context = build_scan_context(conn)
        _write_cache(cache, key, context)
    return context


def refresh_scan_index(engine: Engine, cache: Path) -> bool:
    """After a sync or import changed the store: rebuild the scan context cached in ``cache`` now, so
    the next `news scan` starts in under a second. Only when news is in use (the cache file exists);
    otherwise the first scan builds it. Returns whether it was rebuilt."""
    if not cache.exists():
        return False
    with engine.connect() as conn:
        if keyed_cache.holds(cache, _cache_key(conn)):
            return False  # already written for the store as it is
        _write_cache(cache, _cache_key(conn), build_scan_context(conn))
    return True


def _cache_key(conn: Connection) -> str:
    newest, versions, forms = store_stamp(conn)
    return f"{CACHE_FORMAT}:{NORMALISER_VERSION}:{newest}:{versions}:{forms}"


def _read_cache(path: Path, key: str) -> ScanContext | None:
    # kept for the rest of the run: out of the collector's full passes (two in a BBC 2004-05 run,
    # ~0.25 s each over the index's objects), as the search index is
    return keyed_cache.read(path, key, ScanContext, freeze=True)


def _write_cache(path: Path, key: str, context: ScanContext) -> None:
    keyed_cache.write(path, key, context)


@no_cyclic_gc()  # millions of lasting objects and no cycles: 10.0 -> 7.5 CPU s on the five lists
def build_scan_context(conn: Connection) -> ScanContext:
    """Build the scan index from every person entry ever stored (one query, once per run)."""
    listings: dict[tuple[str, str], Listing] = {}
    latest: dict[tuple[str, str], str] = {}
    for row in store.person_versions(conn):
        key = (row.source, row.source_key)
        listing = listings.get(key)
        if listing is None:
            listing = listings[key] = Listing(
                row.id,
                row.source,
                row.source_key,
                row.primary_name,
                row.first_seen,
                row.removed_at,
                set(),
                None,
            )
        listing.starts.add(row.valid_from)
        latest[key] = row.data
    candidates = []
    entries = []
    roles: dict[tuple[str, str], str] = {}
    for key, data in latest.items():
        entry = entry_from_canonical(json.loads(data))
        listings[key].listed_on = entry.listed_on
        candidates.append(Candidate.from_entry(key[0], entry))
        entries.append((key, entry))
        roles[key] = " ".join([*entry.positions, *entry.titles, entry.remarks or ""])
    timelines: dict[str, list[datetime]] = {}
    changed_at: datetime | None = None
    for row in store.accepted_timelines(conn):
        timelines.setdefault(row.name, []).append(row.timeline_at)
        changed_at = row.fetched_at if changed_at is None else max(changed_at, row.fetched_at)
    return ScanContext(
        ScanIndex.build(candidates, persons=link_persons(entries), roles=roles),
        listings,
        timelines,
        changed_at,
    )


__all__ = ["Listing", "ScanContext", "build_scan_context", "load_scan_context", "refresh_scan_index"]
