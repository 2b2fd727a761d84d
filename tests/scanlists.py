"""Listed persons for the scanner's unit tests: an entry from its names, and the scan index of
several lists' entries with the persons linked across them, as `tracker news scan` builds it."""

from __future__ import annotations

from tracker.matching import Candidate
from tracker.news.persons import link_persons
from tracker.news.scan import ScanIndex
from tracker.records import EntityType, Identifier, ListEntry, Name, NameKind


def entry(
    key: str,
    *names: str,
    born: str | None = None,
    details: dict[str, str] | None = None,
    passport: str | None = None,
) -> ListEntry:
    """A listed individual: the first name primary, the others a.k.a.s."""
    return ListEntry(
        key,
        EntityType.INDIVIDUAL,
        [Name(n, NameKind.PRIMARY if i == 0 else NameKind.AKA) for i, n in enumerate(names)],
        birth_dates=[born] if born else [],
        details=details or {},
        identifiers=[Identifier("Passport", passport)] if passport else [],
    )


def scan_index(entries: list[tuple[str, ListEntry]]) -> ScanIndex:
    """The scan index of (source, entry) pairs, entries of one person on several lists linked."""
    keyed = [((source, e.source_id), e) for source, e in entries]
    candidates = [Candidate.from_entry(source, e) for source, e in entries]
    return ScanIndex.build(candidates, persons=link_persons(keyed))
