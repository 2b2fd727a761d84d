"""Name matching: candidates, an index with blocking keys, and an explainable scorer.

- candidate: what the matcher knows of one listed entry (names, dates of birth, countries)
- prepare: a name or query -> parts with roles (family, given, middle, particle, word)
- score: aligning two prepared names, the score and its explanation
- keys: blocking keys (which listed tokens a query token is compared with)
- query: checks of what a user asks (query text, entity type, date of birth, country)
- adjust: date of birth / country raising or lowering a name score
- index: NameIndex, ranked and explained matches over every listed name
"""

from tracker.matching.candidate import Candidate, country_code
from tracker.matching.index import DEFAULT_THRESHOLD, Match, NameIndex
from tracker.matching.prepare import PARTICLES, PreparedName, Role, prepare_name, prepare_query
from tracker.matching.score import NameScore, PartAlignment, score_name, score_prepared, token_similarity

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
