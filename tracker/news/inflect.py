"""Names as running text writes them: case endings, suffixes, attached words (issue 14 item 1).

The lists give a name in its base form; news text glues grammar to it. The scanner tries, besides the
word itself, the stems these rules give (each rule returns stems only, never the word itself):

- ``apostrophe_suffix``: Turkish writes a proper name's case suffix after an apostrophe
  ("Putin'le", "Lavrov'un", "Nabiullina'nın"): the suffix is cut off the mention's span, like "'s".
- ``latin_stems``: Finnish case endings ("Nabiullinan", "Putinin", "Rotenbergille") and the German
  genitive -s ("Timtschenkos"); German "sch" also stands for Russian ж (Prigoschin -> Prigozhin).
- ``arabic_stems``: Arabic and Persian attach conjunctions and prepositions (و ب ل ك ف) to the next
  word ("لسليماني", "وخامنئي"); the article ال is split off by the normaliser itself.
- ``hangul_stems``: Korean particles follow a name without a space ("리병철은", "김정은의",
  "라브로프가").
- ``russian_readings``: a Russian name in Hangul (푸틴, 라브로프) read back into Latin letters by the
  Korean rules for transcribing Russian, since romanising the Hangul gives "phu thin".

Stems keep at least ``MIN_STEM`` letters (3 syllables / letters for Hangul and Arabic).
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_STEM = 4

# Finnish case endings (genitive, partitive, the local cases, essive, translative, illative), the
# German genitive -s. Longest first; each that matches gives a stem.
_LATIN_ENDINGS = (
    "ille", "illa", "ilta", "issa", "ista", "iksi", "ina", "iin",
    "lle", "lla", "llä", "lta", "ltä", "ssa", "ssä", "sta", "stä", "ksi", "aan", "ään",
    "in", "ia", "na", "nä", "iä",
    "n", "a", "ä", "s",
)  # fmt: skip
_ENDING_LETTERS = frozenset(e[-1] for e in _LATIN_ENDINGS)
# the endings by their last letter, in the order above: only those can end a word
_ENDINGS_BY_LETTER = {c: tuple(e for e in _LATIN_ENDINGS if e[-1] == c) for c in _ENDING_LETTERS}
_APOSTROPHE_SUFFIX = re.compile(r"['’]([a-zçğıöşü]{1,6})$")
_ARABIC_PREFIXES = (
    "وبال",
    "وال",
    "بال",
    "فال",
    "كال",
    "لل",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "و",
    "ب",
    "ل",
    "ك",
    "ف",
)
# Korean particles after a name (topic, subject, object, genitive, dative, comitative, ...).
_HANGUL_PARTICLES = (
    "에게서", "에게는", "에게", "에서", "께서", "으로", "와의", "과의", "까지", "부터", "처럼", "보다", "라고", "이라고",
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "께",
)  # fmt: skip


def apostrophe_suffix(raw: str) -> int:
    """Characters of a Turkish case suffix after an apostrophe to cut off ("Putin'le" -> 3), else 0.
    An English possessive ("'s") is ``possessive_length``'s; O'Brien's capital keeps the word whole."""
    match = _APOSTROPHE_SUFFIX.search(raw)
    if match is None or match.group(1) == "s" or match.start() < 3:
        return 0
    return len(raw) - match.start()


@lru_cache(maxsize=100_000)
def latin_stems(word: str) -> tuple[str, ...]:
    """Stems of a Latin-script word without a Finnish case ending or German genitive -s, and the
    German "sch" read as ж."""
    lower = word.lower()
    if lower[-1:] not in _ENDING_LETTERS and "sch" not in lower:
        return ()  # most words: no ending to try (a run's every new capitalised word asks)
    stems = [
        word[: len(word) - len(e)]
        for e in _ENDINGS_BY_LETTER.get(lower[-1:], ())
        if lower.endswith(e) and len(word) - len(e) >= MIN_STEM
    ]
    if "sch" in lower:
        stems += [re.sub("sch", "zh", s, flags=re.IGNORECASE) for s in (word, *stems)]
    return tuple(dict.fromkeys(s for s in stems if s.lower() != lower))


