"""When a name written in Chinese characters or Hangul names a listed person: rules that `tracker
search` and the news scanner (tracker.news.scan) share, so that both read such a name alike.

- ``spells_listed``: a query in Chinese characters, or one Hangul word, must spell a listed name
  syllable for syllable, family name first (王君正 wang junzheng: WANG, Junzheng; 김정은: KIM Jong
  Un). The scorer's loose likeness took ordinary words for names: 温江 (wen jiang) for Wen-ji JIANG,
  经济 (jing ji) for JIANG Wen-ji, 天津 read in Korean (천진) for the vessel CHEONG JIN, 영전 for JON
  Yong Sang (People's Daily 1998 and Korean bills in the news evaluation; search trial, issue 13).
- ``russian_rules_fit``: a name read back by the Chinese or Korean rules for writing Russian names
  (普京 -> putin, 푸틴 -> putin) names only a person of Russia or a neighbour, or of no known
  country: 比东 read as BIDON (of Guinea-Bissau) and 杨洋 as AL-JANAN (of Syria) are ordinary words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import product
from typing import Any

from tracker.matching.prepare import PreparedName, Role
from tracker.names import normalize_word, token_forms

# Countries (ISO 3166 alpha-2) whose persons' names Chinese and Korean write by their rules for
# Russian: Russia and the former Soviet republics.
RUSSIAN_READ = frozenset(
    ["ru", "by", "ua", "kz", "uz", "kg", "tj", "tm", "az", "am", "ge", "md", "lv", "lt", "ee"]
)
# Countries (ISO 3166 alpha-2) whose persons' names Chinese writes by its tables for Arabic and
# Persian names (哈梅内伊 Khamenei, 纳斯鲁拉 Nasrallah, 阿萨德 Assad): the Arab League's members,
# Iran and Afghanistan.
ABJAD_READ = frozenset(
    [
        "ir", "af", "iq", "sy", "lb", "ps", "jo", "sa", "ye", "om", "ae", "qa", "bh", "kw", "eg",
        "ly", "sd", "tn", "dz", "ma", "mr", "so", "dj", "km",
    ]
)  # fmt: skip
# A listed name of more words is no Chinese or Korean personal name (nothing spells it).
_MAX_WORDS = 4


def _all_in(text: str, low: str, high: str) -> bool:
    letters = text.replace(" ", "")
    return bool(letters) and all(low <= c <= high for c in letters)


def is_han_text(text: str) -> bool:
    """Every character but spaces a CJK unified ideograph (U+4E00-U+9FFF)."""
    return _all_in(text, "\u4e00", "\u9fff")


def is_hangul_word(text: str) -> bool:
    """One word of Hangul syllables (U+AC00-U+D7A3), no space."""
    return " " not in text and _all_in(text, "\uac00", "\ud7a3")


@lru_cache(maxsize=4096)
def family_first(listed: PreparedName) -> frozenset[str]:
    """The listed name's letters, family name first, each word in every spelling the normaliser
    gives: as the list writes it (Ri Pyong Chol) and with its last word first (KIM, Jong Un; Jong
    Chon PAK). By letters, not by the parser's roles, which guess Western order for a name written
    without a comma or capitals. Empty for a name of more than four words (particles left out)."""
    words = [(p.norm, *p.alts) for p in listed.parts if p.role != Role.PARTICLE]
    if len(words) > _MAX_WORDS:
        return frozenset()
    spelled = {"".join(c) for c in product(*words)}
    spelled |= {"".join(c) for c in product(words[-1], *words[:-1])}
    return frozenset(spelled)


@lru_cache(maxsize=4096)
def family_then_given(listed: PreparedName) -> frozenset[str]:
    """The listed name's letters with its family-name words first in their order, then the others
    (LAM CHENG, Yuet-ngor -> lamchengyuetngor: ``family_first`` moves only the last word); empty
    for a name of more than four words."""
    parts = [p for p in listed.parts if p.role != Role.PARTICLE]
    if len(parts) > _MAX_WORDS:
        return frozenset()
    ordered = [p for p in parts if p.role == Role.FAMILY] + [p for p in parts if p.role != Role.FAMILY]
    return frozenset("".join(c) for c in product(*((p.norm, *p.alts) for p in ordered)))


def han_spells(text: str, spelled: frozenset[str]) -> bool:
    """Do Chinese characters, read by pinyin, spell one of ``spelled`` (``family_first``) letter for
    letter? Pinyin's loose likeness would take ordinary words for Latin-only names (记者张 ji zhe
    zhang scored 0.95 against SHE Zhijiang, 领导 against LINDO)."""
    read = normalize_word(text)
    return len(read) >= 2 and "".join(read) in spelled


def hangul_spells(word: str, spelled: frozenset[str]) -> bool:
    """Does one Hangul word spell one of ``spelled`` (``family_first``), syllable by syllable in any
    romanisation the normaliser gives (김정은: kim|gim, jong|jeong, un|eun against KIM Jong Un)?"""
    read = [(f.norm, *f.alts) for f in token_forms(word)]
    if len(read) < 2:
        return False
    return not spelled.isdisjoint("".join(c) for c in product(*read))


def is_written_out(text: str) -> bool:
    """A name all in Chinese characters, or one Hangul word: a whole name spelled by its syllables."""
    return is_han_text(text) or is_hangul_word(text)


def spells_listed(query: PreparedName, listed: PreparedName) -> bool:
    """May ``query`` name ``listed``: when either is a name all in Chinese characters or one Hangul
    word (``is_written_out``), only when the other spells it (``han_spells``, ``hangul_spells``);
    True otherwise. Both ways: "Kim Yeong Cheol" is not the EU's 김병철 (0.93 by likeness, 병 read
    as a typo of yeong), as 김영철 is not KIM Pyong Chol."""
    if _same_characters(query.text, listed.text):
        return True  # the list's own characters (道通机器人有限公司, 阿不都哈克 for 阿不都·哈克)
    for written, other in ((query, listed), (listed, query)):
        if is_han_text(written.text):
            return han_spells(written.text, family_first(other))
        if is_hangul_word(written.text):
            return hangul_spells(written.text, family_first(other))
    return True


# Marks a name in Chinese characters may carry between its words: spaces and the name dot (阿不都·哈克)
_NAME_MARKS = str.maketrans("", "", " \u00b7\u30fb\u2022\u2027")


def _same_characters(query: str, listed: str) -> bool:
    """Whether two names in Chinese characters are one string of characters but for spaces and
    name dots, simplified or traditional alike (the lists' own spelling: a company's name of nine
    characters has no syllable-for-syllable reading, and was refused though written as listed)."""
    a, b = query.translate(_NAME_MARKS), listed.translate(_NAME_MARKS)
    if not is_han_text(a) or not is_han_text(b) or len(a) != len(b):
        return False
    return a == b or _simplified(a) == _simplified(b)


@lru_cache(maxsize=4096)
def _simplified(text: str) -> str:
    import icu

    return str(icu.Transliterator.createInstance("Hant-Hans").transliterate(text))


def abjad_rules_fit(countries: Iterable[str]) -> bool:
    """May a person the lists give these countries (ISO alpha-2, lower case) have a name written by
    the Chinese tables for Arabic and Persian names: a country in ``ABJAD_READ`` (not none known:
    a Chinese reading's consonants fit too many listed names: 扎里夫 as ZHIROVA)?"""
    return not frozenset(countries).isdisjoint(ABJAD_READ)


# Countries (ISO alpha-2) whose persons' names the lists romanise from Cantonese (Hong Kong's
# government romanisation: LAM Cheng Yuet-ngor for 林鄭月娥, LEE Ka-chiu for 李家超).
CANTONESE_READ = frozenset(["hk", "mo", "cn"])
_MAX_CANTONESE_READINGS = 64


_UNASPIRATED = re.compile(r"^(?:gw|b|d|g|j)")
_HK_INITIALS = {"gw": "kw", "b": "p", "d": "t", "g": "k", "j": "ch"}


def _aspirated(match: re.Match[str]) -> str:
    return _HK_INITIALS[match.group()]


@lru_cache(maxsize=1)
def _cantonese() -> tuple[Any, Any] | None:
    """The romaniser (cantonese-romanisation's table of Hong Kong government spellings per
    traditional character) and ICU's simplified-to-traditional transform; None without the package."""
    try:
        from cantoroman import Cantonese  # type: ignore[import-untyped]
    except ImportError:
        return None
    import icu

    return Cantonese(), icu.Transliterator.createInstance("Hans-Hant")


@lru_cache(maxsize=8192)
def cantonese_syllables(char: str) -> tuple[str, ...]:
    """One Chinese character's Cantonese readings as Hong Kong romanises names (鄧 -> dang, tang; a
    simplified character read as its traditional one); () when it has none."""
    tools = _cantonese()
    if tools is None:
        return ()
    romaniser, to_traditional = tools
    found = romaniser.getRoman(to_traditional.transliterate(char))
    if not found or not found[0]:
        return ()
    # the government's romanisation marks no aspiration: 炳 bing is Ping, 鄧 dang Tang, 家 ga Ka
    return tuple(dict.fromkeys(r for f in found[0] for r in (f, _UNASPIRATED.sub(_aspirated, f))))


def cantonese_readings(text: str) -> tuple[tuple[str, ...], ...]:
    """Chinese characters read in Cantonese as Hong Kong romanises names, one tuple of syllables per
    reading (李家超 -> ("lee", "ka", "chiu"), ...; 林郑月娥 read as 林鄭月娥); () when a character has
    no reading or the readings are too many (``_MAX_CANTONESE_READINGS``)."""
    options = [cantonese_syllables(char) for char in text]
    count = 1
    for option in options:
        count *= len(option)
    if not count or count > _MAX_CANTONESE_READINGS:
        return ()
    return tuple(product(*options))


def russian_rules_fit(countries: Iterable[str]) -> bool:
    """May a person the lists give these countries (ISO alpha-2, lower case) have a name written by
    the Chinese or Korean rules for Russian names: a country in ``RUSSIAN_READ``, or none known?"""
    given = frozenset(countries)
    return not given or bool(given & RUSSIAN_READ)
