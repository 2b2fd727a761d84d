"""Text -> mentions of listed persons, with offsets, the sentence, a score and its explanation.

How a scan works (the index is built ONCE per run, then each article costs one pass over its words):

1. Words are cut with the shared normaliser's word pattern and normalised with the shared
   ``normalize_word`` (possessive "'s" dropped), so offsets and tokens are the ones search uses. Each
   distinct raw word is analysed once and cached: a word is a *trigger* when it is capitalised (or in a
   caseless script) and its transliteration skeleton is within one deletion of the family-name skeleton
   of some listed person (SymSpell keys: Andreev / ANDREYEV, Lifshits / Lifshitz). Cyrillic words also
   try their nominative forms (Деркача -> Деркач, Андрея -> Андрей, Захаровой -> Захарова).
2. Around a trigger, the run of adjacent capitalised words in the same sentence (no punctuation in
   between except an initial's dot or a hyphen) gives candidate spans of 2-4 words containing it.
3. Each span is scored against the listed names sharing the family key with the SAME scorer as
   ``tracker search`` (tracker.matching.score_prepared); the best span per person at or above the
   threshold is a full-name mention.
4. A surname alone (Деркача, Derkach's) counts only after that person's full name appeared earlier in
   the same article; it inherits the full mention's score and says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import regex

from tracker.matching import DEFAULT_THRESHOLD, Candidate, PreparedName, prepare_name, prepare_query
from tracker.matching.score import PARTICLES, PartAlignment, Role, score_prepared, token_similarity
from tracker.names import (
    TITLES,
    consonant_key,
    normalize_word,
    phonetic_key,
    skeleton_key,
    split_comma_name,
    tokenize,
)

# The normaliser's own word pattern and possessive rule: the scanner must cut words exactly as
# tracker.names.tokenize does, but without building a Token per word (tokenize is ~6x slower).
from tracker.names.normalize import _ASCII_WORD as ASCII_WORD
from tracker.names.normalize import _POSSESSIVE as POSSESSIVE
from tracker.names.normalize import _WORD as WORD
from tracker.records import EntityType, Name, NameKind

# The same word patterns with a group: split() gives gaps and words, so offsets come from a running sum.
ASCII_SPLIT = re.compile(f"({ASCII_WORD.pattern})")
WORD_SPLIT = regex.compile(f"({WORD.pattern})")

MAX_SPAN_WORDS = 4
MIN_GIVEN_SIMILARITY = 0.85  # "similar spelling" (0.8) is not the same given name: Mahmoud / Muhammad
_NOT_GIVEN = frozenset({"the", "of", "and", "big", "little", "mr", "mrs"})
_SAME = frozenset({"same", "transliteration", "joined"})
MAX_SIDE_WORDS = 3
WEAK_ALIAS_FACTOR = 0.97
SENTENCE_MAX_CHARS = 600

# Between two words of one name: spaces (at most one line break), a hyphen, or the dot of an initial.
_NAME_GAP = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*|[ \t\u00a0]*[-‐‑][ \t\u00a0]*")
_INITIAL_GAP = re.compile(r"\.[ \t\u00a0]*\n?[ \t\u00a0]*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SENTENCE_END = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*\s+|\n\s*\n|\n(?=\s*[-•*\d])")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "jr", "sr", "vs"}
)

# Nominative forms of variant Russian / Ukrainian names: suffix -> replacements (most likely first).
_CYRILLIC_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ові", ("",)),
    ("еві", ("", "й")),
    ("ого", ("ий", "ой", "ый")),
    ("ому", ("ий", "ой", "ый")),
    ("ими", ("ий",)),
    ("ым", ("", "ый")),
    ("им", ("ий", "")),
    ("ом", ("",)),
    ("ем", ("", "й", "ь")),
    ("ём", ("",)),
    ("ой", ("а", "ая")),
    ("ою", ("а", "я")),
    ("ої", ("а",)),
    ("ії", ("ія", "ій")),
    ("ї", ("я",)),
    ("ій", ("а", "ія")),
    ("ую", ("ая",)),
    ("ей", ("я", "ь")),
    ("ею", ("я",)),
    ("а", ("", "ь")),
    ("я", ("й", "ь", "")),
    ("у", ("",)),
    ("ю", ("й", "ь", "я")),
    ("е", ("", "а", "я", "й")),
    ("і", ("а", "я", "")),
    ("и", ("я", "а", "ь", "")),
    ("ы", ("а",)),
)


@lru_cache(maxsize=100_000)
def nominative_forms(word: str) -> tuple[str, ...]:
    """Candidate nominative spellings of an variant Cyrillic name (the word itself excluded)."""
    lower = word.lower()
    forms: list[str] = []
    for suffix, replacements in _CYRILLIC_ENDINGS:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)]
            forms.extend(stem + r for r in replacements)
    return tuple(dict.fromkeys(f for f in forms if f.lower() != lower))


# How other languages write Russian / Ukrainian names in Latin script (German Schoigu, Abramowitsch;
# French Poutine, Prigojine, Tchaikovski): the English-style spelling is tried as an alternative form.
_LATIN_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), repl)
    for pattern, repl in (
        (r"witsch$", "vich"),
        (r"dsch", "dzh"),
        (r"tsch", "ch"),
        (r"tch", "ch"),
        (r"sch", "sh"),
        (r"(?<=[^aeiou][aeiouy]n)e$", ""),  # French -ine / -ene: Poutine, Prigojine, Outkine
        (r"^j(?=[aeiou])", "y"),  # German Jewgeni, Jelena
    )
)


@lru_cache(maxsize=100_000)
def latin_forms(word: str) -> tuple[str, ...]:
    """English-style spellings of a Latin-script word written in German / French conventions."""
    forms = []
    current = word
    for pattern, repl in _LATIN_VARIANTS:
        changed = pattern.sub(repl, current)
        if changed != current:
            current = changed
            forms.append(changed)
    return (current,) if forms else ()


def _deletions(key: str) -> set[str]:
    if len(key) < 5:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _is_name_like(raw: str) -> bool:
    """Capitalised, or in a script without case (Arabic, Chinese...); never a number."""
    first = raw[0]
    if first.isdigit():
        return False
    if len(raw) <= 3 and raw.isupper():
        return False  # US, UK, EU, BBC: acronyms, not names
    return first.isupper() or (first.isalpha() and not first.islower())


@dataclass(slots=True)
class _Word:
    """What the scanner knows about one distinct raw word (cached across articles)."""

    strip: int  # characters dropped at the end (possessive 's)
    forms: tuple[str, ...]  # the word itself (possessive dropped), then nominative forms (Cyrillic)
    skeletons: frozenset[str]  # skeletons of all its forms
    family: tuple[str, ...]  # family-name keys it hits (non-empty: the word is a trigger)
    norms: tuple[str, ...]
    given_keys: tuple[str, ...] | None  # given-name keys it hits; computed on first need
    particle: bool


@dataclass(slots=True)
class ScanName:
    owner: int
    prepared: PreparedName
    factor: float  # weak aliases count slightly less
    family: frozenset[str]  # skeletons of its family parts
    family_raw: frozenset[str]  # the family-name words as the list writes them


@dataclass(frozen=True, slots=True)
class Found:
    """One mention: which listed person, where in the text, and why."""

    key: tuple[str, str]
    candidate: Candidate
    matched_text: str
    matched_name: str
    start: int
    end: int
    sentence: str
    score: float
    explanation: str
    surname_only: bool = False


@dataclass(slots=True)
class _Hit:
    owner: int
    name_id: int
    start: int
    end: int
    score: float
    explanation: str
    first_word: int
    last_word: int


def _keys(skeleton: str) -> list[str]:
    """Blocking keys of one skeleton: itself and its single deletions (typo tolerance)."""
    return [skeleton, *_deletions(skeleton)]


def _given_keys(norm: str, skeleton: str) -> list[str]:
    """Keys under which a given name is found: skeleton, deletions, consonant and phonetic keys."""
    keys = _keys(skeleton)
    consonants = consonant_key(norm)
    if len(consonants) >= 3:
        keys.append("c:" + consonants)
    phonetic = phonetic_key(norm)
    if len(phonetic) >= 3:
        keys.append("p:" + phonetic)
    return keys


@dataclass
class ScanIndex:
    """Listed persons' names keyed by family-name and given-name keys: built once, used for every article."""

    candidates: list[Candidate] = field(default_factory=list)
    names: list[ScanName] = field(default_factory=list)
    family_keys: dict[str, list[int]] = field(default_factory=dict)
    given_keys: dict[str, list[int]] = field(default_factory=dict)
    given_vocabulary: frozenset[str] = frozenset()  # skeletons of listed given names
    threshold: float = DEFAULT_THRESHOLD
    _words: dict[str, _Word | None] = field(default_factory=dict, repr=False)
    _known: set[str] = field(default_factory=set, repr=False)
    _triggers: set[str] = field(default_factory=set, repr=False)
    _sets: dict[tuple[str, ...], frozenset[int]] = field(default_factory=dict, repr=False)
    _queries: dict[str, PreparedName] = field(default_factory=dict, repr=False)
    _scores: dict[tuple[str, int], tuple[float, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, candidates: Iterable[Candidate], *, threshold: float = DEFAULT_THRESHOLD) -> ScanIndex:
        index = cls(threshold=threshold)
        family_keys: dict[str, set[int]] = defaultdict(set)
        given_keys: dict[str, set[int]] = defaultdict(set)
        vocabulary: set[str] = set()
        prepared_cache: dict[tuple[str, str | None, str | None, str | None], PreparedName] = {}
        for candidate in candidates:
            if candidate.entity_type != EntityType.INDIVIDUAL:
                continue  # news mentions are about persons; entity words are too generic to scan for
            owner = len(index.candidates)
            index.candidates.append(candidate)
            seen: set[tuple[str, ...]] = set()
            for name in candidate.names:
                if name.kind == NameKind.WEAK_AKA:
                    continue  # low-quality aliases (nicknames, "THE AMERICAN") only add noise in prose
                cache_key = (name.full, name.first, name.middle, name.last)
                prepared = prepared_cache.get(cache_key)
                if prepared is None:
                    prepared = prepared_cache[cache_key] = prepare_name(name, is_person=True)
                signature = tuple(f"{p.norm}/{p.role}" for p in prepared.parts)
                if signature in seen:
                    continue
                seen.add(signature)
                family_raw = _family_words(name, prepared)
                family = [p for p in prepared.parts if p.raw in family_raw and len(p.skeleton) >= 2]
                others = [
                    p
                    for p in prepared.parts
                    if p.role in (Role.GIVEN, Role.MIDDLE)
                    and p.raw not in family_raw
                    and len(p.norm) > 1
                    and p.norm not in _NOT_GIVEN
                ]
                if not family or not others:
                    continue  # a single-word name cannot make a full-name mention
                name_id = len(index.names)
                factor = WEAK_ALIAS_FACTOR if name.kind == NameKind.WEAK_AKA else 1.0
                index.names.append(
                    ScanName(owner, prepared, factor, frozenset(p.skeleton for p in family), family_raw)
                )
                for part in family:
                    for key in _keys(part.skeleton):
                        family_keys[key].add(name_id)
                for part in others:
                    if part.role == Role.GIVEN:
                        vocabulary.add(part.skeleton)
                    given_keys["1:" + part.skeleton[0]].add(name_id)  # an initial: "A. Derkach"
                    for key in _given_keys(part.norm, part.skeleton):
                        given_keys[key].add(name_id)
        index.family_keys = {k: sorted(v) for k, v in family_keys.items()}
        index.given_keys = {k: sorted(v) for k, v in given_keys.items()}
        index.given_vocabulary = frozenset(vocabulary)
        return index

    def __len__(self) -> int:
        return len(self.candidates)

    # -- per distinct word -------------------------------------------------------------------------

    def _learn(self, raw: str) -> None:
        """Analyse a raw word once and remember it (bounded memory on endless streams)."""
        if len(self._words) > 500_000:
            self._words.clear()
            self._known.clear()
            self._triggers.clear()
        info = self._analyse(raw)
        self._words[raw] = info
        self._known.add(raw)
        if info is not None and info.family:
            self._triggers.add(raw)

    def _analyse(self, raw: str, *, force: bool = False) -> _Word | None:
        strip = 0
        if len(raw) > 2 and POSSESSIVE.search(raw):
            strip = 2
            raw = raw[:-2]
        if not force and not _is_name_like(raw):
            return None
        if _CYRILLIC.search(raw):
            forms: tuple[str, ...] = (raw, *nominative_forms(raw))
        elif raw.isascii():
            forms = (raw, *latin_forms(raw))
        else:
            forms = (raw,)
        norms = {norm for form in forms for norm in normalize_word(form) if norm}
        if not norms:
            return None
        skeletons = frozenset(skeleton_key(n) for n in norms)
        family: list[str] = []
        for norm in norms:
            # the listed side carries its single deletions, so a text spelling one letter shorter
            # (Andreev / ANDREYEV) still hits; the text side is looked up as it is
            skeleton = skeleton_key(norm)
            if skeleton in self.family_keys:
                family.append(skeleton)
        particle = any(n in PARTICLES for n in norms)
        return _Word(
            strip, forms, skeletons, tuple(sorted(set(family))), tuple(sorted(norms)), None, particle
        )

    def _given(self, info: _Word) -> tuple[str, ...]:
        """Given-name keys a word hits (only words next to a family name ever need them)."""
        if info.given_keys is None:
            found: set[str] = set()
            for norm in info.norms:
                skeleton = skeleton_key(norm)
                keys = ["1:" + skeleton[0]] if len(norm) == 1 else _given_keys(norm, skeleton)
                found.update(k for k in keys if k in self.given_keys)
            info.given_keys = tuple(sorted(found))
        return info.given_keys

    def _union(self, table: dict[str, list[int]], keys: tuple[str, ...]) -> frozenset[int]:
        cache_key = (id(table) == id(self.family_keys) and "F" or "G", *keys)
        found = self._sets.get(cache_key)
        if found is None:
            merged: set[int] = set()
            for key in keys:
                merged.update(table.get(key, ()))
            found = frozenset(merged)
            if len(self._sets) > 200_000:
                self._sets.clear()
            self._sets[cache_key] = found
        return found

    # -- per article -------------------------------------------------------------------------------

    def scan(self, text: str) -> list[Found]:
        """Every mention of a listed person in ``text``, in text order."""
        # one regex pass: [gap, word, gap, word, ..., gap]; offsets by a running sum (all in C)
        parts = (ASCII_SPLIT if text.isascii() else WORD_SPLIT).split(text)
        words = parts[1::2]
        if not self._known.issuperset(words):
            for raw in set(words).difference(self._known):
                self._learn(raw)
        triggers_set = self._triggers
        if triggers_set.isdisjoint(words):
            return []
        ends = list(accumulate(map(len, parts)))
        spans = list(zip(ends[0::2], ends[1::2], strict=False))
        triggers = [i for i, w in enumerate(words) if w in triggers_set]
        cache = self._words
        infos: list[_Word | None] = [None] * len(words)
        for i in triggers:  # only words near a family name are ever looked at
            for k in range(max(0, i - MAX_SIDE_WORDS - 1), min(len(words), i + MAX_SIDE_WORDS + 1)):
                infos[k] = cache[words[k]]
        hits = self._full_name_hits(text, words, spans, infos, triggers)
        hits += self._surname_hits(text, spans, infos, triggers, hits)
        hits.sort(key=lambda h: (h.start, h.owner))
        return [self._found(text, h) for h in hits]

    def _full_name_hits(
        self,
        text: str,
        words: list[str],
        spans: list[tuple[int, int]],
        infos: list[_Word | None],
        triggers: list[int],
    ) -> list[_Hit]:
        best: dict[tuple[int, int], _Hit] = {}  # (owner, trigger word) -> best hit
        for i in triggers:
            info = infos[i]
            assert info is not None
            left, right = self._useful_run(text, words, spans, infos, i)
            if left == right:
                continue
            # a hyphenated compound (Jong-un, Padrino-Lopez) is never cut in two
            hyphen = {k for k in range(left, right) if "-" in text[spans[k][1] : spans[k + 1][0]]}
            family = self._union(self.family_keys, info.family)
            for a in range(left, i + 1):
                if a - 1 in hyphen:
                    continue
                for b in range(max(i, a + 1), min(right, a + MAX_SPAN_WORDS - 1) + 1):
                    if b not in hyphen:
                        self._score_span(text, spans, infos, a, b, i, family, best)
        return _drop_overlaps(list(best.values()))

    def _neighbour(
        self,
        text: str,
        words: list[str],
        spans: list[tuple[int, int]],
        infos: list[_Word | None],
        k: int,
        joined_to: int,
    ) -> _Word | None:
        """Word k as part of a name: capitalised as usual, or a lower-case particle (al, bin, van) or
        the lower-case half of a hyphenated name (Jong-un), analysed on demand."""
        info = infos[k]
        if info is None:
            raw = words[k]
            low, high = min(k, joined_to), max(k, joined_to)
            hyphenated = "-" in text[spans[low][1] : spans[high][0]]
            if raw.isalpha() and (hyphenated or raw.lower() in PARTICLES):
                info = infos[k] = self._analyse(raw, force=True)
        return info

    def _useful_run(
        self, text: str, words: list[str], spans: list[tuple[int, int]], infos: list[_Word | None], i: int
    ) -> tuple[int, int]:
        """Adjacent words around word i that could be part of a listed name (given-name keys or
        particles), within one sentence: (first, last) word index. Other words could only lower a score."""
        left = i
        while left > 0 and i - left < MAX_SIDE_WORDS:
            previous = self._neighbour(text, words, spans, infos, left - 1, left)
            if previous is None or not (previous.particle or self._given(previous)):
                break
            if not self._joined(text, spans, left - 1, left):
                break
            left -= 1
        right = i
        while right + 1 < len(spans) and right + 1 < len(infos) and right - i < MAX_SIDE_WORDS:
            following = self._neighbour(text, words, spans, infos, right + 1, right)
            if following is None or not (following.particle or self._given(following)):
                break
            if not self._joined(text, spans, right, right + 1):
                break
            right += 1
        return left, right

    @staticmethod
    def _joined(text: str, spans: list[tuple[int, int]], a: int, b: int) -> bool:
        gap = text[spans[a][1] : spans[b][0]]
        if _NAME_GAP.fullmatch(gap):
            return True
        if _INITIAL_GAP.fullmatch(gap):  # "A. Derkach", "Mr. Lavrov"
            word = text[spans[a][0] : spans[a][1]]
            return len(word) == 1 or word.lower() in _ABBREVIATIONS
        return False

    def _score_span(
        self,
        text: str,
        spans: list[tuple[int, int]],
        infos: list[_Word | None],
        a: int,
        b: int,
        trigger: int,
        family: frozenset[int],
        best: dict[tuple[int, int], _Hit],
    ) -> None:
        given: set[int] = set()
        variant = False
        for k in range(a, b + 1):
            info = infos[k]
            assert info is not None
            variant = variant or len(info.forms) > 1
            if k != trigger and info.given_keys:
                given.update(self._union(self.given_keys, info.given_keys))
        candidates = family & given
        if not candidates:
            return
        last = infos[b]
        assert last is not None
        start, end = spans[a][0], spans[b][1] - last.strip
        for name_id in candidates:
            name = self.names[name_id]
            query = self._nominative_query(infos, a, b, name.prepared) if variant else text[start:end]
            score, explanation = self._score(query, name_id)
            score = round(score * name.factor, 4)
            if score < self.threshold:
                continue
            slot = (name.owner, trigger)
            previous = best.get(slot)
            if (
                previous is None
                or score > previous.score
                or (score == previous.score and end - start < previous.end - previous.start)
            ):
                best[slot] = _Hit(name.owner, name_id, start, end, score, explanation, a, b)

    def _nominative_query(self, infos: list[_Word | None], a: int, b: int, listed: PreparedName) -> str:
        """The span with each variant Cyrillic word replaced by its form closest to the listed name."""
        chosen = []
        for k in range(a, b + 1):
            info = infos[k]
            assert info is not None
            if len(info.forms) == 1:
                chosen.append(info.forms[0])
                continue
            chosen.append(max(info.forms, key=lambda form: _closeness(form, listed)))
        return " ".join(chosen)

    def _score(self, query: str, name_id: int) -> tuple[float, str]:
        key = (query, name_id)
        cached = self._scores.get(key)
        if cached is None:
            prepared = self._queries.get(query)
            if prepared is None:
                prepared = self._queries[query] = prepare_query(query)
            if len(prepared.parts) < 2:
                cached = (0.0, "")  # a title plus a surname is not a full name
            else:
                result = score_prepared(prepared, self.names[name_id].prepared)
                reason = _weak_evidence(result.alignments, self.names[name_id].family_raw)
                if reason:
                    cached = (0.0, f"{result.explanation} (rejected: {reason})")
                else:
                    cached = (result.score, result.explanation)
            if len(self._scores) > 200_000:
                self._scores.clear()
                self._queries.clear()
            self._scores[key] = cached
        return cached

    def _surname_hits(
        self,
        text: str,
        spans: list[tuple[int, int]],
        infos: list[_Word | None],
        triggers: list[int],
        full: list[_Hit],
    ) -> list[_Hit]:
        """A surname alone, after the same person's full name appeared earlier in the article."""
        if not full:
            return []
        covered = {k for h in full for k in range(h.first_word, h.last_word + 1)}
        firsts: dict[int, _Hit] = {}
        for hit in sorted(full, key=lambda h: h.start):
            firsts.setdefault(hit.owner, hit)
        hits: list[_Hit] = []
        for i in triggers:
            info = infos[i]
            if info is None or i in covered:
                continue
            if self._after_other_given_name(text, spans, infos, i):
                continue  # "Oleg Derkach" after "Andrii Derkach": a namesake, not the same person
            for owner, first in firsts.items():
                if first.start >= spans[i][0]:
                    continue
                if not (self.names[first.name_id].family & info.skeletons):
                    continue
                end = spans[i][1] - info.strip
                note = f"surname alone, after the full name at {first.start}: {first.explanation}"
                hits.append(_Hit(owner, first.name_id, spans[i][0], end, first.score, note, i, i))
        return hits

    def _after_other_given_name(
        self, text: str, spans: list[tuple[int, int]], infos: list[_Word | None], i: int
    ) -> bool:
        """Is word i directly preceded by a capitalised given name (not a title)?"""
        previous = infos[i - 1] if i else None
        if previous is None or not self._joined(text, spans, i - 1, i):
            return False
        norms = normalize_word(previous.forms[0])
        if not norms or norms[0] in TITLES:
            return False
        return bool(previous.skeletons & self.given_vocabulary)

    def _found(self, text: str, hit: _Hit) -> Found:
        candidate = self.candidates[hit.owner]
        return Found(
            candidate.key,
            candidate,
            text[hit.start : hit.end],
            self.names[hit.name_id].prepared.text,
            hit.start,
            hit.end,
            sentence_at(text, hit.start, hit.end),
            hit.score,
            hit.explanation,
            hit.first_word == hit.last_word,
        )


def _family_words(name: Name, prepared: PreparedName) -> frozenset[str]:
    """The family-name words of a listed name: the list's last-name field, the part before the comma,
    capitalised words in a mixed-case name (EU "Delcy Eloina RODRÍGUEZ GÓMEZ"), or the scorer's
    family role. Particles (al, van) are left out: they are never the word a text is keyed on."""
    words: set[str] = {p.raw for p in prepared.parts if p.role == Role.FAMILY}
    if name.last:
        words.update(t.raw for t in tokenize(name.last))
    comma = split_comma_name(name.full)
    if comma is not None:
        words.update(t.raw for t in tokenize(comma[0]))
    raws = [p.raw for p in prepared.parts]
    upper = [r for r in raws if len(r) > 1 and r.isupper()]
    if upper and len(upper) < len(raws):
        words.update(upper)
    return frozenset(p.raw for p in prepared.parts if p.raw in words and p.role != Role.PARTICLE)


def _weak_evidence(alignments: Iterable[PartAlignment], family_raw: frozenset[str]) -> str | None:
    """Why an alignment is not good enough to say a news text names this person, else None.

    Search may rank a near miss; a news mention must name the person: a family name spelled the same
    up to transliteration (a spelling difference only inside the word: Andreev / ANDREYEV, not
    Yushchenko / ISHCHENKO), and a written-out given name that is the same name up to spelling
    (Volodymyr / Vladimir, Evgueni / Yevgeniy; not Marina / Maria, not Francesca / Francesco). Missing
    optional parts are left to the score.
    """
    given_ok = False
    family_seen = False
    for a in alignments:
        if a.query is None or a.listed is None:
            continue
        if any(word in family_raw for word in a.listed.split()):
            if not (a.how in _SAME or _inner_change(a.query, a.listed)):
                return f"family name {a.listed} only resembles {a.query}"
            family_seen = True
        elif a.role in (Role.GIVEN, Role.MIDDLE) and len(a.query) > 1 and a.how != "initial":
            close = a.how in _SAME or (
                a.similarity >= 0.75 and _inner_change(a.query, a.listed, skeleton=True)
            )
            given_ok = given_ok or close
    if not family_seen:
        return "family name not matched"
    if not given_ok:
        return "no given name written out"
    return None


def _inner_change(query: str, listed: str, *, skeleton: bool = False) -> bool:
    """Do two spellings differ only in vowels inside the word: same first and last letter, same
    consonants (Ukrainian h = Russian g)? Andreev / ANDREYEV and Serhii / Sergei yes; Yushchenko /
    ISHCHENKO, Marina / Maria, Francesca / Francesco no. Given names compare transliteration
    skeletons (Evgueni / Yevgeniy)."""
    q = "".join(normalize_word(query))
    n = "".join(normalize_word(listed))
    if skeleton:
        q, n = skeleton_key(q), skeleton_key(n)
    if not q or not n or q[0] != n[0] or q[-1] != n[-1]:
        return False
    return consonant_key(q).replace("g", "h") == consonant_key(n).replace("g", "h")


def _closeness(form: str, listed: PreparedName) -> float:
    best = 0.0
    for norm in normalize_word(form):
        for part in listed.parts:
            similarity, _ = token_similarity(norm, part.norm)
            best = max(best, similarity)
    return best


def _drop_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """One person, one span: where two hits of the same person overlap keep the better one."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.score, h.start)):
        if any(k.owner == hit.owner and k.start < hit.end and hit.start < k.end for k in kept):
            continue
        kept.append(hit)
    return kept


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (bounded to a few hundred characters), whitespace folded."""
    window_start = max(0, start - SENTENCE_MAX_CHARS)
    sentence_start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, start):
        if not _is_abbreviation(text, match.start()):
            sentence_start = match.end()
    sentence_end = min(len(text), end + SENTENCE_MAX_CHARS)
    for match in _SENTENCE_END.finditer(text, end, sentence_end):
        if not _is_abbreviation(text, match.start()):
            sentence_end = match.start() + len(match.group().rstrip())
            break
    return " ".join(text[sentence_start:sentence_end].split())


def _is_abbreviation(text: str, dot: int) -> bool:
    """A dot after an initial or a title abbreviation does not end the sentence."""
    if dot >= len(text) or text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:dot]
    return len(word) == 1 and word.isupper() or word.lower() in _ABBREVIATIONS
