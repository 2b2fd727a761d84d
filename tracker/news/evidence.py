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

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.matching import PartAlignment, Role
from tracker.names import (
    abjad_key,
    abjad_vowels_fit,
    consonant_key,
    joined_abjad_keys,
    normalize_word,
    skeleton_key,
    v_abjad_keys,
)

if TYPE_CHECKING:
    from tracker.matching.prepare import Part

# Alignment kinds (PartAlignment.how) that are the same word up to transliteration.
_SAME = frozenset({"same", "transliteration", "joined"})
_SWAP_LENGTH = 7  # letters from which two swapped letters are a typo, not another name
_ARTICLE = "ال"  # the Arabic article, a part of its own in a prepared query


def weak_evidence(
    alignments: Iterable[PartAlignment], family_raw: frozenset[str], articled: frozenset[str] = frozenset()
) -> str | None:
    """Why an alignment is not good enough to say a news text names this person, else None.

    ``family_raw``: the listed name's family-name words as the list writes them; ``articled``: the
    query's Arabic-script words written after the article ال (``articled_words``).
    """
    given_ok = False
    family_seen = False
    for a in alignments:
        if a.query is None or a.listed is None:
            continue
        fits = abjad_spelling_fits(a.query, a.listed)
        if any(word in family_raw for word in a.listed.split()):
            if not fits:
                return f"family name {a.listed} is not spelled {a.query}"
            if not (
                a.how in _SAME
                or inner_change(a.query, a.listed)
                or same_abjad(a.query, a.listed)
                or swapped_letters(a.query, a.listed)
            ):
                return f"family name {a.listed} only resembles {a.query}"
            family_seen = True
        elif a.role in (Role.GIVEN, Role.MIDDLE) and _written_out(a.query) and a.how != "initial" and fits:
            if a.query.startswith(_ARTICLE) or a.query in articled:
                continue  # the article makes a family name or a noun, not a given name (الأعلى: "supreme")
            close = (
                a.how in _SAME
                or (a.similarity >= 0.75 and inner_change(a.query, a.listed, skeleton=True))
                or (a.similarity >= 0.8 and same_consonants(a.query, a.listed))
                or same_abjad(a.query, a.listed)
                or french_spelling(a.query, a.listed)
                or _joined_given(a.query, a.listed, alignments)
            )
            given_ok = given_ok or close
    if not family_seen:
        return "family name not matched"
    if not given_ok:
        return "no given name written out"
    return None


def middle_for_given(alignments: Iterable[PartAlignment]) -> str | None:
    """The listed given name, when the text writes none of it and a middle name (an Arab's father's
    or grandfather's name, a patronymic) stands in its place: "Mohamed Salah", the footballer, is no
    SALAH, Salah Abdallah Mohamed; the press writes a person's own given name. Else None."""
    given = [a for a in alignments if a.role == Role.GIVEN and a.listed is not None]
    if not given or any(a.query is not None for a in given):
        return None
    if any(a.role == Role.MIDDLE and a.query is not None and a.listed is not None for a in alignments):
        return given[0].listed
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


def french_spelling(query: str, listed: str) -> bool:
    """Is ``query`` the listed given name as French writes Russian and Central Asian names, ch for ш
    and ou for у (Alicher / ALISHER, Iouri / YURI)?"""
    q = query.lower().replace("ch", "sh").replace("ou", "u")
    return q != query.lower() and q == listed.lower()


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
    q = "".join(abjad_key(n) for n in normalize_word(query))
    norm = "".join(normalize_word(listed))
    # a foreign v is written ف: لافروف has LAVROV's consonants read so (v_abjad_keys)
    return len(q) >= 2 and (q == abjad_key(norm) or q in v_abjad_keys(norm))


def articled_words(parts: Iterable[Part]) -> frozenset[str]:
    """The words of a prepared query that follow the Arabic article ال as its own part (الأعلى is
    prepared as ال + أعلى)."""
    found: set[str] = set()
    previous = ""
    for part in parts:
        if previous == _ARTICLE:
            found.add(part.raw)
        previous = part.raw
    return frozenset(found)


