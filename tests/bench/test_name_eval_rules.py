"""Rules of the name evaluation that decide what is a query and who is the same person (no data)."""

from __future__ import annotations

import pytest

from bench.name_eval.common import (
    Query,
    family_named,
    half_of,
    is_query_script,
    loose_key,
    script_family,
    select,
)
from bench.name_eval.fairness import another_name, namesake_ambiguous
from bench.name_eval.links import conflict, identifier_numbers, link_entries, one_father, un_references
from tracker.records import EntityType, Identifier, ListEntry, Name


def person(source_id: str, *names: str, dob: str = "", ident: str = "") -> ListEntry:
    return ListEntry(
        source_id=source_id,
        entity_type=EntityType.INDIVIDUAL,
        names=[Name(full=n) for n in names],
        birth_dates=[dob] if dob else [],
        identifiers=[Identifier(type="Passport", number=ident)] if ident else [],
    )


def test_script_families() -> None:
    assert script_family("Николай Патрушев") == "Cyrillic"
    assert script_family("نيكولاي باتروشيف") == "Arabic/Persian"
    assert script_family("최룡해") == "Hangul"
    assert script_family("王君正") == "Chinese"
    assert script_family("Επαναστατική Οργάνωση Abu Nidal") == "Greek"  # most letters decide
    assert script_family("Οργάνωση Abu Nidal") == "Latin"  # a tie goes to the first family
    assert script_family("Ngô Đình") == "Latin"
    assert script_family("სააკაშვილი") == "other"
    assert script_family("123 -") is None
    assert is_query_script("Ли Бен Чхоль") and not is_query_script("Lee, Byong-chol")


def test_loose_key_ignores_order_case_accents_and_punctuation() -> None:
    assert loose_key("PATRUSHEV, Nikolai") == loose_key("nikolai  Patrushev.")
    assert loose_key("Patrušev") == loose_key("patrusev") != loose_key("Patrushev")
    assert loose_key("AL-QAIDA") == loose_key("al qaida") != loose_key("alqaida")


def test_un_references_and_identifiers() -> None:
    uk = person("1", "X")
    uk.details["un_ref"] = "QDi.28. Apprehended in July 2004 (see QDe.004)"
    assert un_references("uk_ofsi", uk) == {"QDi.028"}
    entry = person("2", "X", ident="IMO 9187629")
    entry.identifiers.append(Identifier(type="Website", number="www.example.com 2024"))
    entry.identifiers.append(Identifier(type="Passport", number="N/A"))
    assert identifier_numbers(entry) == {"9187629"}


def test_links_need_agreeing_facts() -> None:
    lists = {
        "eu_fsf": [
            person("e1", "Yuri Nikolayevich SHAMALOV", dob="1970-06-10"),
            person("e2", "Anna Ivanova", dob="1970-06-10", ident="AB1234567"),
        ],
        "ofac_sdn": [
            person("o1", "SHAMALOV, Yurii Nikolaevich", dob="1970-06-10"),
            person("o2", "IVANOVA, Anna", dob="1981-01-01", ident="AB1234567"),  # born 11 years apart
        ],
    }
    members = link_entries(lists).members()
    assert members["eu_fsf:e1"] == ["eu_fsf:e1", "ofac_sdn:o1"]  # same birth date, rare word SHAMALOV
    assert members["eu_fsf:e2"] == ["eu_fsf:e2"] and members["ofac_sdn:o2"] == ["ofac_sdn:o2"]


def test_another_name_is_not_another_spelling() -> None:
    assert another_name("Sergej Vjatjeslavovitj", True, ["Sergei Vyacheslavovich IVANOV"]) is None
    assert another_name("Danial Adam", True, ["AL GHABRA, Mohammed"])
    assert another_name("Ismail", True, ["Ismail DE VERA"]) == "one word names no one"
    assert another_name("Айсен Николаев", True, ["NIKOLAEV, Aisen"]) is None  # no transliterator here


def test_split_is_frozen() -> None:
    # Golden values: a change of half_of would reshuffle the committed tuning and test files.
    groups = ("eu_fsf:1016", "us_congress:Q928855", "ofac_sdn:29366", "un_sc:111734")
    assert [half_of(g) for g in groups] == ["test", "tuning", "tuning", "test"]


def test_select_picks_families_kinds_and_a_stable_sample() -> None:
    rows = [
        Query(half=h, kind=k, family=f, query=f"{f} {k} {n}", group=f"g{n}")
        for h in ("tuning", "test")
        for k, f in (("loo", "Hangul"), ("cross-list", "Latin"), ("loo", "Arabic/Persian"))
        for n in range(20)
    ]
    assert select(rows) == rows
    hangul = select(rows, {"Hangul"}, {"loo"})
    assert len(hangul) == 40 and {(q.family, q.kind) for q in hangul} == {("Hangul", "loo")}
    small, large = select(rows, None, {"loo"}, 5), select(rows, None, {"loo"}, 12)
    assert [q.half for q in small].count("tuning") == 5 and [q.half for q in small].count("test") == 5
    assert set(map(id, small)) <= set(map(id, large))  # a larger sample holds the smaller one
    assert small == select(list(reversed(rows)), None, {"loo"}, 5)[::-1]  # by hash, not by position
    assert family_named("arabic") == "Arabic/Persian" and family_named("HANGUL") == "Hangul"
    with pytest.raises(ValueError, match="one of Latin"):
        family_named("Klingon")


