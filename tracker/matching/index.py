"""In-memory name index: blocking keys -> candidate names -> explained, ranked matches.

Blocking keys per distinct token: the token, its transliteration skeleton, its consonant key, its
metaphone and its single-deletion variants (typo tolerance, SymSpell style). A query token collects the
listed tokens sharing a key with it and keeps those the scorer would align (token similarity >= its
minimum); every name holding one is a candidate. For each candidate a cheap UPPER BOUND of its score
follows from which query tokens it can align and how well (numpy, over all candidates at once):
the best ratio sum(sim x 1.5) / (1.5 x aligned + cost of the query tokens it cannot align), since no
listed part weighs more than a family name. Candidates are fully scored in order of that bound and the
loop stops as soon as the bound cannot reach the threshold or beat the current k-th best, so very
common tokens ("mohammed", "al") cost a few array operations, not thousands of alignments.

Everything is built per distinct token (there are far fewer tokens than names), and the index pickles
to flat arrays and strings so that loading it takes a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tracker.matching.adjust import adjust, max_raise
from tracker.matching.candidate import Candidate, LazyCandidates, candidate_row
from tracker.matching.keys import KeyTable, deletions, query_keys, token_keys
from tracker.matching.prepare import Part, PreparedName, Role, prepare_name
from tracker.matching.query import check_country, check_dob, check_entity_type, check_query
from tracker.matching.score import (
    ABJAD_SIM,
    MIN_SIMILARITY,
    PartAlignment,
    abjad_similarity,
    explain,
    query_extra_cost,
    score_prepared,
    token_similarity,
)
from tracker.names import NORMALISER_VERSION, abjad_key
from tracker.records import EntityType, NameKind

DEFAULT_THRESHOLD = 0.8
FULL_SCORE_LIMIT = 200  # at most this many names fully aligned per query (threshold 0 asks for many)
WEAK_ALIAS_FACTOR = 0.97  # a low-quality alias is slightly weaker evidence than a real name
_TOP_WEIGHT = 1.5  # the heaviest role (family name): no aligned part can gain more
_JOINED_SIM = 0.95  # similarity of a concatenation repair ("abdul rahman" / "abdulrahman")
_INITIAL_SIM = 0.7

_ROLES = list(Role)
_ROLE_CODE = {role: code for code, role in enumerate(_ROLES)}


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked result: the candidate, the listed name that scored best, and why."""

    key: tuple[str, str]
    candidate: Candidate
    matched_name: str
    score: float
    explanation: str
    alignments: tuple[PartAlignment, ...]
    name_score: float  # the score of the names alone, before date of birth / country


