"""Explainable name scorer: align the parts of a query with the parts of one listed name.

Both sides are prepared first (tracker.matching.prepare: tokens of the shared normaliser, each with a
role: family, given, middle, particle, or "word" for entities and vessels). Tokens are aligned
one-to-one (greedy on similarity x weight, then concatenation repairs such as "Abdul Rahman" /
"Abdulrahman"), and the score is

    sum(similarity x weight over aligned parts) / (weights of aligned parts + weights of missing parts)

where a missing family name costs most, a missing given name costs fully, and missing middle names or
patronymics on EITHER side cost almost nothing (they are optional). A shared given name alone therefore
cannot reach a match: "Andrii Shevchenko" vs "Andrii Leonidovych DERKACH" scores 1 / (1 + 1 + 1.5).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA, Levenshtein

from tracker.matching.prepare import (
    PARTICLES,
    PATRONYMIC,
    Part,
    PreparedName,
    Role,
    is_stopword,
    legal_form_flags,
    prepare_name,
    prepare_query,
)
from tracker.matching.rarity import RARE_COUNT, Rarity
from tracker.names import (
    abjad_key,
    abjad_kh_fits,
    abjad_v_fits,
    abjad_vowel_qualities_fit,
    abjad_vowels_fit,
    alef_left_out,
    consonant_classes,
    consonant_key,
    inner_article_key,
    joined_abjad_keys,
    letter_reading_fits,
    phonetic_key,
    read_alike_keys,
    script_consonants,
    script_letters,
    script_vowels_agree,
    skeleton_key,
    spelled_abjad_keys,
    spelled_alike,
    spelled_consonants,
    split_comma_name,
    th_reading_keys,
    v_abjad_keys,
)
from tracker.names.business import same_business_word
from tracker.names.gender import other_gender
from tracker.names.given import other_given_names, same_given_name
from tracker.names.romanise import KOREAN_FAMILY_SPELLINGS
from tracker.records import Name

# A name scoring this or more is reported (search, screening, news scan); bench/name_eval counts
# its figures at it. Here, not in index.py, so the scorer's users need not load the index (numpy).
DEFAULT_THRESHOLD = 0.8

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
QUERY_EXTRA_PATRONYMIC = MISSING_WEIGHT[Role.MIDDLE]
# An inner word of a name written in an abjad script: a link of the nasab, the chain of father's and
# grandfather's names that Arabic names carry and the lists mostly leave out (محمد عبدالكريم الغماري
# / Mohammad AL-GHAMARI), costed as an optional middle name.
QUERY_EXTRA_NASAB = MISSING_WEIGHT[Role.MIDDLE]
# A query's second family name the listed name lacks, once its other family name aligned: what the
# listed side's second family name costs when the query lacks it ("BOSHAB MABUTSH, Evariste" /
# Evariste BOSHAB as "Evariste BOSHAB" / BOSHAB MABUTSH, Evariste): optional, as a middle name.
QUERY_EXTRA_OTHER_FAMILY = MISSING_WEIGHT[Role.MIDDLE]
# A family name matched only by a typo together with a given name that is not exactly the same.
WEAK_PAIR_FACTOR = 0.85
_LOOSE_FAMILY = frozenset({"typo"})
# A middle name or patronymic on both sides, not the same: evidence of another person ("Nikolai
# Ivanovich PATRUSHEV" is not "Nikolai Platonovich PATRUSHEV"), costed instead of the two optional parts.
CONFLICT_COST = 0.8
# Each further unaligned legal-form word of an entity name, after the first one (_stop_cost).
STOP_MORE = 0.03
# The least tally charges for a listed part the query lacks, by role: the one table of those costs
# that bounds.ListedCosts bounds a score by (a cost changed above changes the bound with it). A family
# name costs as a middle name once another family name aligned (or as a nisba, _dropped_nisba), a
# middle name as a given name when it is a syllable of a Korean given name, a legal form STOP_MORE
# after the first (_stop_cost); a generic word of an entity x GENERIC_WEIGHT, which ListedCosts applies.
LEAST_MISSING_WEIGHT = {
    **MISSING_WEIGHT,
    Role.FAMILY: min(MISSING_WEIGHT[Role.FAMILY], MISSING_WEIGHT[Role.MIDDLE]),
    Role.MIDDLE: min(MISSING_WEIGHT[Role.MIDDLE], MISSING_WEIGHT[Role.GIVEN]),
    Role.STOP: min(MISSING_WEIGHT[Role.STOP], STOP_MORE),
}
# Similarity below this does not align two tokens at all.
MIN_SIMILARITY = 0.7


_NO_RARITY = Rarity.empty()


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
    notes: tuple[str, ...] = ()  # rules beyond the alignment (conflict, surname only ...)
    surname_only: bool = False


def edit_budget(length: int) -> int:
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
    if query[0].isdigit() or listed[0].isdigit():
        return 0.0, ""  # a number is no spelling of another: 2000 is not 20 (its skeleton folds 00)
    if len(query) == 1 or len(listed) == 1:
        if query[0] == listed[0]:
            return 0.7, "initial"
        return 0.0, ""
    skel_q, skel_l = skeleton_key(query), skeleton_key(listed)
    if skel_q == skel_l:
        if _other_gender(query, listed, skel_q, skel_l):
            return 0.0, ""  # Olga is not Oleg, Ivanova not Ivanov: another person (tally notes it)
        return 0.95, "transliteration"
    # The rules that score come first, the two that say "another name" (_other_gender, _stem_and_suffix)
    # only for a pair one of them would score: most pairs the index's keys bring score nothing, and
    # those two tests cost more than the rules' cached keys (5.4 -> 4.4 us a pair, 461,500 pairs of
    # tuning-half lookups and of the vocabulary, the same answers; 2026-12-01).
    longest = max(len(skel_q), len(skel_l))
    distance = Levenshtein.distance(skel_q, skel_l)
    if distance <= edit_budget(longest):
        if _other_name(query, listed, skel_q, skel_l) or other_given_names(query, listed):
            return 0.0, ""  # Maria is not Marina: two given names of the table, not a typo (issue 13)
        return round(1.0 - distance / (longest + 2), 3), "typo"
    cons_q = consonant_key(query)
    if len(cons_q) >= 4 and cons_q == consonant_key(listed) and distance <= longest // 2:
        found = 0.8, "similar spelling"
    elif len(query) >= 4 and phonetic_key(query) == phonetic_key(listed) and distance <= longest // 3:
        found = 0.8, "sounds alike"
    # Both rules below need the listed abjad key among the query's spelled keys (other_vowels: equal
    # consonant classes, so equal abjad keys; spelled_abjad_keys holds the word's own key): one cached
    # test turns away ~98 % of pairs before either runs (token_similarity misses 5.6 -> 3.9 s,
    # line-profiled, 600 tuning-half queries). Uncached below: this function's own cache already holds
    # the pair (theirs never hit from here and their entries crowd out the callers' pairs).
    elif abjad_key(listed) not in spelled_abjad_keys(query):
        return 0.0, ""
    elif other_vowels.__wrapped__(query, listed):
        found = OTHER_VOWELS_SIM, "other vowels"
    elif _other_spelling_keyed(query, listed):
        found = OTHER_VOWELS_SIM, "other spelling"
    else:
        return 0.0, ""
    return (0.0, "") if _other_name(query, listed, skel_q, skel_l) else found


def _other_gender(query: str, listed: str, skel_q: str, skel_l: str) -> bool:
    """``other_gender`` of two tokens, whose skeletons are given: it wants one word ending in -a and
    the other not, as written or as skeletons, a test that saves its call on most pairs."""
    return (
        query.endswith("a") != listed.endswith("a") or skel_q.endswith("a") != skel_l.endswith("a")
    ) and other_gender(query, listed)


def _other_name(query: str, listed: str, skel_q: str, skel_l: str) -> bool:
    """Two tokens that are names of two people however alike: the masculine and the feminine form of
    one name, or a family name made of a given name (Sultanov is not Sultan: _stem_and_suffix)."""
    return _other_gender(query, listed, skel_q, skel_l) or (
        _stem_and_suffix(skel_q, skel_l) or _stem_and_suffix(skel_l, skel_q)
    )


# The Russian family-name suffix that makes a family name of a given name (Sultan -> Sultanov,
# Abdurakhman -> Abdurakhmanov, Makhmud -> Makhmudov), as skeletons write it (-off, -ow fold to -of,
# -ov), in either gender.
_FAMILY_SUFFIX = re.compile(r"(?:ov|ev|of)a?$")


def _stem_and_suffix(longer: str, shorter: str) -> bool:
    """``longer`` (a skeleton) is ``shorter`` with a family-name suffix (_FAMILY_SUFFIX) that
    ``shorter`` lacks: two names, not a typo. Interpol red notices (people on no list) matched
    listed names so: SULTANOV / Sultan, SULEIMANOV / Suleiman, ABDURAKHMANOV / Abdurrahman at
    0.80-0.86. Only the whole stem: STRELKOV / STRELOK, ZHURAVLEV / ZHURAVLY and the Czech
    PRIGOŽINOVÁ / PRIGOZHINA are one person's names on two lists."""
    # the suffix is two or three letters after the whole of ``shorter``: most pairs fail this first
    if not 2 <= len(longer) - len(shorter) <= 3 or not longer.startswith(shorter):
        return False
    match = _FAMILY_SUFFIX.search(longer)
    if match is None or _FAMILY_SUFFIX.search(shorter) is not None:
        return False
    return match.start() >= 3 and longer[: match.start()] == shorter


# Latin spellings of one Arabic or Persian name differ mostly in their vowels, which the script does
# not write (Yahya / Yehya / Yahia / Yihia, Moalla / Mu'la, Deeb / Dib, Esmail / Ismael, Omar / Umar):
# the same consonant classes (abjad_key, two or more) with vowels of compatible quality at each place.
OTHER_VOWELS_SIM = 0.8
_VOWEL_RUN = re.compile(r"[aeiouy]+")
# Vowel letter -> the Arabic short vowels it writes: a fatha, i kasra, u damma; e is a or i.
_QUALITY = {"a": "a", "e": "ai", "i": "i", "y": "i", "o": "u", "u": "u"}


@lru_cache(maxsize=200_000)
def _vowel_runs(token: str) -> tuple[frozenset[str], ...] | None:
    """Qualities of each vowel run (a leading y or w is a consonant); None for a token that is not
    plain ASCII letters. Cached: a listed token meets many query words (10-20 us a call, load 4)."""
    if not token.isascii() or not token.isalpha():
        return None
    body = token[1:] if token[0] in "yw" else token
    return tuple(frozenset("".join(_QUALITY[c] for c in run)) for run in _VOWEL_RUN.findall(body))


@lru_cache(maxsize=200_000)
def other_vowels(query: str, listed: str) -> bool:
    """Two Latin tokens with the same consonant classes (two or more, or one on words of five letters
    or more with the same first letter), both starting with a vowel or both with a consonant, and
    vowel runs of compatible quality, place by place ("Omar" / "Umar", not "Omar" / "Amir"; "Hassan"
    is not "Hussein")."""
    key = consonant_classes(query)
    return bool(key) and key == consonant_classes(listed) and _vowels_fit(query, listed, len(key))


@lru_cache(maxsize=200_000)
def other_spelling(query: str, listed: str) -> bool:
    """Two Latin spellings of one Arabic name that write some of its letters differently (q / k / g /
    gh, j / g, th / s / t, dh / d / z, kh / h: ``tracker.names.spelled_alike``), with two consonant
    classes or more, at least one of them the same and vowels as ``other_vowels`` wants them: Qadhafi / Gaddafi, Othman / Osman,
    Majid / Meguid. The listed token's abjad key is among the query's ``spelled_abjad_keys`` (what the
    index looks up), so the score bound sees every such pair."""
    # the key test first: both keys are cached (the index keys every listed token), and it turns
    # away most pairs before the listed token's spelled_consonants, made on first use (~10 us)
    return abjad_key(listed) in spelled_abjad_keys(query) and _other_spelling_keyed(query, listed)


