"""In-memory name index: blocking keys -> candidate names -> explained, ranked matches.

Blocking keys per distinct token (tracker.matching.keys): the token, its transliteration skeleton, its
consonant and abjad keys, its metaphone and its single-deletion variants. A query part collects the
listed tokens sharing a key with any of its spellings and keeps those the scorer would align; every
name holding one is a candidate. For each candidate an UPPER BOUND of its score follows
(tracker.matching.bounds, numpy over all candidates at once); candidates are fully scored in order of
that bound and the loop stops as soon as the bound cannot reach the threshold or beat the current k-th
best, so very common tokens ("mohammed", "al") cost a few array operations, not thousands of
alignments.

The index is built per distinct token (far fewer tokens than names), pickles to flat arrays and
strings, and takes changes incrementally (``update``: entries removed or replaced are masked, new ones
appended with their new tokens in a small second key table), so a sync that changed a few entries
does not rebuild it. Memory is independent of the longest name: a listed name longer than
MAX_NAME_CHARS is cut (with a warning), and keys are at most MAX_KEY_CHARS long.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tracker.gcpause import no_cyclic_gc
from tracker.matching.adjust import adjust, max_raise
from tracker.matching.bounds import (
    MAX_UNSURE,
    ListedCosts,
    TokenShapes,
    loose_cap,
    loose_similarities,
    name_weights,
    score_bounds,
    tokens_of,
    typo_tokens,
)
from tracker.matching.candidate import Candidate, LazyCandidates, candidate_row
from tracker.matching.cjk import is_written_out, spells_listed
from tracker.matching.identifiers import identifier_keys, query_key
from tracker.matching.keys import MAX_KEY_CHARS, KeyTable, deletions, query_keys, token_keys
from tracker.matching.prepare import Part, PreparedName, Role, entity_name_forms, prepare_name
from tracker.matching.query import check_country, check_dob, check_entity_type, check_query
from tracker.matching.rarity import Rarity
from tracker.matching.score import (
    ABJAD_NEAR_CLASSES,
    ABJAD_NEAR_SIM,
    ABJAD_SIM,
    ACROSS_SCRIPTS_FROM,
    ACROSS_SCRIPTS_KEEP,
    ARTICLE_L_READ_AS,
    ARTICLES,
    DEFAULT_THRESHOLD,
    LATIN_ABJAD_NEAR_CLASSES,
    MIN_SIMILARITY,
    PartAlignment,
    abjad_similarity,
    article_joined_keys,
    entity_extra_cost,
    explain,
    given_names_only_cost,
    other_family_cost,
    query_extra_cost,
    score_prepared,
    token_similarity,
)
from tracker.names import (
    NORMALISER_VERSION,
    abjad_key,
    digraph_keys,
    f_as_v_keys,
    joined_abjad_keys,
    letter_reading_keys,
    read_alike_keys,
    read_alike_sources,
    s_as_c_keys,
    skeleton_key,
    spelled_abjad_keys,
    spelled_consonants,
    th_as_dh_key,
    th_reading_class_keys,
    th_reading_keys,
    v_abjad_keys,
)
from tracker.records import EntityType, Name, NameKind

log = logging.getLogger(__name__)

FULL_SCORE_LIMIT = 200  # at most this many names fully aligned per query (threshold 0 asks for many)
WEAK_ALIAS_FACTOR = 0.97  # a low-quality alias is slightly weaker evidence than a real name
# Three times the longest name in the real lists (324 characters, UN's HTS entry with its aliases in
# one string): longer is a broken or hostile file, and a name is never matched beyond this.
MAX_NAME_CHARS = 1000
_JOINED_SIM = 0.95  # similarity of a concatenation repair ("abdul rahman" / "abdulrahman")
_INITIAL_SIM = 0.7
PART_CACHE_SIZE = 4096  # query words whose key lookups an index keeps (~5 kB each)
KEEP_CACHE_SIZE = 64  # type and source filters whose name masks an index keeps (~100 kB each)
_NO_NAMES = np.zeros(0, np.int32)
# A score is rounded to 4 places after its bound is taken (a weak alias's x WEAK_ALIAS_FACTOR): a
# score can pass its bound by this much.
_ROUNDING = 1e-4

_Prepared = tuple[str, tuple[int, ...], list[int]]  # a name's text, part ids, token ids
_Filter = tuple[EntityType | None, frozenset[str] | None]  # a search's entity type and sources
_ROLES = list(Role)
_ROLE_CODE = {role: code for code, role in enumerate(_ROLES)}
_TYPES = list(EntityType)


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
    kind: str = "name"  # "name", "surname only" or "identifier"
    notes: tuple[str, ...] = ()  # scoring rules beyond the alignment (conflict, surname only ...)


class NameIndex:
    """Every name of every candidate, prepared for scoring, with blocking keys."""

    def __init__(self) -> None:
        self.version = NORMALISER_VERSION
        self.entries: list[Candidate] = []  # by position, removed and replaced ones included
        self.alive = np.zeros(0, np.bool_)  # per candidate: False once removed or replaced by update()
        self.position: dict[tuple[str, str], int] = {}  # key -> live candidate position
        self.sources: list[str] = []  # source names; candidate_source holds their positions
        self.candidate_source = np.zeros(0, np.int16)
        self.candidate_type = np.zeros(0, np.int8)
        self.parts: list[Part] = []  # distinct parts; a name is a tuple of part ids
        self.part_ids: dict[Part, int] = {}
        self.name_text: list[str] = []
        self.name_parts: list[tuple[int, ...]] = []
        self.name_owner = np.zeros(0, np.int32)
        self.name_weak = np.zeros(0, np.bool_)  # a weak alias (scored x WEAK_ALIAS_FACTOR)
        self.name_size = np.zeros(0, np.int16)  # parts per name: the tie-break among equal bounds
        self.name_token_offsets = np.zeros(1, np.int64)  # tokens of name n: name_tokens[o[n]:o[n+1]]
        self.name_tokens = np.zeros(0, np.int32)
        self.vocab: dict[str, int] = {}
        self.tokens: list[str] = []
        self.token_skeletons: list[str] = []
        self.token_abjad_keys: list[str] = []
        self.token_abjad = np.zeros(0, np.bool_)  # a token written in an abjad script (Arabic ...)
        self.postings = np.zeros(0, np.int32)  # name ids of token t: postings[offsets[t]:offsets[t+1]]
        self.offsets = np.zeros(1, np.int64)
        self.keys = KeyTable.from_pairs([], [])  # "s:andri" -> token ids (tokens of the last build)
        self.new_keys = KeyTable.from_pairs([], [])  # keys of tokens added by update() since
        self.built_tokens = 0  # tokens covered by ``keys``
        self.rarity = Rarity.empty()
        # compact identifier (tracker.matching.identifiers) -> (candidate position, type, number)
        self.identifier_map: dict[str, list[tuple[int, str, str]]] = {}
        self._prepared: dict[int, PreparedName] = {}
        self._abjad_new: list[bool] = []  # abjad flags of tokens added since the last _finish
        self._abjad_fix: list[int] = []  # older tokens now also seen written in an abjad script
        self._token_shapes: TokenShapes | None = None
        self._name_weights: np.ndarray | None = None
        self._costs: ListedCosts | None = None
        self._near_keys: dict[bool, _KeysByLength] = {}
        self._short_skeletons: _ShortSkeletons | None = None
        self._part_cache: dict[Part, tuple[dict[int, float], np.ndarray, np.ndarray]] = {}
        self._keep_cache: dict[_Filter, tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def build(cls, candidates: Iterable[Candidate]) -> NameIndex:
        """An index over ``candidates`` (later candidates with the same key replace earlier ones)."""
        index = cls()
        with no_cyclic_gc():  # tracker.gcpause: 6.8 -> 5.3 CPU s of a cold build
            index._append(candidates)
            index._finish(rebuild_keys=True)
        return index

    def update(self, removed: Iterable[tuple[str, str]], added: Iterable[Candidate]) -> None:
        """Apply changed entries: ``removed`` keys leave the index, ``added`` candidates enter it (a key
        already present is replaced). Costs about the changed entries, not the whole index; the key
        table is rebuilt only once the tokens added since the last build pass a quarter of it."""
        for key in removed:
            position = self.position.pop(key, None)
            if position is not None:
                self.alive[position] = False
        self._append(added)
        rebuild = len(self.tokens) - self.built_tokens > max(10_000, self.built_tokens // 4)
        self._finish(rebuild_keys=rebuild)

    def __len__(self) -> int:
        return len(self.position)

    @property
    def name_count(self) -> int:
        return len(self.name_text)

    @property
    def names(self) -> list[PreparedName]:
        """Every live indexed name, prepared (built on demand: search only prepares what it scores)."""
        live = self.alive[self.name_owner]
        return [self._name(i) for i in range(self.name_count) if live[i]]

    @property
    def candidates(self) -> list[Candidate]:
        """The candidates in the index now (removed and replaced ones left out), in the order added."""
        return [self.entries[p] for p in sorted(self.position.values())]

    # -- building --

    def _append(self, candidates: Iterable[Candidate]) -> None:
        prepared_cache: dict[tuple[str, str | None, str | None, str | None, bool], _Prepared] = {}
        owners: list[int] = []
        weak: list[bool] = []
        sizes: list[int] = []
        name_tokens: list[int] = []
        token_counts: list[int] = []
        alive: list[bool] = []
        sources: list[int] = []
        types: list[int] = []
        first_new = len(self.entries)
        for candidate in candidates:
            owner = len(self.entries)
            old = self.position.get(candidate.key)
            if old is not None:
                if old >= first_new:
                    alive[old - first_new] = False
                else:
                    self.alive[old] = False
            self.position[candidate.key] = owner
            self.entries.append(candidate)
            alive.append(True)
            if candidate.key[0] not in self.sources:
                self.sources.append(candidate.key[0])
            sources.append(self.sources.index(candidate.key[0]))
            types.append(_TYPES.index(candidate.entity_type))
            is_person = candidate.entity_type == EntityType.INDIVIDUAL
            for kind, number in candidate.identifiers:
                for key in identifier_keys(kind, number):
                    self.identifier_map.setdefault(key, []).append((owner, kind, number))
            seen: set[tuple[int, ...]] = set()
            for name in candidate.names if is_person else _with_entity_forms(candidate.names):
                if len(name.full) > MAX_NAME_CHARS:
                    log.warning(
                        "%s:%s: a name of %d characters is searched by its first %d",
                        *candidate.key,
                        len(name.full),
                        MAX_NAME_CHARS,
                    )
                    name = replace(name, full=name.full[:MAX_NAME_CHARS], first=None, middle=None, last=None)
                cache_key = (name.full, name.first, name.middle, name.last, is_person)
                known = prepared_cache.get(cache_key)
                if known is None:
                    known = prepared_cache[cache_key] = self._prepare(name, is_person)
                text, ids, token_ids = known
                signature = tuple(sorted(ids))  # same norms and roles: the same name for scoring
                if not ids or signature in seen:
                    continue
                seen.add(signature)
                self.name_text.append(text)
                self.name_parts.append(ids)
                owners.append(owner)
                weak.append(name.kind == NameKind.WEAK_AKA)
                sizes.append(len(ids))
                name_tokens.extend(token_ids)
                token_counts.append(len(token_ids))
        self.parts = list(self.part_ids)
        self.alive = np.concatenate([self.alive, np.array(alive, np.bool_)])
        self.candidate_source = np.concatenate([self.candidate_source, np.array(sources, np.int16)])
        self.candidate_type = np.concatenate([self.candidate_type, np.array(types, np.int8)])
        self.name_owner = np.concatenate([self.name_owner, np.array(owners, np.int32)])
        self.name_weak = np.concatenate([self.name_weak, np.array(weak, np.bool_)])
        self.name_size = np.concatenate([self.name_size, np.array(sizes, np.int16)])
        ends = self.name_token_offsets[-1] + np.cumsum(token_counts, dtype=np.int64)
        self.name_token_offsets = np.concatenate([self.name_token_offsets, ends])
        self.name_tokens = np.concatenate([self.name_tokens, np.array(name_tokens, np.int32)])

    def _prepare(self, name: Name, is_person: bool) -> _Prepared:
        """A listed name's text, part ids and token ids (its spellings' tokens, each once)."""
        prepared = prepare_name(name, is_person=is_person)
        ids = tuple(self.part_ids.setdefault(p, len(self.part_ids)) for p in prepared.parts)
        tokens = {n: p.abjad for p in prepared.parts for n in (p.norm, *p.alts)}
        return prepared.text, ids, [self._token_id(n, abjad) for n, abjad in tokens.items()]

    def _token_id(self, norm: str, abjad: bool) -> int:
        token_id = self.vocab.get(norm)
        if token_id is None:
            token_id = self.vocab[norm] = len(self.tokens)
            self.tokens.append(norm)
            self.token_skeletons.append(skeleton_key(norm))
            self.token_abjad_keys.append(abjad_key(norm))
            self._abjad_new.append(abjad)
        elif abjad and not self._abjad_flag(token_id):
            self._abjad_fix.append(token_id)
        return token_id

    def _abjad_flag(self, token_id: int) -> bool:
        if token_id < len(self.token_abjad):
            return bool(self.token_abjad[token_id])
        return self._abjad_new[token_id - len(self.token_abjad)]

    def _finish(self, *, rebuild_keys: bool) -> None:
        """Arrays derived from the names: abjad flags, postings (live names only), keys, rarity."""
        self._part_cache = {}
        self._keep_cache = {}
        self.token_abjad = np.concatenate([self.token_abjad, np.array(self._abjad_new, np.bool_)])
        self.token_abjad[self._abjad_fix] = True
        self._abjad_new, self._abjad_fix = [], []
        live_names = self.alive[self.name_owner]
        counts = np.diff(self.name_token_offsets)
        owner_of_slot = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        keep = np.repeat(live_names, counts)
        slots, names = self.name_tokens[keep], owner_of_slot[keep]
        order = np.argsort(slots, kind="stable")
        self.postings = names[order]
        self.offsets = np.concatenate([[0], np.cumsum(np.bincount(slots, minlength=len(self.tokens)))])
        if rebuild_keys:
            self.keys = _key_table(self.tokens, self.token_abjad, 0)
            self.new_keys = KeyTable.from_pairs([], [])
            self.built_tokens = len(self.tokens)
        elif len(self.tokens) > self.built_tokens:
            self.new_keys = _key_table(self.tokens, self.token_abjad, self.built_tokens)
        self.rarity = Rarity.measure(self.postings, self.offsets, self.name_owner, self.tokens)
        self._prepared = {}
        self._name_weights = None
        self._costs = None

    def _name(self, name_id: int) -> PreparedName:
        prepared = self._prepared.get(name_id)
        if prepared is None:
            is_person = self.candidate_type[self.name_owner[name_id]] == _TYPES.index(EntityType.INDIVIDUAL)
            parts = tuple(self.parts[i] for i in self.name_parts[name_id])
            prepared = PreparedName(self.name_text[name_id], parts, bool(is_person))
            self._prepared[name_id] = prepared
        return prepared

    def _shapes(self) -> TokenShapes:
        """Each token's keys as the typo check compares them (made on first use after a build or an
        update that added tokens, ~0.1 s, or when the index is pickled: kept in the cache)."""
        if self._token_shapes is None or len(self._token_shapes) != len(self.tokens):
            self._token_shapes = TokenShapes(self.token_skeletons, self.token_abjad_keys)
        return self._token_shapes

    def _weights(self) -> np.ndarray:
        """The most an aligned part of each name can weigh (bounds.name_weights; made on first use
        after a build or update, ~0.1 s, or when the index is pickled)."""
        if self._name_weights is None:
            self._name_weights = name_weights(self.name_parts, self.parts, self.rarity)
        return self._name_weights

    def _listed_costs(self) -> ListedCosts:
        """What each name's parts cost at least when the query lacks them (bounds.ListedCosts; made on
        first use after a build or update, ~0.13 s, or when the index is pickled)."""
        if self._costs is None:
            person = self.candidate_type[self.name_owner] == _TYPES.index(EntityType.INDIVIDUAL)
            self._costs = ListedCosts(self.name_parts, self.parts, self.rarity, person, self.vocab)
        return self._costs

    def person_word(self, norm: str) -> bool | None:
        """Whether the normalised word ``norm`` is a word of a live listed individual's name (True),
        only of other entries' names (False: a company, a vessel, a country in a body's name), or of
        no listed name (None)."""
        token_id = self.vocab.get(norm)
        if token_id is None:
            return None
        names = self._token_ids(token_id)
        owners = self.name_owner[names]
        owners = owners[self.alive[owners]]
        if not len(owners):
            return None
        return bool((self.candidate_type[owners] == _TYPES.index(EntityType.INDIVIDUAL)).any())

    def _token_ids(self, token_id: int) -> np.ndarray:
        return self.postings[self.offsets[token_id] : self.offsets[token_id + 1]]

    def _union(self, keys: Iterable[str]) -> list[int]:
        wanted = list(keys)
        found = self.keys.union(wanted)
        if len(self.new_keys):
            found = sorted(set(found).union(self.new_keys.union(wanted)))
        return found

    # -- pickling: flat strings, tuples and arrays only (no enums, dataclasses or named tuples) --

    _ARRAYS = [
        "alive",
        "candidate_source",
        "candidate_type",
        "name_text",
        "name_parts",
        "name_owner",
        "name_weak",
        "name_size",
        "name_token_offsets",
        "name_tokens",
        "tokens",
        "token_skeletons",
        "token_abjad_keys",
        "token_abjad",
        "postings",
        "offsets",
        "keys",
        "new_keys",
        "built_tokens",
        "sources",
        "rarity",
        "identifier_map",
    ]

    def __getstate__(self) -> dict[str, Any]:
        state = {attr: getattr(self, attr) for attr in self._ARRAYS}
        state["version"] = self.version
        state["entries"] = [candidate_row(c) for c in self.entries]
        state["parts"] = [
            (p.norm, p.raw, _ROLE_CODE[p.role], p.skeleton, p.alts, p.abjad) for p in self.parts
        ]
        # What the search derives from the index alone (the bounds' token shapes, name weights and
        # listed costs, the abjad key and short skeleton tables), made now if no search made it yet:
        # left out, every new process's first query made it (255-285 -> 20-24 CPU ms, five lists;
        # +7 MB of cache, ~10 ms more to read, 2026-12-01).
        state["bounds"] = (self._shapes(), self._weights(), self._listed_costs())
        state["tables"] = ({a: self._near_table(a) for a in (False, True)}, self._short_table())
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.version = state["version"]
        self.entries = LazyCandidates(state["entries"])
        self.parts = [Part(n, r, _ROLES[c], s, a, j) for n, r, c, s, a, j in state["parts"]]
        self.part_ids = {p: i for i, p in enumerate(self.parts)}
        for attr in self._ARRAYS:
            setattr(self, attr, state[attr])
        self.vocab = {t: i for i, t in enumerate(self.tokens)}
        keys = [tuple(row[0]) for row in state["entries"]]
        self.position = {(k[0], k[1]): i for i, k in enumerate(keys) if self.alive[i]}
        self._abjad_new, self._abjad_fix = [], []
        self._prepared = {}
        self._token_shapes, self._name_weights, self._costs = state["bounds"]
        self._near_keys, self._short_skeletons = state["tables"]
        self._part_cache = {}
        self._keep_cache = {}

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
        keep_titles: bool = False,
    ) -> list[Match]:
        """Ranked matches at or above ``threshold`` (best first, one per candidate); ``keep_titles``:
        a leading title or rank is a word of the name (check_query)."""
        prepared = check_query(query, keep_titles)
        wanted_type = check_entity_type(entity_type)
        dob = check_dob(dob)
        country_iso = check_country(country)
        wanted, keep = self._wanted_names(wanted_type, frozenset(sources) if sources else None)
        lowest = _lowest_name_score(threshold, dob, country_iso)
        names, bounds = self._candidates(prepared, keep, lowest)
        # Chinese characters or one Hangul word name only a name they spell, and are named only by a
        # query that spells them (cjk.spells_listed)
        written_out = is_written_out(prepared.text)
        best: dict[int, Match] = {}
        kth = -1.0  # the limit-th best adjusted score so far (-1 until there are that many)
        # Names come in the order of their bounds, each never below the name's score: the loop stops
        # once a bound cannot reach the threshold or the limit-th best score so far. Past
        # FULL_SCORE_LIMIT names it stops also below the default threshold (threshold 0 asks for
        # many), never above it: the limit once hid four entries scoring 0.89 behind 200 names
        # bounded 1.0 that scored 0.01 (issue 13, "عبد الرحمن").
        full = max(threshold, DEFAULT_THRESHOLD)
        for scored, (name_id, bound) in enumerate(_in_chunks(names, bounds)):
            level = max(threshold, kth)
            # margins: a score is rounded after its bound is taken, an adjusted score again
            raised = max_raise(bound + _ROUNDING, dob, country_iso) + _ROUNDING
            if raised < level or scored >= FULL_SCORE_LIMIT and raised < full:
                break
            owner = int(self.name_owner[name_id])
            previous = best.get(owner)
            if previous is not None and previous.name_score >= bound + _ROUNDING:
                continue  # another name of this candidate scored more than this one can
            listed = self._name(name_id)
            if (written_out or is_written_out(listed.text)) and not spells_listed(prepared, listed):
                continue
            result = score_prepared(prepared, listed, explained=False, rarity=self.rarity)
            name_score = result.score
            if self.name_weak[name_id]:
                name_score = round(name_score * WEAK_ALIAS_FACTOR, 4)
            if name_score <= 0 or previous is not None and previous.name_score >= name_score:
                continue
            candidate = self.entries[owner]
            kind = "surname only" if result.surname_only else "name"
            match = Match(
                candidate.key,
                candidate,
                listed.text,
                name_score,
                "",
                result.alignments,
                name_score,
                kind,
                result.notes,
            )
            best[owner] = _adjust(
                match,
                dob,
                country_iso,
                threshold,
                explained=False,
            )
            if len(best) >= limit:
                kth = sorted((m.score for m in best.values()), reverse=True)[limit - 1]
        found = self._identifier_matches(query, wanted)
        by_id = {m.key for m in found}
        matches = [m for m in best.values() if m.score >= threshold and m.score > 0 and m.key not in by_id]
        matches = found + matches
        matches.sort(key=lambda m: (-m.score, m.kind != "identifier", m.key))
        return [
            m if m.kind == "identifier" else _adjust(self._explained(m), dob, country_iso, threshold)
            for m in matches[:limit]
        ]

    def _identifier_matches(self, query: str, wanted: np.ndarray) -> list[Match]:
        """Entries holding ``query`` as an identifier (exact on letters and digits), scored 1."""
        key = query_key(query)
        found: dict[int, Match] = {}
        for owner, kind, number in self.identifier_map.get(key, []) if key else []:
            if not wanted[owner] or owner in found:
                continue
            candidate = self.entries[owner]
            # an untyped number (OpenSanctions' simple CSV types none) is not "identifier identifier X"
            text = number if kind.casefold() == "identifier" else f"{kind} {number}"
            why = f"identifier {text} = {query.strip()} (exact, letters and digits compared)"
            found[owner] = Match(candidate.key, candidate, text, 1.0, why, (), 1.0, "identifier")
        return list(found.values())

    def _wanted_names(
        self, wanted_type: EntityType | None, sources: frozenset[str] | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """``_wanted`` per candidate and per name, kept until the index changes (at most
        KEEP_CACHE_SIZE filters): the per-name mask is a gather over every name, about 0.1 ms a
        query that a search with the same filters need not pay again (2026-11-30)."""
        found = self._keep_cache.get((wanted_type, sources))
        if found is None:
            if len(self._keep_cache) >= KEEP_CACHE_SIZE:
                self._keep_cache.clear()
            wanted = self._wanted(wanted_type, sources)
            found = self._keep_cache[(wanted_type, sources)] = (wanted, wanted[self.name_owner])
        return found

    def _wanted(self, wanted_type: EntityType | None, sources: frozenset[str] | None) -> np.ndarray:
        """Per candidate: it is live and of the wanted type and sources."""
        keep = self.alive.copy()
        if wanted_type is not None:
            keep &= self.candidate_type == _TYPES.index(wanted_type)
        if sources is not None:
            codes = [i for i, s in enumerate(self.sources) if s in sources]
            keep &= np.isin(self.candidate_source, codes)
        return keep

    def _explained(self, match: Match) -> Match:
        return replace(match, explanation=explain(list(match.alignments), match.notes))

    def _candidates(
        self, query: PreparedName, keep: np.ndarray, lowest: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Names that share an alignable token with the query and an upper bound of their scores,
        best first; ``lowest`` is the lowest name score that can still reach the threshold. The
        bound weighs each name's parts by its own heaviest one (bounds.name_weights), costs each
        query part as that name's kind (person or entity) costs it, and adds what the name's own
        parts that no query part can align cost at least (bounds.ListedCosts)."""
        parts = query.parts
        count = len(parts)
        raws = {p.raw: i for i, p in enumerate(parts)}
        # The least each query part can cost when no listed part aligns with it: tally looks a part up
        # by its raw text (the last part with it); an entity's names fold legal forms
        # (entity_extra_cost), a person's never.
        rare = np.array([self.rarity.weight(p.norm) for p in parts], np.float32)
        person_extra = np.array(
            [
                min(
                    query_extra_cost(i, count, p.norm, p.abjad),
                    query_extra_cost(raws[p.raw], count, p.norm, p.abjad),
                    other_family_cost(parts, i) or 1.0,
                    other_family_cost(parts, raws[p.raw]) or 1.0,
                    given_names_only_cost(query, i) or 1.0,
                    given_names_only_cost(query, raws[p.raw]) or 1.0,
                )
                for i, p in enumerate(parts)
            ],
            np.float32,
        )
        entity_extra = np.minimum(
            person_extra,
            np.array(
                [
                    min(entity_extra_cost(parts, i) or 1.0, entity_extra_cost(parts, raws[p.raw]) or 1.0)
                    for i, p in enumerate(parts)
                ],
                np.float32,
            ),
        )
        lookups = [self._part_lookups(p) for p in parts]
        matches = [dict(found) for found, _, _ in lookups]  # a copy: _add_joined adds to it
        self._add_joined(parts, matches)
        sims = np.zeros((count, len(self.name_text)), np.float32)
        alignable = np.zeros(len(self.tokens), np.bool_)  # listed tokens some query part may align
        for i, found in enumerate(matches):
            if found:  # each name gets the best similarity of its tokens
                token_ids = np.fromiter(found, np.int32, len(found))
                alignable[token_ids] = True
                position, holders = tokens_of(token_ids, self.offsets, self.postings)
                np.maximum.at(sims[i], holders, np.fromiter(found.values(), np.float32, len(found))[position])
            split = lookups[i][1]
            if len(split):  # a query word written as two listed words
                sims[i, split] = np.maximum(sims[i, split], _JOINED_SIM)
                alignable[lookups[i][2]] = True
        names = np.flatnonzero((sims.max(axis=0) > 0) & keep)
        if not len(names):
            return names, np.zeros(0, np.float32)
        sub = sims[:, names]
        initials = [p.norm for p in parts if len(p.norm) == 1]
        for i, part in enumerate(parts):
            if len(part.norm) == 1:  # an initial aligns with any listed word of that letter
                sub[i] = np.maximum(sub[i], _INITIAL_SIM)
        person = self.candidate_type[self.name_owner[names]] == _TYPES.index(EntityType.INDIVIDUAL)
        extra = np.where(person[None, :], person_extra[:, None], entity_extra[:, None]) * rare[:, None]
        top = self._weights()[names]
        caps = np.array([loose_cap(p) for p in parts], np.float32)
        loose = caps > 0
        hopeful = np.where((sub == 0) & loose[:, None], caps[:, None], sub) if loose.any() else sub
        # a name that cannot reach ``lowest`` even with every typo the keys may miss is never scored:
        # left out here, before the bounds, the typo check and the sort (most names of a common word);
        # first without, then with what the listed parts no query part meets cost
        weak = _weak(self.name_weak[names])
        across = count >= 2 and any(p.abjad for p in parts)  # score.agrees_across_scripts may raise
        lift = self._across_scripts if across else _as_is
        reach = np.flatnonzero(lift(score_bounds(hopeful, extra, top), names) * weak + _ROUNDING >= lowest)
        names, sub, hopeful, extra, top = (
            names[reach],
            sub[:, reach],
            hopeful[:, reach],
            extra[:, reach],
            top[reach],
        )
        shapes = self._shapes() if loose.any() else None

        def typos(token_ids: np.ndarray) -> np.ndarray:
            # each distinct token once, marked in a vocabulary-sized array: a common word spells
            # thousands of the names' parts (11,600 ids, 3,500 distinct a call; tuning half, 2026-12-01)
            assert shapes is not None
            present = np.zeros(len(self.tokens), np.bool_)
            present[token_ids] = True
            unique = np.flatnonzero(present)
            found = np.zeros(len(unique), np.bool_)
            for i in np.flatnonzero(loose).tolist():
                found |= typo_tokens(parts[i], unique, shapes, self.token_abjad)
            present[unique] = found
            return present[token_ids]  # type: ignore[no-any-return]

        listed = self._listed_costs().least(
            names, alignable, initials, typos if loose.any() else None, one_part=count == 1
        )
        optimistic = lift(score_bounds(hopeful, extra, top, listed), names) * _weak(self.name_weak[names])
        reach = np.flatnonzero(optimistic + _ROUNDING >= lowest)
        names, sub, optimistic = names[reach], sub[:, reach], optimistic[reach]
        extra, top, listed = extra[:, reach], top[reach], listed[reach]
        bounds = optimistic.copy()
        if loose.any():
            bounds = lift(score_bounds(sub, extra, top, listed), names) * _weak(self.name_weak[names])
            self._second_chance(parts, names, sub, extra, top, listed, bounds, optimistic, caps, lowest, lift)
        order = np.lexsort((self.name_size[names], -bounds))
        return names[order], bounds[order]

    def _second_chance(
        self,
        parts: Sequence[Part],
        names: np.ndarray,
        sub: np.ndarray,
        extra: np.ndarray,
        top: np.ndarray,
        listed: np.ndarray,
        bounds: np.ndarray,
        optimistic: np.ndarray,
        caps: np.ndarray,
        lowest: float,
        lift: Callable[[np.ndarray, np.ndarray], np.ndarray],
    ) -> None:
        """Exact similarities where the blocking keys may have missed a typo (tracker.matching.bounds),
        for the names that could reach ``lowest`` if they had (``optimistic``: their bounds with each
        missing part at its ``caps``); updates ``sub`` and ``bounds``."""
        loose = np.flatnonzero(caps > 0)
        unsure = np.flatnonzero((optimistic + 1e-6 >= lowest) & (optimistic > bounds + 1e-6))
        if not len(unsure):
            return
        if len(unsure) > MAX_UNSURE:
            unsure = unsure[np.argsort(-optimistic[unsure], kind="stable")[:MAX_UNSURE]]
        position, token_ids = tokens_of(names[unsure], self.name_token_offsets, self.name_tokens)
        # each distinct token once, marked in a vocabulary-sized array (np.unique sorts: 0.6 ms a query)
        present = np.zeros(len(self.tokens), np.bool_)
        present[token_ids] = True
        unique = np.flatnonzero(present)
        by_token = np.zeros(len(self.tokens), np.float32)
        for i in loose.tolist():
            by_token[unique] = loose_similarities(parts[i], unique, self._shapes(), self.token_abjad)
            column = np.zeros(len(unsure), np.float32)
            np.maximum.at(column, position, by_token[token_ids])
            sub[i, unsure] = np.maximum(sub[i, unsure], column)
        bound = lift(
            score_bounds(sub[:, unsure], extra[:, unsure], top[unsure], listed[unsure]), names[unsure]
        )
        bounds[unsure] = bound * _weak(self.name_weak[names[unsure]])

    def _across_scripts(self, bounds: np.ndarray, names: np.ndarray) -> np.ndarray:
        """``bounds`` of a query in an abjad script raised as score.agrees_across_scripts raises a
        person's name that reaches ACROSS_SCRIPTS_FROM (the rule itself is checked when scoring)."""
        person = self.candidate_type[self.name_owner[names]] == _TYPES.index(EntityType.INDIVIDUAL)
        raised = person & (bounds + _ROUNDING >= ACROSS_SCRIPTS_FROM)
        lifted = 1.0 - (1.0 - np.minimum(bounds + _ROUNDING, 1.0)) * ACROSS_SCRIPTS_KEEP
        return np.where(raised, lifted, bounds).astype(np.float32)

    def _part_lookups(self, part: Part) -> tuple[dict[int, float], np.ndarray, np.ndarray]:
        """``_part_matches`` and ``_split_names`` (names and tokens) of a query part, kept per index
        until it changes (at most PART_CACHE_SIZE parts): they cost about 1 ms a word (2026-11-30)
        and common words (mohammed, ali, sergey) recur from query to query."""
        found = self._part_cache.get(part)
        if found is None:
            if len(self._part_cache) >= PART_CACHE_SIZE:
                self._part_cache.clear()
            found = self._part_cache[part] = (self._part_matches(part), *self._split_names(part))
        return found

    def _part_matches(self, part: Part) -> dict[int, float]:
        """Listed tokens the scorer may align with query part ``part`` (its main spelling, its other
        spellings, its consonants when either side is abjad), with an upper bound of their similarity."""
        norm = part.norm
        if len(norm) == 1 and not part.alts:  # an initial: the search aligns it with any word of its letter
            token_id = self.vocab.get(norm)
            return {token_id: 1.0} if token_id is not None else {}
        # (a one-letter word with other spellings, Hangul 이 read ri / lee / yi, is looked up by them)
        forms = (norm, *part.alts)
        lookups = set().union(*(query_keys(f) for f in forms))
        key = abjad_key(norm)
        lookups.add("A:" + key)
        if part.abjad or len(key) >= 2 or len(norm) >= 5:  # other vowels (score.other_vowels)
            lookups.add("a:" + key)
        readings = letter_reading_keys(part.raw) if part.abjad else frozenset()  # جودة / Jaoudat
        # a short word's ظ / ذ read th (ذياب / Thiab), and the th of a short Latin word read so
        th_spelled = th_reading_keys(part.raw) if part.abjad else frozenset()
        th_dh = "" if part.abjad else th_as_dh_key(norm)
        if th_dh:
            lookups.add("A:" + th_dh)
        # a Latin -at / -et may write a ta marbuta (Jaoudat / جودة): the listed word's key lacks the t
        # (the score reads it from the listed word's letters, which the index does not keep)
        marbuta = key[:-1] if not part.abjad and len(key) >= 3 and norm[-2:] in ("at", "et") else ""
        if marbuta:
            lookups.add("A:" + marbuta)
        if not part.abjad:  # other vowels and other spellings of each form (score.other_spelling)
            lookups.update("a:" + k for f in forms for k in spelled_abjad_keys(f))
            lookups.update("A:" + k for k in v_abjad_keys(norm))  # Lavrov / لافروف
            lookups.update("A:" + k for k in read_alike_keys(norm))  # Saqib / ثاقب
        else:
            lookups.update("a:" + k for k in f_as_v_keys(key) | digraph_keys(key))  # Ishaq / اسحاق
            lookups.update("a:" + k for k in s_as_c_keys(key))  # Faycal / فيصل
            lookups.update(
                "a:" + k for k in read_alike_keys(norm) | readings | th_reading_class_keys(part.raw)
            )
            lookups.update("a:" + k for k in read_alike_sources(key))  # قطانة / JUAYTHINI (j as g)
        found: dict[int, float] = {}
        tokens = self.tokens
        for token_id in self._abjad_near(part, key):
            found[token_id] = ABJAD_NEAR_SIM
        abjad_tokens = self.token_abjad
        for token_id in self._union(lookups):
            listed = tokens[token_id]
            if part.alts:
                sim = max(token_similarity(f, listed)[0] for f in forms)
            else:  # most words have one spelling: no generator (~1 us a token)
                sim = token_similarity(norm, listed)[0]
            if sim < ABJAD_SIM and (part.abjad or abjad_tokens[token_id]):
                sim = max(sim, abjad_similarity(norm, listed)[0])
                if readings and not abjad_tokens[token_id] and abjad_key(listed) in readings:
                    sim = max(sim, ABJAD_SIM)  # score.part_similarity's "other reading"
                elif th_spelled and not abjad_tokens[token_id] and spelled_consonants(listed) in th_spelled:
                    sim = max(sim, ABJAD_SIM)  # the same, ذياب / Thiab
                elif th_dh and abjad_tokens[token_id] and abjad_key(listed) == th_dh:
                    sim = max(sim, ABJAD_SIM)  # an upper bound: the listed word may write ذ / ظ
                elif marbuta and abjad_tokens[token_id] and abjad_key(listed) == marbuta:
                    sim = max(sim, ABJAD_SIM)  # an upper bound: the listed word may end in ة
            found[token_id] = sim
        initial = self.vocab.get(norm[0])  # a listed initial ("A. DERKACH")
        if initial is not None:
            found[initial] = _INITIAL_SIM
        return {t: s for t, s in found.items() if s >= MIN_SIMILARITY}

    def _abjad_near(self, part: Part, key: str) -> list[int]:
        """Tokens whose abjad key is one class from ``key`` (score.abjad_similarity's near match):
        any token for a part written in an abjad script, abjad tokens for a Latin part of
        LATIN_ABJAD_NEAR_CLASSES or more. Looked up over the distinct keys of the vocabulary (about
        0.3 ms), so that the bounds never need to guess this similarity."""
        if len(key) < ABJAD_NEAR_CLASSES or not part.abjad and len(key) < LATIN_ABJAD_NEAR_CLASSES:
            return []
        return self._near_table(part.abjad).near(key)

    def _near_table(self, abjad: bool) -> _KeysByLength:
        """The abjad keys ``_abjad_near`` compares a part with (every token's for a part written in an
        abjad script, abjad tokens' for a Latin one), made on first use after a build or update."""
        table = self._near_keys.get(abjad)
        if table is None or table.size != len(self.tokens):
            table = self._near_keys[abjad] = _KeysByLength.of(
                self.token_abjad_keys, None if abjad else self.token_abjad
            )
        return table

    def _add_joined(self, parts: Sequence[Part], matches: list[dict[int, float]]) -> None:
        """Two adjacent query words written as one listed word ("abdul rahman" / "abdulrahman")."""
        for i in range(len(parts) - 1):
            joined = parts[i].skeleton + parts[i + 1].skeleton
            if len(joined) < 5:
                continue
            lookups = {"s:" + joined, "d:" + joined} | {"d:" + d for d in deletions(joined)}
            keys = joined_abjad_keys(parts[i].norm, parts[i + 1].norm)
            first = parts[i].norm
            if (
                not parts[i].abjad
                and len(first) >= 4
                and first[-2] in "aeiou"
                and first[-1] in ARTICLE_L_READ_AS
            ):
                # Abdur Rahman: the article assimilated, joined in the script with its l (عبدالرحمن)
                keys |= joined_abjad_keys(first[:-1] + "l", parts[i + 1].norm)
            lookups.update("A:" + k for k in keys)  # a listed abjad word (ABO GHAITH / أبوغيث)
            if parts[i + 1].norm in ARTICLES:  # score._article_vowel: عبد ال / Abdul, Abdur (Rahman)
                # any sun letter, as the scorer reads it, not only the next word's first one: انصار ال
                # / ANSAROUR scored 0.93 against a bound of 0.32 (tests/matching/test_bounded_search)
                lookups.update(
                    f"s:{parts[i].skeleton}{vowel}{letter}"
                    for vowel in "aeiou"
                    for letter in ARTICLE_L_READ_AS
                )
            if parts[i].abjad or parts[i + 1].abjad:
                lookups.update("a:" + k for k in keys)
            for token_id in self._union(lookups):
                for side in (matches[i], matches[i + 1]):
                    side[token_id] = max(side.get(token_id, 0.0), _JOINED_SIM)
        for i in range(len(parts) - 2):  # three with the article between (سراج الدين / Sirajuddin)
            if parts[i + 1].norm not in ARTICLES:
                continue
            first, last = parts[i].norm, parts[i + 2].norm
            keys = article_joined_keys(first, last)
            for token_id in self._union({p + k for p in ("a:", "A:") for k in keys if len(k) >= 4}):
                for side in matches[i : i + 3]:
                    side[token_id] = max(side.get(token_id, 0.0), _JOINED_SIM)

    def _split_names(self, part: Part) -> tuple[np.ndarray, np.ndarray]:
        """One query word written as two listed words ("abdulrahman" / "abdul rahman", "abdelrahim" /
        "abdul rahim"): names holding both halves may align it, and the tokens of those halves. The
        scorer joins two listed words within one edit of the query word (score._concatenated), so at
        each cut one half is exact ("s:" key) and the other exact or one edit off ("d:" keys of it
        and its deletions); it never joins for a query word of a skeleton under five letters
        (score._repair_runs)."""
        skeleton = part.skeleton
        if len(skeleton) < 5:
            return _NO_NAMES, _NO_NAMES
        abjad, abjad_tokens = self._abjad_split_names(part)
        groups: list[list[str]] = []  # per cut: left exact, left loose, right exact, right loose
        halves: list[str] = []
        for c in range(2, len(skeleton) - 1):
            left, right = skeleton[:c], skeleton[c:]
            for half in (left, right):
                halves.append(half)
                groups.append([f"s:{half}"])
                groups.append([f"d:{half}", *(f"d:{d}" for d in deletions(half))])
        tokens = self._token_groups(groups)
        # a half under four letters has no deletion keys (keys.deletions): its words one edit off
        # (ABAHUSEYIN / ABU HUSSEIN: aba / abu) are found over the short skeletons instead
        for h, half in enumerate(halves):
            other = h + 1 if h % 2 == 0 else h - 1  # the other half of the cut, looked up exact
            if len(half) < 4 and len(skeleton) >= 7 and tokens[2 * other]:  # one edit from 8 joined letters
                tokens[2 * h + 1] = self._short_near(half)
        pairs = []
        for i in range(0, len(tokens), 4):
            left_exact, left_loose, right_exact, right_loose = tokens[i : i + 4]
            pairs += [(left_exact, right_loose), (left_loose, right_exact)]
        if skeleton[-2] in "aeiou" and skeleton[-1] in ARTICLE_L_READ_AS:
            # a word and the article written apart (score._article_vowel: Abdul, Abdur / Abd al)
            first, article = self._token_groups([[f"s:{skeleton[:-2]}"], [f"s:{a}" for a in ARTICLES]])
            pairs.append((first, article))
        names, half_tokens = self._joined_names(pairs)
        return np.concatenate([abjad, names]), np.concatenate([abjad_tokens, half_tokens])

    def _short_near(self, half: str) -> list[int]:
        """Tokens whose skeleton is at most one edit from ``half`` (under four letters)."""
        return self._short_table().near(half)

    def _short_table(self) -> _ShortSkeletons:
        table = self._short_skeletons
        if table is None or table.size != len(self.tokens):
            table = self._short_skeletons = _ShortSkeletons(self.token_skeletons)
        return table

    def _abjad_split_names(self, part: Part) -> tuple[np.ndarray, np.ndarray]:
        """A query word whose consonants are those of two listed words joined, one side written in an
        abjad script (score._abjad_joined: عبدالرحمان / Abdul Rahman, بنحسين / Ben Hassine, Abdel /
        عبد المالك): names holding a word with the consonants of each half. The joined key loses what
        a word boundary writes (``_abjad_halves``), so each half is also looked up as its own word
        would key it. A Latin word looks for abjad words ("A:" keys) only."""
        key = abjad_key(part.norm)
        if len(key) < 3:
            return _NO_NAMES, _NO_NAMES
        prefixes = ("a:", "A:") if part.abjad else ("A:",)
        cuts = _abjad_halves(key)
        groups = [[p + k for p in prefixes for k in half] for cut in cuts for half in cut]
        halves = self._token_groups(groups)
        return self._joined_names(list(zip(halves[::2], halves[1::2], strict=True)))

    def _token_groups(self, groups: list[list[str]]) -> list[list[int]]:
        """Per group of keys, the distinct ids of the tokens filed under any of them."""
        flat = [key for group in groups for key in group]
        found = self.keys.get_many(flat)
        if len(self.new_keys):  # keys of tokens an update added (none after a build)
            found = [
                np.union1d(a, b) if len(b) else a
                for a, b in zip(found, self.new_keys.get_many(flat), strict=True)
            ]
        tokens: list[list[int]] = []
        start = 0
        for group in groups:
            tokens.append(
                list(dict.fromkeys(t for ids in found[start : start + len(group)] for t in ids.tolist()))
            )
            start += len(group)
        return tokens

    def _joined_names(self, pairs: list[tuple[list[int], list[int]]]) -> tuple[np.ndarray, np.ndarray]:
        """The names holding a token of each side of a pair (repeats possible), and the tokens of
        the pairs that met a name. One side's names are marked in an array (np.intersect1d sorts:
        0.4 ms a query, 2026-11-30)."""
        marked: np.ndarray | None = None
        found = [_NO_NAMES]
        tokens: list[int] = []
        for first, second in pairs:
            if not first or not second:
                continue
            if marked is None:
                marked = np.zeros(self.name_count, np.bool_)
            left_names, right_names = self._names_of(first), self._names_of(second)
            marked[left_names] = True
            both = right_names[marked[right_names]]
            marked[left_names] = False
            if len(both):
                found.append(both)
                tokens += first + second
        return np.concatenate(found), np.array(tokens, np.int32)

    def _names_of(self, token_ids: list[int]) -> np.ndarray:
        """The names holding each token, token by token (repeats possible): slices of the postings,
        for the few tokens of a half word, where ``tokens_of``'s six array operations cost more. With
        the empty key table of updates no longer searched, _split_names went 460 -> 320 us a word
        (4,870 words of tuning-half queries, load 9-11, 2026-11-30)."""
        offsets = self.offsets
        if len(token_ids) == 1:
            token_id = token_ids[0]
            return self.postings[offsets[token_id] : offsets[token_id + 1]]
        return np.concatenate([self.postings[offsets[t] : offsets[t + 1]] for t in token_ids])