class NameIndex:
    """Every name of every candidate, prepared for scoring, with blocking keys."""

    def __init__(self) -> None:
        self.version = NORMALISER_VERSION
        self.candidates: list[Candidate] = []
        self.parts: list[Part] = []  # distinct parts; a name is a tuple of part ids
        self.name_text: list[str] = []
        self.name_parts: list[tuple[int, ...]] = []
        self.name_owner = np.zeros(0, np.int32)
        self.name_weak = np.zeros(0, np.bool_)  # a weak alias (scored x WEAK_ALIAS_FACTOR)
        self.name_size = np.zeros(0, np.int16)  # parts per name: the tie-break among equal bounds
        self.vocab: dict[str, int] = {}
        self.tokens: list[str] = []
        self.postings = np.zeros(0, np.int32)  # name ids of token t: postings[offsets[t]:offsets[t+1]]
        self.offsets = np.zeros(1, np.int64)
        self.keys = KeyTable.from_pairs([], [])  # "s:andri" -> token ids
        self.token_abjad = np.zeros(0, np.bool_)  # a token written in an abjad script (Arabic ...)
        self._prepared: dict[int, PreparedName] = {}

    @classmethod
    def build(cls, candidates: Iterable[Candidate]) -> NameIndex:
        index = cls()
        prepared_cache: dict[tuple[str, str | None, str | None, str | None, bool], PreparedName] = {}
        part_ids: dict[Part, int] = {}
        token_names: list[list[int]] = []
        owners: list[int] = []
        weak: list[bool] = []
        abjad_tokens: set[str] = set()
        for candidate in candidates:
            owner = len(index.candidates)
            index.candidates.append(candidate)
            is_person = candidate.entity_type == EntityType.INDIVIDUAL
            seen: set[tuple[int, ...]] = set()
            for name in candidate.names:
                cache_key = (name.full, name.first, name.middle, name.last, is_person)
                prepared = prepared_cache.get(cache_key)
                if prepared is None:
                    prepared = prepared_cache[cache_key] = prepare_name(name, is_person=is_person)
                if not prepared.parts:
                    continue
                ids = tuple(part_ids.setdefault(p, len(part_ids)) for p in prepared.parts)
                signature = tuple(sorted(ids))  # same norms and roles: the same name for scoring
                if signature in seen:
                    continue
                seen.add(signature)
                name_id = len(index.name_text)
                index.name_text.append(prepared.text)
                index.name_parts.append(ids)
                owners.append(owner)
                weak.append(name.kind == NameKind.WEAK_AKA)
                for norm in {n for p in prepared.parts for n in (p.norm, *p.alts)}:
                    token_id = index.vocab.setdefault(norm, len(index.vocab))
                    if token_id == len(token_names):
                        token_names.append([])
                    token_names[token_id].append(name_id)
                abjad_tokens.update(p.norm for p in prepared.parts if p.abjad)
        index.parts = list(part_ids)
        index.tokens = list(index.vocab)
        index.name_owner = np.array(owners, np.int32)
        index.name_weak = np.array(weak, np.bool_)
        index.name_size = np.array([len(p) for p in index.name_parts], np.int16)
        index.offsets = np.cumsum([0, *map(len, token_names)], dtype=np.int64)
        index.postings = np.fromiter(
            (n for names in token_names for n in names), np.int32, int(index.offsets[-1])
        )
        all_keys: list[str] = []
        all_ids: list[int] = []
        index.token_abjad = np.array([t in abjad_tokens for t in index.tokens], np.bool_)
        for token_id, norm in enumerate(index.tokens):
            keys = token_keys(norm)
            keys.add(("A:" if norm in abjad_tokens else "a:") + abjad_key(norm))
            all_keys.extend(keys)
            all_ids.extend([token_id] * len(keys))
        index.keys = KeyTable.from_pairs(all_keys, all_ids)
        return index

    def __len__(self) -> int:
        return len(self.candidates)

    @property
    def name_count(self) -> int:
        return len(self.name_text)

    @property
    def names(self) -> list[PreparedName]:
        """Every indexed name, prepared (built on demand: search only prepares the names it scores)."""
        return [self._name(i) for i in range(self.name_count)]

    def _name(self, name_id: int) -> PreparedName:
        prepared = self._prepared.get(name_id)
        if prepared is None:
            owner = self.candidates[int(self.name_owner[name_id])]
            parts = tuple(self.parts[i] for i in self.name_parts[name_id])
            prepared = PreparedName(
                self.name_text[name_id], parts, owner.entity_type == EntityType.INDIVIDUAL
            )
            self._prepared[name_id] = prepared
        return prepared

    def _token_ids(self, token_id: int) -> np.ndarray:
        return self.postings[self.offsets[token_id] : self.offsets[token_id + 1]]

    # -- pickling: flat strings, tuples and arrays only (no enums, dataclasses or named tuples) --

    def __getstate__(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "candidates": [candidate_row(c) for c in self.candidates],
            "parts": [(p.norm, p.raw, _ROLE_CODE[p.role], p.skeleton, p.alts, p.abjad) for p in self.parts],
            "name_text": self.name_text,
            "name_parts": self.name_parts,
            "name_owner": self.name_owner,
            "name_weak": self.name_weak,
            "name_size": self.name_size,
            "tokens": self.tokens,
            "postings": self.postings,
            "offsets": self.offsets,
            "keys": self.keys,
            "token_abjad": self.token_abjad,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.version = state["version"]
        self.candidates = LazyCandidates(state["candidates"])
        self.parts = [Part(n, r, _ROLES[c], s, a, j) for n, r, c, s, a, j in state["parts"]]
        for attr in ("name_text", "name_parts", "name_owner", "name_weak", "name_size", "tokens", "token_abjad"):
            setattr(self, attr, state[attr])
        self.postings, self.offsets, self.keys = state["postings"], state["offsets"], state["keys"]
        self.vocab = {t: i for i, t in enumerate(self.tokens)}
        self._prepared = {}

    # -- search --

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        threshold: float = DEFAULT_THRESHOLD,
        entity_type: EntityType | str | None = None,
        sources: Iterable[str] | None = None,
        dob: str | None = None,
        country: str | None = None,
    ) -> list[Match]:
        """Ranked matches at or above ``threshold`` (best first, one per candidate)."""
        prepared = check_query(query)
        wanted_type = check_entity_type(entity_type)
        wanted_sources = set(sources) if sources else None
        dob = check_dob(dob)
        country_iso = check_country(country)
        names, bounds = self._candidates(prepared)
        if wanted_type is not None or wanted_sources is not None:
            keep = [
                i
                for i, name_id in enumerate(names.tolist())
                if _wanted(self.candidates[int(self.name_owner[name_id])], wanted_type, wanted_sources)
            ]
            names, bounds = names[keep], bounds[keep]
        best: dict[int, Match] = {}
        kth = -1.0  # the limit-th best adjusted score so far (-1 until there are that many)
        for scored, (name_id, bound) in enumerate(zip(names.tolist(), bounds.tolist(), strict=True)):
            level = max(threshold, kth)
            if max_raise(bound, dob, country_iso) + 1e-6 < level or scored >= FULL_SCORE_LIMIT:
                break
            owner = int(self.name_owner[name_id])
            listed = self._name(name_id)
            result = score_prepared(prepared, listed, explained=False)
            name_score = result.score
            if self.name_weak[name_id]:
                name_score = round(name_score * WEAK_ALIAS_FACTOR, 4)
            previous = best.get(owner)
            if name_score <= 0 or previous is not None and previous.name_score >= name_score:
                continue
            candidate = self.candidates[owner]
            best[owner] = _adjust(
                Match(candidate.key, candidate, listed.text, name_score, "", result.alignments, name_score),
                dob,
                country_iso,
                explained=False,
            )
            if len(best) >= limit:
                kth = sorted((m.score for m in best.values()), reverse=True)[limit - 1]
        matches = [m for m in best.values() if m.score >= threshold and m.score > 0]
        matches.sort(key=lambda m: (-m.score, m.key))
        return [_adjust(_explained(m), dob, country_iso) for m in matches[:limit]]

    def _candidates(self, query: PreparedName) -> tuple[np.ndarray, np.ndarray]:
        """Names that share an alignable token with the query and their score bounds, best first."""
        parts = query.parts
        count = len(parts)
        raws = {p.raw: i for i, p in enumerate(parts)}
        extra = np.array(
            [
                min(query_extra_cost(i, count, p.norm), query_extra_cost(raws[p.raw], count, p.norm))
                for i, p in enumerate(parts)
            ],
            np.float32,
        )
        matches = [self._part_matches(p) for p in parts]
        self._add_joined(parts, matches)
        sims = np.zeros((count, len(self.name_text)), np.float32)
        for i, found in enumerate(matches):
            for token_id, sim in sorted(found.items(), key=lambda kv: kv[1]):  # higher overwrites lower
                sims[i, self._token_ids(token_id)] = sim
            self._add_splits(parts[i], sims[i])
        names = np.flatnonzero(sims.max(axis=0) > 0)
        if not len(names):
            return names, np.zeros(0, np.float32)
        sub = sims[:, names]
        for i, part in enumerate(parts):
            if len(part.norm) == 1:  # an initial aligns with any listed word of that letter
                sub[i] = np.maximum(sub[i], _INITIAL_SIM)
        missing = ((sub == 0) * extra[:, None]).sum(axis=0)
        ordered = -np.sort(-sub, axis=0)
        gained = np.cumsum(ordered, axis=0) * _TOP_WEIGHT
        weights = np.arange(1, count + 1, dtype=np.float32)[:, None] * _TOP_WEIGHT
        ratios = np.where(ordered > 0, gained / (weights + missing), 0.0)
        bounds = ratios.max(axis=0)
        bounds = np.where(self.name_weak[names], bounds * WEAK_ALIAS_FACTOR, bounds)
        order = np.lexsort((self.name_size[names], -bounds))
        return names[order], bounds[order]

    def _part_matches(self, part: Part) -> dict[int, float]:
        """Listed tokens the scorer may align with query part ``part`` (its main spelling, its other
        spellings, its consonants when either side is abjad), with an upper bound of their similarity."""
        norm = part.norm
        if len(norm) == 1:
            token_id = self.vocab.get(norm)
            return {token_id: 1.0} if token_id is not None else {}
        forms = (norm, *part.alts)
        lookups = set().union(*(query_keys(f) for f in forms))
        key = abjad_key(norm)
        lookups.add("A:" + key)
        if part.abjad:
            lookups.add("a:" + key)
        found: dict[int, float] = {}
        tokens = self.tokens
        for token_id in self.keys.union(lookups):
            listed = tokens[token_id]
            sim = max(token_similarity(f, listed)[0] for f in forms)
            if sim < ABJAD_SIM and (part.abjad or self.token_abjad[token_id]):
                sim = max(sim, abjad_similarity(norm, listed)[0])
            found[token_id] = sim
        initial = self.vocab.get(norm[0])  # a listed initial ("A. DERKACH")
        if initial is not None:
            found[initial] = _INITIAL_SIM
        return {t: s for t, s in found.items() if s >= MIN_SIMILARITY}

    def _add_joined(self, parts: Sequence[Part], matches: list[dict[int, float]]) -> None:
        """Two adjacent query words written as one listed word ("abdul rahman" / "abdulrahman")."""
        for i in range(len(parts) - 1):
            joined = parts[i].skeleton + parts[i + 1].skeleton
            if len(joined) < 5:
                continue
            lookups = {"s:" + joined, "d:" + joined} | {"d:" + d for d in deletions(joined)}
            for token_id in self.keys.union(lookups):
                for side in (matches[i], matches[i + 1]):
                    side[token_id] = max(side.get(token_id, 0.0), _JOINED_SIM)

    def _add_splits(self, part: Part, row: np.ndarray) -> None:
        """One query word written as two listed words ("abdulrahman" / "abdul rahman"): names holding
        both halves (exact skeletons) may align it."""
        skeleton = part.skeleton
        if len(skeleton) < 5:
            return
        cuts = range(2, len(skeleton) - 1)
        halves = self.keys.get_many([f"s:{skeleton[:c]}" for c in cuts] + [f"s:{skeleton[c:]}" for c in cuts])
        for left, right in zip(halves[: len(cuts)], halves[len(cuts) :], strict=True):
            if not len(left) or not len(right):
                continue
            left_names = np.concatenate([self._token_ids(t) for t in left.tolist()])
            right_names = np.concatenate([self._token_ids(t) for t in right.tolist()])
            both = np.intersect1d(left_names, right_names)
            row[both] = np.maximum(row[both], _JOINED_SIM)


def _wanted(candidate: Candidate, wanted_type: EntityType | None, sources: set[str] | None) -> bool:
    if wanted_type is not None and candidate.entity_type != wanted_type:
        return False
    return sources is None or candidate.key[0] in sources


def _explained(match: Match) -> Match:
    return Match(
        match.key,
        match.candidate,
        match.matched_name,
        match.score,
        explain(list(match.alignments)),
        match.alignments,
        match.name_score,
    )


def _adjust(match: Match, dob: str | None, country: str | None, *, explained: bool = True) -> Match:
    """Raise or lower a name score with the date of birth / country the user gave, and say so."""
    if dob is None and country is None:
        return match
    score, notes = adjust(match.name_score, match.candidate, dob, country)
    explanation = match.explanation + "; " + "; ".join(notes) if explained else match.explanation
    return Match(
        match.key,
        match.candidate,
        match.matched_name,
        score,
        explanation,
        match.alignments,
        match.name_score,
    )