def _other_spelling_keyed(query: str, listed: str) -> bool:
    """``other_spelling`` once its key test passed (token_similarity makes that test before)."""
    key_q, key_l = spelled_consonants(query), spelled_consonants(listed)
    if len(key_q) < 2 or key_q == key_l or not spelled_alike(key_q, key_l):
        return False
    if not any(map(str.__eq__, key_q, key_l)):
        return False
    return _vowels_fit(query, listed, len(key_q))


def _vowels_fit(query: str, listed: str, classes: int) -> bool:
    """Both start with a vowel or both with a consonant, one consonant class only on words of five
    letters or more with the same first letter, and vowel runs of compatible quality place by place."""
    if (query[0] in "aeiou") != (listed[0] in "aeiou"):
        return False
    if classes < 2 and (min(len(query), len(listed)) < 5 or query[0] != listed[0]):
        return False  # one consonant class: only long words with the same first letter (Yahya / Yehya)
    runs_q, runs_l = _vowel_runs(query), _vowel_runs(listed)
    if runs_q is None or runs_l is None or len(runs_q) != len(runs_l):
        return False
    return all(a & b for a, b in zip(runs_q, runs_l, strict=True))


ALT_SIM = 0.95  # the same word through another list's transliteration (Babasjov / Babashov)
ABJAD_SIM = 0.9  # the same consonants, vowels unwritten (محمد / Mohammed)
ABJAD_NEAR_SIM = 0.8  # one consonant apart, on four or more (عبداللطيف / Abdellatif)
# Consonant classes both words need for a near match (one class apart); a Latin word against an abjad
# one needs more, since its vowels say nothing there (part_similarity).
ABJAD_NEAR_CLASSES = 4
LATIN_ABJAD_NEAR_CLASSES = 5


@lru_cache(maxsize=500_000)
def abjad_similarity(query: str, listed: str) -> tuple[float, str]:
    """Similarity of two tokens when one was written in an abjad script: their consonant classes
    (``tracker.names.abjad_key``) equal, or one apart on keys of four or more classes."""
    kq, kl = abjad_key(query), abjad_key(listed)
    if not kq or not kl or query in PARTICLES or listed in PARTICLES:
        return 0.0, ""
    if kq == kl or kq in v_abjad_keys(listed) or kl in v_abjad_keys(query):
        return ABJAD_SIM, "same consonants"
    if kq in read_alike_keys(listed) or kl in read_alike_keys(query):
        return ABJAD_SIM, "other reading"  # ثاقب / Saqib, رجب / Ragab
    # one consonant apart only on four or more: on three it is another name as often as not
    # (Woodall / فضل, Jamaal / جبلی)
    if min(len(kq), len(kl)) >= ABJAD_NEAR_CLASSES and Levenshtein.distance(kq, kl) <= 1:
        return ABJAD_NEAR_SIM, "similar consonants"
    return 0.0, ""


@lru_cache(maxsize=200_000)
def _korean_family_alt(q: str, q_norm: str, listed: str, listed_norm: str) -> bool:
    """Is either word another spelling of a Korean family name (romanise._KOREAN_FAMILIES) rather than
    the word as written? Such a spelling counts only when it is the other word: as the base of a
    typo it made other names alike ("Jon Kyl" read as chon ~ chong scored 0.88 against the EU's Jong
    Hun KIL; a congress negative, 2026-12-01)."""
    return (q != q_norm and q in KOREAN_FAMILY_SPELLINGS) or (
        listed != listed_norm and listed in KOREAN_FAMILY_SPELLINGS
    )


def part_similarity(query: Part, listed: Part) -> tuple[float, str]:
    """``token_similarity`` of two parts, also through their other spellings (``Part.alts``) and, when
    either was written in an abjad script, through their consonants.

    A Latin query word against a listed word written in an abjad script is held to more: the query's
    vowels say nothing there, so consonants one class apart align only on words of
    LATIN_ABJAD_NEAR_CLASSES classes or more. Seen in the congress negatives: "Jamaal Bowman" against
    پیمان جبلی (jml / jbl), "Don Bacon" against عدنان عبدو السخني (bkn / skn), "Lou Barletta" against
    علي بركات (brlt / brkt)."""
    abjad = query.abjad or listed.abjad
    if query.abjad and listed.abjad:
        script = script_similarity(query.raw, listed.raw)
        if script is not None:
            return script
    best = token_similarity(query.norm, listed.norm)
    if abjad:  # _unless_abjad keeps anything else as it is (a call saved on most pairs)
        best = _unless_abjad(best, abjad)
    if best[0] >= ALT_SIM:
        return best
    if query.alts or listed.alts:
        if not abjad and other_gender(query.norm, listed.norm):
            return 0.0, ""  # Aleksandra is not Aleksandr through another form (Oleksandra / Alexander)
        if same_given_name(query.norm, listed.norm):
            return ALT_SIM, "same name, another language's form"  # Ihar / Igor (names.given)
        if listed.role in (Role.WORD, Role.STOP) and same_business_word(query.norm, listed.norm):
            return ALT_SIM, "same word, another language"  # завод / PLANT (names.business)
        for q in (query.norm, *query.alts):
            for lst in (listed.norm, *listed.alts):
                sim, how = _unless_abjad(token_similarity(q, lst), abjad)
                if sim >= ALT_SIM:
                    return ALT_SIM, "transliteration"
                if sim > best[0] and not _korean_family_alt(q, query.norm, lst, listed.norm):
                    best = sim, how
    if abjad and best[0] <= ABJAD_SIM:
        # on a tie the consonants say more than a "typo" between a vowel-less and a Latin spelling
        # (خدادادی / KHODADADI is the same name, not a family name matched only by a typo)
        consonants = abjad_similarity(query.norm, listed.norm)
        if consonants[0] < ABJAD_SIM and query.abjad != listed.abjad:
            in_script, in_latin = (query, listed) if query.abjad else (listed, query)
            if letter_reading_fits(in_script.raw, in_latin.norm) or (
                spelled_consonants(in_latin.norm) in th_reading_keys(in_script.raw)
            ):
                consonants = (ABJAD_SIM, "other reading")  # جودة / Jaoudat, كاظم / Kathim, ذياب / Thiab
        latin_query = listed.abjad and not query.abjad
        if (
            latin_query
            and consonants[0] < ABJAD_SIM
            and len(abjad_key(query.norm)) < LATIN_ABJAD_NEAR_CLASSES
        ):
            consonants = (0.0, "")
        if query.abjad and listed.abjad and not script_vowels_agree(query.raw, listed.raw):
            return 0.0, ""  # both in the script, other long vowels: another name (بشار / بشرى)
        if query.abjad and listed.abjad and consonants[0] < ABJAD_SIM:
            consonants = (0.0, "")  # both in the script: a consonant apart is another name (حمود / محمد)
        elif consonants == (ABJAD_SIM, "same consonants") and query.abjad != listed.abjad:
            written, latin = (query.norm, listed.norm) if query.abjad else (listed.norm, query.norm)
            raw = query.raw if query.abjad else listed.raw
            if (
                not abjad_vowels_fit(written, latin)
                or not abjad_v_fits(written, latin)
                or not abjad_kh_fits(written, latin)
                or not abjad_vowel_qualities_fit(raw, latin)
            ):
                # أسماء is Asma, not Sami; علي is not Lou; خامنئي is not Kumanova, nor Khimina
                short = len(abjad_key(latin)) < LATIN_ABJAD_NEAR_CLASSES
                consonants = (0.0, "") if short else (ABJAD_NEAR_SIM, "similar consonants")
                if best[1] in _VOWELS_IGNORED and alef_left_out(raw, latin):
                    # nor do the romanised letters' keys that drop vowels, where the Latin leaves out
                    # a written alef (Bouchra / بشار through the French Boushra); a و or ي left out
                    # still may (عمرو / Amr, its و silent; الدبيسكي / AL-DABSKI)
                    best = (0.0, "")
            elif _last_a_unwritten(raw, latin):
                consonants = (LAST_A_SIM, "same consonants, a last a the script does not write")
        if consonants[0] >= best[0] and consonants[0] > 0:
            best = consonants
    return best


_VOWELS_IGNORED = frozenset({"similar spelling", "sounds alike"})
# A Latin word that ends in a written a, against a word of the script that ends in a consonant
# letter: the script writes a last a (ا ة ه ى ء: بوتينا Butina, فاطمة Fatima), so the two are as
# likely another name (بوتين is PUTIN, not BUTINA or PUTINA, which tied with it at 0.90 behind a
# title: a new user's trial). Still the same consonants, so a little less than ABJAD_SIM.
LAST_A_SIM = 0.85
_LAST_A_LETTERS = frozenset("اأإآىيةهءئؤوۀۃی")


def _last_a_unwritten(written: str, latin: str) -> bool:
    """``latin`` ends in a, ``written`` (a word of the Arabic script) in a consonant letter."""
    letters = script_letters(written)
    return latin.endswith("a") and bool(letters) and letters[-1] not in _LAST_A_LETTERS


@lru_cache(maxsize=200_000)
def script_similarity(query: str, listed: str) -> tuple[float, str] | None:
    """Similarity of two words both written in the Arabic script, letter by letter: the same
    letters (``tracker.names.script_letters``: only spelling variants folded) are the same word,
    the same consonant letters with long vowels that agree (``script_vowels_agree``: رحمن / رحمان)
    the same name; anything else is another name. Consonant classes are for a Latin spelling, whose
    letters stand for several of the script's: between two words in the script, قال (Qal) is not
    غول (Gul), حمود not محمد, احمد not حمد, طاهری not طاهر. None when either word is not in the
    Arabic script."""
    letters_q, letters_l = script_letters(query), script_letters(listed)
    if not letters_q or not letters_l:
        return None
    if letters_q == letters_l:
        return 1.0, "same"
    if (
        script_consonants(query) == script_consonants(listed)
        and _last_vowels(letters_q) == _last_vowels(letters_l)
        and script_vowels_agree(query, listed)
    ):
        return ABJAD_SIM, "same consonants"
    return 0.0, ""


def _last_vowels(letters: str) -> int:
    """How many long-vowel letters (ا و ي) end a word in the script. One more or fewer on one side
    makes another name: the nisba ی / ي (طاهری Taheri is not طاهر Taher, احمدی not احمد), a last ا
    (عليا Alia is not علي Ali); a last ى written ا is the same (مصطفى / مصطفا)."""
    return len(letters) - len(letters.rstrip("اوي"))


def _unless_abjad(similarity: tuple[float, str], abjad: bool) -> tuple[float, str]:
    """Vowels compared (other_vowels) mean nothing for a word written in an abjad script, whose
    romanised vowels are guessed."""
    return (0.0, "") if abjad and similarity[1] in _LATIN_ONLY else similarity


_LATIN_ONLY = frozenset({"other vowels", "other spelling"})


# Honorifics that Persian and Afghan names carry inside the name, not only before it (the EU's Persian
# names put the family name first: "خاتمی سید احمد", Khatami Seyed Ahmad): costed as a particle.
# Romanised from the script (syd, mla, mwlwy) and as the lists write them.
INNER_HONORIFICS = frozenset(
    """
    syd sayyed sayyid seyed seyyed syed haji hajji hajy alhaj mullah mulla mla mawlawi maulvi mwlwy
    mwlwi molvi maulavi mawlavi sheikh shaykh shykh hojatoleslam
    """.split()  # noqa: SIM905 (a word list)
)


