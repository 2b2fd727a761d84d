"""Golden cases of spellings across lists: Latin spellings of Arabic names with other vowels, and Latin
queries against names written in Arabic script."""

from __future__ import annotations

import pytest

from tracker.matching import DEFAULT_THRESHOLD, Candidate, NameIndex, score_name, token_similarity
from tracker.matching.score import other_spelling, other_vowels
from tracker.records import EntityType, Name


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("yahya", "yehya"),
        ("yahiya", "yehya"),
        ("yihia", "yehya"),
        ("mula", "moalla"),
        ("dib", "deeb"),
        ("ismael", "esmail"),
        ("omar", "umar"),
        ("essam", "isam"),
    ],
)
def test_other_vowels_of_one_arabic_name(query: str, listed: str) -> None:
    assert other_vowels(query, listed)
    assert token_similarity(query, listed)[0] >= 0.8


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("omar", "amir"),  # other vowel qualities: another name
        ("hassan", "hussein"),
        ("hilal", "halil"),
        ("yahya", "hayya"),  # one consonant class needs the same first letter
        ("maya", "mia"),  # and five letters
        ("omar", "mar"),  # a leading vowel on one side only
    ],
)
def test_other_names_are_not_other_vowels(query: str, listed: str) -> None:
    assert not other_vowels(query, listed)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("gaddafi", "qadhafi"),  # ق: q, g; ذ: dh, d
        ("ghathafi", "qadhafi"),  # ق: gh; ذ: th
        ("osman", "othman"),  # ث: s, th
        ("meguid", "majid"),  # ج: Egyptian g
        ("zakir", "dhakir"),  # ذ: z, dh
    ],
)
def test_other_letters_for_one_arabic_letter(query: str, listed: str) -> None:
    assert other_spelling(query, listed) and other_spelling(listed, query)
    assert token_similarity(query, listed) == (0.8, "other spelling")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("george", "garcia"),  # plain g / k: another name as often as not
        ("nazim", "nadim"),  # plain z / d
        ("kamal", "jamal"),  # k / j: no Arabic letter is written both ways
        ("osman", "usman"),  # the same consonants: other vowels, not other letters
        ("othman", "athman"),  # a vowel of another quality
    ],
)
def test_other_letters_are_not_any_letters(query: str, listed: str) -> None:
    assert not other_spelling(query, listed)


@pytest.mark.parametrize(
    ("query", "listed", "said"),
    [
        ("Muammar Gaddafi", "Muammar QADHAFI", "other spelling"),  # other letters
        ("GHATHAFI, Saif Al-Arab", "Saif al-Arab QADHAFI", "other spelling"),
        ("Osman Ali", "Othman ALI", "other spelling"),
        ("Abdel Meguid", "Abdel MAJID", "other spelling"),
        ("Mohammad Yahiya MA'LA", "YEHYA MOALLA, Mohammad", "other vowels"),
        ("Imad Mohammed Dib KHAMIS", "KHAMIS, Imad Mohammad Deeb", "other vowels"),
        ("Ismael AHMADI-MOQADDAM", "Esmail AHMADI-MOQADDAM", "other vowels"),
    ],
)
def test_other_letters_and_other_vowels_reach_the_threshold_and_say_so(
    query: str, listed: str, said: str
) -> None:
    score, why = score_name(query, listed)
    assert score >= DEFAULT_THRESHOLD and said in why


def test_other_letters_are_found_by_the_index() -> None:
    # the index looks the other spellings up (tracker.names.spelled_abjad_keys): without it the score
    # bound would not see them and the search would stop before scoring the name
    listed = "Muammar QADHAFI"
    person = Candidate(("un_sc", "1"), EntityType.INDIVIDUAL, [Name(full=listed)], listed)
    found = NameIndex.build([person]).search("Muammar Gaddafi")
    assert found and found[0].key == ("un_sc", "1") and found[0].score == 0.88


def test_a_congress_member_is_not_a_listed_spelling() -> None:
    assert score_name("George Santos", "BUENO GARCIA, Santos")[0] < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # US Congress members (on no list) against names in Arabic script that share consonants
        ("Jamaal Bowman", "پیمان جبلی"),
        ("Don Bacon", "عدنان عبدو السخني"),
        ("Corrine Brown", "أقرين صالح أقرين"),
        ("Paul A. Gosar", "غسان بلال"),
        ("Lou Barletta", "علي بركات"),  # brlt / brkt: one class apart on four
    ],
)
def test_latin_query_against_arabic_script_needs_the_same_consonants(query: str, listed: str) -> None:
    assert score_name(query, listed)[0] < 0.5


def test_latin_query_still_finds_an_arabic_script_name() -> None:
    score, why = score_name("Mohammed Ali", "محمد علي")
    assert score >= DEFAULT_THRESHOLD and "same consonants" in why


def test_vowels_guessed_by_romanisation_are_not_compared() -> None:
    # the romanised Arabic name has guessed vowels: no "other vowels" through it
    assert "other vowels" not in score_name("Omar", "عمر")[1]


def test_the_index_finds_other_vowels() -> None:
    person = Candidate(
        ("eu_fsf", "7133"),
        EntityType.INDIVIDUAL,
        [Name(full="YEHYA MOALLA, Mohammad")],
        "YEHYA MOALLA, Mohammad",
    )
    other = Candidate(
        ("eu_fsf", "1"),
        EntityType.INDIVIDUAL,
        [Name(full="MOHAMMAD, Yahia Ibrahim")],
        "MOHAMMAD, Yahia Ibrahim",
    )
    index = NameIndex.build([person, other])
    found = index.search("Mohamed Yahia MU'LA")
    assert found and found[0].key == ("eu_fsf", "7133")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("HSENG, Sai Lone", "Sai Long Hseng"),  # Lone / Long: one middle name spelt two ways
        ("MYINT, Aung Mo", "Aung Moe Myint"),
        ("Hani Elsayed YOUSSEF", "YUSUF, Hani al-Sayid Al-Sibai"),  # the article written onto the word
    ],
)
def test_a_middle_name_spelt_another_way_is_no_conflict(query: str, listed: str) -> None:
    score, why = score_name(query, listed)
    assert score >= DEFAULT_THRESHOLD and "conflicting" not in why


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Nikolai Ivanovich Patrushev", "PATRUSHEV, Nikolai Platonovich"),
        ("Dmitry Aleksandrovich Savelyev", "SAVELYEV, Dmitry Alekseevich"),
        ("Jesus Manuel Garcia", "GARCIA, Jesus Miguel"),
    ],
)
def test_another_middle_name_or_patronymic_still_conflicts(query: str, listed: str) -> None:
    score, why = score_name(query, listed)
    assert score < DEFAULT_THRESHOLD and "conflicting" in why


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("DAGALO, Abdelrahim Hamdan", "ABDUL RAHIM HAMDAN DAGALO"),  # one word, two words one edit off
        ("Mohammad-Hossein ZIBAYINEJAD", "ZIBAEE NEJAD, Mohammad Hossein"),
    ],
)
def test_a_word_written_as_two_with_a_typo_is_found_at_the_threshold(query: str, listed: str) -> None:
    # the score bound must see the joined words, or the search stops before scoring this name
    person = Candidate(("un_sc", "1"), EntityType.INDIVIDUAL, [Name(full=listed)], listed)
    other = Candidate(("un_sc", "2"), EntityType.INDIVIDUAL, [Name(full="Hamdan SALIM")], "Hamdan SALIM")
    found = NameIndex.build([person, other]).search(query)
    assert found and found[0].key == ("un_sc", "1") and found[0].score >= DEFAULT_THRESHOLD
