"""When a scored span is good enough to say that a news text NAMES a listed person.

Search may rank a near miss; a news mention must name the person. The scorer's alignment of a span
with a listed name is accepted only when:

- the family name is spelled the same up to transliteration: a spelling difference only inside the
  word (Andreev / ANDREYEV), not at its ends (Yushchenko / ISHCHENKO);
- a written-out given name is the same name up to spelling (Volodymyr / Vladimir, Evgueni /
  Yevgeniy; not Marina / Maria, not Francesca / Francesco). Initials do not count.

Missing optional parts (middle names, patronymics) are left to the score. bench/news_eval.py measures
what these rules keep and reject on labelled articles.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.matching import PartAlignment, Role
from tracker.names import consonant_key, normalize_word, skeleton_key

# Alignment kinds (PartAlignment.how) that are the same word up to transliteration.
_SAME = frozenset({"same", "transliteration", "joined"})


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
            if not (a.how in _SAME or inner_change(a.query, a.listed)):
                return f"family name {a.listed} only resembles {a.query}"
            family_seen = True
        elif a.role in (Role.GIVEN, Role.MIDDLE) and len(a.query) > 1 and a.how != "initial":
            close = a.how in _SAME or (
                a.similarity >= 0.75 and inner_change(a.query, a.listed, skeleton=True)
            )
            given_ok = given_ok or close
    if not family_seen:
        return "family name not matched"
    if not given_ok:
        return "no given name written out"
    return None


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