# A query of the word "Al" written apart, with a capital and lower case, and one more word: read as
# a given name and a family name (Al Green, Al Franken), as English writes them; it aligns with no
# listed article. An article is written "al-" or joined, or with more words ("Al Zawahiri, Ayman").
# Congress negative Al Green scored 0.99 against the one-word alias GREEN, 0.81 against Al-Grein.
# The cost: "Al Zawahiri" scores 0.6 against a one-word alias AL-ZAWAHIRI (0.62 against Ayman
# AL-ZAWAHIRI before and after).
_GIVEN_AL = re.compile(r"\s*Al\s+[^\W\d_]+\s*")


def query_extra_cost(index: int, count: int, norm: str, abjad: bool = False) -> float:
    """Cost of query part ``index`` (of ``count``) that the listed name lacks; ``abjad``: the part
    was written in an abjad script (an inner one is a link of the nasab, QUERY_EXTRA_NASAB)."""
    # a particle last has no word after it to attach to: it is the family name ("Sergey Ten")
    if norm in PARTICLES and index < count - 1 or norm in INNER_HONORIFICS and index > 0:
        return QUERY_EXTRA_PARTICLE
    # a patronymic stands after a given name and a family name (PATRUSHEV Nikolai Platonovich); the
    # second of two words is the family name, however it ends (George Radanovich)
    if 0 < index < count - 1 or count > 2 and PATRONYMIC.search(norm) and len(norm) > 6:
        # a patronymic the listed name lacks costs what a listed one the query lacks costs
        # ("Vladimir Georgievič PLACHOTŇUK" / PLAHOTNIUC, Vladimir)
        if abjad and 0 < index < count - 1:
            return QUERY_EXTRA_NASAB
        return QUERY_EXTRA_PATRONYMIC if _QUERY_PATRONYMIC.search(norm) else QUERY_EXTRA_INNER
    return QUERY_EXTRA_CORE


# Patronymic endings, also as Swedish, German, French and Czech spellings write them (-vitj, -witsch,
# -vitch, -vic without its háček), on words of seven letters or more.
_QUERY_PATRONYMIC = re.compile(
    r"(?=\w{7})\w*(?:ovich|evich|ovych|evych|ovna|evna|ivna|vitj|witsch|vitch|ovic|evic|ogly|oglu|ugli|kyzy|qizi)$"
)


def other_family_cost(parts: tuple[Part, ...], index: int) -> float | None:
    """QUERY_EXTRA_OTHER_FAMILY when query part ``index`` is one of the query's two family names (the
    query says so: "FAMILY1 FAMILY2, Given" or both in capitals, prepare._assign_person_roles), which
    it costs when the other one aligned with a listed family name (tally); None for any other part.
    The index's bound takes it as the least such a part can cost."""
    if parts[index].role != Role.FAMILY or sum(p.role == Role.FAMILY for p in parts) < 2:
        return None
    return QUERY_EXTRA_OTHER_FAMILY


# A query's family name the listed name lacks when that listed name is the query's given names alone,
# as one list writes a person ("MAKOL, Jok Riak" / the alias Jok Riak; "KHAN, Hafiz Saeed" / Hafiz
# SAEED; "TRINIDAD, Abu Khalil" / Abu KHALIL): the whole listed name found, only the family name more.
GIVEN_NAMES_ONLY_COST = 0.5
_GIVEN_ONLY_NOTE = ": the listed name is the query's given names alone"


def given_names_only_cost(query: PreparedName, index: int) -> float | None:
    """GIVEN_NAMES_ONLY_COST when query part ``index`` is the one family name of a person query of
    three words or more that marks it as such ("FAMILY, Given Given" or capitals among mixed case):
    what it costs when the listed name is the query's given names alone (``_given_names_only``).
    None for any other part. The index's bound takes it as the least such a part can cost."""
    parts = query.parts
    if len(parts) < 3 or not query.is_person or parts[index].role != Role.FAMILY:
        return None
    if sum(p.role == Role.FAMILY for p in parts) != 1 or not _family_marked(query):
        return None
    return GIVEN_NAMES_ONLY_COST


def _family_marked(query: PreparedName) -> bool:
    """The query says which word is its family name: "FAMILY, Given" or the one word in capitals
    among mixed-case words (the position alone says nothing: "Gul Mohammad Kamran")."""
    if split_comma_name(query.text) is not None:
        return True
    upper = [len(p.raw) > 1 and p.raw.isupper() for p in query.parts]
    return any(upper) and not all(upper)


def _given_names_only(alignments: list[PartAlignment]) -> bool:
    """Every given and family name of the listed name aligned, two or more, each spelt as in the
    query or through a transliteration (ALT_SIM or more): the listed name is the query without its
    family name, not another person's name that shares some words with it."""
    core = [a for a in alignments if a.listed is not None and a.role in (Role.GIVEN, Role.FAMILY)]
    if any(a.query is None for a in core):
        return False
    return len(core) >= 2 and all(a.similarity >= ALT_SIM for a in core)


def entity_extra_cost(parts: tuple[Part, ...], index: int) -> float | None:
    """The least a query part costs when an entity's listed name lacks it, if it is a legal form or
    filler word (``is_stopword``) or a single letter between two of them ("OBSHCHESTVO S
    OGRANICHENNOI ...") or an owner word before one (``prepare.legal_form_flags``): what a further
    listed one costs (STOP_MORE; see ``_stop_cost``); if it is a business word (``GENERIC_WORDS``):
    what any other word there costs, x GENERIC_WEIGHT, but not below an inner word's
    QUERY_EXTRA_INNER; a particle, QUERY_EXTRA_PARTICLE wherever it stands (a company has no family
    name: "MACPAR MAKINA SAN VE TIC AS"). None for any other word."""
    norm = parts[index].norm
    if norm in PARTICLES and len(parts) > 1:
        return QUERY_EXTRA_PARTICLE
    if legal_form_flags([p.norm for p in parts])[index]:
        return STOP_MORE
    if _is_generic(norm):
        # never below an inner word's cost: "SYNESIS MINING COMPANY" is not SYNESIS COMPANY
        cost = query_extra_cost(index, len(parts), norm, parts[index].abjad)
        return min(cost, max(GENERIC_WEIGHT * cost, QUERY_EXTRA_INNER))
    return None


def align(query: PreparedName, listed: PreparedName) -> list[PartAlignment]:
    """Greedy one-to-one alignment, then concatenation repairs; missing parts on both sides."""
    qparts, lparts = query.parts, listed.parts
    pairs: list[tuple[float, int, int, float, str]] = []
    q_kunya = _in_kunya(qparts)
    l_kunya = _in_kunya(lparts)
    given_al = _GIVEN_AL.fullmatch(query.text) is not None
    syllabic = _syllabic(query) or _syllabic(listed)
    korean = syllabic and _korean(query, listed)
    for i, qp in enumerate(qparts):
        for j, lp in enumerate(lparts):
            if q_kunya[i] != l_kunya[j]:
                continue  # the X of "Abu X" is no name of its own (SALAH ABU MOHAMED is not Mohamed)
            if korean and qp.norm != lp.norm and not _same_korean_initial(qp, lp):
                continue  # another first consonant, another syllable (Kim Jong Nam is not KIM Yong Nam)
            if given_al and i == 0 and lp.role == Role.PARTICLE:
                continue  # "Al Green": a given name, not the article of Al-Grein
            sim, how = part_similarity(qp, lp)
            if how in _LATIN_ONLY and syllabic:
                continue  # an Arabic name's vowel rules say nothing of a syllable (Qiang is not Cheng)
            if how in _NAME_FUZZY_OR_TYPO and (qp.norm in ABD_PREFIXES) != (lp.norm in ABD_PREFIXES):
                continue  # half a compound given name is no spelling of a whole one (Abdul / Abdullah)
            if qp.norm in ABD_PREFIXES and lp.norm in ABD_PREFIXES and _other_abd_fits(qparts, i, lparts, j):
                continue  # Abd of Abd Allah is not the Abd of عبد الرحمن: the word after it names him
            if how == "initial" and not listed.is_person:
                continue  # a letter of an entity's name is no initial of a person's ("P.J.S", "K M A")
            if how == "initial" and Role.FAMILY in (qp.role if len(qp.norm) > 1 else lp.role,):
                # an initial stands for a given name, not for the other side's family name: "AKHMED
                # AKHMEDOV" is not the alias "A. Ahmed" (0.86), "Ahmed al-Sharaa" not AHMED, S (0.81)
                continue
            if how in _NAME_FUZZY and not listed.is_person:
                sim = ENTITY_FUZZY_SIM
            if sim >= MIN_SIMILARITY:
                pairs.append((sim * MATCH_WEIGHT[lp.role], i, j, sim, how))
    # On a tie, the pair nearer in place, counted from the start or from the end: a name's last word
    # is its family name however many words come before it ('سعد الدين سيد' / 'Saduddin Sayyed':
    # Sayyed is سيد, not سعد at the same distance from the start)
    q_last, l_last = len(qparts) - 1, len(lparts) - 1
    pairs.sort(
        key=lambda p: (-p[0], min(abs(p[1] - p[2]), abs((q_last - p[1]) - (l_last - p[2]))), abs(p[1] - p[2]))
    )
    q_used: dict[int, tuple[int, ...]] = {}
    l_used: dict[int, int] = {}
    found: list[tuple[tuple[int, ...], tuple[int, ...], float, str]] = []
    for _, i, j, sim, how in pairs:
        if i in q_used or j in l_used:
            continue
        q_used[i] = (j,)
        l_used[j] = i
        found.append(((i,), (j,), sim, how))
    _join_near_pairs(qparts, lparts, q_used, l_used, found)
    _repair_runs(qparts, lparts, q_used, l_used, found, 2, _concatenated)
    _repair_runs(qparts, lparts, q_used, l_used, found, 3, _article_run)
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


# How two spellings of one person's name word differ (vowels, sounds) says less of a company's
# name, which the lists write alike but for a few (Center / Centre): such a word of an entity name
# counts less; typos and transliterations do not. Not aligning them at all lost 4 cross-list
# companies of the tuning half (Center / Centre). With GENERIC_WEIGHT: congress negative "Michelle
# Steel" 0.86 -> 0.69 against MECHEL STEEL GROUP OAO (michelle / mechel: similar spelling).
_NAME_FUZZY = frozenset(
    {"similar spelling", "sounds alike", "other vowels", "other spelling", "other reading"}
)
ENTITY_FUZZY_SIM = 0.7
# Words that say what a company does or whose it is, not which company it is: in an entity's name
# they weigh this much as evidence, aligned, missing or an extra query word (issue 13: "generic words
# weigh as much as distinctive ones"). English and the Russian transliterations the lists write for
# them (ZAVOD, NAUCHNO-PROIZVODSTVENNOE OBEDINENIE: research and production association), the state
# and country words of Russian state companies' names (FEDERAL STATE ..., SBERBANK ROSSII).
GENERIC_WEIGHT = 0.5
GENERIC_WORDS = frozenset(
    """
    bank steel oil gas petroleum energy industries industry industrial plant factory shipping
    shipbuilding airlines airways logistics services service construction engineering investment
    investments finance financial insurance mining metals metal chemical chemicals electronics
    technologies technology systems export import commercial development center centre
    works concern institute research scientific production association manufacturing design bureau
    machine building state federal republican national russian russia
    zavod kontsern institut nauchno nauchny nauchnyi proizvodstvennoe proizvodstvennoye
    proizvodstvenny obedinenie obyedineniye issledovatelskii issledovatelsky gosudarstvennoe
    gosudarstvenny federalnoe respublikanskoe respublikanskaye rossii
    """.split()  # noqa: SIM905 (a word list)
)


