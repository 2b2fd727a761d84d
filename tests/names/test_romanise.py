"""Romanisation of name words, script by script: golden spellings as the lists write them."""

from __future__ import annotations

import pytest

from tracker.names import (
    abjad_key,
    abjad_v_fits,
    abjad_vowels_fit,
    f_as_v_keys,
    normalize_text,
    token_forms,
    v_abjad_keys,
)
from tracker.names.romanise import (
    alternatives,
    hanja_as_hangul,
    is_abjad,
    romanise,
    script_letters,
    word_segments,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese: pinyin, family name then the given name's syllables joined (simplified, traditional)
        ("王君正", "wang junzheng"),
        ("習近平", "xi jinping"),
        ("习近平", "xi jinping"),
        ("欧阳修", "ouyang xiu"),
        # Hangul: North Korean / McCune-Reischauer syllables
        ("리병철", "ri pyong chol"),
        ("최룡해", "choe ryong hae"),
        ("김정은", "kim jong un"),
        ("장성택", "jang song thaek"),
        # Arabic and Persian: article split off, letter by letter
        ("الحسن", "al hsn"),
        ("هدى صالح مهدي عماش", "hdy salh mhdy amash"),  # ain as a vowel: Ammash
        ("سعيد", "sayd"),
        # the particles, kunya and abd as the lists write them
        ("اسامة بن لادن", "asama bin ladn"),
        ("أبو بكر البغدادي", "abu bkr al bghdady"),
        ("عبد الستار ابن بنت", "abd al star ibn bint"),
        ("سيف الله", "syf allah"),
        # Hebrew: ICU, ayin and alef as a written vowel
        ("עדן לוי", "adn lwy"),
        # Cyrillic: Russian table; Ukrainian letters switch to the Ukrainian table
        ("Николай Патрушев", "nikolai patrushev"),
        ("Ірина Дмитрівна", "iryna dmytrivna"),
        # Greek: ELOT 743 (ICU UNGEGN)
        ("Ευάγγελος Μπακογιάννης", "evangelos bakogiannis"),
        # Latin: diacritics dropped
        ("Viktor Fedorovič JANUKOVIČ", "viktor fedorovic janukovic"),
    ],
)
def test_main_spelling(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("word", "spelling"),
    [
        ("BABASJOV", "babashov"),  # Swedish sj
        ("TJAUSOVA", "chausova"),  # Swedish tj
        ("Vjatjeslavovitj", "vyacheslavovich"),
        ("FOMITJOV", "fomichyov"),  # Swedish o after a hushing consonant is ё: Fomichev
        ("Gorbatjova", "gorbachyova"),
        ("Timtschenko", "timchenko"),  # German
        ("JANUKOWYTSCH", "yanukovych"),
        ("Kovaltchouk", "kovalchuk"),  # French
        ("Iouri", "yuri"),
        ("Kowalczuk", "kovalchuk"),  # Polish
        ("JANUKOVIČ", "janukovich"),  # Czech háček read as the sound
        ("Jurij", "yuriy"),
        ("Гайдукевіч", "gaidukevich"),  # Belarusian/Ukrainian word, Russian reading
        ("Алег", "aleh"),  # Ukrainian/Belarusian reading of г
        ("Bekchan", "bekkhan"),  # Swedish, German, Czech ch for х before a vowel
        ("Vachajevitj", "vakhayevich"),
        ("Arťuchov", "artukhov"),
        ("Telnych", "telnykh"),
        ("Barich", "barikh"),  # an Afghan name: بريخ
        ("VORONCOVA", "vorontsova"),  # Czech, Slovak, Polish c for ц in a Slavic family name
        # Greek press spellings of foreign names: the sounds behind the digraphs
        ("Σεργκέι", "sergei"),  # γκ g; έι is e-i, not the digraph ει
        ("Λαβρόφ", "lavrov"),  # final -φ after a vowel: Russian -в
        ("Μεντβέντεφ", "medvedev"),
        ("Αμπράμοβιτς", "abramovich"),  # μπ b, τς Russian ч
        ("Τιμτσένκο", "timchenko"),
        ("Ντεριπάσκα", "deripaska"),
        ("Αλεξάντρ", "alexandr"),  # ντ with its nasal sounded
        ("Γιανουκόβιτς", "yanukovich"),  # γι before a vowel y, ου u
        ("Τζόνσον", "jonson"),
        ("Μοχάμεντ", "mokhamed"),  # χ kh
    ],
)
def test_other_spellings(word: str, spelling: str) -> None:
    assert (spelling,) in alternatives(word)


def test_greek_foreign_readings_leave_the_main_spelling_and_word_initial_stops() -> None:
    assert romanise("Μπακογιάννης") == ("bakogiannis",)  # ELOT 743 stays the main spelling
    assert romanise("Σεργκέι") == ("sernkei",)
    # a word's first μπ ντ γκ is never read with its nasal
    assert alternatives("Ντμίτρι") == (("dmitri",),)
    assert ("mbakoyannis",) not in alternatives("Μπακογιάννης")
    assert alternatives("Ραΐσα") == ()  # the diaeresis keeps αϊ two vowels: raisa


