"""Blocking keys of the name index: which listed tokens a query token is compared with at all.

Per distinct normalised token: the token itself ("t:"), its transliteration skeleton ("s:"), the
skeleton and its single deletions ("d:", SymSpell style: one typo on either side meets), its consonant
key ("c:") and its metaphone ("p:"). A query token long enough for two edits also looks up its double
deletions. ``KeyTable`` holds key -> token ids in flat numpy arrays so that it pickles and loads fast.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from tracker.matching.score import edit_budget
from tracker.names import consonant_key, phonetic_key, skeleton_key

# Keys are cut to this length, so the table's width (numpy fixed-width strings) never depends on the
# longest name: a 10,000-letter word no longer makes every key 10,000 bytes (issue 12). Two words
# sharing their first 38 letters merely become candidates of each other; the scorer decides.
MAX_KEY_CHARS = 40
# Deletion keys (typo tolerance) only for words up to this length: the longest real name word is
# far shorter, and a longer word would file one key per letter.
MAX_DELETION_CHARS = 32


def deletions(key: str) -> set[str]:
    """Single-character deletions of a key of four to MAX_DELETION_CHARS characters (else none)."""
    if not 4 <= len(key) <= MAX_DELETION_CHARS:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def token_keys(norm: str) -> set[str]:
    """The keys a listed token is filed under (each at most MAX_KEY_CHARS long)."""
    skeleton = skeleton_key(norm)
    keys = {"t:" + norm, "s:" + skeleton, "d:" + skeleton}
    keys.update("d:" + d for d in deletions(skeleton))
    cons = consonant_key(norm)
    if len(cons) >= 3:
        keys.add("c:" + cons)
    phon = phonetic_key(norm)
    if len(phon) >= 3:
        keys.add("p:" + phon)
    return {k[:MAX_KEY_CHARS] for k in keys}


def query_keys(norm: str) -> set[str]:
    """A query token's keys: its own, plus double deletions of a skeleton long enough for two edits
    (they meet the listed single deletions: "derkatsh" -> "derkach", a substitution and a deletion)."""
    keys = token_keys(norm)
    skeleton = skeleton_key(norm)
    if edit_budget(len(skeleton) + 1) >= 2:
        keys.update(("d:" + d2)[:MAX_KEY_CHARS] for d1 in deletions(skeleton) for d2 in deletions(d1))
    return keys


class KeyTable:
    """Blocking key -> token ids, as a sorted array of ASCII keys with a flat array of ids: it pickles
    as three buffers (a dict of ~700k strings takes most of a second to unpickle)."""

    def __init__(self, names: np.ndarray, offsets: np.ndarray, ids: np.ndarray) -> None:
        self.names, self.offsets, self.ids = names, offsets, ids

    @classmethod
    def from_pairs(cls, keys: list[str], ids: list[int]) -> KeyTable:
        """From parallel lists (key, token id); the ids of one key keep their order (a stable sort)."""
        if not keys:
            return cls(np.zeros(0, "S1"), np.zeros(1, np.int64), np.zeros(0, np.int32))
        names = np.array(keys, np.bytes_)
        order = np.argsort(names, kind="stable")
        names = names[order]
        # sorted already: each key's first row is where it differs from the row before (np.unique
        # would sort the ~700k keys a second time)
        first = np.flatnonzero(np.concatenate([[True], names[1:] != names[:-1]]))
        unique = names[first]
        offsets = np.append(first, len(names)).astype(np.int64)
        return cls(unique, offsets, np.asarray(ids, np.int32)[order])

    def __len__(self) -> int:
        return len(self.names)

    def _ranges(self, keys: Iterable[str]) -> tuple[list[int], list[int]]:
        """Start and end (in ``ids``) of each key; an unknown key gets an empty range."""
        wanted = np.array([k[:MAX_KEY_CHARS].encode("ascii", "replace") for k in keys], np.bytes_)
        if not len(wanted) or not len(self.names):
            return [0] * len(wanted), [0] * len(wanted)
        found = np.minimum(np.searchsorted(self.names, wanted), len(self.names) - 1)
        hit = self.names[found] == wanted
        starts = np.where(hit, self.offsets[found], 0)
        ends = np.where(hit, self.offsets[found + 1], 0)
        return starts.tolist(), ends.tolist()

    def get_many(self, keys: Iterable[str]) -> list[np.ndarray]:
        """Token ids of each key (an empty array for an unknown key), in the order given."""
        starts, ends = self._ranges(keys)
        return [self.ids[a:b] for a, b in zip(starts, ends, strict=True)]

    def union(self, keys: Iterable[str]) -> list[int]:
        """Distinct token ids under any of ``keys``."""
        starts, ends = self._ranges(keys)
        chunks = [self.ids[a:b] for a, b in zip(starts, ends, strict=True) if b > a]
        if not chunks:
            return []
        return np.unique(np.concatenate(chunks)).tolist()  # type: ignore[no-any-return]