_NAME_FUZZY_OR_TYPO = _NAME_FUZZY | {"typo"}


def _syllabic(name: PreparedName) -> bool:
    """A person's name of two to four words, one of them a Chinese or Korean family name
    (SYLLABLE_FAMILY), every word a syllable of KOREAN_SYLLABLE_LETTERS + 1 letters or fewer
    ("Li Qiang", "LI Cheng Yu", "Kim Jong Il")."""
    parts = name.parts
    return (
        name.is_person
        and 2 <= len(parts) <= 4
        and any(p.norm in SYLLABLE_FAMILY for p in parts)
        and all(len(p.norm) <= KOREAN_SYLLABLE_LETTERS + 1 and not p.abjad for p in parts)
    )


# First consonants of a romanised Korean syllable, by the letter of Hangul they write in the lists'
# McCune-Reischauer and South Korea's Revised Romanization (Chong / Jeong / Jong, Pyong / Byeong,
# Thae / Tae, Kim / Gim). The liquid and nasal that South Korean spelling drops or changes at a word's
# start are one class with no consonant: Ryong / Yong (룡 / 용), Ri / Lee / Yi, Ro / No / Roh.
_KOREAN_INITIAL = (
    ("tch", "j"), ("jj", "j"), ("ch", "j"), ("j", "j"), ("ts", "j"), ("kk", "k"), ("kh", "k"),
    ("k", "k"), ("g", "k"), ("pp", "p"), ("ph", "p"), ("p", "p"), ("b", "p"), ("tt", "t"),
    ("th", "t"), ("t", "t"), ("d", "t"), ("ss", "s"), ("sh", "s"), ("s", "s"), ("h", "h"),
    ("m", "m"), ("n", ""), ("r", ""), ("l", ""), ("y", ""), ("w", ""),
)  # fmt: skip


@lru_cache(maxsize=10_000)
def korean_initial(syllable: str) -> str | None:
    """The class of a romanised Korean syllable's first consonant (_KOREAN_INITIAL; "" for none or
    a liquid, nasal n or glide), None for a word that is no syllable (not plain ASCII letters, or
    longer than KOREAN_SYLLABLE_LETTERS)."""
    if not syllable.isascii() or not syllable.isalpha() or len(syllable) > KOREAN_SYLLABLE_LETTERS:
        return None
    if syllable[0] in "aeiou":
        return ""
    return next((c for start, c in _KOREAN_INITIAL if syllable.startswith(start)), None)


def _korean(query: PreparedName, listed: PreparedName) -> bool:
    """Either name has a family name only Korean names carry (KOREAN_FAMILY, not a Chinese one)."""
    return any(p.norm in _ONLY_KOREAN for p in (*query.parts, *listed.parts))


def _same_korean_initial(query: Part, listed: Part) -> bool:
    """Two syllables whose first consonants are one letter of Hangul, or a pair that is not two
    syllables. A different syllable of a Korean given name is another person's (issue 13): "Kim Jong
    Nam" scored 0.99 against KIM Yong Nam through the skeletons' j / y (and a German reading of j as
    y among Jong's other spellings). The other spellings are not read: the lists' and the press's
    spellings of one syllable (Ri / Lee / Yi, Jeong / Jong / Chong, Byung / Pyong) are one class."""
    initial_q, initial_l = korean_initial(query.norm), korean_initial(listed.norm)
    return initial_q is None or initial_l is None or initial_q == initial_l


def _is_generic(norm: str) -> bool:
    """A business word (``GENERIC_WORDS``) that is no legal form (those cost as ``_stop_cost``)."""
    return norm in GENERIC_WORDS and not is_stopword(norm)


# Words that make a kunya or teknonym with the next word: "Abu Mohammed" (father of Mohammed), "Umm
# Kulthum". Such a pair is one name: its second word aligns only with the second word of another
# kunya (a weak alias "SALAH ABU MOHAMED" of GASMI, Salah is not the query "Mohamed Salah").
KUNYA = frozenset({"abu", "abou", "abo", "abw", "umm", "um", "om"})


def _in_kunya(parts: tuple[Part, ...]) -> list[bool]:
    """Per part: whether it follows a kunya word (and is not one itself)."""
    return [i > 0 and parts[i - 1].norm in KUNYA and p.norm not in KUNYA for i, p in enumerate(parts)]


def _after_abd_word(parts: tuple[Part, ...], index: int) -> Part | None:
    """The word an Abd of ``parts`` names a servant of (the article between them skipped), or None
    when it ends the name."""
    for part in parts[index + 1 :]:
        if part.norm not in ARTICLES:
            return part
    return None


def _same_abd_name(qparts: tuple[Part, ...], i: int, lparts: tuple[Part, ...], j: int) -> bool:
    """Two Abds (عبد, Abd, Abdul) written as words of their own, with the same name after them, or
    one of them ending its name."""
    after_q, after_l = _after_abd_word(qparts, i), _after_abd_word(lparts, j)
    if after_q is None or after_l is None:
        return True
    return part_similarity(after_q, after_l)[0] >= MIN_SIMILARITY


def _other_abd_fits(qparts: tuple[Part, ...], i: int, lparts: tuple[Part, ...], j: int) -> bool:
    """An Abd written as a word of its own is half a name, which the word after it completes: the
    query's Abd i and the listed Abd j are not a pair where the name after one of them is the name
    after another Abd of the other side. Greedy, the query's عبد of عبد الرحمن took the Abd of the
    listed Abd Allah, which left both halves of each name unaligned ('عبد الله محمد رجب عبد الرحمن'
    / 'Abd Allah Mohamed Ragab Abdel Rahman' 0.58)."""
    if _same_abd_name(qparts, i, lparts, j):
        return False
    return any(
        k != j and part.norm in ABD_PREFIXES and _same_abd_name(qparts, i, lparts, k)
        for k, part in enumerate(lparts)
    ) or any(
        k != i and part.norm in ABD_PREFIXES and _same_abd_name(qparts, k, lparts, j)
        for k, part in enumerate(qparts)
    )


def _join_near_pairs(
    qparts: tuple[Part, ...],
    lparts: tuple[Part, ...],
    q_used: dict[int, tuple[int, ...]],
    l_used: dict[int, int],
    found: list[tuple[tuple[int, ...], tuple[int, ...], float, str]],
) -> None:
    """A word aligned only by its consonants one class apart ("similar consonants") with a word that,
    joined to the unaligned word after it, is the other side's word whole: the two words are one name
    written apart, as Persian writes a compound family name (مزلقان چای / MAZLGHANCHAY, which the
    greedy pass took as مزلقان one class short and left چای as a query word the name lacks)."""
    for n, (qi, lj, sim, how) in enumerate(found):
        if how != "similar consonants" or len(qi) != 1 or len(lj) != 1:
            continue
        i, j = qi[0], lj[0]
        if i + 1 < len(qparts) and i + 1 not in q_used:
            joined = _concatenated(lparts[j], qparts[i : i + 2])
            if joined is not None and joined > sim:
                q_used[i + 1] = (j,)
                found[n] = ((i, i + 1), (j,), joined, "joined")
                continue
        if j + 1 < len(lparts) and j + 1 not in l_used:
            joined = _concatenated(qparts[i], lparts[j : j + 2])
            if joined is not None and joined > sim:
                q_used[i] = (j, j + 1)
                l_used[j + 1] = i
                found[n] = ((i,), (j, j + 1), joined, "joined")


def _repair_runs(
    qparts: tuple[Part, ...],
    lparts: tuple[Part, ...],
    q_used: dict[int, tuple[int, ...]],
    l_used: dict[int, int],
    found: list[tuple[tuple[int, ...], tuple[int, ...], float, str]],
    width: int,
    similarity: Callable[[Part, tuple[Part, ...]], float | None],
) -> None:
    """Align a part left unaligned with ``width`` adjacent unaligned parts of the other side (either
    side: query or listed), where ``similarity`` says they are one word written apart; first fit."""
    for side_a, side_b, used_a, used_b, flip in (
        (qparts, lparts, q_used, l_used, False),
        (lparts, qparts, l_used, q_used, True),
    ):
        for i, part in enumerate(side_a):
            if i in used_a or len(part.skeleton) < 5:
                continue
            for j in range(len(side_b) - width + 1):
                run = tuple(range(j, j + width))
                if any(k in used_b for k in run):
                    continue
                sim = similarity(part, side_b[j : j + width])
                if sim is None:
                    continue
                # typed loosely: the flipped pass stores a run in l_used, whose readers test membership only
                used_a[i] = run  # type: ignore[assignment]
                for k in run:
                    used_b[k] = i  # type: ignore[assignment]
                found.append((run, (i,), sim, "joined") if flip else ((i,), run, sim, "joined"))
                break


def _concatenated(part: Part, run: tuple[Part, ...]) -> float | None:
    """ "Abdulrahman" vs "Abdul Rahman", "alzawahiri" vs "al zawahiri": two adjacent parts joined."""
    joined = run[0].skeleton + run[1].skeleton
    distance = Levenshtein.distance(part.skeleton, joined)
    if (
        distance > edit_budget(len(joined)) // 2
        and not _abjad_joined(part, run[0], run[1])
        and not _article_vowel(part, run)
    ):
        return None
    if not _script_run_vowels_agree(part, run):
        return None
    return 0.95 if distance == 0 or _article_vowel(part, run) else 0.85


def _article_vowel(part: Part, run: tuple[Part, ...]) -> bool:
    """A word and another with the article after it, written apart on one side, the same but for the
    article's vowel: Latin spellings write al, el, ul or il (عبد ال / Abd al / Abdul, Abdel, Abdal;
    the script writes no vowel there), or its l as the sun letter that follows it (Abdur Rahman,
    Abdus Salam, Abdun Nur: the article assimilated, as it is spoken)."""
    if run[1].norm not in ARTICLES:
        return False
    first = run[0].skeleton
    rest = part.skeleton[len(first) :]
    return (
        part.skeleton.startswith(first)
        and len(rest) == 2
        and rest[0] in "aeiou"
        and rest[1] in ARTICLE_L_READ_AS
    )


# The article's l, and the sun letters that take its place (t d r z s n, in one Latin letter).
ARTICLE_L_READ_AS = frozenset("ltdrzsn")


def _script_run_vowels_agree(part: Part, run: tuple[Part, ...]) -> bool:
    """A word and a run of words written apart, all in Arabic script, write the same long vowels
    (``script_vowels_agree``): بشارالاسد is not بشرى الأسد."""
    if not (part.abjad and all(p.abjad for p in run)):
        return True
    return script_vowels_agree(part.raw, "".join(p.raw for p in run))


ARTICLES = frozenset({"al", "el", "ul"})


def _article_run(part: Part, run: tuple[Part, ...]) -> float | None:
    """One word and three with the article in the middle, with the same consonants: سراج الدين / Sirajuddin (the article's l taken by the next letter, as Latin
    writes it), عبد العزيز / Abdulaziz (kept)."""
    if run[1].norm not in ARTICLES or not _article_joined(part, run[0], run[2]):
        return None
    if not _script_run_vowels_agree(part, run):
        return None
    return ARTICLE_JOINED_SIM


ARTICLE_JOINED_SIM = ABJAD_SIM  # the same consonants, as of one word (عبد الرحمن / Abdulrahman)


