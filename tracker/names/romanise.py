"""Romanisation of one name word, script by script: the spellings a sanctions list would write.

``romanise(word)`` gives the main spelling (lower-case ASCII tokens) and ``alternatives(word)`` the
other spellings lists use for the same word, token for token. Which library serves which script:

- Cyrillic: our GOST/BGN-like table (ICU costs ~4 µs a word, and the lists' English spellings follow
  this table most closely); ICU's BGN/PCGN transforms give the national spellings as alternatives when
  the word shows a national letter (Ukrainian і ї є ґ, Belarusian ў, Serbian/Macedonian ђ ј љ њ ћ џ
  ѓ ќ ѕ, Kazakh ә ғ қ ң ө ұ ү һ): "Гайдукевіч" -> gaidukevich / haidukevich.
- Greek: ICU "Greek-Latin/UNGEGN" (ELOT 743: Ευάγγελος -> evangelos, Μπακογιάννης -> bakogiannis),
  ICU's classical "Greek-Latin" as an alternative (euangelos), and the sounds the Greek press means
  when it writes a foreign name (γκ g, μπ b, ντ d, τσ ts or ch, τζ j, χ kh, final -φ v: Σεργκέι
  Λαβρόφ -> sergei lavrov, Αμπράμοβιτς -> abramovich) as alternatives (``_greek_foreign``).
- Arabic and Persian: spelling variants folded first (ی/ي/ى, ک/ك, ة, hamza seats, harakat, tatweel,
  zero-width joiners), the article ال split off (الحسن -> al hasan), then ICU "Arabic-Latin" (a
  letter-by-letter transliteration: these scripts write few vowels, so the comparison of such tokens
  goes through ``tracker.names.normalize.abjad_key``).
- Chinese (simplified and traditional): pypinyin; a word of two to four characters is a personal
  name, written as lists write it: family name, then the given name's syllables joined (王君正 ->
  wang junzheng; compound family names such as 欧阳 stay one token).
- Hangul: syllable by syllable with the North Korean / McCune-Reischauer spellings the lists use
  (리병철 -> ri pyong chol, 최룡해 -> choe ryong hae); Revised Romanization (choe -> choe, 병 -> byeong)
  and McCune-Reischauer with ch/k/t/p as alternatives, and the popular South Korean spellings
  (성 Sung, 현 Hyun, 수 Soo, 최 Choi, 박 Park). The jamo come from Unicode's syllable
  arithmetic (The Unicode Standard, ch. 3.12), the letter tables are the DPRK 1992 / MR / RR ones.
- Latin: diacritics dropped (Janukovič -> janukovic), with the national reading as an alternative
  (č š ž ć ş ç -> ch sh zh ch sh ch: janukovich) and the Swedish, German, French, Polish and Czech
  transliterations of Slavic names turned into the English-style one (Vjatjeslav -> vyacheslav,
  Timtschenko -> timchenko, Kovaltchouk -> kovalchuk); a German spelling in every reading of its
  ambiguous letters (Prigoschin -> prigoshin, prigozhin; Sacharow -> zakharov).
- Any other script: rigour's ICU-based ``ascii_text``.

Pure functions with per-word caches; ICU transliterators are created once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from rigour.text import ascii_text

from tracker.names.scripts import detect_script


def _words(table: str) -> list[str]:
    """A letter table written as space-separated words."""
    return table.split()


ABJAD_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# --- Cyrillic -------------------------------------------------------------------------------------

_CYRILLIC = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъыьэюяёіїєґўђјљњћџѓќѕәғқңөұүһ",
        _words(
            "a b v g d e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya e i i ye g u dj j lj nj c "
            "dz gj kj dz a gh q n o u u h"
        ),
        strict=True,
    )
)
_UKRAINIAN = {**_CYRILLIC, "г": "h", "и": "y", "й": "i", "є": "ye", "ї": "yi"}
_CYRILLIC_TABLE = str.maketrans({k: v.strip("_") for k, v in _CYRILLIC.items()})
_UKRAINIAN_TABLE = str.maketrans({k: v.strip("_") for k, v in _UKRAINIAN.items()})
_UKRAINIAN_LETTERS = frozenset("іїєґ")
# Letters that show the language, and the ICU BGN/PCGN transforms that give its official spelling.
_NATIONAL: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset("іїєґ"), ("uk-uk_Latn/BGN",)),
    (frozenset("ў"), ("be-be_Latn/BGN",)),
    (frozenset("і"), ("be-be_Latn/BGN",)),
    (frozenset("ђћ"), ("sr-sr_Latn/BGN",)),
    (frozenset("јљњџ"), ("sr-sr_Latn/BGN", "mk-mk_Latn/BGN")),
    (frozenset("ѓќѕ"), ("mk-mk_Latn/BGN",)),
    (frozenset("әғқңөұүһ"), ("kk-kk_Latn/BGN",)),
)

# --- Latin ----------------------------------------------------------------------------------------

_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i", "ħ": "h", "ß": "ss"}
)
# The national reading of letters with diacritics (Czech, Slovak, Polish, Croatian, Turkish,
# Romanian, Latvian, Lithuanian): the sound an English-style spelling writes.
_NATIONAL_LATIN = str.maketrans(
    {
        "č": "ch",
        "ć": "ch",
        "ç": "ch",
        "š": "sh",
        "ś": "sh",
        "ş": "sh",
        "ș": "sh",
        "ž": "zh",
        "ź": "zh",
        "ż": "zh",
        "ř": "rzh",
        "ț": "ts",
        "ţ": "ts",
        "ğ": "",
        "đ": "dj",
        "ł": "l",
    }
)
# Other European spellings of Slavic names -> the English-style one. Each group is one language's
# convention, tried on a whole lower-case ASCII word when the word shows its sign (the first pattern),
# its rules applied in order (capitals are placeholders, so that a rule never rewrites the output of
# an earlier one). Seen in the EU list's language-tagged names (sv, de, fr, pl, cs, fi, nl) against
# OFAC's and the UK's spelling of the same person.
_SWEDISH = (
    (r"(?<![ts])ch", "K"),
    (r"tsj", "C"),
    (r"dzj", "J"),
    (r"tj", "C"),
    (r"sj", "S"),
    (r"zj", "Z"),
    (r"j", "y"),
)
# Letters of the Slavic Latin alphabets (Czech, Slovak, Polish, Belarusian Łacinka, Sorbian), in whose
# words c is ц; not ç (French, Turkish: ch), nor the letters that other languages share.
_SLAVIC_LETTERS = re.compile("[čšžřěůŭňťďľĺŕźżśćńł]")
_SLAVIC_C = re.compile(r"c(?![hz])")
_SLAVIC_S = r"(?<=[aeiouy])s(?=[aeiouy]).*(?:ov|ova|ev|eva|in|ina|yn|yna|ko|uk|yk)$"
_SLAVIC_H = r"(?<![ckszgtpd])h.*(?:ova?|eva?|ina?|yna?|nik|enko|uk|ych|yvna|ivna|ii|iy)$"
_CH_AS_KH = r"(?<![ts])ch(?!$)|(?<![ts])(?<!v[iy])ch$"
_LATIN_GROUPS: tuple[tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]], ...] = tuple(
    (re.compile(sign), tuple((re.compile(p), r) for p, r in rules))
    for sign, rules in (
        # German: Timtschenko, Schoigu, Jewgeni, Kowaltschuk, Abramowitsch
        (
            r"sch|w",
            (
                (r"witsch$", "vich"),
                (r"dsch", "J"),
                (r"tsch", "C"),
                (r"sch", "S"),
                (r"w", "v"),
                (r"^j(?=[aeiou])", "y"),
                (r"(?<=[aeiou])j", "y"),
            ),
        ),
        # German, Czech, Slovak, Polish, Scandinavian j for y: Jurij, Jelena, Aleksej (not Jamal, Jaber)
        (
            r"[aei]j$|^j[aeou]|[a-ce-z]j[aeiou]",
            ((r"^j(?=[aeiou])", "y"), (r"(?<=[a-ce-z])j", "y")),
        ),
        # Swedish / Finnish / Dutch: Vjatjeslav, Babasjov, Tjausova, Zjukov, Tsjernov; their ch is kh
        # (Vachajevitj: Vakhayevich)
        (r"[tsz]j", _SWEDISH),
        # and their o after a hushing consonant in -ov(a) may be Russian ё, which English writes e
        # (Fomitjov: Fomichev, Tjernysjov: Chernyshev; skeleton_key folds "yo" to e), as well as о
        # (Babasjov: Babashov, above)
        (r"[tsz]jova?$", (*_SWEDISH, (r"(?<=[CSZ])o(?=va?$)", "yo"))),
        # Swedish, German, Czech, Polish ch for Russian х, where English writes kh: Bekchan (Bekkhan),
        # Achmadov, Arťuchov (Artyukhov), Telnych (Telnykh); also Afghan names (Barich / بريخ). Not in
        # the patronymic ending -vich / -vych, English ч (Ivanovich).
        (_CH_AS_KH, ((_CH_AS_KH, "K"),)),
        # Swedish, Czech, Polish dj before a vowel in a Slavic family name or patronymic: д and a soft
        # vowel (Fedjajev: Fedyaev), not дж (Swedish dzj) nor the Serbian đ (Djokovic ends in -ic)
        (
            r"dj[aeiou].*(?:ov|ova|ev|eva|in|ina|yn|yna|itj|ovna|evna)$",
            ((r"(?<=d)j", "y"), (r"^j(?=[aeiou])", "y"), (r"(?<=[aeiou])j", "y")),
        ),
        # Czech, Slovak, Polish, Baltic c for ц in a Slavic family name: Voroncova (Vorontsova), Cvetkov
        (r"c(?![hzk]).*(?:ov|ova|ev|eva|in|ina|ko|uk|yk)$", ((r"c(?![hzk])", "ts"),)),
        # French: Kovaltchouk, Iouri, Poutine, Prigojine, Chevtchenko, Rachkine, Evgueni
        (
            r"ou|tch|ine$|gu[eiy]",
            (
                (r"tch", "C"),
                (r"gu(?=[eiy])", "g"),
                (r"dj", "J"),
                (r"ch", "S"),
                (r"j", "Z"),
                (r"ou", "u"),
                (r"(?<=[^aeiou][aeiouy]n)e$", ""),
                (r"^i(?=[aeiou])", "y"),
            ),
        ),
        # Polish / Czech without diacritics: Kowalczuk, Szojgu, Rzepin, Jurij
        (
            r"[csr]z|w",
            (
                (r"szcz", "SC"),
                (r"cz", "C"),
                (r"sz", "S"),
                (r"rz", "Z"),
                (r"w", "v"),
                (r"ch", "kh"),
                (r"c", "ts"),
                (r"j", "y"),
            ),
        ),
        # German s for з between vowels in a Slavic family name (Rogosin, Mosalew: Rogozin, Mozalev);
        # German writes с there as ss
        (_SLAVIC_S, ((r"(?<=[aeiouy])s(?=[aeiouy])", "z"),)),
        # Ukrainian and Belarusian h for г, where Russian spellings write g, in an East Slavic name:
        # Hryhorovych (Grigorevich), Hutnik (Gutnik), Serhii (Sergei); h not of a digraph (kh, zh ...)
        (_SLAVIC_H, ((r"(?<![ckszgtpd])h", "g"),)),
        # Czech, Slovak, Polish c for ц in a Russian family name's ending: Kobec, Pticyn, Sluckij
        (r"[^aeiou]ec$|cyna?$|ck(?:ij|aja|ii|y|a)$", ((r"c(?!h)", "ts"),)),
    )
)
# German (Duden) spellings of Russian names write one letter for two Russian ones: sch is ш or ж
# (Schoigu, Prigoschin), s is с or з (Sergej, Sacharow, Morosow); z is ц (Kusnezow), ch is х, w is в,
# schtsch is щ, j an iotated vowel's glide (Jewgeni, Rjabzewa, Ljudmila). Every reading of the
# ambiguous letters is tried, up to GERMAN_AMBIGUOUS of them in a word (2 ** 3 spellings).
GERMAN_AMBIGUOUS = 3
_GERMAN_SIGN = re.compile(r"sch|w|(?<!t)z")
_GERMAN_FIRST = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"witsch$", "vich"),
        (r"schtsch", "SC"),
        (r"dsch", "J"),
        (r"tsch", "C"),
        (r"sch", "Q"),  # ш or ж: read below
        (r"ch", "K"),
        (r"ss", "s"),
        (r"w", "v"),
        (r"(?<!t)z", "ts"),
        (r"x", "ks"),
        (r"^j(?=[aeiou])", "y"),
        (r"(?<=[aeiou])j", "y"),
        (r"(?<=[bdfgklmnprstv])j(?=[aeiou])", "y"),
    )
)
_GERMAN_AMBIGUOUS = re.compile(r"Q|s")


def _german_spellings(word: str) -> list[str]:
    """English-style spellings of a German-written Russian name, one per reading of its ambiguous
    letters (sch: sh / zh, s: s / z); [] for a word without a German sign or with too many."""
    if not _GERMAN_SIGN.search(word):
        return []
    plain = word
    for pattern, repl in _GERMAN_FIRST:
        plain = pattern.sub(repl, plain)
    pieces = _GERMAN_AMBIGUOUS.split(plain)
    found = _GERMAN_AMBIGUOUS.findall(plain)
    if len(found) > GERMAN_AMBIGUOUS:
        return []
    readings = {"Q": ("S", "Z"), "s": ("s", "z")}
    spellings = [pieces[0]]
    for letter, piece in zip(found, pieces[1:], strict=True):
        spellings = [done + read + piece for done in spellings for read in readings[letter]]
    return [spelling.translate(_PLACEHOLDERS) for spelling in spellings]


_PLACEHOLDERS = str.maketrans({"C": "ch", "S": "sh", "Z": "zh", "J": "j", "K": "kh"})

# --- Arabic script ----------------------------------------------------------------------------------

_ARABIC_FOLD = str.maketrans(
    {
        "ی": "ي",  # Persian yeh
        "ى": "ي",  # alef maksura
        "ۍ": "ي",
        "ې": "ي",
        "ک": "ك",  # Persian keheh
        "ڪ": "ك",
        "ة": "ه",  # ta marbuta: -a / -ah in Latin spellings
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",  # Urdu heh doachashmee and heh goal, in Arabic names written in Pakistan
        "ہ": "ه",
        "ۃ": "ه",
        "ے": "ي",  # Urdu yeh barree
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "ـ": None,  # tatweel
        "\u200c": None,  # zero-width non-joiner (Persian)
        "\u200d": None,
        "\u200f": None,
        "\u200e": None,
    }
)
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARTICLE = re.compile("^(?:ال)(?=..)")
# Name words whose Latin spelling is fixed, written as the lists write them (after the folds above):
# the patronymic particles (bin, ibn, bint: free in the scorer), the kunya abu and umm, abd of the
# theophoric names, Mauritanian ould. Letter by letter they would be bn, abn, bnt, abw, am, bd.
_ARABIC_WORDS = {
    "ال": "al",
    "الله": "allah",  # not the article and "lh" (سيف الله: Saifullah, Seif Allah)
    "بن": "bin",
    "ابن": "ibn",
    "بنت": "bint",
    "ابو": "abu",
    "ابي": "abi",
    "ام": "umm",
    "عبد": "abd",
    "ولد": "ould",
}

# --- Hangul ---------------------------------------------------------------------------------------

# Initial consonants (19), vowels (21), final consonants (28, the first "none"), in Unicode order.
_HANGUL_INITIAL_NK = _words("k kk n t tt r m p pp s ss - j jj ch kh th ph h")
_HANGUL_INITIAL_RR = _words("g kk n d tt r m b pp s ss - j jj ch k t p h")
_HANGUL_INITIAL_MR = _words("k kk n t tt r m p pp s ss - ch tch ch k t p h")
_HANGUL_VOWEL_NK = _words("a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i")
_HANGUL_VOWEL_RR = _words("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_HANGUL_FINAL = _words("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def _hangul_syllable(char: str, initials: list[str], vowels: list[str]) -> str:
    index = ord(char) - _HANGUL_FIRST
    initial, vowel, final = index // 588, index % 588 // 28, index % 28
    return (initials[initial] + vowels[vowel] + _HANGUL_FINAL[final]).replace("-", "")


def _hangul(word: str, initials: list[str], vowels: list[str] | None) -> tuple[str, ...]:
    """``word`` syllable by syllable; ``vowels`` None: the popular spellings (``_popular_syllable``)."""
    tokens = []
    for char in word:
        if _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST:
            if vowels is None:
                tokens.append(_popular_syllable(char, initials))
            else:
                tokens.append(_hangul_syllable(char, initials, vowels))
        else:
            tokens.extend(t for t in _NON_ALNUM.split(ascii_text(char).casefold()) if t)
    return tuple(t for t in tokens if t)


# The spellings South Korean names take in passports, the press and some list entries, neither
# McCune-Reischauer nor Revised Romanization: ㅓ u (성 Sung, 천 Chun, 철 Chul, 정 Jung), ㅕ yu (현
# Hyun, 병 Byung; 영 Young alone), ㅜ oo (수 Soo, 문 Moon; 우 Woo alone), ㅠ yoo (윤 Yoon), ㅚ oi (최
# Choi), ㅅ before ㅣ sh (신 Shin). The EU lists "Sung Su KIM" for 김성수 and "CHOE Chun Sik" for 최천식.
_HANGUL_VOWEL_POPULAR = _words("a ae ya yae u e yu ye o wa wae oi yo oo wo we wi yoo eu ui i")
_ALONE_POPULAR = {6: "you", 13: "woo"}  # ㅕ, ㅜ with no initial consonant
_SIOS, _VOWEL_I = 9, 20
# First syllables (family names) whose usual spelling follows no letter table: 박 Park, 오 Oh ...
_FAMILY_POPULAR = {
    "박": "park",
    "오": "oh",
    "안": "ahn",
    "서": "suh",
    "허": "huh",
    "노": "roh",
    "로": "roh",
    "고": "koh",
    "손": "sohn",
    "임": "lim",
    "림": "lim",
    "백": "paik",
}


def _popular_syllable(char: str, initials: list[str]) -> str:
    index = ord(char) - _HANGUL_FIRST
    initial, vowel, final = index // 588, index % 588 // 28, index % 28
    if initial == _INITIAL_NONE and vowel in _ALONE_POPULAR:
        spelled = _ALONE_POPULAR[vowel]
    else:
        start = "sh" if initial == _SIOS and vowel == _VOWEL_I else initials[initial]
        spelled = start + _HANGUL_VOWEL_POPULAR[vowel]
    return (spelled + _HANGUL_FINAL[final]).replace("-", "")


# South Korea's initial-sound law (두음법칙) drops or softens a first ㄹ / ㄴ that North Korea keeps:
# 리 -> 이 (Ri / Yi), 류 -> 유, 림 -> 임, 로 -> 노, 량 -> 양. A name's first syllable is tried in the
# other reading, and 이 / 리 also as Lee, its usual English spelling.
_IOTATED = frozenset({2, 3, 6, 7, 12, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ (Unicode vowel order)
_INITIAL_N, _INITIAL_R, _INITIAL_NONE = 2, 5, 11
_LEE = frozenset({"이", "리"})


def _other_first_readings(word: str) -> list[str]:
    """``word`` with its first syllable in the other Korea's reading (none if the law does not apply)."""
    first = ord(word[0]) - _HANGUL_FIRST if word else -1
    if not 0 <= first <= _HANGUL_LAST - _HANGUL_FIRST:
        return []
    initial, rest = first // 588, first % 588
    iotated = rest // 28 in _IOTATED
    if initial == _INITIAL_R:
        others = [_INITIAL_NONE] if iotated else [_INITIAL_N]
    elif initial == _INITIAL_NONE and iotated:
        others = [_INITIAL_R]  # (ㄴ too in the law, 녀 -> 여, but rare in names)
    elif initial == _INITIAL_N and not iotated:
        others = [_INITIAL_R]
    else:
        return []
    return [chr(_HANGUL_FIRST + other * 588 + rest) + word[1:] for other in others]


