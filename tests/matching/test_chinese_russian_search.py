"""A Russian name written in Chinese characters is searched as the news scanner reads it (the Xinhua
convention, tracker.news.inflect.pinyin_russian_readings): `tracker search 普京` gave PO, Kong 0.92,
not Putin; 拉夫罗夫 and 梅德韦杰夫 found nothing (trial 1 item 6). The same in Hangul by the Korean rules
for Russian names (tracker.news.inflect.russian_readings): 블라디미르 푸틴 was no match in search while
the news scanner found it (trial 1 of 2026-12-01)."""

from __future__ import annotations

from functools import partial

import pytest

from tests.candidates import loaded_index, person
from tracker.search import LoadedIndex, find_matches, russian_readings

_person = partial(person, "ofac_sdn")


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    return loaded_index(
        _person("35096", "PUTIN, Vladimir Vladimirovich"),
        _person("11275", "PO, Kong"),
        _person("35233", "LAVROV, Sergei Viktorovich"),
        _person("36407", "MEDVEDEV, Dmitry Anatolievich"),
        _person("31492", "WANG, Junzheng"),
        _person("16692", "SECHIN, Igor Ivanovich"),
        _person("22222", "KIM, Jong Un"),
    )


@pytest.mark.parametrize(
    ("query", "key"),
    [("普京", "35096"), ("拉夫罗夫", "35233"), ("梅德韦杰夫", "36407"), ("弗拉基米尔·普京", "35096")],
)
def test_a_russian_name_in_chinese_finds_the_person_first(loaded: LoadedIndex, query: str, key: str) -> None:
    matches = find_matches(loaded, query)
    assert matches and matches[0].key == ("ofac_sdn", key)
    assert f"'{query}' read from Chinese as" in matches[0].explanation


def test_other_queries_have_no_russian_reading(loaded: LoadedIndex) -> None:
    vocab = loaded.index.vocab
    assert russian_readings("Putin", vocab) == []
    assert russian_readings("王君正", vocab) == []  # a Chinese name: read by pinyin as before
    assert russian_readings("普京", vocab) == ["putin"]
    assert find_matches(loaded, "王君正")[0].key == ("ofac_sdn", "31492")


@pytest.mark.parametrize(
    ("query", "key", "reading"),
    [
        ("블라디미르 푸틴", "35096", "vladimir putin"),
        ("푸틴", "35096", "putin"),
        ("세르게이 라브로프", "35233", "sergei lavrov"),
        ("이고르 세친", "16692", "igor sechin"),  # a given name of four letters beside a surname
        ("伊戈尔·谢钦", "16692", "igor sechin"),
    ],
)
def test_a_russian_name_in_hangul_finds_the_person_first(
    loaded: LoadedIndex, query: str, key: str, reading: str
) -> None:
    matches = find_matches(loaded, query)
    assert matches and matches[0].key == ("ofac_sdn", key)
    script = "Chinese" if "·" in query else "Korean"
    assert f"'{query}' read from {script} as {reading}" in matches[0].explanation


def test_korean_words_and_names_have_no_russian_reading(loaded: LoadedIndex) -> None:
    vocab = loaded.index.vocab
    # ordinary words, and a four-letter reading alone (이고르 igor is read only beside a surname)
    for word in ("모스크바", "대통령", "러시아", "이고르"):
        assert russian_readings(word, vocab) == [], word
        assert find_matches(loaded, word) == [], word
    assert russian_readings("김정은", vocab) == []  # a Korean name: read by its romanisation as before
    assert find_matches(loaded, "김정은")[0].key == ("ofac_sdn", "22222")