def _article_joined(part: Part, first: Part, last: Part) -> bool:
    """``part`` has the consonants of ``first``, the article and ``last`` joined, or of ``first`` and
    ``last`` (the article assimilated: ud-din); in the script or in Latin (Abdulrahman, Abdurrahman
    / Abd al-Rahman)."""
    key = abjad_key(part.norm)
    return len(key) >= 4 and key in article_joined_keys(first.norm, last.norm)


@lru_cache(maxsize=100_000)
def article_joined_keys(first: str, last: str) -> frozenset[str]:
    """``abjad_key`` keys of two tokens with the article between them written as one word: with its
    l (Abdulaziz), without it (Sirajuddin: the l taken by the next letter), and, before a sun letter,
    with the article's vowel and that letter doubled (سعد الدين / Saduddin, whose two d are not
    one)."""
    keys = joined_abjad_keys(first, "al" + last) | joined_abjad_keys(first, last)
    if last[:1] in ARTICLE_L_READ_AS:
        keys |= joined_abjad_keys(first, "a" + last)
    return keys


def _abjad_joined(part: Part, first: Part, second: Part) -> bool:
    """An abjad word and two words joined have the same consonants (عبدالله / Abd Allah), also with
    the article joined inside the abjad word read as Latin writes it assimilated (عبدالرحمن / Abdur
    Rahman: ``inner_article_key``)."""
    if not (part.abjad or first.abjad or second.abjad):
        return False
    key = abjad_key(part.norm)
    if len(key) < 3:
        return False
    joined = joined_abjad_keys(first.norm, second.norm)
    assimilated = inner_article_key(part.raw) if part.abjad else ""
    return key in joined or bool(assimilated) and assimilated in joined


def _weak_pair(
    alignments: list[PartAlignment], q_norm: dict[str, str], l_norm: dict[str, str], abjad: frozenset[str]
) -> bool:
    """The family name matches only by a typo that changes a letter (not one added or left out, as
    transliterations do: Nourouzi / Norouzi; nor a vowel of another quality that Latin spellings of
    an Arabic name differ by: ``other_vowels``) and no given name matches exactly, nor a given name
    together with a middle name or patronymic: two loose parts together are weak evidence ("Andrii
    Shevchuk" is not "Andrei SHEVCHIK")."""
    family = [a for a in alignments if a.role == Role.FAMILY and a.query is not None]
    if not family or any(a.how not in _LOOSE_FAMILY for a in family):
        return False
    pairs = [(q_norm.get(a.query or "", ""), l_norm.get(a.listed or "", "")) for a in family]
    loose = [
        _substituted(q, lst)
        and not _vowels_only(q, lst, q in abjad or lst in abjad)
        and not _last_a_o(q, lst)
        for q, lst in pairs
    ]
    if not any(loose):
        return False
    if any(a.role == Role.GIVEN and a.how in _EXACT_GIVEN for a in alignments):
        return False
    # a given name and a patronymic or middle name that agree (as spellings of one name) are two more
    # parts of evidence: Swedish "Vjatjeslav Vasiljevitj FOMITJOV" is FOMICHEV, Vyacheslav Vasilevich
    given = any(a.role == Role.GIVEN and a.query is not None for a in alignments)
    return not (given and any(a.role == Role.MIDDLE and a.similarity >= ALT_SIM for a in alignments))


# A given name as exact as written: the same word, or its form in another language of the table
# (names.given: Ihar / Igor is one name, not a loose spelling).
_EXACT_GIVEN = frozenset({"same", "same name, another language's form"})


def _last_a_o(query: str, listed: str) -> bool:
    """A family name in -ka in Belarusian where Russian and Ukrainian write -ko (LUKASHENKA /
    LUKASHENKO, KARPENKA / KARPENKO, SOJKA / SOYKO on two lists): one name, not a typo. Only after
    a k: Ivanova / Ivanovo, Maria / Mario are two names."""
    return len(query) > 4 and query[:-1] == listed[:-1] and {query[-2:], listed[-2:]} == {"ka", "ko"}


def _vowels_only(query: str, listed: str, abjad: bool) -> bool:
    """Vowels of one Arabic name are no typo: Laden / Ladin, Usama / Osama (``other_vowels``), and,
    when one side is written in an abjad script, a Latin spelling with the same consonants
    (میراحمدی / MIRAHMADI)."""
    return other_vowels(query, listed) or abjad and abjad_key(query) == abjad_key(listed)


def _substituted(query: str, listed: str) -> bool:
    """One letter of ``listed`` written as another in ``query`` (not only letters added or dropped)."""
    return any(op.tag == "replace" for op in Levenshtein.editops(query, listed))


# How two spellings of one word may differ that says little when the word is all a query and a name
# have in common: a letter changed (not added or dropped), another consonant or vowel spelling.
_LOOSE_WORD = frozenset({"similar spelling", "sounds alike", "other vowels", "other spelling"})


def _loose_word(family: PartAlignment, query: Part, listed: PreparedName) -> bool:
    """The one Latin query word matches the listed Latin family name only loosely: a typo that
    changes a letter (``_weak_pair``'s typo) or one of ``_LOOSE_WORD``. "Gore" / QURJU (other
    spelling) and "Rajhi" / RAYMI (a typo) are two names; "Nabiulina" / NABIULLINA (a letter left
    out) is one. A word written in an abjad script is compared by its consonants, which is no
    loose spelling (عثمان / Osman, رجب / Ragab)."""
    if query.abjad or any(p.abjad for p in listed.parts if p.raw == family.listed):
        return False
    if family.how in _LOOSE_WORD:
        return True
    norm = next((p.norm for p in listed.parts if p.raw == family.listed), "")
    return family.how == "typo" and _substituted(query.norm, norm) and not other_vowels(query.norm, norm)


def _latin_by_consonants(family: PartAlignment, query: Part, listed: PreparedName) -> bool:
    """The one Latin query word matches a listed family name written in an abjad script by its
    consonants alone (the vowels the script does not write may be any): "Cuba" has the consonants
    of الكعبي, "Shapan" those of شعبان (0.90 surname only; a country, a name on no list). The
    same person's Latin names on the list are the evidence a spelling needs; an abjad query
    (عثمان / Osman) has no other, nor a name listed only in the script (one word: ميدفيديف)."""
    if query.abjad or family.how != "same consonants" or len(listed.parts) < 2:
        return False
    return any(p.abjad for p in listed.parts if p.raw == family.listed)


@dataclass(frozen=True, slots=True)
class Tally:
    """What the score is made of: sum(similarity x weight) over sum(weights and costs), a factor, and
    a note for each rule beyond the alignment itself (conflicts, surname only, a weak pair)."""

    gained: float
    total: float
    factor: float
    notes: tuple[str, ...]
    surname_only: bool = False

    @property
    def score(self) -> float:
        return round(self.gained / self.total * self.factor, 4) if self.total else 0.0


def surname_weight(count: int) -> float:
    """The most a one-word query can score by a family name on ``count`` entries: 1 up to RARE_COUNT
    entries, 0.25 less per tenfold count, so a family name on more than ~90 entries (Kim, Wang,
    Mohammed) cannot reach the default threshold alone."""
    if count <= RARE_COUNT:
        return 1.0
    return max(0.5, 1.0 - 0.25 * math.log10(count / RARE_COUNT))


def tally(
    query: PreparedName, listed: PreparedName, alignments: list[PartAlignment], rarity: Rarity
) -> Tally:
    """The parts of the score (see the module docstring); ``rarity`` weighs each word by how common
    it is on the lists (tracker.matching.rarity)."""
    if len(query.parts) == 1 and listed.is_person:
        family = [a for a in alignments if a.role == Role.FAMILY and a.query is not None]
        if family:
            word = query.parts[0]
            count = rarity.abjad_count(word.norm) if word.abjad else rarity.count(word.norm)
            weight = surname_weight(count)
            facts = [f"on {count} entries: x{weight:.2f}"] if weight < 1 else []
            if _loose_word(family[0], query.parts[0], listed):
                # one word and only a loose spelling of it ("Al Rajhi" searched as Rajhi: al-RAYMI)
                weight *= WEAK_PAIR_FACTOR
                facts.append(f"only a loose spelling: x{WEAK_PAIR_FACTOR}")
            elif _latin_by_consonants(family[0], query.parts[0], listed):
                weight *= WEAK_PAIR_FACTOR
                facts.append(f"only the consonants of a name in an abjad script: x{WEAK_PAIR_FACTOR}")
            said = f" ({'; '.join(facts)})" if facts else ""
            if len(listed.parts) > 1:
                return Tally(family[0].similarity, 1.0, weight, (f"surname only{said}",), surname_only=True)
            # a one-word listed name (a weak alias "Asad") is no more than a family name alone
            if weight < 1:
                return Tally(family[0].similarity, 1.0, weight, (f"one word{said}",))
    gained = total = 0.0
    notes: list[str] = []
    factor = 1.0
    if len(query.parts) == 1 and not listed.is_person:
        factor = _one_word_entity(query.parts[0], listed, alignments, rarity, notes)
    qcount = len(query.parts)
    q_index = {p.raw: i for i, p in enumerate(query.parts)}
    q_norm = {p.raw: p.norm for p in query.parts}
    l_norm = {p.raw: p.norm for p in listed.parts}
    family_found = any(a.role == Role.FAMILY and a.query is not None for a in alignments)
    # a query family name aligned with a listed one: the query's other family name is optional
    family_pair = any(
        a.role == Role.FAMILY and a.query in q_index and query.parts[q_index[a.query]].role == Role.FAMILY
        for a in alignments
    )
    inner_extra = [a for a in alignments if a.how == "extra" and _is_inner(query, q_index, a)]
    middle_missing = [a for a in alignments if a.how == "missing" and a.role == Role.MIDDLE]
    if query.is_person and listed.is_person:
        inner_extra, middle_missing = _conflicting(inner_extra, middle_missing, q_norm, l_norm)
        if family_found:
            second = _other_family_names(query, listed, alignments, q_index, inner_extra, middle_missing)
            inner_extra, middle_missing = inner_extra + second[0], middle_missing + second[1]
    else:
        inner_extra, middle_missing = [], []
    conflicts = len(inner_extra)
    conflicting = {id(a) for a in inner_extra + middle_missing}
    stops = {"missing": 0, "extra": 0}  # legal forms left unaligned on each side, so far
    syllables = listed.is_person and korean_given_name(listed)
    stand_in = _given_stand_in(query, listed, alignments) if listed.is_person else None
    joined = (
        listed.is_person
        and _JOINED_NAMES.search(query.text) is not None
        and _JOINED_NAMES.search(listed.text) is None  # a listed name with its own "&" is as written
    )
    korean_query = listed.is_person and query.is_person and korean_syllables(query)
    l_used = {
        w for a in alignments if a.query is not None and a.listed is not None for w in a.listed.split(" ")
    }
    for a in alignments:
        if id(a) in conflicting:
            continue
        if a.how == "missing":
            assert a.role is not None and a.listed is not None
            role = Role.MIDDLE if a.role == Role.FAMILY and family_found else a.role
            if role != Role.MIDDLE and listed.is_person and _repeated(a.listed, l_used, l_norm):
                role = Role.MIDDLE  # BAHMANYAR, Bahmanyar Morteza: the word is found once
                notes.append(f"{a.listed}{_REPEAT_NOTE}")
            elif role == Role.FAMILY and _dropped_nisba(query, listed, alignments, a):
                role = Role.MIDDLE
                notes.append(f"{a.listed}{_NISBA_NOTE}")
            if role == Role.MIDDLE and syllables:
                role = Role.GIVEN  # a syllable of a Korean given name (KIM Young-Chol is not Young Kim)
                notes.append(f"{a.listed}{_SYLLABLE_NOTE}")
            elif role == Role.MIDDLE and listed.is_person and _second_half(listed, a.listed, l_used):
                role = Role.GIVEN  # Abd al-RAHMAN: the given name's second half, not a middle name
                notes.append(f"{a.listed}{_HALF_NOTE}")
            cost = MISSING_WEIGHT[role]
            if role == Role.STOP:
                cost = _stop_cost(stops, "missing")
            elif not listed.is_person and l_norm.get(a.listed, "") in GENERIC_WORDS:
                cost *= GENERIC_WEIGHT
            total += cost * rarity.weight(l_norm.get(a.listed, ""))
        elif a.how == "extra":
            assert a.query is not None
            i = q_index.get(a.query, 0)
            cost = query_extra_cost(i, qcount, query.parts[i].norm, query.parts[i].abjad)
            if i == 0 and _GIVEN_AL.fullmatch(query.text):
                cost = QUERY_EXTRA_CORE  # "Al Green": Al is his given name, not GREEN's article
            other_family = other_family_cost(query.parts, i) if listed.is_person else None
            if other_family is not None and family_pair and other_family < cost:
                cost = other_family
                notes.append(f"{a.query}{_OTHER_FAMILY_NOTE}")
            given_only = given_names_only_cost(query, i) if listed.is_person else None
            if given_only is not None and given_only < cost and _given_names_only(alignments):
                cost = given_only
                notes.append(f"{a.query}{_GIVEN_ONLY_NOTE}")
            if listed.is_person:
                half = _core_extra(query, i, joined, korean_query)
                if half is not None:
                    notes.append(half)
                    # at a core word's cost whatever its rarity: "and" is common in entities' names
                    total += QUERY_EXTRA_CORE
                    continue
            least = None if listed.is_person else entity_extra_cost(query.parts, i)
            if least is not None and legal_form_flags([p.norm for p in query.parts])[i]:
                cost = min(cost, _stop_cost(stops, "extra"))
            elif least is not None:
                cost = least  # a business word weighs as little as a listed one (GENERIC_WEIGHT)
            total += cost * rarity.weight(query.parts[i].norm)
        else:
            assert a.role is not None and a.listed is not None
            role = Role.GIVEN if a.listed == stand_in else a.role
            norms = _norms(a.listed, l_norm)
            weight = MATCH_WEIGHT[role] * min(rarity.weight(n) for n in norms)
            if not listed.is_person and all(n in GENERIC_WORDS for n in norms):
                weight *= GENERIC_WEIGHT
            gained += a.similarity * weight
            total += weight
    if joined and not any(n.startswith(_JOINER_NOTE_START) for n in notes):
        total += QUERY_EXTRA_CORE  # "Hassan & Hussein": the & is no word of the prepared query
        notes.append(_JOINER_NOTE)
    if conflicts:
        total += CONFLICT_COST * conflicts
        pairs = ", ".join(f"{q.query} / {m.listed}" for q, m in zip(inner_extra, middle_missing, strict=True))
        notes.append(f"conflicting middle name or patronymic {pairs}")
    if query.is_person and listed.is_person:
        notes.extend(_gender_notes(alignments, q_norm, l_norm))
    father = _father_as_family(query, listed, alignments) if listed.is_person else None
    if father is not None:
        factor *= FATHER_FACTOR
        notes.append(f"{father} follows 'bin': the father's name, the listed family name (x{FATHER_FACTOR})")
    abjad = frozenset(p.norm for p in (*query.parts, *listed.parts) if p.abjad)
    if _weak_pair(alignments, {p.raw: p.norm for p in query.parts}, l_norm, abjad):
        factor *= WEAK_PAIR_FACTOR
        notes.append(f"family name only by a typo and no exact given name (x{WEAK_PAIR_FACTOR})")
    elif listed.is_person and _loose_slavic_family(alignments, q_norm, l_norm, abjad):
        factor *= WEAK_PAIR_FACTOR
        notes.append(f"a Slavic family name only loosely alike (x{WEAK_PAIR_FACTOR})")
    elif query.is_person and listed.is_person and _swapped_loosely(query, alignments, q_index, l_norm, abjad):
        factor *= WEAK_PAIR_FACTOR
        notes.append(f"given and family name swapped, neither spelt as listed (x{WEAK_PAIR_FACTOR})")
    return Tally(gained, total, factor, tuple(notes))


