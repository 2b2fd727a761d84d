"""How common a name word is on the lists: common words weigh less as evidence.

A word's count is the number of listed entries whose names hold it (every list loaded, measured when
the index is built or updated). Up to ``RARE_COUNT`` entries a word weighs fully; beyond, its weight
falls by ``SLOPE`` per tenfold count, down to ``FLOOR``. On the five real lists (25,908 entries)
"mohammed" is on ~1,900 entries (weight 0.35), "ali" ~1,300, "kim" ~170 (0.63), "wang" ~60 (0.79),
"derkach" 4 (1.0). So an agreeing common given name or family name gains little, and a name that
shares only common words with a listed one cannot reach the threshold, while an exact full name
still scores 1 (every weight cancels).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

RARE_COUNT = 15  # entries: a word on at most this many weighs fully
SLOPE = 0.3  # weight lost per tenfold count above RARE_COUNT
FLOOR = 0.35


@dataclass(slots=True)
class Rarity:
    """Counts of the words on more than RARE_COUNT entries (every other word is rare)."""

    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Rarity:
        return cls({})

    @classmethod
    def measure(
        cls, postings: np.ndarray, offsets: np.ndarray, owners: np.ndarray, tokens: list[str]
    ) -> Rarity:
        """Entries per token from the index's postings (name ids per token) and name owners."""
        import numpy as np  # only the index build measures; the scorer and news scan need no numpy

        per_token = np.diff(offsets)
        token_of = np.repeat(np.arange(len(per_token), dtype=np.int64), per_token)
        pairs = np.unique(token_of * (int(owners.max(initial=0)) + 1) + owners[postings])
        entries = np.bincount(pairs // (int(owners.max(initial=0)) + 1), minlength=len(per_token))
        common = np.flatnonzero(entries > RARE_COUNT)
        return cls({tokens[t]: int(entries[t]) for t in common.tolist()})

    def weight(self, norm: str) -> float:
        """1 for a rare word, down to FLOOR for the most common ones."""
        count = self.counts.get(norm)
        if count is None:
            return 1.0
        return max(FLOOR, 1.0 - SLOPE * math.log10(count / RARE_COUNT))

    def count(self, norm: str) -> int:
        """Entries holding ``norm`` (at most RARE_COUNT when it is rare)."""
        return self.counts.get(norm, 0)
