"""Golden cases of Arabic and Persian names whose words the greedy alignment paired wrongly (issue 13,
Arabic / Persian family): an Abd compound written in two or three words taken by another Abd of the
name, a family name matched to the first word instead of the last, a Persian family name written in
two words, and the titles Qari and Ustad written in the script. Each kind both ways: the listed
person found at its value, another name kept below the threshold."""

from __future__ import annotations

import pytest

from tests.candidates import person
from tracker.matching import DEFAULT_THRESHOLD, NameIndex, score_name


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        # the query's عبد of عبد الرحمن took the listed Abd of Abd Allah: 0.577
        ("عبد الله محمد رجب عبد الرحمن", "Abd Allah Mohamed Ragab Abdel Rahman", 0.9187),
        ("Abd Allah Mohamed Ragab Abdel Rahman", "عبد الله محمد رجب عبد الرحمن", 0.9187),
        ("Abdul AHMED", "Abdul Karim AHMED", 0.7143),  # one Abd each side: paired as before
    ],
)
def test_an_abd_pairs_with_the_abd_of_the_same_name(query: str, listed: str, expected: float) -> None:
    assert score_name(query, listed)[0] == expected


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("عبد الرحمن", "Abd Allah"),  # another name after the Abd
        ("عبد الرحمن محمد", "Abd Allah MOHAMED"),
        ("Abdul Rahman Khalid", "Abdul Rahim Khalid"),
    ],
)
def test_an_abd_of_another_name_is_no_match(query: str, listed: str) -> None:
    assert score_name(query, listed)[0] < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        # Sayyed tied with سعد and سيد (same consonants) and took the first: 0.507
        ("سعد الدين سيد", "Saduddin Sayyed", 0.975),
        ("Saduddin Sayyed", "سعد الدين سيد", 0.9),
    ],
)
def test_a_tie_pairs_the_last_words(query: str, listed: str, expected: float) -> None:
    assert score_name(query, listed)[0] == expected


def test_the_last_word_alone_is_no_match() -> None:
    assert score_name("سعد الدين سيد", "Sadruddin Sayyed")[0] == 0.3719  # another given name
    assert score_name("سعد الدين", "Saduddin Sayyed")[0] < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        # greedy took مزلقان alone, one consonant short (0.80), and left چای over: 0.637
        ("فرزین کریمی مزلقان چای", "MAZLGHANCHAY, Farzin Karimi", 0.875),
        ("MAZLGHANCHAY, Farzin Karimi", "فرزین کریمی مزلقان چای", 0.875),
    ],
)
def test_a_persian_family_name_in_two_words(query: str, listed: str, expected: float) -> None:
    assert score_name(query, listed)[0] == expected


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("فرزین کریمی مزلقان چای", "MAZLGHANI, Farzin Karimi"),  # چای is no part of it
        ("فرزین کریمی مزلقان چای", "MAZLGHANJANI, Farzin Karimi"),
    ],
)
def test_a_word_of_another_family_name_is_no_match(query: str, listed: str) -> None:
    assert score_name(query, listed)[0] < DEFAULT_THRESHOLD


def test_search_finds_them_through_the_index() -> None:
    index = NameIndex.build(
        [
            person("un_sc", "1", "ABD ALLAH MOHAMED RAGAB ABDEL RAHMAN"),
            person("un_sc", "2", "ABD ALLAH MOHAMED"),
            person("un_sc", "3", "SADUDDIN SAYYED"),
            person("ofac_sdn", "4", "MAZLGHANCHAY, Farzin Karimi"),
        ]
    )

    def found(query: str) -> list[tuple[str, float]]:
        return [(m.key[1], m.score) for m in index.search(query, threshold=DEFAULT_THRESHOLD)]

    assert found("عبد الله محمد رجب عبد الرحمن")[0] == ("1", 0.9187)
    assert found("سعد الدين سيد") == [("3", 0.975)]
    assert found("فرزین کریمی مزلقان چای") == [("4", 0.875)]
    assert found("عبد الرحمن محمد") == []
