"""More readings of a query, each merged in and never instead of the query as written (trial 1: each
was a false all clear or a wrong match): a year beside the name, the parts of a query (slash, a name
in two scripts), a Turkish case suffix after an apostrophe."""

from __future__ import annotations

from datetime import date

import pytest

from tests.candidates import loaded_index, person
from tracker.dates import take_dates, year_in_name
from tracker.matching.query import name_parts
from tracker.search import LoadedIndex, Reading, find_matches, nominatives, query_readings, without_suffixes


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    return loaded_index(
        person("ofac_sdn", "9999", "DERIPASKA, Oleg Vladimirovich", dob="1968-01-02"),
        person("ofac_sdn", "18000", "KIM, Jong Un", "김정은"),
        person("ofac_sdn", "35096", "PUTIN, Vladimir Vladimirovich"),
        person("ofac_sdn", "38241", "POTANIN, Vladimir Olegovich"),
        person("eu_fsf", "7", "Brigade 1920", dob=""),
        person("ofac_sdn", "501", "ESMAIL, Hossein"),
        person("ofac_sdn", "502", "ESMA, Hossein"),
    )


def _keys(loaded: LoadedIndex, query: str, **options: str) -> list[str]:
    return [m.key[1] for m in find_matches(loaded, query, **options)]


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("Oleg Deripaska 1968", ("Oleg Deripaska", "1968")),
        ("1968 Oleg Deripaska", ("Oleg Deripaska", "1968")),
        ("Ri Pyong Chol (1948)", ("Ri Pyong Chol", "1948")),
        ("Club 1860", None),  # before 1900: no living person's year of birth
        ("Oleg Deripaska 2031", None),  # after this year
        ("Oleg 1968 Deripaska", None),  # inside the name: not beside it
        ("1968", None),
    ],
)
def test_a_year_beside_a_name(name: str, read: tuple[str, str] | None) -> None:
    assert year_in_name(name, today=date(2026, 12, 1)) == read


def test_a_year_beside_a_name_is_also_read_as_the_year_of_birth(loaded: LoadedIndex) -> None:
    found = find_matches(loaded, "Oleg Deripaska 1968")
    assert [m.key[1] for m in found] == ["9999"]
    assert found[0].score > 0.96  # the year agrees: raised
    assert "'1968' read as the year of birth" in found[0].explanation
    # another year is a dob that differs: flagged, never dropped
    assert _keys(loaded, "Oleg Deripaska 1970") == ["9999"]
    # a name holding a year is still searched as written
    assert _keys(loaded, "Brigade 1920") == ["7"]
    # take_dates leaves a year alone in the name (the search reads it both ways)
    assert take_dates("Oleg Deripaska 1968", None).name == "Oleg Deripaska 1968"


def test_a_two_digit_year_date_is_taken_out_and_not_used() -> None:
    taken = take_dates("Andrii Derkach 19/08/67", None)
    assert (taken.name, taken.dob) == ("Andrii Derkach", None)
    assert taken.note == (
        "the name holds 1 date (19/08/67 two-digit year): screened as 'Andrii Derkach' with no date of birth"
    )
    assert take_dates("Passport 12/34", None).name == "Passport 12/34"


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        ("Oleg Deripaska / Rusal", ["Oleg Deripaska", "Rusal"]),
        ("Kim Jong Un 김정은", ["Kim Jong Un", "김정은"]),
        ("Kim Jong Un", []),
        ("弗拉基米尔·普京", []),
        ("AC/DC", ["AC", "DC"]),
        ("AO “Белшина”", []),  # Latin look-alikes beside Cyrillic: one script
        ("Тимофей Bладимирович Васильев", []),
        # other marks between a name and its company (trial 2, item 1): parts of two words or more
        ("Oleg Deripaska - Rusal", ["Oleg Deripaska"]),
        ("Rusal - Oleg Deripaska", ["Oleg Deripaska"]),
        ("Oleg Deripaska – Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska—Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska | Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska; Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska & Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska: Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska + Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska and Rusal", ["Oleg Deripaska"]),
        ("Oleg Deripaska, Rusal", ["Oleg Deripaska"]),
        # one word beside the mark: the list's order or one company name, read whole only
        ("DERKACH, Andrii", []),
        ("DERKACH, Andrii Leonidovych", []),
        ("Smith & Wesson", []),
        ("AT&T", []),
        ("Jean-Pierre Bemba", []),  # a hyphen without spaces joins
        # a family name in capitals before given names is the lists' order, not a name of its own
        ("AL ZAWAHIRI, Ayman", []),
        ("EL HASSAN, Gaffar Mohmed", []),
        ("Al Zawahiri, Ayman", ["Al Zawahiri"]),
        ("OLEG DERIPASKA, RUSAL", ["OLEG DERIPASKA"]),
    ],
)
def test_name_parts(query: str, parts: list[str]) -> None:
    assert name_parts(query) == parts


def test_each_part_of_a_query_is_searched_too(loaded: LoadedIndex) -> None:
    assert _keys(loaded, "Oleg Deripaska / Rusal") == ["9999"]
    assert _keys(loaded, "Kim Jong Un 김정은") == ["18000"]
    # a part that is no listed name adds nothing
    assert _keys(loaded, "Tom Hanks / Rusal") == []