def test_hangul_revised_romanization_is_an_alternative() -> None:
    assert alternatives("리병철")[0] == ("ri", "byeong", "cheol")
    assert romanise("최룡해") == ("choe", "ryong", "hae")


@pytest.mark.parametrize(
    ("word", "spelling"),
    [
        ("이병철", ("ri", "pyong", "chol")),  # South 이 is North 리 (initial-sound law)
        ("이병철", ("lee", "pyong", "chol")),
        ("리병철", ("i", "pyong", "chol")),
        ("유경", ("ryu", "kyong")),
        ("임정", ("rim", "jong")),
        ("노광철", ("ro", "kwang", "chol")),
        ("량만길", ("yang", "man", "kil")),
    ],
)
def test_hangul_first_syllable_in_both_koreas_readings(word: str, spelling: tuple[str, ...]) -> None:
    assert spelling in alternatives(word)


def test_hangul_other_syllables_keep_their_reading() -> None:
    assert not any(s[1] == "yong" for s in alternatives("최룡해"))  # 룡 inside a name stays ryong
    assert alternatives("김정은")[:2] == (("gim", "jeong", "eun"), ("kim", "chong", "un"))


@pytest.mark.parametrize(
    ("word", "spelling"),
    [
        ("김성수", ("kim", "sung", "soo")),  # ㅓ u, ㅜ oo: the EU's "Sung Su KIM"
        ("최천식", ("choi", "chun", "shik")),  # ㅚ oi, ㅅ before ㅣ sh
        ("박영한", ("park", "yong", "han")),  # 박 Park: a family name's own spelling
        ("박영한", ("pak", "young", "han")),  # 영 alone Young
        ("정경택", ("chung", "kyung", "thaek")),
        ("윤철", ("yoon", "chul")),
        ("오극렬", ("oh", "kuk", "ryol")),
    ],
)
def test_hangul_popular_south_korean_spellings(word: str, spelling: tuple[str, ...]) -> None:
    forms = token_forms(word)
    assert all(s == f.norm or s in f.alts for s, f in zip(spelling, forms, strict=True))


def test_alternatives_keep_the_token_count_and_leave_out_the_main_spelling() -> None:
    for word in ("Гайдукевіч", "리병철", "BABASJOV", "Ivanovich"):
        main = romanise(word)
        assert main not in alternatives(word)
        assert all(len(spelling) == len(main) for spelling in alternatives(word))
    assert alternatives("Ivanovich") == ()  # the patronymic's ch is English ч
    assert alternatives("Petrenko") == ()
    assert alternatives("Carlos") == ()  # c is ts only in a Slavic family name


def test_each_token_of_a_word_has_its_own_raw_text() -> None:
    assert [f.raw for f in token_forms("리병철")] == ["리", "병", "철"]
    assert [f.raw for f in token_forms("الحسن")] == ["ال", "حسن"]
    assert [f.raw for f in token_forms("欧阳修")] == ["欧阳", "修"]
    assert word_segments("abc", 2) == ["abc#1", "abc#2"]


def test_arabic_spelling_variants_fold_to_one() -> None:
    # Persian yeh / Arabic yeh / alef maksura, keheh / kaf, hamza seats, harakat, tatweel, ZWNJ
    assert romanise("علی") == romanise("علي") == romanise("على")
    assert romanise("کریم") == romanise("كريم")
    assert romanise("أحمد") == romanise("احمد") == romanise("إحمد")
    assert romanise("مُحَمَّد") == romanise("محمد") == romanise("محـمد")
    # ta marbuta and a Persian last ه: one name in the script and by its consonants
    assert script_letters("فاطمة") == script_letters("فاطمه")
    assert abjad_key(romanise("فاطمة")[0]) == abjad_key(romanise("فاطمه")[0]) == abjad_key("fatemeh")


def test_ta_marbuta_is_a_vowel_and_heh_an_h() -> None:
    # ة ends on the a Latin spellings write (Hamza, Kasouha: not merged with the ح before it)
    assert romanise("حمزة") == ("hmza",)
    assert abjad_key(romanise("كسوحة")[0]) == abjad_key("kasouha") == "ksh"
    # ه is an h, silent at the end (Zadeh) or before an unwritten vowel (Taha: another spelling)
    assert romanise("طه") == ("tah",)
    assert alternatives("طه") == (("taha",),)
    assert alternatives("عبدالله") == ()  # Allah: no such vowel
    assert alternatives("حمزة") == ()


def test_two_letters_of_one_consonant_have_a_vowel_between() -> None:
    # the script writes a geminate once (محمد Mohammed): two letters are two consonants
    assert abjad_key(romanise("مددی")[0]) == abjad_key("madadi") == abjad_key("maddadi") == "mdd"
    assert abjad_key(romanise("مملوك")[0]) == abjad_key("mamluk")
    assert abjad_key(romanise("محمد")[0]) == abjad_key("mohammed")
    # not the article's l before a word with l (Abdullah, Abdellatif)
    assert abjad_key(romanise("عبدالله")[0]) == abjad_key("abdullah")
    assert abjad_key(romanise("مددی")[0]) != abjad_key("mahdi")


