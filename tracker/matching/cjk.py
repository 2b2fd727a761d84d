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

from collections.abc import Iterable
from functools import lru_cache
from itertools import product

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
    for written, other in ((query, listed), (listed, query)):
        if is_han_text(written.text):
            return han_spells(written.text, family_first(other))
        if is_hangul_word(written.text):
            return hangul_spells(written.text, family_first(other))
    return True


def abjad_rules_fit(countries: Iterable[str]) -> bool:
    """May a person the lists give these countries (ISO alpha-2, lower case) have a name written by
    the Chinese tables for Arabic and Persian names: a country in ``ABJAD_READ`` (not none known:
    a Chinese reading's consonants fit too many listed names: 扎里夫 as ZHIROVA)?"""
    return not frozenset(countries).isdisjoint(ABJAD_READ)


def russian_rules_fit(countries: Iterable[str]) -> bool:
    """May a person the lists give these countries (ISO alpha-2, lower case) have a name written by
    the Chinese or Korean rules for Russian names: a country in ``RUSSIAN_READ``, or none known?"""
    given = frozenset(countries)
    return not given or bool(given & RUSSIAN_READ)
