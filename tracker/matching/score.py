"""Explainable name scorer: align the parts of a query with the parts of one listed name.

Each side is split into tokens by the shared normaliser (tracker.names) and every listed token gets a
role: family, given, middle (middle names and patronymics), particle (al, bin, van ...) or, for
entities and vessels, "word". Tokens are aligned one-to-one (greedy on similarity x weight, then
concatenation repairs such as "Abdul Rahman" / "Abdulrahman"), and the score is

    sum(similarity x weight over aligned parts) / (weights of aligned parts + weights of missing parts)

where a missing family name costs most, a missing given name costs fully, and missing middle names or
patronymics on EITHER side cost almost nothing (they are optional). A shared given name alone therefore
cannot reach a match: "Andrii Shevchenko" vs "Andrii Leonidovych DERKACH" scores 1 / (1 + 1 + 1.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from tracker.names import (
    consonant_key,
    phonetic_key,
    skeleton_key,
    split_comma_name,
    strip_titles,
    token_pairs,
)
from tracker.records import Name


class Role(StrEnum):
    FAMILY = "family"
    GIVEN = "given"
    MIDDLE = "middle"  # middle names and patronymics: optional on either side
    PARTICLE = "particle"  # al, bin, van, de ...: nearly free
    WORD = "word"  # entity / vessel name word
    STOP = "stop"  # legal form or filler word of an entity name (llc, company, of)


# Weight of a listed part when it is aligned, and its cost when the query lacks it.
MATCH_WEIGHT = {
    Role.FAMILY: 1.5,
    Role.GIVEN: 1.0,
    Role.MIDDLE: 0.5,
    Role.PARTICLE: 0.15,
    Role.WORD: 1.0,
    Role.STOP: 0.2,
}
MISSING_WEIGHT = {
    Role.FAMILY: 1.5,
    Role.GIVEN: 1.0,
    Role.MIDDLE: 0.1,
    Role.PARTICLE: 0.03,
    Role.WORD: 1.0,
    Role.STOP: 0.1,
}
# Cost of a query part the listed name lacks: its first and last words are core, inner words are
# probably middle names or patronymics (optional), particles nearly free.
QUERY_EXTRA_CORE = 1.0
QUERY_EXTRA_INNER = 0.35
QUERY_EXTRA_PARTICLE = 0.03
# A family name matched only by a typo together with a given name that is not exactly the same.
WEAK_PAIR_FACTOR = 0.85
_LOOSE_FAMILY = frozenset({"typo"})
# Similarity below this does not align two tokens at all.
MIN_SIMILARITY = 0.7

PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ud",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "bin",
        "ibn",
        "bint",
        "ben",
        "bat",
        "binti",
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "ten",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "ter",
        "y",
        "e",
    ]
)
ENTITY_STOPWORDS = frozenset(
    [
        "llc",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "oao",
        "zao",
        "pao",
        "ooo",
        "tov",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "plc",
        "lp",
        "llp",
        "fze",
        "fzco",
        "fzc",
        "fz",
        "est",
        "establishment",
        "the",
        "of",
        "and",
        "for",
        "in",
        "trading",
        "group",
        "holding",
        "holdings",
        "international",
    ]
)
_PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ich|ovna|evna|ivna|ichna|ogly|oglu|ugli|kyzy|qizi)$")


class Part(NamedTuple):
    """One token of a prepared name."""

    norm: str
    raw: str
    role: Role
    skeleton: str


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready for scoring: its parts with roles. Built once per listed name at index time."""

    text: str
    parts: tuple[Part, ...]
    is_person: bool


class PartAlignment(NamedTuple):
    """How one query part lines up with one listed part (either side may be missing)."""

    query: str | None  # raw query token(s)
    listed: str | None  # raw listed token(s)
    role: Role | None  # role of the listed part
    similarity: float
    how: str  # "same", "transliteration", "same name", "typo", "sounds alike", "initial", ...


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    explanation: str
    alignments: tuple[PartAlignment, ...]


@lru_cache(maxsize=200_000)
def _part(norm: str, raw: str, role: Role) -> Part:
    # Cached: the same part recurs across names and lists (and one object pickles once).
    return Part(norm, raw, role, skeleton_key(norm))


@lru_cache(maxsize=100_000)
def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """(norm, raw) pairs of a text; cached because given and family names recur across entries."""
    return token_pairs(text)