def _abjad_halves(key: str) -> list[tuple[set[str], set[str]]]:
    """Per cut of an abjad key, the keys of a left and of a right word that join to it: a letter
    doubled across the cut is one in the joined key (Abdul Latif), a first w or y of the right word
    is a vowel inside it (Abdul Wahid), a final h of the left word is kept inside it (Allah Bakhsh),
    an l may be the article between two words (score._article_joined),
    and a last letter of the left word may join the right word's first h in a digraph (Mohammad
    Hossein: the joined "mohammadhossein" reads dh)."""
    cuts: list[tuple[set[str], set[str]]] = []
    for c in range(1, len(key)):
        left, right = key[:c], key[c:]
        lefts, rights = {left}, {right, "W" + right, "Y" + right, left[-1] + right}
        if left.endswith("h") and len(left) > 1:
            lefts.add(left[:-1])
        if left[-1] in _DIGRAPH_START:  # a final d and a first h read as dh in the joined word
            lefts.add(left[:-1] + _DIGRAPH_START[left[-1]])
            rights.add("h" + right)
        cuts.append((lefts, rights))
        # the article between (Abdulaziz / عبد العزيز); score._article_joined wants 4 letters or more:
        # "kld" (خالد) cut as k + article + d met every "C.V. DE" entity and pushed KHALED SAWAN
        # past FULL_SCORE_LIMIT
        if len(key) >= 4 and c < len(key) - 1 and key[c] == "l":
            rest = key[c + 1 :]
            # ... or assimilated to a sun letter, which the left word ends on (Abdur Rahman / عبدالرحمن)
            lefts = {left, left + rest[0]} if rest[0] in _SUN_CLASSES else {left}
            cuts.append((lefts, {rest, "W" + rest, "Y" + rest}))
    return cuts


