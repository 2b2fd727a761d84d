"""In-memory name index: blocking keys -> candidate names -> explained, ranked matches.

Blocking keys per distinct token: the token, its transliteration skeleton, its consonant key, its
metaphone and its single-deletion variants (typo tolerance, SymSpell style). A query collects the names
sharing keys with its tokens, weighted by how rare the token is, pre-ranks them with rapidfuzz, and
fully scores the best few hundred with the explainable scorer. Plain dicts and lists only, so the
index pickles to disk.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tracker.errors import UsageError
from tracker.matching.candidate import Candidate, country_code
from tracker.matching.score import (
    PartAlignment,
    PreparedName,
    explain,
    prepare_name,
    prepare_query,
    score_prepared,
)
from tracker.names import NORMALISER_VERSION, consonant_key, phonetic_key, skeleton_key
from tracker.records import EntityType, NameKind

DEFAULT_THRESHOLD = 0.8
MAX_QUERY_CHARS = 500
MAX_QUERY_TOKENS = 12
PRESCORE_LIMIT = 2000  # names kept after blocking
FULL_SCORE_LIMIT = 60  # names fully scored after the rapidfuzz pre-score
WEAK_ALIAS_FACTOR = 0.97  # a low-quality alias is slightly weaker evidence than a real name

# Blocking weights: how much a shared key says about a query token (before rarity).
_KEY_WEIGHT = {"t": 1.0, "s": 0.95, "d": 0.8, "p": 0.7, "c": 0.6}

ENTITY_TYPES = {
    "person": EntityType.INDIVIDUAL,
    "individual": EntityType.INDIVIDUAL,
    "entity": EntityType.ENTITY,
    "organisation": EntityType.ENTITY,
    "organization": EntityType.ENTITY,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


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


def _deletions(key: str) -> set[str]:
    if len(key) < 4:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


class NameIndex:
    """Every name of every candidate, prepared for scoring, with blocking keys."""

    def __init__(self) -> None:
        self.version = NORMALISER_VERSION
        self.candidates: list[Candidate] = []
        self.names: list[PreparedName] = []
        self.name_kind: list[NameKind] = []
        self.name_owner: list[int] = []
        self.name_string: list[str] = []  # skeletons joined, for the rapidfuzz pre-score
        self.vocab: dict[str, int] = {}
        self.token_names: list[list[int]] = []
        self.keys: dict[str, list[int]] = {}  # "s:andri" -> token ids

    @classmethod
    def build(cls, candidates: Iterable[Candidate]) -> NameIndex:
        index = cls()
        prepared_cache: dict[tuple[str, str | None, str | None, str | None, bool], PreparedName] = {}
        token_names: dict[str, list[int]] = defaultdict(list)
        for candidate in candidates:
            owner = len(index.candidates)
            index.candidates.append(candidate)
            is_person = candidate.entity_type == EntityType.INDIVIDUAL
            seen: set[str] = set()
            for name in candidate.names:
                cache_key = (name.full, name.first, name.middle, name.last, is_person)
                prepared = prepared_cache.get(cache_key)
                if prepared is None:
                    prepared = prepared_cache[cache_key] = prepare_name(name, is_person=is_person)
                signature = " ".join(f"{p.norm}/{p.role}" for p in prepared.parts)
                if not prepared.parts or signature in seen:
                    continue
                seen.add(signature)
                name_id = len(index.names)
                index.names.append(prepared)
                index.name_kind.append(name.kind)
                index.name_owner.append(owner)
                index.name_string.append(" ".join(p.skeleton for p in prepared.parts))
                for norm in {p.norm for p in prepared.parts}:
                    token_names[norm].append(name_id)
        keys: dict[str, set[int]] = defaultdict(set)
        for norm, name_ids in token_names.items():
            token_id = len(index.token_names)
            index.vocab[norm] = token_id
            index.token_names.append(name_ids)
            for key in _token_keys(norm):
                keys[key].add(token_id)
        index.keys = {k: sorted(v) for k, v in keys.items()}
        return index

    def __len__(self) -> int:
        return len(self.candidates)

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
        prepared = _check_query(query)
        wanted_type = _entity_type(entity_type)
        wanted_sources = set(sources) if sources else None
        dob = _check_dob(dob)
        country_iso = _check_country(country)
        name_ids = self._prescore(prepared)
        best: dict[int, Match] = {}
        for name_id in name_ids:
            owner = self.name_owner[name_id]
            candidate = self.candidates[owner]
            if wanted_type is not None and candidate.entity_type != wanted_type:
                continue
            if wanted_sources is not None and candidate.key[0] not in wanted_sources:
                continue
            result = score_prepared(prepared, self.names[name_id], explained=False)
            name_score = result.score
            if self.name_kind[name_id] == NameKind.WEAK_AKA:
                name_score = round(name_score * WEAK_ALIAS_FACTOR, 4)
            previous = best.get(owner)
            if previous is not None and previous.name_score >= name_score:
                continue
            best[owner] = Match(
                candidate.key,
                candidate,
                self.names[name_id].text,
                name_score,
                result.explanation,
                result.alignments,
                name_score,
            )
        matches = [_adjust(_explained(m), dob, country_iso) for m in best.values() if m.name_score > 0]
        matches = [m for m in matches if m.score >= threshold and m.score > 0]
        matches.sort(key=lambda m: (-m.score, m.key))
        return matches[:limit]

    def _prescore(self, query: PreparedName) -> list[int]:
        """Names sharing blocking keys with the query, best few by rarity and rapidfuzz similarity."""
        total_names = max(len(self.names), 1)
        votes: dict[int, float] = defaultdict(float)
        for part in query.parts:
            token_weights: dict[int, float] = {}
            for key in _token_keys(part.norm):
                weight = _KEY_WEIGHT[key[0]]
                for token_id in self.keys.get(key, ()):
                    if token_weights.get(token_id, 0.0) < weight:
                        token_weights[token_id] = weight
            per_name: dict[int, float] = {}
            for token_id, weight in token_weights.items():
                name_ids = self.token_names[token_id]
                rarity = math.log(total_names / len(name_ids)) + 1.0
                value = weight * rarity
                for name_id in name_ids:
                    if per_name.get(name_id, 0.0) < value:
                        per_name[name_id] = value
            for name_id, value in per_name.items():
                votes[name_id] += value
        if not votes:
            return []
        ranked = sorted(votes, key=votes.__getitem__, reverse=True)[:PRESCORE_LIMIT]
        if len(ranked) <= FULL_SCORE_LIMIT:
            return ranked
        query_string = " ".join(p.skeleton for p in query.parts)
        choices = [self.name_string[i] for i in ranked]
        top = process.extract(query_string, choices, scorer=fuzz.token_set_ratio, limit=FULL_SCORE_LIMIT)
        return [ranked[position] for _, _, position in top]


def _token_keys(norm: str) -> set[str]:
    skeleton = skeleton_key(norm)
    keys = {"t:" + norm, "s:" + skeleton, "d:" + skeleton}
    keys.update("d:" + d for d in _deletions(skeleton))
    cons = consonant_key(norm)
    if len(cons) >= 3:
        keys.add("c:" + cons)
    phon = phonetic_key(norm)
    if len(phon) >= 3:
        keys.add("p:" + phon)
    return keys


def _check_query(query: str) -> PreparedName:
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(f"query is too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    prepared = prepare_query(query)
    if not prepared.parts:
        raise UsageError("query has no letters or digits to search for")
    if sum(len(p.norm) for p in prepared.parts) < 2:
        raise UsageError(f"query {query.strip()!r} is too short: give at least two letters")
    if len(prepared.parts) > MAX_QUERY_TOKENS:
        raise UsageError(f"query has {len(prepared.parts)} words; a name has at most {MAX_QUERY_TOKENS}")
    return prepared


def _entity_type(value: EntityType | str | None) -> EntityType | None:
    if value is None or isinstance(value, EntityType):
        return value
    if value == "any":
        return None
    try:
        return ENTITY_TYPES[value.lower()]
    except KeyError:
        known = ", ".join([*ENTITY_TYPES, "any"])
        raise UsageError(f"unknown entity type {value!r} (known: {known})") from None


def _check_dob(dob: str | None) -> str | None:
    if dob is None or not dob.strip():
        return None
    dob = dob.strip()
    if not _DATE.match(dob):
        raise UsageError(f"date of birth {dob!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return dob


def _check_country(country: str | None) -> str | None:
    if country is None or not country.strip():
        return None
    code = country_code(country)
    if code is None:
        raise UsageError(f"unknown country {country!r} (give an ISO code like RU or a country name)")
    return code


def _dob_compatible(query: str, listed: str) -> bool | None:
    """True when the dates agree on every part both give, False when they differ, None if unreadable."""
    if _DATE.match(listed):
        shared = min(len(query), len(listed))
        return query[:shared] == listed[:shared]
    years = _YEAR.findall(listed)
    if not years:
        return None
    return query[:4] in years


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


def _adjust(match: Match, dob: str | None, country: str | None) -> Match:
    """Raise or lower a name score with the date of birth / country the user gave, and say so."""
    if dob is None and country is None:
        return match
    score = match.name_score
    notes: list[str] = []
    candidate = match.candidate
    if dob is not None:
        verdicts = [v for v in (_dob_compatible(dob, d) for d in candidate.birth_dates) if v is not None]
        listed = ", ".join(candidate.birth_dates)
        if not verdicts:
            notes.append("no date of birth on the list to compare")
        elif any(verdicts):
            score += (1.0 - score) * 0.5
            notes.append(f"date of birth {dob} agrees with listed {listed} (raised)")
        else:
            score -= 0.2
            notes.append(f"date of birth {dob} differs from listed {listed} (lowered)")
    if country is not None:
        if not candidate.countries:
            notes.append("no country on the list to compare")
        elif country in candidate.countries:
            score += (1.0 - score) * 0.25
            notes.append(f"country {country.upper()} is listed (raised)")
        else:
            score -= 0.1
            listed = ", ".join(c.upper() for c in candidate.countries)
            notes.append(f"country {country.upper()} not among listed {listed} (lowered)")
    score = round(min(max(score, 0.0), 1.0), 4)
    explanation = match.explanation + "; " + "; ".join(notes)
    return Match(
        match.key,
        candidate,
        match.matched_name,
        score,
        explanation,
        match.alignments,
        match.name_score,
    )
