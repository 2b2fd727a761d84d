"""Upper bounds of name scores over many candidate names at once (numpy), for the index's search loop.

The index fully scores names in order of a cheap bound and stops once the bound cannot reach the
threshold, so the bound must never be below the real score. Two pieces:

- ``score_bounds``: from the similarity of each query part with each candidate name (the best listed
  token the blocking keys found), the best ratio sum(sim x W) / (W x aligned + cost of the query
  parts it cannot align), W the most any part of that name can weigh (``name_weights``: its role's
  weight times its word's rarity weight; never more than a family name's 1.5).
- ``loose_similarities``: the blocking keys find every listed token within one edit of a query token,
  and two edits when the query token has the extra letters, but not a listed token with two more
  letters or two substitutions ("janukovic" / "ianukovich"), which the scorer still accepts as a typo
  on long words; nor abjad consonant keys one class apart. For the names whose bound could still reach
  the threshold if such a token were there, the real similarities are computed over those names'
  tokens with rapidfuzz's vectorised Levenshtein (about 2 µs a token), once a length and letter-mask
  test (``letter_mask``, numpy over all tokens at once) has ruled out those no typo can reach.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tracker.matching.prepare import Part
from tracker.matching.rarity import Rarity
from tracker.matching.score import ABJAD_NEAR_SIM, MATCH_WEIGHT, MIN_SIMILARITY, edit_budget
from tracker.names import abjad_key, skeleton_key

TOP_WEIGHT = 1.5  # the heaviest role (family name): no aligned part can gain more
MAX_UNSURE = 3000  # names whose similarities are computed exactly per query (bounded work)


def score_bounds(sub: np.ndarray, extra: np.ndarray, top: np.ndarray | None = None) -> np.ndarray:
    """Bound per column of ``sub`` (parts x names similarities; 0 = not aligned), ``extra`` the cost
    of each query part left unaligned, ``top`` the most an aligned part of each name weighs
    (``name_weights``; TOP_WEIGHT for every name if None).

    Why a smaller weight is still a bound: a score sum(s w) / (sum w + cost) only rises when a part
    whose similarity is below the score is left out, and when the weight of a part whose similarity
    is above it rises; so some set of the parts, each weighing ``top``, reaches at least the score,
    and the best set of k parts is the k most similar ones."""
    count = sub.shape[0]
    missing = ((sub == 0) * extra[:, None]).sum(axis=0)
    ordered = -np.sort(-sub, axis=0)
    weight = np.float32(TOP_WEIGHT) if top is None else top[None, :]
    gained = np.cumsum(ordered, axis=0) * weight
    weights = np.arange(1, count + 1, dtype=np.float32)[:, None] * weight
    ratios = np.where(ordered > 0, gained / (weights + missing), 0.0)
    return ratios.max(axis=0)  # type: ignore[no-any-return]


def name_weights(name_parts: list[tuple[int, ...]], parts: list[Part], rarity: Rarity) -> np.ndarray:
    """Per name (a tuple of part ids into ``parts``), the most one of its aligned parts can weigh in
    score.tally: its role's MATCH_WEIGHT times the smallest rarity weight of the listed words aligned.
    tally finds a word's rarity through the listed part's raw text, which another part of the name may
    share: so each part counts with the largest rarity weight of any part of that raw text (never
    below the real weight), and a raw text with a space (looked up word by word, an unknown word
    weighing 1) as rare. Numpy over every name at once: about 0.1 CPU s for the five lists, made on a
    search's first use (2026-11-30)."""
    if not name_parts:
        return np.zeros(0, np.float32)
    role = np.array([MATCH_WEIGHT[p.role] for p in parts], np.float32)
    rare = np.array([1.0 if " " in p.raw else rarity.weight(p.norm) for p in parts], np.float32)
    raw_ids: dict[str, int] = {}
    raw_of = np.array([raw_ids.setdefault(p.raw, len(raw_ids)) for p in parts], np.int64)
    by_raw = np.zeros(len(raw_ids), np.float32)
    np.maximum.at(by_raw, raw_of, rare)
    weight = role * by_raw[raw_of]
    sizes = np.fromiter(map(len, name_parts), np.int64, len(name_parts))
    flat = np.fromiter(chain.from_iterable(name_parts), np.int64, int(sizes.sum()))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    return np.maximum.reduceat(weight[flat], starts).astype(np.float32)


def loose_cap(part: Part) -> float:
    """The highest similarity the blocking keys may miss for this query part (0: they miss none).

    A typo of d edits between words whose longer one has L letters scores 1 - d / (L + 2) when
    ``edit_budget(L)`` allows d; uncovered pairs have d >= 2, so L is between the query word's length
    and that length + d. A near abjad match (one consonant class apart) is found by the index itself
    (``NameIndex._abjad_near``), never guessed here."""
    length = max(len(skeleton_key(f)) for f in (part.norm, *part.alts))
    return max(
        (
            1.0 - d / (longest + 2)
            for d in (2, 3)
            for longest in range(length, length + d + 1)
            if edit_budget(longest) >= d
        ),
        default=0.0,
    )