def _raw_tokens(text: str) -> list[tuple[str, str]]:
    """(norm, raw) pairs with titles stripped (strip_titles works on norms)."""
    pairs = list(_pairs(text))
    norms = strip_titles([n for n, _ in pairs])
    if len(norms) == len(pairs):
        return pairs
    start = next(i for i in range(len(pairs)) if [n for n, _ in pairs[i : i + len(norms)]] == norms)
    return pairs[start : start + len(norms)]


def _assign_person_roles(pairs: list[tuple[str, str]], family_flags: list[bool] | None) -> list[Part]:
    """Roles from explicit family flags, else from the shape of the name."""
    n = len(pairs)
    if n == 0:
        return []
    roles: list[Role]
    if family_flags is not None and any(family_flags) and not all(family_flags):
        roles = []
        seen_given = False
        # Particles ("AL-MUHANDIS") do not count as family words. Exactly two family words (Spanish
        # "RODRIGUEZ GOMEZ", Portuguese "LULA DA SILVA") are both family: either alone is accepted
        # (score_alignment). With more, the first is the family name and the rest optional.
        family_words = [i for i, f in enumerate(family_flags) if f and pairs[i][0] not in PARTICLES]
        both = len(family_words) == 2
        for i, is_family in enumerate(family_flags):
            if is_family:
                first = bool(family_words) and i == family_words[0]
                roles.append(Role.FAMILY if first or both and i in family_words else Role.MIDDLE)
            elif not seen_given:
                roles.append(Role.GIVEN)
                seen_given = True
            else:
                roles.append(Role.MIDDLE)
    elif n == 1:
        roles = [Role.FAMILY]
    elif n >= 3 and _PATRONYMIC.search(pairs[-1][0]):
        # Russian official order: FAMILY Given Patronymic.
        roles = [Role.FAMILY, Role.GIVEN] + [Role.MIDDLE] * (n - 2)
    else:
        roles = [Role.GIVEN] + [Role.MIDDLE] * (n - 2) + [Role.FAMILY]
    parts = []
    for (norm, raw), role in zip(pairs, roles, strict=True):
        if norm in PARTICLES and n > 1:
            role = Role.PARTICLE
        elif role != Role.FAMILY and _PATRONYMIC.search(norm) and len(norm) > 6:
            role = Role.MIDDLE
        parts.append(_part(norm, raw, role))
    return parts


def _is_upper_word(raw: str) -> bool:
    return len(raw) > 1 and raw.isupper()


def prepare_name(name: Name | str, *, is_person: bool = True) -> PreparedName:
    """Split a listed name (or a query) into role-tagged parts.

    Family name from, in order: the list's own last-name field; "FAMILY, Given" comma order; an
    all-capitals word among mixed-case words (OFAC "Andrii Leonidovych DERKACH"); else the position.
    """
    if isinstance(name, str):
        name = Name(full=name)
    text = name.full
    if not is_person:
        parts = [
            _part(norm, raw, Role.STOP if norm in ENTITY_STOPWORDS else Role.WORD)
            for norm, raw in _pairs(text)
        ]
        return PreparedName(text, tuple(parts), False)
    if name.last and (name.first or name.middle):
        given = _raw_tokens(" ".join(p for p in (name.first, name.middle) if p))
        family = list(_pairs(name.last))
        pairs = given + family
        flags = [False] * len(given) + [True] * len(family)
        return PreparedName(text, tuple(_assign_person_roles(pairs, flags)), True)
    comma = split_comma_name(text)
    if comma is not None:
        given = _raw_tokens(comma[1])
        family = list(_pairs(comma[0]))
        flags = [False] * len(given) + [True] * len(family)
        return PreparedName(text, tuple(_assign_person_roles(given + family, flags)), True)
    pairs = _raw_tokens(text)
    upper = [_is_upper_word(raw) for _, raw in pairs]
    # Only scripts with letter case say anything by capitals (Latin with accents, Cyrillic, Greek).
    mixed = any(upper) and not all(upper) and all(raw.lower() != raw.upper() for _, raw in pairs)
    return PreparedName(text, tuple(_assign_person_roles(pairs, upper if mixed else None)), True)


def _edit_budget(length: int) -> int:
    if length <= 4:
        return 0
    if length <= 7:
        return 1
    if length <= 11:
        return 2
    return 3


