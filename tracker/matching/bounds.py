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

from collections.abc import Callable
from itertools import chain

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tracker.matching.prepare import Part, Role
from tracker.matching.rarity import Rarity
from tracker.matching.score import (
    ABJAD_NEAR_SIM,
    ARTICLES,
    GENERIC_WEIGHT,
    GENERIC_WORDS,
    KOREAN_FAMILY,
    KOREAN_SYLLABLE_LETTERS,
    LEAST_MISSING_WEIGHT,
    MATCH_WEIGHT,
    MIN_SIMILARITY,
    MISSING_WEIGHT,
    edit_budget,
)
from tracker.names import abjad_key, skeleton_key

TOP_WEIGHT = max(MATCH_WEIGHT.values())  # the heaviest role (family name): no aligned part gains more
MAX_UNSURE = 3000  # names whose similarities are computed exactly per query (bounded work)


def score_bounds(
    sub: np.ndarray, extra: np.ndarray, top: np.ndarray | None = None, listed: np.ndarray | None = None
) -> np.ndarray:
    """Bound per column of ``sub`` (parts x names similarities; 0 = not aligned), ``extra`` the cost
    of each query part left unaligned (per part, or parts x names), ``top`` the most an aligned part
    of each name weighs (``name_weights``; TOP_WEIGHT for every name if None), ``listed`` the least
    each name's own parts cost that no query part can align (``ListedCosts.least``; 0 if None).

    Why a smaller weight is still a bound: a score sum(s w) / (sum w + cost) only rises when a part
    whose similarity is below the score is left out, and when the weight of a part whose similarity
    is above it rises; so some set of the parts, each weighing ``top``, reaches at least the score,
    and the best set of k parts is the k most similar ones. The costs are a sum the score's
    denominator holds at least (a constant there: the same argument holds)."""
    costs = extra if extra.ndim == 2 else extra[:, None]
    missing = ((sub == 0) * costs).sum(axis=0)
    if listed is not None:
        missing = missing + listed
    weight = np.float32(TOP_WEIGHT) if top is None else top
    best = np.zeros(sub.shape[1], np.float32)
    gained = best
    # row k of the parts' similarities sorted down per name, summed as they come (np.sort along the
    # parts' axis sorts each name apart: 2.3 ms for 3 parts of 50,000 names, this 0.1 ms; 2026-12-01)
    for k, row in enumerate(_sorted_down(sub), 1):
        gained = gained + row
        ratio = np.where(row > 0, gained * weight / np.maximum(np.float32(k) * weight + missing, 1e-9), 0.0)
        best = np.maximum(best, ratio)
    return best


def _sorted_down(sub: np.ndarray) -> list[np.ndarray]:
    """The rows of ``sub`` sorted down per column: an odd-even transposition network of elementwise
    maxima and minima over whole rows (a query has at most 12 parts: 66 exchanges)."""
    rows = list(sub)
    for step in range(len(rows)):
        for i in range(step % 2, len(rows) - 1, 2):
            rows[i], rows[i + 1] = np.maximum(rows[i], rows[i + 1]), np.minimum(rows[i], rows[i + 1])
    return rows


def name_weights(name_parts: list[tuple[int, ...]], parts: list[Part], rarity: Rarity) -> np.ndarray:
    """Per name (a tuple of part ids into ``parts``), the most one of its aligned parts can weigh in
    score.tally: its role's MATCH_WEIGHT times the smallest rarity weight of the listed words aligned.
    tally finds a word's rarity through the listed part's raw text, which another part of the name may
    share: so each part counts with the largest rarity weight of any part of that raw text (never
    below the real weight), and a raw text with a space (looked up word by word, an unknown word
    weighing 1) as rare. Numpy over every name at once: about 0.1 CPU s for the five lists, made on a
    search's first use (2026-11-30) and kept in the cached index."""
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
    # each name's token k sits at starts + k: arange(total) shifted per name (one repeat, not two)
    flat = np.arange(total) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
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


