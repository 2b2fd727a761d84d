"""Golden cases of how a name is built: a kunya, a Korean given name in two syllables, a patronymic
against a family name, and the vowels of one Arabic name (issue 13)."""

from __future__ import annotations

import pytest

from tracker.matching import DEFAULT_THRESHOLD, score_name


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Mohamed Salah", "SALAH ABU MOHAMED"),  # Abu Mohamed is one name (a kunya), not Mohamed
        ("Bakr al-Baghdadi", "ABU BAKR AL-BAGHDADI"),
        ("Abu Bakr Salah", "SALAH BAKR"),  # and the other way round
    ],
)
def test_the_word_after_abu_is_no_name_of_its_own(query: str, listed: str) -> None:
    assert score_name(query, listed)[0] < 0.5


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        ("Abu Mohamed", "SALAH ABU MOHAMED", 0.6667),  # a kunya meets a kunya
        ("Abubakr al-Baghdadi", "ABU BAKR AL-BAGHDADI", 0.9811),  # written as one word
    ],
)
def test_a_kunya_still_meets_a_kunya(query: str, listed: str, expected: float) -> None:
    assert score_name(query, listed)[0] == expected


def test_a_korean_given_name_has_two_syllables() -> None:
    score, why = score_name("Young Kim", "KIM Young-Chol")  # congress negative
    assert score == 0.7143 and "Chol is a syllable of the given name" in why and "(optional)" not in why
    assert score_name("Kim Young Chol", "KIM Young-Chol")[0] == 1.0
    assert score_name("Kim Jong Il", "KIM Il Nam")[0] < DEFAULT_THRESHOLD
    # a name that is not Korean keeps its middle name optional
    assert score_name("Young Smith", "SMITH Young Chol")[0] >= DEFAULT_THRESHOLD


def test_the_second_of_two_words_is_a_family_name_however_it_ends() -> None:
    # congress negative George Radanovich against a one-word alias "George": -ovich is no patronymic here
    assert score_name("George Radanovich", "George") == (
        0.6,
        "family name George = George; query word Radanovich not in listed name",
    )
    # after a family name and a given name it is a patronymic, and optional
    assert score_name("PATRUSHEV Nikolai Platonovich", "Nikolai PATRUSHEV")[0] == 0.8772


def test_vowels_of_one_arabic_name_are_no_weak_typo() -> None:
    score, why = score_name("Usama bin Ladin", "Osama BIN LADEN")
    assert score == 0.8651 and "only by a typo" not in why
    assert "only by a typo" in score_name("Andrii Shevchuk", "Andrei SHEVCHIK")[1]  # u / i: another name
