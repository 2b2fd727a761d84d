"""The sentence around a mention."""

from __future__ import annotations

from tracker.news.sentences import SENTENCE_MAX_CHARS, sentence_at


def test_sentence_at_skips_initials_and_titles() -> None:
    text = "First one. Then Mr. A. Derkach came in. Last."
    start = text.index("Derkach")
    assert sentence_at(text, start, start + 7) == "Then Mr. A. Derkach came in."


def test_blank_lines_and_list_items_end_a_sentence() -> None:
    text = "Headline with Derkach\n\nBody text.\n- Derkach, item two\n- item three"
    assert sentence_at(text, 14, 21) == "Headline with Derkach"
    start = text.index("Derkach, item")
    assert sentence_at(text, start, start + 7) == "- Derkach, item two"


def test_a_text_without_punctuation_gives_a_bounded_window() -> None:
    text = "word " * 1000 + "Derkach " + "word " * 1000
    start = text.index("Derkach")
    sentence = sentence_at(text, start, start + 7)
    assert "Derkach" in sentence
    assert len(sentence) <= 2 * SENTENCE_MAX_CHARS + 7
