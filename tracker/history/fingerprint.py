"""Canonical JSON and content hash per entry: two entries are the same version iff their hashes match."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tracker.records import ListEntry, canonical_form, content_hash


@dataclass(slots=True, frozen=True)
class Fingerprint:
    key: str
    hash: str
    # Canonical JSON. Left "" by the store's carry-over (tracker.store.carry) for an entry whose content
    # is exactly the stored version covering the previous snapshot: such an entry is never written.
    data: str
    entity_type: str
    primary_name: str
    # Components the file did not give (tracker.history.carry); the store carries them over.
    not_provided: tuple[str, ...] = ()


def fingerprint(entry: ListEntry) -> Fingerprint:
    """Computed once per entry object (entries are not changed after parsing)."""
    cached = entry.fingerprint_cache
    if isinstance(cached, Fingerprint):
        return cached
    _, data = canonical_form(entry)
    entry.fingerprint_cache = fp = Fingerprint(
        key=entry.source_id,
        hash=content_hash(data),
        data=data,
        entity_type=str(entry.entity_type),
        primary_name=unicodedata.normalize("NFC", entry.primary_name),
        not_provided=tuple(sorted(entry.not_provided)),
    )
    return fp


def fingerprint_all(entries: list[ListEntry]) -> dict[str, Fingerprint]:
    """Fingerprints by stable key. A key listed twice is a structural problem of the file."""
    result: dict[str, Fingerprint] = {}
    for entry in entries:
        fp = fingerprint(entry)
        if fp.key in result:
            if result[fp.key].hash != fp.hash:
                from tracker.errors import ParseError

                raise ParseError(f"the file lists id {fp.key} twice with different content")
            continue
        result[fp.key] = fp
    return result
