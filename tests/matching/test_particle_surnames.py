"""A family name queried with its particles as a list writes it ("AL-ZAWAHIRI", "Al Assad", "de la
Cruz") finds the people listed with that family name and those particles, as the bare family name
does (trial 1, item 2: "AL-ZAWAHIRI" found nothing, "Zawahiri" OFAC's AL ZAWAHIRI at 1.00). A given
name that is also a particle ("Al Green", "Ben Sasse": name_eval negatives) does not widen the query
to every listed Green."""

from __future__ import annotations

from functools import partial

import pytest

from tests.candidates import loaded_index, person
from tracker.matching import DEFAULT_THRESHOLD
from tracker.matching.prepare import prepare_query
from tracker.matching.query import bare_surname
from tracker.search import LoadedIndex, find_matches

_person = partial(person, "ofac_sdn")


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    return loaded_index(
        _person("2676", "AL ZAWAHIRI, Dr. Ayman"),
        _person("12735", "AL-ASSAD, Bashar"),
        _person("30219", "AL-BAGHDADI, Hassan"),
        _person("5000", "DE LA CRUZ, Juan"),
        _person("5001", "ZAWAHIRI, Mohammed"),  # listed without the particle
        _person("5002", "GREEN, Albert"),
    )


@pytest.mark.parametrize(
    ("query", "surname"),
    [
        ("AL-ZAWAHIRI", ("ZAWAHIRI", frozenset({"al"}))),
        ("Al Assad", ("Assad", frozenset({"al"}))),
        ("de la Cruz", ("Cruz", frozenset({"de", "la"}))),
        ("Zawahiri", None),  # already the bare family name
        ("Ayman al-Zawahiri", None),  # a given name too: a full name
        ("Al", None),
    ],
)
def test_bare_surname_of_a_query(query: str, surname: tuple[str, frozenset[str]] | None) -> None:
    assert bare_surname(prepare_query(query)) == surname


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("AL-ZAWAHIRI", {"2676"}),
        ("Al Zawahiri", {"2676"}),
        ("Zawahiri", {"2676", "5001"}),
        ("AL-ASSAD", {"12735"}),
        ("Al Assad", {"12735"}),
        ("Al-Baghdadi", {"30219"}),
        ("de la Cruz", {"5000"}),
    ],
)
def test_a_family_name_with_its_particles_finds_the_family(
    loaded: LoadedIndex, query: str, expected: set[str]
) -> None:
    found = {m.key[1]: m for m in find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)}
    assert expected <= set(found)
    assert all(found[k].score >= 0.95 for k in expected)
    assert "5002" not in found


def test_a_given_name_that_is_a_particle_does_not_widen_the_query(loaded: LoadedIndex) -> None:
    assert [m.key[1] for m in find_matches(loaded, "Al Green", threshold=DEFAULT_THRESHOLD)] == []


def test_a_full_name_with_a_particle_is_not_widened(loaded: LoadedIndex) -> None:
    found = [m.key[1] for m in find_matches(loaded, "Hassan al-Baghdadi", threshold=DEFAULT_THRESHOLD)]
    assert found[:1] == ["30219"]
