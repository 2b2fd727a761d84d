"""A family name that is also a name particle (the Korean and Russian surname TEN, as Dutch "ten";
DE, DA, VAN as a whole family name) is the family name when nothing follows it to attach to, or when
the list's order gives it as the family name. Read as an optional particle, a bare given name scored
0.85 against "Sergey Yurevich TEN" (eu_fsf:134368) and "Sergey Ten" only 0.91 (trial report)."""

from __future__ import annotations

from functools import partial

import pytest

from tests.candidates import loaded_index, person
from tracker.matching import DEFAULT_THRESHOLD
from tracker.matching.prepare import Role, prepare_name, prepare_query
from tracker.matching.score import score_name
from tracker.records import Name
from tracker.search import LoadedIndex, find_matches


@pytest.mark.parametrize(
    "name",
    [
        Name(full="Sergey Yurevich TEN", first="Sergey", middle="Yurevich", last="TEN"),  # EU fields
        Name(full="TEN, Sergey Yuryevich"),  # OFAC comma order
        Name(full="Sergey Yurievich TEN"),  # capitals among mixed case
        Name(full="Сергей Юрьевич ТЕН"),
        Name(full="TEN Sergey Yurevich"),  # Russian official order
        Name(full="Pieter VAN"),
    ],
)
def test_a_particle_that_is_the_family_name_is_the_family_name(name: Name) -> None:
    roles = {p.norm: p.role for p in prepare_name(name).parts}
    family = "van" if "van" in roles else "ten"
    assert roles[family] == Role.FAMILY


@pytest.mark.parametrize(
    ("name", "particles"),
    [
        ("Jan ten Brink", {"ten"}),
        ("Juan DE LA CRUZ", {"de", "la"}),
        ("LULA DA SILVA, Luiz Inacio", {"da"}),
        ("AL-MUHANDIS, Abu Mahdi", {"al"}),
    ],
)
def test_a_particle_before_a_word_stays_a_particle(name: str, particles: set[str]) -> None:
    parts = prepare_name(name).parts
    assert {p.norm for p in parts if p.role == Role.PARTICLE} == particles


def test_the_last_word_of_a_query_is_its_family_name_even_if_a_particle() -> None:
    assert [p.role for p in prepare_query("Sergey Ten").parts] == [Role.GIVEN, Role.FAMILY]
    assert [p.role for p in prepare_query("Al Assad").parts] == [Role.PARTICLE, Role.FAMILY]


_person = partial(person, "eu_fsf")


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    return loaded_index(
        _person("134368", "Sergey Yurevich TEN", "Сергей Юрьевич ТЕН"),
        _person("5000", "Jan ten Brink"),
    )


@pytest.mark.parametrize("query", ["Sergei", "Sergey", "Sergey Yurevich", "Jan"])
def test_a_given_name_alone_is_no_match(loaded: LoadedIndex, query: str) -> None:
    assert find_matches(loaded, query, threshold=DEFAULT_THRESHOLD) == []


@pytest.mark.parametrize(
    ("query", "least"), [("Sergey Ten", 0.96), ("Ten Sergey", 0.96), ("Сергей Тен", 0.96)]
)
def test_the_full_name_finds_the_family_name_ten(loaded: LoadedIndex, query: str, least: float) -> None:
    found = find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)
    assert [m.key[1] for m in found] == ["134368"]
    assert found[0].score >= least


def test_a_query_ending_in_a_particle_pays_for_it_as_a_family_name() -> None:
    # "ten" last is a family name the listed one lacks, not a free particle (0.99 before)
    assert score_name("Sergey Yurevich Ten", "YUREVICH, Sergey")[0] < DEFAULT_THRESHOLD
    assert score_name("Jan Brink", "Jan ten Brink")[0] > 0.95


def test_a_company_name_ending_in_a_particle_word_keeps_it_nearly_free() -> None:
    # a company has no family name: Turkish "... TIC AS" (A.S., a legal form) costs as a particle
    listed = prepare_name("MACPAR MAKINA SAN VE TIC", is_person=False)
    assert score_name("MACPAR MAKINA SAN VE TIC AS", listed)[0] > 0.95
