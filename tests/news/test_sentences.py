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


def test_chinese_and_japanese_sentences_end_at_their_full_width_marks() -> None:
    # no space follows 。！？ in Chinese or Japanese: the evidence ran on over the whole paragraph
    text = "朝鲜领导人金正恩乘专列抵达俄罗斯。普京带领金正恩参观了设施！他说：“好。”俄方将帮助朝鲜。"
    start = text.index("普京")
    assert sentence_at(text, start, start + 2) == "普京带领金正恩参观了设施！"
    start = text.index("俄方")
    assert sentence_at(text, start, start + 2) == "俄方将帮助朝鲜。"
    text = "プーチン大統領は述べた。岸田首相は会談した？次の話題。"
    start = text.index("岸田")
    assert sentence_at(text, start, start + 2) == "岸田首相は会談した？"