def tokens_of(name_ids: np.ndarray, offsets: np.ndarray, tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``name_ids``, token id) of every token of the given names (flat, vectorised)."""
    starts, ends = offsets[name_ids], offsets[name_ids + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    position = np.repeat(np.arange(len(name_ids)), lengths)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    flat = np.arange(total) - first + np.repeat(starts, lengths)
    return position, tokens[flat]


class TokenShapes:
    """Per vocabulary token, what ``loose_similarities`` compares: its skeleton and abjad key (as
    object arrays, so that a selection is one fancy index instead of a Python loop: 1.1 ms of a
    12 ms query, measured 2026-11-30), their lengths and their letter masks (``letter_mask``)."""

    def __init__(self, skeletons: list[str], abjad_keys: list[str]) -> None:
        self.skeletons = np.array(skeletons, dtype=object)
        self.abjad_keys = np.array(abjad_keys, dtype=object)
        self.skeleton_len = np.fromiter(map(len, skeletons), np.int32, len(skeletons))
        self.abjad_len = np.fromiter(map(len, abjad_keys), np.int32, len(abjad_keys))
        self.skeleton_mask = np.fromiter(map(letter_mask, skeletons), np.uint32, len(skeletons))
        self.abjad_mask = np.fromiter(map(letter_mask, abjad_keys), np.uint32, len(abjad_keys))

    def __len__(self) -> int:
        return len(self.skeletons)


def letter_mask(key: str) -> int:
    """Bit (code point mod 32) of every character of ``key``. Two keys whose masks differ by b bits on
    one side are at least b edits apart (each such bit is a character the other key lacks, and an
    edit removes or brings at most one character of each side): a necessary condition that rules out
    most tokens before the exact Levenshtein distance."""
    mask = 0
    for char in key:
        mask |= 1 << (ord(char) & 31)
    return mask


_BUDGET = np.array([edit_budget(n) for n in range(13)], np.int32)  # 12 letters or more: 3 edits
def _mask_distance(query: int, masks: np.ndarray) -> np.ndarray:
    """A lower bound of the edit distance of the key with mask ``query`` to each key of ``masks``
    (np.bitwise_count: 10x a 16-bit popcount table's two gathers, 5,000 masks, 2026-11-30)."""
    mask = np.uint32(query)
    return np.maximum(np.bitwise_count(mask & ~masks), np.bitwise_count(masks & ~mask))  # type: ignore[no-any-return]


def loose_similarities(
    part: Part, token_ids: np.ndarray, shapes: TokenShapes, abjad: np.ndarray
) -> np.ndarray:
    """The scorer's typo similarity (and abjad near-match) of ``part`` with each listed token, 0 where
    it would not align; ``shapes`` and ``abjad`` (written in an abjad script) are per vocabulary token.
    Only tokens whose length and letters allow a typo within the scorer's edit budget (at most 3
    edits) or a near abjad key (1 edit) are compared."""
    skeleton_len, abjad_len = shapes.skeleton_len[token_ids], shapes.abjad_len[token_ids]
    skeleton_mask = shapes.skeleton_mask[token_ids]
    best = np.zeros(len(token_ids), np.float32)
    for form in dict.fromkeys((part.norm, *part.alts)):
        query = skeleton_key(form)
        longest = np.maximum(skeleton_len, len(query))
        budget = _BUDGET[np.minimum(longest, len(_BUDGET) - 1)]  # edit_budget per length (np.select: 3x)
        possible = (np.abs(skeleton_len - len(query)) <= budget) & (
            _mask_distance(letter_mask(query), skeleton_mask) <= budget
        )
        near = np.flatnonzero(possible)
        if not len(near):
            continue
        listed = shapes.skeletons[token_ids[near]].tolist()
        distance = process.cdist(
            [query], listed, scorer=Levenshtein.distance, score_cutoff=3, dtype=np.int32
        )[0]
        longest = longest[near]
        sims = np.where(distance <= budget[near], np.round(1.0 - distance / (longest + 2), 3), 0.0)
        best[near] = np.maximum(best[near], sims)
    key = abjad_key(part.norm)
    if len(key) >= 3:
        wanted = (abjad[token_ids] | part.abjad) & (abjad_len >= 3) & (np.abs(abjad_len - len(key)) <= 1)
        wanted &= _mask_distance(letter_mask(key), shapes.abjad_mask[token_ids]) <= 1
        near = np.flatnonzero(wanted)
        if len(near):
            keys = shapes.abjad_keys[token_ids[near]].tolist()
            distance = process.cdist(
                [key], keys, scorer=Levenshtein.distance, score_cutoff=1, dtype=np.int32
            )[0]
            hit = near[distance <= 1]
            best[hit] = np.maximum(best[hit], ABJAD_NEAR_SIM)
    return np.where(best >= MIN_SIMILARITY, best, 0.0).astype(np.float32)
