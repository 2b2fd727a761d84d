"""What the news scanner knows about one distinct word of a text, and when two words are one name.

A word is analysed once per run (the scanner caches the result): its possessive is dropped, its
alternative forms are added (nominatives of an inflected Cyrillic word, the English-style spelling
of a German or French one), and its forms are normalised and looked up among the listed family
names. A word that hits one is a *trigger*; given-name keys are looked up only for the few words
next to a trigger.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.matching import PARTICLES
from tracker.names import (
    abjad_key,
    digraph_keys,
    f_as_v_keys,
    normalize_word,
    plain_norm,
    possessive_length,
    skeleton_key,
    token_forms,
)
from tracker.names.scripts import detect_script
from tracker.names.variants import latin_forms, nominative_forms
from tracker.news.inflect import (
    apostrophe_suffix,
    arabic_stems,
    french_russian_form,
    hangul_stems,
    is_arabic,
    is_han,
    is_hangul,
    latin_stems,
    russian_readings,
)
from tracker.news.scan_names import ABJAD_KEY_MIN, given_name_keys
from tracker.news.sentences import ABBREVIATIONS

# Between two words of one name: spaces (at most one line break), a hyphen (no space around it: " - "
# is a dash between a phrase and a name), or the dot of an initial.
_NAME_GAP = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*|[-‐‑\u200c]")  # \u200c: Persian's joiner
_TYPO_LENGTH = 7  # skeleton letters from which a text word may be one letter off a listed family name
_INITIAL_GAP = re.compile(r"\.[ \t\u00a0]*\n?[ \t\u00a0]*")


@dataclass(slots=True)
class WordInfo:
    """One distinct raw word as the scanner sees it."""

    strip: int  # characters dropped at the end (possessive 's)
    forms: tuple[str, ...]  # the word itself (possessive dropped), then its alternative forms
    skeletons: frozenset[str]  # skeletons of all its forms
    family: tuple[str, ...]  # family-name keys it hits (non-empty: the word is a trigger)
    norms: tuple[str, ...]
    given_keys: tuple[str, ...] | None  # given-name keys it hits; computed on first need
    particle: bool
    parts: int = 1  # tokens the word itself normalises to (김정은 -> kim jong un: 3)
    own: tuple[str, ...] = ()  # the word's own norms (its forms' norms are ``norms``)
    abjad: bool = False  # Arabic or Persian script: looked up by consonant skeleton too


def is_name_like(raw: str) -> bool:
    """Capitalised, or in a script without case (Arabic, Chinese...); never a number."""
    first = raw[0]
    if first.isdigit():
        return False
    if len(raw) <= 3 and raw.isupper():
        return False  # US, UK, EU, BBC: acronyms, not names
    return first.isupper() or (first.isalpha() and not first.islower())


def suffix_length(raw: str) -> int:
    """Characters a name word is read without: a possessive ("Putin's") or a Turkish case suffix
    after an apostrophe ("Putin'le"); else 0."""
    if raw.isalnum():
        return 0  # no apostrophe, so neither (most words: two regex searches saved)
    return possessive_length(raw) or apostrophe_suffix(raw)


def analyse_word(raw: str, family_keys: Mapping[str, object], *, force: bool = False) -> WordInfo | None:
    """The word's forms and the family-name keys (of ``family_keys``) it hits; None for a word that
    cannot be part of a name (lower case or an acronym, unless ``force``; nothing left to normalise)."""
    if not force and (raw[0].islower() or raw[0].isdigit()):
        return None  # ``is_name_like`` of the word's first letter, before its suffixes are looked for
    strip = suffix_length(raw)
    if strip:
        raw = raw[:-strip]
    if not force and not is_name_like(raw):
        return None
    if len(raw) > 4 and is_han(raw):
        return None  # running Chinese text: the scanner reads windows of it (ScanIndex._han_hits)
    abjad = latin = False
    if raw.isascii():
        latin = True
        stems = latin_stems(raw)
        french = french_russian_form(raw)
        variants = latin_forms(raw)
        if not (stems or french or variants):
            return _plain_word(raw, strip, family_keys)
        forms: tuple[str, ...] = (
            raw,
            *variants,
            *((french,) if french else ()),
            *stems,
            *(f for s in stems for f in latin_forms(s)),
        )
    elif is_hangul(raw):
        stems = hangul_stems(raw)
        forms = (raw, *stems, *(r for f in (raw, *stems) for r in russian_readings(f)))
    elif is_arabic(raw):
        forms, abjad = (raw, *arabic_stems(raw)), True
    else:
        script = detect_script(raw)
        if script == "Cyrl":
            forms = (raw, *nominative_forms(raw))
        elif script == "Latn":
            latin = True
            forms = (raw, *latin_forms(raw), *latin_stems(raw))
        else:
            forms = (raw,)
    forms = tuple(dict.fromkeys(forms))
    own = normalize_word(raw)
    if latin:  # with the other spellings search compares (Iouri / Yuri, Kovaltchouk / Kovalchuk)
        norms = {norm for form in forms for norm in _latin_norms(form)}
    else:  # Hangul has its own readings of Russian names (russian_readings)
        norms = {norm for form in forms for norm in normalize_word(form) if norm}
    if not norms:
        return None
    keyed = [(norm, skeleton_key(norm)) for norm in norms]
    skeletons = frozenset(skeleton for _, skeleton in keyed)
    if abjad:
        skeletons |= {k for k in ("a:" + abjad_key(n) for n in norms) if len(k) >= ABJAD_KEY_MIN}
    family: list[str] = []
    for norm, skeleton in keyed:
        # the listed side carries its single deletions, so a text spelling one letter shorter
        # (Andreev / ANDREYEV) still hits; the text side is looked up as it is
        if skeleton in family_keys:
            family.append(skeleton)
        elif latin and len(skeleton) >= _TYPO_LENGTH:
            # a typo in the source (Patruhsev): one letter off the listed name's own deletions
            # (a swap or another letter); the full name must still score as one
            family.extend(
                d
                for d in (skeleton[:k] + skeleton[k + 1 :] for k in range(len(skeleton)))
                if d in family_keys
            )
        if abjad:  # written without short vowels: سليماني -> slymany, keyed by its consonants
            family.extend(k for k in _abjad_lookups(norm) if len(k) >= ABJAD_KEY_MIN and k in family_keys)
    particle = any(n in PARTICLES for n in norms)
    return WordInfo(
        strip,
        forms,
        skeletons,
        tuple(sorted(set(family))),
        tuple(sorted(norms)),
        None,
        particle,
        len(own),
        own,
        abjad,
    )


def _latin_norms(form: str) -> tuple[str, ...]:
    """The norms of a Latin-script form and their other spellings (``token_forms``); a plain ASCII
    word's one norm without the cached call (a run's every new capitalised word asks)."""
    lower = plain_norm(form)
    if lower is not None:
        return (lower,)
    return tuple(norm for f in token_forms(form) for norm in (f.norm, *f.alts) if norm)


def _plain_word(raw: str, strip: int, family_keys: Mapping[str, object]) -> WordInfo | None:
    """``analyse_word`` of an ASCII word that is its only form (no stem, German or French spelling:
    most words of English text), in fewer steps; the same WordInfo."""
    lower = plain_norm(raw)
    if lower is not None:  # (``normalize_word`` and ``token_forms`` give that norm alone)
        own: tuple[str, ...] = (lower,)
        norms = frozenset(own)
    else:
        own = normalize_word(raw)
        norms = frozenset(norm for f in token_forms(raw) for norm in (f.norm, *f.alts) if norm)
    if not norms:
        return None
    family: set[str] = set()
    skeletons: set[str] = set()
    for norm in norms:
        skeleton = skeleton_key(norm)
        skeletons.add(skeleton)
        if skeleton in family_keys:
            family.add(skeleton)
        elif len(skeleton) >= _TYPO_LENGTH:  # (as analyse_word: a typo in the source)
            family.update(
                d
                for d in [skeleton[:k] + skeleton[k + 1 :] for k in range(len(skeleton))]
                if d in family_keys
            )
    return WordInfo(
        strip,
        (raw,),
        frozenset(skeletons),
        tuple(sorted(family)),
        tuple(sorted(norms)),
        None,
        not PARTICLES.isdisjoint(norms),
        len(own),
        own,
        False,
    )


def given_keys_of(info: WordInfo, given_keys: Mapping[str, object]) -> tuple[str, ...]:
    """Given-name keys (of ``given_keys``) the word hits, computed once and kept on ``info``."""
    if info.given_keys is None:
        found: set[str] = set()
        for norm in info.norms:
            skeleton = skeleton_key(norm)
            keys = ["1:" + skeleton[0]] if len(norm) == 1 else given_name_keys(norm, skeleton)
            if info.abjad and len(norm) > 2:
                keys.extend(_abjad_lookups(norm))
            found.update(k for k in keys if k in given_keys)
        info.given_keys = tuple(sorted(found))
    return info.given_keys


def _abjad_lookups(norm: str) -> list[str]:
    """The consonant keys an Arabic-script word is looked up by: its own and, where its ف may write a
    foreign v, the listed Latin spelling's (لافروف "lfrf" -> LAVROV "lrf", فلاديمير -> VLADIMIR), as
    search looks it up (``f_as_v_keys``)."""
    key = abjad_key(norm)
    return ["a:" + key, *("a:" + k for k in sorted(f_as_v_keys(key) | digraph_keys(key)))]


def joined(text: str, spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Are words a and b (their ``spans`` in ``text``) adjacent parts of one name: only spaces, a
    hyphen, or the dot of an initial or title between them ("A. Derkach", "Mr. Lavrov")?"""
    gap = text[spans[a][1] : spans[b][0]]
    if _NAME_GAP.fullmatch(gap):
        return True
    if _INITIAL_GAP.fullmatch(gap):
        word = text[spans[a][0] : spans[a][1]]
        return len(word) == 1 or word.lower() in ABBREVIATIONS
    return False