@lru_cache(maxsize=500_000)
def token_similarity(query: str, listed: str) -> tuple[float, str]:
    """Similarity of two normalised tokens in [0, 1] and how they relate."""
    if query == listed:
        return 1.0, "same"
    if len(query) == 1 or len(listed) == 1:
        if query[0] == listed[0]:
            return 0.7, "initial"
        return 0.0, ""
    skel_q, skel_l = skeleton_key(query), skeleton_key(listed)
    if skel_q == skel_l:
        return 0.95, "transliteration"
    longest = max(len(skel_q), len(skel_l))
    distance = Levenshtein.distance(skel_q, skel_l)
    if distance <= _edit_budget(longest):
        return round(1.0 - distance / (longest + 2), 3), "typo"
    cons_q = consonant_key(query)
    if len(cons_q) >= 4 and cons_q == consonant_key(listed) and distance <= longest // 2:
        return 0.8, "similar spelling"
    if len(query) >= 4 and phonetic_key(query) == phonetic_key(listed) and distance <= longest // 3:
        return 0.8, "sounds alike"
    return 0.0, ""


def _query_extra_cost(index: int, count: int, norm: str) -> float:
    if norm in PARTICLES and count > 1:
        return QUERY_EXTRA_PARTICLE
    if 0 < index < count - 1 or _PATRONYMIC.search(norm) and len(norm) > 6:
        return QUERY_EXTRA_INNER
    return QUERY_EXTRA_CORE


def align(query: PreparedName, listed: PreparedName) -> list[PartAlignment]:
    """Greedy one-to-one alignment, then concatenation repairs; missing parts on both sides."""
    qparts, lparts = query.parts, listed.parts
    pairs: list[tuple[float, int, int, float, str]] = []
    for i, qp in enumerate(qparts):
        for j, lp in enumerate(lparts):
            sim, how = token_similarity(qp.norm, lp.norm)
            if sim >= MIN_SIMILARITY:
                pairs.append((sim * MATCH_WEIGHT[lp.role], i, j, sim, how))
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2])))
    q_used: dict[int, tuple[int, ...]] = {}
    l_used: dict[int, int] = {}
    found: list[tuple[tuple[int, ...], tuple[int, ...], float, str]] = []
    for _, i, j, sim, how in pairs:
        if i in q_used or j in l_used:
            continue
        q_used[i] = (j,)
        l_used[j] = i
        found.append(((i,), (j,), sim, how))
    _repair_concatenations(qparts, lparts, q_used, l_used, found)
    result: list[PartAlignment] = []
    for qi, lj, sim, how in sorted(found, key=lambda f: f[1]):
        role = max((lparts[j].role for j in lj), key=lambda r: MATCH_WEIGHT[r])
        result.append(
            PartAlignment(
                " ".join(qparts[i].raw for i in qi),
                " ".join(lparts[j].raw for j in lj),
                role,
                sim,
                how,
            )
        )
    for j, lp in enumerate(lparts):
        if j not in l_used:
            result.append(PartAlignment(None, lp.raw, lp.role, 0.0, "missing"))
    for i, qp in enumerate(qparts):
        if i not in q_used:
            result.append(PartAlignment(qp.raw, None, None, 0.0, "extra"))
    return result


def _repair_concatenations(
    qparts: tuple[Part, ...],
    lparts: tuple[Part, ...],
    q_used: dict[int, tuple[int, ...]],
    l_used: dict[int, int],
    found: list[tuple[tuple[int, ...], tuple[int, ...], float, str]],
) -> None:
    """ "Abdulrahman" vs "Abdul Rahman", "alzawahiri" vs "al zawahiri": join two adjacent parts."""
    for side_a, side_b, used_a, used_b, flip in (
        (qparts, lparts, q_used, l_used, False),
        (lparts, qparts, l_used, q_used, True),
    ):
        for i, part in enumerate(side_a):
            if i in used_a or len(part.skeleton) < 5:
                continue
            for j in range(len(side_b) - 1):
                if j in used_b or j + 1 in used_b:
                    continue
                joined = side_b[j].skeleton + side_b[j + 1].skeleton
                distance = Levenshtein.distance(part.skeleton, joined)
                if distance > _edit_budget(len(joined)) // 2:
                    continue
                sim = 0.95 if distance == 0 else 0.85
                used_a[i] = (j, j + 1)  # type: ignore[assignment]
                used_b[j] = used_b[j + 1] = i  # type: ignore[assignment]
                if flip:
                    found.append(((j, j + 1), (i,), sim, "joined"))
                else:
                    found.append(((i,), (j, j + 1), sim, "joined"))
                break