# What an Arabic-script word's last letter (romanised by normalize_word) may end a Latin spelling
# with: the script writes a final long vowel (علي Ali, موسى Musa, هنية Haniya, أبو Abu, سليماني
# Soleimani), so a Latin spelling ending in a vowel needs one, and a final ا or و a Latin vowel.
_FINAL_VOWELS = {"a": "ayh", "i": "yh", "y": "yh", "e": "yh", "o": "wu", "u": "wu"}
_WRITTEN_FINAL = {"a": "ah", "w": "ouvw", "u": "ouvw", "h": "aeiouyht"}  # ه, ة: a vowel or h
_TA_MARBUTA_AS_HEH = str.maketrans(dict.fromkeys("ةۃ", "ه"))


def abjad_spelling_fits(query: str, listed: str) -> bool:
    """Can the Arabic-script word ``query`` be a spelling of ``listed``, by the vowel letters the
    script writes? Another script's word always can. Against a Latin spelling the word's ends agree:
    a Latin final vowel is written (قال, "said", is no VAKILI; ممكنا, "possible", no MAKANI), a
    final ا or و is a Latin vowel. Against a word in the script, each writes a vowel wherever the
    other does (قدس, "Jerusalem", is no قدسية), as ``abjad_vowels_fit`` checks a Latin spelling."""
    if not query or not "\u0600" <= query[0] <= "\u06ff" or not listed:
        return True
    # its ta marbuta as the ه it ends like (a vowel, h or the t of -at: _WRITTEN_FINAL), not as the
    # a it is romanised to (هنية: Haniyeh, جودة: Jawdat)
    q = "".join(normalize_word(query.translate(_TA_MARBUTA_AS_HEH)))
    words = listed.split()
    n = "".join(normalize_word(words[-1] if len(words) > 1 else listed))
    if not q or not n:
        return True
    if "\u0600" <= listed[0] <= "\u06ff":
        return abjad_vowels_fit(q, n) and abjad_vowels_fit(n, q)
    if q.endswith("ah") and query.endswith("ه") and not query.endswith("اه"):
        # a final ه after a letter that does not join (زاده -> zadah): the normaliser's a before it
        # is the e of -zadeh, no written alef (فخری‌زاده: FAKHRIZADEH)
        q = q[:-2] + "h"
    return abjad_ends_fit(q, n)


def abjad_ends_fit(written: str, latin: str) -> bool:
    """``abjad_spelling_fits`` on normalised words: ``written`` romanised from the script (قال ->
    qal), ``latin`` a Latin spelling."""
    needed = _FINAL_VOWELS.get(latin[-1])
    if needed is not None and written[-1] not in needed:
        return False
    allowed = _WRITTEN_FINAL.get(written[-1])
    if allowed is not None and latin.rstrip("h")[-1:] not in allowed and latin[-1] not in allowed:
        return False
    return _alef_fits(written, latin)


_LATIN_VOWEL_RUN = re.compile(r"[aeiouy]+")


def _alef_fits(written: str, latin: str) -> bool:
    """Is every ا inside the word (romanised a) an a of the Latin spelling, at the same place among
    the consonant classes (``abjad_key``)? خامنه is no KHIMINA. Where the consonants do not line up,
    nothing is said."""
    runs = [(m.start(), m.group()) for m in _LATIN_VOWEL_RUN.finditer(latin)]
    for p in range(1, len(written)):
        if written[p] != "a" or written.startswith("l", p + 1):
            continue  # (the article inside a compound: عبدالله is Abdullah, Abdel)
        before = len(abjad_key(written[:p]))
        there = [run for start, run in runs if len(abjad_key(latin[:start])) == before]
        if there and not any("a" in run for run in there):
            return False
    return True


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


def _joined_given(query: str, listed: str, alignments: Iterable[PartAlignment]) -> bool:
    """An Arabic-script word holding a listed given name and the next one, missing, joined as the
    script writes them (محمدجواد: Mohammad Javad), by the rule search's scorer joins them with
    (``joined_abjad_keys``)."""
    if " " in query or not query or not ("\u0600" <= query[0] <= "\u06ff"):
        return False
    keys = {abjad_key(n) for n in normalize_word(query)}
    missing = [
        a.listed for a in alignments if a.query is None and a.listed and a.role in (Role.GIVEN, Role.MIDDLE)
    ]
    for first in normalize_word(listed):
        for word in missing:
            for second in normalize_word(word):
                if len(first) > 1 and len(second) > 1 and keys & joined_abjad_keys(first, second):
                    return True
    return False
