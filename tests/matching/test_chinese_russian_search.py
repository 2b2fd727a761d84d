"""A Russian name written in Chinese characters is searched as the news scanner reads it (the Xinhua
convention, tracker.news.inflect.pinyin_russian_readings): `tracker search 普京` gave PO, Kong 0.92,
not Putin; 拉夫罗夫 and 梅德韦杰夫 found nothing (trial 1 item 6)."""

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
