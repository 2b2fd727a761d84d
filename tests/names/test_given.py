"""A given name's Russian, Ukrainian and Belarusian forms are one name (tracker.names.given): the
lists write Ihar or Igor, Mykola or Nikolai, Sviatlana or Svetlana for one person (issue 13)."""

from __future__ import annotations

import pytest

from tracker.names.given import given_equivalents, same_given_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ihar", "igor"),  # Ігар / Игорь
        ("ihor", "igor"),  # Ігор / Игорь
        ("mykola", "nikolai"),
        ("mikalai", "nikolay"),
        ("sviatlana", "svetlana"),
        ("svitlana", "svetlana"),
        ("aliaksandr", "alexander"),
        ("oleksandr", "aleksandr"),
        ("siarhei", "sergei"),
        ("serhii", "sergey"),
        ("uladzimir", "vladimir"),
        ("volodymyr", "vladimir"),
        ("dzmitry", "dmitriy"),
        ("tatsiana", "tatiana"),
        ("volha", "olga"),
        ("pavlo", "pavel"),
        ("viktar", "viktor"),
    ],
)
def test_two_language_forms_are_one_given_name(first: str, second: str) -> None:
    assert same_given_name(first, second) and same_given_name(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("igor", "oleg"),  # two names
        ("aleksandr", "aleksandra"),  # his name and hers
        ("igor", "igor"),  # one form: a spelling, not another language's form
        ("olga", "volga"),  # the river and companies' word, not Вольга's passport spelling
        ("anna", "hanna"),  # Hanna is also the Arabic for John
        ("roman", "raman"),
    ],
)
def test_other_names_and_words_are_not_one_given_name(first: str, second: str) -> None:
    assert not same_given_name(first, second)


def test_a_word_not_in_the_table_has_no_equivalents() -> None:
    assert given_equivalents("derkach") == ()
    assert "igor" in given_equivalents("ihar")
