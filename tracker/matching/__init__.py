"""Name matching: candidates, an index with blocking keys, and an explainable scorer."""

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