def test_patronymics_that_name_two_fathers_are_no_link() -> None:
    # Born the same day with one rare family name: a dob+word link, unless the fathers differ.
    lists = {
        "eu_fsf": [person("e1", "Sergey Ivanovich MOROZOV", "Сергей Иванович МОРОЗОВ", dob="1956-12-10")],
        "uk_ofsi": [person("u1", "Igor Nikolayevich MOROZOV", dob="1956-12-10")],
        "ofac_sdn": [
            person("o1", "MOROZOV, Sergei Ivanovitj", dob="1956-12-10")
        ],  # no -ovich: no patronymic read
    }
    groups = link_entries(lists)
    members = groups.members()
    assert members["eu_fsf:e1"] == ["eu_fsf:e1", "ofac_sdn:o1"]
    assert members["uk_ofsi:u1"] == ["uk_ofsi:u1"]
    assert groups.dropped == {("dob+word", "patronymics"): 2}  # e1 and o1 (through e1's Cyrillic name)


def test_one_fathers_name_in_other_spellings_is_still_a_link() -> None:
    lists = {
        "eu_fsf": [
            person("e1", "Oleksandr Serhiyovych POPOV", dob="1975-03-02"),
            person("e2", "Fedot Semyonovich TUMUSOV", dob="1955-06-30"),
            person("e3", "Vlad Georgievich PLAKHOTNYUK", "Vladislav Vladimir NOVAK", dob="1966-01-01"),
        ],
        "ofac_sdn": [
            person("o1", "POPOV, Aleksandr Sergeevich", "Аляксандр Сяргеевіч ПОПАЎ", dob="1975-03-02"),
            person("o2", "TUMUSOV, Fedot Semonovich", dob="1955-06-30"),
            person("o3", "Vladislav Vladimirovich NOVAK", "Vladimir PLAKHOTNYUK", dob="1966-01-01"),
        ],
    }
    members = link_entries(lists).members()
    assert members["eu_fsf:e1"] == ["eu_fsf:e1", "ofac_sdn:o1"]  # Ukrainian h for g, Belarusian form
    assert members["eu_fsf:e2"] == ["eu_fsf:e2", "ofac_sdn:o2"]  # one letter apart
    assert members["eu_fsf:e3"] == ["eu_fsf:e3", "ofac_sdn:o3"]  # the father's name as a plain word


def test_conflict_by_patronymic_and_birth_date() -> None:
    ivanovich = person("1", "Ivan Petrovich SIDOROV", dob="1970-06-10")
    assert conflict(ivanovich, person("2", "Ivan Sergeyevich SIDOROV", dob="1970-06-10")) == "patronymics"
    assert conflict(ivanovich, person("3", "Ivan Petrovych SYDOROV")) is None  # Ukrainian spelling
    assert conflict(ivanovich, person("4", "Ivan SIDOROV", dob="1970-06-10")) is None  # one patronymic only
    assert (
        conflict(ivanovich, person("5", "Ivan Petrovich SIDOROV", dob="1970-10-06")) is None
    )  # day/month swapped
    assert (
        conflict(ivanovich, person("6", "Ivan Petrovich SIDOROV", dob="1970-06-19")) is None
    )  # one field: a typo
    assert conflict(ivanovich, person("7", "Ivan Petrovich SIDOROV", dob="1971-02-03")) == "birth dates"
    assert conflict(ivanovich, person("7", "Ivan Petrovich SIDOROV", dob="1971-02-03"), dates=False) is None
    assert not one_father("aleksandr", "aleks") and not one_father("vladimir", "vadim")
    assert one_father("oleksandr", "aleksandr") and one_father("serh", "serg")


def test_an_identifier_link_outweighs_birth_dates_that_disagree() -> None:
    lists = {
        "un_sc": [person("n1", "KIM TONG CHOL", dob="1966-01-27")],
        "ofac_sdn": [person("o1", "KIM, Tong Chol", dob="1966-09-17", ident="AB1234567")],
        "uk_ofsi": [person("u1", "KIM TONG CHOL", dob="1966-01-28", ident="AB1234567")],
    }
    lists["un_sc"][0].details["reference_number"] = "KPi.044"
    lists["uk_ofsi"][0].details["un_ref"] = "KPi.044"
    members = link_entries(lists).members()
    assert members["ofac_sdn:o1"] == ["ofac_sdn:o1", "uk_ofsi:u1", "un_sc:n1"]


