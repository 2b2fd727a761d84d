"""Golden cases of entity names: legal forms folded on both sides, parenthesised names and acronyms."""

from __future__ import annotations

import pytest

from tracker.matching import (
    DEFAULT_THRESHOLD,
    Candidate,
    NameIndex,
    prepare_name,
    prepare_query,
    score_prepared,
)
from tracker.matching.prepare import entity_name_forms, is_stopword
from tracker.names.business import same_business_word
from tracker.records import EntityType, Name


def _entity(source_id: str, *names: str) -> Candidate:
    return Candidate(("eu_fsf", source_id), EntityType.ENTITY, [Name(full=n) for n in names], names[0])


def _score(query: str, listed: str) -> float:
    return score_prepared(prepare_query(query), prepare_name(listed, is_person=False)).score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # the lists' own forms of one company (OFAC, EU, UK)
        ("VTB BANK PUBLIC JOINT STOCK COMPANY", "VTB Bank"),
        ("JSC SYNESIS", "SYNESIS LLC"),
        ("The Synesis Group", "SYNESIS GROUP"),
        ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU 'SGM-MOST'", "SGM-Most OOO"),
        ("OBSCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU SGM MOST", "SGM-Most OOO"),
        ("АО Курганмашзавод", "JSC Kurganmashzavod"),
        ("ZAKRYTAYE AKTSYYANERNAYE TAVARYSTVA BELAVIA", "Belavia"),
    ],
)
def test_legal_forms_are_optional_on_both_sides(query: str, listed: str) -> None:
    assert _score(query, listed) >= DEFAULT_THRESHOLD


def test_a_legal_form_costs_once_however_many_words_it_has() -> None:
    one = _score("SYNESIS JSC", "SYNESIS")
    four = _score("SYNESIS PUBLIC JOINT STOCK COMPANY", "SYNESIS")
    assert one == pytest.approx(1 / 1.1, abs=1e-4)
    assert four == pytest.approx(1 / (1.1 + 3 * 0.03), abs=1e-4)


def test_a_business_word_weighs_alike_on_both_sides() -> None:
    # issue 13: folded on both sides; an extra query word cost 1, a missing listed one 0.5
    assert _score("SYNESIS INDUSTRIES", "SYNESIS") == pytest.approx(1 / 1.5, abs=1e-4)
    assert _score("SYNESIS", "SYNESIS INDUSTRIES") == pytest.approx(1 / 1.5, abs=1e-4)
    # inside the name it costs what any inner word costs (not less)
    assert _score("SYNESIS MINING COMPANY", "SYNESIS COMPANY") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("RUE BELTAMOZHSERVICE", "Beltamozhservice"),  # a republican unitary enterprise (РУП)
        ("REPUBLICAN UNITARY ENTERPRISE BELTAMOZHSERVICE", "Beltamozhservice"),
        ("FEDERAL STATE UNITARY ENTERPRISE CRIMEA RAILWAY", "Crimea Railway"),
    ],
)
def test_a_unitary_enterprise_is_a_legal_form(query: str, listed: str) -> None:
    assert _score(query, listed) >= DEFAULT_THRESHOLD
    assert _score(query, "Beltransgaz" if "BELTAM" in query else "Crimea Shipping") < DEFAULT_THRESHOLD


def test_a_distinctive_word_still_counts() -> None:
    assert _score("VTB CAPITAL", "VTB Bank") < DEFAULT_THRESHOLD
    assert _score("SYNESIS MINING COMPANY", "SYNESIS COMPANY") < DEFAULT_THRESHOLD


def test_legal_forms_are_folded_for_entities_only() -> None:
    query = prepare_query("Ivan Petrov Company")
    person = prepare_name("PETROV, Ivan", is_person=True)
    assert score_prepared(query, person).score < DEFAULT_THRESHOLD


def test_stopwords_by_transliteration_skeleton() -> None:
    assert is_stopword("obschestvo") and is_stopword("obshchestvo") and is_stopword("aktsionernoye")
    assert not is_stopword("synesis")