@pytest.mark.parametrize(
    "query",
    [
        "Oleg Deripaska - Rusal",
        "Rusal - Oleg Deripaska",
        "Oleg Deripaska – Rusal",
        "Oleg Deripaska — Rusal",
        "Oleg Deripaska | Rusal",
        "Oleg Deripaska; Rusal",
        "Oleg Deripaska & Rusal",
        "Oleg Deripaska: Rusal",
        "Oleg Deripaska + Rusal",
        "Oleg Deripaska and Rusal",
        "Oleg Deripaska, Rusal",
    ],
)
def test_a_name_beside_its_company_after_any_mark_is_found(loaded: LoadedIndex, query: str) -> None:
    """Trial 2, item 1: only "/" separated the parts; each other mark hid the name (0.69, no match)."""
    found = find_matches(loaded, query)
    assert [m.key[1] for m in found] == ["9999"]
    assert "'Oleg Deripaska' searched alone" in found[0].explanation


def test_a_part_read_alone_never_outranks_the_whole_name() -> None:
    loaded = loaded_index(
        person("ofac_sdn", "6366", "AL ZAWAHIRI, Ayman"),
        person("ofac_sdn", "6367", "AL ZAWAHIRI, Muhammad"),
        person("ofac_sdn", "700", "Smith & Wesson Holding Corp"),
        person("ofac_sdn", "29366", "DERKACH, Andrii Leonidovych"),
    )
    assert _keys(loaded, "AL ZAWAHIRI, Ayman")[0] == "6366"
    assert _keys(loaded, "Smith & Wesson Holding Corp")[0] == "700"
    assert _keys(loaded, "DERKACH, Andrii") == ["29366"]
    assert _keys(loaded, "Tom Hanks - Rusal") == []


def test_a_turkish_case_suffix_is_read_off(loaded: LoadedIndex) -> None:
    vocab = loaded.index.vocab
    assert without_suffixes("Vladimir Putin'in", vocab) == "Vladimir Putin"
    assert without_suffixes("Conan O'Brien's", vocab) == "Conan O'Brien's"


def test_an_arabic_apostrophe_in_a_listed_word_is_no_suffix(loaded: LoadedIndex) -> None:
    # the apostrophe writes ع or a hamza: "Esma'il" is the listed ESMAIL, not ESMA with a suffix
    assert without_suffixes("Hossein Esma'il", loaded.index.vocab) == "Hossein Esma'il"
    assert _keys(loaded, "Hossein Esma'il", threshold=0.9) == ["501"]
    found = find_matches(loaded, "Vladimir Putin'in")
    assert found[0].key[1] == "35096"
    # POTANIN, by the word as written, comes after if at all (a Slavic family name alike only loosely)
    assert all(m.score < found[0].score for m in found[1:])


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Путина", ["Путин", "Путинь"]),
        ("Деркача", ["Деркач", "Деркачь"]),
        ("Путин", []),  # no case ending
        ("Putina", []),  # Latin: not read
        ("Владимира Путина", []),  # no nominative of a listed word (no vocabulary given)
    ],
)
def test_nominatives(name: str, forms: list[str]) -> None:
    assert nominatives(name) == forms


def test_a_cyrillic_case_form_also_finds_the_nominatives_bearer() -> None:
    loaded = loaded_index(
        person("eu_fsf", "1", "Maria FAASSEN", "PUTINA, Maria Vladimirovna"),
        person("ofac_sdn", "35096", "PUTIN, Vladimir Vladimirovich"),
    )
    found = find_matches(loaded, "Путина")
    assert [(m.key[1], m.score) for m in found] == [("1", 1.0), ("35096", 1.0)]
    assert "'Путина' read as the case form of 'Путин'" in found[1].explanation
    assert [m.key[1] for m in find_matches(loaded, "Путіна")] == ["1", "35096"]  # Ukrainian


def test_the_readings_of_a_query_are_one_list_the_query_as_written_first(loaded: LoadedIndex) -> None:
    readings = query_readings("Vladimir Putin (President) 1952", loaded.index.vocab)
    assert readings[0] == Reading("Vladimir Putin (President) 1952", None, "")
    assert Reading("Vladimir Putin", "1952", "'1952' read as the year of birth") in readings
    # a query with nothing to read otherwise is searched once
    assert query_readings("Oleg Deripaska", loaded.index.vocab) == [Reading("Oleg Deripaska", None, "")]


def test_a_reading_that_repeats_another_is_searched_once(loaded: LoadedIndex) -> None:
    calls: list[str] = []
    search = loaded.index.search

    def counted(query: str, **options: object) -> list[object]:
        calls.append(query)
        return search(query, **options)  # type: ignore[arg-type]

    loaded.index.search = counted  # type: ignore[method-assign]
    try:
        find_matches(loaded, "Oleg Deripaska (Oleg Deripaska)")  # a note, and a name in brackets
    finally:
        del loaded.index.search  # type: ignore[method-assign]
    assert len(calls) == len(set(calls))


def test_search_and_news_read_one_list_of_posts() -> None:
    from tracker.matching.query import POSITION_HEADS
    from tracker.names.posts import POST_HEADS, POSTS_ALSO_FAMILY_NAMES
    from tracker.news import context, scan

    assert POSITION_HEADS == POST_HEADS - POSTS_ALSO_FAMILY_NAMES
    assert {"president", "minister", "президент", "总统", "대통령"} <= POSITION_HEADS
    assert "general" in POST_HEADS and "general" not in POSITION_HEADS  # a family name too
    assert POST_HEADS <= context._ROLE_WORDS
    assert POST_HEADS <= scan._ROLES
