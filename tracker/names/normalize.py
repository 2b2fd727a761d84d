"""The one normaliser for list names, search queries and news text.

Everything is compared in one space: ASCII (transliterated by rigour / ICU), casefolded, split into
word tokens. ``tokenize`` keeps each token's character offsets in the ORIGINAL text so the news scanner
can point at the exact span. On top of the token, three looser keys absorb spelling variation:

- ``skeleton_key``: folds common transliteration alternatives (y/i, ey/ei/ii -> i, kh -> h, tz -> ts,
  doubled letters, w -> v ...): Andrii / Andriy / Andrei / Andrey, Artem / Artyom, Lifshits / Lifshitz.
- ``consonant_key``: consonants only; bridges vowel-less transliterations (Arabic script) and vowel
  variation (Mohammed / Muhammad).
- ``phonetic_key``: metaphone (rigour).

Bump ``NORMALISER_VERSION`` whenever a change alters any output: stored indexes built with an older
version must be rebuilt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

import regex
from rigour.text import metaphone

from tracker.names.romanise import (
    KOREAN_FAMILY_SPELLINGS,
    alternatives,
    is_abjad,
    romanise,
    word_segments,
    written_vowels,
)

NORMALISER_VERSION = "30"

# A word: letters/digits with their combining marks, optionally joined by inner apostrophes (O'Brien,
# Sa'id). Hyphens split (al-Zawahiri -> al zawahiri) so either spelling lines up token by token.
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ`][\p{L}\p{M}\p{N}]+)*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['`][A-Za-z0-9]+)*")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")
_POSSESSIVE = regex.compile(r"['’ʼ`]s$", regex.IGNORECASE)
# Its apostrophes: a word of the word patterns (no line break) without one before its last letter
# has no possessive, and the regex search is skipped.
_APOSTROPHE_CHARS = "'’ʼ`"

# Honorifics and ranks dropped from the START of a name, on both sides (only when something else
# remains); the romanised Arabic/Persian (دکتر سيد شيخ ملا مولوی حاجي امام قاري استاد) and Greek ones too. "H.E."
# is read as the two letters h e. The religious titles of Afghan and Iranian names (Maulawi, Qari,
# Ustad, Hojjatoleslam) and the colonel and admiral of the EU's language versions (Latvian pulkvedis,
# Czech plukovník, viceadmirál, Polish pułkownik, Lithuanian, Hungarian, Italian, German, Swedish,
# Finnish) as the lists write them before a name ("pulkvedis Mutebutsi", "AL TOKHI, Qari Saifullah").
_TITLE_WORDS = """
    mr mrs ms miss mx mister madam madame mme mlle monsieur herr frau sir lord lady dame dr doctor
    prof professor general gen lt lieutenant col colonel maj major capt captain cpt admiral adm brig
    brigadier sgt sergeant cmdr commander marshal field rear vice his her excellency he hon honorable
    honourable rt right reverend rev fr father sheikh shaikh shaykh sheik shaykhh haji hajji hadji
    alhaj alhajj mullah mulla maulana maulvi mawlawi molvi imam ayatollah hojatoleslam president
    minister senator sen deputy judge comrade gospodin
    sayyed sayyid seyed seyyed sayed syed maulavi moulavi mawlavi mowlawi molavi mulvi sardar
    generaal majoor kolonel generalmajor generalleutnant polkovnik leytenant u daw
    ypostratigos stratigos antistratigos syntagmatarchis
    maulawi moulvi qari ustad ustadh ustaz hojjatoleslam hojjatolislam hojatolislam chief
    pulkvedis plukovnik podplukovnik viceadmiral pulkownik pulkininkas ezredes colonnello oberst
    overste eversti
