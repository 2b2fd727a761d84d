"""Golden cases of search by Chinese characters and Hangul (issue 13): a query in Chinese characters
or one Hangul word names a listed person only by spelling the name syllable for syllable, family
name first, and a Russian reading of Chinese characters names only a person of Russia or a
neighbour, as in the news scanner (tracker.matching.cjk). A new-user trial found ordinary words
read as names: 杨洋 as AL-JANAN (0.95), 比东 as NA BIDON (1.00), 经济 as KANG MUN KIL (0.90), 天津
as the vessel alias CHEONG JIN (0.93). Each listed entry is written as its list writes it."""

from __future__ import annotations

from functools import partial

import pytest

from tests.candidates import organisation, person
from tracker.matching import DEFAULT_THRESHOLD, NameIndex, prepare_name, prepare_query
from tracker.matching.cjk import family_first, russian_rules_fit, spells_listed
from tracker.records import EntityType, Name
from tracker.search import LoadedIndex, find_matches

_uk = partial(person, "uk_ofsi")


@pytest.fixture(scope="module")
def loaded() -> LoadedIndex:
    index = NameIndex.build(
        [
            person("ofac_sdn", "22014", "AL-JANAN, Sulsubayla", country="sy"),
            person("eu_fsf", "7047", "Tchipa NA BIDON", country="gw"),
            _uk("13330", "KANG MUN KIL", "Jian WENJI", "Jiang WEN-JI", country="kp"),
            organisation(
                "uk_ofsi",
                "13649",
                "YU PHYONG 5",
                "CHENG JIN",
                "CHEONG JIN",
                "SAMWOO",
                entity_type=EntityType.VESSEL,
            ),
            person("ofac_sdn", "31492", "WANG, Junzheng", country="cn"),
            person("ofac_sdn", "17803", "LI, Fangwei", country="cn"),
            person("ofac_sdn", "35096", "PUTIN, Vladimir Vladimirovich", country="ru"),
            person("eu_fsf", "115178", "Sung Su KIM", "김성수"),
            person("eu_fsf", "115162", "PARK Young Han"),
            person("eu_fsf", "105411", "CHOE Chun Sik", "CHOE Chun-Sik"),
            _uk("13488", "JO YONG-WON", country="kp"),
            person("un_sc", "6908654", "Ri Pyong Chol", country="kp"),
            person("ofac_sdn", "23213", "CHOE, Ryong Hae", country="kp"),
            person("eu_fsf", "108647", "Jong Chon PAK", country="kp"),
            person("eu_fsf", "115180", "김병철"),
            person("eu_fsf", "6847", "김영철"),
            person("eu_fsf", "147507", "Jong Hun KIL", country="kp"),
            person("eu_fsf", "5814", "JON Il Chun", country="kp"),
            person("ofac_sdn", "30001", "LAM CHENG, Yuet-ngor", country="hk"),
            person("ofac_sdn", "30002", "TANG, Ping-keung", country="hk"),
            person("ofac_sdn", "30003", "HO, Kwan Yiu", country="sg"),  # of no Cantonese-read country
            organisation("ofac_sdn", "47800", "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY, LIMITED"),
            organisation("uk_ofsi", "16637", "JINHUA HAIRUN POWER TECHNOLOGY CO., LTD"),
            organisation("un_sc", "6908696", "SHEN ZHONG INTERNATIONAL SHIPPING"),
            person("ofac_sdn", "30004", "HAIRUN, Jinhua", country="cn"),  # a person: no company
            organisation("uk_ofsi", "16643", "AUTEL ROBOTICS CO., LTD.", "道通机器人有限公司"),
            person("uk_ofsi", "10834", "ABDUL HAQ", "阿不都·哈克"),
        ]
    )
    return LoadedIndex(index, {}, None)


def _keys(loaded: LoadedIndex, query: str) -> list[str]:
    return [m.key[1] for m in find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)]


@pytest.mark.parametrize("query", ["杨洋", "比东", "经济", "天津", "천진", "경제"])
def test_an_ordinary_word_names_nobody(loaded: LoadedIndex, query: str) -> None:
    assert _keys(loaded, query) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("王君正", "31492"),  # WANG, Junzheng: family name, then the given name's syllables
        ("王 君正", "31492"),
        ("李方伟", "17803"),  # simplified
        ("李方偉", "17803"),  # traditional
        ("普京", "35096"),  # a Russian name by the Xinhua convention, a person of Russia
        ("김성수", "115178"),  # 성 as the popular Sung
        ("박영한", "115162"),  # 박 Park, 영 Young
        ("최천식", "105411"),  # 천 as Chun
        ("조용원", "13488"),
        ("趙勇元", "13488"),  # Hanja read in Korean
        ("Lee Pyong Chol", "6908654"),  # the South's and the press's spellings of Korean family names
        ("Yi Pyong Chol", "6908654"),
        ("Choi Ryong Hae", "23213"),
        ("Park Jong Chon", "108647"),
        ("Kim Byung Chul", "115180"),  # a listed Hangul name spelled by a Latin query
        ("Kim Yeong Cheol", "6847"),
        ("Jeon Il Chun", "5814"),  # 전: the South's Jeon, the lists' Jon
    ],
)
def test_a_name_spelled_syllable_for_syllable_is_found_first(
    loaded: LoadedIndex, query: str, expected: str
) -> None:
    assert _keys(loaded, query)[:1] == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("林鄭月娥", "30001"), ("林郑月娥", "30001"), ("鄧炳強", "30002"), ("邓炳强", "30002")],
)
def test_a_hong_kong_name_in_chinese_characters_is_read_in_cantonese(
    loaded: LoadedIndex, query: str, expected: str
) -> None:
    # pinyin reads 林鄭月娥 as lin zheng yue e: nobody (a new-user trial; the news scanner read it)
    found = find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)
    assert [m.key[1] for m in found] == [expected]
    assert found[0].score == 1.0
    assert "read in Cantonese as" in found[0].explanation