class ListedCosts:
    """What the listed parts of each name cost at least when no query part can align them: the
    term of a score's denominator that ``score_bounds`` left out, so that a name of many words no
    query word meets (a company: 'AL RAWI, Abdulrahman' bounded 1.0 against "عبد الرحمن" and scored
    0.01, issue 13) is bounded near its score and the search loop stops before it.

    Per slot (a part of a name, flat, ``offsets`` per name): its part, whether it is a family name,
    its cost as tally charges it at least (score.LEAST_MISSING_WEIGHT x the smallest rarity weight of
    any part with its raw text, as tally finds the weight through the raw text; x GENERIC_WEIGHT for a
    generic word of an entity), and what a family name costs when no family name of the name aligns
    (MISSING_WEIGHT, or a middle name's cost in a name with a nisba: an article after two names).
    Names that score.korean_capitals reads in Korean order take those roles. Numpy over every name,
    made on a search's first use and kept in the cached index."""

    def __init__(
        self,
        name_parts: list[tuple[int, ...]],
        parts: list[Part],
        rarity: Rarity,
        person: np.ndarray,
        vocab: dict[str, int],
    ) -> None:
        sizes = np.fromiter(map(len, name_parts), np.int64, len(name_parts))
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.slot_part = np.fromiter(chain.from_iterable(name_parts), np.int64, int(sizes.sum()))
        self.slot_ids = np.arange(len(self.slot_part), dtype=np.int64)
        slot_owner = np.repeat(np.arange(len(name_parts)), sizes)
        roles = list(Role)
        role = np.array([roles.index(p.role) for p in parts], np.int8)
        raw_ids: dict[str, int] = {}
        raw_of = np.array([raw_ids.setdefault(p.raw, len(raw_ids)) for p in parts], np.int64)
        rare = np.ones(len(raw_ids), np.float32)
        np.minimum.at(rare, raw_of, np.array([rarity.weight(p.norm) for p in parts], np.float32))
        generic = np.zeros(len(raw_ids), np.bool_)
        np.logical_or.at(generic, raw_of, np.array([p.norm in GENERIC_WORDS for p in parts], np.bool_))
        slot_role = role[self.slot_part]
        for name_id in self._korean_names(name_parts, parts, person):
            start, end = self.offsets[name_id], self.offsets[name_id + 1]
            slot_role[start:end] = roles.index(Role.MIDDLE)
            slot_role[start : start + 2] = [roles.index(Role.FAMILY), roles.index(Role.GIVEN)]
        least = np.array([LEAST_MISSING_WEIGHT[r] for r in roles], np.float32)[slot_role]
        entity = ~person[slot_owner]
        least = np.where(
            entity & generic[raw_of[self.slot_part]] & (slot_role != roles.index(Role.STOP)),
            least * np.float32(GENERIC_WEIGHT),
            least,
        )
        weight = rare[raw_of[self.slot_part]]
        self.family = slot_role == roles.index(Role.FAMILY)
        self.cost = (least * weight).astype(np.float32)
        # a nisba: an article after two names that are no particles (score._dropped_nisba), anywhere
        # in the name (tally looks up the family name by its raw text, which may repeat)
        article = np.array([p.norm in ARTICLES for p in parts], np.bool_)[self.slot_part]
        named = (slot_role != roles.index(Role.PARTICLE)).astype(np.int64)
        earlier = np.cumsum(named) - named  # names before the slot, from the first name's first slot
        before = earlier - np.repeat(earlier[self.offsets[:-1][sizes > 0]], sizes[sizes > 0])
        nisba_slot = article & (before >= 2)
        nisba = np.zeros(len(name_parts), np.bool_)
        np.logical_or.at(nisba, slot_owner, nisba_slot)
        family_cost = np.where(nisba[slot_owner], MISSING_WEIGHT[Role.MIDDLE], MISSING_WEIGHT[Role.FAMILY])
        self.family_cost = (family_cost * weight).astype(np.float32)
        self.person = person
        forms = [[vocab[f] for f in dict.fromkeys((p.norm, *p.alts)) if f in vocab] or [0] for p in parts]
        counts = np.fromiter(map(len, forms), np.int64, len(forms))
        self.part_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.part_tokens = np.fromiter(chain.from_iterable(forms), np.int64, int(counts.sum()))
        self.part_first = np.array([ord(p.norm[0]) if p.norm else 0 for p in parts], np.int64)

    # Pickled with the index: the slot ids (an arange) left out and the int64 indexes written as int32
    # (9.9 -> 5.2 MB of a 48 MB cache, five lists), back to int64 on load as they were made.
    _INDEXES = ("offsets", "slot_part", "part_offsets", "part_tokens", "part_first")

    def __getstate__(self) -> dict[str, np.ndarray]:
        state = {k: v for k, v in vars(self).items() if k != "slot_ids"}
        state.update((k, state[k].astype(np.int32)) for k in self._INDEXES)
        return state

    def __setstate__(self, state: dict[str, np.ndarray]) -> None:
        state.update((k, state[k].astype(np.int64)) for k in self._INDEXES)
        vars(self).update(state)
        self.slot_ids = np.arange(len(self.slot_part), dtype=np.int64)

    @staticmethod
    def _korean_names(name_parts: list[tuple[int, ...]], parts: list[Part], person: np.ndarray) -> list[int]:
        """Names that score.korean_capitals reads as FAMILY, GIVEN, MIDDLE... ("Kim YOUNG-CHOL")."""
        found = []
        for name_id, ids in enumerate(name_parts):
            if len(ids) < 3 or not person[name_id]:
                continue
            first = parts[ids[0]]
            if first.role != Role.GIVEN or first.norm not in KOREAN_FAMILY:
                continue
            if all(
                parts[i].role == Role.FAMILY and len(parts[i].norm) <= KOREAN_SYLLABLE_LETTERS
                for i in ids[1:]
            ):
                found.append(name_id)
        return found

    def least(
        self,
        names: np.ndarray,
        tokens: np.ndarray,
        initials: list[str],
        typos: Callable[[np.ndarray], np.ndarray] | None,
        *,
        one_part: bool,
    ) -> np.ndarray:
        """Per name of ``names``, the least its parts that no query part can align cost: a part can
        align when one of its spellings is a token of ``tokens`` (a vocabulary mask: every listed
        token the query's parts and joined pairs may align), or one ``typos`` marks (token ids ->
        whether a typo the keys miss may reach it), or when it begins with a query initial. A
        family name the query cannot align costs in full when no other can align. A one-part query
        scores a person's name as a surname only (tally): 0 there."""
        if not len(names):
            return np.zeros(0, np.float32)
        position, slots = tokens_of(names, self.offsets, self.slot_ids)
        part = self.slot_part[slots]
        # whether a slot aligns depends on its part alone: each distinct part once (the names of a
        # common word repeat their parts), marked in a parts-sized array
        aligns = np.zeros(len(self.part_offsets) - 1, np.bool_)
        aligns[part] = True
        distinct = np.flatnonzero(aligns)
        # each part's spellings, flat: a part aligns when any of them does (segments never empty)
        holder, spellings = tokens_of(distinct, self.part_offsets, self.part_tokens)
        seen = tokens[spellings]
        if typos is not None:
            unseen = np.flatnonzero(~seen)
            if len(unseen):
                seen[unseen] = typos(spellings[unseen])
        found = np.zeros(len(distinct), np.bool_)
        found[holder[seen]] = True
        aligns[distinct] = found
        ok = aligns[part]
        for letter in initials:
            ok |= self.part_first[part] == ord(letter)
        missing = ~ok
        family = self.family[slots]
        aligned_family = np.bincount(position, weights=family & ok, minlength=len(names)) > 0
        cost = np.where(family & ~aligned_family[position], self.family_cost[slots], self.cost[slots])
        total = np.bincount(position, weights=np.where(missing, cost, 0.0), minlength=len(names))
        if one_part:
            total = np.where(self.person[names], 0.0, total)
        return total.astype(np.float32)