def _role_weight(alignment: PartAlignment, listed: PreparedName) -> float:
    assert alignment.role is not None
    return MATCH_WEIGHT[alignment.role]


def _weak_pair(alignments: list[PartAlignment]) -> bool:
    """The family name matches only by a typo and no given name matches exactly: two loose parts
    together are weak evidence ("Andrii Shevchuk" is not "Andrei SHEVCHIK")."""
    family = [a.how for a in alignments if a.role == Role.FAMILY and a.query is not None]
    if not family or any(how not in _LOOSE_FAMILY for how in family):
        return False
    return not any(a.role == Role.GIVEN and a.how == "same" for a in alignments)


def score_alignment(query: PreparedName, listed: PreparedName, alignments: list[PartAlignment]) -> float:
    gained = total = 0.0
    qcount = len(query.parts)
    q_index = {p.raw: i for i, p in enumerate(query.parts)}
    family_found = any(a.role == Role.FAMILY and a.query is not None for a in alignments)
    for a in alignments:
        if a.how == "missing":
            assert a.role is not None
            role = Role.MIDDLE if a.role == Role.FAMILY and family_found else a.role
            total += MISSING_WEIGHT[role]
        elif a.how == "extra":
            assert a.query is not None
            i = q_index.get(a.query, 0)
            total += _query_extra_cost(i, qcount, query.parts[i].norm)
        else:
            weight = _role_weight(a, listed)
            gained += a.similarity * weight
            total += weight
    if not total:
        return 0.0
    factor = WEAK_PAIR_FACTOR if _weak_pair(alignments) else 1.0
    return round(gained / total * factor, 4)


_ROLE_LABEL = {
    Role.FAMILY: "family name",
    Role.GIVEN: "given",
    Role.MIDDLE: "middle/patronymic",
    Role.PARTICLE: "particle",
    Role.WORD: "word",
    Role.STOP: "word",
}


def explain(alignments: list[PartAlignment]) -> str:
    """One line: 'family name DERKACH = Derkach; given Andrii ~ Andrei (transliteration); ...'."""
    items = []
    family_found = any(a.role == Role.FAMILY and a.query is not None for a in alignments)
    for a in alignments:
        if a.how == "missing":
            assert a.role is not None
            optional = " (optional)" if a.role in (Role.MIDDLE, Role.PARTICLE, Role.STOP) else ""
            if a.role == Role.FAMILY and family_found:
                optional = " (optional: the other family name matched)"
            items.append(f"{_ROLE_LABEL[a.role]} {a.listed} not in query{optional}")
        elif a.how == "extra":
            items.append(f"query word {a.query} not in listed name")
        else:
            assert a.role is not None
            sign = "=" if a.how == "same" else "~"
            detail = "" if a.how == "same" else f" ({a.how}, {a.similarity:.2f})"
            items.append(f"{_ROLE_LABEL[a.role]} {a.listed} {sign} {a.query}{detail}")
    if _weak_pair(alignments):
        items.append(f"family name only by a typo and no exact given name (x{WEAK_PAIR_FACTOR})")
    return "; ".join(items)


def score_prepared(query: PreparedName, listed: PreparedName, *, explained: bool = True) -> NameScore:
    """Score and align; ``explained=False`` skips the explanation text (the index writes it only for
    the matches it returns)."""
    if not query.parts or not listed.parts:
        return NameScore(0.0, "nothing to compare", ())
    alignments = align(query, listed)
    text = explain(alignments) if explained else ""
    return NameScore(score_alignment(query, listed, alignments), text, tuple(alignments))


def prepare_query(text: str) -> PreparedName:
    """A free-text query: titles stripped, "FAMILY, Given" order understood."""
    return prepare_name(Name(full=text), is_person=True)


def score_name(query: str | PreparedName, name: Name | str | PreparedName) -> tuple[float, str]:
    """Score one query against one listed name: (score in [0, 1], one-line explanation)."""
    q = query if isinstance(query, PreparedName) else prepare_query(query)
    listed = name if isinstance(name, PreparedName) else prepare_name(name)
    result = score_prepared(q, listed)
    return result.score, result.explanation
