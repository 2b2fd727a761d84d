"""Golden cases of search by a foreign person's name as the Greek press writes it (issue 13): digraphs
for the sounds Greek lacks (γκ g, μπ b, ντ d, τσ ch, final -φ v) read as the list's Latin spelling,
while Greek names of other people stay out."""

from __future__ import annotations

from functools import partial

import pytest

from tests.candidates import person
from tracker.matching import DEFAULT_THRESHOLD, NameIndex
from tracker.search import LoadedIndex, find_matches

_person = partial(person, "ofac_sdn")


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    index = NameIndex.build(
        [
            _person("1", "LAVROV, Sergei Viktorovich"),
            _person("2", "ABRAMOVICH, Roman Arkadyevich"),
            _person("3", "DERIPASKA, Oleg Vladimirovich"),
            _person("4", "TIMCHENKO, Gennady Nikolayevich"),
            _person("5", "MEDVEDEV, Dmitry Anatolyevich"),
            _person("6", "LEBEDEV, Sergei Yevgenyevich"),
            _person("7", "MITSOTAKIS, Kyriakos"),
        ]
    )
    return LoadedIndex(index, {}, None)


def _top(loaded: LoadedIndex, query: str) -> list[tuple[str, float]]:
    return [(m.key[1], round(m.score, 3)) for m in find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)]


@pytest.mark.parametrize(
    ("query", "expected", "score"),
    [
        ("Σεργκέι Λαβρόφ", "1", 0.913),  # γκ g, final -όφ -ov (letter by letter: sernkei lavrof, not found)
        ("Ρομάν Αμπράμοβιτς", "2", 0.933),  # μπ b, -ιτς -ich
        ("Ολέγκ Ντεριπάσκα", "3", 0.913),  # first ντ d
        ("Γκενάντι Τιμτσένκο", "4", 0.913),  # τσ ch, ντ d inside the word
        ("Ντμίτρι Μεντβέντεφ", "5", 0.913),  # final -εφ -ev
    ],
)
def test_greek_press_spelling_finds_the_listed_person(
    loaded: LoadedIndex, query: str, expected: str, score: float
) -> None:
    assert _top(loaded, query)[:1] == [(expected, score)]


@pytest.mark.parametrize(
    "query",
    [
        "Σεργκέι Λαβρίνοβιτς",  # another Sergei: not Lavrov, nor Lebedev
        "Σέργιος Λάμπρου",  # a Greek name with λ-β / μπ sounds near Lavrov's
        "Αλέξης Τσίπρας",
        "Γιώργος Παπανδρέου",
    ],
)
def test_other_greek_names_stay_below_the_threshold(loaded: LoadedIndex, query: str) -> None:
    assert _top(loaded, query) == []


def test_a_greek_name_of_a_greek_person_keeps_its_national_reading(loaded: LoadedIndex) -> None:
    assert _top(loaded, "Κυριάκος Μητσοτάκης") == [("7", 1.0)]
