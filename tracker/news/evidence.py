"""When a scored span is good enough to say that a news text NAMES a listed person.

Search may rank a near miss; a news mention must name the person. The scorer's alignment of a span
with a listed name is accepted only when:

- the family name is spelled the same up to transliteration: a spelling difference only inside the
  word (Andreev / ANDREYEV), not at its ends (Yushchenko / ISHCHENKO), or two letters of a long
  name swapped by a typo (Patruhsev / PATRUSHEV);
- a written-out given name is the same name up to spelling (Volodymyr / Vladimir, Evgueni /
  Yevgeniy, Dmytro / Dmitriy; not Marina / Maria, not Francesca / Francesco). Initials do not count.

- in Arabic or Persian script (written without short vowels), a word counts as the same when its
  consonant skeleton is the listed word's (سليماني / SOLEIMANI); Hangul and Han syllables are
  compared through their romanisation (one syllable is a written-out given name: 김정은 / KIM Jong Un).

Missing optional parts (middle names, patronymics) are left to the score. bench/news_eval.py measures
what these rules keep and reject on labelled articles.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.matching import PartAlignment, Role
from tracker.names import abjad_key, consonant_key, normalize_word, skeleton_key

# Alignment kinds (PartAlignment.how) that are the same word up to transliteration.
_SAME = frozenset({"same", "transliteration", "joined"})
_SWAP_LENGTH = 7  # letters from which two swapped letters are a typo, not another name


def weak_evidence(alignments: Iterable[PartAlignment], family_raw: frozenset[str]) -> str | None:
    """Why an alignment is not good enough to say a news text names this person, else None.

    ``family_raw``: the listed name's family-name words as the list writes them.
    """
    given_ok = False
    family_seen = False
    for a in alignments:
        if a.query is None or a.listed is None:
            continue
        if any(word in family_raw for word in a.listed.split()):
            if not (
                a.how in _SAME
                or inner_change(a.query, a.listed)
                or same_abjad(a.query, a.listed)
                or swapped_letters(a.query, a.listed)
            ):
                return f"family name {a.listed} only resembles {a.query}"
            family_seen = True
        elif a.role in (Role.GIVEN, Role.MIDDLE) and _written_out(a.query) and a.how != "initial":
            close = (
                a.how in _SAME
                or (a.similarity >= 0.75 and inner_change(a.query, a.listed, skeleton=True))
                or (a.similarity >= 0.8 and same_consonants(a.query, a.listed))
                or same_abjad(a.query, a.listed)
            )
            given_ok = given_ok or close
    if not family_seen:
        return "family name not matched"
    if not given_ok:
        return "no given name written out"
    return None


# What the scorer gives two words that agree by consonants alone ("same consonants"): an Arabic-script
# name whose every word agrees so with the listed name scores at least this.
ABJAD_SAME_SCORE = 0.9


def all_same_abjad(alignments: Iterable[PartAlignment]) -> bool:
    """Does every word of an Arabic-script query have the consonants of the listed word it is aligned
    with (two words at least, none left over)? Listed middle names may be missing."""
    pairs = 0
    for a in alignments:
        if a.query is None:
            continue
        if a.listed is None or not same_abjad(a.query, a.listed):
            return False
        pairs += 1
    return pairs >= 2


def same_consonants(query: str, listed: str) -> bool:
    """The Ukrainian and Russian forms of one given name: the same consonants (h = g), not the
    feminine and masculine of a name (Dmytro / Dmitriy, Oleksandr / Aleksandr, Yevhen / Yevgeniy;
    not Francesca / Francesco)."""
    q = "".join(normalize_word(query))
    n = "".join(normalize_word(listed))
    if not q or not n or (q[-1] == "a") != (n[-1] == "a"):
        return False
    return (
        consonant_key(q).replace("g", "h") == consonant_key(n).replace("g", "h")
        and len(consonant_key(q)) >= 3
    )


def _written_out(query: str) -> bool:
    """More than an initial: two letters, or one CJK / Hangul syllable (정 -> jong)."""
    return len(query) > 1 or len("".join(normalize_word(query))) > 1


def same_abjad(query: str, listed: str) -> bool:
    """Is ``query`` in Arabic script with the consonant skeleton of ``listed``?"""
    if not query or not "\u0600" <= query[0] <= "\u06ff":
        return False
    q = [abjad_key(n) for n in normalize_word(query)]
    n = [abjad_key(n) for n in normalize_word(listed)]
    return bool(q) and "".join(q) == "".join(n) and len("".join(q)) >= 2


def swapped_letters(query: str, listed: str) -> bool:
    """Is ``query`` the listed word of at least ``_SWAP_LENGTH`` letters with two adjacent letters
    inside it swapped: a typo in the source (Patruhsev / PATRUSHEV, issue 14)?"""
    q = "".join(normalize_word(query))
    n = "".join(normalize_word(listed))
    if len(q) != len(n) or len(q) < _SWAP_LENGTH or q == n:
        return False
    diff = [k for k in range(len(q)) if q[k] != n[k]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and diff[0] > 0
        and diff[1] < len(q) - 1
        and (q[diff[0]], q[diff[1]]) == (n[diff[1]], n[diff[0]])
    )


def inner_change(query: str, listed: str, *, skeleton: bool = False) -> bool:
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