def _one_word_entity(
    word: Part, listed: PreparedName, alignments: list[PartAlignment], rarity: Rarity, notes: list[str]
) -> float:
    """The factor of a one-word query against an entity's or a vessel's name whose one distinctive
    word it matches (every other word a legal form or a business word), not as written: as weak as a
    family name alone so matched. A loose spelling x WEAK_PAIR_FACTOR ("Smith" is not the vessel alias
    SMOOTH, "HUSSEIN" not Hunjin Trading Co.: 0.80 before); a spelling of a word common on the lists x
    its surname_weight, so that the word's exact matches rank first ("SAID" scored 0.83 against the
    alias SAPID, above the exact alias SAID of a person at 0.79). Notes what it applies in ``notes``."""
    pair = [a for a in alignments if a.query is not None and a.listed is not None]
    if len(pair) != 1 or pair[0].how == "same":
        return 1.0
    aligned = set(pair[0].listed.split(" ")) if pair[0].listed else set()
    stop = legal_form_flags([p.norm for p in listed.parts])
    if not all(s or _is_generic(p.norm) or p.raw in aligned for p, s in zip(listed.parts, stop, strict=True)):
        return 1.0
    facts = []
    count = rarity.abjad_count(word.norm) if word.abjad else rarity.count(word.norm)
    factor = surname_weight(count)
    if factor < 1:
        facts.append(f"on {count} entries: x{factor:.2f}")
    if _loose_word(pair[0], word, listed):
        factor *= WEAK_PAIR_FACTOR
        facts.append(f"only a loose spelling: x{WEAK_PAIR_FACTOR}")
    if facts:
        notes.append(f"one word ({'; '.join(facts)})")
    return factor


def _swapped_loosely(
    query: PreparedName,
    alignments: list[PartAlignment],
    q_index: dict[str, int],
    l_norm: dict[str, str],
    abjad: frozenset[str],
) -> bool:
    """The query's given name aligned with the listed family name and its family name with the
    listed given name, and neither pair spelt alike (a typo or vowels apart, under ALT_SIM): two
    common names that look like each other's ("Mohamed Salah" / Saleh MOHAMMAD 0.87), not one
    name written family name first (HASSAN Ali / "Ali Hassan" stays whole). Not in an abjad
    script on either side, whose words match at ABJAD_SIM at most and whose Persian names the EU
    and UK lists write family name first (خاتمی سید احمد / Seyed Ahmad KHATAMI, خدادادی صغری /
    KHODADADI, Soghra)."""
    swapped = 0
    for a in alignments:
        if a.query not in q_index or a.listed is None or a.role not in (Role.GIVEN, Role.FAMILY):
            continue
        part = query.parts[q_index[a.query]]
        if part.abjad or l_norm.get(a.listed, "") in abjad:
            return False
        own = part.role
        if {own, a.role} != {Role.GIVEN, Role.FAMILY}:
            continue
        if a.similarity >= ALT_SIM:
            return False
        swapped += 1
    return swapped >= 2


# "X bin Y" names Y as X's father. A listed "Y, X" (Y the family name, with no "bin" before it) is a
# person whose family is Y, which the query says is the father's given name: "Mohammed Bin Salman" is
# not SALMAN, Muhammad (0.93; issue 13). Not ruled out: lists write a father's name as the family name
# (OFAC's UDIN, Mohamad Rafi for "Mohamad Rafi Bin Udin", a Malay name of that form; x0.75 lost it
# and "Mohd Radi Bin Udin" on the name evaluation's tuning half), so it weighs as a weak pair does.
FATHER_WORDS = frozenset({"bin", "ibn", "bint", "binti", "ben"})
FATHER_FACTOR = 0.85


def _father_as_family(
    query: PreparedName, listed: PreparedName, alignments: list[PartAlignment]
) -> str | None:
    """The query word after "bin" (FATHER_WORDS, itself after a name) aligned with a listed family
    name that has no "bin" before it; None if there is none."""
    parts = query.parts
    fathers = {parts[i + 1].raw for i in range(1, len(parts) - 1) if parts[i].norm in FATHER_WORDS}
    if not fathers:
        return None
    lparts = listed.parts
    listed_fathers = {lparts[j + 1].raw for j in range(len(lparts) - 1) if lparts[j].norm in FATHER_WORDS}
    for a in alignments:
        family = a.role == Role.FAMILY and a.query in fathers and a.listed is not None
        if family and not listed_fathers & set(str(a.listed).split(" ")):
            return a.query
    return None


# Family names of Russian, Ukrainian, Belarusian and Polish form, as their endings show (not -in,
# which Arabic names end in too: ABUHUSSAIN). The lists' spellings of one such name differ in their
# vowels (ё: VOROBEV / VOROBOV / VOROBYOV, Uzbek USMONOV / USMANOV, Czech IGNATOVOVÁ / IGNATOVA) or
# fold to one skeleton; other consonants are another family name.
_SLAVIC_FAMILY = re.compile(r"(?:ov|ev|ski|sky|skii|skiy|ska|aya|aja|aia|enko|uk|ova|eva)$")


_GENDER_ENDING = re.compile(r"(?:ova|eva|a|o)$")  # Czech -ová, Russian -a, Ukrainian -ko: one name


def _loose_slavic_family(
    alignments: list[PartAlignment], q_norm: dict[str, str], l_norm: dict[str, str], abjad: frozenset[str]
) -> bool:
    """The family name aligned is of Slavic form on both sides (_SLAVIC_FAMILY) and alike only
    loosely: other consonants (``consonant_key``), by a typo that changes a letter or more than
    one, or by one of _LOOSE_WORD. Interpol red notices of people on no list matched listed
    Russians so, a given name the same: Sergei BORTSOV / Sergej KORZHOV 0.88, Maxim POTAPOV /
    PROTASOV 0.85, Murad MATAEV / MADAEV 0.92. Not when a given name and a patronymic or middle
    name agree besides (as ``_weak_pair``: "Fjodor Dmitrjewitsch BERELIN" is BEREZIN, Fedor
    Dmitrievich with a letter mistyped; Belarusian "Ivan Iosifavitj BAHUSLAUSKI" is BOGUSLAVSKIY)."""
    given = any(a.role == Role.GIVEN and a.query is not None for a in alignments)
    if given and any(a.role == Role.MIDDLE and a.similarity >= LAST_A_SIM for a in alignments):
        return False
    for a in alignments:
        if a.role != Role.FAMILY or a.query is None or a.listed is None:
            continue
        q, lst = q_norm.get(a.query, ""), l_norm.get(a.listed, "")
        if not (_SLAVIC_FAMILY.search(q) and _SLAVIC_FAMILY.search(lst)) or abjad & {q, lst}:
            continue  # (a word in an abjad script is no Slavic name: الدبيسكي / AL-DABSKI)
        if consonant_key(q) == consonant_key(lst):
            continue  # vowels apart: one name
        skel_q, skel_l = skeleton_key(q), skeleton_key(lst)
        stem_q, stem_l = _GENDER_ENDING.sub("", skel_q), _GENDER_ENDING.sub("", skel_l)
        if (stem_q != skel_q or stem_l != skel_l) and Levenshtein.distance(stem_q, stem_l) <= 1:
            continue  # one name in another gender or language: Czech PRIGOŽINOVÁ / PRIGOZHINA
        if OSA.distance(skel_q, skel_l) == 1 < Levenshtein.distance(skel_q, skel_l):
            continue  # two letters swapped, a typo of one name (issue 14: "Patruhsev" is PATRUSHEV)
        if a.how in _LOOSE_WORD:
            return True
        if a.how == "typo" and (Levenshtein.distance(skel_q, skel_l) > 1 or _substituted(skel_q, skel_l)):
            return True
    return False


