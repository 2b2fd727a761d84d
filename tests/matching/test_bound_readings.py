"""The search's bounds cover every reading the scorer accepts (tests/matching/test_bounded_search
checks it over real queries; these are the two kinds it found): a bound below a name's score hides
that name from the bounded search."""

from __future__ import annotations

from tests.candidates import organisation, person
from tracker.matching import NameIndex
from tracker.matching.query import check_query
from tracker.names import read_alike_keys, read_alike_sources


def _bound(index: NameIndex, query: str, listed: str) -> float:
    _, keep = index._wanted_names(None, None)
    names, bounds = index._candidates(check_query(query), keep, 0.0)
    found = dict(zip(names.tolist(), bounds.tolist(), strict=True))
    name_id = next(i for i, text in enumerate(index.name_text) if text == listed)
    return found.get(name_id, 0.0)


def test_a_latin_word_the_scorer_reads_alike_is_looked_up() -> None:
    # قطانة "ktn" and JUAYTHINI "Jtn": the scorer reads the j as g (read_alike_keys of the Latin word)
    assert "ktn" in read_alike_keys("juaythini") and "Jtn" in read_alike_sources("ktn")
    assert read_alike_sources("kt") == frozenset()  # two classes meet too many names
    index = NameIndex.build([person("un_sc", "1", "JUAYTHINI, Husayn"), person("un_sc", "2", "HASAN, Ali")])
    (match, *_) = index.search("حسن قطانة")
    assert match.key == ("un_sc", "1") and match.score == 0.975
    assert _bound(index, "حسن قطانة", "JUAYTHINI, Husayn") >= 0.9 - 1e-4  # (float32 bounds)


def test_a_word_and_the_article_after_it_with_any_sun_letter_are_bounded() -> None:
    # انصار ال / ANSAROUR: the article's l read as r (score._article_vowel takes any sun letter);
    # the bound took only l and the next word's first letter: 0.32 against a score of 0.93
    index = NameIndex.build([organisation("uk_ofsi", "1", "ANSAROUR ISLAM")])
    assert _bound(index, "أنصار الاسلام", "ANSAROUR ISLAM") >= 0.92
    (match,) = index.search("أنصار الاسلام")
    assert match.score >= 0.92