@lru_cache(maxsize=100_000)
def arabic_stems(word: str) -> tuple[str, ...]:
    """The word without an attached conjunction or preposition (و ب ل ك ف, with or without ال)."""
    stems = []
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix) :]
            stems.append("ال" + rest if prefix.endswith("ال") or prefix == "لل" else rest)
    return tuple(dict.fromkeys(stems))


@lru_cache(maxsize=100_000)
def hangul_stems(word: str) -> tuple[str, ...]:
    """The word without a trailing Korean particle (a name keeps at least two syllables)."""
    return tuple(word[: -len(p)] for p in _HANGUL_PARTICLES if word.endswith(p) and len(word) - len(p) >= 2)


def is_hangul(word: str) -> bool:
    return "\uac00" <= word[0] <= "\ud7a3"


def is_han(word: str) -> bool:
    return "\u4e00" <= word[0] <= "\u9fff"


def is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


# Russian names in Korean (the National Institute of Korean Language's rules for Russian): read back
# letter by letter, each Hangul letter standing for the Russian sounds the rules write with it.
# Initial consonants, vowels and final consonants of a syllable (Unicode order); ㅡ is the vowel the
# rules add to a lone consonant (Лавров -> 라브로프), so it reads as nothing.
_INITIALS = (
    ("g",), ("k",), ("n",), ("d",), ("t",), ("l", "r"), ("m",), ("b", "v"), ("p",), ("s",), ("s",),
    ("",), ("zh", "z"), ("ts",), ("ch", "ts"), ("k",), ("t",), ("p", "f", "v"), ("kh", "h"),
)  # fmt: skip
_VOWELS = (
    "a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "va", "ve", "oe", "yo", "u", "vo", "ve", "vi",
    "yu", "", "y", "i",
)  # fmt: skip
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "l", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
    "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_MAX_READINGS = 32


