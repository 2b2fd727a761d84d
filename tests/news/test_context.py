"""Context against namesakes (issue 14 item 4): the article's words next to a name against the
listed person's nationality, year of birth and positions."""

from __future__ import annotations

import pytest

from tracker.matching import Candidate
from tracker.news.context import PersonFacts, country_of_word, namesake_reason
from tracker.news.persons import link_persons
from tracker.news.scan import NAMESAKE_SCORE, ScanIndex
from tracker.records import EntityType, ListEntry, Name, NameKind


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Ukrainian", "ua"),
        ("Ukraine's", "ua"),
        ("ukrainischen", "ua"),
        ("ukrainien", "ua"),
        ("украинский", "ua"),
        ("Украины", "ua"),
        ("український", "ua"),
        ("ukrainalainen", "ua"),
        ("Ukraynalı", "ua"),
        ("российский", "ru"),
        ("Russian", "ru"),
        ("North Korean", "kp"),
        ("Spain's", "es"),
        ("Soviet", None),  # no country today
        ("Crimea", None),  # a region is no nationality
        ("in", None),  # a country code is no word of a text
        ("footballer", None),
    ],
)
def test_country_words_in_several_languages(word: str, country: str | None) -> None:
    assert country_of_word(word) == country


KOSTIN = PersonFacts(frozenset({"ru"}), (1956,), frozenset())


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Ukraine's Prosecutor General Andriy Kostin met the judges.", '"Ukraine\'s" (ua)'),
        ("The Ukrainian footballer Andriy Kostin scored twice.", '"Ukrainian" (ua)'),
        ("Andriy Kostin, Ukraine's prosecutor general, said so.", '"Ukraine\'s" (ua)'),
        ("Der ukrainische Generalstaatsanwalt Andriy Kostin sagte.", '"ukrainische" (ua)'),
        # born 1956: 16 years old only before 1980, the oldest articles read
        ("The 16-year-old Andriy Kostin was arrested.", "the age 16 in an undated article"),
        ("Andriy Kostin (17) was arrested.", "the age 17"),
        ("Striker Andriy Kostin scored twice.", '"Striker"'),
        (
            "Hero of Ukraine tanker Andriy Kostin: we destroyed nine tanks",
            '"Ukraine" (ua)',
        ),  # a rank or service
        ("Генпрокурор Украины Andriy Kostin заявил.", '"Украины" (ua)'),
        # an everyday trade, introduced by "named"; a home region or city abroad after an age
        ("A local baker named Andriy Kostin won a prize.", '"baker"'),
        ("Andriy Kostin, 34, from Ohio, won a prize.", "from Ohio (us)"),
        ("Andriy Kostin, from New York, won a prize.", "from New York (us)"),
        ("Andriy Kostin, 34, a plumber, won a prize.", '"plumber"'),
        # a trade of ISCO-08 beyond the first list; a place after "of", or after "in" a trade
        ("A taxi driver named Andriy Kostin was fined.", '"driver"'),
        ("Andriy Kostin, a plumber in Toronto, won a prize.", "in Toronto (ca)"),
        ("Andriy Kostin, a taxi driver in Seoul, was fined.", "in Seoul (kr)"),
        ("Andriy Kostin of Toronto won a prize.", "in Toronto (ca)"),
        ("Andriy Kostin, the mayor of Paris, spoke.", "in Paris (fr)"),
        ("A Toronto plumber named Andriy Kostin won a prize.", "in Toronto (ca)"),
        # an age in an apposition's article, alone or before a trade and a home (trial 1 item 7)
        ("Andriy Kostin, a 34-year-old plumber from Toronto, won.", "from Toronto (ca)"),
        ("Andriy Kostin, a 40-year-old taxi driver, was fined.", '"driver"'),
        ("Andriy Kostin, a 14-year-old, won a prize.", "the age 14"),
        ("Andriy Kostin, an 18-year-old banker, won a prize.", "the age 18 in an undated"),
        # a nationality introducing the name; the article denying it is the famous one
        ("A Canadian named Andriy Kostin won a prize.", '"Canadian" (ca)'),
        ("Andriy Kostin (not the prosecutor) won a prize.", '"not the prosecutor"'),
        ("Andriy Kostin, no relation to the banker, won.", '"no relation to the banker"'),
        # the city or region the person serves (bench/news_eval2 tuning half: ruwa:29819)
        ("Invaders abduct Kherson’s district council member Andriy Kostin", "in Kherson (ua)"),
        ("Toronto's city councillor Andriy Kostin won.", "in Toronto (ca)"),
        # a fighter's weight class (BBC homepage 2021-23: "UFC heavyweight Mohammed Usman")
        ("UFC heavyweight Andriy Kostin speaks to the BBC.", '"heavyweight"'),
        # a team sport's position or a coach (AG News: "outfield slugger Carlos Lee")
        ("The White Sox traded outfield slugger Andriy Kostin to Milwaukee.", '"slugger"'),
        ("Club president Juan Bautista named coach Andriy Kostin.", '"coach"'),
    ],
)
def test_contradicting_words_make_a_possible_namesake(text: str, why: str) -> None:
    start = text.index("Andriy")
    reason = namesake_reason(text, start, start + len("Andriy Kostin"), KOSTIN, None)
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    "text",
    [
        "Russian banker Andriy Kostin met the press.",  # the listed nationality
        "In Ukraine, Andriy Kostin said so.",  # a place, not his nationality
        "Ukrainian officials say Andriy Kostin lied.",  # the country word belongs to the officials
        "The pro-Ukrainian banker Andriy Kostin spoke.",  # a compound: not a nationality
        "The 66-year-old Andriy Kostin spoke.",  # born 1956: 66 in 2022
        "Andriy Kostin, 67, spoke.",
        "Moscow's city council member Andriy Kostin spoke.",  # a city of the listed country
        "Kherson's Russian-installed governor Andriy Kostin spoke.",  # a compound ends the introduction
        "Andriy Kostin met the press.",
        "In joust with Andriy Kostin, Germany's Scholz displays a style.",  # another person's country
        "Украинские власти обвинили Andriy Kostin.",  # the country word belongs to the authorities
        "KYIV -- Andriy Kostin spoke.",  # a dateline
        "Andriy Kostin, from Moscow, said so.",  # a city of the listed country
        "Ukraine named Andriy Kostin a suspect.",  # "named" after no occupation: a verb
        "Andriy Kostin, speaking from New York, said so.",  # where he spoke, not his home
        "Andriy Kostin, from the bank, said so.",  # no place
        "TORONTO (Reuters) - Andriy Kostin said so.",  # a dateline is where the story was filed
        "SEOUL, Nov 30 (Reuters) - Andriy Kostin, 67, said so.",
        "Andriy Kostin in Toronto said so.",  # where he is, not his home
        "Andriy Kostin, Russia's ambassador in Ankara, said so.",  # where a role is held
        "Andriy Kostin, 67, in Toronto, said so.",
        "Andriy Kostin, the head of VTB, said so.",  # "of" and no place
        "Andriy Kostin of Russia said so.",
        "Moscow banker Andriy Kostin said so.",  # a city of the listed country
        "Kyiv envoy Andriy Kostin said so.",  # a role, not a trade: where it is held
        "Andriy Kostin, a 67-year-old banker from Moscow, said so.",  # age and home agree
        "A Russian named Andriy Kostin said so.",  # the listed nationality
        "Canada named Andriy Kostin a suspect.",  # a country acting: "named" is a verb
        "Andriy Kostin (not pictured) said so.",  # a denial of something else than who he is
    ],
)
def test_agreeing_or_unrelated_words_contradict_nothing(text: str) -> None:
    start = text.index("Andriy")
    assert namesake_reason(text, start, start + len("Andriy Kostin"), KOSTIN, 2023) is None


