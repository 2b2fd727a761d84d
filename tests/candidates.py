"""Listed persons for the name index's unit tests, as search candidates."""

from __future__ import annotations

from tracker.matching import Candidate, NameIndex
from tracker.records import EntityType, Name, NameKind
from tracker.search import LoadedIndex


def person(source: str, source_id: str, *names: str, dob: str = "", country: str = "") -> Candidate:
    """An individual on ``source``: the first name primary, the others a.k.a.s."""
    return Candidate(
        key=(source, source_id),
        entity_type=EntityType.INDIVIDUAL,
        names=[Name(full=n, kind=NameKind.PRIMARY if i == 0 else NameKind.AKA) for i, n in enumerate(names)],
        primary_name=names[0],
        birth_dates=[dob] if dob else [],
        countries=[country] if country else [],
    )


def organisation(
    source: str, source_id: str, *names: str, entity_type: EntityType = EntityType.ENTITY
) -> Candidate:
    """A company or other organisation (or, with ``entity_type``, a vessel or aircraft) on
    ``source``: the first name primary, the others a.k.a.s."""
    return Candidate(
        key=(source, source_id),
        entity_type=entity_type,
        names=[Name(full=n, kind=NameKind.PRIMARY if i == 0 else NameKind.AKA) for i, n in enumerate(names)],
        primary_name=names[0],
    )


def loaded_index(*candidates: Candidate) -> LoadedIndex:
    """The name index of ``candidates`` alone, as tracker.search.find_matches takes it (no facts, no
    snapshot)."""
    return LoadedIndex(NameIndex.build(list(candidates)), {}, None)