"""
# The titles as the romanisation writes them from the Arabic script: the only titles a word written
# in an abjad script can be (آدم, romanised adm, is Adam, not the Latin abbreviation of admiral).
_ABJAD_TITLE_WORDS = "dktr dktwr syd shykh mla mwlwy mwlwi mwlana hajy amam qary astad"
ABJAD_TITLES: frozenset[str] = frozenset(_ABJAD_TITLE_WORDS.split())
TITLES: frozenset[str] = frozenset(_TITLE_WORDS.split()) | ABJAD_TITLES
# Generational suffixes dropped from the END of a name.
SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv", "esq", "esquire"})


class Token(NamedTuple):
    """One normalised token and where it came from in the original text (``text[start:end]``)."""

    norm: str
    raw: str
    start: int
    end: int


def latinize_word(word: str) -> str:
    """Lower-case ASCII form of one word, its tokens joined by spaces (``romanise``: the table or
    library of the word's script)."""
    return " ".join(romanise(word))


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> tuple[str, ...]:
    """Normalise one raw word: transliterate to ASCII, casefold, drop apostrophes.

    Returns a tuple because one word can become several tokens (Chinese 王毅 -> wang yi).
    """
    if not word.isascii():
        return romanise(word)
    latin = word.casefold()
    if latin.isalnum():  # ASCII letters and digits only (most words): one token, no regex pass
        return (latin,)
    latin = _APOSTROPHES.sub("", latin)
    return tuple(t for t in _NON_ALNUM.split(latin) if t)


# The word patterns with a group: split() gives gaps and words alternately.
# (_ASCII_WORD with possessive quantifiers: the same words, as nothing after a run of letters could
# make the pattern give any of them back, without the engine keeping backtrack points: split ~10 %
# faster on BBC 2004-05)
_ASCII_SPLIT = re.compile(r"([A-Za-z0-9]++(?:['`][A-Za-z0-9]++)*+)")
_WORD_SPLIT = regex.compile(f"({_WORD.pattern})")
# A character beyond ASCII other than the symbols and punctuation of Latin-1 (ª ² ³ µ ¹ º ¼ ½ ¾ are
# letters or digits), of General Punctuation (but the apostrophe ’, which joins a word) and the
# currency signs: a text without one cuts as ASCII text does, in re, ~2x faster than regex's Unicode
# pattern (29 % of BBC 2004-05's articles hold a £ and nothing else beyond ASCII).
_NEEDS_UNICODE = re.compile(
    "[^\x00-\x7f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7"
    "\u2000-\u2018\u201a-\u206f\u20a0-\u20cf]"
)


_ASCII_BYTES = bytes(range(128))


def beyond_ascii(text: str) -> str:
    """The characters of ``text`` beyond ASCII, in their order ("£5m for Zürich" -> "£ü"): a test for
    a few letters run on it instead of the whole text (an article of ~2,200 characters with a £ or
    two: ~3 us, where a regex search of the text costs ~35 us). UTF-8 writes every character beyond
    ASCII with bytes >= 0x80 only, so dropping the ASCII bytes leaves those characters whole."""
    return (
        text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    )


def split_words(text: str) -> list[str]:
    """``text`` cut into [gap, word, gap, word, ..., gap] exactly as ``tokenize`` finds its words (the
    words are the odd items; joining all items gives ``text`` back). The news scanner uses it instead
    of ``tokenize``, which builds a Token per word and is ~6x slower on a whole article."""
    plain = text.isascii() or _NEEDS_UNICODE.search(beyond_ascii(text)) is None
    return (_ASCII_SPLIT if plain else _WORD_SPLIT).split(text)


def possessive_length(raw: str) -> int:
    """Characters of a trailing possessive "'s" to drop from a raw word (Derkach's -> 2), else 0."""
    return 2 if len(raw) > 2 and _POSSESSIVE.search(raw) else 0


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into normalised tokens with offsets into the original ``text``.

    Possessive "'s" is dropped (Derkach's -> derkach). A word that transliterates to several tokens
    yields several Tokens sharing its offsets.
    """
    tokens: list[Token] = []
    words = _ASCII_WORD if text.isascii() else _WORD
    for match in words.finditer(text):
        raw = match.group()
        start, end = match.span()
        if len(raw) > 2 and _POSSESSIVE.search(raw):
            raw = raw[:-2]
            end -= 2
        for norm in normalize_word(raw):
            tokens.append(Token(norm, raw, start, end))
    return tokens


@lru_cache(maxsize=200_000)
def _word_pairs(raw: str) -> tuple[tuple[str, str], ...]:
    if len(raw) > 2 and raw[-2] in _APOSTROPHE_CHARS and _POSSESSIVE.search(raw):
        raw = raw[:-2]
    return tuple((norm, raw) for norm in normalize_word(raw))


def token_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """(norm, raw) of every token of ``text``, as ``tokenize`` gives them but without offsets: one
    regex pass and a cached lookup per word (the index prepares ~80k names with it)."""
    words = _ASCII_WORD if text.isascii() else _WORD
    found = words.findall(text)
    if len(found) == 1:
        return _word_pairs(found[0])
    return tuple(pair for raw in found for pair in _word_pairs(raw))


class Form(NamedTuple):
    """One token of a name with what search compares beyond its main spelling: the other spellings
    lists use for it (``romanise.alternatives``, same token position) and whether it was written in
    an abjad script (vowels mostly unwritten: compared through ``abjad_key``)."""

    norm: str
    raw: str
    alts: tuple[str, ...]
    abjad: bool


def plain_norm(word: str) -> str | None:
    """The one norm of an ASCII word of letters with no other spelling (``token_forms(word)`` is that
    norm alone: most words of English text), without a cached call; None for any other word."""
    if not (word.isascii() and word.isalpha()) or _MAY_VARY.search(word):
        return None
    lower = word.lower()  # (casefold of ASCII)
    return None if lower in KOREAN_FAMILY_SPELLINGS else lower


@lru_cache(maxsize=200_000)
def _word_forms(raw: str) -> tuple[Form, ...]:
    if len(raw) > 2 and raw[-2] in _APOSTROPHE_CHARS and _POSSESSIVE.search(raw):
        raw = raw[:-2]
    norms = normalize_word(raw)
    if raw.isascii() and not _MAY_VARY.search(raw) and raw.casefold() not in KOREAN_FAMILY_SPELLINGS:
        return tuple(Form(norm, raw, (), False) for norm in norms)
    spellings = alternatives(raw)
    abjad = is_abjad(raw)
    raws = word_segments(raw, len(norms))
    return tuple(
        Form(norm, raws[i], tuple(dict.fromkeys(s[i] for s in spellings if s[i] != norm)), abjad)
        for i, norm in enumerate(norms)
    )


# ASCII words that have other spellings (national transliterations: j, w, sch, ch, tj, ou, cz, c ...;
# German z for ts: Sluzki, Ptizyn, Kusnez; German s for z in a Slavic family name: Rogosin;
# Ukrainian h for g in an East Slavic name: Hryhorovych).
_MAY_VARY = re.compile(
    r"[jwJW]|[cC][hH]|[oO][uU]|[csrCSR][zZ]|[cC][aeiouyAEIOUY]"
    r"|(?i:(?<![tcsr])z(?:k[iy]|ka|yna?|ina?)$|[^aeiou]ez$)"
    r"|(?i:[aeiouy]s(?=[aeiouy]).*(?:ova?|eva?|ina?|yna?|ko|uk|yk)$)"
    r"|(?i:(?<![ckszgtpd])h.*(?:ova?|eva?|ina?|yna?|nik|enko|uk|ych|yvna|ivna|ii|iy)$)",
    re.ASCII,
)


# Arabic presentation forms (contextual letter shapes and ligatures: ﺷﯿﺦ, ﷲ), which some list files
# carry: read as the plain letters, so that a title or particle written so is known as one.
_ARABIC_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")


def token_forms(text: str) -> tuple[Form, ...]:
    """``token_pairs`` with each token's other spellings and script kind (what the name index and
    scorer compare); cached per word."""
    if text.isascii():
        if text.isalpha():  # one word (most calls: the news scanner asks word by word)
            return _word_forms(text)
        return tuple(form for raw in _ASCII_WORD.findall(text) for form in _word_forms(raw))
    if _ARABIC_PRESENTATION.search(text):
        text = _ARABIC_PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _join_allah([form for raw in _join_silent_heh(_WORD.findall(text)) for form in _word_forms(raw)])


# Persian writes the final -ei of a name after a silent ه as ه‌ای or ه ای (خامنه‌ای, Arabic خامنئي:
# Khamenei); the non-joiner splits the word as a space does.
_YE_AFTER_HEH = frozenset({"ای", "اي", "ی", "ي"})


def _join_silent_heh(words: list[str]) -> list[str]:
    """A ی or ای after a word ending in ه is that word's ending: one word, spelled as Arabic spells
    it (خامنه ای -> خامنئی)."""
    out: list[str] = []
    for word in words:
        if word in _YE_AFTER_HEH and out and len(out[-1]) > 1 and out[-1][-1] == "ه":
            out[-1] = out[-1][:-1] + "ئی"
        else:
            out.append(word)
    return out


def _join_allah(forms: list[Form]) -> tuple[Form, ...]:
    """An abjad word and a following الله are one name (حمد الله: Hamdullah, Hamd Allah; عبد الله:
    Abdullah), as when they are written together (حبیب‌الله): one token, so that the lists' usual
    one-word spelling meets it whole and a two-word one through the scorer's joined pair."""
    out: list[Form] = []
    for form in forms:
        if form.norm == "allah" and form.abjad and out and out[-1].abjad and out[-1].norm != "al":
            before = out.pop()
            form = Form(before.norm + form.norm, f"{before.raw} {form.raw}", (), True)
        out.append(form)
    return tuple(out)


def normalize_text(text: str) -> str:
    """Latinised, casefolded text with punctuation turned into single spaces."""
    return " ".join(t.norm for t in tokenize(text))


def split_comma_name(text: str) -> tuple[str, str] | None:
    """ "DERKACH, Andrii Leonidovych" -> ("DERKACH", "Andrii Leonidovych"); None when not that shape."""
    if text.count(",") != 1:
        return None
    family, given = (part.strip() for part in text.split(","))
    if not family or not given or not _WORD.search(family) or not _WORD.search(given):
        return None
    return family, given


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading honorifics/ranks and trailing generational suffixes, keeping at least one token."""
    start, end = 0, len(tokens)
    while end - start > 1:
        if tokens[start] in TITLES:
            start += 1
        elif end - start > 2 and tokens[start : start + 2] == ["h", "e"]:  # H.E.
            start += 2
        else:
            break
    while end - start > 1 and tokens[end - 1] in SUFFIXES:
        end -= 1
    return tokens[start:end]


def name_tokens(text: str) -> list[str]:
    """Normalised tokens of a person's or entity's name in given-first order, titles stripped.

    "DERKACH, Andrii Leonidovych" -> ["andrii", "leonidovych", "derkach"];
    "Dr. Ayman al-Zawahiri" -> ["ayman", "al", "zawahiri"].
    """
    parts = split_comma_name(text)
    if parts is not None:
        family, given = parts
        tokens = [t.norm for t in tokenize(given)] + [t.norm for t in tokenize(family)]
    else:
        tokens = [t.norm for t in tokenize(text)]
    return strip_titles(tokens)


def _first_group(match: re.Match[str]) -> str:
    """The replacement r"\\1" as a function: re.sub with a template string goes through a Python-level
    template lookup on every call, match or not (1.6 -> 0.5 us a token for the doubled-letter rule,
    72k distinct tokens, load 7)."""
    return match.group(1)


# Ordered rewrites from common transliteration alternatives to one spelling. Applied left to right on
# an ASCII token; the order matters (multi-letter groups before single letters). Each rule comes with
# the substrings one of which a match needs ("" for any token): a rule whose letters are absent is
# skipped instead of run (with ``_first_group``: 9.7 -> 4.1 us a token, 72k distinct tokens of the
# BBC 2004-05 corpus and the lists, load 7).
_Replacement = str | Callable[[re.Match[str]], str]
_SKELETON_RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], _Replacement], ...] = tuple(
    (needs, re.compile(pattern), repl)
    for needs, pattern, repl in (
        (("iy", "ij"), r"i[yj](?=[aeiou])", "y"),  # Maiya / Maya, Mariya / Marya (then as below)
        (("y", "j"), r"(?<=[aeiou])[yj](?=[aeiou])", ""),  # Nikolayeva / Nikolajeva / Nikolaeva
        (("ie", "ye"), r"(?<=[^aeiouy])[iy]e", "e"),  # soft e after a consonant: Dmitriev / Dmitrev
        (("",), r"(.)\1+", _first_group),  # doubled letters: Mohammed / Mohamed
        (("tch", "tsch"), r"tsch|tch", "ch"),  # French/German spellings of ch: Timtchenko, Tschemesow
        (("shch", "sch"), r"shch|sch", "sh"),
        (("kh",), r"kh", "h"),
        (("tz", "tc", "cz"), r"tz|tc|cz", "ts"),
        (("j", "zh"), r"zh|dzh|dj|j", "j"),
        (("ph",), r"ph", "f"),
        (("w",), r"w", "v"),
        (("c", "q"), r"ck|q|c(?=[aoukt])", "k"),  # Victor / Viktor
        (("x",), r"x", "ks"),
        (("yo", "io", "jo"), r"yo|io|jo", "e"),  # Artyom / Artem (Cyrillic ё)
        (("ye",), r"^ye", "e"),  # Yevgeny / Evgeny
        (("y", "j"), r"(?<=[aeiou])[yj]", "i"),  # Andrey / Andrei, Sergey / Sergei
        (("y",), r"y", "i"),
        (("ii", "ei", "ij", "iy"), r"ii|ei|ij|iy", "i"),
        (("ou", "oo"), r"ou|oo", "u"),
        (("ine",), r"(?<=in)e$", ""),  # French -ine for Russian -in: Poutine, Volodine
        (("",), r"(.)\1+", _first_group),
    )
)


@lru_cache(maxsize=200_000)
def skeleton_key(token: str) -> str:
    """Fold transliteration variants of one normalised token to a common spelling."""
    key = token
    for needs, pattern, repl in _SKELETON_RULES:
        for letters in needs:
            if letters in key:
                key = pattern.sub(repl, key)
                break
    return key


_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def consonant_key(token: str) -> str:
    """Consonant skeleton of a token: Muhammad / Mohammed / (Arabic) mhmd -> "mhmd"."""
    return _DOUBLES.sub(_first_group, _VOWELS.sub("", skeleton_key(token))) or token


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """Metaphone of a normalised token; the token itself for digits or empty codes."""
    if not token.isalpha():
        return token
    return metaphone(token) or token


# Latin spellings and romanised abjad letters -> one consonant class each (ICU's Arabic-Latin gives
# sh for ش, kh for خ, th for ث, dh for ذ, gh for غ, ch for چ, zh for ژ; tracker.names.romanise writes
# ain as a). Vowels are dropped on both sides: Arabic writes long vowels with the letters of w and y,
# and short ones not at all. Applied in order to a lower-case ASCII token.
_ABJAD_RULES: tuple[tuple[re.Pattern[str], _Replacement], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"tsch|tch|sch|sh|ch|sj", "S"),
        (r"kh|ck|q|x|c", "k"),
        (r"gh", "g"),
        (r"dzh|dj|zh|j", "J"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ph", "f"),
        # A first w or y is a consonant, written with و / ي (Walid, Yusuf); Persian و is also v (Vahid,
        # Vali), French writes ou (Oualid). A first vowel is not one of them: أون is Un, not Won.
        (r"^(?:[wv]|ou(?=[aeiou]))", "W"),
        (r"^y", "Y"),
        # Inside a word Persian و is v too (Javad, Pahlavi, Parviz), so v goes with the vowels; at the
        # end it is the Russian -ov / -ev that Arabic writes with ف (باتروشيف / Patrushev).
        (r"v$", "f"),
        (r"p", "b"),
        # Gemination is unwritten in Arabic (محمد / Mohammed): doubled letters are one, but only
        # where they touch, before the vowels go (خدادادی / Khodadadi keeps its three d: not QADI).
        (r"(.)\1+", _first_group),
        # A final h after a vowel is ta marbuta or an unwritten one (Usama / Usamah / اسامة, Allah /
        # Alla, Zadeh / Zada): dropped on both sides; on the abjad side no vowel is written before it.
        (r"h$", ""),
        (r"[aeiouyvw']+", ""),
    )
)


# Across the script the classes are wider: k, q, kh and g, gh are one (Persian reads ق and غ both as
# gh: صادق Sadegh / Sadeq, باقری Bagheri / Baqeri, قاسم Ghasem / Qasem), and so are d and z (ذ ض ظ
# are written d, dh or z: Zakir / Dhakir, Ramadan / Ramazan, Nazim / Nadhim; Persian reads ض as z:
# رضا Reza, Arabic Rida). Two Latin spellings keep them apart (``consonant_classes``).
_SCRIPT_MERGES = str.maketrans({"g": "k", "z": "d"})


@lru_cache(maxsize=200_000)
def consonant_classes(token: str) -> str:
    """``abjad_key`` without the merges that only the script's letters need (g/k, z/d): for comparing
    two Latin spellings of one Arabic name by their consonants (Yahya / Yehya, Omar / Umar)."""
    key = token
    for pattern, repl in _ABJAD_RULES:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=200_000)
def abjad_key(token: str) -> str:
    """Consonant classes of a normalised token, the way an abjad script writes it: Mohammed / Muhammad
    / (Arabic) mhmd -> "mhmd", Huda / (Arabic) hdy -> "hd", Ammash / (Arabic) amash -> "mS",
    Walid / (Arabic) wlyd -> "Wld" (W and Y: a first w, v or y), Reza / Rida / (Arabic) rda -> "rd"."""
    return consonant_classes(token).translate(_SCRIPT_MERGES)


MAX_V_LETTERS = 2  # v letters read both ways (2**2 keys at most); Vladimir Medvedev has three


@lru_cache(maxsize=100_000)
def v_abjad_keys(token: str) -> frozenset[str]:
    """``abjad_key`` of a Latin token with a v (not the last letter) read as the ف that Arabic
    writes for a foreign v (لافروف Lavrov "lfrf", فلاديمير Vladimir "fldmr", ميدفيديف Medvedev
    "mdfdf"); ``abjad_key`` itself reads it as the Persian و (dropped inside, W first). Empty for a
    token without such a v; only its first MAX_V_LETTERS v letters vary."""
    places = [i for i, c in enumerate(token[:-1]) if c == "v"][:MAX_V_LETTERS]
    return frozenset(abjad_key(word) for word in _with_letter(token, places, "f"))


def _with_letter(word: str, places: list[int], letter: str) -> Iterator[str]:
    """``word`` with the letters at each non-empty subset of ``places`` made ``letter``."""
    for mask in range(1, 2 ** len(places)):
        letters = list(word)
        for bit, place in enumerate(places):
            if mask >> bit & 1:
                letters[place] = letter
        yield "".join(letters)


# Letters that Persian, Urdu or Egyptian spellings read otherwise than Arabic: ث is s in Persian and
# Urdu (ثاقب Saqib, کوثری Kowsari, نثاری Nesari; Arabic Thaqib) and in Turkish spellings (Osman), ج
# is g in Egyptian ones (رجب Ragab, جمال Gamal). Romanised, th and s, j and g (not sh, gh).
# A Latin sj is also س and ج (Masjid, Asjerd), which abjad_key reads as the Swedish sh; a French c
# before a vowel is s, or ç without its cedilla (Hocine, Lahcen, Faycal / Faical: حسين لحسن فيصل),
# which abjad_key reads as k.
_READ_ALIKE = re.compile(r"th|(?<=.)sj|c(?=[aeiouy])|s(?!h)|j|g(?!h)")
_READ_ALIKE_AS = {"th": "s", "s": "th", "j": "g", "g": "j", "sj": "saj", "c": "s"}
# An Iraqi or Gulf spelling also writes ظ and ذ as th (كاظم Kathim, الكاظمي Al-Kathimi, ذياب
# Thiab): a Latin th may be their dh as well as ث.
_TH_AS_DH = "dh"
MAX_READ_ALIKE = 2  # places read both ways (3 keys at most besides the token's own)
READ_ALIKE_CLASSES = 3  # keys of fewer classes meet too many other names (طه "th" / Issa)


@lru_cache(maxsize=100_000)
def read_alike_keys(token: str) -> frozenset[str]:
    """``abjad_key`` of a token, Latin or romanised from the script, with its first MAX_READ_ALIKE
    th / s and j / g read the other way (``_READ_ALIKE``): "saqib" -> "tkb" (ثاقب), "thaqb" -> "skb"
    (Saqib), "rjb" -> "rkb" (Ragab), a th also as the dh of ذ / ظ: "kathim" -> "kdm" (كاظم), and
    an inner sj as s and j: "asjerd" -> "sJrd" (اسجرد). Only keys of READ_ALIKE_CLASSES classes or more; the token's own
    key is left out. Looked up by the index and compared by ``score.abjad_similarity`` when one side
    is written in an abjad script."""
    places = list(_READ_ALIKE.finditer(token))[:MAX_READ_ALIKE]
    keys: set[str] = set()
    for mask in range(1, 2 ** len(places)):
        for th in (_READ_ALIKE_AS["th"], _TH_AS_DH):
            pieces: list[str] = []
            end = 0
            for bit, match in enumerate(places):
                if mask >> bit & 1:
                    read = match.group()
                    pieces += [token[end : match.start()], th if read == "th" else _READ_ALIKE_AS[read]]
                    end = match.end()
            key = abjad_key("".join(pieces) + token[end:])
            if len(key) >= READ_ALIKE_CLASSES:
                keys.add(key)
    keys.update(k for k in _two_letter_readings(token) if len(k) >= READ_ALIKE_CLASSES)
    keys.discard(abjad_key(token))
    return frozenset(keys)


# A Latin sh, th, dh or kh may write two letters of the script, as ه or ح after س ت د ك (اسحاق Ishaq,
# فتحي Fathi, ادهم Adham), which the romanisation keeps apart (romanise._ZH: سهيل Suhail). Not first
# in a word: an Arabic word starts with one consonant and a vowel (Shil is not سهيل).
_DIGRAPH = re.compile(r"[stdk]h")  # in a token, and in its abjad_key (the same letters there)
_DIGRAPH_CLASS = {"sh": "S", "th": "t", "dh": "d", "kh": "k", "sJ": "S"}
_KEY_DIGRAPH = re.compile(r"[stdk]h|sJ")  # and س ج, which a Latin sj writes (اسجرد / Asjerd)
MAX_DIGRAPHS = 2  # places read both ways


# The consonant classes a Latin letter read the other way (_READ_ALIKE_AS) takes, and the class it
# had: j read as g is k (from J), g as j is J (from k), th as s is s and s as th is t (one class t
# for t and th), th as dh is d, c as s is s (from k).
_READ_ALIKE_FROM = {"k": "J", "J": "k", "s": "tk", "t": "s", "d": "t"}


@lru_cache(maxsize=100_000)
def read_alike_sources(key: str) -> frozenset[str]:
    """The ``abjad_key`` a Latin token may have for ``read_alike_keys`` of it to hold ``key`` (an
    abjad word's key): up to MAX_READ_ALIKE classes read back (``_READ_ALIKE_FROM``), so that the
    index finds the Latin words the scorer reads alike (قطانة "ktn" / JUAYTHINI "Jtn": j read as
    g; its bound was 0.54 against a score of 0.90). A superset: the scorer decides."""
    if len(key) < READ_ALIKE_CLASSES:
        return frozenset()
    found: set[str] = set()
    places = [i for i, c in enumerate(key) if c in _READ_ALIKE_FROM]
    for first in range(len(places)):
        for a in _READ_ALIKE_FROM[key[places[first]]]:
            one = key[: places[first]] + a + key[places[first] + 1 :]
            found.add(one)
            for second in places[first + 1 :]:
                for b in _READ_ALIKE_FROM[key[second]]:
                    found.add(one[:second] + b + one[second + 1 :])
    found.discard(key)
    return frozenset(found)


def _two_letter_readings(token: str) -> set[str]:
    """``abjad_key`` of ``token`` with its first MAX_DIGRAPHS sh / th / dh / kh read as two letters."""
    places = [m for m in _DIGRAPH.finditer(token) if m.start()][:MAX_DIGRAPHS]
    keys: set[str] = set()
    for mask in range(1, 2 ** len(places)):
        spelled = list(token)
        for bit, match in enumerate(places):
            if mask >> bit & 1:
                spelled[match.start()] += "a"
        keys.add(abjad_key("".join(spelled)))
    return keys


@lru_cache(maxsize=100_000)
def s_as_c_keys(key: str) -> frozenset[str]:
    """The ``abjad_key`` keys of the Latin spellings an abjad word's key may stand for when its s
    (س ص) is written as a French c, which abjad_key reads as k: the reverse of the c of
    ``read_alike_keys``, for the lookup of a word written in the script (فيصل "fsl" -> Faycal
    "fkl"). Not a first s (a Latin word starting with c before a vowel is k: Cassim). Only its
    first MAX_READ_ALIKE s vary; keys of READ_ALIKE_CLASSES classes or more."""
    places = [i for i, c in enumerate(key) if c == "s" and i][:MAX_READ_ALIKE]
    if len(key) < READ_ALIKE_CLASSES:
        return frozenset()
    return frozenset(_with_letter(key, places, "k"))


@lru_cache(maxsize=100_000)
def joined_abjad_keys(first: str, second: str) -> frozenset[str]:
    """``abjad_key`` of two tokens written as one word: joined as they are, and with a last s, t, d
    or k of the first kept apart from a first h of the second, as the script writes them (محمدحسین:
    Mohammad Hossein, whose joined "mohammadhossein" reads dh; a last s or d before a first j,
    which romanise keeps apart too)."""
    keys = {abjad_key(first + second)}
    if first[-1:] in "stdk" and second.startswith("h") or first[-1:] in "sd" and second.startswith("j"):
        keys.add(abjad_key(first + "a" + second))  # nor a d and a j (محمدجواد: Mohammad Javad)
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def digraph_keys(key: str) -> frozenset[str]:
    """The ``abjad_key`` keys of the Latin spellings that write two letters of an abjad word as one
    digraph (``read_alike_keys``): the reverse, for the lookup of a word written in the script
    (اسحاق "shk" -> Ishaq "Sk", ادهم "dhm" -> Adham "dm", اسجرد "sJrd" -> Asjerd "Srd"). Empty
    when the key has no such pair."""
    places = [m for m in _KEY_DIGRAPH.finditer(key) if m.start()][:MAX_DIGRAPHS]
    keys: set[str] = set()
    for mask in range(1, 2 ** len(places)):
        letters = list(key)
        for bit, match in enumerate(places):
            if mask >> bit & 1:
                letters[match.start()] = _DIGRAPH_CLASS[match.group()]
                letters[match.start() + 1] = ""
        keys.add("".join(letters))
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def f_as_v_keys(key: str) -> frozenset[str]:
    """The ``abjad_key`` keys of the Latin spellings an abjad word's key may stand for when its f
    (ف, not the last) writes a v: the reverse of ``v_abjad_keys``, for the lookup of a word
    written in the script (لافروف "lfrf" -> "lrf"). Empty when it has no such f."""
    places = [i for i, c in enumerate(key[:-1]) if c == "f"][:MAX_V_LETTERS]
    keys: set[str] = set()
    for mask in range(1, 2 ** len(places)):
        letters = list(key)
        for bit, place in enumerate(places):
            if mask >> bit & 1:
                letters[place] = "W" if place == 0 else ""
        keys.add("".join(letters))
    return frozenset(keys)


_NOT_W = re.compile(r"[aeiouy']+")


@lru_cache(maxsize=200_000)
def _w_key(token: str) -> str:
    """``abjad_key`` with the letters v and w kept (as w): where a Latin spelling has one, the
    script writes و or ف."""
    key = token
    for pattern, repl in _ABJAD_RULES[:-1]:
        key = pattern.sub(repl, key)
    return _NOT_W.sub("", key.translate(_SCRIPT_MERGES)).replace("v", "w").replace("W", "w")


def abjad_v_fits(written: str, latin: str) -> bool:
    """Whether every v and w of a Latin spelling is written in the abjad word (as و, or ف for a
    v), whose و may also be a vowel: خامنئي is Khamenei, not Kumanova; لافروف is Lavrov."""
    pattern = "".join("w?" if c == "w" else "[fw]" if c == "f" else re.escape(c) for c in _w_key(written))
    return re.fullmatch(pattern, _w_key(latin)) is not None


# Letters of the k class (``_SCRIPT_MERGES``) in ``spelled_consonants``: the script's خ (kh) against
# the others, ق غ گ (q, gh, g). Persian reads ق and غ alike, so those stand for each other, and ك for
# any of them; خ is written kh, h, ch or x (Khamenei, Hamenei), never g or q.
_K_SYMBOLS = re.compile("[^KGQkg]")
_KH_APART = frozenset({("K", "G"), ("K", "g"), ("K", "Q"), ("G", "K"), ("g", "K"), ("Q", "K")})


def abjad_kh_fits(written: str, latin: str) -> bool:
    """Whether a Latin spelling writes the abjad word's خ (ICU kh) as a kh, k or h and its ق, غ, گ
    (q, gh, g) as anything but a kh, place by place among the letters of the k class that
    ``abjad_key`` merges: خامنئی is Khamenei, not Guemmane. True when the two have a different
    number of such letters (nothing to say)."""
    script = _K_SYMBOLS.sub("", spelled_consonants(written))
    other = _K_SYMBOLS.sub("", spelled_consonants(latin))
    if len(script) != len(other):
        return True
    return not any(pair in _KH_APART for pair in zip(script, other, strict=True))


# Latin spellings of one Arabic or Persian letter that ``consonant_classes`` keeps apart, seen in the
# lists' cross-list spellings: ق is q, k, g or gh (Qadhafi / Kadhafi / Gaddafi, Ghasem / Qasem); ج is
# j or, in Egypt, g (Majid / Meguid); ث is th, s or t (Othman / Osman / Otman); ذ is th or dh
# (Ghathafi / Qadhafi); ذ ض ظ are dh, d or z (Dhakir / Zakir); ح is h or, from Russian, kh. Symbols
# of ``spelled_consonants``: K kh, G gh, Q q, T th, D dh; the rest as in ``consonant_classes``. Every
# pair holds one of them (or j): a plain k / g or d / z is another name as often as not (congress
# negative George Santos / GARCIA, Santos).
_SPELLED_RULES: tuple[tuple[re.Pattern[str], _Replacement], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"tsch|tch|sch|sh|ch|sj", "S"),
        (r"kh", "K"),
        (r"gh", "G"),
        (r"q", "Q"),
        (r"ck|x|c", "k"),
        (r"dzh|dj|zh|j", "J"),
        (r"th", "T"),
        (r"dh", "D"),
        *((p.pattern, r) for p, r in _ABJAD_RULES[6:]),  # ph onwards: as consonant_classes
    )
)
SPELLED_PAIRS: frozenset[frozenset[str]] = frozenset(
    frozenset(pair) for pair in ("kQ", "kK", "Qg", "QG", "Gg", "Kh", "gJ", "Tt", "Ts", "TD", "Dd", "Dz")
)
_SPELLED_AS_CLASS = str.maketrans({"K": "k", "G": "g", "Q": "k", "T": "t", "D": "d"})


def _abjad_class(symbol: str) -> str:
    return symbol.translate(_SPELLED_AS_CLASS).translate(_SCRIPT_MERGES)


@lru_cache(maxsize=64)
def _spelled_classes(symbol: str) -> frozenset[str]:
    """The ``abjad_key`` classes of the symbols ``symbol`` may stand for, its own included."""
    others = {b for pair in SPELLED_PAIRS if symbol in pair for b in pair}
    return frozenset(_abjad_class(s) for s in others | {symbol})


@lru_cache(maxsize=200_000)
def spelled_consonants(token: str) -> str:
    """Consonant classes of a Latin token as ``consonant_classes`` gives them, but with kh, gh, q, th
    and dh kept apart (K, G, Q, T, D): "qadhafi" -> "QDf", "gaddafi" -> "gdf". Two spellings of one
    Arabic name have symbols that are equal or ``SPELLED_PAIRS`` place by place."""
    key = token
    for pattern, repl in _SPELLED_RULES:
        key = pattern.sub(repl, key)
    return key


def spelled_alike(first: str, second: str) -> bool:
    """Two ``spelled_consonants`` keys of one length whose symbols are equal or a pair of
    ``SPELLED_PAIRS`` at every place."""
    return len(first) == len(second) and all(
        a == b or frozenset((a, b)) in SPELLED_PAIRS for a, b in zip(first, second, strict=True)
    )


MAX_SPELLED_KEYS = 16


@lru_cache(maxsize=100_000)
def spelled_abjad_keys(token: str) -> frozenset[str]:
    """The ``abjad_key`` of every spelling ``spelled_alike`` a Latin token (its own included): what
    a search looks up to find them. At most MAX_SPELLED_KEYS (the token's own key alone beyond)."""
    keys = [""]
    for symbol in spelled_consonants(token):
        keys = [k + o for k in keys for o in sorted(_spelled_classes(symbol))]
        if len(keys) > MAX_SPELLED_KEYS:
            return frozenset({abjad_key(token)})
    return frozenset(keys) | {abjad_key(token)}


_VOWEL_RUN = re.compile(r"[aeiouyvw']+")


@lru_cache(maxsize=200_000)
def _gaps(token: str) -> tuple[str, tuple[bool, ...]]:
    """Consonant classes of a token (as ``abjad_key``) and, for each gap around them (before the
    first, between, after the last), whether a vowel is written there."""
    key = token
    for pattern, repl in _ABJAD_RULES[:-1]:
        key = pattern.sub(repl, key)
    key = key.translate(_SCRIPT_MERGES)
    consonants = _VOWEL_RUN.sub("", key)
    runs = _VOWEL_RUN.split(key)  # the text around the vowel runs: one item per consonant group
    written = [False] * (len(consonants) + 1)
    position = 0
    for i, run in enumerate(runs):
        position += len(run)
        if i < len(runs) - 1:
            written[position] = True  # a vowel run follows ``position`` consonants
    return consonants, tuple(written)


# A Latin word that starts with the article joined and assimilated to a sun letter: Essabar (الصبار),
# Azzam, Ennahar; its first vowel is the article's, not the word's.
_ASSIMILATED = re.compile(r"[aeiou]([tdrzsln])\1")


def abjad_vowels_fit(written: str, latin: str) -> bool:
    """Whether a Latin spelling has a vowel wherever the abjad word writes one (a long vowel, alef,
    ain: اسماء / Asma, not Sami; ابرار / Abrar, not Ubrr), when both have the same consonants.
    Short vowels are unwritten in the script, so the Latin side may add vowels anywhere but before
    the first consonant: a word of the script that starts with a vowel writes an alef or ain there
    (احمد Ahmad; حمد is Hamad, not Ahmad), save a first و or ي read as a vowel (Russian-style Iakub)
    and the article joined to the Latin word (Essabar: صبار)."""
    consonants, in_script = _gaps(written)
    latin_consonants, in_latin = _gaps(latin)
    if consonants != latin_consonants:
        return True  # not the same consonants: nothing to say
    if (
        in_latin[0]
        and not in_script[0]
        and consonants[:1] not in ("W", "Y")
        and not _ASSIMILATED.match(latin)
    ):
        return False
    return all(there or not needed for needed, there in zip(in_script, in_latin, strict=True))


# The Latin vowels that may write each long vowel letter of the script inside a word: alef a, or e as
# French spellings of Maghreb names write it (عماد Imed); و u, o (ou, oo) or, as a consonant, w or v;
# ي i, e (ei, ee) or y. At the end a word's vowel is left alone: the lists' Latin spellings differ
# there from the script as often as not (خيري / KHEIROU, الموريتاني / il mauritano; ى is a).
_LETTER_VOWELS = {"a": "ae", "w": "ouwv", "y": "iey"}


@lru_cache(maxsize=200_000)
def _vowel_runs_at(token: str) -> tuple[str, tuple[str, ...]]:
    """Consonant classes of a token (as ``_gaps``) and the vowel letters written in each gap."""
    key = token
    for pattern, repl in _ABJAD_RULES[:-1]:
        key = pattern.sub(repl, key)
    key = key.translate(_SCRIPT_MERGES)
    consonants = _VOWEL_RUN.sub("", key)
    runs = [""] * (len(consonants) + 1)
    position = 0
    for piece in re.split(r"([aeiouyvw']+)", key):
        if piece and _VOWEL_RUN.fullmatch(piece):
            runs[position] = piece
        else:
            position += len(piece)
    return consonants, tuple(runs)


def _article_alef(consonants: str, gap: int) -> bool:
    """Whether the vowel in ``gap`` may be the alef of an article joined inside a word: before an l
    that follows a word of two consonants or more (عبدالله, Abd-al-lah: "bdl" once the doubled l
    and the last h are merged). Not an alef after one consonant: قال is Qal, not Gul; خالد is
    Khalid, not Kholud."""
    return 2 <= gap < len(consonants) and consonants[gap] == "l"


def abjad_vowel_qualities_fit(word: str, latin: str) -> bool:
    """Whether a Latin spelling writes, wherever the Arabic-script ``word`` writes a long vowel between
    two consonants, a vowel that letter may stand for (``_LETTER_VOWELS``): خامنئي is Khamenei,
    not Khimina, Guemmane or Kimenyi, whose consonants are the same. A gap with an ain (any vowel),
    the first gap (an alef there carries any vowel: احمد Ahmad, ابراهيم Ibrahim) and the alef of an
    article joined inside a word (عبدالله Abdullah, Abdellah) say nothing; nor do words whose
    consonants differ, or a gap the Latin spelling leaves empty (``abjad_vowels_fit`` judges those)."""
    consonants, runs = _vowel_runs_at(written_vowels(word))
    latin_consonants, latin_runs = _vowel_runs_at(latin)
    if not consonants or consonants != latin_consonants:
        return True
    for gap in range(1, len(consonants)):
        run, there = runs[gap], latin_runs[gap]
        if not run or not there or "'" in run:
            continue
        if run == "a" and _article_alef(consonants, gap):
            continue  # the article's alef: Abd-al-lah, Abdullah
        allowed = "".join(_LETTER_VOWELS.get(c, "") for c in run)
        if not any(c in allowed for c in there):
            return False
    return True


@lru_cache(maxsize=200_000)
def alef_left_out(word: str, latin: str) -> bool:
    """Whether the Latin spelling writes no vowel where the Arabic-script ``word`` writes an alef
    between two consonants (بشار: Bashar, not Bushra / Bouchra), or a last alef or yeh (بشرى: Bushra,
    not Bashar), with the same consonants. Latin
    spellings leave out a written و or ي at times (عمرو Amr, الدبيسكي AL-DABSKI), a long a never; the
    article's alef joined inside a word and a gap with an ain say nothing."""
    consonants, runs = _vowel_runs_at(written_vowels(word))
    latin_consonants, latin_runs = _vowel_runs_at(latin)
    if not consonants or consonants != latin_consonants:
        return False
    for gap in range(1, len(consonants)):
        run = runs[gap]
        if "a" in run and "'" not in run and not latin_runs[gap] and not _article_alef(consonants, gap):
            return True
    # a last ا or ى (folded to ي): a long a or i the Latin writes (بشرى Bushra, not Bashar)
    return bool(runs[-1]) and runs[-1] in "ay" and not latin_runs[-1]


# Gaps where one of two script spellings writes a long vowel and the other none, from which on they
# are two names: one such gap is a spelling of one name (رحمن / رحمان, اسحق / اسحاق), two are not
# (بشار Bashar / بشرى Bushra, حامد Hamid / حمود Hammud).
SCRIPT_VOWEL_GAPS = 2


@lru_cache(maxsize=200_000)
def script_vowels_agree(word: str, other: str) -> bool:
    """Whether two Arabic-script words with the same consonants (``_vowel_runs_at``) write the same
    long vowels: no gap where both write one and the letters differ (ا a, و u/o, ي i/e: سعيد Said /
    سعود Saud), and fewer than SCRIPT_VOWEL_GAPS gaps where only one writes one. A gap with an ain
    (ع: any vowel or none) says nothing, nor does the article's alef inside a word; a final ي may
    be alef maksura (ى, an a: مصطفى / مصطفا). True for words whose consonants differ, or not in the
    script."""
    consonants, runs = _vowel_runs_at(written_vowels(word))
    other_consonants, other_runs = _vowel_runs_at(written_vowels(other))
    if not consonants or consonants != other_consonants:
        return True
    one_sided = 0
    for gap, (run, there) in enumerate(zip(runs, other_runs, strict=True)):
        if run.strip("'") != run or there.strip("'") != there:
            run, there = run.replace("'", ""), there.replace("'", "")
            if not run or not there:
                continue  # an ain alone: any vowel or none
        if _article_alef(consonants, gap):
            run, there = run.removesuffix("a"), there.removesuffix("a")  # the article's alef: عبدالله
        if run and there:
            if gap == len(consonants) and {run, there} <= {"a", "y"}:
                continue  # alef maksura, folded to ي
            if not set(run) & set(there):
                return False
        elif run or there:
            one_sided += 1
    return one_sided < SCRIPT_VOWEL_GAPS


# Letters of the script that Latin spellings also write otherwise than the romanisation: ta marbuta
# (ة, read as the final vowel a) as -at / -et where it is pronounced, in a construct or a Maghrebi
# spelling (جودة Jaoudat, عزة Izzat, حمزة Hamzat); ظ and ذ (z, dh) as th in Iraqi and Gulf spellings
# (كاظم Kathim, ذياب Thiab). Each rewrite is the letter that the romanisation writes that way.
_OTHER_LETTER_READINGS = (str.maketrans({"ة": "ت", "ۃ": "ت"}), str.maketrans(dict.fromkeys("ظذ", "ث")))
# The article joined inside a word (عبدالرحمن, علاالدینی) before a sun letter (ت ث د ذ ر ز س ش ص
# ض ط ظ ن; ل keeps its l in any case) is spoken, and mostly written in Latin, with that letter
# doubled in place of its l: Abdurrahman, Abdur Rahman, Alaeddini, Shamsuddin. Read so, the word
# has the consonants of that spelling. After two letters at least: a first ال is the article
# romanise splits off.
_INNER_ARTICLE = re.compile("(?<=\\S\\S)ال(?=[تثدذرزسشصضطظن])")


def _inner_article_assimilated(word: str) -> str:
    return _INNER_ARTICLE.sub("ا", word)


@lru_cache(maxsize=100_000)
def inner_article_key(word: str) -> str:
    """``abjad_key`` of an Arabic-script word with the article joined inside it assimilated
    (``_INNER_ARTICLE``): عبدالرحمن -> "bdrhmn" (Abdurrahman, Abdur Rahman). "" for a word without
    one or in another script."""
    if not is_abjad(word):
        return ""
    read = _inner_article_assimilated(word)
    return abjad_key("".join(romanise(read))) if read != word else ""


def _translated(table: dict[int, str]) -> Callable[[str], str]:
    """A word rewritten by ``str.translate`` with ``table``."""
    return lambda word: word.translate(table)


def _letter_readings(word: str) -> Iterator[str]:
    """``word`` with each combination of its other readings (``_OTHER_LETTER_READINGS`` and the
    inner article assimilated) applied, the word itself first."""
    rewrites: list[Callable[[str], str]] = [_translated(t) for t in _OTHER_LETTER_READINGS]
    rewrites.append(_inner_article_assimilated)
    for mask in range(2 ** len(rewrites)):
        read = word
        for bit, rewrite in enumerate(rewrites):
            if mask >> bit & 1:
                read = rewrite(read)
        yield read


@lru_cache(maxsize=100_000)
def letter_reading_keys(word: str) -> frozenset[str]:
    """``abjad_key`` keys of an Arabic-script word ``word`` (one token's raw text) with its ta
    marbuta read t, its ظ / ذ read th (``_OTHER_LETTER_READINGS``) and an article joined inside it
    assimilated to the sun letter after it (``_INNER_ARTICLE``), each and all: جودة -> "Jdt"
    (Jaoudat), كاظم -> "ktm" (Kathim), عبدالرحمن -> "bdrhmn" (Abdurrahman). Only keys of
    READ_ALIKE_CLASSES classes or more; the word's own key is left out. Empty for a word without
    these letters or in another script."""
    if not is_abjad(word):
        return frozenset()
    own = abjad_key("".join(romanise(word)))
    keys: set[str] = set()
    for read in _letter_readings(word):
        if read != word:
            key = abjad_key("".join(romanise(read)))
            if len(key) >= READ_ALIKE_CLASSES and key != own:
                keys.add(key)
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def letter_reading_fits(word: str, latin: str) -> bool:
    """Whether a Latin token has the consonants of one of the other readings of the Arabic-script
    ``word`` (``letter_reading_keys``) and a vowel wherever that reading writes one
    (``abjad_vowels_fit``): علاالدینی is Alaeddini, not Aladin (its last ی unwritten)."""
    key = abjad_key(latin)
    if key not in letter_reading_keys(word):
        return False
    for read in _letter_readings(word):
        written = "".join(romanise(read))
        if abjad_key(written) == key and abjad_vowels_fit(written, latin):
            return True
    return False


_TH_LETTERS = _OTHER_LETTER_READINGS[1]


@lru_cache(maxsize=100_000)
def th_reading_keys(word: str) -> frozenset[str]:
    """``spelled_consonants`` keys of an Arabic-script word ``word`` of fewer than READ_ALIKE_CLASSES
    consonant classes with its ظ / ذ read th, as Iraqi and Gulf spellings write them: ذياب -> "Tb"
    (Thiab, Dhiab's other spelling). ``letter_reading_keys`` leaves such short keys out, since as
    classes they meet too many names ("tb": Tayeb, طيب); this key keeps the th (T), so only a Latin
    spelling that writes th there meets it. Empty for any other word."""
    if not is_abjad(word):
        return frozenset()
    read = word.translate(_TH_LETTERS)
    if read == word:
        return frozenset()
    latin = "".join(romanise(read))
    if len(abjad_key(latin)) >= READ_ALIKE_CLASSES:
        return frozenset()  # letter_reading_keys has it
    return frozenset({spelled_consonants(latin)})


def th_reading_class_keys(word: str) -> frozenset[str]:
    """``th_reading_keys`` as ``abjad_key`` classes (what the index files a Latin token under)."""
    return frozenset(_abjad_class(k) for k in th_reading_keys(word))


@lru_cache(maxsize=100_000)
def th_as_dh_key(token: str) -> str:
    """The ``abjad_key`` of a Latin token of fewer than READ_ALIKE_CLASSES classes with its th read
    as the dh of ذ / ظ (Thiab -> "db", ذياب): the reverse of ``th_reading_keys``, for the lookup of
    a Latin word among words of the script. "" for a token without th or with more classes."""
    if "th" not in token or not token.isascii() or len(abjad_key(token)) >= READ_ALIKE_CLASSES:
        return ""
    return abjad_key(token.replace("th", _TH_AS_DH, 1))
