"""A given name's Russian, Ukrainian and Belarusian forms are one name (tracker.names.given): the
lists write Ihar or Igor, Mykola or Nikolai, Sviatlana or Svetlana for one person (issue 13)."""

from __future__ import annotations

import pytest

from tracker.names.given import given_equivalents, other_given_names, same_given_name


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


@pytest.mark.parametrize(
    ("first", "second"),
    [("maria", "marina"), ("marina", "maria"), ("mariya", "maryna"), ("igor", "oleg")],
)
def test_names_of_two_lines_of_the_table_are_other_names(first: str, second: str) -> None:
    assert other_given_names(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("maria", "marija"),  # one name, two spellings
        ("maria", "maryia"),  # Марыя, the Belarusian form
        ("marina", "maryna"),
        ("ihar", "igor"),
        ("maria", "mario"),  # Mario is not in the table: left to the spelling comparison
        ("maria", "maria"),
    ],
)
def test_spellings_of_one_name_or_unknown_words_are_not_other_names(first: str, second: str) -> None:
    assert not other_given_names(first, second)