def russian_readings(word: str) -> tuple[str, ...]:
    """A Hangul word read back as a Russian name in Latin letters, every reading the rules allow
    (라브로프 -> lavrov among 24, 푸틴 -> putin, 세르게이 -> sergei, 쇼이구 -> shoigu); () for a
    word of other letters or one with too many readings."""
    readings = [""]
    previous_final = ""
    for char in word:
        code = ord(char) - 0xAC00
        if not 0 <= code < 11172:
            return ()
        initial, vowel, final = _INITIALS[code // 588], _VOWELS[(code % 588) // 28], _FINALS[code % 28]
        if previous_final == "l" and initial == ("l", "r"):
            initial = ("",)  # 블라 is bla: the rules double л between vowels
        if initial == ("s",) and vowel.startswith("y"):
            initial, vowel = ("sh",), vowel[1:]  # 쇼 is sho (ш), 슈 shu
        readings = [r + i + vowel + final for r in readings for i in initial]
        if len(readings) > _MAX_READINGS:
            return ()
        previous_final = final
    return tuple(dict.fromkeys(r for r in readings if len(r) >= 3))


# Russian names in Chinese (the Xinhua convention: 拉夫罗夫 Лавров, 绍伊古 Шойгу, 谢尔盖 Сергей) read
# back from their pinyin, syllable by syllable: each initial and final stands for the Russian sounds
# the convention writes with it. A final's vowel is often only there to carry a lone consonant
# (夫 fu = в/ф, 斯 si = с, 克 ke = к), so it may read as nothing; 科 ke is also ко, 杰 jie also де.
# The convention writes a soft т like a soft д, with j (ти, ди 季 ji; тин 京 jing: Распутин 拉斯普京,
# Путин 普京), so j also reads as t.
_PINYIN_INITIALS = {
    "zh": ("zh", "z"), "ch": ("ch",), "sh": ("sh",), "b": ("b",), "p": ("p",), "m": ("m",),
    "f": ("f", "v"), "d": ("d",), "t": ("t",), "n": ("n",), "l": ("l", "r"), "g": ("g",), "k": ("k",),
    "h": ("kh", "h"), "j": ("zh", "g", "d", "t"), "q": ("ch", "ts"), "x": ("s", "sh"), "r": ("r", "zh"),
    "z": ("z", "ts"), "c": ("ts",), "s": ("s",), "y": ("y", ""), "w": ("v", ""),
}  # fmt: skip
_PINYIN_FINALS = {
    "a": ("a",), "o": ("o",), "e": ("e", "", "o"), "i": ("i", "y", ""), "u": ("u", ""), "v": ("yu", "u"),
    "ai": ("ai", "ey", "ei"), "ei": ("ei", "ey", "e"), "ao": ("ao", "o"), "ou": ("ou", "o", "u"),
    "an": ("an",), "en": ("en", "in"), "ang": ("an",), "eng": ("en",), "ong": ("on",), "er": ("r", "l", "er"),
    "ia": ("ya", "ia"), "ie": ("ye", "e"), "iao": ("yao", "io"), "iu": ("yu", "iu"), "ian": ("yan", "en"),
    "in": ("in",), "iang": ("yan",), "ing": ("in",), "iong": ("yon",), "ua": ("ua", "va"), "uo": ("o", "uo"),
    "uai": ("uai",), "ui": ("ui", "vi"), "uan": ("uan", "van"), "un": ("un",), "uang": ("uan",),
    "ue": ("ye", "ue"), "ve": ("ye",),
}  # fmt: skip
_MAX_PINYIN_READINGS = 2048

# The characters the Xinhua convention (its Russian, English and Arabic tables, as in GB/T 17693)
# writes foreign names with, one sound each: a Latin-only listed name is read out of Chinese text only
# from a run of these (出了 or 除了以 read as CHURO are ordinary words, not a name).
TRANSLITERATION_CHARS = frozenset(
    "阿奥乌埃耶约伊厄尤亚叶欧艾安因翁昂敏延辅"
    "巴博布别比贝邦班本宾鲍波伯保拜帕普佩皮彼潘彭平蓬"
    "瓦沃武韦维夫万文旺温弗法福富费菲凡芬丰"
    "达多杜杰季德丹登迪东敦代戴得塔托图捷特京坦滕廷通顿泰蒂汀汤"
    "纳诺努涅尼恩娜南嫩宁农妮内奈拉洛卢列利尔柳兰连林隆伦莉丽琳勒莱露璐罗鲁里留朗雷烈历"
    "马莫穆梅米姆曼缅明蒙门玛麦迈默罕"
    "加戈古格吉甘根金贡冈盖卡科库克基坎肯孔昆凯"
    "哈霍胡赫希汉亨欣洪珲海侯扎若茹热日任让"
    "沙绍舒谢什尚申舍夏晓休先恰乔丘切奇钦琴楚契察佐采齐茨岑祖泽济兹赞津宗"
    "萨索苏西斯桑森辛松孙赛山大甫逊卜翰詹雅思黛丝芙蕾琪莎薇瑞卓怀惠劳娃娅"
)
# Those that in running Chinese text almost only write a foreign sound: a name read next to one is a
# piece of a longer foreign name (拉斯普京 Rasputin holds 普京 Putin). Left out: the ones that
# start or end ordinary words a name is often written against (希望, 敦促, 坦言, 列举, 顿时, 乌克兰).
_FOREIGN_ONLY = frozenset(
    "斯夫娃娜娅基科尔耶伊奥埃阿诺罗洛卢鲁捷季莫索萨蒂莉琳妮茨兹佩彼帕普巴贝博瓦沃韦弗菲杰涅尼纳拉"
    "柳穆梅姆戈吉格库卡赫霍扎茹舍绍舒恰乔丘琴钦岑祖津辛甫什哈滕汀廷森逊曼莱勒缅珲迪泽济蕾莎薇黛芙琪"
    "璐翰詹卜罕默侯"
)
# The dot Chinese writes between the parts of a foreign name (弗拉基米尔·普京).
NAME_DOTS = frozenset("·・‧•")


def foreign_name_at(text: str, start: int, end: int) -> bool:
    """Can text[start:end] be a whole foreign name (or one part of one) written in Chinese: only
    transliteration characters, and no character beside it that only writes foreign sounds (else it
    is a piece of a longer name: 普京 inside 拉斯普京)."""
    if not all(c in TRANSLITERATION_CHARS for c in text[start:end]):
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before not in _FOREIGN_ONLY and after not in _FOREIGN_ONLY


def given_name_before(text: str, start: int) -> str | None:
    """The foreign given name written before a family name beginning at ``start`` and joined to it
    by a name dot (弗拉基米尔·普京 -> 弗拉基米尔), or None when no dot joins one."""
    if start < 2 or text[start - 1] not in NAME_DOTS:
        return None
    first = start - 1
    while first > 0 and text[first - 1] in TRANSLITERATION_CHARS:
        first -= 1
    return text[first : start - 1] or None


# Syllables that Chinese writes a lone consonant of an Arabic or Persian name with (德 d of Assad, 斯
# s of Nasrallah, 尔 r, 赫 kh, 夫 f, 克 k, 特 t, 布 b, 姆 m, 格 g, 兹 z, 勒 l, 茨 ts, 什 sh): only
# their vowel may be no vowel of the name (伊 yi, 尼 ni, 曼 man are all there is).
ABJAD_CARRIERS = frozenset(
    ["de", "te", "ke", "ge", "he", "le", "ze", "si", "zi", "ci", "shi", "fu", "bu", "pu", "mu", "er"]
)


def pinyin_russian_readings(
    syllables: tuple[str, ...], carriers: frozenset[str] | None = None
) -> tuple[str, ...]:
    """Pinyin syllables of a Russian name written in Chinese, read back in Latin letters: every
    reading the convention allows (la fu luo fu -> lavrov, shao yi gu -> shoigu, xie er gai ->
    sergey); () when a syllable is not pinyin or the readings are too many. With ``carriers``
    (``ABJAD_CARRIERS``: an Arabic or Persian name) only those syllables may lose their vowel, and
    w or y is a consonant but in wu and yi."""
    readings = [""]
    for syllable in syllables:
        initial = next((i for i in ("zh", "ch", "sh") if syllable.startswith(i)), syllable[:1])
        if initial not in _PINYIN_INITIALS:
            initial = ""
        final = syllable[len(initial) :]
        if initial in ("j", "q", "x", "y") and final.startswith("u"):
            final = "v" + final[1:]  # ju, qu, xu, yu write ü as u
        sounds = _PINYIN_INITIALS.get(initial, ("",))
        endings = _PINYIN_FINALS.get(final)
        if endings is None:
            return ()
        if carriers is not None and syllable not in carriers:
            endings = tuple(e for e in endings if e) or endings
        if carriers is not None and initial in ("w", "y") and final not in ("u", "i"):
            sounds = tuple(s for s in sounds if s)  # 瓦 wa is wa (乌 wu is u, 伊 yi i)
        readings = list(dict.fromkeys(r + s + e for r in readings for s in sounds for e in endings))
        if len(readings) > _MAX_PINYIN_READINGS:
            return ()
    return tuple(r for r in readings if len(r) >= 3)


# French writes Russian у as ou and ш as ch (Ousmanov: Usmanov, Chouvalov: Shuvalov, Alicher:
# Alisher). Read so only a word with a Russian surname's ending (or a given name beside one, which the
# scorer compares): "ou" and "ch" are ordinary in English and French words.
_RUSSIAN_ENDING = re.compile(r"(?:ov|ova|ev|eva|ine|ina|enko|ouk|oukh)$", re.IGNORECASE)
_FRENCH_FOR_RUSSIAN = ((re.compile("ou", re.IGNORECASE), "u"), (re.compile("ch", re.IGNORECASE), "sh"))


def french_russian_form(word: str) -> str | None:
    """A Russian surname as French spells it, in English letters ("Ousmanov" -> "Usmanov",
    "Chouvalov" -> "Shuvalov"); None for other words."""
    if not _RUSSIAN_ENDING.search(word):
        return None
    form = word
    for pattern, repl in _FRENCH_FOR_RUSSIAN:
        form = pattern.sub(repl, form)
    return form[0].upper() + form[1:] if form != word else None