def test_a_person_listed_twice_on_one_list_is_one_group() -> None:
    lists = {
        "eu_fsf": [
            person("e1", "Hosein SALIMI", ident="D08531177"),
            person("e2", "Hosein Salimi", "Husain SALEEMI", dob="1960", ident="D08531177"),
            person("e3", "Jin RYU", dob="1965-08-07", ident="563410081"),
            person(
                "e4", "Jong Hun KIL", dob="1965-08-07", ident="563410081"
            ),  # a number copied: no name in common
            person("e5", "Kyong Ok KIM", dob="1937"),
            person("e6", "Tong-Ho KIM", dob="1969-08-18"),
        ],
        "ofac_sdn": [person("o1", "SALIMI, Husain", dob="1960-01-01", ident="D08531177")],
    }
    for entry in lists["eu_fsf"][4:]:
        entry.details["un_id"] = "KPi.045"  # one UN reference on two people (the EU's mistake)
    members = link_entries(lists).members()
    assert members["eu_fsf:e1"] == ["eu_fsf:e1", "eu_fsf:e2", "ofac_sdn:o1"]
    assert members["eu_fsf:e3"] == ["eu_fsf:e3"] and members["eu_fsf:e4"] == ["eu_fsf:e4"]
    assert members["eu_fsf:e5"] == ["eu_fsf:e5"] and members["eu_fsf:e6"] == ["eu_fsf:e6"]


def test_a_name_two_people_carry_is_namesake_ambiguous() -> None:
    by_key = {
        "uk_ofsi:1": person("1", "Chun-Sik CHOE", "CH'OE Ch'un Sik", dob="1963-12-23"),
        "uk_ofsi:2": person("2", "Chun-Sik CHOE", dob="1954-10-12"),  # another man, one name
        "uk_ofsi:3": person("3", "Abu AKRAM", "Hani YOUSSEF", dob="1961"),
        "uk_ofsi:4": person("4", "Abu AKRAM", "Tariq MAAROUFI", dob="1965"),
        "eu_fsf:5": person("5", "Chun Sik Choe", "최천식"),
    }

    def query(kind: str, text: str, expected: str, target: str = "uk_ofsi") -> Query:
        return Query(
            half="tuning",
            kind=kind,
            family="",
            query=text,
            group="g",
            expected=[expected],
            target=target,
            note="eu_fsf:5 primary",
        )

    rows = [
        query("cross-list", "최천식", "uk_ofsi:1"),  # Hangul: the same consonants as "Chun-Sik CHOE"
        query("cross-list", "Choe Chun-sik", "uk_ofsi:1"),
        query("cross-list", "Hany Elsayed YOUSSEF", "uk_ofsi:3"),  # another of his names: not shared
        query("cross-list", "Choi Jun Sik", "uk_ofsi:1"),  # other consonants: not exactly that name
        query("loo", "최천식", "uk_ofsi:2", target=""),
    ]
    assert namesake_ambiguous(rows, by_key) == 3
    assert [q.kind for q in rows] == [
        "namesake-ambiguous",
        "namesake-ambiguous",
        "cross-list",
        "cross-list",
        "namesake-ambiguous",
    ]
    assert rows[0].note.endswith("same name on uk_ofsi:2") and rows[4].note.endswith("same name on uk_ofsi:1")


def organisation(source_id: str, *names: str, entity_type: EntityType = EntityType.ENTITY) -> ListEntry:
    return ListEntry(source_id=source_id, entity_type=entity_type, names=[Name(full=n) for n in names])


def test_organisations_of_two_lists_with_one_name_are_linked() -> None:
    groups = link_entries(
        {
            "ofac_sdn": [organisation("1", "BELSHINA OAO"), organisation("2", "NAFTAN")],
            "eu_fsf": [
                organisation("3", "OAO Belshina", "ОАО “Белшина”"),
                organisation("4", "Naftan"),  # one word: too little to tell one company
            ],
            "uk_ofsi": [organisation("5", "SHIP ONE", entity_type=EntityType.VESSEL)],
            "un_sc": [organisation("6", "Ship One", entity_type=EntityType.VESSEL)],  # two ships
        }
    ).members()
    assert groups["eu_fsf:3"] == ["eu_fsf:3", "ofac_sdn:1"]
    assert groups["eu_fsf:4"] == ["eu_fsf:4"] and groups["uk_ofsi:5"] == ["uk_ofsi:5"]
    # a name one list carries on two entries links neither
    twice = link_entries(
        {
            "ofac_sdn": [organisation("1", "ALFA BANK"), organisation("2", "Alfa Bank")],
            "eu_fsf": [organisation("3", "Alfa Bank")],
        }
    ).members()
    assert twice["eu_fsf:3"] == ["eu_fsf:3"]