def test_an_age_is_judged_against_the_articles_year() -> None:
    text = "The 66-year-old Andriy Kostin spoke."
    start = text.index("Andriy")
    assert namesake_reason(text, start, start + 13, KOSTIN, 2022) is None
    assert "age 66 in 2004" in (namesake_reason(text, start, start + 13, KOSTIN, 2004) or "")
    young = "Andriy Kostin, 32, a Kyiv lawyer, spoke."
    assert "age 32 in 2022" in (namesake_reason(young, 0, 13, KOSTIN, 2022) or "")


def test_a_person_without_listed_facts_is_never_contradicted() -> None:
    text = "Ukraine's Prosecutor General Andriy Kostin, 32, spoke."
    start = text.index("Andriy")
    assert namesake_reason(text, start, start + 13, PersonFacts(frozenset(), (), frozenset()), None) is None


def test_a_listed_occupation_is_no_contradiction() -> None:
    text = "The gymnast Alina Kabaeva spoke."
    start = text.index("Alina")
    facts = PersonFacts(frozenset({"ru"}), (1983,), frozenset({"gymnast"}))
    assert namesake_reason(text, start, start + 13, facts, None) is None


_KOSTIN = ListEntry(
    "1",
    EntityType.INDIVIDUAL,
    [Name("KOSTIN, Andrey Leonidovich", NameKind.PRIMARY)],
    birth_dates=["1956-09-21"],
    nationalities=["Russia"],
    positions=["President and Chairman of VTB Bank"],
)
_PUTIN = ListEntry(
    "35096",
    EntityType.INDIVIDUAL,
    [Name("PUTIN, Vladimir Vladimirovich", NameKind.PRIMARY)],
    birth_dates=["1952-10-07"],
    nationalities=["Russia"],
    positions=["President of the Russian Federation"],
)