# abjad key classes of the sun letters (ت ث ط t, د ذ ض ظ ز d, ر r, س ص s, ش S, ن n), which take the
# place of the article's l (normalize._INNER_ARTICLE)
_SUN_CLASSES = frozenset("tdrsSn")

# abjad key class of a digraph with h -> that of its first letter alone (محمدحسین: "mhmdhsyn" keys
# d+h as the one class of dh)
_DIGRAPH_START = {"t": "t", "d": "d", "k": "k", "g": "k", "S": "s", "J": "d", "f": "b"}


class _KeysByLength:
    """Distinct abjad keys of the vocabulary grouped by length, each with its token ids."""

    def __init__(self, size: int, groups: dict[int, tuple[list[str], list[list[int]]]]) -> None:
        self.size, self.groups = size, groups

    @classmethod
    def of(cls, keys: list[str], only: np.ndarray | None) -> _KeysByLength:
        """Keys of every token, or of the tokens ``only`` marks."""
        by_key: dict[str, list[int]] = {}
        for token_id, key in enumerate(keys):
            if len(key) >= ABJAD_NEAR_CLASSES and (only is None or only[token_id]):
                by_key.setdefault(key, []).append(token_id)
        groups: dict[int, tuple[list[str], list[list[int]]]] = {}
        for key, ids in by_key.items():
            group = groups.setdefault(len(key), ([], []))
            group[0].append(key)
            group[1].append(ids)
        return cls(len(keys), groups)

    def near(self, key: str) -> list[int]:
        """Token ids of the keys one edit from ``key`` (not ``key`` itself)."""
        found: list[int] = []
        for length in (len(key) - 1, len(key), len(key) + 1):
            group = self.groups.get(length)
            if group is None:
                continue
            distance = process.cdist(
                [key], group[0], scorer=Levenshtein.distance, score_cutoff=1, dtype=np.int32
            )[0]
            for i in np.flatnonzero(distance == 1).tolist():
                found.extend(group[1][i])
        return found