def _other_family_names(
    query: PreparedName,
    listed: PreparedName,
    alignments: list[PartAlignment],
    q_index: dict[str, int],
    taken_q: list[PartAlignment],
    taken_l: list[PartAlignment],
) -> tuple[list[PartAlignment], list[PartAlignment]]:
    """Pairs (query word, listed family name) that conflict, as ``_conflicting``'s: a listed second
    family name the query lacks (optional once the other aligned) and an unaligned query word just
    before the query's aligned family name, where a Spanish name writes the first of its two: "Oscar
    Armando MARTINEZ HERNANDEZ" is not JIMENEZ HERNANDEZ, Oscar Armando (0.87; Interpol red notices,
    people on no list). Words that may be one name spelt two ways are not paired."""
    taken = {id(a) for a in (*taken_q, *taken_l)}
    missing = [a for a in alignments if a.how == "missing" and a.role == Role.FAMILY and id(a) not in taken]
    if not missing:
        return [], []
    family_at = {
        q_index.get(a.query, -1)
        for a in alignments
        if a.role == Role.FAMILY and a.query is not None and a.listed is not None
    }
    pairs_q: list[PartAlignment] = []
    pairs_l: list[PartAlignment] = []
    for a in alignments:
        if a.how != "extra" or id(a) in taken or a.query is None or not missing:
            continue
        i = q_index.get(a.query, -1)
        norm = query.parts[i].norm if i >= 0 else ""
        if i + 1 not in family_at or i <= 0 or norm in PARTICLES:
            continue
        other = missing[0]
        listed_norm = next((p.norm for p in listed.parts if p.raw == other.listed), "")
        if _may_be_spelling(norm, listed_norm):
            continue
        pairs_q.append(a)
        pairs_l.append(missing.pop(0))
    return pairs_q, pairs_l


# A word or sign that joins two names: a query "Hassan and Hussein" (or "Hassan & Hussein") names
# two people, or a firm, never one person (0.90 against Sheikh Hassaan HUSSEIN; a new user's trial).
# The word costs as a core word, the sign (which the prepared query drops) as one more. Not "y" or
# "e", which Spanish and Portuguese names carry (Ortega y Gasset).
JOINER_WORDS = frozenset({"and", "und", "et", "og", "och"})
_JOINED_NAMES = re.compile(r"[^\W\d_]\s*&\s*[^\W\d_]|[^\W\d_]\s+(?:and|und|et|og|och)\s+[^\W\d_]", re.I)
_JOINER_NOTE_START = "'and' or '&' joins two names"
_JOINER_NOTE = f"{_JOINER_NOTE_START}: not one person's name"
# The first half of an Arabic compound given name, "servant of" (Abd al-Rahman, Abdul Qadeer, Abdel
# Aziz): alone it is no name, so the half that follows is no optional middle name, and a query of the
# first half alone ("Abdul Khan") is not Abd al-Rahman KHAN (0.94; a new user's trial).
ABD_PREFIXES = frozenset(
    ["abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdou", "abdu", "abdur", "abdus", "abdun"]
)
_HALF_NOTE = " is the second half of the given name, not a middle name"
_REPEAT_NOTE = " repeats a word of the name the query has"


def _repeated(raw: str, used: set[str], norms: dict[str, str]) -> bool:
    """The listed word ``raw`` (missing from the query) is a word the listed name writes twice, the
    other one aligned: a query that has it once lacks nothing ("مرتضی بهمنیار" against BAHMANYAR,
    Bahmanyar Morteza). It may cost as a middle name; the bound sees no cost for it anyway (a word
    a query part aligns, ``bounds.ListedCosts``)."""
    if raw in used:  # the same text aligned: the other time it is written
        return True
    norm = norms.get(raw)
    return norm is not None and any(norms.get(w) == norm for w in used)


_QUERY_HALF_NOTE = " is the second half of a given name, not a middle name"


def _after_abd(parts: tuple[Part, ...], index: int) -> bool:
    """Part ``index`` follows the first half of a compound given name (ABD_PREFIXES), with the
    article between them or not (Abd al-Rahman, Abdul Qadeer)."""
    j = index - 1
    if j >= 0 and parts[j].norm in ARTICLES:
        j -= 1
    return j >= 0 and parts[j].norm in ABD_PREFIXES and parts[index].norm not in PARTICLES


def _second_half(listed: PreparedName, raw: str, used: set[str]) -> bool:
    """The listed word ``raw`` (missing from the query) is the second half of a compound given name
    whose first half the query has: "Abdul" found, "Qadeer" of "KHAN, Abdul Qadeer" not."""
    for j, part in enumerate(listed.parts):
        if part.raw != raw or not _after_abd(listed.parts, j):
            continue
        first = j - 2 if listed.parts[j - 1].norm in ARTICLES else j - 1
        return listed.parts[first].raw in used
    return False


def _core_extra(query: PreparedName, index: int, joined: bool, korean: bool) -> str | None:
    """A note when query part ``index``, which the listed person's name lacks, costs as a core word
    although inside the query: a joining word (JOINER_WORDS), the second half of a compound given
    name (Abdul Rahman), a syllable of a Korean given name ("Son Heung-min" is not SON Min). None
    for any other part."""
    part = query.parts[index]
    if joined and part.norm in JOINER_WORDS:
        return _JOINER_NOTE
    if not 0 < index < len(query.parts) - 1:
        return None  # a first or last word costs as a core word already
    if _after_abd(query.parts, index):
        return f"{part.raw}{_QUERY_HALF_NOTE}"
    if korean:
        return f"{part.raw}{_SYLLABLE_NOTE}"
    return None


def _gender_notes(
    alignments: list[PartAlignment], q_norm: dict[str, str], l_norm: dict[str, str]
) -> list[str]:
    """One note per query word left unaligned because it is the other gender's form of a listed
    word (``tracker.names.gender``: Olga / Oleg, Ivanova / IVANOV), which says why they differ."""
    missing = [a.listed for a in alignments if a.how == "missing" and a.listed is not None]
    if not missing:
        return []
    notes = []
    for a in alignments:
        if a.how != "extra" or a.query is None:
            continue
        norm = q_norm.get(a.query, "")
        for listed in missing:
            if other_gender(norm, l_norm.get(listed, "")):
                notes.append(f"{a.query} / {listed}: the other gender's form of the name (another person)")
                break
    return notes


def _given_stand_in(query: PreparedName, listed: PreparedName, alignments: list[PartAlignment]) -> str | None:
    """The listed middle name that the query gives as its given name, when the listed given name is
    missing from the query: the second of two given names, by which a person often goes ("IZADI,
    Saeed" for Mohammed Saeed IZADI). It weighs as a given name; the missing one still costs."""
    names = [p for p in listed.parts if p.role in (Role.GIVEN, Role.MIDDLE)]
    if len(names) < 2 or names[0].role != Role.GIVEN or names[1].role != Role.MIDDLE:
        return None
    if names[1].norm in KUNYA:
        return None  # "Abu Mohamed" is a kunya, a name of its own (SALAH ABU MOHAMED)
    given = {p.raw for p in query.parts if p.role == Role.GIVEN}
    first, second = names[0].raw, names[1].raw
    stand_in = None
    for a in alignments:
        if a.listed == first and a.query is not None:
            return None
        if a.listed == second and a.query in given:
            stand_in = second
    return stand_in


_NISBA_NOTE = " is a tribe or origin name (optional)"
_OTHER_FAMILY_NOTE = " is the query's other family name"


def _dropped_nisba(
    query: PreparedName, listed: PreparedName, alignments: list[PartAlignment], family: PartAlignment
) -> bool:
    """The listed family name the query lacks is an Arabic tribe or origin name (a nisba with the
    article, after two or more names of a chain: SADDAM HUSSEIN AL-TIKRITI), and the query's
    own family name is one of the chain's names (HUSSEIN, Udai Saddam): the lists drop it as often as
    they write it, so it is optional like a middle name."""
    positions = [j for j, p in enumerate(listed.parts) if p.raw == family.listed]
    if not positions or positions[-1] == 0 or listed.parts[positions[-1] - 1].norm not in ARTICLES:
        return False
    names = [p for p in listed.parts[: positions[-1]] if p.role != Role.PARTICLE]
    if len(names) < 2:
        return False
    query_family = {p.raw for p in query.parts if p.role == Role.FAMILY}
    # the query's family name on the listed GIVEN name is no chain name: "Mohamed Salah" is not
    # "Salah Muhammed AL-TUBAIQY" (0.89 with the nisba optional; a new user's trial)
    return any(a.query in query_family and a.listed is not None and a.role != Role.GIVEN for a in alignments)


# Korean family names as the lists romanise them (North and South spellings). A Korean given name is
# two syllables, often written apart ("KIM Young Chol", "RI Pyong Chol"): the second is no optional
# middle name, and a different one is another person (Kim Jong Il is not Kim Il Nam; issue 13).
KOREAN_FAMILY = frozenset(
    """
    kim gim ri rhee lee yi pak park bak choe choi chwe jong jeong chong jung kang gang han yun yoon
    oh seo ryu yoo hwang paek baek hong chon jeon sin shin kwon gwon jang chang cho jo ko mun moon son
    ryang yang ro roh ahn hyon hyun kye gye thae tae rim lim nam ju chu sim shim
    """.split()  # noqa: SIM905 (a word list)
)
# Chinese family names in pinyin (the common ones of the lists): a Chinese given name is one or two
# syllables, often written apart ("LI, Cheng Yu"), as a Korean one; "Li Qiang" is not LI Cheng Yu
# (0.89 with Yu optional; a new user's trial). Not ma, he, wu, yu, su, which other names write alone.
CHINESE_FAMILY = frozenset(
    """
    li wang zhang liu chen yang huang zhao zhou xu sun zhu hu guo gao lin luo zheng liang xie song
    tang feng deng cao peng zeng xiao tian dong yuan pan cai jiang du ye cheng wei lu ding ren shen
    yao jin fu qian qin xue lei hou long duan hao kong shao mao wan gu lai meng bai qiu jia xia
    """.split()  # noqa: SIM905 (a word list)
)
SYLLABLE_FAMILY = KOREAN_FAMILY | CHINESE_FAMILY
_ONLY_KOREAN = KOREAN_FAMILY - CHINESE_FAMILY
_SYLLABLE_NOTE = " is a syllable of the given name, not a middle name"
KOREAN_SYLLABLE_LETTERS = 5  # the longest romanised syllable the lists write: "myong", "hyong", "chol"


def korean_given_name(listed: PreparedName) -> bool:
    """A name of a Korean family name and two or more one-syllable words besides (nothing else)."""
    parts = listed.parts
    if len(parts) < 3:
        return False
    family = [p for p in parts if p.role == Role.FAMILY]
    return (
        len(family) == 1
        and family[0].norm in SYLLABLE_FAMILY
        and all(p.role == Role.FAMILY or len(p.norm) <= KOREAN_SYLLABLE_LETTERS for p in parts)
    )


def korean_syllables(name: PreparedName) -> bool:
    """A name of three words, the first a Korean family name and the others syllables of its given
    name, of KOREAN_SYLLABLE_LETTERS or fewer ("Son Heung-min", "Kim Jong Il")."""
    parts = name.parts
    if len(parts) != 3 or parts[0].norm not in KOREAN_FAMILY or not name.is_person:
        return False
    if not all(p.norm.isascii() and p.norm.isalpha() for p in parts):
        return False
    return all(len(p.norm) <= KOREAN_SYLLABLE_LETTERS for p in parts[1:])


