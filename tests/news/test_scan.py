"""The news scanner on small candidate sets: boundaries, scripts, inflection, possessives, surname rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import real_file
from tracker.matching import Candidate
from tracker.news.extract import extract, read_file
from tracker.news.scan import SURNAME_AFTER_FULL_NAME, Found, ScanIndex
from tracker.records import EntityType, Name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"


def person(key: str, full: str, first: str | None = None, last: str | None = None) -> Candidate:
    return Candidate(("ofac_sdn", key), EntityType.INDIVIDUAL, [Name(full, first=first, last=last)], full)


@pytest.fixture(scope="module")
def index() -> ScanIndex:
    return ScanIndex.build(
        [
            person("29366", "DERKACH, Andrii Leonidovych", "Andrii Leonidovych", "DERKACH"),
            person("29702", "LIFSHITS, Artem Mikhaylovich"),
            person("29703", "ANDREYEV, Anton Nikolaeyvich"),
            person("29745", "ASLANOVA, Darya Dmitriyevna"),
            person("35233", "LAVROV, Sergei Viktorovich"),
            person("37509", "ZAKHAROVA, Mariya Vladimirovna"),
            person("1000", "IVANOV, Oleg Petrovich"),  # given names are known from the lists themselves
            Candidate(("ofac_sdn", "1"), EntityType.ENTITY, [Name("DERKACH HOLDING")], "DERKACH HOLDING"),
        ]
    )


def keys(found: list[Found]) -> list[str]:
    return [f.key[1] for f in found]


def test_seed_article_names_the_six_persons_and_not_wang_yi(index: ScanIndex) -> None:
    text = read_file(real_file("news/seed-article-2020-09-11.txt")).decode()
    found = index.scan(text)
    # the headline's bare "Lavrov", bound to the full name the text gives after it, then the six
    assert keys(found) == ["35233", "35233", "37509", "29703", "29745", "29702", "29366"]
    assert (found[0].matched_text, found[0].kind, found[0].start) == ("Lavrov", SURNAME_AFTER_FULL_NAME, 0)
    assert "before the full name" in found[0].explanation
    for f in found:
        assert text[f.start : f.end] == f.matched_text
        assert f.matched_text in f.sentence
    derkach = found[-1]
    assert derkach.matched_text == "Andrei Derkach"
    assert "family name DERKACH = Derkach" in derkach.explanation
    assert derkach.sentence.startswith("Citizens of the Russian Federation")
    assert "Wang" not in " ".join(f.matched_text for f in found)


def test_offsets_sentence_and_score_are_kept(index: ScanIndex) -> None:
    text = "Quiet day. Yesterday Artem Lifshits spoke. Nothing else."
    (found,) = index.scan(text)
    assert (found.start, found.end) == (21, 35)
    assert found.sentence == "Yesterday Artem Lifshits spoke."
    assert 0.9 < found.score <= 1.0


def test_russian_inflected_names(index: ScanIndex) -> None:
    content = extract(read_file(FIXTURES / "ru-derkach-2020-09-11.txt"), label="ru-derkach-2020-09-11.txt")
    assert content.language == "ru"
    found = index.scan(content.text)
    written = {(f.key[1], f.matched_text, f.surname_only) for f in found}
    assert ("29366", "Андрея Деркача", False) in written
    assert ("29366", "Деркач", True) in written  # surname alone after the full name
    assert ("29703", "Антон Андреев", False) in written
    assert ("29745", "Дарья Асланова", False) in written
    assert ("29702", "Артем Лифшиц", False) in written
    assert ("29702", "Лифшиц", True) in written
    assert ("37509", "Мария Захарова", False) in written


def test_ukrainian_inflected_names(index: ScanIndex) -> None:
    content = extract(read_file(FIXTURES / "uk-derkach-2020-09-11.txt"), label="uk.txt")
    assert content.language == "uk"
    written = {(f.key[1], f.matched_text) for f in index.scan(content.text)}
    assert {("29366", "Андрія Деркача"), ("29703", "Антона Андрєєва"), ("29702", "Артема Ліфшица")} <= written
    assert ("29745", "Дарії Асланової") in written


def test_possessive_and_surname_alone_after_full_name(index: ScanIndex) -> None:
    text = "Andrii Derkach denied it. Derkach's lawyer said Derkach would appeal."
    found = index.scan(text)
    assert [(f.matched_text, f.surname_only) for f in found] == [
        ("Andrii Derkach", False),
        ("Derkach", True),
        ("Derkach", True),
    ]
    assert "surname alone" in found[1].explanation
    assert found[1].end == text.index("'s lawyer")


def test_surname_alone_after_another_persons_full_name_is_nobody(index: ScanIndex) -> None:
    assert index.scan("Oleg Derkach said the vote was rigged. Mr Derkach left.") == []


def test_namesakes_are_not_the_listed_person(index: ScanIndex) -> None:
    text = read_file(FIXTURES / "namesake.txt").decode()
    assert index.scan(text) == []  # Andriy Shevchenko, Oleg Derkach, "Coach Derkach"
    # a different given name right before the surname blocks the surname rule too
    found = index.scan("Andrii Derkach spoke. Later Oleg Derkach, his cousin, answered.")
    assert [f.matched_text for f in found] == ["Andrii Derkach"]


def test_word_boundaries_and_case(index: ScanIndex) -> None:
    assert index.scan("Andrii Derkachenko and Artem Lifshitsky met.") == []
    assert index.scan("andrii derkach in lower case is not a name in prose") == []
    assert index.scan("The DERKACH HOLDING company") == []  # entities are not scanned


def test_article_with_no_persons(index: ScanIndex) -> None:
    assert index.scan(read_file(FIXTURES / "no-persons.txt").decode()) == []
    assert index.scan("") == []


def test_transliteration_and_name_order(index: ScanIndex) -> None:
    for text in ("Andriy Derkach", "Derkach Andrii", "Андрій Деркач", "Artyom Lifshitz", "Darya Aslanova"):
        assert len(index.scan(f"Yesterday {text} spoke.")) == 1, text