def _index(person: ListEntry) -> ScanIndex:
    """A scan index of one listed person (on ofac_sdn), their first position their role."""
    key = ("ofac_sdn", person.source_id)
    return ScanIndex.build(
        [Candidate.from_entry("ofac_sdn", person)],
        persons=link_persons([(key, person)]),
        roles={key: person.positions[0]},
    )


def test_scan_flags_the_namesake_and_its_surname_lowers_the_score_and_says_why() -> None:
    index = _index(_KOSTIN)
    text = (
        "Ukraine's Prosecutor General Andriy Kostin met judges in The Hague. Kostin said the court must act."
    )
    full, surname = index.scan(text)
    assert (full.matched_text, surname.matched_text) == ("Andriy Kostin", "Kostin")
    for found in (full, surname):
        assert not found.reported and found.score == NAMESAKE_SCORE < index.threshold
        assert found.explanation.startswith('possible namesake: the article calls this person "Ukraine\'s"')


def test_scan_keeps_the_listed_person_when_the_context_agrees() -> None:
    index = _index(_KOSTIN)
    (found,) = index.scan("VTB chief Andrey Kostin, 66, said the bank would cope.", 2022)
    assert found.reported and found.score >= index.threshold and found.namesake is None


def test_an_undated_age_contradicts_only_where_no_article_year_fits() -> None:
    # born 1952: 34 years old in 1986, a year an undated article may be from (1980 to now)
    putin = PersonFacts(frozenset({"ru"}), (1952,), frozenset())
    text = "Vladimir Putin, 34, won a prize."
    assert namesake_reason(text, 0, 14, putin, None) is None
    assert "age 34 in 2025" in (namesake_reason(text, 0, 14, putin, 2025) or "")


def test_scan_flags_a_baker_from_ohio_of_a_listed_presidents_name() -> None:
    index = _index(_PUTIN)
    (found,) = index.scan("A local baker named Vladimir Putin, 34, from Ohio, won a prize.")
    assert found.matched_text == "Vladimir Putin" and not found.reported
    assert found.score == NAMESAKE_SCORE
    assert found.explanation.startswith("possible namesake: the article calls this person from Ohio (us)")
    (president,) = index.scan("Russian President Vladimir Putin, 72, said on Monday.", 2024)
    assert president.reported and president.score >= index.threshold


def test_scan_flags_a_namesake_in_a_city_abroad_and_not_one_under_a_dateline() -> None:
    index = _index(_PUTIN)
    (found,) = index.scan("Vladimir Putin, a plumber in Toronto, won a prize.")
    assert not found.reported and "places this person in Toronto (ca)" in found.explanation
    (found,) = index.scan("TORONTO (Reuters) - Vladimir Putin said on Monday the talks would go on.")
    assert found.reported and found.score >= index.threshold


def test_a_surname_after_a_namesake_binds_to_the_listed_person_the_article_named_before() -> None:
    index = _index(_PUTIN)
    text = (
        "Russian President Vladimir Putin spoke on Monday. In Ohio, a local baker named Vladimir Putin, "
        "34, from Ohio, won a prize. Putin said the war would go on."
    )
    president, baker, surname = index.scan(text, 2024)
    assert president.reported and not baker.reported
    assert surname.matched_text == "Putin" and surname.reported and surname.score == president.score
    assert surname.explanation.startswith(
        f"surname alone, of the listed person named at {president.start}, not the possible namesake "
        f"named at {baker.start}"
    )
    # with no listed full name before it, the surname keeps the namesake's flag
    (baker, surname) = index.scan("A local baker named Vladimir Putin, 34, from Ohio, won. Putin said.", 2024)
    assert not surname.reported and surname.explanation.startswith("possible namesake")


