"""Listed persons for the name index's unit tests, as search candidates."""

from __future__ import annotations

from tracker.matching import Candidate
from tracker.records import EntityType, Name, NameKind


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