@pytest.mark.parametrize(
    ("listed", "forms"),
    [
        ("KHATIBA IMAM AL-BUKHARI (KIB)", ["KHATIBA IMAM AL-BUKHARI", "KIB"]),
        (
            "HIGHER INSTITUTE FOR APPLIED SCIENCES AND TECHNOLOGY (HIAST)",
            ["HIGHER INSTITUTE FOR APPLIED SCIENCES AND TECHNOLOGY", "HIAST"],
        ),
        ("OOO 'VO Technopromexport' (OOO 'VO TPE')", ["OOO 'VO Technopromexport'", "OOO 'VO TPE'"]),
        # not an acronym of the name, so not the entity's name on its own
        ("AL-HARAMAIN FOUNDATION (PAKISTAN)", ["AL-HARAMAIN FOUNDATION"]),
        ("KINGS ROMANS INTERNATIONAL (HK) CO., LIMITED", ["KINGS ROMANS INTERNATIONAL CO., LIMITED"]),
        (
            "Operační základna Islámských revolučních gard (IRGC) Karbala",
            ["Operační základna Islámských revolučních gard Karbala"],
        ),
        ("SYNESIS LLC", []),
    ],
)
def test_entity_name_forms(listed: str, forms: list[str]) -> None:
    assert entity_name_forms(listed) == forms


def test_parenthesised_names_are_searched_apart() -> None:
    index = NameIndex.build(
        [
            _entity("1", "KHATIBA IMAM AL-BUKHARI (KIB)"),
            _entity("2", "AL-HARAMAIN FOUNDATION (PAKISTAN)"),
            _entity("3", "KIBO TRADING"),
        ]
    )
    assert [m.key for m in index.search("KIB")][:1] == [("eu_fsf", "1")]
    assert index.search("KHATIBA IMAM AL BUKHARI")[0].score == 1.0
    assert index.search("Pakistan") == []
    assert index.search("AL-HARAMAIN FOUNDATION")[0].key == ("eu_fsf", "2")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # US Congress members (on no list): letters of an entity's name are no initials of a person's,
        # and a letter inside a legal form is part of it
        ("John P. Sarbanes", "P.J.S"),
        ("Ann M. Kuster", "K M A"),
        ("Victoria Spartz", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU VIKTORIYA"),
    ],
)
def test_letters_of_an_entity_name_are_not_initials(query: str, listed: str) -> None:
    assert _score(query, listed) < 0.5


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # the lists' own pairs: OFAC's English beside the UK's or the EU's Russian (names.business)
        ("JOINT STOCK COMPANY VOTKINSKIY PLANT", "Воткинский завод"),
        ("FACTORY DAGDIZEL", "АО “Завод ‘Дагдизель’”"),
        ("JOINT STOCK COMPANY DAGDIZEL PLANT", "Joint stock company Zavod Dagdizel"),
        ("JSC PRIBALTIYSKY SUDOSTROITELNY FACTORY YANTAR", "Прибалтийский судостроительный завод “Янтарь”"),
        ("JOINT STOCK COMPANY TULA CARTRIDGE WORKS", "JSC Tula Cartridge Plant"),
        ("JOINT STOCK COMPANY ARZAMAS MACHINERY PLANT", "АО “Арзамасский машиностроительный завод”"),
    ],
)
def test_a_business_word_is_one_word_in_two_languages(query: str, listed: str) -> None:
    assert _score(query, listed) >= DEFAULT_THRESHOLD
    assert _score(listed, query) >= DEFAULT_THRESHOLD


def test_a_translated_business_word_does_not_make_another_company_the_same() -> None:
    # the business word is the same, the name is not: another plant
    assert _score("JOINT STOCK COMPANY VOTKINSKIY PLANT", "Ижевский завод") < DEFAULT_THRESHOLD
    assert _score("FACTORY DAGDIZEL", "Kizlyar Plant") < DEFAULT_THRESHOLD
    # a word of another meaning is no translation: a combine is no bureau
    assert same_business_word("zavod", "plant") and same_business_word("kombinat", "combine")
    assert not same_business_word("zavod", "byuro") and not same_business_word("plant", "plant")
    # a person's name word is never read as a business word (Ivan Plant is not ZAVOD, Ivan)
    query = prepare_query("Ivan Plant")
    assert score_prepared(query, prepare_name("ZAVOD, Ivan", is_person=True)).score < DEFAULT_THRESHOLD


def test_a_concern_is_a_legal_form() -> None:
    # концерн: the company's form, as JSC and Group are (OFAC, EU and UK names of Almaz-Antey)
    assert _score("Almaz-Antey JSC", "JOINT-STOCK COMPANY CONCERN ALMAZ-ANTEY") >= DEFAULT_THRESHOLD
    assert (
        _score("Morinformsystem Agat JSC", "CONCERN MORINFORMSYSTEM AGAT JOINT STOCK COMPANY")
        >= DEFAULT_THRESHOLD
    )
    assert _score("Almaz-Antey JSC", "JSC KONTSERN MORINFORMSISTEMA AGAT") < DEFAULT_THRESHOLD
    assert _score("CONCERN AGAT", "CONCERN MORINFORMSYSTEM AGAT JOINT STOCK COMPANY") < DEFAULT_THRESHOLD


