"""The listed persons' names as the news scanner looks them up: built once per run.

Only individuals are scanned for (entity words are too generic in prose) and weak aliases are left
out (nicknames, "THE AMERICAN" only add noise). A name is kept only when it has a family part and a
written-out given or middle part, since a full-name mention needs both. Each kept name is found

- by its family name: the transliteration skeleton of each family word and its single deletions
  (SymSpell keys, so a text spelling one letter shorter still hits: Andreev / ANDREYEV);
- by its given names: skeleton, deletions, consonant key and metaphone, plus "1:<letter>" for an
  initial ("A. Derkach").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.matching import Candidate, PreparedName, Role, prepare_name
from tracker.names import consonant_key, phonetic_key, split_comma_name, tokenize
from tracker.records import EntityType, Name, NameKind

# Words a name parser may tag as a given name that never identify a person in prose.
_NOT_GIVEN = frozenset({"the", "of", "and", "big", "little", "mr", "mrs"})


@dataclass(slots=True)
class ScanName:
    """One listed name of one person (``owner``: the index of its candidate)."""

    owner: int
    prepared: PreparedName
    family: frozenset[str]  # skeletons of its family parts
    family_raw: frozenset[str]  # the family-name words as the list writes them


@dataclass
class ScanNames:
    """Listed persons' names keyed by family-name and given-name keys (name ids, ascending)."""

    candidates: list[Candidate] = field(default_factory=list)
    names: list[ScanName] = field(default_factory=list)
    family_keys: dict[str, list[int]] = field(default_factory=dict)
    given_keys: dict[str, list[int]] = field(default_factory=dict)
    given_vocabulary: frozenset[str] = frozenset()  # skeletons of listed given names

    def fill(self, candidates: Iterable[Candidate]) -> None:
        """Add every person of ``candidates`` (call once, on an empty object)."""
        family_keys: dict[str, set[int]] = defaultdict(set)
        given_keys: dict[str, set[int]] = defaultdict(set)
        vocabulary: set[str] = set()
        prepared_cache: dict[tuple[str, str | None, str | None, str | None], PreparedName] = {}
        for candidate in candidates:
            if candidate.entity_type != EntityType.INDIVIDUAL:
                continue
            owner = len(self.candidates)
            self.candidates.append(candidate)
            seen: set[tuple[str, ...]] = set()
            for name in candidate.names:
                if name.kind == NameKind.WEAK_AKA:
                    continue
                cache_key = (name.full, name.first, name.middle, name.last)
                prepared = prepared_cache.get(cache_key)
                if prepared is None:
                    prepared = prepared_cache[cache_key] = prepare_name(name, is_person=True)
                signature = tuple(f"{p.norm}/{p.role}" for p in prepared.parts)
                if signature in seen:
                    continue
                seen.add(signature)
                family_raw = family_words(name, prepared)
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
                name_id = len(self.names)
                self.names.append(
                    ScanName(owner, prepared, frozenset(p.skeleton for p in family), family_raw)
                )
                for part in family:
                    for key in skeleton_keys(part.skeleton):
                        family_keys[key].add(name_id)
                for part in others:
                    if part.role == Role.GIVEN:
                        vocabulary.add(part.skeleton)
                    given_keys["1:" + part.skeleton[0]].add(name_id)  # an initial: "A. Derkach"
                    for key in given_name_keys(part.norm, part.skeleton):
                        given_keys[key].add(name_id)
        self.family_keys = {k: sorted(v) for k, v in family_keys.items()}
        self.given_keys = {k: sorted(v) for k, v in given_keys.items()}
        self.given_vocabulary = frozenset(vocabulary)


def family_words(name: Name, prepared: PreparedName) -> frozenset[str]:
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


def skeleton_keys(skeleton: str) -> list[str]:
    """Blocking keys of one skeleton: itself and, from five letters on, its single deletions."""
    if len(skeleton) < 5:
        return [skeleton]
    return [skeleton, *{skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}]


def given_name_keys(norm: str, skeleton: str) -> list[str]:
    """Keys under which a given name is found: skeleton, deletions, consonant and phonetic keys."""
    keys = skeleton_keys(skeleton)
    consonants = consonant_key(norm)
    if len(consonants) >= 3:
        keys.append("c:" + consonants)
    phonetic = phonetic_key(norm)
    if len(phonetic) >= 3:
        keys.append("p:" + phonetic)
    return keys