def korean_capitals(listed: PreparedName) -> PreparedName:
    """A Korean name written as the UK writes some: the family name first in mixed case and the
    given name's syllables in capitals ("Kim YOUNG-CHOL"), where capitals usually mark a family name.
    The name is read as Korean order instead: KIM family, YOUNG given, CHOL its second syllable (a
    congress negative, Young Kim, scored 0.97 against it). Any other name is returned as it is."""
    parts = listed.parts
    if len(parts) < 3 or parts[0].role != Role.GIVEN or parts[0].norm not in KOREAN_FAMILY:
        return listed
    if not listed.is_person or not all(
        p.role == Role.FAMILY and len(p.norm) <= KOREAN_SYLLABLE_LETTERS for p in parts[1:]
    ):
        return listed
    return _korean_order(listed)


@lru_cache(maxsize=1_000)
def _korean_order(listed: PreparedName) -> PreparedName:
    roles = [Role.FAMILY, Role.GIVEN] + [Role.MIDDLE] * (len(listed.parts) - 2)
    parts = tuple(p._replace(role=r) for p, r in zip(listed.parts, roles, strict=True))
    return PreparedName(listed.text, parts, listed.is_person)


def _conflicting(
    extra: list[PartAlignment], missing: list[PartAlignment], q_norm: dict[str, str], l_norm: dict[str, str]
) -> tuple[list[PartAlignment], list[PartAlignment]]:
    """Pairs (query word, listed middle name) that conflict, in order: an unaligned inner query word
    and an unaligned listed middle name that are not two spellings of one word (``_may_be_spelling``:
    "Lone" / "Long", "Osman" / "Othman", "Abdel" / "Abd" are left optional, not counted against)."""
    pairs: list[tuple[PartAlignment, PartAlignment]] = []
    left = list(missing)
    for q in extra:
        if not left:
            break
        norm = q_norm.get(q.query or "", "")
        if any(_may_be_spelling(norm, l_norm.get(m.listed or "", "")) for m in left):
            left = [m for m in left if not _may_be_spelling(norm, l_norm.get(m.listed or "", ""))]
            continue
        pairs.append((q, left.pop(0)))
    return [q for q, _ in pairs], [m for _, m in pairs]


SPELLING_RATIO = 0.7  # skeleton similarity above which two words may be one


def _may_be_spelling(query: str, listed: str) -> bool:
    """Two words that may be one name spelt two ways: a short skeleton starts the other ("Mo" / "Moe",
    "Abd" / "Abdel"), or their skeletons are alike ("Lone" / "Long", "Mariam" / "Maria"). Never two
    patronymics: "Ivanovich" / "Platonovich", "Aleksandrovich" / "Alekseevich" are two fathers. A
    patronymic and the father's given name it is made of are one father ("Vladimirovich" /
    "Vladimir": NOVAK, Vladislav on two lists)."""
    patronymics = [bool(PATRONYMIC.search(w) and len(w) > 6) for w in (query, listed)]
    if all(patronymics):
        return False
    if any(patronymics):
        return _fathers_name(query, listed) if patronymics[0] else _fathers_name(listed, query)
    a, b = skeleton_key(query), skeleton_key(listed)
    if not a or not b:
        return False
    if min(len(a), len(b)) <= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return Levenshtein.normalized_similarity(a, b) >= SPELLING_RATIO


# Slavic patronymic endings after the father's name (Vladimir-ovich, Serge-evich, Nikola-evna, Il-ich)
_FATHER_ENDING = re.compile(r"(?:ovich|evich|ovych|evych|ovna|evna|ivna|ich|ichna)$")


def _fathers_name(patronymic: str, name: str) -> bool:
    """``patronymic`` is made of ``name``, the father's given name: the patronymic's stem (three
    letters or more) and the name the same, as written or as skeletons, but for a last letter the
    ending takes (Sergeevich / Sergei, Nikolaevich / Nikolai, Yuryevich / Yuri)."""
    match = _FATHER_ENDING.search(patronymic)
    if match is None:
        return False
    stem = patronymic[: match.start()]
    return len(stem) >= 3 and any(
        abs(len(a) - len(b)) <= 1 and (a.startswith(b) or b.startswith(a))
        for a, b in ((stem, name), (skeleton_key(stem), skeleton_key(name)))
    )


def _stop_cost(stops: dict[str, int], side: str) -> float:
    """A legal form costs once per side: "PUBLIC JOINT STOCK COMPANY" is one form in four words, so the
    first unaligned one costs MISSING_WEIGHT[Role.STOP] and each further one STOP_MORE."""
    stops[side] += 1
    return MISSING_WEIGHT[Role.STOP] if stops[side] == 1 else STOP_MORE


def _norms(listed: str, l_norm: dict[str, str]) -> list[str]:
    """Norms of the listed raw text of an alignment (two words after a concatenation repair)."""
    norm = l_norm.get(listed)
    return [norm] if norm is not None else [l_norm.get(w, "") for w in listed.split(" ")]


def _is_inner(query: PreparedName, q_index: dict[str, int], alignment: PartAlignment) -> bool:
    """An unaligned query part that reads as a middle name or patronymic (not a particle)."""
    i = q_index.get(alignment.query or "", 0)
    norm = query.parts[i].norm
    cost = query_extra_cost(i, len(query.parts), norm, query.parts[i].abjad)
    return cost in (QUERY_EXTRA_INNER, QUERY_EXTRA_PATRONYMIC, QUERY_EXTRA_NASAB) and norm not in PARTICLES


def score_alignment(
    query: PreparedName, listed: PreparedName, alignments: list[PartAlignment], rarity: Rarity | None = None
) -> float:
    return tally(query, listed, alignments, rarity or _NO_RARITY).score


_ROLE_LABEL = {
    Role.FAMILY: "family name",
    Role.GIVEN: "given",
    Role.MIDDLE: "middle/patronymic",
    Role.PARTICLE: "particle",
    Role.WORD: "word",
    Role.STOP: "word",
}


def explain(alignments: list[PartAlignment], notes: tuple[str, ...] = ()) -> str:
    """One line: 'family name DERKACH = Derkach; given Andrii ~ Andrei (transliteration); ...'."""
    items = []
    family_found = any(a.role == Role.FAMILY and a.query is not None for a in alignments)
    for a in alignments:
        if a.how == "missing":
            assert a.role is not None
            optional = " (optional)" if a.role in (Role.MIDDLE, Role.PARTICLE, Role.STOP) else ""
            if f"{a.listed}{_SYLLABLE_NOTE}" in notes:
                optional = ""
            if f"{a.listed}{_NISBA_NOTE}" in notes:
                optional = ""  # the note says why
            if a.role == Role.FAMILY and family_found:
                optional = " (optional: the other family name matched)"
            items.append(f"{_ROLE_LABEL[a.role]} {a.listed} not in query{optional}")
        elif a.how == "extra":
            optional = (
                " (optional: the other family name matched)"
                if f"{a.query}{_OTHER_FAMILY_NOTE}" in notes
                else ""
            )
            items.append(f"query word {a.query} not in listed name{optional}")
        else:
            assert a.role is not None
            sign = "=" if a.how == "same" else "~"
            detail = "" if a.how == "same" else f" ({a.how}, {a.similarity:.2f})"
            items.append(f"{_ROLE_LABEL[a.role]} {a.listed} {sign} {a.query}{detail}")
    items.extend(n for n in notes if not n.endswith(_OTHER_FAMILY_NOTE))
    return "; ".join(items)


def score_prepared(
    query: PreparedName, listed: PreparedName, *, explained: bool = True, rarity: Rarity | None = None
) -> NameScore:
    """Score and align; ``explained=False`` skips the explanation text (the index writes it only for
    the matches it returns). Without ``rarity`` every word weighs as a rare one."""
    if not query.parts or not listed.parts:
        return NameScore(0.0, "nothing to compare", ())
    listed = korean_capitals(listed)
    alignments = align(query, listed)
    parts = tally(query, listed, alignments, rarity or _NO_RARITY)
    score, notes = parts.score, parts.notes
    if agrees_across_scripts(query, listed, alignments, parts):
        score = across_scripts_score(score)
        notes = (*notes, ACROSS_SCRIPTS_NOTE)
    text = explain(alignments, notes) if explained else ""
    return NameScore(score, text, tuple(alignments), notes, parts.surname_only)


# A query written in the Arabic script whose every word agrees with a word of a person's name
# written in Latin letters (the same consonants, the vowels the script writes where the Latin has
# them, or the romanised spelling), is that name as far as two scripts
# can tell: what keeps it at ABJAD_SIM is only the vowels the script leaves unwritten. Left at 0.90
# it lost to a name in the script that lacks one of the query's words or has one more (issue 13,
# the cross-script ceiling: 'محمد حسین باقری' found 'محمد باقری' 0.96, another person, before
# Mohammad Hossein BAGHERI 0.90; 'محمد إبراهيم' found 'محمد حكمت إبراهيم' 0.95 before Muhammad
# IBRAHIM). Such a name keeps ACROSS_SCRIPTS_KEEP of its distance to 1 (0.90 -> 0.975), so the
# order among such names stays, and a name the query writes letter for letter still comes first.
# Only from ACROSS_SCRIPTS_FROM, of two words or more, with every similarity at least ABJAD_SIM, no
# rule's factor or note, and only particles left unaligned: a name this rule raises was at or above
# the threshold already, so it finds no one new (the index's bounds raise the same, index._candidates).
# A Latin query is never raised so: a Latin name spelt a little otherwise stays above a name in the
# script of another person.
ACROSS_SCRIPTS_KEEP = 0.25
ACROSS_SCRIPTS_FROM = 0.85
ACROSS_SCRIPTS_NOTE = "every word agrees across scripts: the unwritten vowels count a quarter"


def across_scripts_score(score: float) -> float:
    """``score`` of a name that agrees across scripts (``agrees_across_scripts``)."""
    return round(1.0 - (1.0 - score) * ACROSS_SCRIPTS_KEEP, 4)


def agrees_across_scripts(
    query: PreparedName, listed: PreparedName, alignments: list[PartAlignment], parts: Tally
) -> bool:
    """Does a query in an abjad script agree word for word with a person's Latin name (see
    ACROSS_SCRIPTS_KEEP)?"""
    if not listed.is_person or not query.is_person or parts.factor != 1.0 or parts.notes:
        return False
    if parts.surname_only or parts.score < ACROSS_SCRIPTS_FROM:
        return False
    q_parts = {p.raw: p for p in query.parts}
    l_parts = {p.raw: p for p in listed.parts}
    pairs = 0
    for a in alignments:
        if a.query is None or a.listed is None:
            raw = a.query if a.listed is None else a.listed
            part = (q_parts if a.listed is None else l_parts).get(raw or "")
            if part is None or part.role != Role.PARTICLE:
                return False
            continue
        q_words = [q_parts.get(w) for w in a.query.split(" ")]
        l_words = [l_parts.get(w) for w in a.listed.split(" ")]
        if any(p is None or not p.abjad for p in q_words) or any(p is None or p.abjad for p in l_words):
            return False
        if a.similarity < ABJAD_SIM:
            return False
        pairs += any(p is not None and p.role != Role.PARTICLE for p in l_words)
    return pairs >= 2


def score_name(query: str | PreparedName, name: Name | str | PreparedName) -> tuple[float, str]:
    """Score one query against one listed name: (score in [0, 1], one-line explanation)."""
    q = query if isinstance(query, PreparedName) else prepare_query(query)
    listed = name if isinstance(name, PreparedName) else prepare_name(name)
    result = score_prepared(q, listed)
    return result.score, result.explanation