def typo_tokens(part: Part, token_ids: np.ndarray, shapes: TokenShapes, abjad: np.ndarray) -> np.ndarray:
    """Per token of ``token_ids``, whether ``loose_similarities`` may find it a typo or a near abjad
    key of ``part`` (its length and letter-mask tests, without the exact distance): a superset, so
    that a listed part none of whose tokens is marked can align with ``part`` only through the keys."""
    possible = np.zeros(len(token_ids), np.bool_)
    skeleton_len, skeleton_mask = shapes.skeleton_len[token_ids], shapes.skeleton_mask[token_ids]
    for form in dict.fromkeys((part.norm, *part.alts)):
        query = skeleton_key(form)
        longest = np.maximum(skeleton_len, len(query))
        budget = _BUDGET[np.minimum(longest, len(_BUDGET) - 1)]
        possible |= (np.abs(skeleton_len - len(query)) <= budget) & (
            _mask_distance(letter_mask(query), skeleton_mask) <= budget
        )
    key = abjad_key(part.norm)
    if len(key) >= 3:
        abjad_len = shapes.abjad_len[token_ids]
        wanted = (abjad[token_ids] | part.abjad) & (abjad_len >= 3) & (np.abs(abjad_len - len(key)) <= 1)
        possible |= wanted & (_mask_distance(letter_mask(key), shapes.abjad_mask[token_ids]) <= 1)
    return possible