class _ShortSkeletons:
    """Token ids by skeleton, for the skeletons under four letters (they have no deletion keys)."""

    def __init__(self, skeletons: list[str]) -> None:
        self.size = len(skeletons)
        self.ids: dict[str, list[int]] = {}
        for token_id, key in enumerate(skeletons):
            if len(key) < 4:
                self.ids.setdefault(key, []).append(token_id)
        self.letters = sorted({c for key in self.ids for c in key})

    def near(self, key: str) -> list[int]:
        """Token ids of the skeletons at most one edit from ``key``: its deletions, substitutions and
        insertions looked up (about 200 for three letters; a cdist over the short skeletons cost
        3 ms, 2026-12-01)."""
        edits = {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}
        for i in range(len(key) + 1):
            for c in self.letters:
                edits.add(key[:i] + c + key[i:])
                if i < len(key):
                    edits.add(key[:i] + c + key[i + 1 :])
        return [t for e in edits for t in self.ids.get(e, ())]


def _with_entity_forms(names: list[Name]) -> list[Name]:
    """An entity's names, each followed by its forms without parentheses (``entity_name_forms``)."""
    found: list[Name] = []
    for name in names:
        found.append(name)
        found.extend(Name(full=form, kind=name.kind) for form in entity_name_forms(name.full))
    return found