def test_the_index_finds_a_company_by_its_translated_business_word() -> None:
    index = NameIndex.build(
        [
            _entity("1", "Воткинский завод"),
            _entity("2", "Ижевский завод"),
            _entity("3", "VOTKINSK MACHINE BUILDING"),
        ]
    )
    found = index.search("JOINT STOCK COMPANY VOTKINSKIY PLANT")
    assert [m.key for m in found] == [("eu_fsf", "1")]
    assert "same word, another language" in found[0].explanation


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        # a Russian abbreviation of what kind of company it is: НК oil company, НПК research and
        # production corporation (issue 13: "NK Rosneft" scored 0.50 against ROSNEFT)
        ("NK Rosneft", "ROSNEFT", 0.9091),
        ("НК Роснефть", "Rosneft", 0.9091),
        ("NPK TEKHMASH OAO", "„Техмаш“", 0.885),
        # the EU's translations of a name carry their language's legal form (Irish, Czech, Spanish)
        ("Fiontar Stáit Chónaidhme PERM POWDER PLANT", "FEDERAL STATE ENTERPRISE PERM POWDER PLANT", 0.8865),
        ("Elektropribor", "Akciová společnost Elektropribor", 0.885),
        ("Sociedad anónima Reshetnev", "JSC Reshetnev", 0.813),
    ],
)
def test_kind_abbreviations_and_foreign_legal_forms_are_legal_forms(
    query: str, listed: str, expected: float
) -> None:
    assert _score(query, listed) == pytest.approx(expected, abs=1e-4)


def test_a_shared_foreign_legal_form_does_not_make_two_companies_one() -> None:
    assert _score("NK Lukoil", "NK ROSNEFT") == pytest.approx(0.0909, abs=1e-4)
    assert _score("Sociedad anónima Reshetnev", "Sociedad anónima Rostec") == pytest.approx(0.1667, abs=1e-4)
    assert _score("AAT BELARUSKALIY", "AAT BELSHINA") == pytest.approx(0.0909, abs=1e-4)


def test_the_index_finds_a_company_behind_its_kind_abbreviation() -> None:
    index = NameIndex.build([_entity("1", "ROSNEFT"), _entity("2", "LLC NK"), _entity("3", "JSC “NNK”")])
    found = index.search("NK Rosneft")
    assert [(m.key, m.score) for m in found] == [(("eu_fsf", "1"), 0.9091)]


def test_an_abbreviated_form_is_compared_as_written() -> None:
    # NNK is a company's name (its skeleton is НК's), not a legal form
    assert is_stopword("nk") and is_stopword("npo") and not is_stopword("nnk") and not is_stopword("at")
    assert _score("CJSC NNK", "JSC “NNK”") == pytest.approx(0.8333, abs=1e-4)
    assert _score("CJSC NNK", "JSC “NK”") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        # ФКП, ФГБУ: a federal treasury enterprise, a federal state budgetary institution (EU, OFAC)
        (
            "ALEKSINSKY CHEMICAL COMBINE",
            "Федеральное Казенное Предприятие “Алексинский Химический Комбинат”",
            0.9019,
        ),
        (
            "TAMBOVSKII POROKHOVOI ZAVOD",
            "Федеральное Казенное Предприятие “Тамбовский Пороховой Завод”",
            0.9398,
        ),
        (
            "FGBU SANATORI NIZHNYAYA OREANDA",
            "FEDERALNOE GOSUDARSTVENNOE BYUDZHETNOE UCHREZHDENIE SANATORI NIZHNYAYA OREANDA",
            0.9119,
        ),
    ],
)
def test_a_treasury_enterprise_or_budgetary_institution_is_a_legal_form(
    query: str, listed: str, expected: float
) -> None:
    assert _score(query, listed) == pytest.approx(expected, abs=1e-4)


def test_a_treasury_enterprise_of_another_name_is_another_company() -> None:
    listed = "Федеральное Казенное Предприятие “Тамбовский Пороховой Завод”"
    assert _score("ALEKSINSKY CHEMICAL COMBINE", listed) == 0.0
    # alone, an owner word is a name word: "Budgetary" before no legal form stays
    assert not is_stopword("byudzhetnoe") and is_stopword("uchrezhdenie")
