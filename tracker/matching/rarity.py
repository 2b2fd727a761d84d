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

from tracker.names import abjad_key

if TYPE_CHECKING:
    import numpy as np

RARE_COUNT = 15  # entries: a word on at most this many weighs fully
SLOPE = 0.3  # weight lost per tenfold count above RARE_COUNT
FLOOR = 0.35


@dataclass(slots=True)
class Rarity:
    """Counts of the words on more than RARE_COUNT entries (every other word is rare)."""

    counts: dict[str, int] = field(default_factory=dict)
    # the most entries of one common word per consonant key (tracker.matching.score.abjad_key):
    # "mhmd" 1,900, as "mohammed"; an abjad word's count is its spellings' (abjad_count)
    by_consonants: dict[str, int] = field(default_factory=dict)

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
        return cls.of({tokens[t]: int(entries[t]) for t in common.tolist()})

    @classmethod
    def of(cls, counts: dict[str, int]) -> Rarity:
        """The rarity of these counts (of the common words), with their consonant keys."""
        by_consonants: dict[str, int] = {}
        for norm, count in counts.items():
            key = abjad_key(norm)
            by_consonants[key] = max(count, by_consonants.get(key, 0))
        return cls(counts, by_consonants)

    def weight(self, norm: str) -> float:
        """1 for a rare word, down to FLOOR for the most common ones."""
        count = self.counts.get(norm)
        if count is None:
            return 1.0
        return max(FLOOR, 1.0 - SLOPE * math.log10(count / RARE_COUNT))

    def count(self, norm: str) -> int:
        """Entries holding ``norm`` (at most RARE_COUNT when it is rare)."""
        return self.counts.get(norm, 0)

    def abjad_count(self, norm: str) -> int:
        """Entries holding a word written in an abjad script (``norm``: its consonants, "mhmd" for
        محمد), counted by its most common spelling on the lists (Mohammed: ~1,900), not by the
        lists' rare Arabic-script writings: "محمد" alone scored 1.0 against a one-word alias while
        "Mohammed" was no match (trial 1)."""
        return max(self.count(norm), self.by_consonants.get(abjad_key(norm), 0))