# --- Chinese --------------------------------------------------------------------------------------

# Two-character family names (the common ones of the Hundred Family Surnames), simplified and
# traditional: 欧阳修 -> ouyang xiu, not ou yangxiu.
_COMPOUND_SURNAMES = frozenset(
    _words(
        "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 夏侯 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 令狐 宇文 司徒 "
        "申屠 端木 独孤 獨孤 南宫 南宮 西门 西門 轩辕 軒轅 呼延 万俟 萬俟 澹台 澹臺 闻人 聞人 赫连 赫連"
    )
)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


def _chinese(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # loads its dictionary (~0.3 s) only when Chinese is seen

    syllables = [s.casefold() for s in lazy_pinyin(word, errors="ignore")]
    syllables = [t for s in syllables for t in _NON_ALNUM.split(ascii_text(s)) if t]
    if len(word) != len(syllables) or not 2 <= len(word) <= 4 or not all(map(_is_han, word)):
        return tuple(syllables)
    family = 2 if word[:2] in _COMPOUND_SURNAMES and len(word) > 2 else 1
    return ("".join(syllables[:family]), "".join(syllables[family:]))


# --- Hanja (Chinese characters in Korean names) ----------------------------------------------------


@cache
def _hanja_syllables() -> dict[str, str]:
    """Han character -> its Sino-Korean reading, one Hangul syllable (7,476 characters). From ICU's
    Korean collation, which sorts each Hanja right after the syllable it reads as ("&김<<金",
    "&금<<*今妗..."): the original readings, before South Korea's initial-sound law, as North Korea
    and McCune-Reischauer write them (李 리, 林 림, 柳 류, 盧 로). A character listed under two
    syllables keeps the first."""
    import icu  # PyICU, a dependency of rigour

    rules = str(icu.Collator.createInstance(icu.Locale("ko")).getRules())
    table: dict[str, str] = {}
    for block in rules.split("&")[1:]:
        syllable = block[:1]
        if not _HANGUL_FIRST <= ord(syllable or "\0") <= _HANGUL_LAST:
            continue
        for char in block[1:]:
            if _is_han(char):
                table.setdefault(char, syllable)
    return table


def hanja_as_hangul(text: str) -> str | None:
    """``text`` with every Han character read as Hangul (金正恩 -> 김정은), for a Korean name written
    in Hanja; None when ``text`` holds no Han character or one with no Korean reading. Chinese and
    Korean names share the characters, so search tries this reading beside the pinyin one."""
    if not any(map(_is_han, text)):
        return None
    table = _hanja_syllables()
    # Hanja are the traditional characters: a simplified one (铁) is read as its traditional form (鐵)
    traditional = _transliterate("Hans-Hant", text)
    if len(traditional) != len(text):
        traditional = text
    read = [
        table.get(char, table.get(old, "")) if _is_han(old) else old
        for char, old in zip(traditional, text, strict=True)
    ]
    return None if "" in read else "".join(read)


# --- ICU --------------------------------------------------------------------------------------------


@cache
def _icu(transform: str) -> object:
    import icu  # PyICU, a dependency of rigour

    return icu.Transliterator.createInstance(transform)


def _transliterate(transform: str, text: str) -> str:
    return str(_icu(transform).transliterate(text))  # type: ignore[attr-defined]


# Apostrophes and the half rings of ayn and hamza (ICU's ʿ ʾ): dropped inside a word (Sa'id -> said).
_MARKS = str.maketrans(dict.fromkeys("'’ʼ`ʿʾ‘ʻ", None))


def _ascii_tokens(text: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens of already-latinised text (diacritics and apostrophes dropped)."""
    if text.isascii():
        # The same tokens as below without the per-character pass: ASCII has no diacritic, no letter
        # of _LATIN_EXTRA and casefolds as lower() (most list words: ~0.2 s of a cold index build).
        lower = text.lower()
        if lower.isalnum():  # letters and digits only: one token, nothing to drop or split
            return (lower,)
        return tuple(t for t in _NON_ALNUM.split(lower.translate(_MARKS)) if t)
    decomposed = unicodedata.normalize("NFD", text.casefold().translate(_LATIN_EXTRA))
    latin = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_MARKS)
    if not latin.isascii():
        latin = ascii_text(latin).casefold()
    return tuple(t for t in _NON_ALNUM.split(latin) if t)


# --- per script ---------------------------------------------------------------------------------------


def _arabic_letters(word: str) -> str:
    # NFKC: the presentation forms some list files carry (اﻟﺤﺮاﺷﻲ, the ligature ﷲ) as plain letters
    return _HARAKAT.sub("", unicodedata.normalize("NFKC", word)).translate(_ARABIC_FOLD)


# Two letters that ICU writes as a digraph once in ASCII: ز before ه or ح (ICU: zh, zḥ) is not ژ
# (ICU: zẖ, its own digraphs carry the line below); a vowel between keeps them apart, as Latin
# spellings mostly do (زهدی: Zohdi, not the zh of Zhaleh). So are ط ص ض ظ (ṭ ṣ ḍ ẓ) before ه or ح
# (طه Taha, not Tha; ظهوریان Zahourian; صحراوي Sahrawi), and س ت د ك گ پ before them: سهيل Suhail,
# not the sh of ش (Shil); سحر Sahar; ادهم Adham, not ذ; پهلوی Pahlavi, not ph (f). Where a Latin
# spelling writes the two letters together (Ishaq, Fathi, Adham) its sh, th, dh are read both ways
# (normalize.read_alike_keys).
# Likewise س and د before ج (ICU: sj, dj), which the Latin letters would read as the Swedish sh of
# a Russian name and the French j of Djamel: سجاد Sajjad, سجا Saja, سنندج Sanandaj.
_ZH = re.compile("([zṭṣḍẓstdkgcp])(?=[hḥ])|([sd])(?=j)")


# Ta marbuta (ة, Urdu ۃ) is a final -a / -ah in Latin spellings (حمزة Hamza, كسوحة Kasouha, عطية
# Atiya): romanised as the vowel it ends on, not as the h of ه (طه Taha, وجيه Wajih). Folded to ه
# only for comparing two words in the script (``script_letters``: حمزة / حمزه are one name).
_TA_MARBUTA = str.maketrans(dict.fromkeys("ةۃ", "ا"))
# Two identical consonant letters in a row: the script writes a doubled (geminate) consonant once,
# with a shadda, so two letters have a vowel between them (مددی Madadi, مملوك Mamluk, سنندج Sanandaj,
# مقرر Muqarrar), which the romanisation writes, so that they are not merged as a geminate of a Latin
# spelling is (Mohammed / محمد). Not lam: ال before a word with l (عبدالله, اللطيف) is the
# article's l and the word's, one long l in Latin spellings (Abdullah, Abdellatif).
_DOUBLED = re.compile(r"([^\sاويلء])(?=\1)")


def _vowel_after(match: re.Match[str]) -> str:
    """The letter ``_ZH`` matched, and a vowel after it."""
    return match.group() + "a"


# The honorific سید (Seyyed, Sayyid) written as one word with the name after it, as Persian often
# writes it (سیدرضا: Seyyed Reza, سیدمحمد): two words, so that the title is known as one (three
# letters or more after it: سيدي Sidi, سيدة Sayyida, سيدهم Sidhom are words of their own).
_SAYYID = re.compile("^سيد(?=...)")


def _arabic(word: str) -> tuple[str, ...]:
    letters = _arabic_letters(word)
    spoken = _arabic_letters(word.translate(_TA_MARBUTA))
    article = _ARTICLE.match(letters) and letters not in _ARABIC_WORDS
    parts = [("ال", "ال"), (letters[2:], spoken[2:])] if article else [(letters, spoken)]
    if _SAYYID.match(letters):
        parts = [("سيد", "سيد"), (letters[3:], spoken[3:])]
    tokens: list[str] = []
    for part, sounds in parts:
        if part in _ARABIC_WORDS:
            tokens.append(_ARABIC_WORDS[part])
            continue
        # ain (ICU's ʿ) is a vowel in Latin spellings (Omar, Ali, Eid, Abbas), not nothing: a word
        # that starts with it starts with a vowel.
        latin = _transliterate("Arabic-Latin", _DOUBLED.sub(r"\1ا", sounds)).replace("ʿ", "a")
        tokens.extend(_ascii_tokens(_ZH.sub(_vowel_after, latin)))
    return tuple(tokens)


# A last ه after a consonant is an h, or silent (Persian -eh: زاده Zadeh, فاطمه Fatemeh), or an h
# before an unwritten last vowel (طه Taha). The key drops a last h (normalize.abjad_key), which
# covers the first two; the third is this other spelling.
_LAST_HEH = re.compile("[^اويه]ه$")


def _arabic_alternatives(word: str, main: tuple[str, ...]) -> list[tuple[str, ...]]:
    letters = _arabic_letters(word)
    if not main or not _LAST_HEH.search(letters) or letters.endswith("لله") or not main[-1].endswith("h"):
        return []  # (nor Allah: عبدالله)
    return [(*main[:-1], main[-1] + "a")]


@lru_cache(maxsize=100_000)
def written_vowels(word: str) -> str:
    """An Arabic-script word as ICU's Arabic-Latin writes it, in lower-case ASCII, with its ain kept
    as ' (where Latin spellings write any vowel, or none: مسعود Masood, عمر Omar) instead of the a
    of ``romanise``: its alef is then always a written a. "" for a word in another script."""
    if word.isascii() or detect_script(word) != "Arab":
        return ""
    latin = _transliterate("Arabic-Latin", _arabic_letters(word)).replace("ʿ", "0")
    return "".join(_ascii_tokens(latin)).replace("0", "'")


# The letters that write long vowels (or, first in a word, a consonant or the alef carrying a vowel).
_MATRES = str.maketrans(dict.fromkeys("اوي", None))


@lru_cache(maxsize=100_000)
def script_letters(word: str) -> str:
    """An Arabic-script word's letters with only its spelling variants folded (ی/ي/ى, ک/ك, ة/ه,
    hamza seats, harakat, tatweel, zero-width joiners) and spaces dropped (a token of two words,
    عبد الله, is عبدالله): two words in the script are the same word when these are equal. "" for
    a word in another script, or a token whose own letters are not known (``word_segments``'s
    "word#2")."""
    if word.isascii() or "#" in word or detect_script(word) != "Arab":
        return ""
    return _arabic_letters("".join(word.split()))


@lru_cache(maxsize=100_000)
def script_consonants(word: str) -> str:
    """``script_letters`` without the long-vowel letters ا و ي after the first letter: the letters
    two spellings of one name in the script share (رحمن / رحمان, اسحق / اسحاق). The first letter
    stays, whatever it is: a word that starts with an alef starts with a vowel (احمد Ahmad is not
    حمد Hamad), and a first و or ي is a consonant (وليد Walid). "" for a word in another script."""
    letters = script_letters(word)
    return letters[:1] + letters[1:].translate(_MATRES)


# The Greek press writes a foreign (Russian, Arabic, English) name by its sounds, with digraphs for
# the sounds Greek lacks; ELOT 743 reads them letter by letter (Σεργκέι Λαβρόφ: sernkei lavrof). Each
# digraph with its readings: the first for a foreign name (Ιγκόρ Igor, Βλαντιμίρ Vladimir, Αμπράμοβιτς
# Abramovich), the second where the nasal is sounded (Αλεξάντρ Aleksandr, Ολυμπία Olimbia); τσ / τς are
# ts or Russian ч (Τιμτσένκο Timchenko, -οβιτς -ovich). A vowel digraph is one sound unless the accent
# or a diaeresis is on its second letter's partner (Σεργκέι: e-i; Ραΐσα: a-i): ου u, αι e, ει οι υι i.
_GREEK_DIGRAPHS: dict[str, tuple[str, ...]] = {
    "μπ": ("b", "mb"),
    "ντ": ("d", "nd"),
    "γκ": ("g", "ng"),
    "τσ": ("ts", "ch"),
    "τς": ("ts", "ch"),
    "γγ": ("ng",),
    "γχ": ("nkh",),
    "γξ": ("nx",),
    "τζ": ("j",),
    "ου": ("u",),
    "ού": ("u",),
    "αι": ("e",),
    "αί": ("e",),
    "ει": ("i",),
    "εί": ("i",),
    "οι": ("i",),
    "οί": ("i",),
    "υι": ("i",),
    "αυ": ("av",),
    "αύ": ("av",),
    "ευ": ("ev",),
    "εύ": ("ev",),
}
_GREEK_LETTERS = dict(
    zip(
        "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ",
        _words("a a v g d e e z i i th i i i i k l m n x o o p r s s t i i i i f kh ps o o"),
        strict=True,
    )
)
# γι before a vowel is the y of a foreign name (Γιούρι Yuri, Γιανουκόβιτς Yanukovych, Μπακογιάννης
# Bakoyannis); a final -φ after a vowel is Russian -в (Λαβρόφ Lavrov, Μεντβέντεφ Medvedev).
_GREEK_FINAL_F = re.compile("(?<=[αάεέηήιίοόωώ])φ$")
_GREEK_UNIT = re.compile(
    "γι(?=[αάεέοόωώυύ])|" + "|".join(sorted(_GREEK_DIGRAPHS, key=len, reverse=True)) + "|."
)


def _greek_foreign(word: str) -> list[tuple[str, ...]]:
    """The spellings of a Greek-script word read as a foreign name (see ``_GREEK_DIGRAPHS``): every
    digraph with its first reading, then with its second (nasal, ch): at most four spellings."""
    folded = _GREEK_FINAL_F.sub("β", unicodedata.normalize("NFC", word.casefold()))
    units = _GREEK_UNIT.findall(folded)
    spellings: list[tuple[str, ...]] = []
    for nasal in (0, 1):
        for hushing in (0, 1):
            letters = []
            for position, unit in enumerate(units):
                if unit.startswith("γι"):
                    letters.append("y")
                elif unit in _GREEK_DIGRAPHS:
                    readings = _GREEK_DIGRAPHS[unit]
                    # (a word's first μπ ντ γκ is b d g in Greek names too)
                    pick = hushing if unit[0] == "τ" else nasal if position else 0
                    letters.append(readings[min(pick, len(readings) - 1)])
                else:
                    letters.append(_GREEK_LETTERS.get(unit, unit))
            spellings.append(_ascii_tokens("".join(letters)))
    return spellings


def _cyrillic(word: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFC", word.casefold())
    table = _UKRAINIAN_TABLE if _UKRAINIAN_LETTERS.intersection(folded) else _CYRILLIC_TABLE
    return _ascii_tokens(folded.translate(table))


def _cyrillic_alternatives(word: str) -> list[tuple[str, ...]]:
    folded = unicodedata.normalize("NFC", word.casefold())
    letters = set(folded)
    transforms = [t for shown, ts in _NATIONAL if shown & letters for t in ts]
    spellings = [_ascii_tokens(_transliterate(t, folded)) for t in dict.fromkeys(transforms)]
    if not _UKRAINIAN_LETTERS.intersection(folded):
        spellings.append(_ascii_tokens(folded.translate(_UKRAINIAN_TABLE)))
    else:
        spellings.append(_ascii_tokens(folded.translate(_CYRILLIC_TABLE)))
    return spellings


# Korean family names as the lists write them (DPRK / McCune-Reischauer: RI, CHOE, PAK, JONG, O) and
# as South Korea and the press do (Lee, Yi, Choi, Park, Jeong, Chung, Oh): each spelling of one
# Hangul syllable is another spelling of the others (a Latin query "Lee Pyong Chol" for RI Pyong Chol).
# From the alternatives of the Hangul syllable (``_hangul``, ``_FAMILY_POPULAR``), the common ones.
_KOREAN_FAMILIES = tuple(
    frozenset(_words(group))
    for group in (
        "ri rhee lee yi",
        "choe choi",
        "pak park bak",
        "o oh",
        "jo cho",
        # (not jeong, which the scorer already pairs with jong, 0.80, and whose j / g the rules for
        # Arabic names read alike: "Park Jong Chon" scored 0.87 against BAK Gwang Hun with it)
        "jong chung jung chong",
        "u woo",
        "rim lim im",
        "ro roh noh",
        "ryu yoo",
        "yun yoon",
        "sin shin",
        "son sohn",
        "an ahn",
        "so suh seo",
        "ko koh",
        "mun moon",
        "chon jeon jon",
        "ho heo huh",
        "paek baek paik",
        "hyon hyun hyeon",
    )
)
_KOREAN_FAMILY = {name: group for group in _KOREAN_FAMILIES for name in group}
KOREAN_FAMILY_SPELLINGS = frozenset(_KOREAN_FAMILY)


# Korean family names in Latin letters, as the lists and the press write them: the spellings above
# and those with no other spelling there (Kim, Kang, Han ...). A name that starts or ends with one
# and has two short words besides is read as Korean (rr_given_readings).
KOREAN_SURNAMES = KOREAN_FAMILY_SPELLINGS | frozenset(
    _words(
        "kim gim kang gang han hwang hong kwon gwon jang chang nam ju chu yang ryang kye gye thae tae "
        "sim shim jeon cha min bae pae song kil gil"
    )
)


@lru_cache(maxsize=1)
def _rr_to_mr() -> dict[str, tuple[str, ...]]:
    """Each Hangul syllable's Revised Romanization (South Korea's standard of 2000, the Ministry of
    Culture and Tourism's notice 2000-8: initials g d b j, vowels eo yeo eu) -> the spellings the
    lists write for it: McCune-Reischauer as North Korea writes it (its 1992 standard: initials k t
    p, ㅓ ㅕ ㅡ as o yo u, breves and apostrophes left out; _HANGUL_INITIAL_NK / _HANGUL_VOWEL_NK)
    and McCune-Reischauer's ch / tch (_HANGUL_INITIAL_MR). Both write ㅓ o and nothing else: 정 is
    Jeong or Jong, never Jung here (the popular spelling) nor er, so no English name is read in
    (밀러 stays Miller's Hangul, not a Korean given name). Only syllables spelt otherwise in RR."""
    table: dict[str, dict[str, None]] = {}
    for code in range(_HANGUL_FIRST, _HANGUL_LAST + 1):
        char = chr(code)
        rr = _hangul_syllable(char, _HANGUL_INITIAL_RR, _HANGUL_VOWEL_RR)
        spellings = table.setdefault(rr, {})
        for initials in (_HANGUL_INITIAL_NK, _HANGUL_INITIAL_MR):
            spellings.setdefault(_hangul_syllable(char, initials, _HANGUL_VOWEL_NK), None)
    return {
        rr: tuple(s for s in spellings if s != rr) for rr, spellings in table.items() if set(spellings) - {rr}
    }


def rr_given_readings(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """For a name of three Latin words, a Korean family name first or last (KOREAN_SURNAMES) and
    two syllables of a given name besides ("Kim Jeong-eun", "Yeo-jong Kim"): per word, the
    McCune-Reischauer spellings of its Revised Romanization (_rr_to_mr: jeong -> jong, chong; eun
    -> un), () for the family name and for a word that is no RR syllable. () for any other name."""
    if len(words) != 3 or not all(w.isascii() and w.isalpha() and len(w) <= 6 for w in words):
        return ()
    family = 0 if words[0] in KOREAN_SURNAMES else 2 if words[2] in KOREAN_SURNAMES else None
    if family is None:
        return ()
    table = _rr_to_mr()
    return tuple(() if i == family else table.get(w, ()) for i, w in enumerate(words))


def _latin_alternatives(word: str) -> list[tuple[str, ...]]:
    folded = unicodedata.normalize("NFC", word.casefold())
    spellings: list[tuple[str, ...]] = []
    korean = _KOREAN_FAMILY.get(folded)
    if korean is not None:
        spellings += [(other,) for other in sorted(korean) if other != folded]
    national = folded.translate(_NATIONAL_LATIN)
    if national != folded:
        spellings.append(_ascii_tokens(national))
        if _SLAVIC_LETTERS.search(folded) and _SLAVIC_C.search(national):
            # a word with Czech, Slovak, Polish or Belarusian letters writes ц as c (ŠAŬCOŬ: Shautsou)
            spellings.append(_ascii_tokens(_SLAVIC_C.sub("ts", national)))
    plain = _ascii_tokens(folded)
    # (national is folded for most words: its tokens are not computed twice)
    for base in dict.fromkeys([plain, plain if national == folded else _ascii_tokens(national)]):
        if len(base) != 1:
            continue
        for sign, rules in _LATIN_GROUPS:
            if not sign.search(base[0]):
                continue
            changed = base[0]
            for pattern, repl in rules:
                changed = pattern.sub(repl, changed)
            changed = changed.translate(_PLACEHOLDERS)
            if changed != base[0]:
                spellings.append((changed,))
        spellings.extend((spelling,) for spelling in _german_spellings(base[0]) if spelling != base[0])
    return spellings


@lru_cache(maxsize=200_000)
def romanise(word: str) -> tuple[str, ...]:
    """The main spelling of one word as lower-case ASCII tokens (one word may give several: a Chinese
    or Korean name, an Arabic word with its article). () when nothing is left."""
    if word.isascii():
        return _ascii_tokens(word)
    script = detect_script(word)
    if script == "Cyrl":
        return _cyrillic(word)
    if script == "Grek":
        return _ascii_tokens(_transliterate("Greek-Latin/UNGEGN", unicodedata.normalize("NFC", word)))
    if script == "Arab":
        return _arabic(word)
    if script == "Hebr":
        # ICU Hebrew-Latin; ayin and alef (ʻ ʼ) are a written vowel, as ain in Arabic (עדן: Eden)
        latin = _transliterate("Hebrew-Latin", unicodedata.normalize("NFC", word))
        return _ascii_tokens(latin.replace("ʻ", "a").replace("ʼ", "a").replace("ş", "sh"))
    if script == "Hang":
        return _hangul(word, _HANGUL_INITIAL_NK, _HANGUL_VOWEL_NK)
    if script == "Hani":
        return _chinese(word)
    if script in (None, "Latn"):
        return _ascii_tokens(word)
    return _ascii_tokens(ascii_text(word))


@lru_cache(maxsize=200_000)
def alternatives(word: str) -> tuple[tuple[str, ...], ...]:
    """Other spellings of ``word`` that lists use, each with as many tokens as ``romanise(word)``
    (spellings that split differently are left out), without the main one and without repeats."""
    main = romanise(word)
    script = "Latn" if word.isascii() else detect_script(word)
    spellings: list[tuple[str, ...]] = []
    if script == "Latn":
        spellings = _latin_alternatives(word)
    elif script == "Cyrl":
        spellings = _cyrillic_alternatives(word)
    elif script == "Grek":
        spellings = [_ascii_tokens(_transliterate("Greek-Latin", unicodedata.normalize("NFC", word)))]
        spellings += _greek_foreign(word)
    elif script == "Arab":
        spellings = _arabic_alternatives(word, main)
    elif script == "Hang":
        spellings = [
            _hangul(word, _HANGUL_INITIAL_RR, _HANGUL_VOWEL_RR),
            _hangul(word, _HANGUL_INITIAL_MR, _HANGUL_VOWEL_NK),
        ]
        others = _other_first_readings(word)
        spellings += [_hangul(other, _HANGUL_INITIAL_NK, _HANGUL_VOWEL_NK) for other in others]
        popular = (_HANGUL_INITIAL_NK, _HANGUL_INITIAL_RR, _HANGUL_INITIAL_MR)
        spellings += [_hangul(word, initials, None) for initials in popular]
        if word[:1] in _LEE:
            spellings += [(name, *main[1:]) for name in ("lee", "yi")]
        if word[:1] in _FAMILY_POPULAR:
            spellings.append((_FAMILY_POPULAR[word[:1]], *main[1:]))
    kept = [s for s in dict.fromkeys(spellings) if s != main and len(s) == len(main)]
    return tuple(kept)


def is_abjad(word: str) -> bool:
    """True for a word written in a script that leaves most vowels out (Arabic, Persian, Hebrew ...)."""
    return not word.isascii() and detect_script(word) in ABJAD_SCRIPTS


def word_segments(word: str, count: int) -> list[str]:
    """The part of ``word`` behind each of its ``count`` tokens, so that every token of a name has its
    own raw text (리병철 -> 리, 병, 철; الحسن -> ال, حسن; 欧阳修 -> 欧阳, 修). Where the split is not
    known, the word with the token's number ("word#2")."""
    if count == 1:
        return [word]
    if len(word) == count:
        return list(word)
    if count == 2 and detect_script(word) == "Arab":
        plain = unicodedata.normalize("NFKC", word)  # presentation forms (اﻟﺤﺮاﺷﻲ) as letters
        if plain.startswith("ال"):
            return [plain[:2], plain[2:]]
        if _SAYYID.match(_arabic_letters(plain)):
            return [plain[:3], plain[3:]]
    if count == 2 and all(map(_is_han, word)):
        family = 2 if word[:2] in _COMPOUND_SURNAMES and len(word) > 2 else 1
        return [word[:family], word[family:]]
    return [f"{word}#{i}" for i in range(1, count + 1)]
