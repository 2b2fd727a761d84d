"""Name matching: candidates, an index with blocking keys, and an explainable scorer.

- candidate: what the matcher knows of one listed entry (names, dates of birth, countries)
- prepare: a name or query -> parts with roles (family, given, middle, particle, word)
- score: aligning two prepared names, the score and its explanation
- keys: blocking keys (which listed tokens a query token is compared with)
- query: checks of what a user asks (query text, entity type, date of birth, country)
- adjust: date of birth / country raising or lowering a name score
- index: NameIndex, ranked and explained matches over every listed name

The names below are loaded from their module on first use (PEP 562), so that a command that only
scores names (``tracker news scan``) does not import the index and numpy with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.matching.candidate import Candidate, country_code
    from tracker.matching.index import Match, NameIndex
    from tracker.matching.prepare import PARTICLES, PreparedName, Role, prepare_name, prepare_query
    from tracker.matching.score import (
        DEFAULT_THRESHOLD,
        NameScore,
        PartAlignment,
        score_name,
        score_prepared,
        token_similarity,
    )

# Each public name -> the module that defines it.
_HOME = {
    "Candidate": "candidate",
    "country_code": "candidate",
    "DEFAULT_THRESHOLD": "score",
    "Match": "index",
    "NameIndex": "index",
    "PARTICLES": "prepare",
    "PreparedName": "prepare",
    "Role": "prepare",
    "prepare_name": "prepare",
    "prepare_query": "prepare",
    "NameScore": "score",
    "PartAlignment": "score",
    "score_name": "score",
    "score_prepared": "score",
    "token_similarity": "score",
}

__all__ = [
    "DEFAULT_THRESHOLD",
    "PARTICLES",
    "Candidate",
    "Match",
    "NameIndex",
    "NameScore",
    "PartAlignment",
    "PreparedName",
    "Role",
    "country_code",
    "prepare_name",
    "prepare_query",
    "score_name",
    "score_prepared",
    "token_similarity",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
