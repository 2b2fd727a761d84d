"""The sentence around a mention: what a reader needs to judge it, cut without a sentence splitter.

A sentence ends at . ! ? … followed by white space, at Chinese and Japanese 。！？ (no space after
them), at a blank line, or before a list item; a dot after an initial ("A. Derkach") or a title abbreviation ("Mr. Lavrov") does not end
it. The window is bounded (``SENTENCE_MAX_CHARS`` either side), so a text without punctuation never
yields a snippet of the whole article.
"""

from __future__ import annotations

import re

SENTENCE_MAX_CHARS = 600
# Titles written with a dot that does not end a sentence (lower case, dot excluded).
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "jr", "sr", "vs"}
)

# Chinese and Japanese end a sentence with a full-width mark and no space after it (。！？, then a
# closing quote or bracket: 」』”）).
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|[。！？]+[」』”’）)\]]*\s*|\n\s*\n|\n(?=\s*[-•*\d])")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (bounded to a few hundred characters), whitespace folded."""
    window_start = max(0, start - SENTENCE_MAX_CHARS)
    sentence_start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, start):
        if not _is_abbreviation(text, match.start()):
            sentence_start = match.end()
    sentence_end = min(len(text), end + SENTENCE_MAX_CHARS)
    for match in _SENTENCE_END.finditer(text, end, sentence_end):
        if not _is_abbreviation(text, match.start()):
            sentence_end = match.start() + len(match.group().rstrip())
            break
    return " ".join(text[sentence_start:sentence_end].split())


def _is_abbreviation(text: str, dot: int) -> bool:
    """A dot after an initial or a title abbreviation does not end the sentence."""
    if dot >= len(text) or text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:dot]
    return len(word) == 1 and word.isupper() or word.lower() in ABBREVIATIONS
