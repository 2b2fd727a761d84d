"""Detect the writing system of a name: ISO 15924 codes from Unicode code-point ranges.

Lists rarely say which script a name is in, but search and display need to know (a Cyrillic alias is
matched through transliteration, a Latin one directly). Only letters are counted, so digits,
punctuation and spaces never decide; the script with the most letters wins.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import cache

# (first code point, last code point, ISO 15924 code), sorted by first code point, non-overlapping.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"),
    (0x0061, 0x007A, "Latn"),
    (0x00AA, 0x00AA, "Latn"),
    (0x00BA, 0x00BA, "Latn"),
    (0x00C0, 0x024F, "Latn"),
    (0x0250, 0x02AF, "Latn"),  # IPA extensions
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0700, 0x074F, "Syrc"),
    (0x0750, 0x077F, "Arab"),
    (0x0780, 0x07BF, "Thaa"),
    (0x08A0, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x1200, 0x139F, "Ethi"),
    (0x1780, 0x17FF, "Khmr"),
    (0x1800, 0x18AF, "Mong"),
    (0x1C80, 0x1C8F, "Cyrl"),
    (0x1C90, 0x1CBF, "Geor"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x2C60, 0x2C7F, "Latn"),
    (0x2D00, 0x2D2F, "Geor"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hang"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA720, 0xA7FF, "Latn"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB00, 0xFB06, "Latn"),
    (0xFB13, 0xFB17, "Armn"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0xFF21, 0xFF3A, "Latn"),
    (0xFF41, 0xFF5A, "Latn"),
    (0xFF66, 0xFF9F, "Kana"),
    (0x20000, 0x3134F, "Hani"),
)
_STARTS = [start for start, _, _ in _RANGES]
_CODES = sorted({code for _, _, code in _RANGES})
_TAGS = {chr(index + 1): code for index, code in enumerate(_CODES)}  # one control char per script


def char_script(char: str) -> str | None:
    """ISO 15924 code of one character, or None when it is outside the known ranges."""
    point = ord(char)
    index = bisect_right(_STARTS, point) - 1
    if index >= 0:
        start, end, code = _RANGES[index]
        if start <= point <= end:
            return code
    return None


@cache
def _letter_table() -> dict[int, str]:
    """str.translate table: every known letter -> its script's tag char (built on first use)."""
    tag_of = {code: tag for tag, code in _TAGS.items()}
    table: dict[int, str] = {}
    for start, end, code in _RANGES:
        for point in range(start, end + 1):
            if chr(point).isalpha():
                table[point] = tag_of[code]
    return table


def detect_script(text: str | None) -> str | None:
    """The ISO 15924 code of the script most letters of ``text`` are written in, or None.

    Japanese mixes kana and Han characters: any kana makes the whole text "Jpan". Korean Hangul is
    "Hang". Plain ASCII (the common case) is answered without counting.
    """
    if not text:
        return None
    if text.isascii():
        return "Latn" if any(c.isalpha() for c in text) else None
    # translate + Counter run in C: far faster than a per-character Python loop on 25k names.
    counts = Counter(text.translate(_letter_table()))
    scripts = Counter({_TAGS[tag]: n for tag, n in counts.items() if tag in _TAGS})
    if not scripts:
        return None
    if scripts["Hira"] or scripts["Kana"]:
        return "Jpan"
    return scripts.most_common(1)[0][0]