def _key_table(tokens: list[str], abjad: np.ndarray, start: int) -> KeyTable:
    """Blocking keys of tokens[start:]; abjad tokens file their consonant key under "A:", the others
    under "a:" (an abjad query part looks up both, any other part only "A:")."""
    all_keys: list[str] = []
    all_ids: list[int] = []
    for token_id in range(start, len(tokens)):
        norm = tokens[token_id]
        keys = token_keys(norm)
        keys.add((("A:" if abjad[token_id] else "a:") + abjad_key(norm))[:MAX_KEY_CHARS])
        all_keys.extend(keys)
        all_ids.extend([token_id] * len(keys))
    return KeyTable.from_pairs(all_keys, all_ids)


def _as_is(bounds: np.ndarray, names: np.ndarray) -> np.ndarray:
    return bounds


def _weak(weak: np.ndarray) -> np.ndarray:
    """Per name, the factor of its score: WEAK_ALIAS_FACTOR for a weak alias, else 1."""
    return np.where(weak, np.float32(WEAK_ALIAS_FACTOR), np.float32(1.0))


def _in_chunks(names: np.ndarray, bounds: np.ndarray, size: int = 64) -> Iterator[tuple[int, float]]:
    """(name, bound) pairs as Python numbers, converted a chunk at a time: the loop mostly stops
    within the first few (a list of every candidate cost 0.4 ms a query, 2026-11-30)."""
    for start in range(0, len(names), size):
        yield from zip(
            names[start : start + size].tolist(), bounds[start : start + size].tolist(), strict=True
        )


def _lowest_name_score(threshold: float, dob: str | None, country: str | None) -> float:
    """The lowest name score that a date of birth / country can still lift to ``threshold``."""
    low, high = 0.0, threshold
    for _ in range(20):  # max_raise is increasing: bisect
        middle = (low + high) / 2
        if max_raise(middle, dob, country) >= threshold:
            high = middle
        else:
            low = middle
    return low


def _adjust(
    match: Match, dob: str | None, country: str | None, threshold: float, *, explained: bool = True
) -> Match:
    """Raise or lower a name score with the date of birth / country the user gave, and say so; a
    date of birth alone never takes a name at ``threshold`` below it (tracker.matching.adjust)."""
    if dob is None and country is None:
        return match
    score, notes = adjust(match.name_score, match.candidate, dob, country, kept=threshold)
    explanation = match.explanation + "; " + "; ".join(notes) if explained else match.explanation
    return replace(match, score=score, explanation=explanation)