def test_abjad_words_are_flagged() -> None:
    assert is_abjad("محمد") and is_abjad("אברהם")
    assert not is_abjad("Mohammed") and not is_abjad("Николай")
    assert [f.abjad for f in token_forms("محمد Ali")] == [True, False]


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمد", "Mohammed"),
        ("محمد", "Muhammad"),
        ("هدى", "Huda"),
        ("صالح", "Salih"),
        ("عماش", "AMMASH"),
        ("باتروشيف", "PATRUSHEV"),  # no p in Arabic: b
        ("نيكولاي", "Nikolai"),
        ("عثمان", "Othman"),
        ("فاطمة", "Fatimah"),
        ("فاطمة", "Fatima"),  # ta marbuta: -a or -ah
        ("اسامة", "Usama"),
        ("اسامة", "Osamah"),
        ("عبدالله", "Abdullah"),
        ("خدادادی", "Khodadadi"),  # d a d a d: three d, not one
        ("عيسى", "Issa"),  # ain: a first vowel
        ("عيد", "Eid"),
        ("وليد", "Walid"),  # a first w or y is a consonant
        ("وليد", "Oualid"),
        ("يوسف", "Youssef"),
        ("وحید", "Vahid"),  # Persian و read v
        ("جواد", "Javad"),
        ("پرویز", "Parviz"),
    ],
)
def test_abjad_key_meets_latin_spellings(arabic: str, latin: str) -> None:
    (token,) = romanise(arabic)
    assert abjad_key(token) == abjad_key(latin.lower())


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("أون", "Won"),  # Korean Un in Arabic script is not Won (KIM Won Hong)
        ("خدادادی", "Qadi"),
        ("حبيب", "Hab"),
    ],
)
def test_abjad_key_tells_apart(arabic: str, latin: str) -> None:
    (token,) = romanise(arabic)
    assert abjad_key(token) != abjad_key(latin.lower())


def test_hanja_read_as_korean() -> None:
    # ICU's Korean collation: original readings (李 리), simplified characters as their traditional form
    assert hanja_as_hangul("金正恩") == "김정은"
    assert hanja_as_hangul("李炳哲") == "리병철"
    assert hanja_as_hangul("金铁三") == "김철삼"  # 铁 is 鐵
    assert hanja_as_hangul("Kim") is None


@pytest.mark.parametrize(
    ("arabic", "latin", "fits"),
    [
        ("أسماء", "Asma", True),
        ("أسماء", "Sami", False),  # the script writes a first vowel and one after m
        ("ابراهيم", "Ibrahim", True),
        ("ابراهيم", "Brahim", False),
        ("محمد", "Mhd", True),  # no long vowel written: the Latin may add or leave out short ones
        ("حسين", "Hussain", True),
        ("جواد", "Javad", True),
        ("يحيى", "Yahya", True),
        ("اسامة", "Usamah", True),
    ],
)
def test_abjad_vowels_fit(arabic: str, latin: str, fits: bool) -> None:
    (token,) = romanise(arabic)
    assert abjad_vowels_fit(token, latin.lower()) is fits


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("لافروف", "Lavrov"), ("فلاديمير", "Vladimir"), ("ميدفيديف", "Medvedev")],
)
def test_a_foreign_v_written_with_feh(arabic: str, latin: str) -> None:
    (token,) = romanise(arabic)
    assert abjad_key(token) in v_abjad_keys(latin.lower())
    assert abjad_key(latin.lower()) in f_as_v_keys(abjad_key(token))  # what the index looks up
    assert abjad_v_fits(token, latin.lower())


@pytest.mark.parametrize(
    ("arabic", "latin", "fits"),
    [
        ("خامنئي", "Khamenei", True),
        ("خامنئي", "Kumanova", False),  # a v the script does not write
        ("جواد", "Javad", True),  # Persian و
        ("مروان", "Marwan", True),
        ("محمود", "Mahmoud", True),  # و a vowel
    ],
)
def test_abjad_v_fits(arabic: str, latin: str, fits: bool) -> None:
    (token,) = romanise(arabic)
    assert abjad_v_fits(token, latin.lower()) is fits


@pytest.mark.parametrize("persian", ["خامنه‌ای", "خامنه ای", "خامنه‌ی"])
def test_persian_ei_after_a_silent_heh_is_one_word(persian: str) -> None:
    assert [f.norm for f in token_forms(persian)] == [f.norm for f in token_forms("خامنئي")]


def test_sayyid_joined_to_a_name_is_two_words() -> None:
    assert romanise("سیدرضا") == ("syd", "rda")
    assert word_segments("سیدرضا", 2) == ["سید", "رضا"]
    assert romanise("سيدي") == ("sydy",)  # Sidi: a word of its own
