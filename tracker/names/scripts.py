"""The writing system of a name or a text, as an ISO 15924 code ("Latn", "Cyrl", "Arab", "Jpan"...).

Lists rarely say which script a name is in, but search and display need it (a Cyrillic alias is matched
through transliteration, a Latin one directly), and the news scanner uses it to tell the language of an
article. Every list parser and the news reader call this one detector.

The script of each letter is the Unicode Script property, read through rigour's public
``rigour.text.scripts.codepoint_script`` (ICU4X data). The rule for a text whose letters are in several
scripts is ours:

* only letters count: digits, punctuation, spaces and combining marks never decide;
* the script with the most letters wins, so "ООО Smart Systems International" is Latin (3 Cyrillic
  letters, 25 Latin) and "OOO Меркурий" is Cyrillic; on a tie, the script of the first such letter;
* any Hiragana or Katakana letter makes the whole text Japanese, "Jpan": Japanese names mix kana with
  Han characters, which alone would read as Chinese;
* None when the text has no letter, or only letters of scripts without a code below.

Why the majority: of the ~150,000 distinct names in the real files of ../shared/data, 631 mix two
scripts (EU 434, UK 119, OpenSanctions 72, UN 11, Australia 8; none in OFAC's): Latin homoglyphs inside
Cyrillic words ("Мiĸалай", a Latin "i" for the Belarusian "і"), company forms typed in the other
alphabet ("OOO", "AO"), Latin brand names inside a Cyrillic or Greek legal name, and UN aliases that
add the other reading in brackets. The bulk of the letters names the script a reader sees; "Latin if
any Latin word" would call a Cyrillic name Latin for one homoglyph. (OFAC's parser used to take the
first non-Latin script; as no OFAC file holds a mixed name, no stored script changes.)
"""

from __future__ import annotations

import re
from collections import Counter

from rigour.text.scripts import codepoint_script

# Unicode Script long name (what rigour returns) -> ISO 15924 code, from the Unicode Character Database
# file PropertyValueAliases.txt ("sc ; Latn ; Latin"). Scripts not listed here are not counted.
ISO_15924: dict[str, str] = {
    "Latin": "Latn",
    "Cyrillic": "Cyrl",
    "Greek": "Grek",
    "Armenian": "Armn",
    "Georgian": "Geor",
    "Hebrew": "Hebr",
    "Arabic": "Arab",
    "Syriac": "Syrc",
    "Thaana": "Thaa",
    "Nko": "Nkoo",
    "Devanagari": "Deva",
    "Bengali": "Beng",
    "Gurmukhi": "Guru",
    "Gujarati": "Gujr",
    "Oriya": "Orya",
    "Tamil": "Taml",
    "Telugu": "Telu",
    "Kannada": "Knda",
    "Malayalam": "Mlym",
    "Sinhala": "Sinh",
    "Thai": "Thai",
    "Lao": "Laoo",
    "Tibetan": "Tibt",
    "Myanmar": "Mymr",
    "Khmer": "Khmr",
    "Mongolian": "Mong",
    "Ethiopic": "Ethi",
    "Cherokee": "Cher",
    "Tifinagh": "Tfng",
    "Hangul": "Hang",
    "Han": "Hani",
    "Hiragana": "Hira",
    "Katakana": "Kana",
    "Bopomofo": "Bopo",
    "Yi": "Yiii",
}

_KANA = frozenset({"Hira", "Kana"})
# One private-use character per script code: str.translate maps each letter to its script's tag.
_TAGS: dict[str, str] = {code: chr(0xE000 + i) for i, code in enumerate(sorted(set(ISO_15924.values())))}
_CODE_OF_TAG: dict[str, str] = {tag: code for code, tag in _TAGS.items()}
_ASCII_LETTER = re.compile("[A-Za-z]")
_MAX_CACHED = 50_000  # distinct code points remembered; a hostile text cannot grow the table further


class _LetterTags(dict[int, str | None]):
    """``str.translate`` table filled on first sight of a code point: a letter -> its script's tag,
    anything else -> None (deleted). Known code points are then looked up in C: the 22,834 non-ASCII
    names of the real files take 0.09 s (0.11 s calling rigour per character; 0.12 s with the old
    hand-written range table), a 20,000-character article about 2 ms."""

    def __missing__(self, point: int) -> str | None:
        tag = None
        if chr(point).isalpha():
            code = ISO_15924.get(codepoint_script(point) or "")
            if code is not None:
                tag = _TAGS[code]
        if len(self) < _MAX_CACHED:
            self[point] = tag
        return tag


_LETTER_TAGS = _LetterTags()


def script_counts(text: str) -> dict[str, int]:
    """Letters per ISO 15924 code, in order of first appearance ({} when there is no letter)."""
    counts = Counter(text.translate(_LETTER_TAGS))
    return {_CODE_OF_TAG[tag]: n for tag, n in counts.items()}


def detect_script(text: str | None) -> str | None:
    """The ISO 15924 code of ``text`` by the rules in the module docstring, or None.

    "DERKACH, Andrii" -> "Latn", "Андрій Деркач" -> "Cyrl", "東京スカイ" -> "Jpan", "1234" -> None.
    """
    if not text:
        return None
    if text.isascii():  # the common case, answered without counting
        return "Latn" if _ASCII_LETTER.search(text) else None
    counts = script_counts(text)
    if not counts:
        return None
    if not _KANA.isdisjoint(counts):
        return "Jpan"
    return max(counts, key=counts.__getitem__)  # max keeps the first of equal counts