def test_a_cantonese_reading_names_only_a_person_of_hong_kong_macau_or_china(loaded: LoadedIndex) -> None:
    assert _keys(loaded, "Ho Kwan Yiu") == ["30003"]  # listed, and found by its Latin name
    assert _keys(loaded, "何君堯") == []  # read ho kwan yiu, but HO, Kwan Yiu is of Singapore
    assert _keys(loaded, "林") == [] and _keys(loaded, "經濟日報") == []


@pytest.mark.parametrize(
    ("query", "expected", "score"),
    [
        ("武汉晓睿智科技有限责任公司", "47800", 1.0),  # a place, the firm's name, business words
        ("金华市海润动力科技有限公司", "16637", 0.93),  # 市 (city) is not written
        ("沈忠國際海運有限公司", "6908696", 0.90),  # traditional characters
    ],
)
def test_a_chinese_company_name_is_read_with_its_business_words_translated(
    loaded: LoadedIndex, query: str, expected: str, score: float
) -> None:
    # pinyin alone read 科技有限公司 as keji youxian gongsi, and a name of 13 characters was refused
    # as 13 words (the UK list writes these companies both ways; OFAC in Latin letters only)
    found = find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)
    assert [m.key[1] for m in found] == [expected]
    assert found[0].score == pytest.approx(score, abs=0.01)
    assert "read as a Chinese company's name" in found[0].explanation


@pytest.mark.parametrize("query", ["道通机器人有限公司", "道通機器人有限公司"])
def test_a_name_in_chinese_characters_as_the_list_writes_it_is_found(loaded: LoadedIndex, query: str) -> None:
    # trial 3: the UK's own Chinese name of a company was "no match" (nine characters spell no
    # syllable-for-syllable reading of a personal name)
    found = find_matches(loaded, query, threshold=DEFAULT_THRESHOLD)
    assert [m.key[1] for m in found][:1] == ["16643"] and found[0].score == 1.0
    assert _keys(loaded, "道通电器有限公司") == []  # other characters: another company


def test_a_chinese_company_reading_must_spell_the_firms_own_name(loaded: LoadedIndex) -> None:
    assert _keys(loaded, "武汉晓睿科技有限责任公司") == []  # 晓睿 xiaorui is not XIAORUIZHI
    assert _keys(loaded, "上海海润动力科技有限公司") == []  # Shanghai, not Jinhua
    assert _keys(loaded, "金华海润") == []  # no company ending: a person's name, read as one


def test_the_rule_reads_the_listed_name_either_way_round() -> None:
    listed = prepare_name(Name("Sung Su KIM"), is_person=True)
    assert {"kimsungsu", "sungsukim"} <= family_first(listed)
    assert spells_listed(prepare_query("김성수"), listed)
    assert not spells_listed(prepare_query("김성철"), listed)  # another given-name syllable
    assert spells_listed(prepare_query("Kim Sung Su"), listed)  # Latin both: the scorer decides
    assert not spells_listed(prepare_query("Kim Sung Chol"), prepare_name(Name("김성수"), is_person=True))
    many = prepare_name(Name("Kim Il Sung Jong Un Chol"), is_person=True)
    assert family_first(many) == frozenset()  # no Korean or Chinese personal name has six words


def test_a_person_of_no_known_country_fits_the_russian_rules() -> None:
    assert russian_rules_fit([]) and russian_rules_fit(["ru"]) and russian_rules_fit(["gw", "ua"])
    assert not russian_rules_fit(["gw"]) and not russian_rules_fit(["sy", "iq"])


def test_a_listed_hangul_name_is_named_only_by_a_query_that_spells_it(loaded: LoadedIndex) -> None:
    # 병 is no typo of yeong (0.93 by likeness): KIM Pyong Chol is not Kim Yeong Cheol
    assert "115180" not in _keys(loaded, "Kim Yeong Cheol")
    assert "6847" not in _keys(loaded, "Kim Byung Chul")


def test_a_korean_family_name_spelling_is_no_base_for_a_typo(loaded: LoadedIndex) -> None:
    # "Jon Kyl" (a US senator, a congress negative) read Jon as chon and the EU's Jong as chong, a
    # typo apart: 0.88 against Jong Hun KIL. Such a spelling counts only as the other word itself.
    assert _keys(loaded, "Jon Kyl") == []
    assert _keys(loaded, "Jon Il Chun")[:1] == ["5814"]