def test_named_as_a_verb_introduces_nobody() -> None:
    # "named X as ...", "named X to ...", "called X a ...": the verb with an object; the subject's
    # nationality is not the named person's (trial 2: Lavrov flagged "Canadian", a watch alert lost)
    for text in (
        "A Canadian diplomat named Andriy Kostin as a key figure in the scheme.",
        "The Canadian minister named Andriy Kostin to the board.",
        "A Canadian reporter called Andriy Kostin a liar.",
    ):
        start = text.index("Andriy")
        assert namesake_reason(text, start, start + 13, KOSTIN, 2023) is None, text
    # the noun reading still introduces the person
    for text in (
        "A Canadian diplomat named Andriy Kostin won a prize.",
        "A baker named Andriy Kostin, 34, won.",
    ):
        start = text.index("Andriy")
        assert namesake_reason(text, start, start + 13, KOSTIN, 2023) is not None, text


def test_an_age_may_be_a_year_off_either_way() -> None:
    # born 1950: 73 or 74 in 2024; "74" is read as fitting 2023 to 2026 (a year off), not 2022 or 2027
    lavrov = PersonFacts(frozenset({"ru"}), (1950,), frozenset())
    text = "Foreign Minister Sergei Lavrov, 74, said on Monday."
    start = text.index("Sergei")
    for year in (2023, 2024, 2025, 2026):
        assert namesake_reason(text, start, start + 13, lavrov, year) is None, year
    for year in (2021, 2022, 2027, 2030):
        assert "the age 74 in" in (namesake_reason(text, start, start + 13, lavrov, year) or ""), year
    assert namesake_reason(text, start, start + 13, lavrov, None) is None


def test_scan_reports_a_minister_with_his_age_and_one_named_as_a_verb() -> None:
    index = _index(_PUTIN)
    # born 1952: 73 or 74 in 2026, 72 a year off
    (found,) = index.scan("President Vladimir Putin, 72, said on Monday.", 2026)
    assert found.reported and found.namesake is None
    (found,) = index.scan("A Canadian diplomat named Vladimir Putin as a key figure.", 2026)
    assert found.reported and found.namesake is None


def test_a_headline_above_the_name_introduces_nobody() -> None:
    # a RUWA title and its description: the title's last word is no introduction of the name that
    # opens the next line (bench/news_eval2 tuning half: Putin, Kadyrov flagged "Ukraine")
    putin = PersonFacts(frozenset({"ru"}), (1952,), frozenset())
    text = (
        "Russian forces launch full-scale invasion of Ukraine\nPutin approves a 'special military operation'."
    )
    start = text.index("Putin")
    assert namesake_reason(text, start, start + 5, putin, 2022) is None
    # within one line the country word still introduces the name
    text = "Ukrainian footballer Vladimir Putin scored twice."
    assert "Ukrainian" in (namesake_reason(text, 21, 35, putin, 2022) or "")


def test_a_phrase_between_two_names_introduces_the_second() -> None:
    putin = PersonFacts(frozenset({"ru"}), (1952,), frozenset())
    text = "In a call with Vladimir Putin, the President of Turkey, Recep Tayyip Erdogan, said so."
    start = text.index("Vladimir")
    assert namesake_reason(text, start, start + len("Vladimir Putin"), putin, 2022) is None
    # the same phrase closing the sentence after the name is still his
    text = "He met Vladimir Putin, the mayor of Toronto, and left."
    start = text.index("Vladimir")
    assert "Toronto" in (namesake_reason(text, start, start + len("Vladimir Putin"), putin, 2022) or "")


def test_a_full_name_written_again_keeps_the_namesake_flag_of_the_first() -> None:
    """Tuning half (ruwa:29819): the headline's "Kherson's district council member" flags the name;
    the description names him again with no such words before."""
    index = _index(_KOSTIN)
    text = (
        "Invaders abduct Kherson’s district council member Andriy Kostin\n"
        "Russian invaders abducted Andriy Kostin, a member of the Korabelny District Council."
    )
    first, second = index.scan(text)
    assert (first.matched_text, second.matched_text) == ("Andriy Kostin", "Andriy Kostin")
    assert (
        first.namesake
        == second.namesake
        == "the article places this person in Kherson (ua); the lists say ru"
    )
    # the listed person named twice stays listed both times
    text = "VTB chief Andrey Kostin spoke.\nAndrey Kostin said the bank would cope."
    assert [f.reported for f in index.scan(text)] == [True, True]
